#include "engines/core/calibrated_models.h"
#include "engines/core/placebo_scoring.h"
#include "engines/core/walk_forward_rows.h"

#include "models/evaluation/bootstrap.h"
#include "models/evaluation/quantile_metrics.h"
#include "models/evaluation/walk_forward.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"
#include "models/xgb/matrix.h"
#include "models/xgb/training.h"
#include "models/xgb/xgb_error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <stdexcept>

namespace aegis::engines {

namespace ev = models::evaluation;
namespace xgb = models::xgb;
using nlohmann::json;

namespace {

constexpr int kMinimumRoundsShipped = 10;

std::vector<std::size_t> allRows(const PooledRows& rows)
{
    std::vector<std::size_t> indices(rows.size());
    std::iota(indices.begin(), indices.end(), std::size_t(0));
    return indices;
}

// XGBoost stops at our cancellation hook with its own exception; the rest of the run speaks
// OperationCancelled.
template <typename Training>
auto cancellable(Training&& training)
{
    try {
        return training();
    } catch (const xgb::TrainingCancelled&) {
        throw OperationCancelled();
    }
}

// A booster fitted on a window and the raw predictions it makes on the window's calibration tail. The
// same procedure makes every fold's model and the shipped one, so what ships is what was evaluated.
struct WindowModel {
    xgb::Booster booster;
    Eigen::MatrixXd tailRaw;
    std::vector<std::size_t> tailRows;
};

// Fits on the window minus its last `validationSessions` (purged from the rest), early-stopping on that
// tail. The tail only chooses the number of rounds, so its predictions calibrate the booster almost as
// if they were out of sample; the booster never fits on them.
WindowModel fitWindow(const PooledRows& rows, const Eigen::VectorXd& labels, const std::vector<std::size_t>& windowRows,
                      const xgb::BoosterParams& params, const WalkForwardSpec& spec, const RunControl& control)
{
    const ev::ValidationTailSplit split = splitTrainingWindow(params.name, rows.time, windowRows, spec);
    const xgb::TrainingHooks hooks{[&control] { return control.isCancelled(); }, {}};
    const xgb::Matrix fit = xgb::Matrix::withTargets(fitRows(rows.features, split.fitRows), selectValues(labels, split.fitRows));
    const xgb::Matrix tail = xgb::Matrix::withTargets(selectRows(rows.features, split.validationRows),
                                                      selectValues(labels, split.validationRows));
    xgb::TrainedBooster trained = cancellable([&] { return xgb::train(fit, &tail, params, hooks); });
    Eigen::MatrixXd tailRaw = trained.booster.predict(tail);
    return {std::move(trained.booster), std::move(tailRaw), split.validationRows};
}

struct WalkForwardPass {
    std::vector<ev::Fold> folds;
    std::vector<WindowModel> models;
    std::vector<Eigen::MatrixXd> testRaw;  // fold's test rows x outputs
};

WalkForwardPass runWalkForward(const PooledRows& rows, const Eigen::VectorXd& labels, const xgb::BoosterParams& params,
                               const WalkForwardSpec& spec, const RunControl& control)
{
    WalkForwardPass pass;
    pass.folds = planWalkForwardFolds(rows, spec);
    for (std::size_t f = 0; f < pass.folds.size(); ++f) {
        control.throwIfCancelled();
        const ev::Fold& fold = pass.folds[f];
        pass.models.push_back(fitWindow(rows, labels, fold.trainRows, params, spec, control));
        pass.testRaw.push_back(pass.models.back().booster.predict(selectRows(rows.features, fold.testRows)));
        control.report(double(f + 1) / double(pass.folds.size() + 1),
                       QStringLiteral("%1: walk-forward fold %2 of %3").arg(QString::fromStdString(params.name)).arg(f + 1).arg(pass.folds.size()));
    }
    return pass;
}

// P(label = 1) as the two-class rows [1 − p, p] a climatology blend is fitted on.
Eigen::MatrixXd twoClassRows(const std::vector<double>& positive)
{
    Eigen::MatrixXd rows(Eigen::Index(positive.size()), 2);
    for (std::size_t i = 0; i < positive.size(); ++i)
        rows.row(Eigen::Index(i)) << 1.0 - positive[i], positive[i];
    return rows;
}

std::vector<double> calibratedRaw(const ev::BinaryCalibrator& calibrator, const Eigen::MatrixXd& raw)
{
    std::vector<double> out(std::size_t(raw.rows()));
    for (Eigen::Index i = 0; i < raw.rows(); ++i)
        out[std::size_t(i)] = calibrator.calibrate(raw(i, 0));
    return out;
}

// Calibrated, then shrunk toward the window's base rate (unchanged by an identity blend).
std::vector<double> binaryForecasts(const ev::BinaryCalibrator& calibrator, const ev::ClimatologyBlend& blend,
                                    const Eigen::MatrixXd& raw)
{
    std::vector<double> forecasts = calibratedRaw(calibrator, raw);
    for (double& forecast : forecasts)
        forecast = blend.applyToPositive(forecast);
    return forecasts;
}

std::vector<double> calibratedPredictions(const xgb::Booster& booster, const ev::BinaryCalibrator& calibrator,
                                          const ev::ClimatologyBlend& blend, const xgb::FeatureMatrixF& features)
{
    return binaryForecasts(calibrator, blend, booster.predict(features));
}

// Class frequencies among the rows a fold trained on: the base rate a forecaster knew before the fold's
// test window, and what the product quotes without an edge, so each fold's rows score Brier skill
// against their own fold's. The first fold's are kept in the track record (its class count, and the
// base rate of sidecars saved without one).
std::vector<double> climatologyOf(const Eigen::VectorXd& labels, const ev::Fold& fold, int classCount)
{
    return classFrequencies(labels, fold.trainRows, classCount);
}

// The window's shrinkage toward its class frequencies, weighed on its calibration tail in blocks of the
// record's bootstrap (identity unless the spec asks for it).
ev::ClimatologyBlend fitBlend(const PooledRows& rows, const ModelSpec& spec, const ev::OneVsRestCalibrator& calibrator,
                              const WindowModel& window, const Eigen::VectorXd& labels, std::vector<double> frequencies)
{
    if (!spec.shrinkTowardClimatology)
        return ev::ClimatologyBlend::identity(std::move(frequencies));
    const std::vector<std::int64_t> times = rowTimes(rows, window.tailRows);
    return ev::ClimatologyBlend::fit(calibrator.calibrate(window.tailRaw), classIndices(labels, window.tailRows),
                                     std::move(frequencies), {times, sessionBlockLength(spec.walkForward.labelHorizon)});
}

ev::ClimatologyBlend fitBinaryBlend(const PooledRows& rows, const ModelSpec& spec, const ev::BinaryCalibrator& calibrator,
                                    const WindowModel& window, const Eigen::VectorXd& labels, double baseRate)
{
    if (!spec.shrinkTowardClimatology)
        return ev::ClimatologyBlend::identity({1.0 - baseRate, baseRate});
    const std::vector<std::int64_t> times = rowTimes(rows, window.tailRows);
    return ev::ClimatologyBlend::fit(twoClassRows(calibratedRaw(calibrator, window.tailRaw)),
                                     classIndices(labels, window.tailRows), {1.0 - baseRate, baseRate},
                                     {times, sessionBlockLength(spec.walkForward.labelHorizon)});
}

void requireBothClasses(const Eigen::VectorXd& labels, const std::string& name)
{
    const double positives = labels.sum();
    if (positives <= 0.0 || positives >= double(labels.size()))
        throw std::invalid_argument(name + ": the labels have one class only, nothing to learn");
}

QByteArray jsonBytes(const json& document)
{
    const std::string text = document.dump(1);
    return QByteArray(text.data(), qsizetype(text.size()));
}

json parseArtifact(const models::LoadedGeneration& generation, const std::string& name)
{
    const QByteArray& bytes = generation.artifact(QString::fromStdString(name));
    return json::parse(bytes.constBegin(), bytes.constEnd());
}

void requireRowGroups(std::size_t groups, std::size_t rows, const std::string& name)
{
    if (groups != 0 && groups != rows)
        throw std::invalid_argument(name + ": row groups must name one group per row");
}

std::vector<std::size_t> groupedRows(const RowGroups& rowGroups, const std::vector<std::size_t>& rows)
{
    std::vector<std::size_t> grouped;
    if (rowGroups.empty())
        return grouped;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(grouped), [&](std::size_t row) { return !rowGroups[row].empty(); });
    return grouped;
}

// The window's shift per group, from the calibrated forecasts its own model makes for the window's
// grouped rows: in-sample for the rows the booster fitted, but a booster whose leaves need ~200
// events cannot fit a few dozen rows, and the shift is what it misses on them.
ev::GroupLogitOffsets fitGroupOffsets(const PooledRows& rows, const Eigen::VectorXd& labels, const RowGroups& rowGroups,
                                      const std::vector<std::size_t>& windowRows, const xgb::Booster& booster,
                                      const ev::BinaryCalibrator& calibrator, const ev::ClimatologyBlend& blend,
                                      std::int64_t labelHorizon)
{
    const std::vector<std::size_t> grouped = groupedRows(rowGroups, windowRows);
    if (grouped.empty())
        return {};
    const std::vector<double> forecasts = calibratedPredictions(booster, calibrator, blend, selectRows(rows.features, grouped));
    std::vector<ev::GroupForecast> known;
    known.reserve(grouped.size());
    for (std::size_t i = 0; i < grouped.size(); ++i)
        known.push_back({rowGroups[grouped[i]], rows.time[grouped[i]], forecasts[i], int(labels[Eigen::Index(grouped[i])])});
    return ev::GroupLogitOffsets::fit(known, sessionBlockLength(labelHorizon), {}, ev::AllowedShift::UpwardOnly);
}

void shiftGroups(const ev::GroupLogitOffsets& offsets, std::span<const std::string> groups, std::vector<double>& probabilities)
{
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (!groups[i].empty())
            probabilities[i] = offsets.apply(groups[i], probabilities[i]);
    }
}

