#include "models/evaluation/input_checks.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace aegis::models::evaluation {

namespace {

[[noreturn]] void reject(std::string_view what, const std::string& problem)
{
    throw std::invalid_argument(std::string(what) + ": " + problem);
}

}  // namespace

void requireNonEmpty(std::size_t size, std::string_view what)
{
    if (size == 0)
        reject(what, "is empty");
}

void requireSameLength(std::size_t size, std::size_t expected, std::string_view what)
{
    if (size != expected)
        reject(what, "has " + std::to_string(size) + " entries, expected " + std::to_string(expected));
}

void requireFinite(std::span<const double> values, std::string_view what)
{
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i]))
            reject(what, "entry " + std::to_string(i) + " is NaN");
        if (std::isinf(values[i]))
            reject(what, "entry " + std::to_string(i) + " is infinite");
    }
}

void requireProbabilities(std::span<const double> values, std::string_view what)
{
    requireFinite(values, what);
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] < 0.0 || values[i] > 1.0)
            reject(what, "entry " + std::to_string(i) + " is outside [0, 1]");
    }
}

void requireBinaryLabels(std::span<const int> labels, std::string_view what)
{
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] != 0 && labels[i] != 1)
            reject(what, "entry " + std::to_string(i) + " is " + std::to_string(labels[i]) + ", expected 0 or 1");
    }
}

void requireClassLabels(std::span<const int> labels, Eigen::Index classCount, std::string_view what)
{
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || labels[i] >= classCount)
            reject(what, "entry " + std::to_string(i) + " is " + std::to_string(labels[i]) + ", expected a class in [0, " +
                             std::to_string(classCount) + ")");
    }
}

void requireProbabilityRows(const Eigen::MatrixXd& probabilities, std::string_view what)
{
    if (probabilities.cols() < 2)
        reject(what, "needs at least two class columns");
    for (Eigen::Index row = 0; row < probabilities.rows(); ++row) {
        double sum = 0.0;
        for (Eigen::Index column = 0; column < probabilities.cols(); ++column) {
            const double p = probabilities(row, column);
            if (!std::isfinite(p))
                reject(what, "row " + std::to_string(row) + " column " + std::to_string(column) + " is not finite");
            if (p < 0.0 || p > 1.0)
                reject(what, "row " + std::to_string(row) + " column " + std::to_string(column) + " is outside [0, 1]");
            sum += p;
        }
        if (std::abs(sum - 1.0) > kProbabilityRowSumTolerance)
            reject(what, "row " + std::to_string(row) + " does not sum to 1");
    }
}

void requireProbabilityInOpenUnitInterval(double value, std::string_view what)
{
    if (!std::isfinite(value) || value <= 0.0 || value >= 1.0)
        reject(what, "must be a finite number strictly between 0 and 1");
}

}  // namespace aegis::models::evaluation
