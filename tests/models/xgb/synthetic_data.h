#pragma once

#include "models/xgb/matrix.h"

#include <Eigen/Core>

#include <cstdint>

namespace aegis::models::xgb::testing {

struct Dataset {
    FeatureMatrixF features;
    Eigen::VectorXd labels;
};

// Features uniform in [-1, 1]. Label 1 when x0 + 0.5 x1 > 0: separable by a (diagonal) boundary.
Dataset separableBinary(int rows, std::uint32_t seed);
// Labels that ignore the features: a fair coin.
Dataset noiseBinary(int rows, std::uint32_t seed);
// Three classes by the sign pattern of x0 and x1 (class = 0 if x0 < 0, else 1 + (x1 > 0)).
Dataset threeClasses(int rows, std::uint32_t seed);
// y = 2 x0 + sigma(x1) * eps, eps ~ N(0, 1), sigma(x1) = 0.2 + 0.8 (x1 + 1): noise grows with x1.
Dataset heteroscedastic(int rows, std::uint32_t seed);
double heteroscedasticSigma(double x1);

// Rank-based area under the ROC curve (Mann-Whitney U with mid-ranks for ties).
double areaUnderCurve(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels);

}  // namespace aegis::models::xgb::testing
