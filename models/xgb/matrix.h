#pragma once

#include <Eigen/Core>

#include <memory>
#include <mutex>

namespace aegis::models::xgb {

using FeatureMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using FeatureMatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

namespace detail {
struct MatrixAccess;
}

// One XGBoost DMatrix built once from dense features (NaN = missing value), optionally with labels and
// sample weights. Share one Matrix between every booster trained on the same features: XGBoost 1.7
// caches the quantised histogram index (GHistIndexMatrix) inside the DMatrix keyed by max_bin, so the
// second and later `hist` boosters with the same max_bin skip the quantile sketch and bin assignment.
//
// Boundary checks: +-inf in features, NaN/inf in labels or weights, negative or all-zero weights and
// values outside float range are rejected with std::invalid_argument naming the row and column.
//
// Thread safety: training and prediction lock the Matrix for the duration of the XGBoost call, so one
// Matrix may be used from several threads; setTargets also locks.
class Matrix {
public:
    struct Impl;  // defined in detail/, opaque to users of this header

    static Matrix fromFeatures(const Eigen::Ref<const FeatureMatrixF>& features);
    static Matrix fromFeatures(const Eigen::Ref<const FeatureMatrixD>& features);
    // `weights` empty means every row weighs 1.
    static Matrix withTargets(const Eigen::Ref<const FeatureMatrixF>& features, const Eigen::VectorXd& labels,
                              const Eigen::VectorXd& weights = {});
    static Matrix withTargets(const Eigen::Ref<const FeatureMatrixD>& features, const Eigen::VectorXd& labels,
                              const Eigen::VectorXd& weights = {});

    Matrix(Matrix&&) noexcept;
    Matrix& operator=(Matrix&&) noexcept;
    ~Matrix();

    // Replaces labels and weights in place so the same features (and their cached quantisation) can serve
    // another target. Must not be called while a training on this Matrix is running (it would wait).
    void setTargets(const Eigen::VectorXd& labels, const Eigen::VectorXd& weights = {});

    Eigen::Index rows() const;
    Eigen::Index cols() const;
    bool hasLabels() const;
    bool hasWeights() const;

private:
    explicit Matrix(std::unique_ptr<Impl> impl);
    friend struct detail::MatrixAccess;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aegis::models::xgb
