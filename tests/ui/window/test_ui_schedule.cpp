// The run schedule: refreshes during NSE sessions (IST, holidays and special sessions from the calendar),
// one after each close, the weekly retrain, and catch-up of runs missed while the app was closed.
#include "ui/worker/schedule.h"

#include <QTest>

using aegis::ui::RunSchedule;
using aegis::ui::ScheduleSettings;

namespace {

QDateTime utc(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), Qt::UTC);
}

// 09:15 IST is 03:45 UTC, 15:30 IST is 10:00 UTC; the close settles 30 minutes later, 10:30 UTC.
QDateTime openOn(int year, int month, int day)
{
    return utc(year, month, day, 3, 45);
}

}  // namespace

class ScheduleTest : public QObject {
    Q_OBJECT

    RunSchedule schedule_{ScheduleSettings{}};

private Q_SLOTS:
    void inSessionEveryInterval()
    {
        const QDateTime last = utc(2025, 3, 11, 4, 0);  // Tuesday 09:30 IST
        QCOMPARE(*schedule_.nextRefresh(utc(2025, 3, 11, 4, 10), last), utc(2025, 3, 11, 4, 30));
        QVERIFY(!schedule_.isRefreshDue(utc(2025, 3, 11, 4, 29), last));
        QVERIFY(schedule_.isRefreshDue(utc(2025, 3, 11, 4, 30), last));
    }

    void lastIntervalOfTheDayWaitsForTheSettledClose()
    {
        const QDateTime last = utc(2025, 3, 11, 9, 50);  // 15:20 IST: +30 min is after the close
        QCOMPARE(*schedule_.nextRefresh(last, last), utc(2025, 3, 11, 10, 30));
    }

    void outOfSessionWaitsForTheNextOpen()
    {
        const QDateTime last = utc(2025, 3, 11, 10, 40);  // after the settled close
        const QDateTime evening = utc(2025, 3, 11, 14, 0);
        QCOMPARE(*schedule_.nextRefresh(evening, last), openOn(2025, 3, 12));
        QVERIFY(!schedule_.isRefreshDue(evening, last));
    }

    void weekendsAreSkipped()
    {
        const QDateTime fridayEvening = utc(2025, 3, 7, 10, 40);
        QCOMPARE(*schedule_.nextRefresh(utc(2025, 3, 8, 12, 0), fridayEvening), openOn(2025, 3, 10));
    }

    void holidaysAreSkipped()
    {
        // Thursday 2 October 2025 (Gandhi Jayanti) and Friday 14 March 2025 (Holi) are closed.
        QCOMPARE(*schedule_.nextRefresh(utc(2025, 10, 1, 12, 0), utc(2025, 10, 1, 10, 40)), openOn(2025, 10, 3));
        QCOMPARE(*schedule_.nextRefresh(utc(2025, 3, 13, 12, 0), utc(2025, 3, 13, 10, 40)), openOn(2025, 3, 17));
    }

    void specialSessionsCount()
    {
        // Muhurat trading, Tuesday 21 October 2025, 13:45-14:45 IST (08:15-09:15 UTC).
        const QDateTime mondayEvening = utc(2025, 10, 20, 10, 40);
        QCOMPARE(*schedule_.nextRefresh(mondayEvening, mondayEvening), utc(2025, 10, 21, 8, 15));
        // Its close settles at 09:45 UTC; the next regular session is Thursday (Wednesday is a holiday).
        QCOMPARE(*schedule_.nextRefresh(utc(2025, 10, 21, 9, 0), utc(2025, 10, 21, 9, 0)), utc(2025, 10, 21, 9, 45));
        QCOMPARE(*schedule_.nextRefresh(utc(2025, 10, 21, 9, 50), utc(2025, 10, 21, 9, 50)), openOn(2025, 10, 23));
    }

    void missedRefreshCatchesUpAtStartUp()
    {
        const QDateTime lastBeforeClosingTheApp = utc(2025, 3, 10, 6, 0);  // Monday mid-session
        const QDateTime startUpBeforeOpen = utc(2025, 3, 12, 2, 0);         // Wednesday 07:30 IST
        QVERIFY(schedule_.isRefreshDue(startUpBeforeOpen, lastBeforeClosingTheApp));
        // Once caught up (after Tuesday's settled close), nothing more is due until the open.
        QVERIFY(!schedule_.isRefreshDue(startUpBeforeOpen, startUpBeforeOpen));
        QCOMPARE(*schedule_.nextRefresh(startUpBeforeOpen, startUpBeforeOpen), openOn(2025, 3, 12));
    }

    void neverRefreshedIsDueNow()
    {
        const QDateTime now = utc(2025, 3, 9, 12, 0);  // a Sunday
        QVERIFY(schedule_.isRefreshDue(now, QDateTime()));
    }

