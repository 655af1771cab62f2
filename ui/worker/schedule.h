#pragma once

// When the workstation refreshes data and retrains on its own. Pure: given the clock and the times of
// the last runs it answers "when is the next run due?" and "is it due now?", so the desktop app and a
// headless scheduled run share one rule and tests need no timers. Depends on QtCore and the NSE
// calendar only.
//
// Refresh rule (IST sessions from the calendar, holidays and special sessions included):
//   * while a session is open, every `refreshIntervalMinutes` after the last refresh;
//   * once more after each session's close plus `settleMinutes`, so the final daily bar is fetched
//     even when the app was closed at that moment;
//   * never before the last refresh was made (a refresh never runs "for" a slot it already covered).
// Retrain rule: once a week at `retrainDay` `retrainTimeUtc` (UTC). A slot missed while the app was
// closed is due at once on the next start (catch-up), once however many slots were missed.

#include "data/calendar/nse_calendar.h"

#include <QDateTime>
#include <QTime>

#include <optional>

namespace aegis::ui {

struct ScheduleSettings {
    bool autoRefresh = true;
    int refreshIntervalMinutes = 30;
    // Matches data::kDailySettleDelay (Yahoo revises the day's numbers for a while after the close);
    // repeated here because the schedule must not depend on the providers.
    int settleMinutes = 30;
    bool weeklyRetrain = true;
    Qt::DayOfWeek retrainDay = Qt::Saturday;
    QTime retrainTimeUtc = QTime(0, 0);
};

// What the weekly retrain counts from: the current generation's creation or the last retrain attempt,
// whichever is later (an invalid one is ignored). A cancelled or failed retrain leaves the generation
// as it was; counting from it alone made the slot due again the moment the attempt ended, so Cancel
// restarted the retrain and one that kept failing retried in a loop. Now it waits for the next slot.
// A creation time after `nowUtc` (stamped while the clock ran ahead) is ignored: counted from, it held
// the weekly retrain off until that date.
QDateTime retrainCountedFrom(const QDateTime& generationCreatedUtc, const QDateTime& lastAttemptUtc, const QDateTime& nowUtc);

class RunSchedule {
public:
    explicit RunSchedule(ScheduleSettings settings, const data::NseCalendar& calendar = data::NseCalendar::instance());

    const ScheduleSettings& settings() const { return settings_; }

    // The instant the next refresh is due (UTC). At or before `nowUtc` means it is due now, including a
    // run missed while the app was closed. An invalid `lastRefreshUtc` (never refreshed) is due now.
    // Nothing when auto-refresh is off.
    std::optional<QDateTime> nextRefresh(const QDateTime& nowUtc, const QDateTime& lastRefreshUtc) const;
    bool isRefreshDue(const QDateTime& nowUtc, const QDateTime& lastRefreshUtc) const;

    // The first weekly retrain slot after `lastRetrainUtc` (the current model generation's creation
    // time); due now when that slot has passed. An invalid `lastRetrainUtc` is due now. Nothing when the
    // weekly retrain is off.
    std::optional<QDateTime> nextRetrain(const QDateTime& nowUtc, const QDateTime& lastRetrainUtc) const;
    bool isRetrainDue(const QDateTime& nowUtc, const QDateTime& lastRetrainUtc) const;

private:
    // The first instant at or after `instant` at which the market is open.
    QDateTime firstOpenInstantFrom(const QDateTime& instant) const;
    // The first "close + settle" instant strictly after `instant`.
    QDateTime firstSettledCloseAfter(const QDateTime& instant) const;

    ScheduleSettings settings_;
    const data::NseCalendar& calendar_;
};

}  // namespace aegis::ui
