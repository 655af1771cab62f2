#pragma once

// Which bars are final: a bar is final once its period is over on the NSE clock. A forming bar is stored
// as not final and replaced by the final one later, so its key (utc) must be the same both times.

#include "data/core/market_types.h"

#include <QDate>

#include <chrono>
#include <cstdint>

namespace aegis::data {

// Yahoo keeps revising the day's numbers for a while after the close (closing auction, late prints).
inline constexpr std::chrono::minutes kDailySettleDelay{30};

// The session's opening instant (09:15 IST for a regular session; the calendar's times for special ones).
// Daily bars are keyed by it, whatever timestamp the provider gave the bar.
std::int64_t sessionOpenUtc(QDate session);
// A day the calendar does not list closes at 23:59 IST: its hours are unknown.
std::int64_t sessionCloseUtc(QDate session);

// Final once the session closed and kDailySettleDelay has passed.
bool isDailyBarFinal(QDate session, std::int64_t nowUtc);
// Final once the bar's own period (5 or 1 minutes from its open) is over.
bool isIntradayBarFinal(std::int64_t barOpenUtc, Interval interval, std::int64_t nowUtc);

}  // namespace aegis::data
