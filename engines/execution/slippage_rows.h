#pragma once

// Inputs and targets of the slippage quantile models. One model serves every order size: the order
// enters as a column, its participation ln(Q / ADV20) (ADV20 = exp(adv_ln_20), the mean traded value
// of the last 20 sessions, known at t). Why one model and not four (docs/engine-execution.md):
//   - the square-root impact law makes cost a function of Q / traded value, so participation is the
//     variable that carries over between a liquid large-cap at ₹10 L and an illiquid small-cap at ₹1 L;
//   - every size's rows teach the spread part of the cost, which does not depend on size;
//   - two boosters (Q50, Q90) instead of eight, one coverage record instead of four.
// Each pooled (ticker, session) row takes one order size, dealt round-robin by (ticker + row), so the
// four sizes cover every ticker and period equally without repeating a session four times.
//
// Targets are ln(1 + cost in bps): costs span two orders of magnitude across the universe, and a
// quantile of a monotone transform is the transform of the quantile, so coverage is unchanged.

#include "engines/core/pooled_rows.h"
#include "engines/core/universe_data.h"
#include "engines/report/report_model.h"

#include "models/xgb/matrix.h"

#include <Eigen/Core>

#include <optional>
#include <span>
#include <vector>

namespace aegis::engines {

inline constexpr const char* kParticipationColumn = "order_participation_ln";

// ln(Q / ADV20) at `row`; nothing when the row has no ADV (no traded value in its 20 sessions).
std::optional<double> orderParticipationLn(const NamedFrame& execution, int row, double orderValueInr);

struct SlippageRows {
    PooledRows rows;                 // execution model columns, then kParticipationColumn and its missing flag
    Eigen::VectorXd targets;         // ln(1 + exec_cost_<size> in bps) of each row's order size
    std::vector<int> orderSize;      // index into kOrderSizesInr of each row
};

// `base` are pooled execution rows that all have every exec_cost_* label.
SlippageRows slippageRows(const UniverseData& universe, const PooledRows& base);

// Model inputs of one frame row at each order size, laid out like slippageRows().
models::xgb::FeatureMatrixF slippageInputs(const NamedFrame& execution, int row, std::span<const double> orderValuesInr);

double costTarget(double costBps);     // ln(1 + bps)
double costFromTarget(double target);  // exp(target) - 1, never below 0

// Cost cannot fall as the order grows on the same session (spread paid alike, impact rising with
// sqrt(Q)), so separately predicted sizes that dip are estimation noise. Raises every Q50 and Q90 to
// the running maximum over smaller orders and every Q90 to at least its Q50: the smallest upward
// correction, so a cost is never understated. `rows` must be sorted by order value.
void makeMonotoneInOrderSize(std::vector<report::Slippage>& rows);

}  // namespace aegis::engines
