#include "engines/labels/label_table.h"

#include <cmath>
#include <sstream>

namespace aegis::engines {

std::string breachName(std::string_view horizon, double multiple)
{
    const int hundredths = static_cast<int>(std::lround(multiple * 100.0));
    std::string digits = std::to_string(hundredths);
    while (digits.size() < 3)
        digits.insert(digits.begin(), '0');
    std::string name = "breach_";
    name.append(horizon).append("_k").append(digits);
    return name;
}

std::string execCostName(double orderInr)
{
    const double lakhs = orderInr / 1e5;
    std::string text = std::to_string(static_cast<int>(lakhs));
    const int tenths = static_cast<int>(std::lround((lakhs - std::floor(lakhs)) * 10.0));
    if (tenths != 0)
        text.append(1, '_').append(std::to_string(tenths));
    std::string name = "exec_cost_";
    name.append(text).append("l");
    return name;
}

namespace {

std::string formatMultiple(double k)
{
    std::ostringstream out;
    out << k;
    return out.str();
}

std::vector<LabelSpec> makeTable()
{
    std::vector<LabelSpec> table;
    table.push_back({"sigma_annual", 0, "annualised vol (fraction)",
                     "reference, known at t, not a target: implied vol at t when given, else rv_20 at t"});
    table.push_back({"sigma_is_implied", 0, "0/1", "reference: 1 when sigma_annual is implied vol"});
    for (int h : kDirectionHorizons) {
        table.push_back({"direction_" + std::to_string(h), h, "-1/0/+1",
                         "sign of ln(C[t+" + std::to_string(h) + "] / C[t]) outside the dead zone 0.3 x sd_20[t] x sqrt("
                             + std::to_string(h) + "), sd_20 = trailing daily std of ret_1; 0 inside"});
    }
    for (int h : kDirectionHorizons) {
        table.push_back({"move_" + std::to_string(h), h, "log return",
                         "|ln(C[t+" + std::to_string(h) + "] / C[t])|"});
    }
    for (int h : kBreachHorizons) {
        for (double k : kBreachMultiples) {
            table.push_back({breachName(std::to_string(h), k), h, "0/1",
                             "1 when max H[t+1..t+" + std::to_string(h) + "] >= C[t] exp(b) or min L <= C[t] exp(-b), b = "
                                 + formatMultiple(k) + " x sigma_annual x sqrt(" + std::to_string(h) + " / 252)"});
        }
    }
    for (double k : kBreachMultiples) {
        table.push_back({breachName("exp", k), kHorizonToExpiry, "0/1",
                         "as breach_H over the stored sessions dated in (t, the ticker's next expiry], band with H = NSE "
                             "sessions to it, k = " + formatMultiple(k) + "; missing on expiry day"});
    }
    for (int d = 1; d <= kBreakoutDays; ++d) {
        table.push_back({"breakout_" + std::to_string(d), d, "0/1",
                         "1 when H[t+" + std::to_string(d) + "] - L[t+" + std::to_string(d) + "] > 1.5 x ATR14[t] (Wilder)"});
    }
    table.push_back({"spike_up", 1, "0/1", "when breakout_1 is 1: 1 when C[t+1] > O[t+1]; missing when breakout_1 is 0"});
    for (int h : kThetaHorizons) {
        table.push_back({"theta_edge_" + std::to_string(h), h, "0/1",
                         "1 when move_" + std::to_string(h) + " > sqrt(2 / pi) x sigma_annual x sqrt(" + std::to_string(h)
                             + " / 252), the move priced by an ATM straddle at sigma_annual"});
    }
    table.push_back({"trap_setup", 0, "0/1",
                     "known at t, needs implied vol: 1 when implied / rv_20[t] >= 1.2 (rich implied vol, the condition "
                     "a trap needs); missing without implied vol"});
    table.push_back({"trap", 10, "0/1",
                     "needs implied vol: 1 when implied / rv_20[t] >= 1.2 and the std of ret_1 over t+1..t+10 x sqrt(252) "
                     "> 1.1 x rv_20[t]; missing without implied vol"});
    for (double q : kOrderSizesInr) {
        table.push_back({execCostName(q), 1, "bps",
                         "cost of a " + formatMultiple(q / 1e5) + " lakh INR order in session t+1: 1e4 x (CS(t, t+1) / 2 + "
                             "1.0 x sigma_P[t+1] x sqrt(Q / (C V)[t+1])), CS = Corwin-Schultz spread, sigma_P = "
                             "ln(H/L) / sqrt(4 ln 2); missing when V[t+1] = 0"});
    }
    table.push_back({"exec_regime", kCrossSectional, "0..3",
                     "quartile of exec_cost_5l among all tickers on the same session: 0 LOW, 1 NORMAL, 2 HIGH, 3 SEVERE "
                     "(needs >= 4 tickers)"});
    return table;
}

}  // namespace

const std::vector<LabelSpec>& labelTable()
{
    static const std::vector<LabelSpec> table = makeTable();
    return table;
}

FrameSchema labelSchema()
{
    FrameSchema schema{"aegis.labels/1", {}};
    for (const LabelSpec& spec : labelTable())
        schema.columns.push_back(spec.name);
    return schema;
}

std::string renderLabelTableMarkdown()
{
    std::ostringstream out;
    out << "| name | horizon (sessions) | unit | definition |\n|---|---|---|---|\n";
    for (const LabelSpec& spec : labelTable()) {
        std::string horizon = std::to_string(spec.horizon);
        if (spec.horizon == kHorizonToExpiry)
            horizon = "to expiry";
        else if (spec.horizon == kCrossSectional)
            horizon = "1 (cross-section)";
        std::string doc;
        for (char ch : spec.doc) {
            if (ch == '|')
                doc += '\\';
            doc += ch;
        }
        out << "| `" << spec.name << "` | " << horizon << " | " << spec.unit << " | " << doc << " |\n";
    }
    return out.str();
}

}  // namespace aegis::engines
