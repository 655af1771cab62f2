#include "engines/pipeline/trained_engines.h"

#include "engines/core/run_lanes.h"
#include "engines/execution/verdict.h"
#include "engines/features/feature_table.h"
#include "engines/labels/label_table.h"
#include "engines/pipeline/evaluation_json.h"
#include "engines/pipeline/market_panel.h"
#include "engines/report/report_json.h"

#include "aegis/version.h"
#include "data/calendar/nse_calendar.h"
#include "models/evaluation/walk_forward.h"
#include "models/store/generation_writer.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace aegis::engines {

namespace {

const QString kEvaluationArtifact = QStringLiteral("evaluation.json");

constexpr EngineKind kTrainingOrder[] = {EngineKind::Direction, EngineKind::Seller, EngineKind::Buyer, EngineKind::Execution};

// Share of the run each engine takes, measured on the DEMO universe, so the progress bar moves evenly.
double engineWeight(EngineKind kind)
{
    switch (kind) {
    case EngineKind::Direction: return 0.40;
    case EngineKind::Seller: return 0.25;
    case EngineKind::Buyer: return 0.20;
    case EngineKind::Execution: return 0.15;
    }
    return 0.25;
}

QByteArray jsonBytes(const nlohmann::json& document)
{
    const std::string text = document.dump(1);
    return QByteArray(text.data(), qsizetype(text.size()));
}

models::TrainingDataFingerprint fingerprintOf(const UniverseData& universe)
{
    models::TrainingDataFingerprint fingerprint;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const TickerData& ticker : universe.tickers) {
        fingerprint.symbols << ticker.ticker.symbol;
        fingerprint.rows += ticker.features.rows();
        hash.addData(ticker.ticker.symbol.toUtf8());
        if (!ticker.daily.empty()) {
            const data::Bar& last = ticker.daily.bars.back();
            hash.addData(QByteArray::number(qlonglong(ticker.daily.size())));
            hash.addData(QByteArray::number(last.utc));
            hash.addData(QByteArray::number(last.close, 'g', 17));
        }
    }
    fingerprint.firstDate = universe.firstSession;
    fingerprint.lastDate = universe.lastSession;
    fingerprint.hash = QString::fromLatin1(hash.result().toHex());
    return fingerprint;
}

std::vector<report::ModelEvaluation> evaluationsOf(const report::Evaluation& evaluation, EngineKind kind)
{
    std::vector<report::ModelEvaluation> models;
    for (const report::ModelEvaluation& model : evaluation.models) {
        if (model.engine == toString(kind))
            models.push_back(model);
    }
    return models;
}

// One engine trained: its records, and how to write it into a generation once every lane is done.
struct TrainedEngine {
    std::vector<report::ModelEvaluation> evaluations;
    std::function<void(models::GenerationWriter&)> save;
    double seconds = 0.0;
};

template <typename Engine>
TrainedEngine trainOne(const UniverseData& universe, const RunControl& control)
{
    QElapsedTimer timer;
    timer.start();
    auto engine = std::make_shared<const Engine>(Engine::train(universe, control));
    return {engine->evaluations(), [engine](models::GenerationWriter& writer) { engine->save(writer); },
            double(timer.elapsed()) / 1000.0};
}

TrainedEngine trainEngine(EngineKind kind, const UniverseData& universe, const RunControl& control)
{
    switch (kind) {
    case EngineKind::Direction: return trainOne<DirectionEngine>(universe, control);
    case EngineKind::Seller: return trainOne<SellerEngine>(universe, control);
    case EngineKind::Buyer: return trainOne<BuyerEngine>(universe, control);
    case EngineKind::Execution: return trainOne<ExecutionEngine>(universe, control);
    }
    throw std::invalid_argument("unknown engine kind");
}

// Trains `toTrain` in two lanes that run at once: the direction engine (the longest) on its own,
// the others one after another. Each engine computes on one thread (the apps' one compute thread),
// so on the two-core target the lanes use both cores where one engine at a time left one idle. The
// engines share only the read-only universe, and each trains exactly what it would alone: the saved
// models are byte for byte those of a one-lane run.
std::map<EngineKind, TrainedEngine> trainInLanes(const UniverseData& universe, const std::set<EngineKind>& toTrain,
                                                 const RunControl& control)
{
    std::vector<std::vector<EngineKind>> kindsByLane(2);
    for (EngineKind kind : kTrainingOrder) {
        if (toTrain.count(kind))
            kindsByLane[kind == EngineKind::Direction ? 1 : 0].push_back(kind);  // runInLanes: lane 0 here
    }
    std::map<EngineKind, TrainedEngine> trained;
    std::mutex trainedMutex;
    std::vector<Lane> lanes;
    for (const std::vector<EngineKind>& kinds : kindsByLane) {
        if (kinds.empty())
            continue;
        double laneWeight = 0.0;
        for (EngineKind kind : kinds)
            laneWeight += engineWeight(kind);
        lanes.push_back({laneWeight, [&universe, &trained, &trainedMutex, kinds, laneWeight](const RunControl& lane) {
                             double done = 0.0;
                             for (EngineKind kind : kinds) {
                                 const double share = engineWeight(kind) / laneWeight;
                                 TrainedEngine engine = trainEngine(kind, universe, lane.stage(done, done + share));
                                 done += share;
                                 const std::lock_guard<std::mutex> lock(trainedMutex);
                                 trained.emplace(kind, std::move(engine));
                             }
                         }});
    }
    if (!lanes.empty())
        runInLanes(lanes, control);
    return trained;
}

}  // namespace

