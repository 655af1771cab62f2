#pragma once

#include "models/xgb/booster_params.h"
#include "models/xgb/detail/matrix_access.h"

#include <Eigen/Core>

#include <mutex>
#include <string>

namespace aegis::models::xgb::detail {

// Shape and pairing rules every training entry point enforces before touching XGBoost.
void requireTrainingInputs(const Matrix& train, const Matrix* valid, const TreeParams& tree,
                           const std::string& model);
void requireLabels(const Matrix::Impl& matrix, const char* which, const std::string& model);

// Sum(w * y) / Sum(w), with w = 1 when `weights` is empty.
double weightedMean(const Eigen::VectorXf& values, const Eigen::VectorXf& weights);

// Locks the training and (optional) validation Matrix together without risking lock-order deadlock.
class MatrixPairLock {
public:
    MatrixPairLock(const Matrix& train, const Matrix* valid);

private:
    std::unique_lock<std::mutex> trainLock_;
    std::unique_lock<std::mutex> validLock_;
};

}  // namespace aegis::models::xgb::detail
