#pragma once

// The raw facts behind NseCalendar: weekday closures and sessions held outside the Monday–Friday
// 09:15–15:30 pattern, each with the name NSE gives it. Sources and doubts: docs/data-calendar-universe.md.

#include "data/calendar/nse_calendar.h"

#include <QDate>

#include <span>
#include <vector>

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

// Years after the published ones are projected up to this year: NSE has not announced their holidays,
// so only the closures that fall on the same date every year are assumed (projectedClosures).
inline constexpr int kLastProjectedYear = 2032;

// The weekday closures of a year NSE has not published yet: the holidays it has closed for in every
// covered year whenever they fell on a weekday (Republic Day, Good Friday, Ambedkar Jayanti,
// Maharashtra Day, Independence Day, Gandhi Jayanti, Christmas), each named "... (assumed)". Lunar
// holidays (Holi, Diwali, Id, ...) move every year and are not guessed. Ascending.
std::vector<Closure> projectedClosures(int year);

// Easter Sunday of a Gregorian year (Meeus/Jones/Butcher); Good Friday is two days before.
QDate easterSunday(int year);

}  // namespace aegis::data::calendar_tables
