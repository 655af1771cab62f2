#include "engines/buyer/session_range.h"

#include "engines/core/session_so_far.h"
#include "engines/features/indicators.h"

#include <cmath>

namespace aegis::engines {

std::optional<report::RangeSoFar> rangeSoFar(const data::BarSeries& daily, const data::BarSeries& intraday, QDate session,
                                             double atr, std::int64_t nowUtc)
{
    if (!std::isfinite(atr) || atr <= 0.0)
        return std::nullopt;
    const std::optional<report::SessionSoFar> observed = sessionSoFar(daily, intraday, session, nowUtc);
    if (!observed)
        return std::nullopt;
    report::RangeSoFar range;
    range.observed = *observed;
    range.atr = atr;
    range.rangeAtr = (observed->high - observed->low) / atr;
    range.thresholdAtr = kBreakoutAtrMultiple;
    range.brokenOut = range.rangeAtr > range.thresholdAtr;
    return range;
}

}  // namespace aegis::engines
