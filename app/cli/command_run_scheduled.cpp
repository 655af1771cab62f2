// `aegis run-scheduled`: one unattended pass of the schedule, for cron or a systemd timer. It does what
// is due at this instant and exits; called at any other time it does nothing. A run either completes
// every due step and only then replaces the export, or stops at the first failure and leaves the
// export as it was.

#include "app/cli/commands.h"
#include "app/cli/scheduled_plan.h"
#include "app/cli/scheduled_state.h"
#include "app/cli/terminal_progress.h"

#include "data/providers/market_data_refresher.h"
#include "data/store/market_store.h"
#include "data/universe/universe.h"
#include "engines/pipeline/trained_engines.h"
#include "engines/report/report_json.h"
#include "models/store/model_store.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QLockFile>
#include <QSaveFile>
#include <QTextStream>

#include <algorithm>
#include <optional>
#include <unistd.h>

namespace aegis::cli {

namespace {

// Longer than any retrain could take: a lock older than this whose owner still seems alive is taken
// over. A lock whose process has died is taken over at once (QLockFile checks the pid).
constexpr int kStaleLockHours = 6;

struct ScheduledRunOptions {
    ScheduledRunSettings settings;
    QDateTime nowUtc;
    QString exportDirectory;  // empty: <data-dir>/exports
    QUrl yahooUrl;
    QUrl nseUrl;
    bool optionChains = false;
};

int boundedInteger(const QString& text, const char* option, int lowest, int highest)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < lowest || value > highest)
        throw UsageError(QStringLiteral("--%1 needs a whole number from %2 to %3, got '%4'")
                             .arg(QLatin1String(option))
                             .arg(lowest)
                             .arg(highest)
                             .arg(text)
                             .toStdString());
    return value;
}

QUrl serviceUrl(const QString& text, const char* option)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        throw UsageError(QStringLiteral("--%1 needs an http:// or https:// URL, got '%2'").arg(QLatin1String(option), text).toStdString());
    return url;
}

QDateTime parseNow(const QString& text)
{
    QDateTime instant = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!instant.isValid())
        throw UsageError(QStringLiteral("--now needs an ISO 8601 time such as 2026-11-23T10:00:00+05:30, got '%1'").arg(text).toStdString());
    if (instant.timeSpec() == Qt::LocalTime)  // no offset given: the documented meaning is UTC
        instant = QDateTime(instant.date(), instant.time(), Qt::UTC);
    return instant.toUTC();
}

ScheduledRunOptions parseOptions(const QCommandLineParser& parser)
{
    ScheduledRunOptions options;
    options.nowUtc = parser.isSet(QStringLiteral("now")) ? parseNow(parser.value(QStringLiteral("now")))
                                                         : QDateTime::currentDateTimeUtc();
    ui::ScheduleSettings& schedule = options.settings.schedule;
    schedule.refreshIntervalMinutes = boundedInteger(parser.value(QStringLiteral("refresh-every")), "refresh-every", 1, 24 * 60);
    schedule.retrainDay = Qt::DayOfWeek(boundedInteger(parser.value(QStringLiteral("retrain-weekday")), "retrain-weekday", 1, 7));
    const QString timeText = parser.value(QStringLiteral("retrain-time"));
    schedule.retrainTimeUtc = QTime::fromString(timeText, QStringLiteral("HH:mm"));
    if (!schedule.retrainTimeUtc.isValid())
        throw UsageError(QStringLiteral("--retrain-time needs HH:MM (24-hour, UTC), got '%1'").arg(timeText).toStdString());
    options.exportDirectory = parser.value(QStringLiteral("export-dir"));
    options.yahooUrl = serviceUrl(parser.value(QStringLiteral("yahoo-url")), "yahoo-url");
    options.nseUrl = serviceUrl(parser.value(QStringLiteral("nse-url")), "nse-url");
    options.optionChains = parser.isSet(QStringLiteral("option-chain"));
    return options;
}

// The models the export will use, loaded once per run: their creation decides whether a retrain is
// due, and without one they infer. None when no generation is usable, which makes a retrain due. Judged
// by CURRENT's manifest alone, a generation of an older feature schema (after an upgrade) held the
// retrain off while every export failed.
std::optional<engines::TrainedEngines> loadUsableModels(const QString& modelsDirectory)
{
    try {
        return engines::TrainedEngines::loadCurrent(models::ModelStore(modelsDirectory));
    } catch (const models::NoUsableGeneration& error) {
        spdlog::info("run-scheduled: no usable model generation ({}); treating the models as never trained", error.what());
        return std::nullopt;
    }
}