std::vector<std::string> groupsOf(const RowGroups& rowGroups, const std::vector<std::size_t>& rows)
{
    std::vector<std::string> groups;
    if (rowGroups.empty())
        return groups;
    groups.reserve(rows.size());
    for (const std::size_t row : rows)
        groups.push_back(rowGroups[row]);
    return groups;
}

}  // namespace

ev::ValidationTailSplit splitTrainingWindow(const std::string& modelName, std::span<const std::int64_t> rowTimes,
                                            std::span<const std::size_t> windowRows, const WalkForwardSpec& spec)
{
    ev::ValidationTailSplit split;
    try {
        split = ev::splitValidationTail(rowTimes, windowRows, spec.validationSessions, ev::PurgeSpec{spec.labelHorizon, spec.embargo});
    } catch (const ev::HistoryTooShort& error) {
        throw ev::HistoryTooShort(modelName + ": " + error.what());
    }
    if (split.validationRows.empty() || split.fitRows.empty())
        throw ev::HistoryTooShort(modelName + ": a training window is too short for its calibration tail");
    return split;
}

ev::EvaluationOptions evaluationOptions(const WalkForwardSpec& spec)
{
    ev::EvaluationOptions options;
    options.bootstrap.resamples = spec.bootstrapResamples;
    options.bootstrap.confidenceLevel = spec.confidenceLevel;
    // Rows of one session (many tickers) and of neighbouring sessions (overlapping labels) move
    // together; resampling blocks of sessions keeps that dependence in the interval.
    options.bootstrap.blockLength = sessionBlockLength(spec.labelHorizon);
    return options;
}

