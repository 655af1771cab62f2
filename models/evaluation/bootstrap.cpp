#include "models/evaluation/bootstrap.h"

#include "models/evaluation/rank_metrics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

namespace aegis::models::evaluation {

namespace {

// Uniform integer in [0, bound) by rejection, so the draw sequence does not depend on the standard
// library's distribution implementation.
std::size_t uniformIndex(std::mt19937_64& engine, std::size_t bound)
{
    const std::uint64_t range = static_cast<std::uint64_t>(bound);
    const std::uint64_t limit = std::mt19937_64::max() - (std::mt19937_64::max() % range + 1) % range;
    std::uint64_t draw = engine();
    while (draw > limit)
        draw = engine();
    return static_cast<std::size_t>(draw % range);
}

class ResampleDrawer {
public:
    ResampleDrawer(std::size_t rowCount, int blockLength, std::span<const std::int64_t> rowTimes)
        : rowCount_(rowCount), blockLength_(static_cast<std::size_t>(blockLength))
    {
        if (blockLength_ == 0)
            return;
        if (rowTimes.size() != rowCount)
            throw std::invalid_argument("block bootstrap: row times have " + std::to_string(rowTimes.size()) +
                                        " entries, expected " + std::to_string(rowCount));
        std::map<std::int64_t, std::vector<std::size_t>> rowsByTime;
        for (std::size_t row = 0; row < rowCount; ++row)
            rowsByTime[rowTimes[row]].push_back(row);
        for (auto& [time, rows] : rowsByTime)
            rowsAtTime_.push_back(std::move(rows));
        if (blockLength_ >= rowsAtTime_.size())
            throw std::invalid_argument("block bootstrap: block length must be shorter than the number of distinct times (" +
                                        std::to_string(rowsAtTime_.size()) + ")");
    }

