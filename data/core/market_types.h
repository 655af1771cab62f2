#pragma once

// Value types shared by every layer above data/: bars, series, option chains and where they came from.

#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace aegis::data {

enum class Interval { Daily, FiveMinute, OneMinute };

// Where a record came from. The label follows the data everywhere it is shown or exported:
// DEMO data must never be mistaken for a real market.
enum class DataSource { Demo, Csv, Yahoo, Nse };

QString toString(Interval interval);             // "1d", "5m", "1m"
std::int64_t intervalSeconds(Interval interval); // a bar's length: 86400, 300, 60
std::optional<Interval> intervalFromString(const QString& text);
QString toString(DataSource source);             // "demo", "csv", "yahoo", "nse"
std::optional<DataSource> dataSourceFromString(const QString& text);

// One OHLCV bar. `utc` is the bar's open time in seconds since the Unix epoch (UTC); `session` is the
// NSE session (IST trading date) the bar belongs to. A bar of a session still in progress is not final.
struct Bar {
    std::int64_t utc = 0;
    QDate session;
    double open = 0.0;
    double high = 0.0;
    double low = 0.0;
    double close = 0.0;
    double volume = 0.0;
    bool final = true;

    friend bool operator==(const Bar&, const Bar&) = default;
};

// Beyond these a bar is corrupt, not a market: the dearest NSE share trades near ₹1.5 lakh and the
// busiest stock session near 10^9 shares (a DEMO index, summing its members, reaches 10^13), while
// a price of 1e300 (which import and fetch used to store) overflows the models' float inputs and
// stopped training for the whole universe.
inline constexpr double kMaxPlausiblePrice = 1e8;
// NSE's tick is ₹0.01, so no traded price is below it; 1e-40 passed the old "positive" check and its
// ATR / close (1e43) overflowed the float inputs the same way.
inline constexpr double kMinPlausiblePrice = 0.01;
inline constexpr double kMaxPlausibleVolume = 1e15;

// Why `bar` cannot be a market's: a price not finite, not positive, below kMinPlausiblePrice or above
// kMaxPlausiblePrice, High
// below Low, Open or Close outside [Low, High], a volume negative, not finite or above
// kMaxPlausibleVolume. Nothing when it can.
std::optional<QString> implausibleBarReason(const Bar& bar);

// Bars of one symbol at one interval, sorted by `utc`, no duplicates.
struct BarSeries {
    QString symbol;
    Interval interval = Interval::Daily;
    DataSource source = DataSource::Demo;
    std::vector<Bar> bars;

    bool empty() const { return bars.empty(); }
    std::size_t size() const { return bars.size(); }
};

struct OptionQuote {
    double openInterest = 0.0;
    double changeInOpenInterest = 0.0;
    double totalTradedVolume = 0.0;
    double impliedVolatility = 0.0;  // percent, as NSE publishes it; 0 when NSE has none
    double lastPrice = 0.0;
    double bidPrice = 0.0;
    double askPrice = 0.0;
};

struct OptionStrike {
    double strike = 0.0;
    QDate expiry;
    std::optional<OptionQuote> call;
    std::optional<OptionQuote> put;
};

// One option-chain snapshot as published by NSE for one underlying.
struct OptionChain {
    QString symbol;
    std::int64_t takenAtUtc = 0;
    double underlyingValue = 0.0;
    std::vector<QDate> expiries;
    std::vector<OptionStrike> strikes;
    DataSource source = DataSource::Nse;
};

}  // namespace aegis::data