xgb::TreeParams defaultTreeParams(std::uint32_t seed)
{
    xgb::TreeParams tree;
    tree.maxDepth = 4;
    tree.learningRate = 0.08;
    tree.subsample = 0.8;
    tree.colsampleByTree = 0.8;
    tree.minChildWeight = 50.0;
    tree.lambda = 5.0;
    tree.maxBin = 64;
    tree.numRounds = 120;
    tree.earlyStoppingRounds = 15;
    tree.seed = seed;
    return tree;
}

TrackRecord trackRecordFromJson(const json& document)
{
    TrackRecord record;
    record.metrics = ev::metricsReportFromJson(document.at("metrics"));
    record.edgeDemonstrated = document.at("edge_demonstrated").get<bool>();
    record.climatology = document.at("climatology").get<std::vector<double>>();
    record.folds = document.at("folds").get<int>();
    return record;
}

json toJson(const TrackRecord& record)
{
    return {{"metrics", ev::toJson(record.metrics)},
            {"edge_demonstrated", record.edgeDemonstrated},
            {"climatology", record.climatology},
            {"folds", record.folds}};
}

// ---- BinaryModel -------------------------------------------------------------------------------------

BinaryModel::BinaryModel(std::string name, xgb::Booster booster, ev::BinaryCalibrator calibrator, ev::ClimatologyBlend blend,
                         ev::GroupLogitOffsets groupOffsets, TrackRecord record, double baseRate, OutOfFold outOfFold)
    : name_(std::move(name)), booster_(std::move(booster)), calibrator_(std::move(calibrator)), blend_(std::move(blend)),
      groupOffsets_(std::move(groupOffsets)), record_(std::move(record)), baseRate_(baseRate), outOfFold_(std::move(outOfFold))
{
}

