#include "app/cli/scheduled_plan.h"

#include <algorithm>

namespace aegis::cli {

namespace {

QString formatUtc(const QDateTime& instant)
{
    return instant.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QString describeLast(const QDateTime& instant, const QString& what)
{
    return instant.isValid() ? QStringLiteral("last %1 %2").arg(what, formatIst(instant)) : QStringLiteral("never %1").arg(what);
}

}  // namespace

QString formatIst(const QDateTime& instantUtc)
{
    return data::NseCalendar::toIst(instantUtc.toSecsSinceEpoch()).toString(QStringLiteral("yyyy-MM-dd HH:mm 'IST'"));
}

ScheduledPlan planScheduledRun(const QDateTime& nowUtc, const ScheduledState& state, const QDateTime& modelsCreatedUtc,
                               const ScheduledRunSettings& settings, const data::NseCalendar& calendar)
{
    const ui::RunSchedule schedule(settings.schedule, calendar);
    const QDateTime now = nowUtc.toUTC();
    const QDateTime withGrace = now.addSecs(std::max(0, settings.graceSeconds));
    const QDateTime lastRetrain = ui::retrainCountedFrom(modelsCreatedUtc, state.lastRetrainUtc, now);

    ScheduledPlan plan;
    plan.nextRefreshUtc = schedule.nextRefresh(now, state.lastRefreshUtc);
    plan.nextRetrainUtc = schedule.nextRetrain(now, lastRetrain);
    plan.refresh = plan.nextRefreshUtc && *plan.nextRefreshUtc <= withGrace;
    bool retrainDue = plan.nextRetrainUtc && *plan.nextRetrainUtc <= withGrace;

    QStringList reasons;
    if (retrainDue && state.lastRetrainFailureUtc.isValid() && state.lastRetrainFailureUtc > lastRetrain) {
        const QDateTime retryAt = state.lastRetrainFailureUtc.addSecs(qint64(settings.retrainRetryMinutes) * 60);
        if (retryAt > withGrace) {
            retrainDue = false;
            plan.nextRetrainUtc = retryAt.toUTC();
            reasons << QStringLiteral("the retrain attempted at %1 failed; next attempt from %2")
                           .arg(formatIst(state.lastRetrainFailureUtc), formatIst(retryAt));
        }
    }
    plan.retrain = retrainDue;

    if (plan.refresh)
        reasons.prepend(QStringLiteral("refresh due (%1)").arg(describeLast(state.lastRefreshUtc, QStringLiteral("refreshed"))));
    if (plan.retrain) {
        reasons << (lastRetrain.isValid() ? QStringLiteral("weekly retrain due (slot %1 passed; %2)")
                                                .arg(formatUtc(*plan.nextRetrainUtc), describeLast(lastRetrain, QStringLiteral("retrained")))
                                          : QStringLiteral("retrain due (no usable model generation yet)"));
    }
    if (!plan.anythingDue()) {
        QStringList next;
        next << (plan.nextRefreshUtc ? QStringLiteral("next refresh %1").arg(formatIst(*plan.nextRefreshUtc))
                                     : QStringLiteral("refresh off"));
        next << (plan.nextRetrainUtc ? QStringLiteral("next retrain %1").arg(formatUtc(*plan.nextRetrainUtc))
                                     : QStringLiteral("weekly retrain off"));
        reasons.prepend(QStringLiteral("nothing due at %1: %2").arg(formatIst(now), next.join(QStringLiteral(", "))));
    }
    plan.reason = reasons.join(QStringLiteral("; "));
    return plan;
}

}  // namespace aegis::cli
