#include "models/xgb/quantile_booster.h"

#include "models/xgb/detail/booster_factory.h"
#include "models/xgb/detail/booster_impl.h"
#include "models/xgb/detail/boosting_loop.h"
#include "models/xgb/detail/matrix_access.h"
#include "models/xgb/detail/number_text.h"
#include "models/xgb/detail/pinball.h"
#include "models/xgb/detail/target_checks.h"
#include "models/xgb/matrix.h"

#include <cmath>
#include <stdexcept>

namespace aegis::models::xgb {

QuantileBooster::QuantileBooster(Booster booster) : booster_(std::move(booster))
{
    if (booster_.objective() != ObjectiveKind::Pinball || !booster_.quantile())
        throw std::invalid_argument("model '" + booster_.name() + "' is not a pinball-loss quantile booster");
}

double QuantileBooster::quantile() const { return *booster_.quantile(); }

Eigen::VectorXd QuantileBooster::predict(const Matrix& features) const
{
    return booster_.predict(features).col(0);
}

Eigen::VectorXd QuantileBooster::predict(const Eigen::Ref<const FeatureMatrixF>& features) const
{
    return booster_.predict(features).col(0);
}

TrainedQuantileBooster trainQuantile(const Matrix& trainSet, const Matrix* valid, const QuantileParams& params,
                                     const TrainingHooks& hooks)
{
    if (params.name.empty())
        throw std::invalid_argument("quantile model name must not be empty");
    if (!(params.quantile > 0.0 && params.quantile < 1.0))
        throw std::invalid_argument("model '" + params.name + "': quantile must be in (0, 1), got "
                                    + detail::formatNumber(params.quantile));
    validateTreeParams(params.tree, params.name);
    detail::requireTrainingInputs(trainSet, valid, params.tree, params.name);
    detail::MatrixPairLock lock(trainSet, valid);

    const Matrix::Impl& trainImpl = detail::MatrixAccess::impl(trainSet);
    detail::requireLabels(trainImpl, "training", params.name);
    if (valid)
        detail::requireLabels(detail::MatrixAccess::impl(*valid), "validation", params.name);
    const double tau = params.quantile;
    const double baseScore = detail::weightedQuantile(trainImpl.labels, trainImpl.weights, tau);
    const double stepScale = detail::pinballStepScale(trainImpl.labels, trainImpl.weights, tau);

    auto impl = std::make_unique<Booster::Impl>();
    impl->name = params.name;
    impl->objective = ObjectiveKind::Pinball;
    impl->classCount = 1;
    impl->featureCount = static_cast<int>(trainSet.cols());
    impl->quantile = tau;

    const DMatrixHandle trainHandle = detail::MatrixAccess::handle(trainSet);
    std::vector<DMatrixHandle> cache{trainHandle};
    if (valid)
        cache.push_back(detail::MatrixAccess::handle(*valid));
    impl->handle = detail::createBooster(cache, params.name);
    BoosterHandle handle = impl->handle.get();
    detail::setParameters(handle, detail::treeParameters(params.tree, {}), params.name);
    // reg:squarederror is only the identity link here: BoostOneIter bypasses its gradients.
    detail::setParameters(handle,
                          {{"objective", "reg:squarederror"},
                           {"base_score", detail::formatNumber(baseScore)},
                           {"disable_default_eval_metric", "1"}},
                          params.name);

    // Margins over all trees so far; XGBoost's prediction cache makes each call cost one new round.
    using Request = Booster::Impl::PredictionRequest;
    const auto margins = [&impl](const Matrix& matrix, bool training) -> Eigen::VectorXf {
        const Request request{Booster::Impl::Output::Margin, Booster::Impl::Trees::All, training};
        return impl->predictLocked(detail::MatrixAccess::handle(matrix), matrix.rows(), request).col(0).cast<float>();
    };

    Eigen::VectorXf trainMargin = Eigen::VectorXf::Constant(trainSet.rows(), static_cast<float>(baseScore));
    Eigen::VectorXf grad;
    Eigen::VectorXf hess;
    TrainingReport report = detail::runBoostingLoop(
        params.name, "pinball", params.tree, valid != nullptr, hooks, [&](int round) {
            detail::pinballGradients(trainImpl.labels, trainImpl.weights, trainMargin, tau, stepScale, grad, hess);
            detail::check(XGBoosterBoostOneIter(handle, trainHandle, grad.data(), hess.data(),
                                                static_cast<bst_ulong>(grad.size())),
                          "XGBoosterBoostOneIter", params.name + " (round " + std::to_string(round) + ")");
            trainMargin = margins(trainSet, true);
            RoundEvaluation evaluation;
            evaluation.train = detail::pinballLoss(trainImpl.labels, trainImpl.weights, trainMargin, tau);
            if (valid) {
                const Matrix::Impl& validImpl = detail::MatrixAccess::impl(*valid);
                evaluation.valid = detail::pinballLoss(validImpl.labels, validImpl.weights, margins(*valid, false), tau);
            }
            return evaluation;
        });

    detail::check(XGBoosterBoostedRounds(handle, &impl->boostedRounds), "XGBoosterBoostedRounds", params.name);
    impl->bestIteration = report.bestIteration;
    impl->writeAttributes();
    return TrainedQuantileBooster{QuantileBooster(Booster(std::move(impl))), std::move(report), baseScore, stepScale};
}

std::vector<TrainedQuantileBooster> trainQuantiles(const Matrix& train, const Matrix* valid,
                                                   const std::vector<double>& quantiles,
                                                   const QuantileParams& params, const TrainingHooks& hooks)
{
    std::vector<TrainedQuantileBooster> boosters;
    boosters.reserve(quantiles.size());
    for (const double tau : quantiles) {
        QuantileParams one = params;
        one.quantile = tau;
        one.name = params.name + "_q" + detail::formatNumber(std::round(tau * 1000.0) / 10.0);
        boosters.push_back(trainQuantile(train, valid, one, hooks));
    }
    return boosters;
}

}  // namespace aegis::models::xgb
