#pragma once

#include <chrono>
#include <mutex>

namespace aegis::data {

// A thread-safe token bucket: `burst` requests may go at once, then `ratePerSecond` on average.
// Callers reserve a token and then wait the returned delay themselves (cancellably), so the lock is
// never held while sleeping and concurrent callers queue up in reservation order.
class TokenBucket {
public:
    using Clock = std::chrono::steady_clock;

    TokenBucket(double ratePerSecond, double burst);

    // The bucket every request to Yahoo and NSE passes through: 1 request/s, burst 3 unless reconfigured.
    static TokenBucket& global();

    // Changes the rate and refills the bucket. Throws std::invalid_argument for rate <= 0 or burst < 1.
    void configure(double ratePerSecond, double burst);
    double ratePerSecond() const;
    double burst() const;

    // Takes one token and returns how long the caller must wait before using it (zero when one was free).
    Clock::duration reserve();

private:
    void refill(Clock::time_point now);

    mutable std::mutex mutex_;
    double ratePerSecond_;
    double burst_;
    double tokens_;  // negative while callers are queued for tokens not yet refilled
    Clock::time_point lastRefill_;
};

}  // namespace aegis::data
