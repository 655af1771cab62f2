#include "engines/features/rolling.h"
#include "engines/labels/label_table.h"
#include "engines/labels/labels.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace aegis::engines {

namespace {

constexpr int kMinimumTickers = 4;

// Linear-interpolation quantile of sorted values, q in [0, 1].
double quantile(const std::vector<double>& sorted, double q)
{
    const double position = q * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

void assignExecRegimes(std::vector<LabelFrame>& universe)
{
    const std::string costName = execCostName(5e5);
    std::map<QDate, std::vector<double>> costsByDate;
    for (const LabelFrame& frame : universe) {
        for (int row = 0; row < frame.rows(); ++row) {
            if (const auto cost = frame.value(row, costName))
                costsByDate[frame.dates[static_cast<std::size_t>(row)]].push_back(*cost);
        }
    }
    std::map<QDate, std::array<double, 3>> thresholds;
    for (auto& [date, costs] : costsByDate) {
        if (static_cast<int>(costs.size()) < kMinimumTickers)
            continue;
        std::sort(costs.begin(), costs.end());
        thresholds[date] = {quantile(costs, 0.25), quantile(costs, 0.5), quantile(costs, 0.75)};
    }
    for (LabelFrame& frame : universe) {
        Column regime(static_cast<std::size_t>(frame.rows()), kNaN);
        for (int row = 0; row < frame.rows(); ++row) {
            const auto cost = frame.value(row, costName);
            const auto found = thresholds.find(frame.dates[static_cast<std::size_t>(row)]);
            if (!cost || found == thresholds.end())
                continue;
            const auto& [q1, q2, q3] = found->second;
            regime[static_cast<std::size_t>(row)] = *cost <= q1 ? 0.0 : (*cost <= q2 ? 1.0 : (*cost <= q3 ? 2.0 : 3.0));
        }
        frame.setColumn("exec_regime", regime);
    }
}

}  // namespace aegis::engines
