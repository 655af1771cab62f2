#include "engines/direction/horizon_ensemble.h"
#include "engines/core/placebo_scoring.h"
#include "engines/core/walk_forward_rows.h"
#include "engines/labels/label_table.h"

#include "models/evaluation/probability_ensemble.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace aegis::engines {

namespace ev = models::evaluation;
using nlohmann::json;

namespace {

constexpr int kClasses = 3;

Eigen::MatrixXd stackRows(const Eigen::MatrixXd& top, const Eigen::MatrixXd& bottom)
{
    Eigen::MatrixXd out(top.rows() + bottom.rows(), top.cols());
    out << top, bottom;
    return out;
}

// Guards the model boundary: every probability finite, rows summing to 1.
void requireProbabilities(const Eigen::MatrixXd& probabilities, const char* what)
{
    if (probabilities.cols() != kClasses || !probabilities.allFinite())
        throw std::invalid_argument(std::string(what) + ": probabilities must be finite rows of 3 classes");
}

Eigen::MatrixXd mixWith(const std::vector<double>& weights, const Eigen::MatrixXd& xgb, const Eigen::MatrixXd* lstm)
{
    if (weights.size() < 2 || weights[1] <= 0.0)
        return xgb;
    if (lstm == nullptr || lstm->rows() != xgb.rows() || lstm->cols() != xgb.cols())
        throw std::invalid_argument("direction ensemble: the BiLSTM has weight but no matching probabilities");
    return weights[0] * xgb + weights[1] * (*lstm);
}

}  // namespace

HorizonEnsemble::HorizonEnsemble(std::vector<double> weights, std::vector<double> validationLogLoss,
                                 std::optional<ev::ClimatologyBlend> blend, TrackRecord record)
    : weights_(std::move(weights)), validationLogLoss_(std::move(validationLogLoss)), blend_(std::move(blend)),
      record_(std::move(record))
{
}

HorizonEnsemble HorizonEnsemble::fit(const EnsembleWindow& validation, const EnsembleWindow& test,
                                     const std::vector<double>& testClimatology, const std::vector<double>& baseRate,
                                     int bootstrapResamples, int horizon)
{
    requireProbabilities(validation.xgb, "validation XGBoost");
    requireProbabilities(test.xgb, "test XGBoost");
    const bool withLstm = validation.lstm.has_value() && test.lstm.has_value();

    std::vector<double> weights{1.0, 0.0};
    std::vector<double> logLoss;
    if (withLstm) {
        requireProbabilities(*validation.lstm, "validation BiLSTM");
        const ev::ProbabilityEnsemble fitted =
            ev::ProbabilityEnsemble::fitOnValidation({validation.xgb, *validation.lstm}, validation.labels);
        weights = fitted.weights();
        logLoss.push_back(fitted.validationLogLoss().value_or(0.0));
        logLoss.insert(logLoss.end(), fitted.memberValidationLogLoss().begin(), fitted.memberValidationLogLoss().end());
    }
    const Eigen::MatrixXd validationMix = mixWith(weights, validation.xgb, withLstm ? &*validation.lstm : nullptr);
    const Eigen::MatrixXd testMix = mixWith(weights, test.xgb, withLstm ? &*test.lstm : nullptr);
    // XGBoost alone is already shrunk out of fold; a second weight fitted on one fold would only add
    // that fold's noise.
    const bool recalibrate = weights[1] > 0.0;
    const int blockLength = sessionBlockLength(horizon);
    const Eigen::MatrixXd testProbabilities =
        recalibrate ? ev::ClimatologyBlend::fit(validationMix, validation.labels, testClimatology,
                                                {validation.times, blockLength})
                          .apply(testMix)
                    : testMix;
    ev::EvaluationOptions options;
    options.bootstrap.confidenceLevel = kDirectionFamilyConfidence;
    options.bootstrap.resamples = std::max(bootstrapResamples, kDirectionFamilyResamples);
    options.bootstrap.blockLength = blockLength;
    TrackRecord record;
    record.folds = 1;
    record.climatology = testClimatology;
    record.metrics = ev::evaluateMulticlassClassifier(testProbabilities, test.labels, testClimatology, options, test.times);
    const PairwiseScores pairwise = pairwiseScores(testProbabilities, test.labels, kDownVersusUp);
    scorePairwiseAuc(pairwise, test.times, options.bootstrap, record.metrics);
    const auto [first, last] = std::minmax_element(test.times.begin(), test.times.end());
    const std::int64_t testSessions = test.times.empty() ? 0 : *last - *first + 1;
    scorePlacebo(pairwise.scores, pairwise.outcomes, test.tickers, test.times, horizon, options.bootstrap.confidenceLevel,
                 record.metrics);
    record.edgeDemonstrated = ev::edgeDemonstrated(record.metrics) && testSessions >= kMinimumIndependentPeriods * horizon;

    std::vector<int> allLabels = validation.labels;
    allLabels.insert(allLabels.end(), test.labels.begin(), test.labels.end());
    std::vector<std::int64_t> allTimes = validation.times;
    allTimes.insert(allTimes.end(), test.times.begin(), test.times.end());
    std::optional<ev::ClimatologyBlend> shipped;
    if (recalibrate)
        shipped = ev::ClimatologyBlend::fit(stackRows(validationMix, testMix), allLabels, baseRate, {allTimes, blockLength});
    return HorizonEnsemble(std::move(weights), std::move(logLoss), std::move(shipped), std::move(record));
}

Eigen::MatrixXd HorizonEnsemble::predict(const Eigen::MatrixXd& xgb, const Eigen::MatrixXd* lstm) const
{
    requireProbabilities(xgb, "XGBoost");
    const Eigen::MatrixXd mixed = mixWith(weights_, xgb, lstm);
    Eigen::MatrixXd calibrated = blend_ ? blend_->apply(mixed) : mixed;
    requireProbabilities(calibrated, "calibrated ensemble");
    return calibrated;
}

json HorizonEnsemble::toJson() const
{
    return {{"weights", weights_},
            {"validation_log_loss", validationLogLoss_},
            {"blend", blend_ ? blend_->toJson() : json(nullptr)},
            {"track_record", engines::toJson(record_)}};
}

HorizonEnsemble HorizonEnsemble::fromJson(const json& document)
{
    if (!document.contains("blend") && document.contains("calibrator"))
        throw std::runtime_error("the direction ensemble was saved with a Platt calibrator, which the climatology "
                                 "blend replaced: retrain the direction engine");
    return HorizonEnsemble(document.at("weights").get<std::vector<double>>(),
                           document.at("validation_log_loss").get<std::vector<double>>(),
                           document.at("blend").is_null() ? std::nullopt
                                                          : std::optional(ev::ClimatologyBlend::fromJson(document.at("blend"))),
                           trackRecordFromJson(document.at("track_record")));
}

}  // namespace aegis::engines
