#include "models/evaluation/missing_labels.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace aegis::models::evaluation {

KnownLabelRows keepRowsWithKnownLabels(std::span<const double> labelsWithNaNForMissing, int classCount)
{
    if (classCount < 2)
        throw std::invalid_argument("labels: need at least two classes");
    KnownLabelRows known;
    for (std::size_t row = 0; row < labelsWithNaNForMissing.size(); ++row) {
        const double label = labelsWithNaNForMissing[row];
        if (std::isnan(label)) {
            ++known.skippedMissingLabels;
            continue;
        }
        if (!std::isfinite(label) || label != std::floor(label) || label < 0.0 || label >= classCount)
            throw std::invalid_argument("labels: entry " + std::to_string(row) + " is not a class index in [0, " +
                                        std::to_string(classCount) + ") nor NaN for a missing label");
        known.rows.push_back(row);
        known.labels.push_back(static_cast<int>(label));
    }
    return known;
}

std::vector<double> selectRows(std::span<const double> values, std::span<const std::size_t> rows)
{
    std::vector<double> selected;
    selected.reserve(rows.size());
    for (std::size_t row : rows) {
        if (row >= values.size())
            throw std::invalid_argument("select rows: row " + std::to_string(row) + " is out of range (" +
                                        std::to_string(values.size()) + " values)");
        selected.push_back(values[row]);
    }
    return selected;
}

}  // namespace aegis::models::evaluation
