#include "models/bilstm/sequence_dataset.h"

#include <QSet>

#include <cmath>
#include <stdexcept>
#include <string>

namespace aegis::models {
namespace {

std::string describeRow(int series, int row) { return "series " + std::to_string(series) + ", row " + std::to_string(row); }

}  // namespace

void validateDatasetShape(const SequenceDataset& dataset, bool requireLabels)
{
    if (dataset.featureNames.isEmpty())
        throw std::invalid_argument("sequence dataset has no features");
    const QSet<QString> unique(dataset.featureNames.begin(), dataset.featureNames.end());
    if (unique.size() != dataset.featureNames.size() || unique.contains(QString()))
        throw std::invalid_argument("sequence dataset feature names must be unique and non-empty");
    if (requireLabels && dataset.horizonCount < 1)
        throw std::invalid_argument("sequence dataset needs at least one horizon");
    const auto featureCount = static_cast<std::size_t>(dataset.featureCount());
    const auto horizonCount = static_cast<std::size_t>(dataset.horizonCount);
    for (std::size_t index = 0; index < dataset.series.size(); ++index) {
        const SequenceSeries& series = dataset.series[index];
        const auto rows = static_cast<std::size_t>(std::max(series.rows, 0));
        const std::string name = "series " + std::to_string(index);
        if (series.rows < 0 || series.features.size() != rows * featureCount)
            throw std::invalid_argument(name + " has " + std::to_string(series.features.size()) +
                                        " feature values, expected rows x features = " +
                                        std::to_string(rows * featureCount));
        if (!series.missing.empty() && series.missing.size() != series.features.size())
            throw std::invalid_argument(name + " has a missing mask of " + std::to_string(series.missing.size()) +
                                        " values, expected one per feature value");
        const bool hasLabels = !series.directions.empty() || !series.magnitudes.empty();
        if (!requireLabels && !hasLabels)
            continue;
        if (dataset.horizonCount < 1)
            throw std::invalid_argument(name + " carries labels but the dataset declares no horizon");
        if (series.directions.size() != rows * horizonCount || series.magnitudes.size() != rows * horizonCount)
            throw std::invalid_argument(name + " label arrays must hold rows x horizons = " +
                                        std::to_string(rows * horizonCount) + " values each");
    }
}

void requireFiniteWindows(const SequenceDataset& dataset, const std::vector<SequenceRef>& refs, int windowLength,
                          bool checkLabels)
{
    if (windowLength < 1)
        throw std::invalid_argument("window length must be at least 1");
    const int featureCount = dataset.featureCount();
    // Windows overlap heavily: check each referenced row once.
    std::vector<std::vector<bool>> checked(dataset.series.size());
    for (const SequenceRef& ref : refs) {
        if (ref.series < 0 || static_cast<std::size_t>(ref.series) >= dataset.series.size())
            throw std::invalid_argument("sample refers to series " + std::to_string(ref.series) +
                                        ", the dataset has " + std::to_string(dataset.series.size()));
        const SequenceSeries& series = dataset.series[static_cast<std::size_t>(ref.series)];
        const int firstRow = ref.endRow - windowLength + 1;
        if (firstRow < 0 || ref.endRow >= series.rows)
            throw std::invalid_argument("sample window ending at " + describeRow(ref.series, ref.endRow) + " needs rows " +
                                        std::to_string(firstRow) + ".." + std::to_string(ref.endRow) +
                                        " but the series has rows 0.." + std::to_string(series.rows - 1));
        std::vector<bool>& seen = checked[static_cast<std::size_t>(ref.series)];
        seen.resize(static_cast<std::size_t>(series.rows), false);
        for (int row = firstRow; row <= ref.endRow; ++row) {
            if (seen[static_cast<std::size_t>(row)])
                continue;
            seen[static_cast<std::size_t>(row)] = true;
            const float* values = series.features.data() + static_cast<std::ptrdiff_t>(row) * featureCount;
            for (int feature = 0; feature < featureCount; ++feature)
                if (!std::isfinite(values[feature]))
                    throw std::invalid_argument("non-finite input (" + std::to_string(values[feature]) + ") in feature '" +
                                                dataset.featureNames[feature].toStdString() + "' at " +
                                                describeRow(ref.series, row) + "; NaN/inf never reaches the BiLSTM");
        }
        if (!checkLabels)
            continue;
        for (int horizon = 0; horizon < dataset.horizonCount; ++horizon) {
            const auto index = static_cast<std::size_t>(ref.endRow) * static_cast<std::size_t>(dataset.horizonCount) +
                               static_cast<std::size_t>(horizon);
            const std::int8_t direction = series.directions[index];
            if (direction != kMissingDirection && (direction < 0 || direction >= kDirectionClassCount))
                throw std::invalid_argument("direction label " + std::to_string(direction) + " at " +
                                            describeRow(ref.series, ref.endRow) + ", horizon " + std::to_string(horizon) +
                                            " is not DOWN(0), NEUTRAL(1), UP(2) or missing(-1)");
            if (std::isinf(series.magnitudes[index]))
                throw std::invalid_argument("infinite magnitude label at " + describeRow(ref.series, ref.endRow) +
                                            ", horizon " + std::to_string(horizon));
        }
    }
}

std::vector<SequenceRef> finiteWindowEnds(const SequenceDataset& dataset, int windowLength)
{
    std::vector<SequenceRef> refs;
    const int featureCount = dataset.featureCount();
    for (std::size_t index = 0; index < dataset.series.size(); ++index) {
        const SequenceSeries& series = dataset.series[index];
        int finiteRun = 0;  // consecutive finite rows ending at `row`
        for (int row = 0; row < series.rows; ++row) {
            const float* values = series.features.data() + static_cast<std::ptrdiff_t>(row) * featureCount;
            bool finite = true;
            for (int feature = 0; feature < featureCount && finite; ++feature)
                finite = std::isfinite(values[feature]);
            finiteRun = finite ? finiteRun + 1 : 0;
            if (finiteRun >= windowLength)
                refs.push_back({static_cast<int>(index), row});
        }
    }
    return refs;
}

}  // namespace aegis::models
