#pragma once

// The raw facts behind NseCalendar: weekday closures and sessions held outside the Monday–Friday
// 09:15–15:30 pattern, each with the name NSE gives it. Sources and doubts: docs/data-calendar-universe.md.

#include "data/calendar/nse_calendar.h"

#include <span>

namespace aegis::data::calendar_tables {

// Covered years: every date from 2020-01-01 to 2026-12-31 follows these tables.
inline constexpr int kFirstCoveredYear = 2020;
inline constexpr int kLastCoveredYear = 2026;

struct Closure {
    int year;
    int month;
    int day;
    const char* name;
};

// Minutes after midnight IST.
struct SpecialSession {
    int year;
    int month;
    int day;
    SessionKind kind;
    int openMinute;
    int closeMinute;
    int breakStartMinute;  // -1 when the session has no pause
    int breakEndMinute;
    const char* name;
};

// Weekday trading holidays and ad-hoc closures, ascending. Holidays NSE lists on Saturdays or Sundays
// are left out: the market is closed on those days anyway.
std::span<const Closure> closures();

// Muhurat evenings, weekend sessions and disaster-recovery drill sessions, ascending.
std::span<const SpecialSession> specialSessions();

}  // namespace aegis::data::calendar_tables