    void customIntervalAndDisabled()
    {
        ScheduleSettings settings;
        settings.refreshIntervalMinutes = 5;
        const RunSchedule everyFive(settings);
        QCOMPARE(*everyFive.nextRefresh(utc(2025, 3, 11, 4, 0), utc(2025, 3, 11, 4, 0)), utc(2025, 3, 11, 4, 5));
        settings.autoRefresh = false;
        const RunSchedule off(settings);
        QVERIFY(!off.nextRefresh(utc(2025, 3, 11, 4, 0), QDateTime()).has_value());
        QVERIFY(!off.isRefreshDue(utc(2025, 3, 11, 4, 0), QDateTime()));
    }

    void weeklyRetrainOnSaturdayMidnightUtc()
    {
        const QDateTime trained = utc(2025, 3, 12, 10, 0);  // Wednesday
        QCOMPARE(*schedule_.nextRetrain(trained, trained), utc(2025, 3, 15, 0, 0));
        QVERIFY(!schedule_.isRetrainDue(utc(2025, 3, 14, 23, 59), trained));
        QVERIFY(schedule_.isRetrainDue(utc(2025, 3, 15, 0, 0), trained));
        // Trained exactly at a slot: the next one is a week later.
        QCOMPARE(*schedule_.nextRetrain(utc(2025, 3, 15, 0, 0), utc(2025, 3, 15, 0, 0)), utc(2025, 3, 22, 0, 0));
    }

    void missedRetrainsCatchUpOnce()
    {
        const QDateTime trained = utc(2025, 3, 12, 10, 0);
        const QDateTime startUp = utc(2025, 3, 24, 9, 0);  // two Saturdays missed
        QVERIFY(schedule_.isRetrainDue(startUp, trained));
        QVERIFY(!schedule_.isRetrainDue(startUp, startUp));  // the catch-up retrain covers both
        QCOMPARE(*schedule_.nextRetrain(startUp, startUp), utc(2025, 3, 29, 0, 0));
    }

    // A cancelled or failed retrain leaves the generation as it was: counted from it alone, the slot was
    // due again the moment the attempt ended (Cancel restarted the retrain; a failing one looped).
    void aFailedOrCancelledRetrainWaitsForTheNextSlot()
    {
        const QDateTime trained = utc(2025, 3, 12, 10, 0);   // Wednesday
        const QDateTime attempt = utc(2025, 3, 15, 0, 5);    // the Saturday slot's retrain, cancelled
        const QDateTime counted = aegis::ui::retrainCountedFrom(trained, attempt, utc(2025, 3, 15, 0, 6));
        QCOMPARE(counted, attempt);
        QVERIFY(schedule_.isRetrainDue(utc(2025, 3, 15, 0, 6), trained));  // what restarted it
        QVERIFY(!schedule_.isRetrainDue(utc(2025, 3, 15, 0, 6), counted));
        QCOMPARE(*schedule_.nextRetrain(utc(2025, 3, 15, 0, 6), counted), utc(2025, 3, 22, 0, 0));
        // No attempt recorded, or one older than the generation: the generation counts.
        QCOMPARE(aegis::ui::retrainCountedFrom(trained, QDateTime(), utc(2025, 3, 15, 0, 6)), trained);
        QCOMPARE(aegis::ui::retrainCountedFrom(trained, utc(2025, 3, 1, 0, 0), utc(2025, 3, 15, 0, 6)), trained);
        QCOMPARE(aegis::ui::retrainCountedFrom(QDateTime(), attempt, utc(2025, 3, 15, 0, 6)), attempt);
        // A generation stamped while the clock ran 400 days ahead held every weekly retrain off till then.
        const QDateTime aheadOfTime = utc(2026, 4, 19, 0, 5);
        QCOMPARE(aegis::ui::retrainCountedFrom(aheadOfTime, attempt, utc(2025, 3, 22, 0, 6)), attempt);
        QVERIFY(schedule_.isRetrainDue(utc(2025, 3, 22, 0, 6), aegis::ui::retrainCountedFrom(aheadOfTime, attempt, utc(2025, 3, 22, 0, 6))));
    }

    void customRetrainSlotAndDisabled()
    {
        ScheduleSettings settings;
        settings.retrainDay = Qt::Sunday;
        settings.retrainTimeUtc = QTime(18, 30);
        const RunSchedule sunday(settings);
        QCOMPARE(*sunday.nextRetrain(utc(2025, 3, 12, 10, 0), utc(2025, 3, 12, 10, 0)), utc(2025, 3, 16, 18, 30));
        settings.weeklyRetrain = false;
        const RunSchedule off(settings);
        QVERIFY(!off.nextRetrain(utc(2025, 3, 12, 10, 0), QDateTime()).has_value());
        QVERIFY(!off.isRetrainDue(utc(2025, 3, 12, 10, 0), QDateTime()));
    }
};

QTEST_GUILESS_MAIN(ScheduleTest)
#include "test_ui_schedule.moc"
