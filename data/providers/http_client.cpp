#include "data/providers/http_client.h"

#include "aegis/version.h"

#include <spdlog/spdlog.h>

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

namespace aegis::data {

namespace {

constexpr auto kCancellationPoll = std::chrono::milliseconds(20);
constexpr qsizetype kErrorBodyCap = 64 * 1024;

QString secondsText(std::chrono::milliseconds duration)
{
    return QString::number(double(duration.count()) / 1000.0, 'g', 6) + QStringLiteral(" s");
}

ProviderError makeError(ProviderErrorKind kind, const QString& message, int attempts)
{
    ProviderError error;
    error.kind = kind;
    error.message = message;
    error.attempts = attempts;
    return error;
}

QString attemptsSuffix(int attempts)
{
    return attempts > 1 ? QStringLiteral(" (after %1 attempts)").arg(attempts) : QString();
}

}  // namespace

QByteArray HttpClientConfig::defaultUserAgent()
{
    return QByteArray("AegisMatrix/") + kAppVersion + " (+desktop analytics)";
}

struct HttpClient::Attempt {
    enum class Result { Answered, Cut, TimedOut, NetworkFailed, Cancelled };
    Result result = Result::NetworkFailed;
    int httpStatus = 0;
    QString reasonPhrase;
    QByteArray body;
    QByteArray retryAfter;
    QString networkError;
};

HttpClient::HttpClient(HttpClientConfig config) : config_(std::move(config)), random_(std::random_device{}()) {}

HttpClient::~HttpClient() = default;

QNetworkAccessManager& HttpClient::manager()
{
    // Created on first use so the manager belongs to the thread that sends, not the one that constructed us.
    if (!manager_)
        manager_ = std::make_unique<QNetworkAccessManager>();
    Q_ASSERT(manager_->thread() == QThread::currentThread());
    return *manager_;
}

void HttpClient::clearCookies()
{
    manager().setCookieJar(new QNetworkCookieJar);  // the manager owns the jar and deletes the old one
}

HttpClient::Attempt HttpClient::sendOnce(const HttpRequest& request, const CancellationToken& cancel)
{
    QNetworkRequest networkRequest(request.url);
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader, config_.userAgent);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    for (const auto& [name, value] : request.headers)
        networkRequest.setRawHeader(name, value);

