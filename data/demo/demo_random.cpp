#include "data/demo/demo_random.h"

#include <QByteArray>

#include <cmath>
#include <numbers>

namespace aegis::data::demo {

namespace {

std::uint64_t splitMix64(std::uint64_t& state)
{
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t fnv1a64(const QByteArray& bytes)
{
    std::uint64_t hash = 0xCBF29CE484222325ULL;
    for (const char byte : bytes) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= 0x100000001B3ULL;
    }
    return hash;
}

std::uint64_t rotateLeft(std::uint64_t value, int bits)
{
    return (value << bits) | (value >> (64 - bits));
}

}  // namespace

DemoRandom::DemoRandom(std::uint64_t seed, const QString& purpose)
{
    std::uint64_t mixer = seed ^ rotateLeft(fnv1a64(purpose.toUtf8()), 17);
    for (auto& word : state_)
        word = splitMix64(mixer);
}

std::uint64_t DemoRandom::nextBits()
{
    const std::uint64_t result = rotateLeft(state_[1] * 5, 7) * 9;
    const std::uint64_t shifted = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= shifted;
    state_[3] = rotateLeft(state_[3], 45);
    return result;
}

double DemoRandom::uniform()
{
    // 53 random bits, offset by half a step so the result is strictly inside (0, 1).
    return (static_cast<double>(nextBits() >> 11) + 0.5) * 0x1.0p-53;
}

double DemoRandom::uniform(double low, double high)
{
    return low + (high - low) * uniform();
}

double DemoRandom::normal()
{
    if (hasSpareNormal_) {
        hasSpareNormal_ = false;
        return spareNormal_;
    }
    const double radius = std::sqrt(-2.0 * std::log(uniform()));
    const double angle = 2.0 * std::numbers::pi * uniform();
    spareNormal_ = radius * std::sin(angle);
    hasSpareNormal_ = true;
    return radius * std::cos(angle);
}

double DemoRandom::studentT3UnitVariance()
{
    const double numerator = normal();
    double chiSquare = 0.0;
    for (int i = 0; i < 3; ++i) {
        const double z = normal();
        chiSquare += z * z;
    }
    // t3 = Z / sqrt(chi2_3 / 3) has variance 3; dividing by sqrt(3) leaves Z / sqrt(chi2_3).
    return numerator / std::sqrt(chiSquare);
}

bool DemoRandom::bernoulli(double probability)
{
    return uniform() < probability;
}

}  // namespace aegis::data::demo