BinaryModel BinaryModel::train(const PooledRows& rows, const Eigen::VectorXd& labels, const ModelSpec& spec,
                               const RunControl& control, const FoldObserver& observeFold, const RowGroups& rowGroups)
{
    requireBothClasses(labels, spec.name);
    requireRowGroups(rowGroups.size(), rows.size(), spec.name);
    xgb::BoosterParams params;
    params.name = spec.name;
    params.objective = xgb::ObjectiveKind::BinaryLogistic;
    params.tree = spec.tree;

    const WalkForwardPass pass = runWalkForward(rows, labels, params, spec.walkForward, control.stage(0.0, 0.8));
    OutOfFold outOfFold;
    std::vector<double> probabilities;
    std::vector<double> climatologyForecasts;
    std::vector<int> outcomes;
    // Scoring the folds (a fold observer quotes every test-window ticker) takes seconds: Cancel is
    // heard between folds and before the evaluation, not only in the next boosting loop.
    for (std::size_t f = 0; f < pass.folds.size(); ++f) {
        control.throwIfCancelled();
        const WindowModel& model = pass.models[f];
        const ev::BinaryCalibrator calibrator = ev::BinaryCalibrator::fit(
            spec.calibration, std::vector<double>(model.tailRaw.data(), model.tailRaw.data() + model.tailRaw.size()),
            classIndices(labels, model.tailRows));
        const std::vector<int> foldLabels = classIndices(labels, pass.folds[f].testRows);
        const double foldBaseRate = climatologyOf(labels, pass.folds[f], 2)[1];
        const ev::ClimatologyBlend blend = fitBinaryBlend(rows, spec, calibrator, model, labels, foldBaseRate);
        std::vector<double> foldProbabilities = binaryForecasts(calibrator, blend, pass.testRaw[f]);
        const ev::GroupLogitOffsets offsets = fitGroupOffsets(rows, labels, rowGroups, pass.folds[f].trainRows, model.booster,
                                                              calibrator, blend, spec.walkForward.labelHorizon);
        shiftGroups(offsets, groupsOf(rowGroups, pass.folds[f].testRows), foldProbabilities);
        for (std::size_t i = 0; i < pass.folds[f].testRows.size(); ++i) {
            probabilities.push_back(foldProbabilities[i]);
            climatologyForecasts.push_back(foldBaseRate);
            outcomes.push_back(foldLabels[i]);
            outOfFold.rows.push_back(pass.folds[f].testRows[i]);
        }
        if (observeFold) {
            observeFold(pass.folds[f], [&](const xgb::FeatureMatrixF& features, std::span<const std::string> groups) {
                requireRowGroups(groups.size(), std::size_t(features.rows()), spec.name);
                std::vector<double> predicted = calibratedPredictions(model.booster, calibrator, blend, features);
                shiftGroups(offsets, groups, predicted);
                return predicted;
            });
        }
    }
    outOfFold.probabilities = Eigen::Map<const Eigen::VectorXd>(probabilities.data(), Eigen::Index(probabilities.size()));

    control.throwIfCancelled();
    TrackRecord record;
    record.folds = int(pass.folds.size());
    record.climatology = climatologyOf(labels, pass.folds.front(), 2);
    const ev::EvaluationOptions options = evaluationOptions(spec.walkForward);
    const std::vector<std::int64_t> times = rowTimes(rows, outOfFold.rows);
    record.metrics = ev::evaluateBinaryClassifier(probabilities, outcomes, climatologyForecasts, options, times);
    if (spec.timeShiftPlacebo)
        scorePlacebo(probabilities, outcomes, rowTickers(rows, outOfFold.rows), times, spec.walkForward.labelHorizon,
                     options.bootstrap.confidenceLevel, record.metrics);
    record.edgeDemonstrated = ev::edgeDemonstrated(record.metrics);

    const RunControl shipping = control.stage(0.8, 1.0);
    WindowModel shipped = fitWindow(rows, labels, allRows(rows), params, spec.walkForward, shipping);
    ev::BinaryCalibrator calibrator = ev::BinaryCalibrator::fit(
        spec.calibration, std::vector<double>(shipped.tailRaw.data(), shipped.tailRaw.data() + shipped.tailRaw.size()),
        classIndices(labels, shipped.tailRows));
    const double baseRate = labels.mean();
    ev::ClimatologyBlend blend = fitBinaryBlend(rows, spec, calibrator, shipped, labels, baseRate);
    ev::GroupLogitOffsets offsets = fitGroupOffsets(rows, labels, rowGroups, allRows(rows), shipped.booster, calibrator, blend,
                                                    spec.walkForward.labelHorizon);
    shipping.report(1.0, QStringLiteral("%1: final model").arg(QString::fromStdString(spec.name)));
    return BinaryModel(spec.name, std::move(shipped.booster), std::move(calibrator), std::move(blend), std::move(offsets),
                       std::move(record), baseRate, std::move(outOfFold));
}

std::vector<double> BinaryModel::predict(const xgb::FeatureMatrixF& features, std::span<const std::string> rowGroups) const
{
    requireRowGroups(rowGroups.size(), std::size_t(features.rows()), name_);
    std::vector<double> probabilities = calibratedPredictions(booster_, calibrator_, blend_, features);
    shiftGroups(groupOffsets_, rowGroups, probabilities);
    return probabilities;
}

