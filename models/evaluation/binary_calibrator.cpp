#include "models/evaluation/binary_calibrator.h"

#include "models/evaluation/input_checks.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace aegis::models::evaluation {

std::string_view calibrationMethodName(CalibrationMethod method)
{
    switch (method) {
    case CalibrationMethod::Isotonic: return "isotonic";
    case CalibrationMethod::Platt: return "platt";
    case CalibrationMethod::Identity: return "identity";
    }
    return "platt";
}

BinaryCalibrator BinaryCalibrator::fit(CalibrationMethod method, std::span<const double> outOfFoldProbabilities,
                                       std::span<const int> outOfFoldLabels)
{
    requireProbabilities(outOfFoldProbabilities, "calibrator out-of-fold probabilities");
    switch (method) {
    case CalibrationMethod::Isotonic: return BinaryCalibrator(IsotonicCalibrator::fit(outOfFoldProbabilities, outOfFoldLabels));
    case CalibrationMethod::Identity: return BinaryCalibrator(IdentityCalibrator());
    case CalibrationMethod::Platt: break;
    }
    return BinaryCalibrator(PlattCalibrator::fit(outOfFoldProbabilities, outOfFoldLabels));
}

CalibrationMethod BinaryCalibrator::method() const
{
    if (std::holds_alternative<IsotonicCalibrator>(calibrator_))
        return CalibrationMethod::Isotonic;
    if (std::holds_alternative<IdentityCalibrator>(calibrator_))
        return CalibrationMethod::Identity;
    return CalibrationMethod::Platt;
}

double BinaryCalibrator::calibrate(double probability) const
{
    if (!std::isfinite(probability) || probability < 0.0 || probability > 1.0)
        throw std::invalid_argument("calibrator: probability must be finite and inside [0, 1]");
    return std::visit([probability](const auto& calibrator) { return calibrator.calibrate(probability); }, calibrator_);
}

std::vector<double> BinaryCalibrator::calibrate(std::span<const double> probabilities) const
{
    requireProbabilities(probabilities, "calibrator probabilities");
    return std::visit([probabilities](const auto& calibrator) { return calibrator.calibrate(probabilities); },
                      calibrator_);
}

nlohmann::json BinaryCalibrator::toJson() const
{
    return std::visit([](const auto& calibrator) { return calibrator.toJson(); }, calibrator_);
}

BinaryCalibrator BinaryCalibrator::fromJson(const nlohmann::json& json)
{
    const std::string method = json.is_object() ? json.value("method", "") : "";
    if (method == calibrationMethodName(CalibrationMethod::Isotonic))
        return BinaryCalibrator(IsotonicCalibrator::fromJson(json));
    if (method == calibrationMethodName(CalibrationMethod::Platt))
        return BinaryCalibrator(PlattCalibrator::fromJson(json));
    if (method == calibrationMethodName(CalibrationMethod::Identity))
        return BinaryCalibrator(IdentityCalibrator::fromJson(json));
    throw std::invalid_argument("calibrator JSON: \"method\" must be \"isotonic\", \"platt\" or \"identity\"");
}

}  // namespace aegis::models::evaluation
