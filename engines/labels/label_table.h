#pragma once

// The one list of labels: name, forward horizon, unit and definition. buildLabels() fills exactly
// these columns, labelSchema() is derived from it and docs/labels.md embeds its Markdown rendering
// (a test checks they are identical).

#include "engines/features/named_frame.h"

#include <string>
#include <string_view>
#include <vector>

namespace aegis::engines {

inline constexpr int kHorizonToExpiry = -1;  // the label looks ahead to the ticker's next expiry
inline constexpr int kCrossSectional = -2;   // filled by assignExecRegimes() across the universe

struct LabelSpec {
    std::string name;
    int horizon = 0;         // sessions after t the label needs; 0 for reference columns known at t
    std::string unit;
    std::string doc;
};

const std::vector<LabelSpec>& labelTable();
FrameSchema labelSchema();
std::string renderLabelTableMarkdown();

inline constexpr int kDirectionHorizons[] = {1, 3, 5, 10, 20, 40};
inline constexpr int kBreachHorizons[] = {5, 10, 21};
inline constexpr double kBreachMultiples[] = {0.5, 1.0, 1.5, 2.0};
inline constexpr int kThetaHorizons[] = {5, 10, 21};
inline constexpr int kBreakoutDays = 5;
// A label spans its h rows only if they are at most h + this many NSE sessions: a ticker's gap
// (suspension, missing days) stretches a "t+h" label over more sessions, and walk-forward purges
// h + embargo sessions, so a longer span could end inside a test window. Equal to the embargo
// (ModelSpec::embargo, calibrated_models.h).
inline constexpr int kLabelMissingSessionsAllowed = 5;
inline constexpr double kOrderSizesInr[] = {1e5, 2.5e5, 5e5, 1e6};

std::string breachName(std::string_view horizon, double multiple);  // "breach_10_k150", "breach_exp_k100"
std::string execCostName(double orderInr);                            // "exec_cost_2_5l"

}  // namespace aegis::engines