// Progress goes to the terminal when there is one; unattended, into the log only, so that stderr
// carries nothing but the one line saying why a run failed.
class ScheduledProgress {
public:
    ScheduledProgress()
    {
        if (::isatty(STDERR_FILENO) == 1)
            terminal_.emplace();
    }

    engines::RunControl control()
    {
        if (terminal_)
            return terminal_->control();
        return engines::RunControl(StopSignals::token(), [this](double fraction, const QString& message) {
            const int percent = int(fraction * 100.0);
            // The stage is the message's first word ("Reading RELIANCE", "Direction: ..."), so the log gets
            // a line per stage and per 10%, not one per ticker.
            const QString stage = message.section(QLatin1Char(' '), 0, 0);
            if (stage != lastStage_ || percent / 10 != lastPercent_ / 10)
                spdlog::info("run-scheduled [{:3d}%] {}", percent, message.toStdString());
            lastStage_ = stage;
            lastPercent_ = percent;
        });
    }

private:
    StopSignals stopSignals_;  // `systemctl stop` cancels at the next check; the last export stays
    std::optional<TerminalProgress> terminal_;
    QString lastStage_;
    int lastPercent_ = -1;
};

class ScheduledRun {
public:
    // `models`: the generation current when the run began, if usable; a retrain replaces it.
    ScheduledRun(const app::DataDirectory& directory, const ScheduledRunOptions& options, QTextStream& out,
                 std::optional<engines::TrainedEngines> models)
        : directory_(directory)
        , options_(options)
        , out_(out)
        , models_(std::move(models))
        , store_(QDir(directory.store()).filePath(data::MarketStore::defaultFileName()))
        , exportDirectory_(options.exportDirectory.isEmpty() ? directory.exports() : options.exportDirectory)
    {
    }

    // Runs the due steps in order; throws at the first failure with the step named.
    void execute(const ScheduledPlan& plan, ScheduledState& state)
    {
        ScheduledProgress progress;
        const engines::RunControl control = progress.control();
        if (plan.refresh)
            step("refreshing the data", [&] { refreshData(control.stage(0.0, 0.3)); });
        std::optional<engines::UniverseData> universe;
        step("loading the data", [&] { universe = loadUniverse(control.stage(0.3, 0.4)); });
        if (plan.retrain) {
            try {
                step("retraining", [&] { retrain(*universe, control.stage(0.4, 0.9)); });
                models_.reset();  // the new generation is loaded for the export
            } catch (...) {
                state.lastRetrainFailureUtc = options_.nowUtc;
                throw;
            }
            state.lastRetrainUtc = options_.nowUtc;
        }
        step("exporting", [&] { exportReports(*universe, control.stage(0.9, 1.0)); });
        if (plan.refresh)
            state.lastRefreshUtc = options_.nowUtc;
    }

private:
    template <typename Step>
    void step(const char* what, const Step& body)
    {
        spdlog::info("run-scheduled: {}", what);
        try {
            body();
        } catch (const engines::OperationCancelled&) {
            throw std::runtime_error(std::string("cancelled while ") + what + "; the last export is unchanged");
        } catch (const std::exception& error) {
            throw std::runtime_error(std::string("failed while ") + what + ": " + error.what() + "; the last export is unchanged");
        }
    }

    void refreshData(const engines::RunControl& control)
    {
        if (store_.holdsDemoBars()) {
            out_ << "DEMO data is synthetic: nothing to fetch, re-inferring only\n";
            return;
        }
        data::YahooChartProvider yahoo(options_.yahooUrl);
        data::NseOptionChainProvider nse(options_.nseUrl);
        data::MarketDataRefresher refresher(store_, yahoo, options_.optionChains ? &nse : nullptr);
        data::RefreshOptions refreshOptions;
        refreshOptions.optionChains = options_.optionChains;
        data::CancellationToken cancel;
        const StopSignals::AlsoCancelling signalsCancelFetch(cancel);
        const data::RefreshReport report = refresher.refresh(
            data::Universe::builtIn().allSeries(), refreshOptions,
            [&](double fraction, const QString& message) { control.report(fraction, message); }, cancel);
        if (report.cancelled)
            throw engines::OperationCancelled();
        QString firstFailure;
        for (const data::RefreshOutcome& outcome : report.outcomes) {
            if (!outcome.ok) {
                spdlog::info("run-scheduled: fetch {} {} failed: {}", outcome.symbol.toStdString(), outcome.what.toStdString(),
                             outcome.message.toStdString());
                if (firstFailure.isEmpty())
                    firstFailure = QStringLiteral("%1 %2: %3").arg(outcome.symbol, outcome.what, outcome.message);
            }
        }
        const int attempted = report.seriesCount();
        const int failed = report.failureCount();
        if (!report.stoppedEarly.isEmpty())
            throw std::runtime_error(report.stoppedEarly.toStdString());
        if (attempted > 0 && failed == attempted)
            throw std::runtime_error(QStringLiteral("every fetch failed (first: %1)").arg(firstFailure).toStdString());
        out_ << "Fetched " << attempted - failed << " of " << attempted << " series";
        if (failed > 0)
            out_ << "; " << failed << " failed and keep their stored data (details in the log)";
        out_ << "\n";
    }