    const std::unique_ptr<QNetworkReply> reply(manager().get(networkRequest));
    bool timedOut = false;
    bool cancelled = false;

    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    deadline.setTimerType(Qt::PreciseTimer);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QTimer cancellationPoll;
    QObject::connect(&cancellationPoll, &QTimer::timeout, &loop, [&] {
        if (cancel.isCancelled()) {
            cancelled = true;
            reply->abort();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(config_.transferTimeout);
    cancellationPoll.start(kCancellationPoll);
    if (!reply->isFinished())
        loop.exec();

    Attempt attempt;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (cancelled) {
        attempt.result = Attempt::Result::Cancelled;
    } else if (timedOut) {
        attempt.result = Attempt::Result::TimedOut;
    } else if (status.isValid() && status.toInt() >= 200 && status.toInt() < 300 && reply->error() != QNetworkReply::NoError) {
        // A success whose body stopped short (the server closed mid-transfer): not the server's answer,
        // and not a parse error to give up on.
        attempt.result = Attempt::Result::Cut;
        attempt.body = reply->readAll();
        attempt.networkError = reply->errorString();
    } else if (status.isValid() && status.toInt() > 0) {
        attempt.result = Attempt::Result::Answered;
        attempt.httpStatus = status.toInt();
        attempt.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        attempt.body = reply->readAll();
        attempt.retryAfter = reply->rawHeader("Retry-After");
    } else {
        attempt.result = Attempt::Result::NetworkFailed;
        attempt.networkError = reply->errorString();
    }
    return attempt;
}

Outcome<HttpResponse> HttpClient::get(const HttpRequest& request, const CancellationToken& cancel)
{
    const QString scheme = request.url.scheme();
    if (!request.url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return makeError(ProviderErrorKind::InvalidRequest,
                         QStringLiteral("not an http(s) URL: '%1'").arg(request.url.toString()), 0);

    const QString what = QStringLiteral("GET ") + request.url.toDisplayString(QUrl::RemoveUserInfo);
    const auto cancelledError = [&](int attempts) {
        return makeError(ProviderErrorKind::Cancelled, what + QStringLiteral(" cancelled"), attempts);
    };

    for (int attempts = 0;;) {
        if (config_.rateLimiter) {
            const auto wait = std::chrono::ceil<std::chrono::milliseconds>(config_.rateLimiter->reserve());
            if (!waitCancellably(wait, cancel))
                return cancelledError(attempts);
        }
        const Attempt attempt = sendOnce(request, cancel);
        ++attempts;

        ProviderError error;
        bool retriable = false;
        switch (attempt.result) {
        case Attempt::Result::Cancelled:
            return cancelledError(attempts);
        case Attempt::Result::Answered:
            if (attempt.httpStatus >= 200 && attempt.httpStatus < 300)
                return HttpResponse{attempt.httpStatus, attempt.body, attempts};
            error = makeError(ProviderErrorKind::HttpStatus,
                              QStringLiteral("%1 answered HTTP %2 %3").arg(what).arg(attempt.httpStatus).arg(attempt.reasonPhrase).trimmed(),
                              attempts);
            error.httpStatus = attempt.httpStatus;
            error.body = attempt.body.left(kErrorBodyCap);
            retriable = isRetriableStatus(attempt.httpStatus);
            break;
        case Attempt::Result::Cut:
            error = makeError(ProviderErrorKind::Network,
                              QStringLiteral("%1: the connection closed after %2 bytes of the answer (%3)")
                                  .arg(what).arg(attempt.body.size()).arg(attempt.networkError),
                              attempts);
            retriable = true;
            break;
        case Attempt::Result::TimedOut:
            error = makeError(ProviderErrorKind::Timeout,
                              QStringLiteral("%1 timed out after %2").arg(what, secondsText(config_.transferTimeout)), attempts);
            retriable = true;
            break;
        case Attempt::Result::NetworkFailed:
            error = makeError(ProviderErrorKind::Network, QStringLiteral("%1 failed: %2").arg(what, attempt.networkError),
                              attempts);
            break;
        }

        if (!retriable || attempts > config_.retry.maxRetries) {
            error.message += attemptsSuffix(attempts);
            return error;
        }

        std::chrono::milliseconds delay = fullJitterBackoff(config_.retry, attempts - 1, random_);
        if (const auto retryAfter = parseRetryAfter(attempt.retryAfter, QDateTime::currentDateTimeUtc())) {
            if (*retryAfter > config_.retry.maxRetryAfter) {
                error.toldToWaitLonger = true;
                error.message += QStringLiteral("; the server asked to retry after %1, longer than the %2 this client waits")
                                     .arg(secondsText(*retryAfter), secondsText(config_.retry.maxRetryAfter))
                               + attemptsSuffix(attempts);
                return error;
            }
            delay = *retryAfter;
        }
        spdlog::info("{}; retry {} of {} in {} ms", error.message.toStdString(), attempts, config_.retry.maxRetries,
                     delay.count());
        if (!waitCancellably(delay, cancel))
            return cancelledError(attempts);
    }
}

bool waitCancellably(std::chrono::milliseconds duration, const CancellationToken& cancel)
{
    if (cancel.isCancelled())
        return false;
    if (duration <= std::chrono::milliseconds::zero())
        return true;

    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    deadline.setTimerType(Qt::PreciseTimer);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer cancellationPoll;
    QObject::connect(&cancellationPoll, &QTimer::timeout, &loop, [&] {
        if (cancel.isCancelled())
            loop.quit();
    });
    deadline.start(duration);
    cancellationPoll.start(kCancellationPoll);
    loop.exec();
    return !cancel.isCancelled();
}

}  // namespace aegis::data
