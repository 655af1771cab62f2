#include "models/xgb/detail/feature_checks.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace aegis::models::xgb::detail {

namespace {

std::string cell(Eigen::Index row, Eigen::Index col)
{
    return "(row " + std::to_string(row) + ", column " + std::to_string(col) + ")";
}

}  // namespace

void requireShape(Eigen::Index rows, Eigen::Index cols)
{
    if (rows <= 0 || cols <= 0)
        throw std::invalid_argument("feature matrix must have at least one row and one column, got "
                                    + std::to_string(rows) + "x" + std::to_string(cols));
}

void requireNoInfinity(const Eigen::Ref<const FeatureMatrixF>& features)
{
    for (Eigen::Index r = 0; r < features.rows(); ++r)
        for (Eigen::Index c = 0; c < features.cols(); ++c)
            if (std::isinf(features(r, c)))
                throw std::invalid_argument("feature " + cell(r, c) + " is "
                                            + (features(r, c) > 0 ? "+inf" : "-inf")
                                            + "; only NaN (missing) is allowed besides finite values");
}

FeatureMatrixF narrowToFloat(const Eigen::Ref<const FeatureMatrixD>& features)
{
    constexpr double floatMax = std::numeric_limits<float>::max();
    FeatureMatrixF narrowed(features.rows(), features.cols());
    for (Eigen::Index r = 0; r < features.rows(); ++r)
        for (Eigen::Index c = 0; c < features.cols(); ++c) {
            const double value = features(r, c);
            if (std::isfinite(value) && std::abs(value) > floatMax)
                throw std::invalid_argument("feature " + cell(r, c) + " = " + std::to_string(value)
                                            + " is outside float range");
            narrowed(r, c) = static_cast<float>(value);
        }
    return narrowed;
}

const float* contiguousRows(const Eigen::Ref<const FeatureMatrixF>& features, FeatureMatrixF& copy)
{
    if (features.outerStride() == features.cols())
        return features.data();
    copy = features;
    return copy.data();
}

}  // namespace aegis::models::xgb::detail
