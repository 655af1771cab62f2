// `aegis run-scheduled`: the due-logic (planScheduledRun over ui::RunSchedule), its on-disk record of
// earlier runs, and the command as cron or a systemd timer meets it (nothing due, lock held, failure,
// usage errors, a full DEMO retrain + export followed by a run with nothing left to do).
#include "app/cli/scheduled_plan.h"
#include "app/cli/scheduled_state.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"
#include "cli_process.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using aegis::cli::planScheduledRun;
using aegis::cli::ScheduledPlan;
using aegis::cli::ScheduledRunSettings;
using aegis::cli::ScheduledState;
using aegis::testing::CliResult;
using aegis::testing::runCli;

namespace {

constexpr int kIstOffsetSeconds = 5 * 3600 + 30 * 60;

QDateTime ist(int year, int month, int day, int hour, int minute, int second = 0, int millisecond = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, millisecond), Qt::OffsetFromUTC, kIstOffsetSeconds).toUTC();
}

QDateTime utc(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), Qt::UTC);
}

// A record in which nothing is due on a weekday session until 30 minutes after `lastRefresh`.
ScheduledState refreshedAt(const QDateTime& lastRefresh)
{
    ScheduledState state;
    state.lastRefreshUtc = lastRefresh;
    state.lastRetrainUtc = utc(2026, 11, 21, 0, 1);  // Saturday's slot done
    return state;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class CliScheduledTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void calendarFactsTheseTestsRelyOn()
    {
        const auto& calendar = aegis::data::NseCalendar::instance();
        QVERIFY(calendar.isSession(QDate(2026, 11, 20)));   // Friday
        QVERIFY(!calendar.isSession(QDate(2026, 11, 22)));  // Sunday
        QVERIFY(calendar.isSession(QDate(2026, 11, 23)));   // Monday
        QVERIFY(!calendar.isSession(QDate(2026, 11, 24)));  // Guru Nanak Jayanti holiday
        QVERIFY(calendar.isSession(QDate(2026, 11, 25)));
    }

    void refreshIsDueEveryIntervalDuringASession()
    {
        const ScheduledState state = refreshedAt(ist(2026, 11, 23, 10, 0));
        const ScheduledPlan early = planScheduledRun(ist(2026, 11, 23, 10, 20), state, {}, {});
        QVERIFY(!early.refresh);
        QVERIFY(!early.retrain);
        QCOMPARE(*early.nextRefreshUtc, ist(2026, 11, 23, 10, 30));
        QVERIFY2(early.reason.startsWith(QStringLiteral("nothing due at 2026-11-23 10:20 IST: next refresh 2026-11-23 10:30 IST")),
                 qPrintable(early.reason));

        const ScheduledPlan due = planScheduledRun(ist(2026, 11, 23, 10, 30), state, {}, {});
        QVERIFY(due.refresh);
        QVERIFY(!due.retrain);
        QVERIFY2(due.reason.startsWith(QStringLiteral("refresh due (last refreshed 2026-11-23 10:00 IST)")), qPrintable(due.reason));
    }

    void aTimerWakingAMomentEarlyStillRuns()
    {
        // The last run started half a second after its slot, this one a fraction before 30 minutes later.
        const ScheduledState state = refreshedAt(ist(2026, 11, 23, 10, 0, 0, 500));
        QVERIFY(planScheduledRun(ist(2026, 11, 23, 10, 30, 0, 100), state, {}, {}).refresh);
        // The grace is two minutes, not more.
        QVERIFY(!planScheduledRun(ist(2026, 11, 23, 10, 27, 0), state, {}, {}).refresh);
        ScheduledRunSettings noGrace;
        noGrace.graceSeconds = 0;
        QVERIFY(!planScheduledRun(ist(2026, 11, 23, 10, 30, 0, 100), state, {}, noGrace).refresh);
    }

    void oneRefreshAfterTheCloseThenNothingUntilTheNextSession()
    {
        const ScheduledState beforeClose = refreshedAt(ist(2026, 11, 20, 15, 10));
        QVERIFY(!planScheduledRun(ist(2026, 11, 20, 15, 45), beforeClose, {}, {}).refresh);  // closed, not yet settled
        QVERIFY(planScheduledRun(ist(2026, 11, 20, 16, 0), beforeClose, {}, {}).refresh);    // close + 30 min settle

        const ScheduledState settled = refreshedAt(ist(2026, 11, 20, 16, 0));
        const ScheduledPlan sunday = planScheduledRun(ist(2026, 11, 22, 12, 0), settled, {}, {});
        QVERIFY(!sunday.anythingDue());
        QCOMPARE(*sunday.nextRefreshUtc, ist(2026, 11, 23, 9, 15));
    }

    void aHolidayHasNoRefresh()
    {
        const ScheduledState settled = refreshedAt(ist(2026, 11, 23, 16, 0));
        const ScheduledPlan holiday = planScheduledRun(ist(2026, 11, 24, 11, 0), settled, {}, {});
        QVERIFY(!holiday.refresh);
        QCOMPARE(*holiday.nextRefreshUtc, ist(2026, 11, 25, 9, 15));
    }

    void aNeverRefreshedStoreIsRefreshedAtOnce()
    {
        ScheduledState state = refreshedAt({});
        QVERIFY(planScheduledRun(ist(2026, 11, 22, 3, 0), state, {}, {}).refresh);  // even on a Sunday night
        QVERIFY(planScheduledRun(ist(2026, 11, 22, 3, 0), state, {}, {}).reason.contains(QStringLiteral("never refreshed")));
    }

    void weeklyRetrainAtItsSlot()
    {
        ScheduledState state = refreshedAt(ist(2026, 11, 20, 16, 0));
        state.lastRetrainUtc = utc(2026, 11, 14, 0, 5);
        QVERIFY(!planScheduledRun(utc(2026, 11, 20, 23, 50), state, {}, {}).retrain);
        const ScheduledPlan slot = planScheduledRun(utc(2026, 11, 21, 0, 0), state, {}, {});
        QVERIFY(slot.retrain);
        QVERIFY(!slot.refresh);  // Saturday: no session
        QVERIFY2(slot.reason.contains(QStringLiteral("weekly retrain due (slot 2026-11-21 00:00 UTC passed")), qPrintable(slot.reason));
    }

    void aMissedRetrainIsCaughtUpOnce()
    {
        ScheduledState state = refreshedAt(ist(2026, 11, 25, 10, 0));
        state.lastRetrainUtc = utc(2026, 10, 31, 0, 2);  // three slots missed
        const QDateTime now = ist(2026, 11, 25, 10, 10);
        QVERIFY(planScheduledRun(now, state, {}, {}).retrain);
        state.lastRetrainUtc = now;
        const ScheduledPlan after = planScheduledRun(now.addSecs(600), state, {}, {});
        QVERIFY(!after.retrain);
        QCOMPARE(*after.nextRetrainUtc, utc(2026, 11, 28, 0, 0));
    }

    void aRetrainByHandCounts()
    {
        ScheduledState state = refreshedAt(ist(2026, 11, 20, 16, 0));
        state.lastRetrainUtc = utc(2026, 10, 3, 0, 0);  // the scheduled record is old...
        const QDateTime trainedByHand = utc(2026, 11, 21, 0, 30);  // ...but `aegis train` ran after the slot
        QVERIFY(!planScheduledRun(utc(2026, 11, 21, 6, 0), state, trainedByHand, {}).retrain);
        QVERIFY(planScheduledRun(utc(2026, 11, 21, 6, 0), state, {}, {}).retrain);
    }

    void noModelsMeansRetrainNow()
    {
        ScheduledState state = refreshedAt(ist(2026, 11, 23, 10, 0));
        state.lastRetrainUtc = {};
        const ScheduledPlan plan = planScheduledRun(ist(2026, 11, 23, 10, 5), state, {}, {});
        QVERIFY(plan.retrain);
        QVERIFY2(plan.reason.contains(QStringLiteral("no usable model generation yet")), qPrintable(plan.reason));
    }

    void aFailedRetrainWaitsBeforeTheNextAttempt()
    {
        ScheduledState state = refreshedAt(ist(2026, 11, 20, 16, 0));
        state.lastRetrainUtc = utc(2026, 11, 14, 0, 5);
        state.lastRetrainFailureUtc = utc(2026, 11, 21, 0, 0);
        const ScheduledPlan soon = planScheduledRun(utc(2026, 11, 21, 0, 30), state, {}, {});
        QVERIFY(!soon.retrain);
        QCOMPARE(*soon.nextRetrainUtc, utc(2026, 11, 21, 1, 0));
        QVERIFY2(soon.reason.contains(QStringLiteral("failed")), qPrintable(soon.reason));
        QVERIFY(planScheduledRun(utc(2026, 11, 21, 1, 0), state, {}, {}).retrain);
        // A failure older than the last success no longer holds anything back.
        state.lastRetrainFailureUtc = utc(2026, 11, 13, 23, 59);
        QVERIFY(planScheduledRun(utc(2026, 11, 21, 0, 1), state, {}, {}).retrain);
    }

    void retrainDayAndTimeAreSettings()
    {
        ScheduledRunSettings sunday;
        sunday.schedule.retrainDay = Qt::Sunday;
        sunday.schedule.retrainTimeUtc = QTime(18, 30);
        ScheduledState state = refreshedAt(ist(2026, 11, 20, 16, 0));
        state.lastRetrainUtc = utc(2026, 11, 15, 18, 31);
        QVERIFY(!planScheduledRun(utc(2026, 11, 22, 18, 0), state, {}, sunday).retrain);
        QVERIFY(planScheduledRun(utc(2026, 11, 22, 18, 30), state, {}, sunday).retrain);
    }

    void stateRoundTripsThroughItsFile()
    {
        QTemporaryDir directory;
        const QString path = aegis::cli::scheduledStatePath(directory.path());
        ScheduledState state;
        state.lastRefreshUtc = ist(2026, 11, 23, 10, 0, 0, 250);
        state.lastRetrainFailureUtc = utc(2026, 11, 21, 0, 0);
        state.lastRunUtc = state.lastRefreshUtc;
        state.lastRunSucceeded = false;
        state.lastMessage = QStringLiteral("failed while retraining: x");
        aegis::cli::writeScheduledState(path, state);
        const aegis::cli::LoadedScheduledState loaded = aegis::cli::readScheduledState(path);
        QVERIFY2(loaded.problem.isEmpty(), qPrintable(loaded.problem));
        QCOMPARE(loaded.state.lastRefreshUtc, state.lastRefreshUtc);
        QVERIFY(!loaded.state.lastRetrainUtc.isValid());
        QCOMPARE(loaded.state.lastRetrainFailureUtc, state.lastRetrainFailureUtc);
        QCOMPARE(loaded.state.lastRunSucceeded, false);
        QCOMPARE(loaded.state.lastMessage, state.lastMessage);
    }

    void aMissingOrDamagedStateIsAnEmptyRecord()
    {
        QTemporaryDir directory;
        const QString path = aegis::cli::scheduledStatePath(directory.path());
        QVERIFY(aegis::cli::readScheduledState(path).problem.isEmpty());
        QVERIFY(!aegis::cli::readScheduledState(path).state.lastRefreshUtc.isValid());

        for (const QByteArray& damaged : {QByteArray("{\"format\":1,\"last_refresh_utc\":\"yesterday\"}"), QByteArray("not json"),
                                          QByteArray("{\"format\":99}")}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(damaged);
            file.close();
            const aegis::cli::LoadedScheduledState loaded = aegis::cli::readScheduledState(path);
            QVERIFY2(!loaded.problem.isEmpty(), damaged.constData());
            QVERIFY(!loaded.state.lastRefreshUtc.isValid());
        }
    }

    // --- the command -------------------------------------------------------------------------------

    void nothingDueExitsZeroWithOneLine()
    {
        QTemporaryDir dataDir;
        ScheduledState state = refreshedAt(ist(2026, 11, 20, 16, 0));
        aegis::cli::writeScheduledState(aegis::cli::scheduledStatePath(dataDir.path()), state);
        const CliResult result = runCli({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("run-scheduled"),
                                        QStringLiteral("--now"), QStringLiteral("2026-11-22T12:00:00+05:30")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
        QCOMPARE(result.out.count(QLatin1Char('\n')), 1);
        QVERIFY2(result.out.startsWith(QStringLiteral("nothing due at 2026-11-22 12:00 IST: next refresh 2026-11-23 09:15 IST")),
                 qPrintable(result.out));
        QVERIFY(!QFile::exists(dataDir.filePath(QStringLiteral("exports/aegismatrix.json"))));
    }

    void aSecondRunWhileOneHoldsTheLockDoesNothing()
    {
        QTemporaryDir dataDir;
        QLockFile held(dataDir.filePath(QStringLiteral("run-scheduled.lock")));
        QVERIFY(held.tryLock(0));
        const CliResult result = runCli({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("run-scheduled")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(QStringLiteral("another scheduled run is in progress (pid %1)").arg(QCoreApplication::applicationPid())),
                 qPrintable(result.out));
        QVERIFY(!QFile::exists(aegis::cli::scheduledStatePath(dataDir.path())));
    }

    void aStaleLockOfADeadProcessIsTakenOver()
    {
        QTemporaryDir dataDir;
        // What a killed run leaves behind: a lock file in QLockFile's own format naming a process that has exited.
        const QString lockPath = dataDir.filePath(QStringLiteral("run-scheduled.lock"));
        QByteArray contents;
        {
            QLockFile real(lockPath);
            QVERIFY(real.tryLock(0));
            contents = readAll(lockPath);
        }
        QProcess exited;
        exited.start(QStringLiteral("true"), {});
        QVERIFY(exited.waitForStarted());
        const qint64 deadPid = exited.processId();
        QVERIFY(exited.waitForFinished());
        contents = QByteArray::number(deadPid) + contents.mid(contents.indexOf('\n'));
        QFile stale(lockPath);
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write(contents);
        stale.close();
        aegis::cli::writeScheduledState(aegis::cli::scheduledStatePath(dataDir.path()), refreshedAt(ist(2026, 11, 20, 16, 0)));
        const CliResult result = runCli({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("run-scheduled"),
                                        QStringLiteral("--now"), QStringLiteral("2026-11-22T06:30:00Z")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(QStringLiteral("nothing due")), qPrintable(result.out));
    }

    // After an upgrade whose features refuse every stored generation, the record's recent retrain held
    // the next one off until the weekly slot while every export failed.
    void generationsThisBuildRefusesMakeARetrainDue()
    {
        QTemporaryDir dataDir;
        {
            const aegis::models::ModelStore store(dataDir.filePath(QStringLiteral("models")));
            aegis::models::GenerationWriter writer = store.beginGeneration();
            writer.addArtifact(QStringLiteral("evaluation.json"), "{}");
            writer.setFeatureSchemaHash(QStringLiteral("0000000000000000"));
            writer.commit();
        }
        aegis::cli::writeScheduledState(aegis::cli::scheduledStatePath(dataDir.path()), refreshedAt(ist(2026, 11, 23, 10, 0)));
        const CliResult result = runCli({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("run-scheduled"),
                                        QStringLiteral("--now"), QStringLiteral("2026-11-23T10:10:00+05:30")});
        QVERIFY2(result.out.startsWith(QStringLiteral("retrain due (no usable model generation yet)")), qPrintable(result.out));
        QCOMPARE(result.exitCode, 1);  // the empty store has nothing to train on
    }

    void aFailedRunSaysOneLineAndKeepsTheLastExport()
    {
        QTemporaryDir dataDir;
        const QString exportFile = dataDir.filePath(QStringLiteral("exports/aegismatrix.json"));
        QVERIFY(QDir().mkpath(dataDir.filePath(QStringLiteral("exports"))));
        QFile previous(exportFile);
        QVERIFY(previous.open(QIODevice::WriteOnly));
        previous.write("{\"previous\":true}\n");
        previous.close();
        // Refreshed recently, never trained, and an empty store: the retrain is due and cannot load data.
        ScheduledState state = refreshedAt(ist(2026, 11, 23, 10, 0));
        state.lastRetrainUtc = {};
        aegis::cli::writeScheduledState(aegis::cli::scheduledStatePath(dataDir.path()), state);

        const CliResult result = runCli({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("run-scheduled"),
                                        QStringLiteral("--now"), QStringLiteral("2026-11-23T10:10:00+05:30")});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(result.err.startsWith(QStringLiteral("aegis run-scheduled: failed while loading the data: ")), qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("the last export is unchanged")), qPrintable(result.err));
        QCOMPARE(readAll(exportFile), QByteArray("{\"previous\":true}\n"));

        const aegis::cli::LoadedScheduledState after = aegis::cli::readScheduledState(aegis::cli::scheduledStatePath(dataDir.path()));
        QVERIFY(!after.state.lastRunSucceeded);
        QCOMPARE(after.state.lastRunUtc, ist(2026, 11, 23, 10, 10));
        QCOMPARE(after.state.lastRefreshUtc, ist(2026, 11, 23, 10, 0));  // not advanced by a failed run
        QVERIFY(after.state.lastMessage.contains(QStringLiteral("loading the data")));
    }

    void wrongOptionsAreUsageErrors()
    {
        QTemporaryDir dataDir;
        const QStringList base{QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("run-scheduled")};
        for (const QStringList& wrong : {QStringList{QStringLiteral("--now"), QStringLiteral("tomorrow")},
                                         QStringList{QStringLiteral("--refresh-every"), QStringLiteral("0")},
                                         QStringList{QStringLiteral("--retrain-weekday"), QStringLiteral("8")},
                                         QStringList{QStringLiteral("--retrain-time"), QStringLiteral("25:00")}}) {
            const CliResult result = runCli(base + wrong);
            QCOMPARE(result.exitCode, 2);
            QVERIFY2(result.err.contains(wrong.front()), qPrintable(result.err));
        }
    }
};

QTEST_GUILESS_MAIN(CliScheduledTest)
#include "test_cli_scheduled.moc"
