#include "models/xgb/detail/pinball.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace aegis::models::xgb::detail {

namespace {

float weightAt(const Eigen::VectorXf& weights, Eigen::Index i)
{
    return weights.size() == 0 ? 1.0f : weights[i];
}

}  // namespace

double weightedQuantile(const Eigen::VectorXf& values, const Eigen::VectorXf& weights, double tau)
{
    std::vector<Eigen::Index> order(static_cast<std::size_t>(values.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::sort(order.begin(), order.end(), [&values](Eigen::Index a, Eigen::Index b) { return values[a] < values[b]; });
    double total = 0.0;
    for (Eigen::Index i = 0; i < values.size(); ++i)
        total += weightAt(weights, i);
    const double target = tau * total;
    double cumulative = 0.0;
    for (const Eigen::Index i : order) {
        cumulative += weightAt(weights, i);
        if (cumulative >= target && weightAt(weights, i) > 0.0f)
            return values[i];
    }
    return values[order.back()];
}

double pinballStepScale(const Eigen::VectorXf& labels, const Eigen::VectorXf& weights, double tau)
{
    constexpr double halfWidth = 0.05;
    const double lower = std::max(0.0, tau - halfWidth);
    const double upper = std::min(1.0, tau + halfWidth);
    const double sparsity =
        (weightedQuantile(labels, weights, upper) - weightedQuantile(labels, weights, lower)) / (upper - lower);
    if (sparsity > 0.0 && std::isfinite(sparsity))
        return sparsity;

    const double center = weightedQuantile(labels, weights, tau);
    double deviation = 0.0;
    double total = 0.0;
    for (Eigen::Index i = 0; i < labels.size(); ++i) {
        deviation += weightAt(weights, i) * std::abs(labels[i] - center);
        total += weightAt(weights, i);
    }
    const double meanDeviation = deviation / total;
    return meanDeviation > 0.0 ? meanDeviation : 1.0;
}

void pinballGradients(const Eigen::VectorXf& labels, const Eigen::VectorXf& weights, const Eigen::VectorXf& margin,
                      double tau, double scale, Eigen::VectorXf& grad, Eigen::VectorXf& hess)
{
    grad.resize(labels.size());
    hess.resize(labels.size());
    for (Eigen::Index i = 0; i < labels.size(); ++i) {
        const double w = weightAt(weights, i);
        const double below = labels[i] < margin[i] ? 1.0 : 0.0;
        grad[i] = static_cast<float>(w * (below - tau) * scale);
        hess[i] = static_cast<float>(w);
    }
}

double pinballLoss(const Eigen::VectorXf& labels, const Eigen::VectorXf& weights, const Eigen::VectorXf& predictions,
                   double tau)
{
    double loss = 0.0;
    double total = 0.0;
    for (Eigen::Index i = 0; i < labels.size(); ++i) {
        const double residual = static_cast<double>(labels[i]) - predictions[i];
        const double w = weightAt(weights, i);
        loss += w * (residual >= 0.0 ? tau * residual : (tau - 1.0) * residual);
        total += w;
    }
    return loss / total;
}

}  // namespace aegis::models::xgb::detail
