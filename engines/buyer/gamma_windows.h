#pragma once

// Intraday activity per window of the session: the realised variance of the window so far relative to
// the same window on up to 20 earlier sessions (the intraday features' movement_* ratios), with a basis
// that says which session and how many baseline sessions. No bars: no windows, and the basis says why.

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
