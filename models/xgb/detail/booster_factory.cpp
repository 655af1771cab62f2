#include "models/xgb/detail/booster_factory.h"

#include "models/xgb/detail/number_text.h"
#include "models/xgb/runtime_settings.h"

namespace aegis::models::xgb::detail {

BoosterOwner createBooster(const std::vector<DMatrixHandle>& cache, std::string_view model)
{
    BoosterHandle handle = nullptr;
    check(XGBoosterCreate(cache.empty() ? nullptr : cache.data(), static_cast<bst_ulong>(cache.size()), &handle),
          "XGBoosterCreate", model);
    BoosterOwner owner(handle);
    applyThreadCount(handle, model);
    return owner;
}

void applyThreadCount(BoosterHandle handle, std::string_view model)
{
    const std::string threads = std::to_string(RuntimeSettings::threadCount());
    check(XGBoosterSetParam(handle, "nthread", threads.c_str()), "XGBoosterSetParam(nthread)", model);
}

void setParameters(BoosterHandle handle, const ParameterList& parameters, std::string_view model)
{
    for (const auto& [key, value] : parameters)
        check(XGBoosterSetParam(handle, key.c_str(), value.c_str()), "XGBoosterSetParam(" + key + ")", model);
}

ParameterList treeParameters(const TreeParams& tree, const RandomForestParams& forest)
{
    ParameterList parameters{
        {"validate_parameters", "1"},
        {"booster", "gbtree"},
        {"tree_method", "hist"},
        {"max_bin", std::to_string(tree.maxBin)},
        {"max_depth", std::to_string(tree.maxDepth)},
        {"eta", formatNumber(tree.learningRate)},
        {"subsample", formatNumber(tree.subsample)},
        {"colsample_bytree", formatNumber(tree.colsampleByTree)},
        {"colsample_bynode", formatNumber(tree.colsampleByNode)},
        {"min_child_weight", formatNumber(tree.minChildWeight)},
        {"lambda", formatNumber(tree.lambda)},
        {"gamma", formatNumber(tree.gamma)},
        {"seed", std::to_string(tree.seed)},
    };
    if (forest.enabled)
        parameters.emplace_back("num_parallel_tree", std::to_string(forest.parallelTrees));
    return parameters;
}

}  // namespace aegis::models::xgb::detail
