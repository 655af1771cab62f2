#include "models/evaluation/identity_calibrator.h"

#include "models/evaluation/input_checks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aegis::models::evaluation {

IdentityCalibrator::IdentityCalibrator(double epsilon) : epsilon_(epsilon)
{
    if (!std::isfinite(epsilon) || epsilon <= 0.0 || epsilon >= 0.5)
        throw std::invalid_argument("identity calibrator: epsilon must be in (0, 0.5)");
}

double IdentityCalibrator::calibrate(double probability) const
{
    if (!std::isfinite(probability) || probability < 0.0 || probability > 1.0)
        throw std::invalid_argument("identity calibrator: probability must be finite and inside [0, 1]");
    return std::clamp(probability, epsilon_, 1.0 - epsilon_);
}

std::vector<double> IdentityCalibrator::calibrate(std::span<const double> probabilities) const
{
    requireProbabilities(probabilities, "identity calibrator probabilities");
    std::vector<double> calibrated;
    calibrated.reserve(probabilities.size());
    for (double probability : probabilities)
        calibrated.push_back(std::clamp(probability, epsilon_, 1.0 - epsilon_));
    return calibrated;
}

nlohmann::json IdentityCalibrator::toJson() const
{
    return {{"method", "identity"}, {"epsilon", epsilon_}};
}

IdentityCalibrator IdentityCalibrator::fromJson(const nlohmann::json& json)
{
    if (!json.is_object() || json.value("method", "") != "identity" || !json.contains("epsilon") || !json.at("epsilon").is_number())
        throw std::invalid_argument("identity calibrator JSON: expected method \"identity\" and a numeric epsilon");
    return IdentityCalibrator(json.at("epsilon").get<double>());
}

}  // namespace aegis::models::evaluation