    engines::UniverseData loadUniverse(const engines::RunControl& control)
    {
        // Leaves the stock breadth cached: the window's first start after this refresh stays fast.
        engines::UniverseData universe = engines::loadUniverseDataCachingBreadth(store_, data::Universe::builtIn(), {}, control);
        if (universe.tickers.empty())
            throw std::runtime_error("the store holds no ticker with enough history; run `aegis demo`, `aegis import` or `aegis fetch` first");
        return universe;
    }

    void retrain(const engines::UniverseData& universe, const engines::RunControl& control)
    {
        const models::ModelStore store(directory_.models());
        const engines::TrainingOutcome outcome = engines::trainEngines(universe, engines::allEngines(), &store, control);
        out_ << "Retrained every engine on " << universe.tickers.size() << " tickers in " << QString::number(outcome.seconds, 'f', 1)
             << " s: generation " << outcome.generationId << " is now current\n";
        for (const QString& note : outcome.notes)
            spdlog::info("run-scheduled: training note: {}", note.toStdString());
    }

    void exportReports(const engines::UniverseData& universe, const engines::RunControl& control)
    {
        if (!models_)
            models_.emplace(engines::TrainedEngines::loadCurrent(models::ModelStore(directory_.models())));
        const engines::TrainedEngines& trained = *models_;
        for (const QString& refusal : trained.refusals())
            spdlog::info("run-scheduled: generation refused at load: {}", refusal.toStdString());
        const std::vector<engines::report::TickerReport> reports =
            trained.inferAll(universe, QDateTime::currentSecsSinceEpoch(), control);
        const auto nifty = std::find_if(reports.begin(), reports.end(), [](const engines::report::TickerReport& report) {
            return report.meta.ticker == QLatin1String("NIFTY");
        });
        if (nifty == reports.end())
            throw std::runtime_error("NIFTY is not among the inferred tickers, so aegismatrix.json cannot be written");
        const QString folder = QDir(exportDirectory_).filePath(QStringLiteral("reports"));
        const QString niftyFile = QDir(exportDirectory_).filePath(QStringLiteral("aegismatrix.json"));
        // NIFTY's file is written to its temporary before the folder is swapped and committed after:
        // a target that cannot be written fails the run with the last export whole (the folder had
        // already been replaced when the file failed).
        QDir().mkpath(exportDirectory_);
        QSaveFile niftyStaged(niftyFile);
        const QByteArray niftyBytes = engines::report::serialise(engines::report::toJson(*nifty));
        if (!niftyStaged.open(QIODevice::WriteOnly) || niftyStaged.write(niftyBytes) != niftyBytes.size())
            throw std::runtime_error("cannot write " + niftyFile.toStdString() + ": " + niftyStaged.errorString().toStdString());
        engines::report::writeReportFolder(folder, reports, universe.unreported);
        if (!niftyStaged.commit())
            throw std::runtime_error("cannot commit " + niftyFile.toStdString() + ": " + niftyStaged.errorString().toStdString());
        out_ << "Exported " << reports.size() << " reports (models " << trained.generationId() << ") to "
             << QDir(folder).absolutePath() << " and NIFTY to " << QDir(niftyFile).absolutePath() << "\n";
        if (universe.isDemo())
            out_ << "Note: this is DEMO data (a synthetic market); the exports say so in meta.data_source\n";
    }

    const app::DataDirectory& directory_;
    const ScheduledRunOptions& options_;
    QTextStream& out_;
    std::optional<engines::TrainedEngines> models_;
    data::MarketStore store_;
    QString exportDirectory_;
};

