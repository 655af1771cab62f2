#pragma once

#include "models/xgb/booster_params.h"
#include "models/xgb/training.h"

#include <functional>
#include <string>

namespace aegis::models::xgb::detail {

// The round loop shared by the built-in objectives and the pinball objective: cancellation check before
// each round, the caller's `boostRound` (which grows one round and returns its metrics), best-iteration
// tracking (lower is better), early stopping on the validation metric and progress reporting.
// Non-finite metrics abort training with std::runtime_error.
TrainingReport runBoostingLoop(const std::string& model, const std::string& metric, const TreeParams& tree,
                               bool hasValidation, const TrainingHooks& hooks,
                               const std::function<RoundEvaluation(int round)>& boostRound);

}  // namespace aegis::models::xgb::detail