void BinaryModel::save(models::GenerationWriter& writer) const
{
    writer.addArtifact(QString::fromStdString(name_ + ".ubj"), booster_.save(xgb::ModelFormat::Ubjson));
    writer.addArtifact(QString::fromStdString(name_ + ".json"),
                       jsonBytes({{"kind", "binary"}, {"calibrator", calibrator_.toJson()}, {"blend", blend_.toJson()},
                                  {"group_offsets", groupOffsets_.toJson()}, {"track_record", toJson(record_)},
                                  {"base_rate", baseRate_}}));
}

BinaryModel BinaryModel::load(const models::LoadedGeneration& generation, const std::string& name)
{
    const json sidecar = parseArtifact(generation, name + ".json");
    if (sidecar.at("kind") != "binary")
        throw std::runtime_error(name + ".json does not describe a binary model");
    TrackRecord record = trackRecordFromJson(sidecar.at("track_record"));
    // Sidecars written before the base rate was stored fall back to the first fold's climatology.
    const double baseRate = sidecar.value("base_rate", record.climatology.at(1));
    // Sidecars written before binary models had a blend used the calibrated booster as it is.
    ev::ClimatologyBlend blend = sidecar.contains("blend") ? ev::ClimatologyBlend::fromJson(sidecar.at("blend"))
                                                           : ev::ClimatologyBlend::identity({1.0 - baseRate, baseRate});
    if (blend.frequencies().size() != 2)
        throw std::runtime_error(name + ".json: a binary model's blend must have two classes");
    // Sidecars written before group shifts existed shift nothing.
    ev::GroupLogitOffsets offsets = sidecar.contains("group_offsets") ? ev::GroupLogitOffsets::fromJson(sidecar.at("group_offsets"))
                                                                      : ev::GroupLogitOffsets{};
    return BinaryModel(name, xgb::Booster::load(generation.artifact(QString::fromStdString(name + ".ubj"))),
                       ev::BinaryCalibrator::fromJson(sidecar.at("calibrator")), std::move(blend), std::move(offsets),
                       std::move(record), baseRate, {});
}

// ---- MulticlassModel ---------------------------------------------------------------------------------

MulticlassModel::MulticlassModel(std::string name, xgb::Booster booster, ev::OneVsRestCalibrator calibrator,
                                 ev::ClimatologyBlend blend, TrackRecord record, OutOfFold outOfFold)
    : name_(std::move(name)), booster_(std::move(booster)), calibrator_(std::move(calibrator)), blend_(std::move(blend)),
      record_(std::move(record)), outOfFold_(std::move(outOfFold))
{
}

MulticlassModel MulticlassModel::train(const PooledRows& rows, const Eigen::VectorXd& labels, int classCount,
                                       const ModelSpec& spec, const RunControl& control)
{
    xgb::BoosterParams params;
    params.name = spec.name;
    params.objective = xgb::ObjectiveKind::MultiSoftprob;
    params.classCount = classCount;
    params.tree = spec.tree;

    const WalkForwardPass pass = runWalkForward(rows, labels, params, spec.walkForward, control.stage(0.0, 0.8));
    OutOfFold outOfFold;
    std::vector<int> outcomes;
    Eigen::Index total = 0;
    for (const ev::Fold& fold : pass.folds)
        total += Eigen::Index(fold.testRows.size());
    outOfFold.probabilities.resize(total, classCount);
    Eigen::Index at = 0;
    for (std::size_t f = 0; f < pass.folds.size(); ++f) {
        control.throwIfCancelled();
        const WindowModel& model = pass.models[f];
        const ev::OneVsRestCalibrator calibrator =
            ev::OneVsRestCalibrator::fit(spec.calibration, model.tailRaw, classIndices(labels, model.tailRows));
        const ev::ClimatologyBlend blend = fitBlend(rows, spec, calibrator, model, labels,
                                                    climatologyOf(labels, pass.folds[f], classCount));
        const Eigen::MatrixXd calibrated = blend.apply(calibrator.calibrate(pass.testRaw[f]));
        outOfFold.probabilities.middleRows(at, calibrated.rows()) = calibrated;
        at += calibrated.rows();
        const std::vector<int> foldLabels = classIndices(labels, pass.folds[f].testRows);
        outcomes.insert(outcomes.end(), foldLabels.begin(), foldLabels.end());
        outOfFold.rows.insert(outOfFold.rows.end(), pass.folds[f].testRows.begin(), pass.folds[f].testRows.end());
    }

    control.throwIfCancelled();
    TrackRecord record;
    record.folds = int(pass.folds.size());
    record.climatology = climatologyOf(labels, pass.folds.front(), classCount);
    const ev::EvaluationOptions options = evaluationOptions(spec.walkForward);
    const std::vector<std::int64_t> times = rowTimes(rows, outOfFold.rows);
    record.metrics = ev::evaluateMulticlassClassifier(outOfFold.probabilities, outcomes,
                                                      foldClimatologyRows(labels, pass.folds, classCount), options, times);
    if (spec.pairwiseAuc) {
        const PairwiseScores pairwise = pairwiseScores(outOfFold.probabilities, outcomes, *spec.pairwiseAuc);
        scorePairwiseAuc(pairwise, times, options.bootstrap, record.metrics);
        if (spec.timeShiftPlacebo) {
            scorePlacebo(pairwise.scores, pairwise.outcomes, rowTickers(rows, outOfFold.rows), times,
                         spec.walkForward.labelHorizon, options.bootstrap.confidenceLevel, record.metrics);
        }
    }
    record.edgeDemonstrated = ev::edgeDemonstrated(record.metrics);

    const RunControl shipping = control.stage(0.8, 1.0);
    WindowModel shipped = fitWindow(rows, labels, allRows(rows), params, spec.walkForward, shipping);
    ev::OneVsRestCalibrator calibrator =
        ev::OneVsRestCalibrator::fit(spec.calibration, shipped.tailRaw, classIndices(labels, shipped.tailRows));
    ev::ClimatologyBlend blend = fitBlend(rows, spec, calibrator, shipped, labels, classFrequencies(labels, allRows(rows), classCount));
    shipping.report(1.0, QStringLiteral("%1: final model").arg(QString::fromStdString(spec.name)));
    return MulticlassModel(spec.name, std::move(shipped.booster), std::move(calibrator), std::move(blend), std::move(record),
                           std::move(outOfFold));
}

