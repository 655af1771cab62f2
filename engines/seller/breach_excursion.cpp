#include "engines/seller/breach_excursion.h"

#include "data/calendar/nse_calendar.h"
#include "engines/labels/label_table.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aegis::engines {

double breachExcursion(const DailyBars& bars, double sigmaAnnual, std::size_t t, int sessions)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    if (sessions < 1 || t + std::size_t(sessions) >= bars.size() || !std::isfinite(sigmaAnnual) || sigmaAnnual <= 0.0)
        return kNaN;
    if (data::NseCalendar::instance().sessionCount(bars.dates[t], bars.dates[t + std::size_t(sessions)])
        > sessions + kLabelMissingSessionsAllowed)
        return kNaN;
    const double close = bars.close[t];
    double furthest = 0.0;
    for (std::size_t j = t + 1; j <= t + std::size_t(sessions); ++j)
        furthest = std::max({furthest, std::log(bars.high[j] / close), std::log(close / bars.low[j])});
    return furthest / (sigmaAnnual * std::sqrt(double(sessions) / kSessionsPerYear));
}

}  // namespace aegis::engines
