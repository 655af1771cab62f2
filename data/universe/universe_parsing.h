#pragma once

// Strict parsers for the two universe file formats. Every problem is reported as a
// std::runtime_error whose message is `<label>:<line>: <reason>` (or `<label>: <reason>` for the file
// as a whole), where `label` is the path the user gave.

#include "data/universe/universe.h"

#include <QSet>
#include <QStringView>

#include <vector>

namespace aegis::data::universe_parsing {

struct ParsedUniverse {
    std::vector<Ticker> pickable;  // file order
    Ticker vix;
};

// The whole file as UTF-8 text; throws `<path>: reason` when it cannot be read, is larger than a
// universe file can plausibly be, or is not valid UTF-8.
QString readUtf8File(const QString& path);

// `symbol,yahoo_symbol,name,industry,kind`, kinds index/stock/vix, exactly one vix row.
ParsedUniverse parseUniverseCsv(QStringView text, const QString& label);

// NSE's `Company Name,Industry,Symbol,Series,ISIN Code`; the stock tickers in file order. A stock may
// not take one of the `reservedSymbols` (the indices and VIX).
std::vector<Ticker> parseNifty500Csv(QStringView text, const QString& label, const QSet<QString>& reservedSymbols);

// `former_symbol,symbol,isin`: each former symbol once, not itself a pickable ticker, renamed to one of
// `pickable`; ISINs `IN` + 10 letters or digits.
std::vector<SymbolRename> parseRenamedSymbols(QStringView text, const QString& label, const std::vector<Ticker>& pickable);

}  // namespace aegis::data::universe_parsing
