#include "models/evaluation/platt_calibrator.h"

#include "models/evaluation/input_checks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aegis::models::evaluation {

namespace {

constexpr int kMaxNewtonIterations = 100;
constexpr double kMinimumStep = 1e-10;
constexpr double kHessianRidge = 1e-12;
constexpr double kSufficientDecrease = 1e-4;

void requireValidEpsilon(double epsilon)
{
    if (!std::isfinite(epsilon) || epsilon <= 0.0 || epsilon >= 0.5)
        throw std::invalid_argument("Platt calibrator: epsilon must be in (0, 0.5)");
}

double clippedLogit(double probability, double epsilon)
{
    const double p = std::clamp(probability, epsilon, 1.0 - epsilon);
    return std::log(p / (1.0 - p));
}

double sigmoid(double x)
{
    if (x >= 0.0)
        return 1.0 / (1.0 + std::exp(-x));
    const double e = std::exp(x);
    return e / (1.0 + e);
}

// Cross-entropy of target t against sigmoid(f), written as log(1 + e^f) - t f so it never overflows.
double crossEntropyOfLogit(double f, double target)
{
    const double softplus = f >= 0.0 ? f + std::log1p(std::exp(-f)) : std::log1p(std::exp(f));
    return softplus - target * f;
}

struct Objective {
    const std::vector<double>& logits;
    const std::vector<double>& targets;

    double value(double slope, double intercept) const
    {
        double total = 0.0;
        for (std::size_t i = 0; i < logits.size(); ++i)
            total += crossEntropyOfLogit(slope * logits[i] + intercept, targets[i]);
        return total;
    }
};

}  // namespace

PlattCalibrator::PlattCalibrator(double slope, double intercept, double epsilon)
    : slope_(slope), intercept_(intercept), epsilon_(epsilon)
{
    requireValidEpsilon(epsilon_);
    if (!std::isfinite(slope_) || !std::isfinite(intercept_))
        throw std::invalid_argument("Platt calibrator: coefficients must be finite");
}

PlattCalibrator PlattCalibrator::fromCoefficients(double slope, double intercept, double epsilon)
{
    return PlattCalibrator(slope, intercept, epsilon);
}

PlattCalibrator PlattCalibrator::fit(std::span<const double> outOfFoldProbabilities,
                                     std::span<const int> outOfFoldLabels, double epsilon)
{
    requireNonEmpty(outOfFoldProbabilities.size(), "Platt calibrator out-of-fold probabilities");
    requireSameLength(outOfFoldLabels.size(), outOfFoldProbabilities.size(), "Platt calibrator out-of-fold labels");
    requireProbabilities(outOfFoldProbabilities, "Platt calibrator out-of-fold probabilities");
    requireBinaryLabels(outOfFoldLabels, "Platt calibrator out-of-fold labels");
    requireValidEpsilon(epsilon);

    const double positives = static_cast<double>(std::count(outOfFoldLabels.begin(), outOfFoldLabels.end(), 1));
    const double negatives = static_cast<double>(outOfFoldLabels.size()) - positives;
    const double positiveTarget = (positives + 1.0) / (positives + 2.0);
    const double negativeTarget = 1.0 / (negatives + 2.0);

    std::vector<double> logits;
    std::vector<double> targets;
    logits.reserve(outOfFoldProbabilities.size());
    targets.reserve(outOfFoldProbabilities.size());
    for (std::size_t i = 0; i < outOfFoldProbabilities.size(); ++i) {
        logits.push_back(clippedLogit(outOfFoldProbabilities[i], epsilon));
        targets.push_back(outOfFoldLabels[i] == 1 ? positiveTarget : negativeTarget);
    }
    const Objective objective{logits, targets};

    double slope = 0.0;
    double intercept = std::log((positives + 1.0) / (negatives + 1.0));
    double loss = objective.value(slope, intercept);
    for (int iteration = 0; iteration < kMaxNewtonIterations; ++iteration) {
        double gradientSlope = 0.0;
        double gradientIntercept = 0.0;
        double hessianSlopeSlope = kHessianRidge;
        double hessianSlopeIntercept = 0.0;
        double hessianInterceptIntercept = kHessianRidge;
        for (std::size_t i = 0; i < logits.size(); ++i) {
            const double p = sigmoid(slope * logits[i] + intercept);
            const double residual = p - targets[i];
            const double curvature = p * (1.0 - p);
            gradientSlope += residual * logits[i];
            gradientIntercept += residual;
            hessianSlopeSlope += curvature * logits[i] * logits[i];
            hessianSlopeIntercept += curvature * logits[i];
            hessianInterceptIntercept += curvature;
        }
        const double gradientScale = static_cast<double>(logits.size());
        if (std::abs(gradientSlope) < 1e-10 * gradientScale && std::abs(gradientIntercept) < 1e-10 * gradientScale)
            break;

        const double determinant =
            hessianSlopeSlope * hessianInterceptIntercept - hessianSlopeIntercept * hessianSlopeIntercept;
        const double stepSlope =
            -(hessianInterceptIntercept * gradientSlope - hessianSlopeIntercept * gradientIntercept) / determinant;
        const double stepIntercept =
            -(-hessianSlopeIntercept * gradientSlope + hessianSlopeSlope * gradientIntercept) / determinant;
        const double directionalDerivative = gradientSlope * stepSlope + gradientIntercept * stepIntercept;

        double stepSize = 1.0;
        bool improved = false;
        while (stepSize >= kMinimumStep) {
            const double candidateSlope = slope + stepSize * stepSlope;
            const double candidateIntercept = intercept + stepSize * stepIntercept;
            const double candidateLoss = objective.value(candidateSlope, candidateIntercept);
            if (candidateLoss < loss + kSufficientDecrease * stepSize * directionalDerivative) {
                slope = candidateSlope;
                intercept = candidateIntercept;
                loss = candidateLoss;
                improved = true;
                break;
            }
            stepSize /= 2.0;
        }
        // No descent left at machine precision: the current point is the optimum we can resolve.
        if (!improved)
            break;
    }
    return PlattCalibrator(slope, intercept, epsilon);
}

double PlattCalibrator::calibrate(double probability) const
{
    if (!std::isfinite(probability) || probability < 0.0 || probability > 1.0)
        throw std::invalid_argument("Platt calibrator: probability must be finite and inside [0, 1]");
    const double calibrated = sigmoid(slope_ * clippedLogit(probability, epsilon_) + intercept_);
    return std::clamp(calibrated, epsilon_, 1.0 - epsilon_);
}

std::vector<double> PlattCalibrator::calibrate(std::span<const double> probabilities) const
{
    requireProbabilities(probabilities, "Platt calibrator probabilities");
    std::vector<double> calibrated;
    calibrated.reserve(probabilities.size());
    for (double probability : probabilities)
        calibrated.push_back(calibrate(probability));
    return calibrated;
}

nlohmann::json PlattCalibrator::toJson() const
{
    return {{"method", "platt"}, {"slope", slope_}, {"intercept", intercept_}, {"epsilon", epsilon_}};
}

PlattCalibrator PlattCalibrator::fromJson(const nlohmann::json& json)
{
    if (!json.is_object() || json.value("method", "") != "platt")
        throw std::invalid_argument("Platt calibrator JSON: expected an object with method \"platt\"");
    try {
        return PlattCalibrator(json.at("slope").get<double>(), json.at("intercept").get<double>(),
                               json.at("epsilon").get<double>());
    } catch (const nlohmann::json::exception& error) {
        throw std::invalid_argument(std::string("Platt calibrator JSON: ") + error.what());
    }
}

}  // namespace aegis::models::evaluation