QString toString(EngineKind kind)
{
    switch (kind) {
    case EngineKind::Direction: return QStringLiteral("direction");
    case EngineKind::Seller: return QStringLiteral("seller");
    case EngineKind::Buyer: return QStringLiteral("buyer");
    case EngineKind::Execution: return QStringLiteral("execution");
    }
    return {};
}

std::optional<EngineKind> engineKindFromString(const QString& text)
{
    for (EngineKind kind : kTrainingOrder) {
        if (toString(kind) == text)
            return kind;
    }
    return std::nullopt;
}

std::set<EngineKind> allEngines()
{
    return {std::begin(kTrainingOrder), std::end(kTrainingOrder)};
}

QString modelSchemaHash()
{
    const std::string identity = dailyFeatureSchema().fingerprint() + executionFeatureSchema().fingerprint()
        + intradayFeatureSchema().fingerprint() + labelSchema().fingerprint();
    return QString::fromLatin1(QCryptographicHash::hash(QByteArray::fromStdString(identity), QCryptographicHash::Sha256).toHex().left(16));
}

TrainingOutcome trainEngines(const UniverseData& universe, const std::set<EngineKind>& which,
                             const models::ModelStore* store, const RunControl& control)
{
    QElapsedTimer total;
    total.start();
    TrainingOutcome outcome;
    outcome.notes = universe.unreportedSummary();

    std::set<EngineKind> toTrain = which;
    std::optional<models::LoadedGeneration> previous;
    if (store && toTrain != allEngines()) {
        try {
            // Only a generation that loads whole may lend its engines: copying the bytes of one that
            // cannot be read would carry it into the new generation.
            previous = store->current(modelSchemaHash(), &TrainedEngines::requireLoadable);
            // The engines kept come from an older generation than CURRENT named: say which was refused.
            for (const QString& refusal : previous->refusals)
                outcome.notes << QStringLiteral("refused %1; the engines kept come from generation %2").arg(refusal, previous->id());
        } catch (const models::NoUsableGeneration& error) {
            toTrain = allEngines();
            outcome.notes << QStringLiteral("no usable generation to take the other engines from (%1): training every engine")
                                 .arg(QString::fromUtf8(error.what()));
        }
    }
    report::Evaluation previousEvaluation;
    if (previous) {
        const QByteArray& bytes = previous->artifact(kEvaluationArtifact);
        previousEvaluation = evaluationFromJson(nlohmann::json::parse(bytes.constBegin(), bytes.constEnd()));
    }

    std::optional<models::GenerationWriter> writer;
    if (store)
        writer.emplace(store->beginGeneration());

    outcome.evaluation.from = universe.firstSession;
    outcome.evaluation.to = universe.lastSession;
    control.throwIfCancelled();
    std::map<EngineKind, TrainedEngine> trained;
    try {
        trained = trainInLanes(universe, toTrain, control.stage(0.0, 0.97));
    } catch (const models::evaluation::HistoryTooShort& error) {
        // "validation tail: nothing left to fit on" says nothing a user can act on.
        const std::size_t sessions = data::NseCalendar::instance().sessionsBetween(universe.firstSession, universe.lastSession).size();
        throw std::runtime_error(
            QStringLiteral("the stored history is too short to train every model (%4). Each walk-forward model's first "
                           "training window (half its labelled history) must hold a 60-session calibration tail, a purge "
                           "of its horizon plus 5 sessions and rows to fit on: the direction engine's t+40 needs about 340 "
                           "sessions. The store's tickers span at most %1 sessions (%2 to %3), and the model named pools "
                           "only the tickers it learns from. Import or fetch a longer history (a DEMO market: aegis demo "
                           "--years 2 or more)")
                .arg(sessions)
                .arg(universe.firstSession.toString(Qt::ISODate), universe.lastSession.toString(Qt::ISODate),
                     QString::fromUtf8(error.what()))
                .toStdString());
    }
    for (EngineKind kind : kTrainingOrder) {
        std::vector<report::ModelEvaluation> evaluations;
        if (const auto found = trained.find(kind); found != trained.end()) {
            if (writer)
                found->second.save(*writer);
            evaluations = std::move(found->second.evaluations);
            outcome.engineSeconds.emplace_back(toString(kind), found->second.seconds);
        } else {
            const QString prefix = toString(kind) + QLatin1Char('_');
            for (const auto& [name, bytes] : previous->artifacts) {
                if (name.startsWith(prefix))
                    writer->addArtifact(name, bytes);
            }
            evaluations = evaluationsOf(previousEvaluation, kind);
            outcome.notes << QStringLiteral("%1 engine kept from generation %2").arg(toString(kind), previous->id());
        }
        outcome.evaluation.models.insert(outcome.evaluation.models.end(), evaluations.begin(), evaluations.end());
    }

    if (writer) {
        control.report(0.98, QStringLiteral("Writing and verifying the new model generation"));
        const nlohmann::json evaluationJson = report::toJson(outcome.evaluation);
        writer->addArtifact(kEvaluationArtifact, jsonBytes(evaluationJson));
        writer->setAppVersion(QString::fromLatin1(kAppVersion));
        writer->setFeatureSchemaHash(modelSchemaHash());
        writer->setTrainingData(fingerprintOf(universe));
        QJsonArray trained;
        for (EngineKind kind : toTrain)
            trained.append(toString(kind));
        writer->setHyperParameters(QJsonObject{{QStringLiteral("engines_trained"), trained}});
        writer->setWalkForwardMetrics(QJsonDocument::fromJson(QByteArray::fromStdString(evaluationJson.dump())).object());
        control.throwIfCancelled();
        outcome.generationId = writer->commit(&TrainedEngines::requireLoadable).generationId;
    }
    outcome.seconds = double(total.elapsed()) / 1000.0;
    control.report(1.0, outcome.generationId.isEmpty() ? QStringLiteral("Evaluation finished")
                                                        : QStringLiteral("Generation %1 is now current").arg(outcome.generationId));
    return outcome;
}

