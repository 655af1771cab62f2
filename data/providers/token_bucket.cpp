#include "data/providers/token_bucket.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace aegis::data {

namespace {

void checkParameters(double ratePerSecond, double burst)
{
    if (!(std::isfinite(ratePerSecond) && ratePerSecond > 0.0))
        throw std::invalid_argument("token bucket rate must be a positive number of requests per second, got "
                                    + std::to_string(ratePerSecond));
    if (!(std::isfinite(burst) && burst >= 1.0))
        throw std::invalid_argument("token bucket burst must be at least 1, got " + std::to_string(burst));
}

}  // namespace

TokenBucket::TokenBucket(double ratePerSecond, double burst)
    : ratePerSecond_(ratePerSecond), burst_(burst), tokens_(burst), lastRefill_(Clock::now())
{
    checkParameters(ratePerSecond, burst);
}

TokenBucket& TokenBucket::global()
{
    static TokenBucket bucket(1.0, 3.0);
    return bucket;
}

void TokenBucket::configure(double ratePerSecond, double burst)
{
    checkParameters(ratePerSecond, burst);
    const std::lock_guard lock(mutex_);
    ratePerSecond_ = ratePerSecond;
    burst_ = burst;
    tokens_ = burst;
    lastRefill_ = Clock::now();
}

double TokenBucket::ratePerSecond() const
{
    const std::lock_guard lock(mutex_);
    return ratePerSecond_;
}

double TokenBucket::burst() const
{
    const std::lock_guard lock(mutex_);
    return burst_;
}

void TokenBucket::refill(Clock::time_point now)
{
    const double elapsedSeconds = std::chrono::duration<double>(now - lastRefill_).count();
    tokens_ = std::min(burst_, tokens_ + elapsedSeconds * ratePerSecond_);
    lastRefill_ = now;
}

TokenBucket::Clock::duration TokenBucket::reserve()
{
    const std::lock_guard lock(mutex_);
    refill(Clock::now());
    tokens_ -= 1.0;
    if (tokens_ >= 0.0)
        return Clock::duration::zero();
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(-tokens_ / ratePerSecond_));
}

}  // namespace aegis::data
