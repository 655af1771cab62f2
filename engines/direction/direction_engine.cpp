#include "engines/direction/direction_engine.h"

#include "engines/core/report_edge.h"
#include "engines/direction/direction_horizon_models.h"
#include "engines/direction/direction_sequences.h"

#include "engines/labels/label_table.h"

#include "models/store/generation_writer.h"
#include "models/store/model_store.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace aegis::engines {

using nlohmann::json;

namespace {

const QString kEngineName = QStringLiteral("direction");

constexpr int kEngineFormatVersion = 1;

QByteArray jsonBytes(const json& document)
{
    const std::string text = document.dump(1);
    return QByteArray(text.data(), qsizetype(text.size()));
}

json toJson(const LstmStatus& status)
{
    return {{"trained", status.trained},
            {"reason", status.reason.toStdString()},
            {"training_sequences", status.trainingSequences},
            {"validation_sequences", status.validationSequences},
            {"epochs", status.epochs},
            {"seconds", status.seconds},
            {"stopped_by_time_budget", status.stoppedByTimeBudget}};
}

LstmStatus lstmStatusFromJson(const json& document)
{
    LstmStatus status;
    status.trained = document.at("trained").get<bool>();
    status.reason = QString::fromStdString(document.at("reason").get<std::string>());
    status.trainingSequences = document.at("training_sequences").get<int>();
    status.validationSequences = document.at("validation_sequences").get<int>();
    status.epochs = document.at("epochs").get<int>();
    status.seconds = document.at("seconds").get<double>();
    // Absent in generations saved before the epoch count decided; those were stopped by the clock.
    status.stoppedByTimeBudget = document.value("stopped_by_time_budget", true);
    return status;
}

json toJson(const DirectionTimings& timings)
{
    return {{"pooling_seconds", timings.poolingSeconds}, {"lstm_seconds", timings.lstmSeconds},
            {"xgb_seconds", timings.xgbSeconds},         {"magnitude_seconds", timings.magnitudeSeconds},
            {"risk_seconds", timings.riskSeconds},       {"total_seconds", timings.totalSeconds}};
}

DirectionTimings timingsFromJson(const json& document)
{
    DirectionTimings timings;
    timings.poolingSeconds = document.at("pooling_seconds").get<double>();
    timings.lstmSeconds = document.at("lstm_seconds").get<double>();
    timings.xgbSeconds = document.at("xgb_seconds").get<double>();
    timings.magnitudeSeconds = document.at("magnitude_seconds").get<double>();
    timings.riskSeconds = document.at("risk_seconds").get<double>();
    timings.totalSeconds = document.at("total_seconds").get<double>();
    return timings;
}

}  // namespace

QString horizonKey(int horizon)
{
    return QStringLiteral("t%1").arg(horizon);
}

QString horizonLabel(int horizon)
{
    switch (horizon) {
    case 1: return QStringLiteral("Tomorrow");
    case 3: return QStringLiteral("Next 3 Days");
    case 5: return QStringLiteral("This Week");
    case 10: return QStringLiteral("Next Week");
    case 20: return QStringLiteral("This Month");
    case 40: return QStringLiteral("Next Month");
    default: throw std::invalid_argument("no report label for horizon " + std::to_string(horizon));
    }
}

std::string xgbArtifactName(int horizon)
{
    return "direction_xgb_t" + std::to_string(horizon);
}

std::string magnitudeArtifactName(int horizon)
{
    return "direction_move_t" + std::to_string(horizon);
}

DirectionEngine::DirectionEngine() = default;
DirectionEngine::DirectionEngine(DirectionEngine&&) noexcept = default;
DirectionEngine& DirectionEngine::operator=(DirectionEngine&&) noexcept = default;
DirectionEngine::~DirectionEngine() = default;

const HorizonEnsemble& DirectionEngine::ensemble(int horizonIndex) const
{
    return horizons_.at(std::size_t(horizonIndex)).ensemble;
}

const std::vector<double>& DirectionEngine::baseRate(int horizonIndex) const
{
    return horizons_.at(std::size_t(horizonIndex)).baseRate;
}

