#pragma once

// Reads NSE's option-chain JSON (api/option-chain-indices and api/option-chain-equities):
// {"records":{"expiryDates":["28-Nov-2025",...],"timestamp":"21-Nov-2025 15:30:00","underlyingValue":26068.15,
//   "data":[{"strikePrice":26000,"expiryDate":"28-Nov-2025","CE":{...},"PE":{...}},...]},"filtered":{...}}

#include "data/core/market_types.h"
#include "data/providers/provider_error.h"

#include <QByteArray>
#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>

namespace aegis::data {

// "28-Nov-2025" with English month names whatever the locale.
std::optional<QDate> parseNseDate(const QString& text);
// "21-Nov-2025 15:30:00" in IST, as seconds since the epoch (UTC).
std::optional<std::int64_t> parseNseTimestamp(const QString& text);

// Strikes come out sorted by (expiry, strike); a row with only CE or only PE leaves the other side empty.
// Missing quote fields read as 0 (NSE omits what did not trade). `{}` — what NSE sends a session it
// refuses — and any missing records field are Parse errors.
Outcome<OptionChain> parseNseOptionChain(const QByteArray& json, const QString& symbol);

}  // namespace aegis::data
