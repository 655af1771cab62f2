#include "models/xgb/detail/model_validation.h"

#include "models/xgb/detail/number_text.h"
#include "models/xgb/xgb_error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <vector>

namespace aegis::models::xgb::detail {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& what)
{
    throw ModelFormatError("invalid XGBoost model: " + what);
}

const json& member(const json& object, const char* key, const std::string& where)
{
    if (!object.is_object() || !object.contains(key))
        fail(where + " has no '" + key + "'");
    return object.at(key);
}

// XGBoost stores most scalar parameters as strings ("3", "5E-1").
long long integerParameter(const json& object, const char* key, const std::string& where)
{
    const json& value = member(object, key, where);
    if (value.is_number_integer())
        return value.get<long long>();
    if (value.is_string())
        if (const auto parsed = parseInteger(value.get<std::string>()))
            return *parsed;
    fail(where + "." + key + " is not an integer");
}

const json& sizedArray(const json& tree, const char* key, std::size_t size, const std::string& where)
{
    const json& array = member(tree, key, where);
    if (!array.is_array() || array.size() != size)
        fail(where + "." + key + " must be an array of " + std::to_string(size) + " entries");
    return array;
}

long long integerValue(const json& value, const std::string& what)
{
    if (!value.is_number_integer())
        fail(what + " is not an integer");
    return value.get<long long>();
}

long long integerAt(const json& array, std::size_t index, const std::string& what)
{
    return integerValue(array.at(index), what + " entry " + std::to_string(index));
}

void validateTree(const json& tree, int numFeature, const std::string& where)
{
    const long long nodes = integerParameter(member(tree, "tree_param", where), "num_nodes", where + ".tree_param");
    if (nodes < 1 || nodes > (1LL << 31))
        fail(where + " has " + std::to_string(nodes) + " nodes");
    const auto n = static_cast<std::size_t>(nodes);

    const json& left = sizedArray(tree, "left_children", n, where);
    const json& right = sizedArray(tree, "right_children", n, where);
    const json& splitIndices = sizedArray(tree, "split_indices", n, where);
    const json& conditions = sizedArray(tree, "split_conditions", n, where);
    // XGBoost's loader dereferences parents[i] for every non-root node, so they must be in range too.
    const json& parents = sizedArray(tree, "parents", n, where);
    for (std::size_t i = 1; i < n; ++i) {
        const long long parent = integerAt(parents, i, where + ".parents");
        if (parent < 0 || parent >= nodes)
            fail(where + " node " + std::to_string(i) + " has parent " + std::to_string(parent) + " out of range");
    }
    if (integerParameter(member(tree, "tree_param", where), "size_leaf_vector", where + ".tree_param") != 0)
        fail(where + " has vector leaves, which are not supported");
    if (tree.contains("categories_nodes") && !tree.at("categories_nodes").empty())
        fail(where + " has categorical splits, which are not supported");
    sizedArray(tree, "default_left", n, where);
    sizedArray(tree, "base_weights", n, where);
    sizedArray(tree, "loss_changes", n, where);
    sizedArray(tree, "sum_hessian", n, where);
    if (tree.contains("split_type")) {
        const json& splitType = sizedArray(tree, "split_type", n, where);
        for (std::size_t i = 0; i < n; ++i)
            if (integerAt(splitType, i, where + ".split_type") != 0)
                fail(where + " node " + std::to_string(i) + " is a categorical split, which is not supported");
    }

    for (std::size_t i = 0; i < n; ++i) {
        const json& condition = conditions.at(i);
        if (!condition.is_number() || !std::isfinite(condition.get<double>()))
            fail(where + " node " + std::to_string(i) + " has a non-finite threshold or leaf value");
    }

    // Walk from the root: every reachable child index must be in range and reached exactly once.
    std::vector<bool> visited(n, false);
    std::vector<std::size_t> pending{0};
    while (!pending.empty()) {
        const std::size_t node = pending.back();
        pending.pop_back();
        if (visited[node])
            fail(where + " node " + std::to_string(node) + " is reachable twice (cycle or shared child)");
        visited[node] = true;
        const long long l = integerAt(left, node, where + ".left_children");
        const long long r = integerAt(right, node, where + ".right_children");
        if (l == -1 && r == -1)
            continue;
        for (const long long child : {l, r})
            if (child < 0 || child >= nodes)
                fail(where + " node " + std::to_string(node) + " has child " + std::to_string(child)
                     + " outside 0.." + std::to_string(nodes - 1));
        const long long feature = integerAt(splitIndices, node, where + ".split_indices");
        if (feature < 0 || feature >= numFeature)
            fail(where + " node " + std::to_string(node) + " splits on feature " + std::to_string(feature)
                 + " but the model has " + std::to_string(numFeature) + " features");
        for (const long long child : {l, r}) {
            if (integerAt(parents, static_cast<std::size_t>(child), where + ".parents") != static_cast<long long>(node))
                fail(where + " node " + std::to_string(child) + " does not name its parent " + std::to_string(node));
            pending.push_back(static_cast<std::size_t>(child));
        }
    }
}

}  // namespace

