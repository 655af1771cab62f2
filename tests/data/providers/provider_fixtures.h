#pragma once

// Responses in the real Yahoo chart and NSE option-chain formats, for the fake servers.

#include <QByteArray>
#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace aegis::testing {

struct YahooRow {
    std::int64_t timestamp = 0;
    std::optional<double> open;
    std::optional<double> high;
    std::optional<double> low;
    std::optional<double> close;
    std::optional<double> volume;
};

// A complete OHLCV row.
YahooRow yahooRow(std::int64_t timestamp, double open, double high, double low, double close, double volume);

struct YahooSplitEvent {
    std::int64_t timestamp = 0;
    double numerator = 0.0;
    double denominator = 0.0;
};

// {"chart":{"result":[{"meta":..,"timestamp":..,"indicators":{"quote":[..]}}],"error":null}}; no rows gives a
// result without timestamps, as Yahoo sends for a window with no trading. Splits go into
// "events":{"splits":{"<ts>":{"date":..,"numerator":..,"denominator":..,"splitRatio":"n:d"}}}.
QByteArray yahooChartJson(const QString& yahooSymbol, const std::vector<YahooRow>& rows,
                          const std::vector<YahooSplitEvent>& splits = {});
// {"chart":{"result":null,"error":{"code":..,"description":..}}}
QByteArray yahooChartErrorJson(const QString& code, const QString& description);

// Seconds since the epoch of an IST wall-clock time.
std::int64_t istToUtc(QDate date, int hour, int minute);

// A NIFTY option chain as NSE publishes it: two expiries, five strikes, one row with CE only and one with PE only.
QByteArray nseNiftyOptionChainJson();

}  // namespace aegis::testing
