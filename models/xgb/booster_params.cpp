#include "models/xgb/booster_params.h"

#include <stdexcept>

namespace aegis::models::xgb {

namespace {

void require(bool condition, const std::string& modelName, const std::string& what)
{
    if (!condition)
        throw std::invalid_argument("invalid parameters for model '" + modelName + "': " + what);
}

bool isFraction(double value) { return value > 0.0 && value <= 1.0; }

}  // namespace

const char* objectiveName(ObjectiveKind kind)
{
    switch (kind) {
    case ObjectiveKind::BinaryLogistic: return "binary:logistic";
    case ObjectiveKind::MultiSoftprob: return "multi:softprob";
    case ObjectiveKind::SquaredError: return "reg:squarederror";
    case ObjectiveKind::Pinball: return "pinball";
    }
    return "unknown";
}

void validateTreeParams(const TreeParams& tree, const std::string& modelName)
{
    require(tree.maxDepth >= 1 && tree.maxDepth <= 32, modelName, "maxDepth must be in 1..32");
    require(tree.learningRate > 0.0 && tree.learningRate <= 1.0, modelName, "learningRate must be in (0, 1]");
    require(isFraction(tree.subsample), modelName, "subsample must be in (0, 1]");
    require(isFraction(tree.colsampleByTree), modelName, "colsampleByTree must be in (0, 1]");
    require(isFraction(tree.colsampleByNode), modelName, "colsampleByNode must be in (0, 1]");
    require(tree.minChildWeight >= 0.0, modelName, "minChildWeight must be >= 0");
    require(tree.lambda >= 0.0, modelName, "lambda must be >= 0");
    require(tree.gamma >= 0.0, modelName, "gamma must be >= 0");
    require(tree.maxBin >= 2 && tree.maxBin <= 65536, modelName, "maxBin must be in 2..65536");
    require(tree.numRounds >= 1, modelName, "numRounds must be >= 1");
    require(tree.earlyStoppingRounds >= 0, modelName, "earlyStoppingRounds must be >= 0");
}

void BoosterParams::validate() const
{
    require(!name.empty(), "(unnamed)", "name must not be empty");
    validateTreeParams(tree, name);
    require(objective != ObjectiveKind::Pinball, name, "the pinball objective is trained with trainQuantile()");
    if (objective == ObjectiveKind::MultiSoftprob)
        require(classCount >= 2, name, "classCount must be >= 2 for multi:softprob");
    if (randomForest.enabled) {
        require(randomForest.parallelTrees >= 1, name, "randomForest.parallelTrees must be >= 1");
        require(tree.numRounds == 1, name, "random-forest mode grows one round (numRounds = 1)");
        require(tree.learningRate == 1.0, name, "random-forest mode needs learningRate = 1");
        require(tree.earlyStoppingRounds == 0, name, "random-forest mode has no early stopping");
        require(tree.subsample < 1.0 || tree.colsampleByNode < 1.0, name,
                "random-forest mode needs subsample < 1 or colsampleByNode < 1, or every tree is identical");
    }
}

BoosterParams BoosterParams::randomForestClassifier(std::string name, int classCount, int parallelTrees,
                                                    std::uint32_t seed)
{
    BoosterParams params;
    params.name = std::move(name);
    params.objective = classCount == 2 ? ObjectiveKind::BinaryLogistic : ObjectiveKind::MultiSoftprob;
    params.classCount = classCount;
    params.tree.learningRate = 1.0;
    params.tree.numRounds = 1;
    params.tree.subsample = 0.8;
    params.tree.colsampleByNode = 0.8;
    params.tree.maxDepth = 8;
    params.tree.seed = seed;
    params.randomForest.enabled = true;
    params.randomForest.parallelTrees = parallelTrees;
    return params;
}

}  // namespace aegis::models::xgb
