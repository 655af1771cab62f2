#pragma once

// Intraday activity per window of the session, against the same window on up to 20 earlier sessions:
// the score is the share of them that moved less (0..1, the dashboard's scale), the ratio its realised
// variance over their mean (the intraday features' movement_* ratios). A basis says which session and
// how many baseline sessions. No bars: no windows, and the basis says why.

#include "engines/report/report_model.h"

#include "data/core/market_types.h"

#include <cstdint>
#include <vector>

namespace aegis::engines {

struct GammaWindowsView {
    std::vector<report::GammaWindow> windows;
    QString basis;
};

GammaWindowsView gammaWindows(const QString& symbol, const data::BarSeries& intraday, std::int64_t nowUtc);

}  // namespace aegis::engines
