#include "engines/core/session_so_far.h"

#include "data/calendar/nse_calendar.h"

#include <algorithm>
#include <cmath>

namespace aegis::engines {

namespace {

bool usable(const data::Bar& bar)
{
    return std::isfinite(bar.high) && std::isfinite(bar.low) && bar.high >= bar.low && bar.low > 0.0;
}

}  // namespace

std::optional<report::SessionSoFar> sessionSoFar(const data::BarSeries& daily, const data::BarSeries& intraday, QDate session,
                                                 std::int64_t nowUtc)
{
    if (!session.isValid())
        return std::nullopt;
    double high = -INFINITY, low = INFINITY;
    std::int64_t intradayEnd = 0;
    const std::int64_t length = data::intervalSeconds(intraday.interval);
    for (const data::Bar& bar : intraday.bars) {
        // Only bars complete at `nowUtc`: a later bar is the future of the moment the report describes.
        if (bar.session != session || bar.utc + length > nowUtc || !usable(bar))
            continue;
        high = std::max(high, bar.high);
        low = std::min(low, bar.low);
        intradayEnd = std::max(intradayEnd, bar.utc + length);
    }
    // A final bar of the session would have made it the last completed one.
    bool fromDaily = false;
    for (const data::Bar& bar : daily.bars) {
        if (bar.session != session || bar.final || bar.utc > nowUtc || !usable(bar))
            continue;
        high = std::max(high, bar.high);
        low = std::min(low, bar.low);
        fromDaily = true;
    }
    if (!std::isfinite(high))
        return std::nullopt;

    report::SessionSoFar observed;
    observed.session = session;
    observed.high = high;
    observed.low = low;
    QStringList sources;
    if (intradayEnd > 0) {
        observed.asOf = QDateTime::fromSecsSinceEpoch(intradayEnd, Qt::UTC);
        sources << QStringLiteral("%1 bars to %2 IST")
                       .arg(toString(intraday.interval),
                            data::NseCalendar::toIst(intradayEnd).time().toString(QStringLiteral("HH:mm")));
    }
    if (fromDaily)
        sources << QStringLiteral("the session's daily bar so far");
    observed.basis = sources.join(QStringLiteral(" and "));
    return observed;
}

}  // namespace aegis::engines
