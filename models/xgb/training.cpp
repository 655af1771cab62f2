#include "models/xgb/training.h"

#include "models/xgb/detail/booster_factory.h"
#include "models/xgb/detail/booster_impl.h"
#include "models/xgb/detail/boosting_loop.h"
#include "models/xgb/detail/eval_line.h"
#include "models/xgb/detail/matrix_access.h"
#include "models/xgb/detail/number_text.h"
#include "models/xgb/detail/target_checks.h"
#include "models/xgb/matrix.h"
#include "models/xgb/xgb_error.h"

#include <algorithm>
#include <stdexcept>

namespace aegis::models::xgb {

namespace {

const char* metricFor(ObjectiveKind objective)
{
    switch (objective) {
    case ObjectiveKind::BinaryLogistic: return "logloss";
    case ObjectiveKind::MultiSoftprob: return "mlogloss";
    default: return "rmse";
    }
}

void validateLabels(const BoosterParams& params, const Eigen::VectorXf& labels, const char* which)
{
    for (Eigen::Index i = 0; i < labels.size(); ++i) {
        const float label = labels[i];
        const auto reject = [&](const std::string& rule) {
            throw std::invalid_argument(std::string(which) + " label at row " + std::to_string(i) + " = "
                                        + detail::formatNumber(label) + "; model '" + params.name + "' needs "
                                        + rule);
        };
        if (params.objective == ObjectiveKind::BinaryLogistic && !(label >= 0.0f && label <= 1.0f))
            reject("labels in [0, 1]");
        if (params.objective == ObjectiveKind::MultiSoftprob
            && (label != static_cast<float>(static_cast<int>(label)) || label < 0.0f
                || label >= static_cast<float>(params.classCount)))
            reject("integer class labels in [0, " + std::to_string(params.classCount) + ")");
    }
}

detail::ParameterList objectiveParameters(const BoosterParams& params, const Matrix::Impl& trainSet)
{
    detail::ParameterList list{{"objective", objectiveName(params.objective)},
                               {"eval_metric", metricFor(params.objective)}};
    // XGBoost 1.7 starts every model from base_score = 0.5 whatever the labels; starting from the
    // (weighted) label mean saves the first trees from merely learning that constant. Softmax ignores a
    // constant shared by all classes, so multi-class keeps the default.
    const double mean = detail::weightedMean(trainSet.labels, trainSet.weights);
    if (params.objective == ObjectiveKind::BinaryLogistic)
        list.emplace_back("base_score", detail::formatNumber(std::clamp(mean, 1e-6, 1.0 - 1e-6)));
    else if (params.objective == ObjectiveKind::SquaredError)
        list.emplace_back("base_score", detail::formatNumber(mean));
    else
        list.emplace_back("num_class", std::to_string(params.classCount));
    return list;
}

}  // namespace

TrainedBooster train(const Matrix& trainSet, const Matrix* valid, const BoosterParams& params,
                     const TrainingHooks& hooks)
{
    params.validate();
    detail::requireTrainingInputs(trainSet, valid, params.tree, params.name);
    detail::MatrixPairLock lock(trainSet, valid);

    const Matrix::Impl& trainImpl = detail::MatrixAccess::impl(trainSet);
    detail::requireLabels(trainImpl, "training", params.name);
    validateLabels(params, trainImpl.labels, "training");
    if (valid) {
        detail::requireLabels(detail::MatrixAccess::impl(*valid), "validation", params.name);
        validateLabels(params, detail::MatrixAccess::impl(*valid).labels, "validation");
    }

    auto impl = std::make_unique<Booster::Impl>();
    impl->name = params.name;
    impl->objective = params.objective;
    impl->classCount = params.objective == ObjectiveKind::MultiSoftprob   ? params.classCount
                       : params.objective == ObjectiveKind::BinaryLogistic ? 2
                                                                           : 1;
    impl->featureCount = static_cast<int>(trainSet.cols());

    std::vector<DMatrixHandle> evalSets{detail::MatrixAccess::handle(trainSet)};
    std::vector<const char*> evalNames{"train"};
    if (valid) {
        evalSets.push_back(detail::MatrixAccess::handle(*valid));
        evalNames.push_back("valid");
    }
    impl->handle = detail::createBooster(evalSets, params.name);
    BoosterHandle handle = impl->handle.get();
    detail::setParameters(handle, detail::treeParameters(params.tree, params.randomForest), params.name);
    detail::setParameters(handle, objectiveParameters(params, trainImpl), params.name);

    const std::string metric = metricFor(params.objective);
    const auto metricValue = [&](const std::map<std::string, double>& metrics, const char* set) {
        const auto found = metrics.find(std::string(set) + "-" + metric);
        if (found == metrics.end())
            throw std::runtime_error("model '" + params.name + "': XGBoost did not report " + set + "-" + metric);
        return found->second;
    };
    TrainingReport report = detail::runBoostingLoop(
        params.name, metric, params.tree, valid != nullptr, hooks, [&](int round) {
            const std::string context = params.name + " (round " + std::to_string(round) + ")";
            detail::check(XGBoosterUpdateOneIter(handle, round, evalSets.front()), "XGBoosterUpdateOneIter", context);
            const char* line = nullptr;
            detail::check(XGBoosterEvalOneIter(handle, round, evalSets.data(), evalNames.data(),
                                               static_cast<bst_ulong>(evalSets.size()), &line),
                          "XGBoosterEvalOneIter", context);
            const auto metrics = detail::parseEvalLine(line ? line : "");
            RoundEvaluation evaluation;
            evaluation.train = metricValue(metrics, "train");
            if (valid)
                evaluation.valid = metricValue(metrics, "valid");
            return evaluation;
        });

    detail::check(XGBoosterBoostedRounds(handle, &impl->boostedRounds), "XGBoosterBoostedRounds", params.name);
    impl->bestIteration = report.bestIteration;
    impl->writeAttributes();
    return TrainedBooster{Booster(std::move(impl)), std::move(report)};
}

}  // namespace aegis::models::xgb
