#pragma once

#include <atomic>

namespace aegis::data {

// Set from any thread (a Cancel button, SIGINT); network waits poll it every few tens of milliseconds.
class CancellationToken {
public:
    void cancel() noexcept { cancelled_.store(true, std::memory_order_relaxed); }
    bool isCancelled() const noexcept { return cancelled_.load(std::memory_order_relaxed); }

    // A token nobody can set, for callers that never cancel.
    static const CancellationToken& never()
    {
        static const CancellationToken token;
        return token;
    }

private:
    std::atomic<bool> cancelled_{false};
};

}  // namespace aegis::data
