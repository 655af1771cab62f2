#pragma once

#include "models/xgb/booster_params.h"
#include "models/xgb/detail/xgb_call.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aegis::models::xgb::detail {

using ParameterList = std::vector<std::pair<std::string, std::string>>;

// XGBoosterCreate with `cache` (the matrices the booster trains/evaluates on, so XGBoost keeps prediction
// caches for them), then the process-wide thread count.
BoosterOwner createBooster(const std::vector<DMatrixHandle>& cache, std::string_view model);

void applyThreadCount(BoosterHandle handle, std::string_view model);
void setParameters(BoosterHandle handle, const ParameterList& parameters, std::string_view model);

// tree_method=hist plus the tree hyper-parameters; validate_parameters=1 so XGBoost warns on any
// parameter it does not use.
ParameterList treeParameters(const TreeParams& tree, const RandomForestParams& forest);

}  // namespace aegis::models::xgb::detail
