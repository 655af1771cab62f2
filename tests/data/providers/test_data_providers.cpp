// Yahoo and NSE providers, the HTTP layer under them and the refresher, against fake servers on 127.0.0.1.
#include "provider_fixtures.h"
#include "support/fake_http_server.h"

#include "aegis/version.h"
#include "data/calendar/nse_calendar.h"
#include "data/providers/bar_finality.h"
#include "data/providers/http_client.h"
#include "data/providers/market_data_refresher.h"
#include "data/providers/nse_option_chain_parser.h"
#include "data/providers/nse_option_chain_provider.h"
#include "data/providers/retry_policy.h"
#include "data/providers/token_bucket.h"
#include "data/providers/yahoo_chart_provider.h"
#include "data/store/market_store.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

#include <cmath>
#include <mutex>

using namespace aegis::data;
using aegis::testing::FakeHttpRequest;
using aegis::testing::FakeHttpResponse;
using aegis::testing::FakeHttpServer;
using aegis::testing::istToUtc;
using aegis::testing::yahooChartJson;
using aegis::testing::yahooRow;
using aegis::testing::YahooRow;
using aegis::testing::YahooSplitEvent;
using namespace std::chrono_literals;

namespace {

const QByteArray kNiftyChartPath = "/v8/finance/chart/%5ENSEI";
const QDate kWednesday(2025, 11, 19);
const QDate kThursday(2025, 11, 20);
const QDate kFriday(2025, 11, 21);

FakeHttpResponse withStatus(int status, QByteArray body = {})
{
    FakeHttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

FakeHttpResponse delayed(int delayMs)
{
    FakeHttpResponse response = FakeHttpResponse::json(yahooChartJson(QStringLiteral("^NSEI"), {}));
    response.delayMs = delayMs;
    return response;
}

// Three NIFTY daily bars; the Friday one as Yahoo shows it mid-session (stamped with the last trade time).
std::vector<aegis::testing::YahooRow> niftyWeekRows(double fridayClose, bool fridayForming)
{
    return {yahooRow(istToUtc(kWednesday, 9, 15), 25900.0, 26050.5, 25880.25, 26010.0, 310000),
            yahooRow(istToUtc(kThursday, 9, 15), 26010.0, 26120.0, 25990.0, 26085.75, 298000),
            yahooRow(fridayForming ? istToUtc(kFriday, 11, 0) : istToUtc(kFriday, 9, 15), 26080.0, 26110.0, 26040.0,
                     fridayClose, 150000)};
}

// Serves `rows` the way Yahoo does: only those inside [period1, period2].
aegis::testing::FakeHttpHandler yahooServing(std::vector<aegis::testing::YahooRow> rows)
{
    return [rows](const FakeHttpRequest& request) {
        const qint64 from = request.queryValue("period1").toLongLong();
        const qint64 to = request.queryValue("period2").toLongLong();
        std::vector<aegis::testing::YahooRow> window;
        for (const auto& row : rows) {
            if (row.timestamp >= from && row.timestamp <= to)
                window.push_back(row);
        }
        return FakeHttpResponse::json(yahooChartJson(QStringLiteral("^NSEI"), window));
    };
}

Ticker niftyTicker()
{
    return Ticker{QStringLiteral("NIFTY"), QStringLiteral("^NSEI"), QStringLiteral("NIFTY 50"), QStringLiteral("Index"),
                  TickerKind::Index};
}

Ticker stockTicker(const QString& symbol)
{
    return Ticker{symbol, symbol + QStringLiteral(".NS"), symbol, QStringLiteral("Test"), TickerKind::Stock};
}

}  // namespace

class ProvidersTest : public QObject {
    Q_OBJECT

    // Every test gets its own generous bucket so timings of one test never leak into another.
    TokenBucket unthrottled_{1000.0, 1000.0};

    static std::vector<Ticker> stocks(std::initializer_list<const char*> symbols)
    {
        std::vector<Ticker> tickers;
        for (const char* symbol : symbols)
            tickers.push_back({QString::fromLatin1(symbol), QString::fromLatin1(symbol) + QStringLiteral(".NS"),
                               QString::fromLatin1(symbol), QStringLiteral("Industrials"), TickerKind::Stock});
        return tickers;
    }

    HttpClientConfig fastConfig()
    {
        HttpClientConfig config;
        config.transferTimeout = 300ms;
        config.retry.backoffBase = 20ms;
        config.retry.backoffCap = 80ms;
        config.retry.maxRetryAfter = 3000ms;
        config.rateLimiter = &unthrottled_;
        return config;
    }

    static UtcClock fixedClock(std::int64_t utc)
    {
        return [utc] { return utc; };
    }

private Q_SLOTS:
    // --- rate limiting and retry policy -----------------------------------------------------------

    void globalBucketDefaultsToOnePerSecondBurstThree()
    {
        QCOMPARE(TokenBucket::global().ratePerSecond(), 1.0);
        QCOMPARE(TokenBucket::global().burst(), 3.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TokenBucket(0.0, 3.0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TokenBucket(1.0, 0.5));
    }

    void bucketReservationsQueueAfterTheBurst()
    {
        TokenBucket bucket(5.0, 3.0);
        std::vector<double> waitsMs;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 6; ++i)
            waitsMs.push_back(std::chrono::duration<double, std::milli>(bucket.reserve()).count());
        // Time spent between the calls refills the bucket a little; allow exactly that much.
        const double tolerance = double(clock.elapsed()) + 1.0;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(waitsMs[std::size_t(i)], 0.0);
        // 5 tokens per second: the 4th, 5th and 6th callers wait 200, 400 and 600 ms.
        for (int i = 3; i < 6; ++i) {
            const double expected = 200.0 * (i - 2);
            QVERIFY2(waitsMs[std::size_t(i)] <= expected + 0.001 && waitsMs[std::size_t(i)] >= expected - tolerance,
                     qPrintable(QString::number(waitsMs[std::size_t(i)])));
        }
    }

    void requestsThroughTheBucketAreSpaced()
    {
        FakeHttpServer server;
        server.script("/ping", {withStatus(200, "pong")});
        TokenBucket bucket(10.0, 2.0);
        HttpClientConfig config = fastConfig();
        config.rateLimiter = &bucket;
        HttpClient client(config);
        const QUrl url(server.baseUrl().toString() + QStringLiteral("/ping"));
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 5; ++i)
            QVERIFY(client.get(HttpRequest{url, {}}).ok());
        const qint64 elapsed = clock.elapsed();

        QCOMPARE(server.requests().size(), std::size_t(5));
        // A burst of two, then one every 100 ms: the last three requests each waited for a token.
        QVERIFY2(elapsed >= 280, qPrintable(QString::number(elapsed)));
        QVERIFY2(elapsed < 3000, qPrintable(QString::number(elapsed)));
    }