ModelSummary validateModelBytes(const char* data, std::size_t size)
{
    if (size < 2 || data[0] != '{')
        fail("not a JSON or UBJSON object");
    const char second = data[1];
    const bool looksLikeJson = second == '"' || second == '}' || second == ' ' || second == '\n'
                               || second == '\r' || second == '\t';
    const json document = looksLikeJson
                              ? json::parse(data, data + size, nullptr, /*allow_exceptions=*/false)
                              : json::from_ubjson(data, data + size, /*strict=*/true, /*allow_exceptions=*/false);
    if (document.is_discarded())
        fail(std::string("the document is not well-formed ") + (looksLikeJson ? "JSON" : "UBJSON")
             + " (truncated or corrupted)");

    const json& learner = member(document, "learner", "model");
    ModelSummary summary;
    const json& modelParam = member(learner, "learner_model_param", "learner");
    summary.numClass = static_cast<int>(integerParameter(modelParam, "num_class", "learner_model_param"));
    const long long numFeature = integerParameter(modelParam, "num_feature", "learner_model_param");
    if (numFeature < 1 || numFeature > (1LL << 24))
        fail("num_feature = " + std::to_string(numFeature));
    summary.numFeature = static_cast<int>(numFeature);
    if (summary.numClass < 0 || summary.numClass == 1 || summary.numClass > 65536)
        fail("num_class = " + std::to_string(summary.numClass));

    const json& objective = member(member(learner, "objective", "learner"), "name", "learner.objective");
    if (!objective.is_string())
        fail("learner.objective.name is not a string");
    summary.objective = objective.get<std::string>();

    if (learner.contains("attributes") && learner.at("attributes").is_object())
        for (const auto& [key, value] : learner.at("attributes").items())
            if (value.is_string())
                summary.attributes.emplace(key, value.get<std::string>());

    const json& booster = member(learner, "gradient_booster", "learner");
    const json& boosterName = member(booster, "name", "gradient_booster");
    if (!boosterName.is_string() || boosterName.get<std::string>() != "gbtree")
        fail("only the gbtree booster is supported");
    const json& model = member(booster, "model", "gradient_booster");
    const json& trees = member(model, "trees", "gradient_booster.model");
    const json& treeInfo = member(model, "tree_info", "gradient_booster.model");
    const json& gbtreeParam = member(model, "gbtree_model_param", "gradient_booster.model");
    const long long declaredTrees = integerParameter(gbtreeParam, "num_trees", "gbtree_model_param");
    const long long parallelTrees = integerParameter(gbtreeParam, "num_parallel_tree", "gbtree_model_param");
    if (parallelTrees < 1 || parallelTrees > 100000)
        fail("num_parallel_tree = " + std::to_string(parallelTrees));
    if (!trees.is_array() || !treeInfo.is_array() || static_cast<long long>(trees.size()) != declaredTrees
        || treeInfo.size() != trees.size())
        fail("tree count, tree_info and num_trees disagree");

    const int groups = std::max(1, summary.numClass);
    // XGBoost places each tree at trees[id]: a duplicate id would leave a slot empty (null in predict).
    std::vector<bool> idSeen(trees.size(), false);
    for (std::size_t t = 0; t < trees.size(); ++t) {
        const long long id = integerValue(member(trees.at(t), "id", "tree " + std::to_string(t)),
                                          "tree " + std::to_string(t) + ".id");
        if (id < 0 || id >= static_cast<long long>(trees.size()) || idSeen[static_cast<std::size_t>(id)])
            fail("tree " + std::to_string(t) + " has id " + std::to_string(id) + ", not a unique index");
        idSeen[static_cast<std::size_t>(id)] = true;
    }
    for (std::size_t t = 0; t < trees.size(); ++t) {
        const long long group = integerAt(treeInfo, t, "tree_info");
        if (group < 0 || group >= groups)
            fail("tree " + std::to_string(t) + " belongs to output group " + std::to_string(group));
        validateTree(trees.at(t), summary.numFeature, "tree " + std::to_string(t));
    }
    return summary;
}

}  // namespace aegis::models::xgb::detail
