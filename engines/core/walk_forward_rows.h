#pragma once

// Row selection for walk-forward training over pooled rows: the pieces every calibrated model (the
// core's boosters, the execution engine's forest, the direction ensemble) needs in the same form.

#include "engines/core/calibrated_models.h"
#include "engines/core/pooled_rows.h"

#include "models/evaluation/walk_forward.h"
#include "models/xgb/matrix.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace aegis::engines {

models::xgb::FeatureMatrixF selectRows(const models::xgb::FeatureMatrixF& features, const std::vector<std::size_t>& rows);
// The rows to fit a booster on, with every column that holds one value on all of them passed as missing
// (NaN). Such a column cannot be split on, so the trees are the same; but XGBoost's histogram builder
// visits every present value of every row, and many model columns are `<name>_missing` flags that are
// constant once the warm-up rows are out of the pool (56 of 118 on the DEMO, 38 on the real files). Only for fitting: predictions take the
// ordinary rows (the trees never test a column that was missing throughout their fit).
models::xgb::FeatureMatrixF fitRows(const models::xgb::FeatureMatrixF& features, const std::vector<std::size_t>& rows);
Eigen::VectorXd selectValues(const Eigen::VectorXd& values, const std::vector<std::size_t>& rows);
std::vector<int> classIndices(const Eigen::VectorXd& labels, const std::vector<std::size_t>& rows);
// Share of `rows` in each class 0..classCount-1 (labels are class indices); `rows` must not be empty.
std::vector<double> classFrequencies(const Eigen::VectorXd& labels, const std::vector<std::size_t>& rows, int classCount);
// One row per test row of `folds`, in their order (the out-of-fold order): the class frequencies of that
// fold's training rows, the base rate known before its test window and the reference of its Brier skill.
Eigen::MatrixXd foldClimatologyRows(const Eigen::VectorXd& labels, const std::vector<models::evaluation::Fold>& folds,
                                    int classCount);
std::vector<std::int64_t> rowTimes(const PooledRows& rows, const std::vector<std::size_t>& indices);
// Sessions per block of dependent rows (bootstrap intervals, blend weights, placebo shifts): one market
// day moves every ticker and labels h sessions long overlap, so a block spans the label horizon, at
// least a trading week.
constexpr int sessionBlockLength(std::int64_t labelHorizon)
{
    return int(labelHorizon > 5 ? labelHorizon : 5);
}
std::vector<int> rowTickers(const PooledRows& rows, const std::vector<std::size_t>& indices);

// How many test windows spec asks for on rows spanning these times: spec.folds, raised so that no
// window is longer than spec.maxTestSessions (up to spec.maxFolds).
int walkForwardFoldCount(const std::vector<std::int64_t>& times, const WalkForwardSpec& spec);

// Expanding-window folds (ticker-grouped when spec.tickerGroups >= 2). Throws std::invalid_argument
// when the history is too short for any fold.
std::vector<models::evaluation::Fold> planWalkForwardFolds(const PooledRows& rows, const WalkForwardSpec& spec);

}  // namespace aegis::engines
