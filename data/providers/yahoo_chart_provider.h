#pragma once

// Daily and intraday bars from Yahoo Finance's chart API:
// GET {base}/v8/finance/chart/{yahooSymbol}?period1=..&period2=..&interval=1d|5m|1m&events=div,split

#include "data/core/market_types.h"
#include "data/providers/http_client.h"
#include "data/providers/yahoo_chart_parser.h"

#include <QString>
#include <QUrl>

#include <cstdint>
#include <functional>
#include <optional>

namespace aegis::data {

// The current time in seconds since the epoch (UTC); tests pass a fixed clock.
using UtcClock = std::function<std::int64_t()>;
UtcClock systemUtcClock();

struct YahooChartRequest {
    QString symbol;       // NSE symbol the bars are stored under: "M&M"
    QString yahooSymbol;  // "M&M.NS", "^NSEI"
    Interval interval = Interval::Daily;
    std::int64_t fromUtc = 0;  // period1: bars at or after this instant
    std::optional<std::int64_t> toUtc;  // period2: now when not given
};

struct YahooChartFetch {
    BarSeries series;   // source Yahoo, symbol = the request's NSE symbol
    YahooChartMeta meta;
    int skippedNullBars = 0;
    int skippedImplausibleBars = 0;
    QString firstImplausible;
    int skippedPlaceholderBars = 0;  // see YahooChart
    QDate firstPlaceholder;
    std::vector<YahooSplit> splits;  // in the window asked for, ascending
    std::int64_t fromUtc = 0;  // period1 actually asked for (after clamping)
    QString clampNote;         // set when the start was moved to fit Yahoo's intraday window
};

class YahooChartProvider {
public:
    static QUrl defaultBaseUrl();  // https://query1.finance.yahoo.com

    explicit YahooChartProvider(QUrl baseUrl = defaultBaseUrl(), HttpClientConfig http = {},
                                UtcClock clock = systemUtcClock());

    Outcome<YahooChartFetch> fetchBars(const YahooChartRequest& request,
                                       const CancellationToken& cancel = CancellationToken::never());

    // How far back Yahoo serves intraday bars: 7 days of 1m, 60 days of 5m; nothing for daily.
    static std::optional<std::int64_t> intradayLookbackSeconds(Interval interval);

    QUrl chartUrl(const QString& yahooSymbol, Interval interval, std::int64_t fromUtc, std::int64_t toUtc) const;

private:
    QUrl baseUrl_;
    HttpClient http_;
    UtcClock clock_;
};

}  // namespace aegis::data