    void draw(std::mt19937_64& engine, std::vector<std::uint32_t>& multiplicity) const
    {
        std::fill(multiplicity.begin(), multiplicity.end(), 0U);
        if (blockLength_ == 0) {
            for (std::size_t draw = 0; draw < rowCount_; ++draw)
                ++multiplicity[uniformIndex(engine, rowCount_)];
            return;
        }
        const std::size_t timeCount = rowsAtTime_.size();
        const std::size_t possibleStarts = timeCount - blockLength_ + 1;
        for (std::size_t drawnTimes = 0; drawnTimes < timeCount; drawnTimes += blockLength_) {
            const std::size_t start = uniformIndex(engine, possibleStarts);
            for (std::size_t time = start; time < start + blockLength_; ++time) {
                for (std::size_t row : rowsAtTime_[time])
                    ++multiplicity[row];
            }
        }
    }

private:
    std::size_t rowCount_;
    std::size_t blockLength_;
    std::vector<std::vector<std::size_t>> rowsAtTime_;
};

// Linear interpolation between order statistics (the usual "type 7" sample quantile).
double sortedQuantile(const std::vector<double>& sorted, double level)
{
    const double position = level * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

void requireValidOptions(const BootstrapOptions& options)
{
    if (options.resamples < 2)
        throw std::invalid_argument("bootstrap: needs at least 2 resamples");
    if (!std::isfinite(options.confidenceLevel) || options.confidenceLevel <= 0.0 || options.confidenceLevel >= 1.0)
        throw std::invalid_argument("bootstrap: confidence level must be strictly between 0 and 1");
    if (options.blockLength < 0)
        throw std::invalid_argument("bootstrap: block length must not be negative");
}

}  // namespace

std::optional<BootstrapInterval> bootstrapPercentileInterval(
    std::size_t rowCount, const std::function<std::optional<double>(std::span<const std::uint32_t>)>& statistic,
    const BootstrapOptions& options, std::span<const std::int64_t> rowTimes)
{
    requireValidOptions(options);
    if (rowCount == 0)
        throw std::invalid_argument("bootstrap: no rows");
    const ResampleDrawer drawer(rowCount, options.blockLength, rowTimes);
    std::mt19937_64 engine(options.seed);
    std::vector<std::uint32_t> multiplicity(rowCount);
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(options.resamples));
    BootstrapInterval result;
    for (int resample = 0; resample < options.resamples; ++resample) {
        drawer.draw(engine, multiplicity);
        const std::optional<double> value = statistic(multiplicity);
        if (value)
            values.push_back(*value);
        else
            ++result.undefinedResamples;
    }
    result.usedResamples = static_cast<int>(values.size());
    if (2 * result.usedResamples <= options.resamples)
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const double tail = (1.0 - options.confidenceLevel) / 2.0;
    result.interval = {sortedQuantile(values, tail), sortedQuantile(values, 1.0 - tail)};
    return result;
}

std::optional<BootstrapInterval> bootstrapAucInterval(std::span<const double> scores, std::span<const int> labels,
                                                      const BootstrapOptions& options,
                                                      std::span<const std::int64_t> rowTimes)
{
    const WeightedAuc auc(scores, labels);
    return bootstrapPercentileInterval(
        scores.size(), [&auc](std::span<const std::uint32_t> multiplicity) { return auc.evaluate(multiplicity); },
        options, rowTimes);
}

std::optional<BootstrapInterval> bootstrapMeanInterval(std::span<const double> values, const BootstrapOptions& options,
                                                       std::span<const std::int64_t> rowTimes)
{
    for (const double value : values) {
        if (!std::isfinite(value))
            throw std::invalid_argument("mean interval: values must be finite");
    }
    return bootstrapPercentileInterval(
        values.size(),
        [&](std::span<const std::uint32_t> multiplicity) -> std::optional<double> {
            double total = 0.0;
            double drawn = 0.0;
            for (std::size_t row = 0; row < multiplicity.size(); ++row) {
                total += multiplicity[row] * values[row];
                drawn += multiplicity[row];
            }
            if (drawn == 0.0)
                return std::nullopt;
            return total / drawn;
        },
        options, rowTimes);
}

std::optional<BootstrapInterval> bootstrapSkillScoreInterval(std::span<const double> modelLosses,
                                                             std::span<const double> referenceLosses,
                                                             const BootstrapOptions& options,
                                                             std::span<const std::int64_t> rowTimes)
{
    if (modelLosses.size() != referenceLosses.size())
        throw std::invalid_argument("skill score interval: model and reference losses differ in length");
    for (std::size_t row = 0; row < modelLosses.size(); ++row) {
        if (!std::isfinite(modelLosses[row]) || !std::isfinite(referenceLosses[row]) || modelLosses[row] < 0.0 ||
            referenceLosses[row] < 0.0)
            throw std::invalid_argument("skill score interval: losses must be finite and non-negative");
    }
    return bootstrapPercentileInterval(
        modelLosses.size(),
        [&](std::span<const std::uint32_t> multiplicity) -> std::optional<double> {
            double model = 0.0;
            double reference = 0.0;
            for (std::size_t row = 0; row < multiplicity.size(); ++row) {
                model += multiplicity[row] * modelLosses[row];
                reference += multiplicity[row] * referenceLosses[row];
            }
            if (reference <= 0.0)
                return std::nullopt;
            return 1.0 - model / reference;
        },
        options, rowTimes);
}

std::optional<BootstrapInterval> bootstrapMacroAucInterval(const Eigen::MatrixXd& probabilities,
                                                           std::span<const int> labels, const BootstrapOptions& options,
                                                           std::span<const std::int64_t> rowTimes)
{
    const WeightedMacroOneVsRestAuc auc(probabilities, labels);
    return bootstrapPercentileInterval(
        labels.size(), [&auc](std::span<const std::uint32_t> multiplicity) { return auc.evaluate(multiplicity); },
        options, rowTimes);
}

}  // namespace aegis::models::evaluation
