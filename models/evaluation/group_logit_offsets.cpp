#include "models/evaluation/group_logit_offsets.h"

#include "models/evaluation/input_checks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aegis::models::evaluation {

namespace {

// Forecasts of exactly 0 or 1 would have infinite logits; the booster's never are.
constexpr double kProbabilityFloor = 1e-6;
constexpr int kMaxNewtonSteps = 50;
constexpr double kNewtonTolerance = 1e-10;
// One Newton step is capped: far from the optimum the curvature can be tiny.
constexpr double kMaxNewtonStep = 2.0;

double logit(double probability)
{
    const double p = std::clamp(probability, kProbabilityFloor, 1.0 - kProbabilityFloor);
    return std::log(p / (1.0 - p));
}

double logistic(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

void requireForecast(const GroupForecast& forecast)
{
    if (!std::isfinite(forecast.probability) || forecast.probability < 0.0 || forecast.probability > 1.0)
        throw std::invalid_argument("group offsets: probability of " + forecast.group + " outside [0, 1]");
    if (forecast.outcome != 0 && forecast.outcome != 1)
        throw std::invalid_argument("group offsets: outcome of " + forecast.group + " is not 0 or 1");
}

GroupOffset fitGroup(const std::vector<const GroupForecast*>& forecasts, int blockLength)
{
    GroupOffset result;
    result.forecasts = forecasts.size();
    const auto positives = std::count_if(forecasts.begin(), forecasts.end(), [](const GroupForecast* f) { return f->outcome == 1; });
    if (positives == 0 || std::size_t(positives) == forecasts.size())
        return result;  // the likelihood has no finite maximum

    std::vector<double> logits;
    logits.reserve(forecasts.size());
    for (const GroupForecast* forecast : forecasts)
        logits.push_back(logit(forecast->probability));
    double offset = 0.0;
    double information = 0.0;
    for (int step = 0; step < kMaxNewtonSteps; ++step) {
        double score = 0.0;
        information = 0.0;
        for (std::size_t i = 0; i < forecasts.size(); ++i) {
            const double p = logistic(logits[i] + offset);
            score += forecasts[i]->outcome - p;
            information += p * (1.0 - p);
        }
        if (information <= 0.0)
            return result;
        const double change = std::clamp(score / information, -kMaxNewtonStep, kMaxNewtonStep);
        offset += change;
        if (std::abs(change) < kNewtonTolerance)
            break;
    }

    std::map<std::int64_t, double> blockScores;
    information = 0.0;
    for (std::size_t i = 0; i < forecasts.size(); ++i) {
        const double p = logistic(logits[i] + offset);
        blockScores[forecasts[i]->time / blockLength] += forecasts[i]->outcome - p;
        information += p * (1.0 - p);
    }
    result.fitted = offset;
    const double blocks = double(blockScores.size());
    if (blocks < 2.0)
        return result;
    double squares = 0.0;
    for (const auto& [block, score] : blockScores)
        squares += score * score;
    result.standardError = std::sqrt(squares * blocks / (blocks - 1.0)) / information;
    return result;
}

}  // namespace

GroupLogitOffsets GroupLogitOffsets::fit(std::span<const GroupForecast> forecasts, int blockLength, const GroupFamilies& familyOf,
                                         AllowedShift allowed)
{
    if (blockLength < 1)
        throw std::invalid_argument("group offsets: block length must be at least 1");
    std::map<std::string, std::vector<const GroupForecast*>, std::less<>> byGroup;
    for (const GroupForecast& forecast : forecasts) {
        requireForecast(forecast);
        byGroup[forecast.group].push_back(&forecast);
    }
    GroupLogitOffsets offsets;
    for (const auto& [group, members] : byGroup) {
        GroupOffset offset = fitGroup(members, blockLength);
        const auto family = familyOf.find(group);
        offset.family = family == familyOf.end() ? std::string() : family->second;
        offsets.groups_[group] = std::move(offset);
    }

    // τ² per family by the method of moments: E[δ̂²] = τ² + se² when the family's true shifts scatter
    // around 0 with variance τ² (the pooled model is calibrated over the pool).
    std::map<std::string, std::pair<double, int>, std::less<>> excessSquares;
    for (const auto& [group, offset] : offsets.groups_) {
        auto& [sum, measured] = excessSquares[offset.family];
        if (offset.standardError > 0.0) {
            sum += offset.fitted * offset.fitted - offset.standardError * offset.standardError;
            ++measured;
        }
    }
    std::map<std::string, double, std::less<>> spreads;
    for (const auto& [family, moments] : excessSquares) {
        spreads[family] = moments.second > 0 ? std::max(0.0, moments.first / moments.second) : 0.0;
        offsets.familySds_[family] = std::sqrt(spreads[family]);
    }
    for (auto& [group, offset] : offsets.groups_) {
        const double spread = spreads.at(offset.family);
        const bool permitted = allowed == AllowedShift::Either || offset.fitted > 0.0;
        if (offset.standardError > 0.0 && spread > 0.0 && permitted)
            offset.applied = offset.fitted * spread / (spread + offset.standardError * offset.standardError);
    }
    return offsets;
}

double GroupLogitOffsets::betweenGroupSd(std::string_view family) const
{
    const auto found = familySds_.find(family);
    return found == familySds_.end() ? 0.0 : found->second;
}

double GroupLogitOffsets::offset(std::string_view group) const
{
    const auto found = groups_.find(group);
    return found == groups_.end() ? 0.0 : found->second.applied;
}

double GroupLogitOffsets::apply(std::string_view group, double probability) const
{
    requireProbabilities(std::span<const double>(&probability, 1), "group offsets: probability");
    const double shift = offset(group);
    return shift == 0.0 ? probability : logistic(logit(probability) + shift);
}

nlohmann::json GroupLogitOffsets::toJson() const
{
    nlohmann::json groups = nlohmann::json::object();
    for (const auto& [group, offset] : groups_) {
        groups[group] = {{"offset", offset.applied},
                         {"fitted", offset.fitted},
                         {"standard_error", offset.standardError},
                         {"forecasts", offset.forecasts},
                         {"family", offset.family}};
    }
    return {{"between_group_sd", familySds_}, {"groups", groups}};
}

GroupLogitOffsets GroupLogitOffsets::fromJson(const nlohmann::json& json)
{
    if (!json.is_object() || !json.contains("groups") || !json.at("groups").is_object() || !json.contains("between_group_sd")
        || !json.at("between_group_sd").is_object())
        throw std::invalid_argument("group offsets JSON: expected {\"between_group_sd\": {family: sd}, \"groups\": {group: {...}}}");
    GroupLogitOffsets offsets;
    for (const auto& [family, sd] : json.at("between_group_sd").items()) {
        if (!sd.is_number() || !std::isfinite(sd.get<double>()) || sd.get<double>() < 0.0)
            throw std::invalid_argument("group offsets JSON: between_group_sd of \"" + family + "\" must be finite and non-negative");
        offsets.familySds_[family] = sd.get<double>();
    }
    for (const auto& [group, entry] : json.at("groups").items()) {
        GroupOffset offset;
        try {
            offset.applied = entry.at("offset").get<double>();
            offset.fitted = entry.at("fitted").get<double>();
            offset.standardError = entry.at("standard_error").get<double>();
            offset.forecasts = entry.at("forecasts").get<std::size_t>();
            offset.family = entry.at("family").get<std::string>();
        } catch (const nlohmann::json::exception& error) {
            throw std::invalid_argument("group offsets JSON: entry of " + group + ": " + error.what());
        }
        if (!std::isfinite(offset.applied) || !std::isfinite(offset.fitted) || !std::isfinite(offset.standardError))
            throw std::invalid_argument("group offsets JSON: non-finite offset for " + group);
        offsets.groups_[group] = offset;
    }
    return offsets;
}

}  // namespace aegis::models::evaluation
