#pragma once

#include <QString>

#include <optional>

namespace aegis::data {

// NSE symbols are upper-case letters and digits with '&' and '-' inside (M&M, BAJAJ-AUTO, J&KBANK).
// Every symbol is checked against this before it reaches a URL, an SQL statement or a file name, so
// "../x" or "A;B" can never escape a directory or a query.
bool isValidSymbol(const QString& symbol);

// The symbol, trimmed and upper-cased, if it is valid; nothing otherwise.
std::optional<QString> normalisedSymbol(const QString& raw);

}  // namespace aegis::data
