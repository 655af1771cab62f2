#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

// Seeded synthetic samples for the evaluation tests: every test sees the same numbers on every run.
namespace aegis::models::evaluation::testing {

inline double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

class SyntheticSource {
public:
    explicit SyntheticSource(std::uint64_t seed) : engine_(seed) {}

    double normal(double mean = 0.0, double sd = 1.0) { return std::normal_distribution<double>(mean, sd)(engine_); }
    double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }
    int bernoulli(double p) { return uniform() < p ? 1 : 0; }

    std::vector<double> normals(std::size_t n, double mean = 0.0, double sd = 1.0)
    {
        std::vector<double> values(n);
        for (double& value : values)
            value = normal(mean, sd);
        return values;
    }

private:
    std::mt19937_64 engine_;
};

// x ~ N(0, 1), label ~ Bernoulli(sigmoid(x)), reported = sigmoid(3x): over-confident by a factor of 3
// on the logit scale, so perfect Platt scaling is a = 1/3, b = 0.
struct MiscalibratedSample {
    std::vector<double> reported;
    std::vector<int> labels;
};

inline MiscalibratedSample overconfidentSample(std::size_t n, std::uint64_t seed)
{
    SyntheticSource source(seed);
    MiscalibratedSample sample;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = source.normal();
        sample.labels.push_back(source.bernoulli(sigmoid(x)));
        sample.reported.push_back(sigmoid(3.0 * x));
    }
    return sample;
}

}  // namespace aegis::models::evaluation::testing
