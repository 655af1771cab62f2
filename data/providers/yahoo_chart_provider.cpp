#include "data/providers/yahoo_chart_provider.h"

#include <QDateTime>
#include <QTimeZone>

#include <utility>

namespace aegis::data {

namespace {

// A minute inside Yahoo's window, so a request built a moment ago is not rejected at the edge.
constexpr std::int64_t kWindowMarginSeconds = 60;

QString utcDateText(std::int64_t utc)
{
    return QDateTime::fromSecsSinceEpoch(utc, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

ProviderError withContext(ProviderError error, const YahooChartRequest& request)
{
    error.message = QStringLiteral("Yahoo %1 (%2) %3: %4")
                        .arg(request.symbol, request.yahooSymbol, toString(request.interval), error.message);
    return error;
}

}  // namespace

UtcClock systemUtcClock()
{
    return [] { return QDateTime::currentSecsSinceEpoch(); };
}

QUrl YahooChartProvider::defaultBaseUrl()
{
    return QUrl(QStringLiteral("https://query1.finance.yahoo.com"));
}

YahooChartProvider::YahooChartProvider(QUrl baseUrl, HttpClientConfig http, UtcClock clock)
    : baseUrl_(std::move(baseUrl)), http_(std::move(http)), clock_(std::move(clock))
{
}

std::optional<std::int64_t> YahooChartProvider::intradayLookbackSeconds(Interval interval)
{
    switch (interval) {
    case Interval::Daily: return std::nullopt;
    case Interval::FiveMinute: return 60 * 86400;
    case Interval::OneMinute: return 7 * 86400;
    }
    return std::nullopt;
}

QUrl YahooChartProvider::chartUrl(const QString& yahooSymbol, Interval interval, std::int64_t fromUtc,
                                  std::int64_t toUtc) const
{
    // Built as encoded text so '^' and '&' in the symbol stay percent-encoded inside the path.
    const QByteArray url = baseUrl_.toEncoded(QUrl::StripTrailingSlash) + "/v8/finance/chart/"
                           + QUrl::toPercentEncoding(yahooSymbol) + "?period1=" + QByteArray::number(fromUtc)
                           + "&period2=" + QByteArray::number(toUtc) + "&interval=" + toString(interval).toLatin1()
                           + "&events=div,split";
    return QUrl::fromEncoded(url, QUrl::StrictMode);
}

Outcome<YahooChartFetch> YahooChartProvider::fetchBars(const YahooChartRequest& request, const CancellationToken& cancel)
{
    if (request.yahooSymbol.trimmed().isEmpty()) {
        ProviderError error;
        error.kind = ProviderErrorKind::InvalidRequest;
        error.message = QStringLiteral("no Yahoo symbol");
        return withContext(error, request);
    }
    const std::int64_t now = clock_();
    const std::int64_t to = request.toUtc.value_or(now);

    YahooChartFetch fetch;
    fetch.fromUtc = request.fromUtc;
    if (const auto lookback = intradayLookbackSeconds(request.interval)) {
        const std::int64_t earliest = now - *lookback + kWindowMarginSeconds;
        if (fetch.fromUtc < earliest) {
            fetch.clampNote = QStringLiteral("Yahoo serves %1 bars for the last %2 days only; start moved from %3 to %4")
                                  .arg(toString(request.interval))
                                  .arg(*lookback / 86400)
                                  .arg(utcDateText(fetch.fromUtc), utcDateText(earliest));
            fetch.fromUtc = earliest;
        }
    }

    fetch.series.symbol = request.symbol;
    fetch.series.interval = request.interval;
    fetch.series.source = DataSource::Yahoo;
    if (fetch.fromUtc >= to)  // nothing can have traded in an empty window
        return fetch;

    const QUrl url = chartUrl(request.yahooSymbol, request.interval, fetch.fromUtc, to);
    if (!url.isValid()) {
        ProviderError error;
        error.kind = ProviderErrorKind::InvalidRequest;
        error.message = QStringLiteral("cannot build a chart URL from base '%1'").arg(baseUrl_.toString());
        return withContext(error, request);
    }

    const Outcome<HttpResponse> response =
        http_.get(HttpRequest{url, {{QByteArray("Accept"), QByteArray("application/json")}}}, cancel);
    if (!response) {
        ProviderError error = response.error();
        // Yahoo answers an unknown symbol with 404 and a chart.error body: its description says more than "404".
        if (const auto description = yahooChartErrorDescription(error.body))
            error.message += QStringLiteral(" (Yahoo: %1)").arg(*description);
        return withContext(error, request);
    }

    Outcome<YahooChart> chart = parseYahooChart(response.value().body, request.interval, now);
    if (!chart)
        return withContext(chart.error(), request);

    fetch.meta = chart.value().meta;
    fetch.skippedNullBars = chart.value().skippedNullBars;
    fetch.skippedImplausibleBars = chart.value().skippedImplausibleBars;
    fetch.firstImplausible = chart.value().firstImplausible;
    fetch.skippedPlaceholderBars = chart.value().skippedPlaceholderBars;
    fetch.firstPlaceholder = chart.value().firstPlaceholder;
    fetch.splits = std::move(chart.value().splits);
    fetch.series.bars = std::move(chart.value().bars);
    return fetch;
}

}  // namespace aegis::data
