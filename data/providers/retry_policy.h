#pragma once

// When and how long to wait before retrying a request: exponential backoff with full jitter, unless the
// server said how long in `Retry-After`.

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>
#include <random>

namespace aegis::data {

struct RetryPolicy {
    int maxRetries = 3;                                      // retries after the first attempt
    std::chrono::milliseconds backoffBase{500};              // ceiling of the first retry's jittered wait
    std::chrono::milliseconds backoffCap{8000};              // no backoff ceiling grows past this
    std::chrono::milliseconds maxRetryAfter{60000};          // a longer Retry-After gives up instead of waiting
};

// 429 (rate limited) and every 5xx are worth another try; other statuses will not change by retrying.
bool isRetriableStatus(int httpStatus);

// Full jitter: uniform in [0, min(cap, base * 2^retryIndex)], retryIndex counting from 0.
std::chrono::milliseconds fullJitterBackoff(const RetryPolicy& policy, int retryIndex, std::mt19937_64& random);

// `Retry-After` as delta-seconds ("120") or an HTTP-date ("Sun, 06 Nov 1994 08:49:37 GMT", also the obsolete
// RFC 850 and asctime forms), as a delay from `nowUtc` (zero for a date already past). Nothing when unreadable.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& nowUtc);

}  // namespace aegis::data
