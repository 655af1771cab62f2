#pragma once

#include "models/xgb/booster.h"
#include "models/xgb/booster_params.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aegis::models::xgb {

class Matrix;

// Metric values after one boosting round (lower is better for every metric used here).
struct RoundEvaluation {
    int iteration = 0;
    double train = 0.0;
    std::optional<double> valid;
};

struct RoundProgress {
    int iteration = 0;     // 0-based round just finished
    int totalRounds = 0;   // configured maximum
    RoundEvaluation evaluation;
    int bestIteration = 0;
};

// Checked before every round; returning true stops training with TrainingCancelled.
using CancellationCheck = std::function<bool()>;
using ProgressCallback = std::function<void(const RoundProgress&)>;

// Both hooks run on the training thread while the training and validation Matrix are locked, so they must
// not predict on those same Matrix objects (the mutex is not recursive: that would deadlock).
struct TrainingHooks {
    CancellationCheck cancelRequested;
    ProgressCallback progress;
};

struct TrainingReport {
    std::string metric;         // "logloss", "mlogloss", "rmse" or "pinball"
    int bestIteration = 0;      // 0-based; on the validation metric when a validation Matrix was given
    double bestScore = 0.0;
    bool stoppedEarly = false;  // true when early stopping ended training before numRounds
    std::vector<RoundEvaluation> history;
};

struct TrainedBooster {
    Booster booster;
    TrainingReport report;
};

// Trains with XGBoosterUpdateOneIter / XGBoosterEvalOneIter one round at a time. With `valid` and
// tree.earlyStoppingRounds > 0, stops once the validation metric has not improved for that many rounds;
// the returned Booster predicts with trees up to the best round. `train` must carry labels (and may
// carry weights); binary labels must lie in [0, 1], multi-class labels be integers in [0, classCount).
// `train` and `valid` must be different Matrix objects. Both are locked for the whole training.
TrainedBooster train(const Matrix& train, const Matrix* valid, const BoosterParams& params,
                     const TrainingHooks& hooks = {});

}  // namespace aegis::models::xgb
