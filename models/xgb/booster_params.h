#pragma once

#include <cstdint>
#include <string>

namespace aegis::models::xgb {

enum class ObjectiveKind {
    BinaryLogistic,  // binary:logistic, metric logloss, predicts P(label = 1)
    MultiSoftprob,   // multi:softprob, metric mlogloss, predicts one probability per class
    SquaredError,    // reg:squarederror, metric rmse
    Pinball,         // custom pinball-loss objective, only through trainQuantile()
};

const char* objectiveName(ObjectiveKind kind);

// Tree-growing hyper-parameters shared by every objective. Always tree_method=hist.
struct TreeParams {
    int maxDepth = 6;
    double learningRate = 0.1;     // eta
    double subsample = 1.0;        // row fraction per tree
    double colsampleByTree = 1.0;
    double colsampleByNode = 1.0;
    double minChildWeight = 1.0;   // minimum hessian sum in a leaf (rows, when the hessian is 1)
    double lambda = 1.0;           // L2 on leaf weights
    double gamma = 0.0;            // minimum loss reduction to split
    int maxBin = 256;              // boosters sharing a Matrix should agree on this to share its quantisation
    int numRounds = 100;
    int earlyStoppingRounds = 0;   // 0 = off; needs a validation Matrix
    std::uint32_t seed = 0;
};

// Random-forest mode: one boosting round that grows `parallelTrees` trees per class, each on a row
// subsample drawn without replacement with per-node column sampling and learning rate 1 (XGBoost's
// documented RF recipe; the forest's output is the average of its trees).
struct RandomForestParams {
    bool enabled = false;
    int parallelTrees = 100;
};

struct BoosterParams {
    std::string name = "xgb";  // appears in every error message and is saved with the model
    ObjectiveKind objective = ObjectiveKind::BinaryLogistic;
    int classCount = 2;        // used by MultiSoftprob only (>= 2)
    TreeParams tree;
    RandomForestParams randomForest;

    // RF preset for a multi-class classifier: subsample 0.8, colsample_bynode 0.8, eta 1, one round.
    static BoosterParams randomForestClassifier(std::string name, int classCount, int parallelTrees,
                                                std::uint32_t seed);

    // Throws std::invalid_argument naming the offending field.
    void validate() const;
};

void validateTreeParams(const TreeParams& tree, const std::string& modelName);

}  // namespace aegis::models::xgb
