#pragma once

// Reads an OHLCV CSV into validated bars, without touching any store. The rules (documented in
// docs/data-store-import.md):
// * Header `Date,Open,High,Low,Close,Volume` in any column order (`Datetime` accepted for `Date`),
//   optionally with Yahoo's `Adj Close`, which is ignored: Close is the traded close (split-adjusted
//   by Yahoo, not dividend-adjusted), the price every other source in the store reports. yfinance's
//   three-line multi-index header (`Price,...` / `Ticker,...` / `Date,,,,,`) is accepted too.
// * Dates are `YYYY-MM-DD`, or timestamps `YYYY-MM-DD HH:MM[:SS]` in UTC unless they carry an offset
//   (`+05:30`, `Z`). A timestamp at 00:00 local time is a plain date.
// * The interval is detected from the rows: one row per session is daily; otherwise the most
//   common spacing within a session must be 5 or 1 minutes.
// * Any malformed row rejects the whole file (CsvRejection with the line number).

#include "data/core/market_types.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>
#include <stdexcept>
#include <vector>

namespace aegis::data {

// Why a file cannot be imported. `line` is the 1-based line of the file, 0 for the file as a whole.
class CsvRejection : public std::runtime_error {
public:
    CsvRejection(int line, const QString& reason);
    int line() const { return line_; }
    const QString& reason() const { return reason_; }

private:
    int line_;
    QString reason_;
};

// Rows left out of the import for one reason.
struct SkippedRows {
    QString reason;
    std::vector<QDate> sessions;  // the dates of the rows skipped
};

struct ParsedBars {
    Interval interval = Interval::Daily;
    std::vector<Bar> bars;  // ascending, one per session (daily) or timestamp (intraday)
    // Flat zero-volume daily rows (Open = High = Low = Close, Volume 0) on real sessions, kept: the
    // session did happen, and the row repeats the previous close, so it adds no false move.
    int placeholdersKept = 0;
    int formingBars = 0;       // bars of a session still in progress when the file was written
    int offCalendarRows = 0;   // daily rows kept on days the NSE calendar has no session
    // The file has yfinance history()'s Dividends / Stock Splits columns (ignored); its prices are
    // then usually adjusted for dividends as well (auto_adjust), unlike Yahoo's chart close.
    bool corporateActionColumns = false;
    QString declaredTicker;    // the Yahoo ticker a yfinance multi-index header names ("RELIANCE.NS"), else empty
    std::vector<SkippedRows> skipped;
};

struct BarParseOptions {
    std::optional<Interval> intervalHint;  // from the file name; a contradiction rejects the file
    QDateTime nowUtc;                      // decides whether today's last bar is final; now when invalid
};

// Throws CsvRejection.
ParsedBars parseBarCsv(const QByteArray& content, const BarParseOptions& options);

}  // namespace aegis::data
