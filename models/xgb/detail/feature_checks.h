#pragma once

// Internal to models/xgb: the checks every dense feature block passes before XGBoost sees it, shared by
// Matrix (a DMatrix) and Booster's in-place prediction so both refuse the same input the same way.

#include "models/xgb/matrix.h"

namespace aegis::models::xgb::detail {

// At least one row and one column.
void requireShape(Eigen::Index rows, Eigen::Index cols);

// NaN is XGBoost's missing value; infinities have no meaning as a split threshold and are refused.
void requireNoInfinity(const Eigen::Ref<const FeatureMatrixF>& features);

// Doubles to floats; a finite value outside float range is refused rather than turned into infinity.
FeatureMatrixF narrowToFloat(const Eigen::Ref<const FeatureMatrixD>& features);

// The rows as one contiguous block, which is what XGBoost reads: the block itself, or a copy of a strided
// one made into `copy`.
const float* contiguousRows(const Eigen::Ref<const FeatureMatrixF>& features, FeatureMatrixF& copy);

}  // namespace aegis::models::xgb::detail
