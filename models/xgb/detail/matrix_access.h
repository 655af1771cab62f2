#pragma once

#include "models/xgb/detail/xgb_call.h"
#include "models/xgb/matrix.h"

#include <mutex>

namespace aegis::models::xgb {

struct Matrix::Impl {
    detail::DMatrixOwner handle;
    Eigen::Index rows = 0;
    Eigen::Index cols = 0;
    Eigen::VectorXf labels;   // empty when unlabeled
    Eigen::VectorXf weights;  // empty when unweighted
    mutable std::mutex mutex;
};

namespace detail {

// Lets the training and prediction code reach the DMatrix behind a Matrix without exposing it publicly.
struct MatrixAccess {
    static const Matrix::Impl& impl(const Matrix& matrix) { return *matrix.impl_; }
    static DMatrixHandle handle(const Matrix& matrix) { return matrix.impl_->handle.get(); }
    static std::mutex& mutex(const Matrix& matrix) { return matrix.impl_->mutex; }
};

}  // namespace detail
}  // namespace aegis::models::xgb
