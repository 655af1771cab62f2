#pragma once

#include <QStringList>

#include <cstdint>
#include <vector>

namespace aegis::models {

// Direction classes of every horizon head, in output order.
enum class DirectionClass : std::int8_t { Down = 0, Neutral = 1, Up = 2 };
inline constexpr int kDirectionClassCount = 3;
// Marks a direction label that is unknown (e.g. the horizon runs past the end of the data).
inline constexpr std::int8_t kMissingDirection = -1;

// One chronological series (typically one instrument): row r is session r, oldest first.
struct SequenceSeries {
    int rows = 0;
    std::vector<float> features;          // rows x featureCount, row-major
    // rows x featureCount, 1 where the value is not known at that row (its feature's training mean,
    // 0 once scaled, is used instead: a raw 0 standardised to an RSI of 0 or a volatility of 0); empty
    // when every value is known.
    std::vector<std::uint8_t> missing;
    std::vector<std::int8_t> directions;  // rows x horizonCount, DirectionClass or kMissingDirection; may be empty for inference
    std::vector<float> magnitudes;        // rows x horizonCount, NaN when unknown; may be empty for inference
};

// A feature matrix per series plus optional labels per horizon. Features may be NaN where no
// sample window reaches (warm-up rows); every window actually used must be finite.
struct SequenceDataset {
    QStringList featureNames;
    int horizonCount = 0;
    std::vector<SequenceSeries> series;

    int featureCount() const { return static_cast<int>(featureNames.size()); }
};

// One sample: the `windowLength` rows ending at, and including, `endRow` of `series`. Its labels
// are the labels stored on `endRow`.
struct SequenceRef {
    int series = 0;
    int endRow = 0;
};

// Throws std::invalid_argument when shapes disagree: feature/label array sizes, duplicate or empty
// feature names, or (with `requireLabels`, or when labels are present) a horizon count below 1.
// Inference datasets may leave the labels empty.
void validateDatasetShape(const SequenceDataset& dataset, bool requireLabels);

// Throws std::invalid_argument naming the series, row and feature of the first NaN/inf feature
// inside any window of `refs`, and of any window that starts before row 0 or ends past the series.
// With `checkLabels`, also rejects direction codes outside the classes and infinite magnitudes.
void requireFiniteWindows(const SequenceDataset& dataset, const std::vector<SequenceRef>& refs, int windowLength,
                          bool checkLabels);

// Every ref of every series whose whole window is finite, in series then row order: what a caller
// uses to pick valid samples before splitting them chronologically.
std::vector<SequenceRef> finiteWindowEnds(const SequenceDataset& dataset, int windowLength);

}  // namespace aegis::models
