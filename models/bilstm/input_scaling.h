#pragma once

#include "models/bilstm/sequence_dataset.h"

#include <QJsonObject>

#include <cstdint>
#include <vector>

namespace aegis::models {

// Per-feature standardisation that one outlier cannot stretch: values are first clamped to the
// [0.5%, 99.5%] quantiles of the training rows, then z = (clamped - mean) / std with mean and std
// of the clamped training values, and finally z is clipped to +-kClipZ. A constant feature gets
// std 1, so it maps to 0. Values the series' missing mask marks are left out of the fit and scale
// to 0, the training mean; a feature never known maps to 0 throughout.
struct FeatureScaler {
    static constexpr double kLowerQuantile = 0.005;
    static constexpr double kUpperQuantile = 0.995;
    static constexpr double kClipZ = 5.0;

    std::vector<double> lower, upper, mean, scale;

    // Fitted on the rows covered by `trainingRefs` windows only (each row once).
    static FeatureScaler fit(const SequenceDataset& dataset, const std::vector<SequenceRef>& trainingRefs,
                             int windowLength);

    int featureCount() const { return static_cast<int>(mean.size()); }
    // Scales one row of `featureCount()` values into `out`; `missing` (the row's mask, or null when
    // every value is known) marks the values that become 0.
    void scaleRow(const float* in, const std::uint8_t* missing, float* out) const;

    QJsonObject toJson() const;
    // Throws std::runtime_error when a field is missing, sizes disagree or a value is not finite.
    static FeatureScaler fromJson(const QJsonObject& json, int expectedFeatureCount);
};

// Magnitude targets are regressed in standard units per horizon (moves at t+40 are several times
// those at t+1) and mapped back for predictions. Horizons without training labels keep mean 0, std 1.
struct MagnitudeScaling {
    std::vector<double> mean, scale;

    static MagnitudeScaling fit(const SequenceDataset& dataset, const std::vector<SequenceRef>& trainingRefs);

    QJsonObject toJson() const;
    static MagnitudeScaling fromJson(const QJsonObject& json, int expectedHorizonCount);
};

}  // namespace aegis::models
