#include "models/xgb/detail/boosting_loop.h"

#include "models/xgb/xgb_error.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace aegis::models::xgb::detail {

TrainingReport runBoostingLoop(const std::string& model, const std::string& metric, const TreeParams& tree,
                               bool hasValidation, const TrainingHooks& hooks,
                               const std::function<RoundEvaluation(int round)>& boostRound)
{
    TrainingReport report;
    report.metric = metric;
    report.bestScore = std::numeric_limits<double>::infinity();
    const bool earlyStopping = hasValidation && tree.earlyStoppingRounds > 0;

    for (int round = 0; round < tree.numRounds; ++round) {
        if (hooks.cancelRequested && hooks.cancelRequested())
            throw TrainingCancelled(model, round);

        RoundEvaluation evaluation = boostRound(round);
        evaluation.iteration = round;
        const double tracked = hasValidation ? evaluation.valid.value() : evaluation.train;
        if (!std::isfinite(evaluation.train) || !std::isfinite(tracked))
            throw std::runtime_error("model '" + model + "': " + metric + " is not finite after round "
                                     + std::to_string(round));
        report.history.push_back(evaluation);
        // Without a validation set the best round is simply the last one (training loss is not a
        // selection criterion).
        if (!hasValidation || tracked < report.bestScore) {
            report.bestScore = tracked;
            report.bestIteration = round;
        }

        if (hooks.progress)
            hooks.progress(RoundProgress{round, tree.numRounds, evaluation, report.bestIteration});

        if (earlyStopping && round - report.bestIteration >= tree.earlyStoppingRounds) {
            report.stoppedEarly = round + 1 < tree.numRounds;
            break;
        }
    }
    return report;
}

}  // namespace aegis::models::xgb::detail
