#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <span>
#include <string_view>

// Guards shared by every function of this area. Bad input is rejected with std::invalid_argument whose
// message names the argument and the first offending position, so a caller can find the bad row.
namespace aegis::models::evaluation {

void requireNonEmpty(std::size_t size, std::string_view what);
void requireSameLength(std::size_t size, std::size_t expected, std::string_view what);
void requireFinite(std::span<const double> values, std::string_view what);
// Finite and inside [0, 1].
void requireProbabilities(std::span<const double> values, std::string_view what);
void requireBinaryLabels(std::span<const int> labels, std::string_view what);
// Every label is a class index in [0, classCount).
void requireClassLabels(std::span<const int> labels, Eigen::Index classCount, std::string_view what);
// An n × K matrix of class probabilities: at least two columns, finite entries in [0, 1], and each row
// summing to 1 within kProbabilityRowSumTolerance (float32 softmax outputs stay well inside it).
void requireProbabilityRows(const Eigen::MatrixXd& probabilities, std::string_view what);
void requireProbabilityInOpenUnitInterval(double value, std::string_view what);

inline constexpr double kProbabilityRowSumTolerance = 1e-4;

}  // namespace aegis::models::evaluation
