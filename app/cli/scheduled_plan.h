#pragma once

// What `aegis run-scheduled` has to do at a given instant. Pure: the clock, the record of earlier
// runs and the settings go in, the decision comes out, so every rule is tested without timers.
//
// The rules themselves (NSE-session refreshes, the weekly retrain and its catch-up) belong to
// ui::RunSchedule, which the desktop app uses too; this adds only what an unattended caller needs:
//   * a grace period: a timer that wakes a moment before a run is due still runs it, so a 30-minute
//     timer with a few hundred milliseconds of jitter does not skip every other slot;
//   * the last retrain is the later of the recorded one and the current model generation's creation,
//     so a retrain made by hand (`aegis train`, the desktop app) counts;
//   * a failed retrain is retried at the earliest `retrainRetryMinutes` after the failure, not at
//     every wake-up.

#include "ui/worker/schedule.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace aegis::cli {

// The record of earlier scheduled runs (scheduled_state.h keeps it on disk). Invalid times: never.
struct ScheduledState {
    QDateTime lastRefreshUtc;         // start of the last refresh that succeeded
    QDateTime lastRetrainUtc;         // start of the last retrain that succeeded
    QDateTime lastRetrainFailureUtc;  // start of the last retrain that failed
    QDateTime lastRunUtc;             // start of the last run that did anything
    bool lastRunSucceeded = true;
    QString lastMessage;              // the last run's one-line outcome
};

struct ScheduledRunSettings {
    ui::ScheduleSettings schedule;
    int graceSeconds = 120;
    int retrainRetryMinutes = 60;
};

struct ScheduledPlan {
    bool refresh = false;  // bring the data up to date (nothing to fetch for DEMO data), re-infer, export
    bool retrain = false;  // train every engine into a new generation, then re-infer and export
    std::optional<QDateTime> nextRefreshUtc;  // when nothing is due: when something next will be
    std::optional<QDateTime> nextRetrainUtc;
    QString reason;        // one line: what is due and why, or why nothing is

    bool anythingDue() const { return refresh || retrain; }
};

ScheduledPlan planScheduledRun(const QDateTime& nowUtc, const ScheduledState& state, const QDateTime& modelsCreatedUtc,
                               const ScheduledRunSettings& settings,
                               const data::NseCalendar& calendar = data::NseCalendar::instance());

// "2026-11-23 09:45 IST" — the schedule is NSE's, so people read its times in IST.
QString formatIst(const QDateTime& instantUtc);

}  // namespace aegis::cli
