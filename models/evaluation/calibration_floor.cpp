#include "models/evaluation/calibration_floor.h"

#include "models/evaluation/input_checks.h"

#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace aegis::models::evaluation {

std::vector<double> eceDraws(std::span<const double> probabilities, int binCount, ReliabilityBinning binning, int draws,
                             std::uint64_t seed)
{
    if (draws < 1)
        throw std::invalid_argument("ECE floor: draws must be at least 1");
    std::vector<int> outcomes(probabilities.size());
    std::mt19937_64 random(seed);
    std::vector<double> eces;
    eces.reserve(static_cast<std::size_t>(draws));
    for (int draw = 0; draw < draws; ++draw) {
        for (std::size_t row = 0; row < probabilities.size(); ++row) {
            // 53 random bits as a uniform in [0, 1): the same on every standard library.
            const double uniform = static_cast<double>(random() >> 11) * 0x1.0p-53;
            outcomes[row] = uniform < probabilities[row] ? 1 : 0;
        }
        // Validates the probabilities (finite, in [0, 1], non-empty) and the bin count.
        eces.push_back(expectedCalibrationError(probabilities, outcomes, binCount, binning));
    }
    return eces;
}

std::vector<double> clusteredEceDraws(std::span<const double> probabilities, std::span<const int> outcomes,
                                      std::span<const std::int64_t> rowTimes, int blockLength, int binCount,
                                      ReliabilityBinning binning, int draws, std::uint64_t seed)
{
    if (draws < 1)
        throw std::invalid_argument("clustered ECE floor: draws must be at least 1");
    if (blockLength < 1)
        throw std::invalid_argument("clustered ECE floor: block length must be at least 1");
    requireNonEmpty(probabilities.size(), "clustered ECE floor: probabilities");
    requireSameLength(outcomes.size(), probabilities.size(), "clustered ECE floor: outcomes");
    requireSameLength(rowTimes.size(), probabilities.size(), "clustered ECE floor: row times");
    requireProbabilities(probabilities, "clustered ECE floor: probabilities");
    requireBinaryLabels(outcomes, "clustered ECE floor: outcomes");

    // Per bin: the centred deviation of each of its blocks (summed over the block's rows in the bin).
    struct BinBlocks {
        std::vector<std::size_t> blocks;  // dense block index
        std::vector<double> deviations;
    };
    std::unordered_map<std::int64_t, std::size_t> blockIndex;
    std::vector<BinBlocks> bins;
    for (const ReliabilityBinRows& bin : reliabilityBinRows(probabilities, binCount, binning)) {
        double meanDeviation = 0.0;
        for (std::size_t row : bin.rows)
            meanDeviation += outcomes[row] - probabilities[row];
        meanDeviation /= static_cast<double>(bin.rows.size());
        std::unordered_map<std::size_t, std::size_t> slotOfBlock;
        BinBlocks summed;
        for (std::size_t row : bin.rows) {
            if (rowTimes[row] < 0)
                throw std::invalid_argument("clustered ECE floor: row times must be session indices (>= 0)");
            const std::int64_t block = rowTimes[row] / blockLength;
            const std::size_t dense = blockIndex.emplace(block, blockIndex.size()).first->second;
            const auto [slot, added] = slotOfBlock.emplace(dense, summed.blocks.size());
            if (added) {
                summed.blocks.push_back(dense);
                summed.deviations.push_back(0.0);
            }
            summed.deviations[slot->second] += outcomes[row] - probabilities[row] - meanDeviation;
        }
        bins.push_back(std::move(summed));
    }

    std::mt19937_64 random(seed);
    std::vector<double> sign(blockIndex.size());
    const double total = static_cast<double>(probabilities.size());
    std::vector<double> eces;
    eces.reserve(static_cast<std::size_t>(draws));
    for (int draw = 0; draw < draws; ++draw) {
        for (double& s : sign)
            s = (random() >> 63) != 0 ? 1.0 : -1.0;
        double ece = 0.0;
        for (const BinBlocks& bin : bins) {
            double deviation = 0.0;
            for (std::size_t k = 0; k < bin.blocks.size(); ++k)
                deviation += sign[bin.blocks[k]] * bin.deviations[k];
            // count / n x |mean deviation| = |sum of deviations| / n
            ece += std::abs(deviation) / total;
        }
        eces.push_back(ece);
    }
    return eces;
}

double eceFloor(std::span<const double> draws)
{
    if (draws.empty())
        throw std::invalid_argument("ECE floor: no draws");
    return std::accumulate(draws.begin(), draws.end(), 0.0) / static_cast<double>(draws.size());
}

double eceExceedance(double observedEce, std::span<const double> draws)
{
    if (draws.empty())
        throw std::invalid_argument("ECE exceedance: no draws");
    if (!std::isfinite(observedEce))
        throw std::invalid_argument("ECE exceedance: the observed ECE must be finite");
    // A draw equal to the observed value up to rounding counts as at least as large.
    const double threshold = observedEce - 1e-12;
    std::size_t atLeast = 0;
    for (double draw : draws)
        atLeast += draw >= threshold ? 1 : 0;
    return (1.0 + static_cast<double>(atLeast)) / (1.0 + static_cast<double>(draws.size()));
}

}  // namespace aegis::models::evaluation