Eigen::MatrixXd MulticlassModel::predict(const xgb::FeatureMatrixF& features) const
{
    return blend_.apply(calibrator_.calibrate(booster_.predict(features)));
}

void MulticlassModel::save(models::GenerationWriter& writer) const
{
    writer.addArtifact(QString::fromStdString(name_ + ".ubj"), booster_.save(xgb::ModelFormat::Ubjson));
    writer.addArtifact(QString::fromStdString(name_ + ".json"),
                       jsonBytes({{"kind", "multiclass"}, {"calibrator", calibrator_.toJson()}, {"blend", blend_.toJson()},
                                  {"track_record", toJson(record_)}}));
}

MulticlassModel MulticlassModel::load(const models::LoadedGeneration& generation, const std::string& name)
{
    const json sidecar = parseArtifact(generation, name + ".json");
    if (sidecar.at("kind") != "multiclass")
        throw std::runtime_error(name + ".json does not describe a multi-class model");
    TrackRecord record = trackRecordFromJson(sidecar.at("track_record"));
    // Sidecars written before the blend existed used the calibrated booster as it is.
    ev::ClimatologyBlend blend = sidecar.contains("blend") ? ev::ClimatologyBlend::fromJson(sidecar.at("blend"))
                                                           : ev::ClimatologyBlend::identity(record.climatology);
    return MulticlassModel(name, xgb::Booster::load(generation.artifact(QString::fromStdString(name + ".ubj"))),
                           ev::OneVsRestCalibrator::fromJson(sidecar.at("calibrator")), std::move(blend),
                           std::move(record), {});
}

// ---- QuantileModel -----------------------------------------------------------------------------------

QuantileModel::QuantileModel(std::string name, std::vector<xgb::QuantileBooster> members, std::vector<QuantileTrackRecord> record,
                             std::vector<double> trainingConstants)
    : name_(std::move(name)), members_(std::move(members)), record_(std::move(record)), trainingConstants_(std::move(trainingConstants))
{
}

namespace {

QuantileTrackRecord quantileRecord(std::span<const double> realised, std::span<const double> predicted,
                                   std::span<const double> constant, std::span<const std::int64_t> times, double level,
                                   const WalkForwardSpec& spec)
{
    QuantileTrackRecord record;
    record.quantile = level;
    record.coverage = ev::empiricalQuantileCoverage(realised, predicted);
    record.n = realised.size();
    const ev::BootstrapOptions bootstrap = evaluationOptions(spec).bootstrap;
    std::vector<double> covered(realised.size());
    for (std::size_t row = 0; row < realised.size(); ++row)
        covered[row] = realised[row] <= predicted[row] ? 1.0 : 0.0;
    if (const auto interval = ev::bootstrapMeanInterval(covered, bootstrap, times)) {
        record.coverageLow = interval->interval.low;
        record.coverageHigh = interval->interval.high;
    }
    const std::vector<double> modelLosses = ev::pinballLosses(realised, predicted, level);
    const double modelTotal = std::accumulate(modelLosses.begin(), modelLosses.end(), 0.0);
    record.pinball = modelTotal / double(modelLosses.size());
    const std::vector<double> constantLosses = ev::pinballLosses(realised, constant, level);
    const double reference = std::accumulate(constantLosses.begin(), constantLosses.end(), 0.0);
    if (reference <= 0.0)
        return record;
    record.pinballSkill = 1.0 - modelTotal / reference;
    if (const auto interval = ev::bootstrapSkillScoreInterval(modelLosses, constantLosses, bootstrap, times)) {
        record.pinballSkillLow = interval->interval.low;
        record.pinballSkillHigh = interval->interval.high;
        record.edgeDemonstrated = interval->interval.low > 0.0;
    }
    return record;
}

}  // namespace

