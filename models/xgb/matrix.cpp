#include "models/xgb/matrix.h"

#include "models/xgb/detail/feature_checks.h"
#include "models/xgb/detail/matrix_access.h"
#include "models/xgb/runtime_settings.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace aegis::models::xgb {

namespace {

Eigen::VectorXf finiteFloatVector(const Eigen::VectorXd& values, const char* what)
{
    constexpr double floatMax = std::numeric_limits<float>::max();
    Eigen::VectorXf out(values.size());
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            throw std::invalid_argument(std::string(what) + " at row " + std::to_string(i) + " is "
                                        + (std::isnan(values[i]) ? "NaN" : "infinite")
                                        + "; labels and weights must be finite");
        if (std::abs(values[i]) > floatMax)
            throw std::invalid_argument(std::string(what) + " at row " + std::to_string(i) + " is outside float range");
        out[i] = static_cast<float>(values[i]);
    }
    return out;
}

}  // namespace

Matrix::Matrix(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Matrix::Matrix(Matrix&&) noexcept = default;
Matrix& Matrix::operator=(Matrix&&) noexcept = default;
Matrix::~Matrix() = default;

Matrix Matrix::fromFeatures(const Eigen::Ref<const FeatureMatrixF>& features)
{
    detail::requireShape(features.rows(), features.cols());
    detail::requireNoInfinity(features);

    FeatureMatrixF contiguousCopy;
    const float* data = detail::contiguousRows(features, contiguousCopy);

    auto impl = std::make_unique<Impl>();
    impl->rows = features.rows();
    impl->cols = features.cols();
    DMatrixHandle handle = nullptr;
    detail::check(XGDMatrixCreateFromMat_omp(data, static_cast<bst_ulong>(impl->rows),
                                             static_cast<bst_ulong>(impl->cols),
                                             std::numeric_limits<float>::quiet_NaN(), &handle,
                                             RuntimeSettings::threadCount()),
                  "XGDMatrixCreateFromMat_omp", "(matrix)");
    impl->handle.reset(handle);
    return Matrix(std::move(impl));
}

Matrix Matrix::fromFeatures(const Eigen::Ref<const FeatureMatrixD>& features)
{
    detail::requireShape(features.rows(), features.cols());
    return fromFeatures(detail::narrowToFloat(features));
}

Matrix Matrix::withTargets(const Eigen::Ref<const FeatureMatrixF>& features, const Eigen::VectorXd& labels,
                           const Eigen::VectorXd& weights)
{
    Matrix matrix = fromFeatures(features);
    matrix.setTargets(labels, weights);
    return matrix;
}

Matrix Matrix::withTargets(const Eigen::Ref<const FeatureMatrixD>& features, const Eigen::VectorXd& labels,
                           const Eigen::VectorXd& weights)
{
    Matrix matrix = fromFeatures(features);
    matrix.setTargets(labels, weights);
    return matrix;
}

void Matrix::setTargets(const Eigen::VectorXd& labels, const Eigen::VectorXd& weights)
{
    if (labels.size() != impl_->rows)
        throw std::invalid_argument("label count " + std::to_string(labels.size()) + " does not match row count "
                                    + std::to_string(impl_->rows));
    if (weights.size() != 0 && weights.size() != impl_->rows)
        throw std::invalid_argument("weight count " + std::to_string(weights.size())
                                    + " does not match row count " + std::to_string(impl_->rows));
    Eigen::VectorXf labelValues = finiteFloatVector(labels, "label");
    Eigen::VectorXf weightValues = finiteFloatVector(weights, "weight");
    if (weightValues.size() > 0) {
        for (Eigen::Index i = 0; i < weightValues.size(); ++i)
            if (weightValues[i] < 0.0f)
                throw std::invalid_argument("weight at row " + std::to_string(i) + " is negative");
        if (!(weightValues.cast<double>().sum() > 0.0))
            throw std::invalid_argument("weights sum to zero; at least one row must carry weight");
    }

    std::scoped_lock lock(impl_->mutex);
    const auto rows = static_cast<bst_ulong>(impl_->rows);
    detail::check(XGDMatrixSetFloatInfo(impl_->handle.get(), "label", labelValues.data(), rows),
                  "XGDMatrixSetFloatInfo(label)", "(matrix)");
    // A zero-length weight vector clears earlier weights, which XGBoost then treats as all ones.
    detail::check(XGDMatrixSetFloatInfo(impl_->handle.get(), "weight", weightValues.data(),
                                        static_cast<bst_ulong>(weightValues.size())),
                  "XGDMatrixSetFloatInfo(weight)", "(matrix)");
    impl_->labels = std::move(labelValues);
    impl_->weights = std::move(weightValues);
}

Eigen::Index Matrix::rows() const { return impl_->rows; }
Eigen::Index Matrix::cols() const { return impl_->cols; }

bool Matrix::hasLabels() const
{
    std::scoped_lock lock(impl_->mutex);
    return impl_->labels.size() > 0;
}

bool Matrix::hasWeights() const
{
    std::scoped_lock lock(impl_->mutex);
    return impl_->weights.size() > 0;
}

}  // namespace aegis::models::xgb
