#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace aegis::models::evaluation {

// Labels look forward, so the newest rows of any series have none yet. Callers that carry labels as
// doubles with NaN for "not known yet" pass them here first: the NaN rows are skipped and counted, every
// other value must be a whole number in [0, classCount) (infinity and fractions are rejected).
struct KnownLabelRows {
    std::vector<std::size_t> rows;  // ascending indices of rows whose label is known
    std::vector<int> labels;        // their labels, aligned with `rows`
    std::size_t skippedMissingLabels = 0;
};

KnownLabelRows keepRowsWithKnownLabels(std::span<const double> labelsWithNaNForMissing, int classCount = 2);

// values[rows[0]], values[rows[1]], ...
std::vector<double> selectRows(std::span<const double> values, std::span<const std::size_t> rows);

}  // namespace aegis::models::evaluation
