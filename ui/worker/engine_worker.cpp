#include "ui/worker/engine_worker.h"

#include "data/csvimport/csv_import.h"
#include "data/demo/demo_market.h"
#include "data/demo/demo_store_writer.h"
#include "data/providers/market_data_refresher.h"
#include "data/store/market_store.h"
#include "data/universe/universe.h"
#include "engines/core/universe_data.h"
#include "engines/pipeline/trained_engines.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <future>
#include <set>

namespace aegis::ui {

namespace {

// The seller chart draws the last ~120 sessions; a little more lets it grow without a new batch.
constexpr std::size_t kRecentBarsKept = 250;

// Progress is reported per ticker and per training fold; the GUI needs no more than this.
constexpr qint64 kProgressIntervalMs = 50;

std::set<QString> restrictedSymbols(const QStringList& symbols)
{
    std::set<QString> kept(symbols.begin(), symbols.end());
    if (!kept.empty()) {
        kept.insert(data::kNiftySymbol);
        kept.insert(data::kVixSymbol);
    }
    return kept;
}

data::BarSeries lastBars(const data::BarSeries& series, std::size_t count)
{
    data::BarSeries recent = series;
    if (recent.bars.size() > count)
        recent.bars.erase(recent.bars.begin(), recent.bars.end() - std::ptrdiff_t(count));
    return recent;
}

}  // namespace

QString describe(WorkerJob job)
{
    switch (job) {
    case WorkerJob::Load: return QStringLiteral("Loading");
    case WorkerJob::Train: return QStringLiteral("Retraining");
    case WorkerJob::Refresh: return QStringLiteral("Refreshing data");
    case WorkerJob::Reinfer: return QStringLiteral("Updating predictions");
    case WorkerJob::Rollback: return QStringLiteral("Rolling back");
    }
    return {};
}

EngineWorker::EngineWorker(WorkerConfig config)
    : config_(std::move(config))
{
    setObjectName(QStringLiteral("EngineWorker"));
}

EngineWorker::~EngineWorker() = default;

template <typename Body>
void EngineWorker::runJob(WorkerJob job, Body&& body)
{
    Q_EMIT jobStarted(job);
    try {
        body();
    } catch (const engines::OperationCancelled&) {
        Q_EMIT jobCancelled(job);
    } catch (const std::exception& error) {
        Q_EMIT jobFailed(job, QString::fromUtf8(error.what()));
    } catch (...) {
        // Anything else (a library throwing a non-standard type) would end the process from the
        // worker thread; the job fails with what can be said instead.
        Q_EMIT jobFailed(job, QStringLiteral("an unexpected error of unknown type stopped the job"));
    }
    Q_EMIT jobFinished(job);
}

engines::RunControl EngineWorker::controlFor(const JobCancellation& cancellation)
{
    struct Throttle {
        QElapsedTimer sinceLast;
        QString lastStage;
    };
    auto throttle = std::make_shared<Throttle>();
    return engines::RunControl(cancellation.engines, [this, throttle](double fraction, const QString& stage) {
        const bool stageChanged = stage != throttle->lastStage;
        if (!stageChanged && throttle->sinceLast.isValid() && throttle->sinceLast.elapsed() < kProgressIntervalMs
            && fraction < 1.0)
            return;
        throttle->sinceLast.start();
        throttle->lastStage = stage;
        Q_EMIT progressed(fraction, stage);
    });
}

data::MarketStore& EngineWorker::marketStore()
{
    if (!store_) {
        store_ = std::make_unique<data::MarketStore>(config_.storePath);
        if (const QString recovery = data::recoveryMessage(store_->openReport()); !recovery.isEmpty())
            Q_EMIT storeRecovered(recovery);
    }
    return *store_;
}

std::int64_t EngineWorker::nowUtc() const
{
    return config_.utcClock ? config_.utcClock() : QDateTime::currentSecsSinceEpoch();
}

bool EngineWorker::reloadUniverse(const engines::RunControl& control)
{
    engines::UniverseOptions options;
    options.symbols = config_.symbols;
    options.minimumSessions = config_.minimumSessions;
    // A load of every ticker leaves the stock breadth the next start's first paint needs.
    universe_ = std::make_shared<const engines::UniverseData>(
        engines::loadUniverseDataCachingBreadth(marketStore(), data::Universe::builtIn(), options, control));
    return !universe_->tickers.empty();
}

void EngineWorker::generateDemoMarket(const engines::RunControl& control)
{
    control.report(0.0, QStringLiteral("Generating the synthetic DEMO market"));
    data::DemoOptions options;
    options.years = config_.demoYears;
    options.endDate = data::defaultDemoEndDate(QDateTime::fromSecsSinceEpoch(nowUtc(), Qt::UTC));
    data::DemoMarket market = data::generateDemoMarket(options);
    control.throwIfCancelled();
    const std::set<QString> kept = restrictedSymbols(config_.symbols);
    if (!kept.empty()) {
        std::erase_if(market.series, [&](const data::DemoSeries& series) { return !kept.count(series.ticker.symbol); });
        std::erase_if(market.optionChains, [&](const data::OptionChain& chain) { return !kept.count(chain.symbol); });
    }
    control.report(0.6, QStringLiteral("Writing the DEMO market into the store"));
    // One transaction: a Cancel while writing rolls the whole DEMO market back.
    data::writeDemoMarket(market, marketStore(), [&control](int written, int total) {
        control.throwIfCancelled();
        control.report(0.6 + 0.4 * double(written) / double(std::max(1, total)), QStringLiteral("Writing the DEMO market into the store"));
    });
    control.report(1.0, QStringLiteral("DEMO market written"));
}

std::optional<QString> EngineWorker::loadCurrentModels(const std::function<void()>& meanwhile)
{
    struct Loaded {
        std::shared_ptr<const engines::TrainedEngines> engines;
        QString whyNone;
    };
    // The store's first open runs SQLite's quick_check over the whole file (about 1 s for the full DEMO
    // store): the models (checksums, deserialisation) load on a helper thread meanwhile. They are only
    // read from files there; every use stays on this thread.
    std::future<Loaded> loading = std::async(std::launch::async, [directory = config_.modelsDirectory] {
        try {
            return Loaded{std::make_shared<const engines::TrainedEngines>(
                              engines::TrainedEngines::loadCurrent(models::ModelStore(directory))),
                          {}};
        } catch (const models::NoUsableGeneration& error) {
            return Loaded{nullptr, QString::fromUtf8(error.what())};
        }
    });
    marketStore();
    if (meanwhile)
        meanwhile();
    Loaded loaded = loading.get();
    engines_ = std::move(loaded.engines);
    return engines_ ? std::nullopt : std::optional<QString>(loaded.whyNone);
}

ModelSnapshot EngineWorker::snapshotOfModels() const
{
    ModelSnapshot snapshot;
    if (engines_) {
        snapshot.generationId = engines_->generationId();
        snapshot.createdAtUtc = engines_->createdAt();
        snapshot.evaluation = engines_->evaluation();
        snapshot.refusals = engines_->refusals();
    }
    snapshot.generations = listGenerations();
    return snapshot;
}

GenerationList EngineWorker::listGenerations() const
{
    GenerationList generations = models::ModelStore(config_.modelsDirectory).list(engines::modelSchemaHash());
    for (models::GenerationListing& generation : generations) {
        const auto unloadable = unloadableGenerations_.find(generation.id);
        if (generation.problem.isEmpty() && unloadable != unloadableGenerations_.end())
            generation.problem = unloadable->second;
    }
    return generations;
}

void EngineWorker::inferAndPublish(const engines::RunControl& control)
{
    inferAndPublish(*universe_, true, control);
}

void EngineWorker::inferAndPublish(const engines::UniverseData& universe, bool complete, const engines::RunControl& control)
{
    QElapsedTimer timer;
    timer.start();
    ReportBatch batch;
    batch.complete = complete;
    batch.inferredAtUtc = QDateTime::fromSecsSinceEpoch(nowUtc(), Qt::UTC);
    batch.reports = engines_->inferAll(universe, batch.inferredAtUtc.toSecsSinceEpoch(), control);
    batch.models = snapshotOfModels();
    batch.unreported = universe.unreported;
    for (const engines::TickerData& ticker : universe.tickers)
        batch.recentDailyBars.emplace(ticker.ticker.symbol, lastBars(ticker.daily, kRecentBarsKept));
    batch.inferenceSeconds = double(timer.elapsed()) / 1000.0;
    Q_EMIT reportsReady(batch);
}

void EngineWorker::publishFirstTicker(const QString& symbol, const engines::StockBreadth& breadth, const engines::RunControl& control)
{
    const std::set<QString> kept = restrictedSymbols(config_.symbols);
    if (!kept.empty() && !kept.count(symbol))
        return;
    const data::Universe universe = data::Universe::builtIn();
    const std::optional<data::Ticker> ticker = universe.find(symbol);
    if (!ticker || ticker->kind == data::TickerKind::Volatility)
        return;
    engines::UniverseOptions options;
    options.symbols = {symbol};
    options.minimumSessions = config_.minimumSessions;
    const engines::UniverseData first = engines::loadUniverseData(marketStore(), universe, options, control.stage(0.0, 0.8), &breadth);
    if (!first.tickers.empty())
        inferAndPublish(first, false, control.stage(0.8, 1.0));
}

void EngineWorker::load(const JobCancellation& cancellation, const QString& firstSymbol)
{
    runJob(WorkerJob::Load, [&] {
        const engines::RunControl control = controlFor(cancellation);
        control.report(0.0, QStringLiteral("Loading the current model generation"));
        // Models first: with them, the ticker the person looked at last is painted within a moment of
        // the start instead of after the whole universe (seconds); without, the universe still decides
        // between "no data" and "no models". Its features count every stored stock's breakouts (the
        // stock breadth), read while the models load: from the store's cache, or after daily bars
        // changed from every stock's bars (~0.3 s for 500 stocks).
        std::optional<engines::StockBreadth> breadth;
        const std::optional<QString> noModelsReason = loadCurrentModels([&] {
            if (!firstSymbol.isEmpty())
                breadth = engines::readStockBreadth(marketStore(), data::Universe::builtIn());
        });
        double universeStart = 0.0;
        if (engines_ && breadth) {
            universeStart = 0.1;
            publishFirstTicker(firstSymbol, *breadth, control.stage(0.0, universeStart));
        }
        if (!reloadUniverse(control.stage(universeStart, 0.9))) {
            Q_EMIT noData(QStringLiteral("The market store holds no ticker with enough history (%1).")
                              .arg(universe_->unreported.empty() ? QStringLiteral("it is empty")
                                                                : universe_->unreportedSummary().join(QStringLiteral("; "))));
            return;
        }
        if (noModelsReason) {
            Q_EMIT noModels(*noModelsReason, universe_->sources);
            return;
        }
        inferAndPublish(control.stage(0.9, 1.0));
    });
}

void EngineWorker::train(const JobCancellation& cancellation, bool generateDemoIfEmpty)
{
    runJob(WorkerJob::Train, [&] {
        const engines::RunControl control = controlFor(cancellation);
        bool hasData = universe_ && !universe_->tickers.empty();
        double trainingStart = 0.0;
        if (!hasData) {
            trainingStart = 0.15;
            hasData = reloadUniverse(control.stage(0.0, 0.05));
            if (!hasData && generateDemoIfEmpty) {
                generateDemoMarket(control.stage(0.05, 0.1));
                hasData = reloadUniverse(control.stage(0.1, 0.15));
            }
        }
        if (!hasData)
            throw std::runtime_error("the market store holds no ticker with enough history to train on; refresh or import data first");

        TrainingSummary summary;
        if (engines_) {
            summary.previousGenerationId = engines_->generationId();
            summary.previousEvaluation = engines_->evaluation();
        }
        const models::ModelStore modelStore(config_.modelsDirectory);
        const engines::TrainingOutcome outcome =
            engines::trainEngines(*universe_, engines::allEngines(), &modelStore, control.stage(trainingStart, 0.92));
        summary.generationId = outcome.generationId;
        summary.seconds = outcome.seconds;
        summary.engineSeconds = outcome.engineSeconds;
        summary.evaluation = outcome.evaluation;
        summary.notes = outcome.notes;

        // The new generation is current on disk from here on: the predictions must follow it, so the
        // last stage no longer listens to Cancel.
        try {
            engines_ = std::make_shared<const engines::TrainedEngines>(
                engines::TrainedEngines::load(modelStore, outcome.generationId));
            inferAndPublish(controlFor(JobCancellation{}).stage(0.92, 1.0));
        } catch (const std::exception& error) {
            Q_EMIT generationsListed(listGenerations());  // the window learns which generation is current now
            throw std::runtime_error(QStringLiteral("generation %1 was written and is now current, but predicting with it failed: %2")
                                         .arg(outcome.generationId, QString::fromUtf8(error.what()))
                                         .toStdString());
        }
        Q_EMIT trainingFinished(summary);
    });
}

void EngineWorker::refresh(const JobCancellation& cancellation, const RefreshRequest& request)
{
    runJob(WorkerJob::Refresh, [&] {
        const engines::RunControl control = controlFor(cancellation);
        RefreshSummary summary;
        if (request.source != QLatin1String("demo") && marketStore().holdsDemoBars()) {
            // Said once, before ~500 requests that the store would each refuse.
            throw std::runtime_error("the market store holds the synthetic DEMO market, and real data is never mixed into "
                                     "it: choose a data directory of its own for real data in Settings ▸ Data directory (used "
                                     "from the next start; its store starts empty). The DEMO data and predictions stay as they are");
        }
        try {
            if (request.source == QLatin1String("yahoo")) {
                summary = refreshFromYahoo(cancellation, request, control.stage(0.0, 0.7));
            } else if (request.source == QLatin1String("csv")) {
                summary = importCsvFolder(request, control.stage(0.0, 0.7));
            } else {
                summary.source = request.source;
                summary.message = universe_ && !universe_->isDemo()
                                      ? QStringLiteral("The refresh source is DEMO, a synthetic market: nothing was fetched. "
                                                       "Settings ▸ Data source chooses Yahoo Finance or a CSV folder")
                                      : QStringLiteral("DEMO data is synthetic; nothing to fetch");
            }
        } catch (...) {
            // A cancelled or failed fetch or import keeps what it wrote before it stopped: the next job
            // reads the store again instead of training or predicting on the universe read before it.
            universe_.reset();
            throw;
        }
        const bool needsUniverse = summary.source != QLatin1String("demo") || !universe_;
        if (needsUniverse && !reloadUniverse(control.stage(0.7, 0.8)))
            throw std::runtime_error("after the refresh the store holds no ticker with enough history");
        if (engines_)
            inferAndPublish(control.stage(0.8, 1.0));
        Q_EMIT refreshFinished(summary);
    });
}

RefreshSummary EngineWorker::refreshFromYahoo(const JobCancellation& cancellation, const RefreshRequest& request,
                                              const engines::RunControl& control)
{
    data::HttpClientConfig http;
    http.retry = config_.retry;
    http.transferTimeout = config_.httpTimeout;
    data::YahooChartProvider yahoo(request.yahooBaseUrl, http);
    data::NseOptionChainProvider nse(request.nseBaseUrl, http);
    data::MarketDataRefresher refresher(marketStore(), yahoo, request.optionChains ? &nse : nullptr);

    const data::Universe universe = data::Universe::builtIn();
    std::vector<data::Ticker> tickers = universe.allSeries();
    const std::set<QString> kept = restrictedSymbols(config_.symbols);
    if (!kept.empty())
        std::erase_if(tickers, [&](const data::Ticker& ticker) { return !kept.count(ticker.symbol); });

    data::RefreshOptions options;
    options.optionChains = request.optionChains;
    const data::RefreshReport report = refresher.refresh(
        tickers, options, [&](double fraction, const QString& message) { control.report(fraction, message); },
        *cancellation.network);
    if (report.cancelled)
        throw engines::OperationCancelled();

    RefreshSummary summary;
    summary.source = request.source;
    summary.attempted = report.seriesCount();
    summary.failed = report.failureCount();
    for (const data::RefreshOutcome& outcome : report.outcomes) {
        if (!outcome.ok)
            summary.failures << QStringLiteral("%1 (%2): %3").arg(outcome.symbol, outcome.what, outcome.message);
    }
    if (!report.stoppedEarly.isEmpty()) {
        throw std::runtime_error(QStringLiteral("%1; the stored data is kept and the predictions are unchanged.")
                                     .arg(report.stoppedEarly)
                                     .toStdString());
    }
    if (summary.attempted > 0 && summary.failed == summary.attempted) {
        throw std::runtime_error(QStringLiteral("every fetch failed; the stored data is kept and the predictions are unchanged. %1")
                                     .arg(summary.failures.first())
                                     .toStdString());
    }
    summary.message = QStringLiteral("Fetched %1 of %2 series from Yahoo Finance").arg(summary.attempted - summary.failed).arg(summary.attempted);
    return summary;
}

RefreshSummary EngineWorker::importCsvFolder(const RefreshRequest& request, const engines::RunControl& control)
{
    const std::vector<data::FileImportResult> results =
        data::importCsvPaths(marketStore(), {request.csvFolder}, {}, [&](int done, int total, const QString& path) {
            control.throwIfCancelled();
            control.report(double(done) / total, QStringLiteral("Importing %1").arg(QFileInfo(path).fileName()));
        });
    RefreshSummary summary;
    summary.source = request.source;
    summary.attempted = int(results.size());
    for (const data::FileImportResult& result : results) {
        if (!result.imported) {
            ++summary.failed;
            summary.failures << result.error;
        }
    }
    if (summary.attempted == 0)
        throw std::runtime_error(QStringLiteral("the CSV folder %1 holds no .csv file").arg(request.csvFolder).toStdString());
    if (summary.failed == summary.attempted) {
        throw std::runtime_error(QStringLiteral("no CSV file could be imported; the stored data is kept. %1")
                                     .arg(summary.failures.first())
                                     .toStdString());
    }
    summary.message = QStringLiteral("Imported %1 of %2 CSV files from %3")
                          .arg(summary.attempted - summary.failed)
                          .arg(summary.attempted)
                          .arg(request.csvFolder);
    return summary;
}

void EngineWorker::reinfer(const JobCancellation& cancellation)
{
    runJob(WorkerJob::Reinfer, [&] {
        const engines::RunControl control = controlFor(cancellation);
        const bool rereads = !universe_;  // a failed or cancelled refresh dropped it
        if (!engines_ || (rereads && !reloadUniverse(control.stage(0.0, 0.8))))
            throw std::runtime_error("nothing to update: no data or no trained models are loaded");
        inferAndPublish(rereads ? control.stage(0.8, 1.0) : control);
    });
}

void EngineWorker::rollback(const QString& generationId)
{
    runJob(WorkerJob::Rollback, [&] {
        const models::ModelStore modelStore(config_.modelsDirectory);
        // Loaded (and so verified) before CURRENT moves: a generation that cannot serve is never made current.
        std::shared_ptr<const engines::TrainedEngines> rolledBack;
        try {
            rolledBack = std::make_shared<const engines::TrainedEngines>(engines::TrainedEngines::load(modelStore, generationId));
        } catch (const std::exception& error) {
            // The list offered it as usable; it must not keep doing so.
            unloadableGenerations_[generationId] = QString::fromUtf8(error.what());
            Q_EMIT generationsListed(listGenerations());
            throw;
        }
        // A start-up load cancelled after its first ticker leaves no universe: read it before CURRENT
        // moves, or the rollback would move it and then report failure with the store full of data.
        const bool hasData = (universe_ && !universe_->tickers.empty()) || reloadUniverse(controlFor(JobCancellation{}));
        if (!hasData)
            throw std::runtime_error("the store holds no data to predict on; nothing was rolled back");
        modelStore.setCurrent(generationId, engines::modelSchemaHash());
        engines_ = std::move(rolledBack);
        // CURRENT has moved: the predictions must follow, so Cancel no longer applies.
        inferAndPublish(controlFor(JobCancellation{}));
    });
}

}  // namespace aegis::ui
