#include "models/evaluation/one_vs_rest_calibrator.h"

#include "models/evaluation/input_checks.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace aegis::models::evaluation {

OneVsRestCalibrator::OneVsRestCalibrator(std::vector<BinaryCalibrator> perClass) : perClass_(std::move(perClass))
{
    if (perClass_.size() < 2)
        throw std::invalid_argument("one-vs-rest calibrator: needs at least two classes");
}

OneVsRestCalibrator OneVsRestCalibrator::fit(CalibrationMethod method, const Eigen::MatrixXd& outOfFoldProbabilities,
                                             std::span<const int> outOfFoldLabels)
{
    requireNonEmpty(static_cast<std::size_t>(outOfFoldProbabilities.rows()), "one-vs-rest out-of-fold probabilities");
    requireProbabilityRows(outOfFoldProbabilities, "one-vs-rest out-of-fold probabilities");
    requireSameLength(outOfFoldLabels.size(), static_cast<std::size_t>(outOfFoldProbabilities.rows()),
                      "one-vs-rest out-of-fold labels");
    requireClassLabels(outOfFoldLabels, outOfFoldProbabilities.cols(), "one-vs-rest out-of-fold labels");

    std::vector<BinaryCalibrator> perClass;
    std::vector<double> column(static_cast<std::size_t>(outOfFoldProbabilities.rows()));
    std::vector<int> isClass(column.size());
    for (Eigen::Index classIndex = 0; classIndex < outOfFoldProbabilities.cols(); ++classIndex) {
        for (std::size_t row = 0; row < column.size(); ++row) {
            column[row] = outOfFoldProbabilities(static_cast<Eigen::Index>(row), classIndex);
            isClass[row] = outOfFoldLabels[row] == classIndex ? 1 : 0;
        }
        perClass.push_back(BinaryCalibrator::fit(method, column, isClass));
    }
    return OneVsRestCalibrator(std::move(perClass));
}

Eigen::MatrixXd OneVsRestCalibrator::calibrate(const Eigen::MatrixXd& probabilities) const
{
    requireProbabilityRows(probabilities, "one-vs-rest probabilities");
    if (probabilities.cols() != classCount())
        throw std::invalid_argument("one-vs-rest probabilities: has " + std::to_string(probabilities.cols()) +
                                    " class columns, the calibrator was fitted on " + std::to_string(classCount()));
    Eigen::MatrixXd calibrated(probabilities.rows(), probabilities.cols());
    for (Eigen::Index row = 0; row < probabilities.rows(); ++row) {
        for (Eigen::Index classIndex = 0; classIndex < classCount(); ++classIndex)
            calibrated(row, classIndex) =
                perClass_[static_cast<std::size_t>(classIndex)].calibrate(probabilities(row, classIndex));
        // Each binary calibrator clamps to at least epsilon, so the row sum is strictly positive.
        calibrated.row(row) /= calibrated.row(row).sum();
    }
    return calibrated;
}

const BinaryCalibrator& OneVsRestCalibrator::classCalibrator(Eigen::Index classIndex) const
{
    if (classIndex < 0 || classIndex >= classCount())
        throw std::out_of_range("one-vs-rest calibrator: class index out of range");
    return perClass_[static_cast<std::size_t>(classIndex)];
}

nlohmann::json OneVsRestCalibrator::toJson() const
{
    nlohmann::json classes = nlohmann::json::array();
    for (const BinaryCalibrator& calibrator : perClass_)
        classes.push_back(calibrator.toJson());
    return {{"method", "one_vs_rest"}, {"classes", std::move(classes)}};
}

OneVsRestCalibrator OneVsRestCalibrator::fromJson(const nlohmann::json& json)
{
    if (!json.is_object() || json.value("method", "") != "one_vs_rest" || !json.contains("classes") ||
        !json.at("classes").is_array())
        throw std::invalid_argument("one-vs-rest calibrator JSON: expected method \"one_vs_rest\" and a classes array");
    std::vector<BinaryCalibrator> perClass;
    for (const nlohmann::json& classJson : json.at("classes"))
        perClass.push_back(BinaryCalibrator::fromJson(classJson));
    return OneVsRestCalibrator(std::move(perClass));
}

}  // namespace aegis::models::evaluation