TrainedEngines::TrainedEngines(const models::LoadedGeneration& generation)
    : generationId_(generation.id())
    , createdAt_(generation.manifest.createdAtUtc)
    , refusals_(generation.refusals)
    , direction_(DirectionEngine::load(generation))
    , seller_(SellerEngine::load(generation))
    , buyer_(BuyerEngine::load(generation))
    , execution_(ExecutionEngine::load(generation))
{
    const QByteArray& bytes = generation.artifact(kEvaluationArtifact);
    evaluation_ = evaluationFromJson(nlohmann::json::parse(bytes.constBegin(), bytes.constEnd()));
}

TrainedEngines TrainedEngines::loadCurrent(const models::ModelStore& store)
{
    std::optional<TrainedEngines> engines;
    store.current(modelSchemaHash(), [&engines](const models::LoadedGeneration& generation) { engines.emplace(TrainedEngines(generation)); });
    return std::move(*engines);
}

void TrainedEngines::requireLoadable(const models::LoadedGeneration& generation)
{
    TrainedEngines{generation};
}

TrainedEngines TrainedEngines::load(const models::ModelStore& store, const QString& generationId)
{
    return TrainedEngines(store.load(generationId, modelSchemaHash()));
}

report::TickerReport TrainedEngines::infer(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc) const
{
    return assemble(universe, ticker, nowUtc,
                    [&](report::TickerReport& report) { execution_.fill(universe, ticker, nowUtc, report); });
}

report::TickerReport TrainedEngines::assemble(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc,
                                              const std::function<void(report::TickerReport&)>& fillExecution) const
{
    report::TickerReport report;
    report.generatedAt = QDateTime::fromSecsSinceEpoch(nowUtc, Qt::UTC);
    fillMetaAndMarket(universe, ticker, nowUtc, report);
    report.meta.modelGeneration = generationId_;
    report.meta.appVersion = QString::fromLatin1(kAppVersion);
    for (const QString& refusal : refusals_)
        report.meta.warnings << QStringLiteral("model generation refused, %1 is in use instead: %2").arg(generationId_, refusal);

    direction_.fill(universe, ticker, nowUtc, report);
    seller_.fill(universe, ticker, nowUtc, report);
    buyer_.fill(universe, ticker, nowUtc, report);
    fillExecution(report);
    report.execution.verdict = buildVerdict(report);
    report.evaluation = evaluation_;
    return report;
}

std::vector<report::TickerReport> TrainedEngines::inferAll(const UniverseData& universe, std::int64_t nowUtc,
                                                           const RunControl& control) const
{
    // One batched prediction for the whole universe: a one-row XGBoost call is mostly fixed overhead.
    const std::vector<ExecutionForecast> execution = execution_.forecastLatest(universe);
    std::vector<report::TickerReport> reports;
    reports.reserve(universe.tickers.size());
    for (std::size_t i = 0; i < universe.tickers.size(); ++i) {
        control.throwIfCancelled();
        reports.push_back(assemble(universe, universe.tickers[i], nowUtc,
                                   [&](report::TickerReport& report) { execution_.fill(execution[i], report); }));
        control.report(double(i + 1) / double(universe.tickers.size()),
                       QStringLiteral("Inference: %1").arg(universe.tickers[i].ticker.symbol));
    }
    return reports;
}

}  // namespace aegis::engines
