#pragma once

// How a CSV file's name becomes an NSE symbol: the one place that knows Yahoo-style spellings.
//
//   M&M.csv             -> M&M                RELIANCE.NS.csv -> RELIANCE (".NS" dropped)
//   NSEI_daily.csv      -> NIFTY, daily       ^NSEI.csv       -> NIFTY    ("^" dropped)
//   NSEI_5m.csv         -> NIFTY, 5 minutes   NSEBANK.csv     -> BANKNIFTY
//   INDIAVIX_daily.csv  -> INDIAVIX           NIFTY_FIN_SERVICE.csv -> FINNIFTY
//
// Suffixes `_daily`/`_1d`, `_5m` and `_1m` (any case) name the interval; `_intraday` is dropped
// without naming one (the rows decide). Everything else must already be an NSE symbol.

#include "data/core/market_types.h"

#include <QString>

#include <optional>

namespace aegis::data {

struct FileNameSymbol {
    QString symbol;                        // valid per isValidSymbol()
    std::optional<Interval> intervalHint;  // from a suffix, when the name has one
};

// `fileName` is a file name or path; only the last component counts. Nothing when the name does
// not give a valid NSE symbol (e.g. "A;B.csv").
std::optional<FileNameSymbol> symbolFromFileName(const QString& fileName);
// The interval a suffix names, whatever the rest of the name is (used with an explicit --symbol).
std::optional<Interval> intervalFromFileName(const QString& fileName);

}  // namespace aegis::data
