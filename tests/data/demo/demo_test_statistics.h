#pragma once

// Small statistics the DEMO tests compute on generated bars: log returns, Pearson correlation, and
// the ROC AUC of a score for a binary label (rank formula, ties averaged).

#include "data/core/market_types.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

namespace demo_test {

inline std::vector<double> logReturns(const std::vector<aegis::data::Bar>& bars)
{
    std::vector<double> returns;
    for (std::size_t t = 1; t < bars.size(); ++t)
        returns.push_back(std::log(bars[t].close / bars[t - 1].close));
    return returns;
}

inline double correlation(const std::vector<double>& x, const std::vector<double>& y)
{
    const double n = static_cast<double>(x.size());
    const double meanX = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double meanY = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - meanX) * (y[i] - meanY);
        sxx += (x[i] - meanX) * (x[i] - meanX);
        syy += (y[i] - meanY) * (y[i] - meanY);
    }
    return sxy / std::sqrt(sxx * syy);
}

inline double lagOneCorrelation(const std::vector<double>& returns)
{
    return correlation(std::vector<double>(returns.begin(), returns.end() - 1),
                       std::vector<double>(returns.begin() + 1, returns.end()));
}

// P(score of a random positive > score of a random negative), ties counting one half.
inline double rocAuc(const std::vector<std::pair<double, bool>>& scoredLabels)
{
    std::vector<std::pair<double, bool>> sorted = scoredLabels;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    double positiveRankSum = 0.0, positives = 0.0;
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t j = i;
        while (j < sorted.size() && sorted[j].first == sorted[i].first)
            ++j;
        const double averageRank = 0.5 * static_cast<double>(i + 1 + j);  // ranks i+1..j
        for (std::size_t k = i; k < j; ++k) {
            if (sorted[k].second) {
                positiveRankSum += averageRank;
                positives += 1.0;
            }
        }
        i = j;
    }
    const double negatives = static_cast<double>(sorted.size()) - positives;
    return (positiveRankSum - positives * (positives + 1.0) / 2.0) / (positives * negatives);
}

}  // namespace demo_test
