#pragma once

// What a provider hands back: a value or a typed error whose message says what failed. Nothing is
// thrown across the Qt event loop, so every network call returns one of these instead.

#include <QByteArray>
#include <QString>

#include <utility>
#include <variant>

namespace aegis::data {

enum class ProviderErrorKind {
    HttpStatus,  // the server answered with a non-2xx status
    Timeout,     // no complete answer within the transfer timeout
    Network,     // connection refused, DNS, TLS, reset ...
    Parse,       // the answer arrived but is not what the format promises
    Remote,      // the answer is well-formed and reports an error itself (Yahoo's chart.error)
    Cancelled,   // the caller's cancellation token was set
    InvalidRequest,  // the request could not even be built (bad symbol, bad base URL)
};

QString toString(ProviderErrorKind kind);  // "http-status", "timeout", ...

struct ProviderError {
    ProviderErrorKind kind = ProviderErrorKind::Network;
    QString message;       // complete sentence for a person: what was asked, what went wrong
    int httpStatus = 0;    // for HttpStatus; 0 otherwise
    int attempts = 0;      // requests sent, retries included
    QByteArray body;       // the error response's body (capped), so a provider can read its own error format
    bool toldToWaitLonger = false;  // the server's Retry-After was longer than this client waits
};

// Either a value or a ProviderError.
template <typename T>
class Outcome {
public:
    Outcome(T value) : state_(std::move(value)) {}                 // NOLINT: implicit on purpose
    Outcome(ProviderError error) : state_(std::move(error)) {}     // NOLINT: implicit on purpose

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(state_); }
    T& value() & { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    const ProviderError& error() const { return std::get<ProviderError>(state_); }

private:
    std::variant<T, ProviderError> state_;
};

}  // namespace aegis::data
