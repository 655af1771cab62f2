#include "ui/worker/schedule.h"

#include <algorithm>

namespace aegis::ui {

namespace {

QDateTime utc(const QDateTime& instant)
{
    return instant.toUTC();
}

QDate istDateOf(const QDateTime& instant)
{
    return data::NseCalendar::istDate(instant.toSecsSinceEpoch());
}

// The calendar has at most a few non-session days in a row; this bounds a loop over sessions should a
// calendar ever answer nonsense.
constexpr int kMaxSessionsScanned = 8;

}  // namespace

RunSchedule::RunSchedule(ScheduleSettings settings, const data::NseCalendar& calendar)
    : settings_(settings)
    , calendar_(calendar)
{
    settings_.refreshIntervalMinutes = std::max(1, settings_.refreshIntervalMinutes);
    settings_.settleMinutes = std::max(0, settings_.settleMinutes);
    if (!settings_.retrainTimeUtc.isValid())
        settings_.retrainTimeUtc = QTime(0, 0);
}

QDateTime RunSchedule::firstOpenInstantFrom(const QDateTime& instant) const
{
    QDate day = istDateOf(instant);
    for (int scanned = 0; scanned < kMaxSessionsScanned; ++scanned) {
        if (const std::optional<data::SessionTimes> session = calendar_.sessionTimes(day)) {
            if (instant < session->openUtc)
                return session->openUtc;
            if (instant < session->closeUtc) {
                const bool inBreak = session->breakStartUtc.isValid() && instant >= session->breakStartUtc
                    && instant < session->breakEndUtc;
                return inBreak ? session->breakEndUtc : instant;
            }
        }
        day = calendar_.nextSession(day);
    }
    return instant;
}

QDateTime RunSchedule::firstSettledCloseAfter(const QDateTime& instant) const
{
    // A session's settle time can fall after midnight UTC but never after the IST day ends, so the
    // session before the instant's IST day is the earliest one that can qualify.
    QDate day = calendar_.previousSession(istDateOf(instant));
    for (int scanned = 0; scanned < kMaxSessionsScanned; ++scanned) {
        if (const std::optional<data::SessionTimes> session = calendar_.sessionTimes(day)) {
            const QDateTime settled = session->closeUtc.addSecs(qint64(settings_.settleMinutes) * 60);
            if (settled > instant)
                return utc(settled);
        }
        day = calendar_.nextSession(day);
    }
    return instant;
}

std::optional<QDateTime> RunSchedule::nextRefresh(const QDateTime& nowUtc, const QDateTime& lastRefreshUtc) const
{
    if (!settings_.autoRefresh)
        return std::nullopt;
    if (!lastRefreshUtc.isValid())
        return utc(nowUtc);
    const QDateTime intervalElapsed = lastRefreshUtc.addSecs(qint64(settings_.refreshIntervalMinutes) * 60);
    const QDateTime duringSession = utc(firstOpenInstantFrom(intervalElapsed));
    const QDateTime afterClose = firstSettledCloseAfter(lastRefreshUtc);
    return std::min(duringSession, afterClose);
}

bool RunSchedule::isRefreshDue(const QDateTime& nowUtc, const QDateTime& lastRefreshUtc) const
{
    const std::optional<QDateTime> next = nextRefresh(nowUtc, lastRefreshUtc);
    return next && *next <= nowUtc;
}

std::optional<QDateTime> RunSchedule::nextRetrain(const QDateTime& nowUtc, const QDateTime& lastRetrainUtc) const
{
    if (!settings_.weeklyRetrain)
        return std::nullopt;
    if (!lastRetrainUtc.isValid())
        return utc(nowUtc);
    const QDate lastDay = lastRetrainUtc.toUTC().date();
    for (int offset = 0; offset <= 7; ++offset) {
        const QDateTime slot(lastDay.addDays(offset), settings_.retrainTimeUtc, Qt::UTC);
        if (slot.date().dayOfWeek() == settings_.retrainDay && slot > lastRetrainUtc)
            return slot;
    }
    return utc(nowUtc);
}

bool RunSchedule::isRetrainDue(const QDateTime& nowUtc, const QDateTime& lastRetrainUtc) const
{
    const std::optional<QDateTime> next = nextRetrain(nowUtc, lastRetrainUtc);
    return next && *next <= nowUtc;
}

QDateTime retrainCountedFrom(const QDateTime& stampedCreatedUtc, const QDateTime& lastAttemptUtc, const QDateTime& nowUtc)
{
    const QDateTime generationCreatedUtc = stampedCreatedUtc.isValid() && stampedCreatedUtc > nowUtc ? QDateTime() : stampedCreatedUtc;
    if (!lastAttemptUtc.isValid())
        return generationCreatedUtc;
    if (!generationCreatedUtc.isValid())
        return lastAttemptUtc;
    return std::max(generationCreatedUtc, lastAttemptUtc);
}

}  // namespace aegis::ui
