#include "models/evaluation/isotonic_calibrator.h"

#include "models/evaluation/input_checks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace aegis::models::evaluation {

namespace {

struct Block {
    double weight = 0.0;
    double scoreSum = 0.0;
    double labelSum = 0.0;
    double lowestScore = 0.0;
    double highestScore = 0.0;

    double value() const { return labelSum / weight; }
    // Clamped so rounding in the mean can never push a centre past a neighbouring block's scores.
    double centre() const { return std::clamp(scoreSum / weight, lowestScore, highestScore); }
    void absorb(const Block& later)
    {
        weight += later.weight;
        scoreSum += later.scoreSum;
        labelSum += later.labelSum;
        highestScore = later.highestScore;
    }
};

// Equal scores must get one calibrated value, so ties are pooled before PAV ever sees them.
std::vector<Block> blocksOfEqualScores(std::span<const double> scores, std::span<const int> labels)
{
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });

    std::vector<Block> blocks;
    for (std::size_t position = 0; position < order.size();) {
        const double score = scores[order[position]];
        Block block;
        block.lowestScore = score;
        block.highestScore = score;
        for (; position < order.size() && scores[order[position]] == score; ++position) {
            block.weight += 1.0;
            block.scoreSum += score;
            block.labelSum += labels[order[position]];
        }
        blocks.push_back(block);
    }
    return blocks;
}

std::vector<Block> poolAdjacentViolators(const std::vector<Block>& tieBlocks)
{
    std::vector<Block> pooled;
    pooled.reserve(tieBlocks.size());
    for (const Block& block : tieBlocks) {
        pooled.push_back(block);
        while (pooled.size() > 1 && pooled[pooled.size() - 2].value() > pooled.back().value()) {
            const Block last = pooled.back();
            pooled.pop_back();
            pooled.back().absorb(last);
        }
    }
    return pooled;
}

void requireValidEpsilon(double epsilon)
{
    if (!std::isfinite(epsilon) || epsilon <= 0.0 || epsilon >= 0.5)
        throw std::invalid_argument("isotonic calibrator: epsilon must be in (0, 0.5)");
}

}  // namespace

IsotonicCalibrator::IsotonicCalibrator(std::vector<double> blockCentres, std::vector<double> blockValues, double epsilon)
    : blockCentres_(std::move(blockCentres)), blockValues_(std::move(blockValues)), epsilon_(epsilon)
{
    requireValidEpsilon(epsilon_);
    requireNonEmpty(blockCentres_.size(), "isotonic calibrator knots");
    requireSameLength(blockValues_.size(), blockCentres_.size(), "isotonic calibrator knot values");
    requireFinite(blockCentres_, "isotonic calibrator knot centres");
    requireProbabilities(blockValues_, "isotonic calibrator knot values");
    for (std::size_t i = 1; i < blockCentres_.size(); ++i) {
        if (!(blockCentres_[i] > blockCentres_[i - 1]))
            throw std::invalid_argument("isotonic calibrator: knot centres must be strictly increasing");
        if (blockValues_[i] < blockValues_[i - 1])
            throw std::invalid_argument("isotonic calibrator: knot values must be non-decreasing");
    }
}

IsotonicCalibrator IsotonicCalibrator::fit(std::span<const double> outOfFoldScores,
                                           std::span<const int> outOfFoldLabels, double epsilon)
{
    requireNonEmpty(outOfFoldScores.size(), "isotonic calibrator out-of-fold scores");
    requireSameLength(outOfFoldLabels.size(), outOfFoldScores.size(), "isotonic calibrator out-of-fold labels");
    requireFinite(outOfFoldScores, "isotonic calibrator out-of-fold scores");
    requireBinaryLabels(outOfFoldLabels, "isotonic calibrator out-of-fold labels");
    requireValidEpsilon(epsilon);

    const std::vector<Block> pooled = poolAdjacentViolators(blocksOfEqualScores(outOfFoldScores, outOfFoldLabels));
    std::vector<double> centres;
    std::vector<double> values;
    centres.reserve(pooled.size());
    values.reserve(pooled.size());
    for (const Block& block : pooled) {
        centres.push_back(block.centre());
        values.push_back(block.value());
    }
    return IsotonicCalibrator(std::move(centres), std::move(values), epsilon);
}

double IsotonicCalibrator::calibrate(double score) const
{
    if (std::isnan(score))
        throw std::invalid_argument("isotonic calibrator: score is NaN");
    double value = 0.0;
    if (score <= blockCentres_.front()) {
        value = blockValues_.front();
    } else if (score >= blockCentres_.back()) {
        value = blockValues_.back();
    } else {
        const auto upper = std::upper_bound(blockCentres_.begin(), blockCentres_.end(), score);
        const std::size_t right = static_cast<std::size_t>(upper - blockCentres_.begin());
        const std::size_t left = right - 1;
        const double fraction = (score - blockCentres_[left]) / (blockCentres_[right] - blockCentres_[left]);
        value = blockValues_[left] + fraction * (blockValues_[right] - blockValues_[left]);
    }
    return std::clamp(value, epsilon_, 1.0 - epsilon_);
}

std::vector<double> IsotonicCalibrator::calibrate(std::span<const double> scores) const
{
    requireFinite(scores, "isotonic calibrator scores");
    std::vector<double> calibrated;
    calibrated.reserve(scores.size());
    for (double score : scores)
        calibrated.push_back(calibrate(score));
    return calibrated;
}

nlohmann::json IsotonicCalibrator::toJson() const
{
    return {{"method", "isotonic"},
            {"epsilon", epsilon_},
            {"block_centres", blockCentres_},
            {"block_values", blockValues_}};
}

IsotonicCalibrator IsotonicCalibrator::fromJson(const nlohmann::json& json)
{
    if (!json.is_object() || json.value("method", "") != "isotonic")
        throw std::invalid_argument("isotonic calibrator JSON: expected an object with method \"isotonic\"");
    try {
        return IsotonicCalibrator(json.at("block_centres").get<std::vector<double>>(),
                                  json.at("block_values").get<std::vector<double>>(), json.at("epsilon").get<double>());
    } catch (const nlohmann::json::exception& error) {
        throw std::invalid_argument(std::string("isotonic calibrator JSON: ") + error.what());
    }
}

}  // namespace aegis::models::evaluation
