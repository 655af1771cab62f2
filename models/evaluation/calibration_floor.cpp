#include "models/evaluation/calibration_floor.h"

#include <random>
#include <stdexcept>
#include <vector>

namespace aegis::models::evaluation {

double eceFloor(std::span<const double> probabilities, int binCount, ReliabilityBinning binning, int draws,
                std::uint64_t seed)
{
    if (draws < 1)
        throw std::invalid_argument("ECE floor: draws must be at least 1");
    std::vector<int> outcomes(probabilities.size());
    std::mt19937_64 random(seed);
    double total = 0.0;
    for (int draw = 0; draw < draws; ++draw) {
        for (std::size_t row = 0; row < probabilities.size(); ++row) {
            // 53 random bits as a uniform in [0, 1): the same on every standard library.
            const double uniform = static_cast<double>(random() >> 11) * 0x1.0p-53;
            outcomes[row] = uniform < probabilities[row] ? 1 : 0;
        }
        // Validates the probabilities (finite, in [0, 1], non-empty) and the bin count.
        total += expectedCalibrationError(probabilities, outcomes, binCount, binning);
    }
    return total / draws;
}

}  // namespace aegis::models::evaluation