void DirectionEngine::save(models::GenerationWriter& writer) const
{
    json horizons = json::array();
    for (const HorizonModels& models : horizons_) {
        models.xgb.save(writer);
        models.magnitude.save(writer);
        horizons.push_back({{"horizon", models.horizon}, {"base_rate", models.baseRate}, {"ensemble", models.ensemble.toJson()}});
    }
    if (risk_)
        risk_->save(writer);
    if (lstm_) {
        writer.addArtifact(kLstmArchiveName, lstm_->archiveBytes());
        writer.addArtifact(kLstmSidecarName, lstm_->sidecarBytes());
    }
    const json document{
        {"format", "aegis-direction-engine"},
        {"version", kEngineFormatVersion},
        {"horizons", horizons},
        {"risk", {{"trained", risk_.has_value()}, {"base_rate", riskBaseRate_}, {"reason", riskReason_.toStdString()}}},
        {"lstm", toJson(lstmStatus_)},
        {"timings", toJson(timings_)},
    };
    writer.addArtifact(kEngineSidecarName, jsonBytes(document));
}

DirectionEngine DirectionEngine::load(const models::LoadedGeneration& generation)
{
    const QByteArray& bytes = generation.artifact(kEngineSidecarName);
    const json document = json::parse(bytes.constBegin(), bytes.constEnd());
    if (document.at("format") != "aegis-direction-engine" || document.at("version") != kEngineFormatVersion)
        throw std::runtime_error("direction_engine.json: not a version 1 direction engine description");

    DirectionEngine engine;
    for (const json& entry : document.at("horizons")) {
        const int horizon = entry.at("horizon").get<int>();
        engine.horizons_.push_back({horizon, MulticlassModel::load(generation, xgbArtifactName(horizon)),
                                    QuantileModel::load(generation, magnitudeArtifactName(horizon)),
                                    HorizonEnsemble::fromJson(entry.at("ensemble")),
                                    entry.at("base_rate").get<std::vector<double>>()});
    }
    if (engine.horizons_.size() != std::size(kDirectionHorizons))
        throw std::runtime_error("direction_engine.json: expected one entry per direction horizon");
    const json& risk = document.at("risk");
    engine.riskBaseRate_ = risk.at("base_rate").get<double>();
    engine.riskReason_ = QString::fromStdString(risk.at("reason").get<std::string>());
    if (risk.at("trained").get<bool>())
        engine.risk_.emplace(BinaryModel::load(generation, kRiskArtifactName));
    engine.lstmStatus_ = lstmStatusFromJson(document.at("lstm"));
    if (engine.lstmStatus_.trained) {
        engine.lstm_.emplace(models::BiLstmModel::fromBytes(generation.artifact(kLstmArchiveName),
                                                            generation.artifact(kLstmSidecarName),
                                                            sequenceFeatureNames()));
    }
    engine.timings_ = timingsFromJson(document.at("timings"));
    return engine;
}

std::vector<report::ModelEvaluation> DirectionEngine::evaluations() const
{
    std::vector<report::ModelEvaluation> out;
    for (const HorizonModels& models : horizons_) {
        out.push_back(modelEvaluationOf(kEngineName, QStringLiteral("direction_%1").arg(models.horizon), models.horizon, models.ensemble.trackRecord().metrics, models.ensemble.trackRecord().edgeDemonstrated));
        // XGBoost alone over its evaluated folds, so the ensemble's contribution can be judged.
        out.push_back(modelEvaluationOf(kEngineName, QStringLiteral("direction_%1_xgb").arg(models.horizon), models.horizon, models.xgb.trackRecord().metrics, models.xgb.trackRecord().edgeDemonstrated));
        out.push_back(quantileEvaluationOf(kEngineName, QStringLiteral("move_%1_q50").arg(models.horizon), models.horizon,
                                           models.magnitude.trackRecord().front()));
    }
    if (risk_)
        out.push_back(modelEvaluationOf(kEngineName, QStringLiteral("adverse_2sd_5"), kRiskHorizon, risk_->trackRecord().metrics, risk_->trackRecord().edgeDemonstrated));
    return out;
}

}  // namespace aegis::engines
