#include "data/providers/bar_finality.h"

#include "data/calendar/nse_calendar.h"

#include <QDateTime>
#include <QTimeZone>

namespace aegis::data {

namespace {

constexpr std::int64_t kIstOffsetSeconds = 5 * 3600 + 30 * 60;

// For a day the calendar does not list as a session (Yahoo has a bar anyway) assume regular hours for
// the open; the close is taken as the day's end, since such a day is most likely a special session of
// unlisted hours (the 2026 Muhurat, an evening session): a bar marked final at 16:00 was frozen half-made.
std::int64_t istWallClockUtc(QDate date, int hour, int minute)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone::utc()).toSecsSinceEpoch() - kIstOffsetSeconds;
}

}  // namespace

std::int64_t sessionOpenUtc(QDate session)
{
    if (const auto times = NseCalendar::instance().sessionTimes(session))
        return times->openUtc.toSecsSinceEpoch();
    return istWallClockUtc(session, 9, 15);
}

std::int64_t sessionCloseUtc(QDate session)
{
    if (const auto times = NseCalendar::instance().sessionTimes(session))
        return times->closeUtc.toSecsSinceEpoch();
    return istWallClockUtc(session, 23, 59);
}

bool isDailyBarFinal(QDate session, std::int64_t nowUtc)
{
    const auto settle = std::chrono::duration_cast<std::chrono::seconds>(kDailySettleDelay).count();
    return nowUtc >= sessionCloseUtc(session) + settle;
}

bool isIntradayBarFinal(std::int64_t barOpenUtc, Interval interval, std::int64_t nowUtc)
{
    return nowUtc >= barOpenUtc + intervalSeconds(interval);
}

}  // namespace aegis::data
