#include "engines/features/rolling.h"
#include "engines/labels/label_table.h"
#include "engines/labels/labels.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace aegis::engines {

namespace {

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
    std::unordered_map<qint64, std::vector<double>> costsByDate;  // by Julian day
    const int costColumn = labelSchema().indexOf(costName);
    for (const LabelFrame& frame : universe) {
        for (int row = 0; row < frame.rows(); ++row) {
            if (!frame.missing(row, costColumn))
                costsByDate[frame.dates[static_cast<std::size_t>(row)].toJulianDay()].push_back(frame.values(row, costColumn));
        }
    }
    std::unordered_map<qint64, std::array<double, 3>> thresholds;
    for (auto& [day, costs] : costsByDate) {
        if (static_cast<int>(costs.size()) < kExecRegimeMinimumTickers)
            continue;
        std::sort(costs.begin(), costs.end());
        thresholds[day] = {quantile(costs, 0.25), quantile(costs, 0.5), quantile(costs, 0.75)};
    }
    for (LabelFrame& frame : universe) {
        Column regime(static_cast<std::size_t>(frame.rows()), kNaN);
        for (int row = 0; row < frame.rows(); ++row) {
            const auto found = thresholds.find(frame.dates[static_cast<std::size_t>(row)].toJulianDay());
            if (frame.missing(row, costColumn) || found == thresholds.end())
                continue;
            const double cost = frame.values(row, costColumn);
            const auto& [q1, q2, q3] = found->second;
            regime[static_cast<std::size_t>(row)] = cost <= q1 ? 0.0 : (cost <= q2 ? 1.0 : (cost <= q3 ? 2.0 : 3.0));
        }
        frame.setColumn("exec_regime", regime);
    }
}

}  // namespace aegis::engines
