#include "models/xgb/detail/target_checks.h"

#include <stdexcept>

namespace aegis::models::xgb::detail {

void requireTrainingInputs(const Matrix& train, const Matrix* valid, const TreeParams& tree,
                           const std::string& model)
{
    if (valid == &train)
        throw std::invalid_argument("model '" + model
                                    + "': the validation Matrix must not be the training Matrix itself");
    if (valid && valid->cols() != train.cols())
        throw std::invalid_argument("model '" + model + "': validation has " + std::to_string(valid->cols())
                                    + " columns, training has " + std::to_string(train.cols()));
    if (tree.earlyStoppingRounds > 0 && !valid)
        throw std::invalid_argument("model '" + model + "': early stopping needs a validation Matrix");
}

void requireLabels(const Matrix::Impl& matrix, const char* which, const std::string& model)
{
    if (matrix.labels.size() == 0)
        throw std::invalid_argument("model '" + model + "': the " + which + " Matrix has no labels");
}

double weightedMean(const Eigen::VectorXf& values, const Eigen::VectorXf& weights)
{
    if (weights.size() == 0)
        return values.cast<double>().mean();
    return values.cast<double>().cwiseProduct(weights.cast<double>()).sum() / weights.cast<double>().sum();
}

MatrixPairLock::MatrixPairLock(const Matrix& train, const Matrix* valid)
    : trainLock_(MatrixAccess::mutex(train), std::defer_lock)
{
    if (valid) {
        validLock_ = std::unique_lock<std::mutex>(MatrixAccess::mutex(*valid), std::defer_lock);
        std::lock(trainLock_, validLock_);
    } else {
        trainLock_.lock();
    }
}

}  // namespace aegis::models::xgb::detail