    void retryAfterReadsSecondsAndHttpDates()
    {
        const QDateTime now(QDate(1994, 11, 6), QTime(8, 49, 7), QTimeZone::utc());
        QCOMPARE(parseRetryAfter("120", now), std::optional(std::chrono::milliseconds(120000)));
        QCOMPARE(parseRetryAfter(" 0 ", now), std::optional(std::chrono::milliseconds(0)));
        QCOMPARE(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now), std::optional(std::chrono::milliseconds(30000)));
        QCOMPARE(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", now), std::optional(std::chrono::milliseconds(30000)));
        QCOMPARE(parseRetryAfter("Sun Nov  6 08:49:37 1994", now), std::optional(std::chrono::milliseconds(30000)));
        QCOMPARE(parseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now), std::optional(std::chrono::milliseconds(0)));
        QVERIFY(!parseRetryAfter("", now));
        QVERIFY(!parseRetryAfter("soon", now));
        QVERIFY(!parseRetryAfter("-5", now));
        QVERIFY(!parseRetryAfter("Sun, 06 Foo 1994 08:49:37 GMT", now));
    }

    void backoffStaysUnderItsGrowingCeiling()
    {
        RetryPolicy policy;
        policy.backoffBase = 100ms;
        policy.backoffCap = 500ms;
        std::mt19937_64 random(7);
        const std::array<std::int64_t, 5> ceilings{100, 200, 400, 500, 500};
        for (int retry = 0; retry < 5; ++retry) {
            std::int64_t largest = 0;
            for (int draw = 0; draw < 400; ++draw) {
                const auto delay = fullJitterBackoff(policy, retry, random).count();
                QVERIFY(delay >= 0 && delay <= ceilings[std::size_t(retry)]);
                largest = std::max(largest, delay);
            }
            // Full jitter spreads over the whole range, not just near zero.
            QVERIFY2(largest > ceilings[std::size_t(retry)] * 3 / 4, qPrintable(QString::number(largest)));
        }
        QVERIFY(isRetriableStatus(429) && isRetriableStatus(500) && isRetriableStatus(503));
        QVERIFY(!isRetriableStatus(404) && !isRetriableStatus(401) && !isRetriableStatus(200));
    }

    // --- HTTP layer against the fake server -------------------------------------------------------

    void retriesAfter429ThenSucceeds()
    {
        FakeHttpServer server;
        server.script(kNiftyChartPath, {withStatus(429), FakeHttpResponse::json(yahooChartJson(
                                                            QStringLiteral("^NSEI"), niftyWeekRows(26100.0, false)))});
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(istToUtc(kFriday.addDays(1), 10, 0)));
        const auto fetched = yahoo.fetchBars({QStringLiteral("NIFTY"), QStringLiteral("^NSEI"), Interval::Daily, 0, {}});
        QVERIFY2(fetched.ok(), qPrintable(fetched.ok() ? QString() : fetched.error().message));
        QCOMPARE(fetched.value().series.bars.size(), std::size_t(3));
        QCOMPARE(server.requestsTo(kNiftyChartPath).size(), std::size_t(2));
    }

    void retryAfterIsHonoured()
    {
        FakeHttpServer server;
        FakeHttpResponse limited = withStatus(429);
        limited.headers.emplace_back("Retry-After", "1");
        server.script("/limited", {limited, withStatus(200, "ok")});
        HttpClient client(fastConfig());
        const auto response = client.get(HttpRequest{QUrl(server.baseUrl().toString() + QStringLiteral("/limited")), {}});
        QVERIFY(response.ok());
        QCOMPARE(response.value().attempts, 2);
        const auto requests = server.requests();
        QCOMPARE(requests.size(), std::size_t(2));
        const qint64 waited = requests[1].receivedAtMs - requests[0].receivedAtMs;
        QVERIFY2(waited >= 990 && waited < 4000, qPrintable(QStringLiteral("waited %1 ms").arg(waited)));
    }

    void retryAfterLongerThanTheLimitGivesUp()
    {
        FakeHttpServer server;
        FakeHttpResponse limited = withStatus(503);
        limited.headers.emplace_back("Retry-After", "3600");
        server.script("/busy", {limited});
        HttpClient client(fastConfig());
        const auto response = client.get(HttpRequest{QUrl(server.baseUrl().toString() + QStringLiteral("/busy")), {}});
        QVERIFY(!response.ok());
        QCOMPARE(toString(response.error().kind), toString(ProviderErrorKind::HttpStatus));
        QCOMPARE(response.error().httpStatus, 503);
        QCOMPARE(server.requests().size(), std::size_t(1));
        QVERIFY2(response.error().message.contains(QStringLiteral("3600 s")), qPrintable(response.error().message));
    }

    void slowReplyTimesOutAfterRetries()
    {
        FakeHttpServer server;
        server.script("/slow", {delayed(1500)});
        HttpClientConfig config = fastConfig();
        config.transferTimeout = 250ms;
        HttpClient client(config);
        QElapsedTimer clock;
        clock.start();
        const auto response = client.get(HttpRequest{QUrl(server.baseUrl().toString() + QStringLiteral("/slow")), {}});
        QVERIFY(!response.ok());
        QCOMPARE(toString(response.error().kind), toString(ProviderErrorKind::Timeout));
        QCOMPARE(response.error().attempts, 4);  // the first try and three retries
        QVERIFY2(response.error().message.contains(QStringLiteral("timed out after 0.25 s")), qPrintable(response.error().message));
        QVERIFY2(response.error().message.contains(QStringLiteral("/slow")), qPrintable(response.error().message));
        QCOMPARE(server.requestsTo("/slow").size(), std::size_t(4));
        QVERIFY2(clock.elapsed() >= 4 * 250 && clock.elapsed() < 6000, qPrintable(QString::number(clock.elapsed())));
    }

    void serverErrorsStopAfterThreeRetries()
    {
        FakeHttpServer server;
        server.script("/down", {withStatus(503)});
        HttpClient client(fastConfig());
        const auto response = client.get(HttpRequest{QUrl(server.baseUrl().toString() + QStringLiteral("/down")), {}});
        QVERIFY(!response.ok());
        QCOMPARE(response.error().httpStatus, 503);
        QCOMPARE(response.error().attempts, 4);
        QVERIFY2(response.error().message.contains(QStringLiteral("HTTP 503")), qPrintable(response.error().message));
        QVERIFY2(response.error().message.contains(QStringLiteral("after 4 attempts")), qPrintable(response.error().message));
    }

    void refusedConnectionIsANetworkError()
    {
        quint16 closedPort = 0;
        {
            FakeHttpServer server;
            closedPort = server.port();
        }
        HttpClient client(fastConfig());
        const auto response = client.get(HttpRequest{QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(closedPort)), {}});
        QVERIFY(!response.ok());
        QCOMPARE(toString(response.error().kind), toString(ProviderErrorKind::Network));
        QCOMPARE(response.error().attempts, 1);
    }

    void cancellationStopsAWaitingRequest()
    {
        FakeHttpServer server;
        server.script("/forever", {delayed(5000)});
        HttpClientConfig config = fastConfig();
        config.transferTimeout = 10s;
        HttpClient client(config);
        CancellationToken cancel;
        QTimer::singleShot(150, [&cancel] { cancel.cancel(); });
        QElapsedTimer clock;
        clock.start();
        const auto response = client.get(HttpRequest{QUrl(server.baseUrl().toString() + QStringLiteral("/forever")), {}}, cancel);
        QVERIFY(!response.ok());
        QCOMPARE(toString(response.error().kind), toString(ProviderErrorKind::Cancelled));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    void sendsTheStableUserAgent()
    {
        FakeHttpServer server;
        server.script("/ua", {withStatus(200)});
        HttpClient client(fastConfig());
        QVERIFY(client.get(HttpRequest{QUrl(server.baseUrl().toString() + QStringLiteral("/ua")), {}}).ok());
        QCOMPARE(server.requests().front().header("User-Agent"),
                 QByteArray("AegisMatrix/") + aegis::kAppVersion + " (+desktop analytics)");
    }

    void workerThreadCanFetch()
    {
        FakeHttpServer server;
        server.script("/thread", {withStatus(200, "from a worker")});
        QByteArray body;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            HttpClient client(fastConfig());
            const auto response = client.get(HttpRequest{QUrl(server.baseUrl().toString() + QStringLiteral("/thread")), {}});
            if (response.ok())
                body = response.value().body;
        }));
        worker->start();
        QVERIFY(worker->wait(10000));
        QCOMPARE(body, QByteArray("from a worker"));
    }

    // --- Yahoo chart ----------------------------------------------------------------------------

    void yahooRequestCarriesTheEncodedSymbolAndWindow()
    {
        FakeHttpServer server;
        server.setHandler(yahooServing({}));
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(1'764'000'000));
        QVERIFY(yahoo.fetchBars({QStringLiteral("M&M"), QStringLiteral("M&M.NS"), Interval::Daily, 1'700'000'000, {}}).ok());
        QVERIFY(yahoo.fetchBars({QStringLiteral("NIFTY"), QStringLiteral("^NSEI"), Interval::Daily, 1'700'000'000, {}}).ok());
        const auto requests = server.requests();
        QCOMPARE(requests.size(), std::size_t(2));
        QCOMPARE(requests[0].path, QByteArray("/v8/finance/chart/M%26M.NS"));
        QCOMPARE(requests[0].queryValue("period1"), QByteArray("1700000000"));
        QCOMPARE(requests[0].queryValue("period2"), QByteArray("1764000000"));
        QCOMPARE(requests[0].queryValue("interval"), QByteArray("1d"));
        QCOMPARE(requests[0].queryValue("events"), QByteArray("div,split"));
        QCOMPARE(requests[1].path, kNiftyChartPath);
    }

    void intradayStartIsClampedToYahooWindow()
    {
        FakeHttpServer server;
        server.setHandler(yahooServing({}));
        const std::int64_t now = istToUtc(kFriday, 12, 0);
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(now));

        const auto oneMinute = yahoo.fetchBars({QStringLiteral("NIFTY"), QStringLiteral("^NSEI"), Interval::OneMinute,
                                                now - 30 * 86400, {}});
        QVERIFY(oneMinute.ok());
        QCOMPARE(oneMinute.value().fromUtc, now - 7 * 86400 + 60);
        QVERIFY2(oneMinute.value().clampNote.contains(QStringLiteral("last 7 days")), qPrintable(oneMinute.value().clampNote));

        const auto fiveMinute = yahoo.fetchBars({QStringLiteral("NIFTY"), QStringLiteral("^NSEI"), Interval::FiveMinute,
                                                 now - 365 * 86400, {}});
        QVERIFY(fiveMinute.ok());
        QCOMPARE(fiveMinute.value().fromUtc, now - 60 * 86400 + 60);

        const auto recent = yahoo.fetchBars({QStringLiteral("NIFTY"), QStringLiteral("^NSEI"), Interval::FiveMinute,
                                             now - 86400, {}});
        QVERIFY(recent.ok());
        QVERIFY(recent.value().clampNote.isEmpty());

        const auto requests = server.requests();
        QCOMPARE(requests.size(), std::size_t(3));
        QCOMPARE(requests[0].queryValue("period1").toLongLong(), now - 7 * 86400 + 60);
        QCOMPARE(requests[0].queryValue("interval"), QByteArray("1m"));
        QCOMPARE(requests[1].queryValue("period1").toLongLong(), now - 60 * 86400 + 60);
        QCOMPARE(requests[2].queryValue("period1").toLongLong(), now - 86400);
    }

    void dailyBarsAreKeyedBySessionAndFormingWhileOpen()
    {
        const std::int64_t fridayMidSession = istToUtc(kFriday, 11, 5);
        const auto chart = parseYahooChart(yahooChartJson(QStringLiteral("^NSEI"), niftyWeekRows(26070.0, true)),
                                           Interval::Daily, fridayMidSession);
        QVERIFY(chart.ok());
        const auto& bars = chart.value().bars;
        QCOMPARE(bars.size(), std::size_t(3));
        QCOMPARE(bars[0].session, kWednesday);
        QCOMPARE(bars[2].session, kFriday);
        QCOMPARE(bars[2].utc, istToUtc(kFriday, 9, 15));  // not Yahoo's 11:00 stamp
        QVERIFY(bars[0].final && bars[1].final);
        QVERIFY(!bars[2].final);
        QCOMPARE(bars[2].close, 26070.0);
        QCOMPARE(chart.value().meta.currency, QStringLiteral("INR"));
        QCOMPARE(chart.value().meta.exchangeTimezoneName, QStringLiteral("Asia/Kolkata"));

        // After the close (and the settling delay) the same bar is final.
        const auto later = parseYahooChart(yahooChartJson(QStringLiteral("^NSEI"), niftyWeekRows(26070.0, false)),
                                           Interval::Daily, istToUtc(kFriday, 16, 5));
        QVERIFY(later.ok());
        QVERIFY(later.value().bars[2].final);
    }

    void intradayBarIsFormingUntilItsPeriodEnds()
    {
        const std::int64_t barOpen = istToUtc(kFriday, 10, 0);
        const std::vector<aegis::testing::YahooRow> rows{yahooRow(barOpen - 300, 1, 2, 0.5, 1.5, 10),
                                                         yahooRow(barOpen, 1.5, 2, 1, 1.8, 5)};
        const auto chart = parseYahooChart(yahooChartJson(QStringLiteral("^NSEI"), rows), Interval::FiveMinute, barOpen + 120);
        QVERIFY(chart.ok());
        QCOMPARE(chart.value().bars.size(), std::size_t(2));
        QCOMPARE(chart.value().bars[1].utc, barOpen);
        QVERIFY(chart.value().bars[0].final);
        QVERIFY(!chart.value().bars[1].final);
    }

    void nullHolesAreSkippedAndCounted()
    {
        const std::int64_t open = istToUtc(kFriday, 9, 15);
        std::vector<aegis::testing::YahooRow> rows;
        for (int i = 0; i < 6; ++i)
            rows.push_back(yahooRow(open + i * 60, 100 + i, 101 + i, 99 + i, 100.5 + i, 1000));
        rows[1].close.reset();
        rows[3].open.reset();
        rows[3].high.reset();
        rows[4].volume.reset();  // a missing volume is not a hole: it reads as 0
        const auto chart = parseYahooChart(yahooChartJson(QStringLiteral("^NSEI"), rows), Interval::OneMinute, open + 3600);
        QVERIFY(chart.ok());
        QCOMPARE(chart.value().skippedNullBars, 2);
        QCOMPARE(chart.value().bars.size(), std::size_t(4));
        QCOMPARE(chart.value().bars[2].utc, open + 4 * 60);
        QCOMPARE(chart.value().bars[2].volume, 0.0);
    }

    // CSV import refused these bars while fetch stored them: a close of 0 showed as "Spot 0.00 (-100%)",
    // and 1e300 stopped training for every ticker.
    void implausibleBarsAreSkippedAndCounted()
    {
        const std::int64_t open = istToUtc(kFriday, 9, 15);
        std::vector<aegis::testing::YahooRow> rows;
        for (int i = 0; i < 6; ++i)
            rows.push_back(yahooRow(open + i * 60, 100 + i, 101 + i, 99 + i, 100.5 + i, 1000));
        rows[1].close = 0.0;
        rows[2].high = 90.0;  // below its low
        rows[3].high = 1e300;
        rows[4].close = 110.0;  // above its high
        const auto chart = parseYahooChart(yahooChartJson(QStringLiteral("^NSEI"), rows), Interval::OneMinute, open + 3600);
        QVERIFY(chart.ok());
        QCOMPARE(chart.value().skippedImplausibleBars, 4);
        QCOMPARE(chart.value().firstImplausible, QStringLiteral("2025-11-21: close 0 is not a positive price"));
        QCOMPARE(chart.value().bars.size(), std::size_t(2));
        QCOMPARE(chart.value().bars[1].utc, open + 5 * 60);
    }

    // Yahoo serves a flat, zero-volume daily row for a day NSE was closed (every stock's 2026-01-15, the
    // Maharashtra election closure): CSV import skips it, and so does a fetch; on a real session such a
    // row (a suspended stock) is kept.
    void holidayPlaceholdersAreSkippedAndCounted()
    {
        const QDate before(2026, 1, 14), closed(2026, 1, 15), after(2026, 1, 16);
        QVERIFY(!NseCalendar::instance().isSession(closed) && NseCalendar::instance().isSession(after));
        const std::vector<aegis::testing::YahooRow> rows{yahooRow(istToUtc(before, 9, 15), 3200, 3230, 3190, 3210, 1000),
                                                         yahooRow(istToUtc(closed, 9, 15), 3210, 3210, 3210, 3210, 0),
                                                         yahooRow(istToUtc(after, 9, 15), 3210, 3210, 3210, 3210, 0)};
        const auto chart = parseYahooChart(yahooChartJson(QStringLiteral("TCS.NS"), rows), Interval::Daily, istToUtc(after, 18, 0));
        QVERIFY(chart.ok());
        QCOMPARE(chart.value().skippedPlaceholderBars, 1);
        QCOMPARE(chart.value().firstPlaceholder, closed);
        QCOMPARE(chart.value().bars.size(), std::size_t(2));
        QCOMPARE(chart.value().bars[0].session, before);
        QCOMPARE(chart.value().bars[1].session, after);
    }

    void truncatedJsonIsAParseError()
    {
        FakeHttpServer server;
        const QByteArray full = yahooChartJson(QStringLiteral("^NSEI"), niftyWeekRows(26100.0, false));
        server.script(kNiftyChartPath, {FakeHttpResponse::json(full.left(full.size() / 2))});
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(istToUtc(kFriday, 18, 0)));
        const auto fetched = yahoo.fetchBars({QStringLiteral("NIFTY"), QStringLiteral("^NSEI"), Interval::Daily, 0, {}});
        QVERIFY(!fetched.ok());
        QCOMPARE(toString(fetched.error().kind), toString(ProviderErrorKind::Parse));
        QVERIFY2(fetched.error().message.contains(QStringLiteral("invalid JSON")), qPrintable(fetched.error().message));
        QVERIFY2(fetched.error().message.contains(QStringLiteral("NIFTY")), qPrintable(fetched.error().message));
        QCOMPARE(server.requests().size(), std::size_t(1));  // a parse error is not retried
    }

    // A day the calendar does not list (the 2026 Muhurat, an evening session) was taken to close at 15:30:
    // its bar, fetched mid-session, was stored as final and never replaced.
    void anUnlistedDaysBarStaysFormingUntilTheDayEnds()
    {
        const QDate muhurat(2026, 11, 8);
        QVERIFY(!NseCalendar::instance().isSession(muhurat));
        QVERIFY(!isDailyBarFinal(muhurat, istToUtc(muhurat, 18, 30)));
        QVERIFY(!isDailyBarFinal(muhurat, istToUtc(muhurat, 19, 45)));
        QVERIFY(isDailyBarFinal(muhurat, istToUtc(muhurat.addDays(1), 0, 30)));
        QVERIFY(!isDailyBarFinal(kFriday, istToUtc(kFriday, 15, 45)));
        QVERIFY(isDailyBarFinal(kFriday, istToUtc(kFriday, 16, 0)));
    }

    // A body cut short by the server closing mid-transfer read as "invalid JSON" and was not retried; as
    // a network error it is retried, and counts toward "Yahoo unreachable" (isUnreachable: Network).
    void aCutTransferIsRetriedAsANetworkError()
    {
        FakeHttpServer server;
        const QByteArray full = yahooChartJson(QStringLiteral("^NSEI"), niftyWeekRows(26100.0, false));
        FakeHttpResponse cut = FakeHttpResponse::json(full);
        cut.cutAfterBytes = full.size() * 2 / 3;
        server.script(kNiftyChartPath, {cut, FakeHttpResponse::json(full)});
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(istToUtc(kFriday, 18, 0)));
        const auto fetched = yahoo.fetchBars({QStringLiteral("NIFTY"), QStringLiteral("^NSEI"), Interval::Daily, 0, {}});
        QVERIFY2(fetched.ok(), qPrintable(fetched.ok() ? QString() : fetched.error().message));
        QCOMPARE(server.requests().size(), std::size_t(2));

        FakeHttpServer alwaysCut;
        alwaysCut.script(kNiftyChartPath, {cut});
        YahooChartProvider failing(alwaysCut.baseUrl(), fastConfig(), fixedClock(istToUtc(kFriday, 18, 0)));
        const auto failed = failing.fetchBars({QStringLiteral("NIFTY"), QStringLiteral("^NSEI"), Interval::Daily, 0, {}});
        QVERIFY(!failed.ok());
        QCOMPARE(toString(failed.error().kind), toString(ProviderErrorKind::Network));
        QVERIFY2(failed.error().message.contains(QStringLiteral("the connection closed after")), qPrintable(failed.error().message));
        QVERIFY(alwaysCut.requests().size() > 1);
    }

    void mismatchedArraysAreAParseError()
    {
        QByteArray json = yahooChartJson(QStringLiteral("^NSEI"), niftyWeekRows(26100.0, false));
        QVERIFY(json.contains("\"close\":[26010,26085.75,26100]"));
        json.replace("\"close\":[26010,26085.75,26100]", "\"close\":[26010,26085.75]");
        const auto chart = parseYahooChart(json, Interval::Daily, istToUtc(kFriday, 18, 0));
        QVERIFY(!chart.ok());
        QCOMPARE(toString(chart.error().kind), toString(ProviderErrorKind::Parse));
        QVERIFY2(chart.error().message.contains(QStringLiteral("close")), qPrintable(chart.error().message));
    }

    void chartErrorGivesItsDescription()
    {
        FakeHttpServer server;
        const QString description = QStringLiteral("No data found, symbol may be delisted");
        server.script("/v8/finance/chart/NOPE.NS",
                      {FakeHttpResponse::json(aegis::testing::yahooChartErrorJson(QStringLiteral("Not Found"), description), 404)});
        server.script("/v8/finance/chart/ODD.NS",
                      {FakeHttpResponse::json(aegis::testing::yahooChartErrorJson(QStringLiteral("Bad Request"),
                                                                                  QStringLiteral("Invalid input")))});
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(1'764'000'000));

        const auto missing = yahoo.fetchBars({QStringLiteral("NOPE"), QStringLiteral("NOPE.NS"), Interval::Daily, 0, {}});
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().httpStatus, 404);
        QVERIFY2(missing.error().message.contains(description), qPrintable(missing.error().message));
        QCOMPARE(server.requestsTo("/v8/finance/chart/NOPE.NS").size(), std::size_t(1));  // 404 is not retried

        const auto odd = yahoo.fetchBars({QStringLiteral("ODD"), QStringLiteral("ODD.NS"), Interval::Daily, 0, {}});
        QVERIFY(!odd.ok());
        QCOMPARE(toString(odd.error().kind), toString(ProviderErrorKind::Remote));
        QVERIFY2(odd.error().message.contains(QStringLiteral("Bad Request: Invalid input")), qPrintable(odd.error().message));
    }

    // --- NSE option chain -----------------------------------------------------------------------

    void nseDatesAreLocaleIndependent()
    {
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(parseNseDate(QStringLiteral("28-Nov-2025")), std::optional(QDate(2025, 11, 28)));
        QCOMPARE(parseNseDate(QStringLiteral("02-DEC-2025")), std::optional(QDate(2025, 12, 2)));
        QCOMPARE(parseNseDate(QStringLiteral("01-Mai-2025")), std::nullopt);  // German month names are not NSE's
        QCOMPARE(parseNseDate(QStringLiteral("31-Feb-2025")), std::nullopt);
        QCOMPARE(parseNseTimestamp(QStringLiteral("21-Nov-2025 15:30:00")),
                 std::optional<std::int64_t>(QDateTime(QDate(2025, 11, 21), QTime(10, 0), QTimeZone::utc()).toSecsSinceEpoch()));
        QLocale::setDefault(previous);
    }

    void optionChainParsesARealisticSnippet()
    {
        const auto parsed = parseNseOptionChain(aegis::testing::nseNiftyOptionChainJson(), QStringLiteral("NIFTY"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        const OptionChain& chain = parsed.value();
        QCOMPARE(chain.symbol, QStringLiteral("NIFTY"));
        QCOMPARE(toString(chain.source), toString(DataSource::Nse));
        QCOMPARE(chain.underlyingValue, 26068.15);
        QCOMPARE(chain.takenAtUtc, istToUtc(kFriday, 15, 30));
        QCOMPARE(chain.expiries, (std::vector<QDate>{QDate(2025, 11, 25), QDate(2025, 12, 2)}));
        QCOMPARE(chain.strikes.size(), std::size_t(5));

        // Sorted by expiry then strike.
        const std::vector<double> strikes{24500, 26000, 26100, 27500, 26000};
        for (std::size_t i = 0; i < strikes.size(); ++i)
            QCOMPARE(chain.strikes[i].strike, strikes[i]);
        QCOMPARE(chain.strikes[4].expiry, QDate(2025, 12, 2));

        const OptionStrike& putOnly = chain.strikes[0];
        QVERIFY(!putOnly.call.has_value());
        QVERIFY(putOnly.put.has_value());
        QCOMPARE(putOnly.put->openInterest, 20110.0);
        const OptionStrike& callOnly = chain.strikes[3];
        QVERIFY(callOnly.call.has_value());
        QVERIFY(!callOnly.put.has_value());
        QCOMPARE(callOnly.call->impliedVolatility, 0.0);

        const OptionQuote& call = *chain.strikes[2].call;
        QCOMPARE(call.openInterest, 95231.0);
        QCOMPARE(call.changeInOpenInterest, 20417.0);
        QCOMPARE(call.totalTradedVolume, 1843210.0);
        QCOMPARE(call.impliedVolatility, 9.87);
        QCOMPARE(call.lastPrice, 41.35);
        QCOMPARE(call.bidPrice, 41.3);
        QCOMPARE(call.askPrice, 41.45);
        QCOMPARE(chain.strikes[2].put->changeInOpenInterest, -3310.0);
    }

    void optionChainRejectsWhatIsNotAChain()
    {
        const auto empty = parseNseOptionChain("{}", QStringLiteral("NIFTY"));
        QVERIFY(!empty.ok());
        QCOMPARE(toString(empty.error().kind), toString(ProviderErrorKind::Parse));
        QVERIFY2(empty.error().message.contains(QStringLiteral("records")), qPrintable(empty.error().message));

        QByteArray badDate = aegis::testing::nseNiftyOptionChainJson();
        badDate.replace("\"expiryDate\": \"02-Dec-2025\",\n    \"CE\"", "\"expiryDate\": \"2025-12-02\",\n    \"CE\"");
        const auto wrong = parseNseOptionChain(badDate, QStringLiteral("NIFTY"));
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().message.contains(QStringLiteral("2025-12-02")), qPrintable(wrong.error().message));

        const QByteArray full = aegis::testing::nseNiftyOptionChainJson();
        QCOMPARE(toString(parseNseOptionChain(full.left(700), QStringLiteral("NIFTY")).error().kind), toString(ProviderErrorKind::Parse));

        // Stored, a well-formed answer with no strikes would become the newest snapshot and push the
        // last real chain out of the five kept.
        const QByteArray noStrikes = R"({"records": {"timestamp": "28-Nov-2025 15:30:00", "underlyingValue": 26202.95,
                                          "expiryDates": [], "data": []}, "filtered": {"data": []}})";
        const auto hollow = parseNseOptionChain(noStrikes, QStringLiteral("NIFTY"));
        QVERIFY(!hollow.ok());
        QCOMPARE(toString(hollow.error().kind), toString(ProviderErrorKind::Parse));
        QVERIFY2(hollow.error().message.contains(QStringLiteral("no strikes or no expiries")), qPrintable(hollow.error().message));
    }

    void nseNeedsTheWarmUpCookie()
    {
        FakeHttpServer server;
        struct Session {
            std::mutex mutex;
            int warmUps = 0;
            QByteArray validCookie;
        } session;
        server.setHandler([&session](const FakeHttpRequest& request) {
            const std::lock_guard lock(session.mutex);
            if (request.path == "/option-chain") {
                ++session.warmUps;
                session.validCookie = "nsit=session" + QByteArray::number(session.warmUps);
                FakeHttpResponse page = withStatus(200, "<html>option chain</html>");
                page.headers.emplace_back("Set-Cookie", session.validCookie + "; Path=/; HttpOnly");
                return page;
            }
            if (!request.header("Cookie").contains(session.validCookie) || session.validCookie.isEmpty())
                return withStatus(401, "{\"message\":\"unauthorized\"}");
            if (request.path == "/api/option-chain-indices" && request.queryValue("symbol") == "NIFTY")
                return FakeHttpResponse::json(aegis::testing::nseNiftyOptionChainJson());
            if (request.path == "/api/option-chain-equities" && request.queryValue("symbol") == "M%26M")
                return FakeHttpResponse::json(aegis::testing::nseNiftyOptionChainJson());
            return withStatus(404);
        });

        NseOptionChainProvider nse(server.baseUrl(), fastConfig());
        const auto first = nse.fetchOptionChain(QStringLiteral("NIFTY"));
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
        QCOMPARE(first.value().strikes.size(), std::size_t(5));
        QCOMPARE(session.warmUps, 1);

        const auto api = server.requestsTo("/api/option-chain-indices");
        QCOMPARE(api.size(), std::size_t(1));
        QCOMPARE(api[0].header("Referer"), server.baseUrl().toEncoded() + "/option-chain");
        QVERIFY(api[0].header("Accept").contains("application/json"));
        QVERIFY(!api[0].header("Accept-Language").isEmpty());

        // Equities go to their own endpoint with the symbol percent-encoded; the session is reused.
        QVERIFY(nse.fetchOptionChain(QStringLiteral("M&M")).ok());
        QCOMPARE(session.warmUps, 1);

        // The session expires on the server: a 401 leads to one fresh warm-up and one retry.
        {
            const std::lock_guard lock(session.mutex);
            session.validCookie = "nsit=expired-elsewhere";
        }
        const auto again = nse.fetchOptionChain(QStringLiteral("NIFTY"));
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QCOMPARE(session.warmUps, 2);
        QCOMPARE(server.requestsTo("/api/option-chain-indices").size(), std::size_t(3));
    }

    // NSE also refuses an expired session with 200 and {}: that too gets one fresh warm-up, or every
    // later chain of the run failed.
    void nseRewarmsWhenItAnswersAnEmptyObject()
    {
        FakeHttpServer server;
        server.script("/option-chain", {withStatus(200, "<html></html>")});
        server.script("/api/option-chain-indices", {FakeHttpResponse::json("{}"), FakeHttpResponse::json(aegis::testing::nseNiftyOptionChainJson())});
        NseOptionChainProvider nse(server.baseUrl(), fastConfig());
        const auto chain = nse.fetchOptionChain(QStringLiteral("NIFTY"));
        QVERIFY2(chain.ok(), qPrintable(chain.ok() ? QString() : chain.error().message));
        QCOMPARE(server.requestsTo("/option-chain").size(), std::size_t(2));
        QCOMPARE(server.requestsTo("/api/option-chain-indices").size(), std::size_t(2));
    }

    void nseGivesUpWhenTheFreshSessionIsRefusedToo()
    {
        FakeHttpServer server;
        server.script("/option-chain", {withStatus(200, "<html></html>")});
        server.script("/api/option-chain-indices", {withStatus(403, "Access Denied")});
        NseOptionChainProvider nse(server.baseUrl(), fastConfig());
        const auto chain = nse.fetchOptionChain(QStringLiteral("BANKNIFTY"));
        QVERIFY(!chain.ok());
        QCOMPARE(chain.error().httpStatus, 403);
        QVERIFY2(chain.error().message.contains(QStringLiteral("BANKNIFTY")), qPrintable(chain.error().message));
        QCOMPARE(server.requestsTo("/option-chain").size(), std::size_t(2));
        QCOMPARE(server.requestsTo("/api/option-chain-indices").size(), std::size_t(2));
    }

    // --- refresher against a temporary store -----------------------------------------------------

    void refresherFetchesOnlyAfterTheLastFinalBar()
    {
        QTemporaryDir directory;
        MarketStore store(directory.filePath(QStringLiteral("market.sqlite")));
        FakeHttpServer server;

        // Friday mid-session: Friday's bar is forming.
        const std::int64_t duringFriday = istToUtc(kFriday, 11, 5);
        server.setHandler(yahooServing(niftyWeekRows(26070.0, true)));
        {
            YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(duringFriday));
            MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(duringFriday));
            RefreshOptions options;
            options.firstFetchDays = 30;
            const RefreshOutcome outcome = refresher.refreshBars(niftyTicker(), options);
            QVERIFY2(outcome.ok, qPrintable(outcome.message));
            QCOMPARE(outcome.storedBars, 3);
            QCOMPARE(outcome.formingBars, 1);
            QCOMPARE(server.requests().front().queryValue("period1").toLongLong(), duringFriday - 30 * 86400);
        }
        QCOMPARE(store.lastFinalBarUtc(QStringLiteral("NIFTY"), Interval::Daily), std::optional(istToUtc(kThursday, 9, 15)));

        // After the close: the second run asks only for bars after Thursday's, and Friday's final bar replaces the forming one.
        server.clear();
        const std::int64_t afterFriday = istToUtc(kFriday, 18, 0);
        server.setHandler(yahooServing(niftyWeekRows(26102.5, false)));
        {
            YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(afterFriday));
            MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(afterFriday));
            const RefreshOutcome outcome = refresher.refreshBars(niftyTicker(), RefreshOptions{});
            QVERIFY2(outcome.ok, qPrintable(outcome.message));
            QCOMPARE(outcome.storedBars, 1);
            QCOMPARE(outcome.formingBars, 0);
        }
        const auto requests = server.requests();
        QCOMPARE(requests.size(), std::size_t(1));
        QCOMPARE(requests[0].queryValue("period1").toLongLong(), istToUtc(kThursday, 9, 15) + 1);

        const BarSeries bars = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);
        QCOMPARE(bars.size(), std::size_t(3));
        QCOMPARE(bars.bars[2].session, kFriday);
        QCOMPARE(bars.bars[2].close, 26102.5);
        QVERIFY(bars.bars[2].final);
        QCOMPARE(toString(bars.source), toString(DataSource::Yahoo));
        QCOMPARE(store.lastFinalBarUtc(QStringLiteral("NIFTY"), Interval::Daily), std::optional(istToUtc(kFriday, 9, 15)));

        const auto last = store.lastFetch(QStringLiteral("NIFTY"), Interval::Daily);
        QVERIFY(last.has_value());
        QCOMPARE(last->source, QStringLiteral("yahoo"));
        QCOMPARE(last->outcome, FetchOutcome::Success);
        QCOMPARE(last->atUtc.toSecsSinceEpoch(), afterFriday);
    }

    // Yahoo's chart prices are split-adjusted: after a split the stored bars are in the old units, and
    // appending the new ones would make a fake -50 % session (and fake DOWN / breach labels before it).
    void refresherFetchesTheHistoryAgainAfterASplit()
    {
        QTemporaryDir directory;
        MarketStore store(directory.filePath(QStringLiteral("market.sqlite")));
        const Ticker stock{QStringLiteral("TCS"), QStringLiteral("TCS.NS"), QStringLiteral("Tata Consultancy Services"),
                           QStringLiteral("Information Technology"), TickerKind::Stock};
        const auto row = [](QDate session, double close) {
            return yahooRow(istToUtc(session, 9, 15), close, close + 10.0, close - 10.0, close, 1000);
        };
        const std::int64_t afterFriday = istToUtc(kFriday, 18, 0);
        const auto serving = [](std::vector<YahooRow> rows, std::vector<YahooSplitEvent> splits) {
            return [rows, splits](const FakeHttpRequest& request) {
                const qint64 from = request.queryValue("period1").toLongLong();
                std::vector<YahooRow> window;
                for (const auto& r : rows)
                    window.push_back(r);
                std::erase_if(window, [from](const YahooRow& r) { return r.timestamp < from; });
                std::vector<YahooSplitEvent> inWindow = splits;
                std::erase_if(inWindow, [from](const YahooSplitEvent& e) { return e.timestamp < from; });
                return FakeHttpResponse::json(yahooChartJson(QStringLiteral("TCS.NS"), window, inWindow));
            };
        };
        {
            FakeHttpServer server;
            server.setHandler(serving({row(kWednesday, 4000.0), row(kThursday, 4100.0)}, {}));
            YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(istToUtc(kThursday, 18, 0)));
            MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(istToUtc(kThursday, 18, 0)));
            QVERIFY(refresher.refreshBars(stock, RefreshOptions{}).ok);
        }
        const std::vector<YahooRow> adjusted{row(kWednesday, 2000.0), row(kThursday, 2050.0), row(kFriday, 2070.0)};
        const YahooSplitEvent split{istToUtc(kFriday, 9, 15), 2.0, 1.0};

        // The history cannot be fetched again: nothing is stored, the old bars stay.
        {
            FakeHttpServer server;
            int served = 0;
            const auto answer = serving(adjusted, {split});
            server.setHandler([&served, answer](const FakeHttpRequest& request) {
                return ++served == 1 ? answer(request) : withStatus(503);
            });
            YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(afterFriday));
            MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(afterFriday));
            const RefreshOutcome outcome = refresher.refreshBars(stock, RefreshOptions{});
            QVERIFY(!outcome.ok);
            QVERIFY2(outcome.message.contains(QStringLiteral("split 2:1 on 2025-11-21")), qPrintable(outcome.message));
            QVERIFY2(outcome.message.contains(QStringLiteral("nothing was stored")), qPrintable(outcome.message));
            const BarSeries kept = store.loadBars(stock.symbol, Interval::Daily);
            QCOMPARE(kept.size(), std::size_t(2));
            QCOMPARE(kept.bars[0].close, 4000.0);
        }

        // The history fetched again does not reach back to the stored bars (or holds none): it would
        // replace them all, so nothing is replaced and the old bars stay.
        for (const std::vector<YahooRow>& shortHistory : {std::vector<YahooRow>{adjusted.back()}, std::vector<YahooRow>{}}) {
            FakeHttpServer server;
            int served = 0;
            const auto first = serving(adjusted, {split});
            const auto again = serving(shortHistory, {split});
            server.setHandler([&served, first, again](const FakeHttpRequest& request) {
                return ++served == 1 ? first(request) : again(request);
            });
            YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(afterFriday));
            MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(afterFriday));
            const RefreshOutcome outcome = refresher.refreshBars(stock, RefreshOptions{});
            QVERIFY(!outcome.ok);
            const QString why = shortHistory.empty() ? QStringLiteral("holds no bars")
                                                     : QStringLiteral("starts on 2025-11-21, after the stored bars' first session 2025-11-19");
            QVERIFY2(outcome.message.contains(why) && outcome.message.contains(QStringLiteral("nothing was replaced")),
                     qPrintable(outcome.message));
            const BarSeries kept = store.loadBars(stock.symbol, Interval::Daily);
            QCOMPARE(kept.size(), std::size_t(2));
            QCOMPARE(kept.bars[0].close, 4000.0);
        }

        FakeHttpServer server;
        server.setHandler(serving(adjusted, {split}));
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(afterFriday));
        MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(afterFriday));
        const RefreshOutcome outcome = refresher.refreshBars(stock, RefreshOptions{});
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QCOMPARE(outcome.storedBars, 3);
        QVERIFY2(outcome.message.contains(QStringLiteral("split 2:1 on 2025-11-21")), qPrintable(outcome.message));
        const auto requests = server.requests();
        QCOMPARE(requests.size(), std::size_t(2));
        QCOMPARE(requests[1].queryValue("period1").toLongLong(), istToUtc(kWednesday, 9, 15));
        const BarSeries replaced = store.loadBars(stock.symbol, Interval::Daily);
        QCOMPARE(replaced.size(), std::size_t(3));
        QCOMPARE(replaced.bars[0].close, 2000.0);
        QCOMPARE(replaced.bars[2].close, 2070.0);
    }

    void malformedSplitEventIsAParseError()
    {
        QByteArray json = yahooChartJson(QStringLiteral("TCS.NS"), {yahooRow(istToUtc(kFriday, 9, 15), 1, 2, 0.5, 1.5, 10)},
                                         {{istToUtc(kFriday, 9, 15), 2.0, 1.0}});
        json.replace("\"denominator\":1", "\"denominator\":null");
        const auto parsed = parseYahooChart(json, Interval::Daily, istToUtc(kFriday, 18, 0));
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().kind == ProviderErrorKind::Parse);
        QVERIFY2(parsed.error().message.contains(QStringLiteral("split event")), qPrintable(parsed.error().message));
    }

    void refresherFailureKeepsTheCacheAndSaysSinceWhen()
    {
        QTemporaryDir directory;
        MarketStore store(directory.filePath(QStringLiteral("market.sqlite")));
        FakeHttpServer server;
        const std::int64_t friday = istToUtc(kFriday, 18, 0);
        server.setHandler(yahooServing(niftyWeekRows(26102.5, false)));
        {
            YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(friday));
            MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(friday));
            QVERIFY(refresher.refreshBars(niftyTicker(), RefreshOptions{}).ok);
        }
        const BarSeries cached = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);
        QCOMPARE(cached.size(), std::size_t(3));

        server.script(kNiftyChartPath, {withStatus(503)});
        const std::int64_t firstFailure = friday + 3 * 86400;
        const std::int64_t secondFailure = firstFailure + 3600;
        for (const std::int64_t now : {firstFailure, secondFailure}) {
            YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(now));
            MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(now));
            const RefreshOutcome outcome = refresher.refreshBars(niftyTicker(), RefreshOptions{});
            QVERIFY(!outcome.ok);
            QVERIFY2(outcome.message.contains(QStringLiteral("HTTP 503")), qPrintable(outcome.message));
            QVERIFY2(outcome.message.contains(QStringLiteral("cached bars kept")), qPrintable(outcome.message));
            QCOMPARE(outcome.failingSinceUtc.toSecsSinceEpoch(), firstFailure);
            QVERIFY2(outcome.message.contains(QStringLiteral("failing since ")
                                              + QDateTime::fromSecsSinceEpoch(firstFailure, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))),
                     qPrintable(outcome.message));
        }

        QCOMPARE(store.loadBars(QStringLiteral("NIFTY"), Interval::Daily).bars, cached.bars);
        const auto log = store.fetchLog(QStringLiteral("NIFTY"));
        QCOMPARE(log.size(), std::size_t(3));
        const auto last = store.lastFetch(QStringLiteral("NIFTY"), Interval::Daily);
        QCOMPARE(last->outcome, FetchOutcome::Failed);
        QVERIFY2(last->message.contains(QStringLiteral("503")), qPrintable(last->message));
    }

    // With Yahoo down every ticker failed the same way after four tries each: half an hour for the
    // universe. Five unreachable tickers in a row stop the run; a ticker's own error (404) does not.
    void refresherStopsWhenTheSourceCannotBeReached()
    {
        QTemporaryDir directory;
        MarketStore store(directory.filePath(QStringLiteral("market.sqlite")));
        const std::vector<Ticker> tickers = stocks({"TCS", "INFY", "ITC", "SBIN", "LT", "HCLTECH", "WIPRO", "ONGC"});
        const std::int64_t now = istToUtc(kFriday, 18, 0);
        FakeHttpServer server;
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(now));
        MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(now));

        server.setHandler([](const FakeHttpRequest&) { return withStatus(503); });
        const RefreshReport down = refresher.refresh(tickers, RefreshOptions{});
        QCOMPARE(int(down.outcomes.size()), kUnreachableTickersBeforeStopping);
        QCOMPARE(down.failureCount(), kUnreachableTickersBeforeStopping);
        QVERIFY2(down.stoppedEarly.contains(QStringLiteral("5 tickers in a row, so the other 3 were not tried")),
                 qPrintable(down.stoppedEarly));
        QVERIFY(!down.cancelled);

        server.setHandler([](const FakeHttpRequest&) {
            return FakeHttpResponse::json(aegis::testing::yahooChartErrorJson(
                QStringLiteral("Not Found"), QStringLiteral("No data found, symbol may be delisted")), 404);
        });
        const RefreshReport unknown = refresher.refresh(tickers, RefreshOptions{});
        QCOMPARE(unknown.outcomes.size(), tickers.size());
        QVERIFY(unknown.stoppedEarly.isEmpty());
    }

    // Told 'Retry-After: 120' (beyond the client's wait), the run sent the next tickers' requests
    // within two seconds anyway; it stops at the first.
    void refresherStopsWhenToldToWaitLonger()
    {
        QTemporaryDir directory;
        MarketStore store(directory.filePath(QStringLiteral("market.sqlite")));
        const std::vector<Ticker> tickers = stocks({"TCS", "INFY", "ITC"});
        const std::int64_t now = istToUtc(kFriday, 18, 0);
        FakeHttpServer server;
        server.setHandler([](const FakeHttpRequest&) {
            FakeHttpResponse busy = withStatus(429);
            busy.headers.emplace_back("Retry-After", "120");
            return busy;
        });
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(now));
        MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(now));
        const RefreshReport report = refresher.refresh(tickers, RefreshOptions{});
        QCOMPARE(report.outcomes.size(), std::size_t(1));
        QCOMPARE(server.requests().size(), std::size_t(1));
        QVERIFY2(report.stoppedEarly.contains(QStringLiteral("asked for a pause longer than this client waits, so the other 2 tickers")),
                 qPrintable(report.stoppedEarly));
    }

    // NSE down cost each ticker four timed-out attempts (~40 s): hours over the universe. After five
    // unreachable chains in a row the bars go on and the remaining chains are not tried, and say so.
    void refresherStopsAskingNseWhenItCannotBeReached()
    {
        QTemporaryDir directory;
        MarketStore store(directory.filePath(QStringLiteral("market.sqlite")));
        const std::vector<Ticker> tickers = stocks({"TCS", "INFY", "ITC", "SBIN", "LT", "HCLTECH", "WIPRO", "ONGC"});
        const std::int64_t now = istToUtc(kFriday, 18, 0);
        FakeHttpServer yahooServer;
        yahooServer.setHandler([](const FakeHttpRequest& request) {
            const QString yahooSymbol = QString::fromUtf8(QByteArray::fromPercentEncoding(request.path.mid(request.path.lastIndexOf('/') + 1)));
            return FakeHttpResponse::json(yahooChartJson(yahooSymbol, niftyWeekRows(1500.0, false)));
        });
        FakeHttpServer nseServer;
        nseServer.setHandler([](const FakeHttpRequest&) { return withStatus(503); });
        YahooChartProvider yahoo(yahooServer.baseUrl(), fastConfig(), fixedClock(now));
        NseOptionChainProvider nse(nseServer.baseUrl(), fastConfig());
        MarketDataRefresher refresher(store, yahoo, &nse, fixedClock(now));
        RefreshOptions options;
        options.optionChains = true;
        const RefreshReport report = refresher.refresh(tickers, options);

        int barsFetched = 0;
        int chainsTried = 0;
        for (const RefreshOutcome& outcome : report.outcomes) {
            barsFetched += outcome.what.startsWith(QStringLiteral("yahoo")) && outcome.ok ? 1 : 0;
            chainsTried += outcome.what == QStringLiteral("nse option chain") && !outcome.symbol.contains(' ') ? 1 : 0;
        }
        QCOMPARE(barsFetched, int(tickers.size()));
        QCOMPARE(chainsTried, kUnreachableTickersBeforeStopping);
        const RefreshOutcome& skipped = report.outcomes.back();
        QCOMPARE(skipped.symbol, QStringLiteral("3 more tickers"));
        QVERIFY2(skipped.message.contains(QStringLiteral("not tried: NSE could not be reached for 5 option chains in a row")),
                 qPrintable(skipped.message));
        QVERIFY(!skipped.ok);
        QCOMPARE(report.failureCount(), 8);  // five chains failed, three not tried
        QCOMPARE(report.seriesCount(), 16);
        QVERIFY(report.stoppedEarly.isEmpty());
    }

    void refresherStoresNothingFromTruncatedJson()
    {
        QTemporaryDir directory;
        MarketStore store(directory.filePath(QStringLiteral("market.sqlite")));
        FakeHttpServer server;
        const QByteArray full = yahooChartJson(QStringLiteral("RELIANCE.NS"), niftyWeekRows(1500.0, false));
        server.script("/v8/finance/chart/RELIANCE.NS", {FakeHttpResponse::json(full.left(full.size() - 40))});
        const std::int64_t now = istToUtc(kFriday, 18, 0);
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(now));
        MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(now));
        const RefreshOutcome outcome = refresher.refreshBars(stockTicker(QStringLiteral("RELIANCE")), RefreshOptions{});
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.message.contains(QStringLiteral("invalid JSON")), qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(QStringLiteral("no cached bars")), qPrintable(outcome.message));
        QVERIFY(store.loadBars(QStringLiteral("RELIANCE"), Interval::Daily).empty());
        QCOMPARE(store.lastFetch(QStringLiteral("RELIANCE"), Interval::Daily)->outcome, FetchOutcome::Failed);
    }

    void refresherReportsProgressAndStopsWhenCancelled()
    {
        QTemporaryDir directory;
        MarketStore store(directory.filePath(QStringLiteral("market.sqlite")));
        FakeHttpServer server;
        server.setHandler([](const FakeHttpRequest&) {
            return FakeHttpResponse::json(yahooChartJson(QStringLiteral("X.NS"), niftyWeekRows(100.0, false)));
        });
        const std::int64_t now = istToUtc(kFriday, 18, 0);
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(now));
        MarketDataRefresher refresher(store, yahoo, nullptr, fixedClock(now));
        const std::vector<Ticker> tickers{stockTicker(QStringLiteral("TCS")), stockTicker(QStringLiteral("INFY")),
                                          stockTicker(QStringLiteral("ITC"))};

        std::vector<std::pair<double, QString>> progress;
        const RefreshReport all = refresher.refresh(tickers, RefreshOptions{}, [&](double fraction, const QString& message) {
            progress.emplace_back(fraction, message);
        });
        QCOMPARE(all.outcomes.size(), std::size_t(3));
        QCOMPARE(all.failureCount(), 0);
        QVERIFY(!all.cancelled);
        QCOMPARE(progress.size(), std::size_t(3));
        QVERIFY(std::abs(progress[0].first - 1.0 / 3.0) < 1e-12);
        QCOMPARE(progress[2].first, 1.0);
        QVERIFY2(progress[1].second.contains(QStringLiteral("[2/3] INFY")), qPrintable(progress[1].second));

        CancellationToken cancel;
        int calls = 0;
        const RefreshReport stopped = refresher.refresh(tickers, RefreshOptions{}, [&](double, const QString&) {
            ++calls;
            cancel.cancel();
        }, cancel);
        QVERIFY(stopped.cancelled);
        QCOMPARE(stopped.outcomes.size(), std::size_t(1));
        QCOMPARE(calls, 1);
    }

    void refresherStoresOptionChainSnapshots()
    {
        QTemporaryDir directory;
        MarketStore store(directory.filePath(QStringLiteral("market.sqlite")));
        FakeHttpServer server;
        server.setHandler(yahooServing(niftyWeekRows(26102.5, false)));
        server.script("/option-chain", {withStatus(200, "<html></html>")});
        server.script("/api/option-chain-indices", {FakeHttpResponse::json(aegis::testing::nseNiftyOptionChainJson())});
        const std::int64_t now = istToUtc(kFriday, 18, 0);
        YahooChartProvider yahoo(server.baseUrl(), fastConfig(), fixedClock(now));
        NseOptionChainProvider nse(server.baseUrl(), fastConfig());
        MarketDataRefresher refresher(store, yahoo, &nse, fixedClock(now));
        RefreshOptions options;
        options.optionChains = true;
        // Earlier refreshes' snapshots, one a day: the fetch keeps the newest few, its own included.
        const OptionChain served = parseNseOptionChain(aegis::testing::nseNiftyOptionChainJson(), QStringLiteral("NIFTY")).value();
        for (int daysBefore = 1; daysBefore <= kOptionChainSnapshotsKept + 2; ++daysBefore) {
            OptionChain earlier = served;
            earlier.takenAtUtc -= daysBefore * 86400;
            earlier.underlyingValue -= daysBefore;
            store.saveOptionChain(earlier);
        }
        const RefreshReport report = refresher.refresh({niftyTicker()}, options);
        QCOMPARE(report.outcomes.size(), std::size_t(2));
        QVERIFY2(report.outcomes[1].ok, qPrintable(report.outcomes[1].message));
        QCOMPARE(report.outcomes[1].what, QStringLiteral("nse option chain"));
        const auto chain = store.latestOptionChain(QStringLiteral("NIFTY"));
        QVERIFY(chain.has_value());
        QCOMPARE(chain->strikes.size(), std::size_t(5));
        QCOMPARE(chain->underlyingValue, 26068.15);
        QCOMPARE(store.pruneOptionChains(QStringLiteral("NIFTY"), 1), kOptionChainSnapshotsKept - 1);
    }
};

QTEST_GUILESS_MAIN(ProvidersTest)
#include "test_data_providers.moc"
