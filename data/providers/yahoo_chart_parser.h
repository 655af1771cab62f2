#pragma once

// Reads Yahoo Finance's v8 chart JSON:
// {"chart":{"result":[{"meta":{...},"timestamp":[...],"indicators":{"quote":[{"open":[],...}]}}],"error":null}}

#include "data/core/market_types.h"
#include "data/providers/provider_error.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace aegis::data {

struct YahooChartMeta {
    QString symbol;                 // Yahoo's own symbol, "^NSEI"
    QString currency;               // "INR"
    QString exchangeTimezoneName;   // "Asia/Kolkata"
    std::optional<double> regularMarketPrice;
    std::optional<std::int64_t> regularMarketTime;
};

// `events.splits` of a chart asked for with events=split: {"<utc>": {"date": utc, "numerator": 2,
// "denominator": 1, "splitRatio": "2:1"}}. The chart's prices are in post-split units throughout.
struct YahooSplit {
    std::int64_t utc = 0;  // the first session trading in the new units
    double numerator = 0.0;
    double denominator = 0.0;
};

struct YahooChart {
    YahooChartMeta meta;
    std::vector<YahooSplit> splits;  // ascending by utc
    std::vector<Bar> bars;      // ascending by utc, one per key, `final` set against `nowUtc`
    int skippedNullBars = 0;    // timestamps whose open/high/low/close had a null
    // Bars no market trades (implausibleBarReason: a zero or negative price, High below Low, 1e300),
    // skipped like the null holes; the first one's date and reason for the fetch log.
    int skippedImplausibleBars = 0;
    QString firstImplausible;
    // Flat, zero-volume daily rows Yahoo serves for a day NSE did not trade (the 2026-01-15 election
    // closure), skipped as CSV import skips them: stored, they add a session that never was.
    int skippedPlaceholderBars = 0;
    QDate firstPlaceholder;
};

// Daily bars are keyed by their session's open (see bar_finality.h) and a later duplicate of the same
// session wins; intraday bars keep Yahoo's timestamp. A null volume reads as 0 (indices have none).
// Invalid or truncated JSON, a missing field or mismatched array lengths give a Parse error; a
// `chart.error` object gives a Remote error carrying Yahoo's description, a split event without a
// positive numerator, denominator and date a Parse error.
Outcome<YahooChart> parseYahooChart(const QByteArray& json, Interval interval, std::int64_t nowUtc);

// "Not Found: No data found, symbol may be delisted" when `json` is a chart.error body (Yahoo sends one
// with its 4xx answers); nothing otherwise.
std::optional<QString> yahooChartErrorDescription(const QByteArray& json);

}  // namespace aegis::data