QuantileModel QuantileModel::train(const PooledRows& rows, const Eigen::VectorXd& targets, const std::vector<double>& quantiles,
                                   const ModelSpec& spec, const RunControl& control)
{
    if (!targets.allFinite())
        throw std::invalid_argument(spec.name + ": quantile targets must be finite");
    const std::vector<ev::Fold> folds = planWalkForwardFolds(rows, spec.walkForward);
    xgb::QuantileParams params;
    params.name = spec.name;
    params.tree = spec.tree;
    const xgb::TrainingHooks hooks{[&control] { return control.isCancelled(); }, {}};

    std::vector<std::vector<double>> predicted(quantiles.size());
    std::vector<std::vector<double>> constant(quantiles.size());  // each fold's training quantile, per test row
    std::vector<double> realised;
    std::vector<std::int64_t> times;
    std::vector<std::vector<int>> bestRounds(quantiles.size());
    for (std::size_t f = 0; f < folds.size(); ++f) {
        control.throwIfCancelled();
        const ev::ValidationTailSplit split = splitTrainingWindow(spec.name, rows.time, folds[f].trainRows, spec.walkForward);
        const xgb::Matrix fit = xgb::Matrix::withTargets(fitRows(rows.features, split.fitRows), selectValues(targets, split.fitRows));
        std::optional<xgb::Matrix> valid;
        if (!split.validationRows.empty())
            valid.emplace(xgb::Matrix::withTargets(selectRows(rows.features, split.validationRows), selectValues(targets, split.validationRows)));
        const xgb::Matrix test = xgb::Matrix::fromFeatures(selectRows(rows.features, folds[f].testRows));
        std::vector<xgb::TrainedQuantileBooster> trained = cancellable([&] {
            return xgb::trainQuantiles(fit, valid ? &*valid : nullptr, quantiles, params, hooks);
        });
        for (std::size_t q = 0; q < quantiles.size(); ++q) {
            const Eigen::VectorXd prediction = trained[q].booster.predict(test);
            predicted[q].insert(predicted[q].end(), prediction.data(), prediction.data() + prediction.size());
            bestRounds[q].push_back(trained[q].report.bestIteration + 1);
        }
        const Eigen::VectorXd trainTargets = selectValues(targets, folds[f].trainRows);
        for (std::size_t q = 0; q < quantiles.size(); ++q) {
            const double level = ev::pinballOptimalConstant({trainTargets.data(), trainTargets.data() + trainTargets.size()}, quantiles[q]);
            constant[q].insert(constant[q].end(), folds[f].testRows.size(), level);
        }
        const Eigen::VectorXd truth = selectValues(targets, folds[f].testRows);
        realised.insert(realised.end(), truth.data(), truth.data() + truth.size());
        const std::vector<std::int64_t> foldTimes = rowTimes(rows, folds[f].testRows);
        times.insert(times.end(), foldTimes.begin(), foldTimes.end());
        control.report(0.8 * double(f + 1) / double(folds.size()),
                       QStringLiteral("%1: walk-forward fold %2 of %3").arg(QString::fromStdString(spec.name)).arg(f + 1).arg(folds.size()));
    }

    std::vector<QuantileTrackRecord> record;
    std::vector<xgb::QuantileBooster> members;
    std::vector<double> trainingConstants;
    const xgb::Matrix all = xgb::Matrix::withTargets(fitRows(rows.features, allRows(rows)), targets);
    for (std::size_t q = 0; q < quantiles.size(); ++q) {
        record.push_back(quantileRecord(realised, predicted[q], constant[q], times, quantiles[q], spec.walkForward));
        trainingConstants.push_back(ev::pinballOptimalConstant({targets.data(), targets.data() + targets.size()}, quantiles[q]));
        xgb::QuantileParams shipped = params;
        const double meanRounds = std::accumulate(bestRounds[q].begin(), bestRounds[q].end(), 0.0) / double(bestRounds[q].size());
        shipped.tree.numRounds = std::max(kMinimumRoundsShipped, int(std::lround(meanRounds)));
        shipped.tree.earlyStoppingRounds = 0;
        shipped.quantile = quantiles[q];
        members.push_back(cancellable([&] { return xgb::trainQuantile(all, nullptr, shipped, hooks); }).booster);
    }
    control.report(1.0, QStringLiteral("%1: final model").arg(QString::fromStdString(spec.name)));
    return QuantileModel(spec.name, std::move(members), std::move(record), std::move(trainingConstants));
}

