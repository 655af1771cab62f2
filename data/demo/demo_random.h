#pragma once

// The DEMO market's random numbers: xoshiro256** seeded through SplitMix64, with our own normal and
// Student-t draws. The standard library's distributions are not specified bit-for-bit, so a seed
// would give different markets on different standard libraries; these give the same ones.

#include <QString>

#include <cstdint>

namespace aegis::data::demo {

class DemoRandom {
public:
    // One independent stream per (seed, purpose): each series draws from its own stream, so adding
    // or removing a ticker leaves every other ticker's numbers unchanged.
    DemoRandom(std::uint64_t seed, const QString& purpose);

    std::uint64_t nextBits();
    double uniform();                        // in (0, 1), never 0 or 1
    double uniform(double low, double high);
    double normal();                         // standard normal (Box–Muller)
    double studentT3UnitVariance();          // Student-t with 3 degrees of freedom, scaled to variance 1
    bool bernoulli(double probability);

private:
    std::uint64_t state_[4];
    double spareNormal_ = 0.0;
    bool hasSpareNormal_ = false;
};

}  // namespace aegis::data::demo