int runScheduled(const CliContext& context, const QCommandLineParser& parser)
{
    const ScheduledRunOptions options = parseOptions(parser);
    const app::DataDirectory directory = context.openDataDirectory();
    QTextStream out(stdout);

    QLockFile lock(QDir(directory.root).filePath(QStringLiteral("run-scheduled.lock")));
    lock.setStaleLockTime(kStaleLockHours * 3600 * 1000);
    if (!lock.tryLock(0)) {
        if (lock.error() != QLockFile::LockFailedError)
            throw std::runtime_error("cannot create the lock file in " + directory.root.toStdString());
        qint64 pid = 0;
        QString host, application;
        lock.getLockInfo(&pid, &host, &application);
        out << "another scheduled run is in progress (pid " << pid << "); nothing done\n";
        spdlog::info("run-scheduled: lock held by pid {}; nothing done", pid);
        return kExitSuccess;
    }

    const QString statePath = scheduledStatePath(directory.root);
    LoadedScheduledState loaded = readScheduledState(statePath);
    if (!loaded.problem.isEmpty())
        spdlog::warn("run-scheduled: {}", loaded.problem.toStdString());
    ScheduledState state = loaded.state;
    std::optional<engines::TrainedEngines> models = loadUsableModels(directory.models());
    const QDateTime modelsCreated = models ? models->createdAt() : QDateTime();
    ScheduledState planned = state;
    // Generations stored but none usable (an upgrade's new features refuse them all): however recent the
    // record's last retrain, it left nothing to export with, and every export fails until the next one.
    if (!modelsCreated.isValid() && !models::ModelStore(directory.models()).list({}).empty())
        planned.lastRetrainUtc = {};
    const ScheduledPlan plan = planScheduledRun(options.nowUtc, planned, modelsCreated, options.settings);
    spdlog::info("run-scheduled at {}: {}", options.nowUtc.toString(Qt::ISODate).toStdString(), plan.reason.toStdString());
    out << plan.reason << "\n";
    out.flush();
    if (!plan.anythingDue())
        return kExitSuccess;

    state.lastRunUtc = options.nowUtc;
    try {
        ScheduledRun run(directory, options, out, std::move(models));
        run.execute(plan, state);
    } catch (const std::exception& error) {
        state.lastRunSucceeded = false;
        state.lastMessage = QString::fromUtf8(error.what());
        writeScheduledState(statePath, state);
        throw;
    }
    state.lastRunSucceeded = true;
    state.lastMessage = plan.reason;
    writeScheduledState(statePath, state);
    return kExitSuccess;
}

}  // namespace

CliCommand runScheduledCommand()
{
    return CliCommand{
        QStringLiteral("run-scheduled"),
        QStringLiteral("Do what the schedule says is due now (refresh + re-infer in NSE hours, weekly retrain), then exit."),
        [](QCommandLineParser& parser) {
            parser.addOption({QStringLiteral("now"),
                              QStringLiteral("Decide as if it were this instant (ISO 8601; UTC when no offset is given)."),
                              QStringLiteral("ISO8601")});
            parser.addOption({QStringLiteral("refresh-every"),
                              QStringLiteral("Minutes between refreshes while an NSE session is open (default 30)."),
                              QStringLiteral("MIN"), QStringLiteral("30")});
            parser.addOption({QStringLiteral("retrain-weekday"),
                              QStringLiteral("Day of the weekly retrain, 1 = Monday .. 7 = Sunday (default 6, Saturday)."),
                              QStringLiteral("N"), QStringLiteral("6")});
            parser.addOption({QStringLiteral("retrain-time"), QStringLiteral("Time of the weekly retrain, HH:MM UTC (default 00:00)."),
                              QStringLiteral("HH:MM"), QStringLiteral("00:00")});
            parser.addOption({QStringLiteral("export-dir"),
                              QStringLiteral("Where aegismatrix.json (NIFTY) and reports/ go (default <data-dir>/exports)."),
                              QStringLiteral("DIR")});
            parser.addOption({QStringLiteral("option-chain"),
                              QStringLiteral("Also fetch an NSE option-chain snapshot per ticker that has options.")});
            parser.addOption({QStringLiteral("yahoo-url"), QStringLiteral("Yahoo Finance base URL."), QStringLiteral("URL"),
                              data::YahooChartProvider::defaultBaseUrl().toString()});
            parser.addOption({QStringLiteral("nse-url"), QStringLiteral("NSE base URL."), QStringLiteral("URL"),
                              data::NseOptionChainProvider::defaultBaseUrl().toString()});
        },
        runScheduled,
    };
}

}  // namespace aegis::cli
