#include "engines/pipeline/trained_engines.h"

#include "engines/execution/verdict.h"
#include "engines/features/feature_table.h"
#include "engines/labels/label_table.h"
#include "engines/pipeline/evaluation_json.h"
#include "engines/pipeline/market_panel.h"
#include "engines/report/report_json.h"

#include "aegis/version.h"
#include "data/calendar/nse_calendar.h"
#include "models/store/generation_writer.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

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

template <typename Engine>
std::vector<report::ModelEvaluation> trainAndSave(const UniverseData& universe, models::GenerationWriter* writer,
                                                  const RunControl& control)
{
    const Engine engine = Engine::train(universe, control);
    if (writer)
        engine.save(*writer);
    return engine.evaluations();
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
            previous = store->current(modelSchemaHash());
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
    double trainedWeight = 0.0;
    for (EngineKind kind : toTrain)
        trainedWeight += engineWeight(kind);
    double done = 0.0;
    for (EngineKind kind : kTrainingOrder) {
        control.throwIfCancelled();
        std::vector<report::ModelEvaluation> evaluations;
        if (toTrain.count(kind)) {
            const double share = 0.97 * engineWeight(kind) / trainedWeight;
            const RunControl stage = control.stage(done, done + share);
            done += share;
            QElapsedTimer timer;
            timer.start();
            models::GenerationWriter* target = writer ? &*writer : nullptr;
            switch (kind) {
            case EngineKind::Direction: evaluations = trainAndSave<DirectionEngine>(universe, target, stage); break;
            case EngineKind::Seller: evaluations = trainAndSave<SellerEngine>(universe, target, stage); break;
            case EngineKind::Buyer: evaluations = trainAndSave<BuyerEngine>(universe, target, stage); break;
            case EngineKind::Execution: evaluations = trainAndSave<ExecutionEngine>(universe, target, stage); break;
            }
            outcome.engineSeconds.emplace_back(toString(kind), double(timer.elapsed()) / 1000.0);
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
        outcome.generationId = writer->commit().generationId;
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
    return TrainedEngines(store.current(modelSchemaHash()));
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
        report.meta.warnings << QStringLiteral("model generation refused, an older one is in use: %1").arg(refusal);

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
