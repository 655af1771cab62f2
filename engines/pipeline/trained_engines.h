#pragma once

// The four engines of one model generation, and the pipeline operations on them: train (all engines or
// a chosen one) into a new generation, load the current generation, and infer a TickerReport.

#include "engines/buyer/buyer_engine.h"
#include "engines/core/run_control.h"
#include "engines/core/universe_data.h"
#include "engines/direction/direction_engine.h"
#include "engines/execution/execution_engine.h"
#include "engines/report/report_model.h"
#include "engines/seller/seller_engine.h"

#include "models/store/model_store.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <vector>

namespace aegis::engines {

enum class EngineKind { Direction, Seller, Buyer, Execution };

QString toString(EngineKind kind);                         // "direction", "seller", "buyer", "execution"
std::optional<EngineKind> engineKindFromString(const QString& text);
std::set<EngineKind> allEngines();

// The hash of every schema a generation depends on (daily and execution features, labels): a
// generation trained on another schema is refused at load.
QString modelSchemaHash();

struct TrainingOutcome {
    QString generationId;                 // empty when nothing was written (evaluation only)
    double seconds = 0.0;
    std::vector<std::pair<QString, double>> engineSeconds;
    report::Evaluation evaluation;        // every model's walk-forward record
    QStringList notes;                    // skipped tickers, engines copied from the previous generation
};

class TrainedEngines {
public:
    // The current generation of `store`, verified and loaded; falls back to an older one that loads and
    // says why in refusals(). Throws models::NoUsableGeneration when there is none.
    static TrainedEngines loadCurrent(const models::ModelStore& store);
    static TrainedEngines load(const models::ModelStore& store, const QString& generationId);
    // Throws what loading `generation` would: its files can verify and still not deserialise.
    static void requireLoadable(const models::LoadedGeneration& generation);

    const QString& generationId() const { return generationId_; }
    const QDateTime& createdAt() const { return createdAt_; }
    const QStringList& refusals() const { return refusals_; }
    const report::Evaluation& evaluation() const { return evaluation_; }

    // The whole report of one ticker as of `nowUtc`: market panel, the four engines, verdict, meta and
    // the evaluation. Never throws for a ticker of `universe`; what cannot be computed is null with a reason.
    report::TickerReport infer(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc) const;
    std::vector<report::TickerReport> inferAll(const UniverseData& universe, std::int64_t nowUtc,
                                               const RunControl& control) const;

private:
    TrainedEngines(const models::LoadedGeneration& generation);
    report::TickerReport assemble(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc,
                                  const std::function<void(report::TickerReport&)>& fillExecution) const;

    QString generationId_;
    QDateTime createdAt_;
    QStringList refusals_;
    report::Evaluation evaluation_;
    DirectionEngine direction_;
    SellerEngine seller_;
    BuyerEngine buyer_;
    ExecutionEngine execution_;
};

// Trains `which` engines on `universe`. With `store`, writes a new generation and switches to it only
// when every engine is done (engines not retrained are copied from the current generation; when there
// is none, every engine is trained). Without `store`, only evaluates. The direction engine trains on a
// thread of its own while the others train in turn on the caller's (`control`'s progress function is
// then called from both threads, one call at a time). A cancelled or failed run throws and leaves the
// current generation untouched.
TrainingOutcome trainEngines(const UniverseData& universe, const std::set<EngineKind>& which,
                             const models::ModelStore* store, const RunControl& control);

}  // namespace aegis::engines
