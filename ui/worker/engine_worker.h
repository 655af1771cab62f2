#pragma once

// The object that runs the engines off the GUI thread. It lives on the "aegis-worker" thread (see
// WorkerHost), owns its own MarketStore connection, the loaded universe and the current model
// generation, and talks to the GUI only through queued signals carrying value types.
//
// Every job emits jobStarted, then progress, then exactly one of its results (reportsReady,
// trainingFinished, refreshFinished, noData, noModels), jobFailed or jobCancelled, and finally
// jobFinished. A load may emit an incomplete reportsReady (one ticker) before its result; a rollback
// that cannot load its generation emits generationsListed before jobFailed. A failed or cancelled job
// leaves the previous universe, models and predictions in place.

#include "ui/worker/worker_types.h"

#include "data/providers/cancellation.h"
#include "data/providers/retry_policy.h"
#include "engines/core/run_control.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace aegis::data {
class MarketStore;
}
namespace aegis::engines {
struct StockBreadth;
struct UniverseData;
class TrainedEngines;
}

namespace aegis::ui {

struct WorkerConfig {
    QString storePath;        // the market store's SQLite file
    QString modelsDirectory;  // the ModelStore directory
    QStringList symbols;      // restrict the universe to these tickers (quick demos, tests); empty: all
    int minimumSessions = 120;
    int demoYears = 5;        // history generated when a first start finds the store empty
    data::RetryPolicy retry;  // of every network request a refresh makes
    std::chrono::milliseconds httpTimeout{10000};
    std::function<std::int64_t()> utcClock;  // seconds since the epoch; the system clock when empty
};

// Cancels a job: the engines poll the shared flag, the network providers poll their own token.
struct JobCancellation {
    engines::CancellationToken engines;
    std::shared_ptr<data::CancellationToken> network = std::make_shared<data::CancellationToken>();

    void cancel() const
    {
        engines.cancel();
        network->cancel();
    }
};

class EngineWorker : public QObject {
    Q_OBJECT
public:
    explicit EngineWorker(WorkerConfig config);
    ~EngineWorker() override;

    // Run on the worker thread only (WorkerHost queues them there).
    // With trained models, first publishes an incomplete batch holding only `firstSymbol` (when it has
    // enough history), then reads and infers the whole universe; cancelling after the first batch keeps
    // it shown and leaves the worker without a universe, so the next job reads it again.
    void load(const JobCancellation& cancellation, const QString& firstSymbol);
    // Trains every engine into a new generation and switches to it. An empty store is first filled
    // with the DEMO market when `generateDemoIfEmpty`.
    void train(const JobCancellation& cancellation, bool generateDemoIfEmpty);
    void refresh(const JobCancellation& cancellation, const RefreshRequest& request);
    void reinfer(const JobCancellation& cancellation);
    void rollback(const QString& generationId);

Q_SIGNALS:
    void jobStarted(aegis::ui::WorkerJob job);
    void progressed(double fraction, const QString& stage);
    void reportsReady(const aegis::ui::ReportBatch& batch);
    void noData(const QString& reason);    // the store holds no ticker with enough history
    // The store file failed its integrity check when first opened: it was moved aside (kept) and an
    // empty store created in its place (data::recoveryMessage says where).
    void storeRecovered(const QString& message);
    // Data, but no usable model generation; `storedSources` are the stored data's sources ("demo", "csv", ...).
    void noModels(const QString& reason, const QStringList& storedSources);
    void trainingFinished(const aegis::ui::TrainingSummary& summary);
    void refreshFinished(const aegis::ui::RefreshSummary& summary);
    // The rollback list changed without new predictions: a rollback found a listed generation unable to serve.
    void generationsListed(const aegis::ui::GenerationList& generations);
    void jobFailed(aegis::ui::WorkerJob job, const QString& reason);
    void jobCancelled(aegis::ui::WorkerJob job);
    void jobFinished(aegis::ui::WorkerJob job);

private:
    template <typename Body>
    void runJob(WorkerJob job, Body&& body);

    engines::RunControl controlFor(const JobCancellation& cancellation);
    data::MarketStore& marketStore();
    std::int64_t nowUtc() const;
    // Reads the universe from the store again; true when it has at least one ticker.
    bool reloadUniverse(const engines::RunControl& control);
    void generateDemoMarket(const engines::RunControl& control);
    // Infers every ticker of the loaded universe with the current models and emits reportsReady.
    void inferAndPublish(const engines::RunControl& control);
    void inferAndPublish(const engines::UniverseData& universe, bool complete, const engines::RunControl& control);
    // Reads and infers `symbol` alone (with NIFTY and India VIX, which its features join) and emits an
    // incomplete batch; nothing when it is not a pickable ticker of the configured universe or has
    // too little history.
    // `breadth`: readStockBreadth of the store, so the ticker's features are those of a whole-universe load.
    void publishFirstTicker(const QString& symbol, const engines::StockBreadth& breadth, const engines::RunControl& control);
    // Loads the current generation into engines_ while opening the market store and then running
    // `meanwhile` on this thread; why there is no generation, or nothing when it loaded.
    std::optional<QString> loadCurrentModels(const std::function<void()>& meanwhile = {});
    ModelSnapshot snapshotOfModels() const;
    // The store's generations, verified against the current feature schema, with the ones a failed
    // rollback could not load marked as such.
    GenerationList listGenerations() const;
    RefreshSummary refreshFromYahoo(const JobCancellation& cancellation, const RefreshRequest& request,
                                    const engines::RunControl& control);
    // Cancel is polled between files; those imported before it stay imported.
    RefreshSummary importCsvFolder(const RefreshRequest& request, const engines::RunControl& control);

    WorkerConfig config_;
    std::unique_ptr<data::MarketStore> store_;  // opened on the worker thread at first use
    std::shared_ptr<const engines::UniverseData> universe_;
    std::shared_ptr<const engines::TrainedEngines> engines_;
    // Generation id -> why loading it failed. Checksums and schema can verify while the engines still
    // refuse the files (a model format from an older version), which only a load finds out.
    std::map<QString, QString> unloadableGenerations_;
};

}  // namespace aegis::ui
