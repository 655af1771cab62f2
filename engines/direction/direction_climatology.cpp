#include "engines/direction/direction_climatology.h"

#include <cmath>
#include <map>
#include <stdexcept>

namespace aegis::engines {

std::vector<double> driftDiscountedClimatology(const Eigen::VectorXd& classes, const std::vector<std::size_t>& rows,
                                               std::span<const std::int64_t> rowTimes, int blockLength)
{
    if (rows.empty() || rows.size() != rowTimes.size() || blockLength < 1)
        throw std::invalid_argument("direction climatology: no rows, rows and times of different lengths, or no block length");
    double up = 0.0, down = 0.0;
    std::vector<double> signs(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double label = classes[Eigen::Index(rows[i])];
        if (label != 0.0 && label != 1.0 && label != 2.0)
            throw std::invalid_argument("direction climatology: a class outside DOWN / NEUTRAL / UP");
        signs[i] = label - 1.0;
        up += label == 2.0 ? 1.0 : 0.0;
        down += label == 0.0 ? 1.0 : 0.0;
    }
    const double n = double(rows.size());
    const double asymmetry = (up - down) / n;
    const double neutral = 1.0 - (up + down) / n;

    std::map<std::int64_t, double> blockDeviation;
    for (std::size_t i = 0; i < rows.size(); ++i)
        blockDeviation[rowTimes[i] / blockLength] += signs[i] - asymmetry;
    double shrunk = asymmetry;
    const double blocks = double(blockDeviation.size());
    if (blocks >= 2.0) {
        double sumSquares = 0.0;
        for (const auto& [block, deviation] : blockDeviation)
            sumSquares += deviation * deviation;
        const double standardError = std::sqrt(blocks / (blocks - 1.0) * sumSquares) / n;
        shrunk = std::copysign(std::max(0.0, std::abs(asymmetry) - standardError), asymmetry);
    }
    return {(1.0 - neutral - shrunk) / 2.0, neutral, (1.0 - neutral + shrunk) / 2.0};
}

}  // namespace aegis::engines
