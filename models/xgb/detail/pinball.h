#pragma once

#include <Eigen/Core>

namespace aegis::models::xgb::detail {

// Weighted empirical tau-quantile: the smallest value whose cumulative weight reaches tau of the total.
// `weights` empty means unit weights.
double weightedQuantile(const Eigen::VectorXf& values, const Eigen::VectorXf& weights, double tau);

// Step scale for the pinball objective, in label units: the sparsity 1/f(q_tau) of the label
// distribution estimated by a finite difference of quantiles, (q(tau+h) - q(tau-h)) / (2h), h = 0.05.
// Falls back to the mean absolute deviation from q_tau, then to 1, when labels are tied there.
double pinballStepScale(const Eigen::VectorXf& labels, const Eigen::VectorXf& weights, double tau);

// Gradient and hessian of the pinball loss for XGBoosterBoostOneIter:
//   loss  = w * (tau - 1{y < p}) * (y - p)
//   grad  = w * (1{y < p} - tau) * scale        (subgradient; at y == p the tau side is taken)
//   hess  = w                                   (constant: the loss is piecewise linear)
// A Newton step then moves a leaf by scale * (tau - weighted share of its rows below p) / (1 + lambda/W),
// i.e. by a label-unit amount that shrinks to 0 as the leaf's share below reaches tau.
void pinballGradients(const Eigen::VectorXf& labels, const Eigen::VectorXf& weights, const Eigen::VectorXf& margin,
                      double tau, double scale, Eigen::VectorXf& grad, Eigen::VectorXf& hess);

// Weighted mean pinball loss of `predictions`.
double pinballLoss(const Eigen::VectorXf& labels, const Eigen::VectorXf& weights, const Eigen::VectorXf& predictions,
                   double tau);

}  // namespace aegis::models::xgb::detail
