#include "engines/execution/calibrated_forest.h"

#include "engines/core/walk_forward_rows.h"

#include "models/evaluation/metrics_report.h"
#include "models/evaluation/walk_forward.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"
#include "models/xgb/matrix.h"
#include "models/xgb/training.h"
#include "models/xgb/xgb_error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace aegis::engines {

namespace ev = models::evaluation;
namespace xgb = models::xgb;
using nlohmann::json;

namespace {

constexpr const char* kKind = "random_forest_multiclass";

xgb::BoosterParams forestParams(const ForestSpec& spec, int classCount)
{
    xgb::BoosterParams params = xgb::BoosterParams::randomForestClassifier(spec.name, classCount, spec.trees, spec.seed);
    params.tree.maxDepth = spec.maxDepth;
    params.tree.minChildWeight = spec.minChildWeight;
    params.tree.maxBin = spec.maxBin;
    return params;
}

struct CalibratedWindow {
    xgb::Booster forest;
    ev::OneVsRestCalibrator calibrator;
};

// The forest grown on the window minus its purged tail, calibrated on the tail's predictions: the one
// procedure behind every fold's model and the shipped one.
CalibratedWindow fitWindow(const PooledRows& rows, const Eigen::VectorXd& labels, const std::vector<std::size_t>& windowRows,
                           const xgb::BoosterParams& params, const ForestSpec& spec, const RunControl& control)
{
    const WalkForwardSpec& walkForward = spec.walkForward;
    const ev::ValidationTailSplit split = splitTrainingWindow(spec.name, rows.time, windowRows, walkForward);
    const xgb::TrainingHooks hooks{[&control] { return control.isCancelled(); }, {}};
    const xgb::Matrix fit = xgb::Matrix::withTargets(fitRows(rows.features, split.fitRows), selectValues(labels, split.fitRows));
    xgb::Booster forest = [&] {
        try {
            return xgb::train(fit, nullptr, params, hooks).booster;
        } catch (const xgb::TrainingCancelled&) {
            throw OperationCancelled();
        }
    }();
    const Eigen::MatrixXd tailRaw = forest.predict(selectRows(rows.features, split.validationRows));
    ev::OneVsRestCalibrator calibrator = ev::OneVsRestCalibrator::fit(spec.calibration, tailRaw, classIndices(labels, split.validationRows));
    return {std::move(forest), std::move(calibrator)};
}

void requireClassIndices(const Eigen::VectorXd& labels, int classCount, const std::string& name)
{
    for (Eigen::Index i = 0; i < labels.size(); ++i) {
        const double value = labels[i];
        if (!std::isfinite(value) || value < 0.0 || value >= classCount || value != std::round(value))
            throw std::invalid_argument(name + ": label of row " + std::to_string(i) + " is not a class index");
    }
}

}  // namespace

CalibratedForest::CalibratedForest(std::string name, xgb::Booster forest, ev::OneVsRestCalibrator calibrator,
                                   TrackRecord record, OutOfFold outOfFold)
    : name_(std::move(name)), forest_(std::move(forest)), calibrator_(std::move(calibrator)), record_(std::move(record)),
      outOfFold_(std::move(outOfFold))
{
}

CalibratedForest CalibratedForest::train(const PooledRows& rows, const Eigen::VectorXd& labels, int classCount,
                                         const ForestSpec& spec, const RunControl& control)
{
    requireClassIndices(labels, classCount, spec.name);
    const xgb::BoosterParams params = forestParams(spec, classCount);
    params.validate();
    const std::vector<ev::Fold> folds = planWalkForwardFolds(rows, spec.walkForward);

    OutOfFold outOfFold;
    std::vector<Eigen::MatrixXd> foldProbabilities;
    Eigen::Index total = 0;
    const RunControl evaluating = control.stage(0.0, 0.8);
    for (std::size_t f = 0; f < folds.size(); ++f) {
        control.throwIfCancelled();
        const CalibratedWindow window = fitWindow(rows, labels, folds[f].trainRows, params, spec, evaluating);
        foldProbabilities.push_back(
            window.calibrator.calibrate(window.forest.predict(selectRows(rows.features, folds[f].testRows))));
        outOfFold.rows.insert(outOfFold.rows.end(), folds[f].testRows.begin(), folds[f].testRows.end());
        total += foldProbabilities.back().rows();
        evaluating.report(double(f + 1) / double(folds.size()),
                          QStringLiteral("%1: walk-forward fold %2 of %3").arg(QString::fromStdString(spec.name)).arg(f + 1).arg(folds.size()));
    }
    outOfFold.probabilities.resize(total, classCount);
    Eigen::Index at = 0;
    for (const Eigen::MatrixXd& probabilities : foldProbabilities) {
        outOfFold.probabilities.middleRows(at, probabilities.rows()) = probabilities;
        at += probabilities.rows();
    }

    TrackRecord record;
    record.folds = int(folds.size());
    record.climatology = classFrequencies(labels, folds.front().trainRows, classCount);
    ev::EvaluationOptions options;
    options.bootstrap.resamples = spec.walkForward.bootstrapResamples;
    // Rows of one session move together across tickers; resampling blocks of sessions keeps that
    // dependence in the interval (as engines/core does).
    options.bootstrap.blockLength = sessionBlockLength(spec.walkForward.labelHorizon);
    record.metrics = ev::evaluateMulticlassClassifier(outOfFold.probabilities, classIndices(labels, outOfFold.rows),
                                                      foldClimatologyRows(labels, folds, classCount), options,
                                                      rowTimes(rows, outOfFold.rows));
    record.edgeDemonstrated = ev::edgeDemonstrated(record.metrics);

    const RunControl shipping = control.stage(0.8, 1.0);
    std::vector<std::size_t> all(rows.size());
    std::iota(all.begin(), all.end(), std::size_t(0));
    CalibratedWindow shipped = fitWindow(rows, labels, all, params, spec, shipping);
    shipping.report(1.0, QStringLiteral("%1: final model").arg(QString::fromStdString(spec.name)));
    return CalibratedForest(spec.name, std::move(shipped.forest), std::move(shipped.calibrator), std::move(record),
                            std::move(outOfFold));
}

Eigen::MatrixXd CalibratedForest::predict(const xgb::FeatureMatrixF& features) const
{
    return calibrator_.calibrate(forest_.predict(features));
}

void CalibratedForest::save(models::GenerationWriter& writer) const
{
    writer.addArtifact(QString::fromStdString(name_ + ".ubj"), forest_.save(xgb::ModelFormat::Ubjson));
    const std::string text =
        json{{"kind", kKind}, {"calibrator", calibrator_.toJson()}, {"track_record", toJson(record_)}}.dump(1);
    writer.addArtifact(QString::fromStdString(name_ + ".json"), QByteArray(text.data(), qsizetype(text.size())));
}

CalibratedForest CalibratedForest::load(const models::LoadedGeneration& generation, const std::string& name)
{
    const QByteArray& bytes = generation.artifact(QString::fromStdString(name + ".json"));
    const json sidecar = json::parse(bytes.constBegin(), bytes.constEnd());
    if (sidecar.at("kind") != kKind)
        throw std::runtime_error(name + ".json does not describe a calibrated random forest");
    return CalibratedForest(name, xgb::Booster::load(generation.artifact(QString::fromStdString(name + ".ubj"))),
                            ev::OneVsRestCalibrator::fromJson(sidecar.at("calibrator")),
                            trackRecordFromJson(sidecar.at("track_record")), {});
}

}  // namespace aegis::engines
