#include "models/bilstm/input_scaling.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aegis::models {
namespace {

constexpr double kMinimumScale = 1e-12;

double quantileInPlace(std::vector<double>& values, double probability)
{
    const auto position = static_cast<std::ptrdiff_t>(std::floor(probability * static_cast<double>(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + position, values.end());
    return values[static_cast<std::size_t>(position)];
}

QJsonArray toArray(const std::vector<double>& values)
{
    QJsonArray array;
    for (double value : values)
        array.append(value);
    return array;
}

std::vector<double> finiteArray(const QJsonObject& json, const char* key, int expectedSize)
{
    const QJsonArray array = json.value(QLatin1String(key)).toArray();
    if (array.size() != expectedSize)
        throw std::runtime_error(std::string("scaler field '") + key + "' has " + std::to_string(array.size()) +
                                 " values, expected " + std::to_string(expectedSize));
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(expectedSize));
    for (const QJsonValue& value : array) {
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            throw std::runtime_error(std::string("scaler field '") + key + "' holds a non-finite value");
        values.push_back(value.toDouble());
    }
    return values;
}

void requirePositive(const std::vector<double>& scale, const char* what)
{
    for (double value : scale)
        if (!(value > 0))
            throw std::runtime_error(std::string(what) + " scale must be positive");
}

}  // namespace

FeatureScaler FeatureScaler::fit(const SequenceDataset& dataset, const std::vector<SequenceRef>& trainingRefs,
                                 int windowLength)
{
    const int featureCount = dataset.featureCount();
    std::vector<std::vector<bool>> covered(dataset.series.size());
    std::vector<std::vector<double>> columns(static_cast<std::size_t>(featureCount));
    for (const SequenceRef& ref : trainingRefs) {
        const SequenceSeries& series = dataset.series[static_cast<std::size_t>(ref.series)];
        std::vector<bool>& seen = covered[static_cast<std::size_t>(ref.series)];
        seen.resize(static_cast<std::size_t>(series.rows), false);
        for (int row = ref.endRow - windowLength + 1; row <= ref.endRow; ++row) {
            if (seen[static_cast<std::size_t>(row)])
                continue;
            seen[static_cast<std::size_t>(row)] = true;
            const float* values = series.features.data() + static_cast<std::ptrdiff_t>(row) * featureCount;
            const std::uint8_t* missing =
                series.missing.empty() ? nullptr : series.missing.data() + static_cast<std::ptrdiff_t>(row) * featureCount;
            for (int feature = 0; feature < featureCount; ++feature) {
                if (!missing || !missing[feature])
                    columns[static_cast<std::size_t>(feature)].push_back(values[feature]);
            }
        }
    }
    if (trainingRefs.empty() || columns.empty())
        throw std::invalid_argument("cannot fit the input scaler: no training rows");

    FeatureScaler scaler;
    for (std::vector<double>& column : columns) {
        if (column.empty()) {  // never known in the training rows: always the neutral 0
            scaler.lower.push_back(0.0);
            scaler.upper.push_back(0.0);
            scaler.mean.push_back(0.0);
            scaler.scale.push_back(1.0);
            continue;
        }
        const double low = quantileInPlace(column, kLowerQuantile);
        const double high = quantileInPlace(column, kUpperQuantile);
        double sum = 0;
        for (double& value : column) {
            value = std::clamp(value, low, high);
            sum += value;
        }
        const double mean = sum / static_cast<double>(column.size());
        double squares = 0;
        for (double value : column)
            squares += (value - mean) * (value - mean);
        const double deviation = std::sqrt(squares / static_cast<double>(column.size()));
        scaler.lower.push_back(low);
        scaler.upper.push_back(high);
        scaler.mean.push_back(mean);
        scaler.scale.push_back(deviation > kMinimumScale ? deviation : 1.0);
    }
    return scaler;
}

void FeatureScaler::scaleRow(const float* in, const std::uint8_t* missing, float* out) const
{
    for (std::size_t feature = 0; feature < mean.size(); ++feature) {
        if (missing && missing[feature]) {
            out[feature] = 0.0f;
            continue;
        }
        const double clamped = std::clamp(static_cast<double>(in[feature]), lower[feature], upper[feature]);
        const double z = (clamped - mean[feature]) / scale[feature];
        out[feature] = static_cast<float>(std::clamp(z, -kClipZ, kClipZ));
    }
}

QJsonObject FeatureScaler::toJson() const
{
    return QJsonObject{{QStringLiteral("method"), QStringLiteral("quantile-clamped z-score")},
                       {QStringLiteral("lower_quantile"), kLowerQuantile},
                       {QStringLiteral("upper_quantile"), kUpperQuantile},
                       {QStringLiteral("clip_z"), kClipZ},
                       {QStringLiteral("lower"), toArray(lower)},
                       {QStringLiteral("upper"), toArray(upper)},
                       {QStringLiteral("mean"), toArray(mean)},
                       {QStringLiteral("scale"), toArray(scale)}};
}

FeatureScaler FeatureScaler::fromJson(const QJsonObject& json, int expectedFeatureCount)
{
    FeatureScaler scaler;
    scaler.lower = finiteArray(json, "lower", expectedFeatureCount);
    scaler.upper = finiteArray(json, "upper", expectedFeatureCount);
    scaler.mean = finiteArray(json, "mean", expectedFeatureCount);
    scaler.scale = finiteArray(json, "scale", expectedFeatureCount);
    requirePositive(scaler.scale, "feature");
    for (int feature = 0; feature < expectedFeatureCount; ++feature)
        if (scaler.lower[static_cast<std::size_t>(feature)] > scaler.upper[static_cast<std::size_t>(feature)])
            throw std::runtime_error("feature scaler bounds are inverted for feature " + std::to_string(feature));
    return scaler;
}

MagnitudeScaling MagnitudeScaling::fit(const SequenceDataset& dataset, const std::vector<SequenceRef>& trainingRefs)
{
    const auto horizonCount = static_cast<std::size_t>(dataset.horizonCount);
    std::vector<double> sum(horizonCount, 0.0), squares(horizonCount, 0.0), count(horizonCount, 0.0);
    for (const SequenceRef& ref : trainingRefs) {
        const SequenceSeries& series = dataset.series[static_cast<std::size_t>(ref.series)];
        for (std::size_t horizon = 0; horizon < horizonCount; ++horizon) {
            const float value = series.magnitudes[static_cast<std::size_t>(ref.endRow) * horizonCount + horizon];
            if (std::isnan(value))
                continue;
            sum[horizon] += value;
            squares[horizon] += static_cast<double>(value) * value;
            count[horizon] += 1;
        }
    }
    MagnitudeScaling scaling;
    for (std::size_t horizon = 0; horizon < horizonCount; ++horizon) {
        if (count[horizon] < 2) {
            scaling.mean.push_back(0.0);
            scaling.scale.push_back(1.0);
            continue;
        }
        const double mean = sum[horizon] / count[horizon];
        const double variance = std::max(0.0, squares[horizon] / count[horizon] - mean * mean);
        scaling.mean.push_back(mean);
        scaling.scale.push_back(std::sqrt(variance) > kMinimumScale ? std::sqrt(variance) : 1.0);
    }
    return scaling;
}

QJsonObject MagnitudeScaling::toJson() const
{
    return QJsonObject{{QStringLiteral("mean"), toArray(mean)}, {QStringLiteral("scale"), toArray(scale)}};
}

MagnitudeScaling MagnitudeScaling::fromJson(const QJsonObject& json, int expectedHorizonCount)
{
    MagnitudeScaling scaling;
    scaling.mean = finiteArray(json, "mean", expectedHorizonCount);
    scaling.scale = finiteArray(json, "scale", expectedHorizonCount);
    requirePositive(scaling.scale, "magnitude");
    return scaling;
}

}  // namespace aegis::models