Eigen::MatrixXd QuantileModel::predict(const xgb::FeatureMatrixF& features) const
{
    Eigen::MatrixXd out(features.rows(), Eigen::Index(members_.size()));
    for (std::size_t q = 0; q < members_.size(); ++q)
        out.col(Eigen::Index(q)) = members_[q].predict(features);
    // Separately trained quantiles can cross; a higher level never reports a lower value.
    for (Eigen::Index q = 1; q < out.cols(); ++q)
        out.col(q) = out.col(q).cwiseMax(out.col(q - 1));
    return out;
}

void QuantileModel::save(models::GenerationWriter& writer) const
{
    json record = json::array();
    for (std::size_t q = 0; q < members_.size(); ++q) {
        writer.addArtifact(QString::fromStdString(name_ + "_q" + std::to_string(q) + ".ubj"), members_[q].save(xgb::ModelFormat::Ubjson));
        const QuantileTrackRecord& entry = record_[q];
        const bool hasInterval = entry.pinballSkillLow && entry.pinballSkillHigh;
        const bool hasCoverageInterval = entry.coverageLow && entry.coverageHigh;
        record.push_back({{"quantile", entry.quantile}, {"coverage", entry.coverage},
                          {"coverage_ci", hasCoverageInterval ? json::array({*entry.coverageLow, *entry.coverageHigh}) : json(nullptr)},
                          {"pinball", entry.pinball}, {"n", entry.n},
                          {"pinball_skill", entry.pinballSkill ? json(*entry.pinballSkill) : json(nullptr)},
                          {"pinball_skill_ci", hasInterval ? json::array({*entry.pinballSkillLow, *entry.pinballSkillHigh}) : json(nullptr)},
                          {"edge_demonstrated", entry.edgeDemonstrated}});
    }
    writer.addArtifact(QString::fromStdString(name_ + ".json"),
                       jsonBytes({{"kind", "quantile"}, {"track_record", record}, {"training_constants", trainingConstants_}}));
}

QuantileModel QuantileModel::load(const models::LoadedGeneration& generation, const std::string& name)
{
    const json sidecar = parseArtifact(generation, name + ".json");
    if (sidecar.at("kind") != "quantile")
        throw std::runtime_error(name + ".json does not describe a quantile model");
    std::vector<xgb::QuantileBooster> members;
    std::vector<QuantileTrackRecord> record;
    for (std::size_t q = 0; q < sidecar.at("track_record").size(); ++q) {
        const json& entry = sidecar["track_record"][q];
        members.push_back(xgb::QuantileBooster::load(generation.artifact(QString::fromStdString(name + "_q" + std::to_string(q) + ".ubj"))));
        QuantileTrackRecord loaded;
        loaded.quantile = entry.at("quantile").get<double>();
        loaded.coverage = entry.at("coverage").get<double>();
        if (const json interval = entry.value("coverage_ci", json(nullptr)); interval.is_array() && interval.size() == 2) {
            loaded.coverageLow = interval[0].get<double>();
            loaded.coverageHigh = interval[1].get<double>();
        }
        loaded.pinball = entry.at("pinball").get<double>();
        loaded.n = entry.at("n").get<std::size_t>();
        // Absent in sidecars saved before the skill score existed: no edge claimed.
        if (const json skill = entry.value("pinball_skill", json(nullptr)); !skill.is_null())
            loaded.pinballSkill = skill.get<double>();
        if (const json interval = entry.value("pinball_skill_ci", json(nullptr)); interval.is_array() && interval.size() == 2) {
            loaded.pinballSkillLow = interval[0].get<double>();
            loaded.pinballSkillHigh = interval[1].get<double>();
        }
        loaded.edgeDemonstrated = entry.value("edge_demonstrated", false);
        record.push_back(loaded);
    }
    // Absent in sidecars saved before it was kept.
    std::vector<double> trainingConstants;
    if (const json constants = sidecar.value("training_constants", json(nullptr)); !constants.is_null()) {
        trainingConstants = constants.get<std::vector<double>>();
        const bool finite = std::all_of(trainingConstants.begin(), trainingConstants.end(), [](double c) { return std::isfinite(c); });
        if (trainingConstants.size() != record.size() || !finite)
            throw std::runtime_error(name + ".json: training_constants must hold one finite number per quantile");
    }
    return QuantileModel(name, std::move(members), std::move(record), std::move(trainingConstants));
}

}  // namespace aegis::engines
