#include "synthetic_data.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

namespace aegis::models::xgb::testing {

namespace {

FeatureMatrixF uniformFeatures(int rows, int cols, std::mt19937& rng)
{
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    FeatureMatrixF features(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            features(r, c) = uniform(rng);
    return features;
}

}  // namespace

Dataset separableBinary(int rows, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    Dataset data{uniformFeatures(rows, 5, rng), Eigen::VectorXd(rows)};
    for (int r = 0; r < rows; ++r)
        data.labels[r] = data.features(r, 0) + 0.5f * data.features(r, 1) > 0.0f ? 1.0 : 0.0;
    return data;
}

Dataset noiseBinary(int rows, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    Dataset data{uniformFeatures(rows, 5, rng), Eigen::VectorXd(rows)};
    std::bernoulli_distribution coin(0.5);
    for (int r = 0; r < rows; ++r)
        data.labels[r] = coin(rng) ? 1.0 : 0.0;
    return data;
}

Dataset threeClasses(int rows, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    Dataset data{uniformFeatures(rows, 4, rng), Eigen::VectorXd(rows)};
    for (int r = 0; r < rows; ++r)
        data.labels[r] = data.features(r, 0) < 0.0f ? 0.0 : (data.features(r, 1) > 0.0f ? 2.0 : 1.0);
    return data;
}

double heteroscedasticSigma(double x1) { return 0.2 + 0.8 * (x1 + 1.0); }

Dataset heteroscedastic(int rows, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    Dataset data{uniformFeatures(rows, 3, rng), Eigen::VectorXd(rows)};
    std::normal_distribution<double> noise(0.0, 1.0);
    for (int r = 0; r < rows; ++r)
        data.labels[r] = 2.0 * data.features(r, 0) + heteroscedasticSigma(data.features(r, 1)) * noise(rng);
    return data;
}

double areaUnderCurve(const Eigen::VectorXd& scores, const Eigen::VectorXd& labels)
{
    const auto n = static_cast<std::size_t>(scores.size());
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&scores](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    std::vector<double> ranks(n);
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j + 1 < n && scores[order[j + 1]] == scores[order[i]])
            ++j;
        const double midRank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (std::size_t k = i; k <= j; ++k)
            ranks[order[k]] = midRank;
        i = j + 1;
    }
    double positives = 0.0;
    double positiveRankSum = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        if (labels[i] > 0.5) {
            positives += 1.0;
            positiveRankSum += ranks[i];
        }
    const double negatives = static_cast<double>(n) - positives;
    return (positiveRankSum - positives * (positives + 1.0) / 2.0) / (positives * negatives);
}

}  // namespace aegis::models::xgb::testing
