#pragma once

// Blocking HTTP GET for providers, usable from any thread that can run a Qt event loop (the CLI's main
// thread under QCoreApplication, a worker QThread). Every attempt passes the rate limiter first; 429,
// 5xx and timeouts are retried with backoff, honouring Retry-After. Errors come back typed, never thrown.

#include "data/providers/cancellation.h"
#include "data/providers/provider_error.h"
#include "data/providers/retry_policy.h"
#include "data/providers/token_bucket.h"

#include <QByteArray>
#include <QUrl>

#include <chrono>
#include <memory>
#include <random>
#include <utility>
#include <vector>

class QNetworkAccessManager;

namespace aegis::data {

using HttpHeaders = std::vector<std::pair<QByteArray, QByteArray>>;

struct HttpClientConfig {
    std::chrono::milliseconds transferTimeout{10000};  // whole request, connect to last byte
    RetryPolicy retry;
    TokenBucket* rateLimiter = &TokenBucket::global();
    QByteArray userAgent = defaultUserAgent();

    // "AegisMatrix/<version> (+desktop analytics)": stable, so a server operator can tell who we are.
    static QByteArray defaultUserAgent();
};

struct HttpRequest {
    QUrl url;
    HttpHeaders headers;
};

struct HttpResponse {
    int httpStatus = 0;
    QByteArray body;
    int attempts = 0;
};

class HttpClient {
public:
    explicit HttpClient(HttpClientConfig config = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    const HttpClientConfig& config() const { return config_; }

    // Sends the GET, retrying as configured, and returns the 2xx answer or the final error. Runs a local
    // event loop on the calling thread; an HttpClient must stay on the thread that first used it.
    Outcome<HttpResponse> get(const HttpRequest& request, const CancellationToken& cancel = CancellationToken::never());

    // Forgets every cookie the servers have set (the NSE warm-up starts from a clean session).
    void clearCookies();

private:
    struct Attempt;
    Attempt sendOnce(const HttpRequest& request, const CancellationToken& cancel);
    QNetworkAccessManager& manager();

    HttpClientConfig config_;
    std::unique_ptr<QNetworkAccessManager> manager_;
    std::mt19937_64 random_;
};

// Waits `duration` while polling `cancel`, keeping the thread's event loop running. False when cancelled.
bool waitCancellably(std::chrono::milliseconds duration, const CancellationToken& cancel);

}  // namespace aegis::data
