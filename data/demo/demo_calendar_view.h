#pragma once

// What the DEMO generator needs from a trading calendar, as plain data and two functions. The real
// NSE calendar fills it in production (nseCalendarView); tests of the model's math can hand it any
// session list, so the generator never depends on how the calendar is implemented.

#include "data/calendar/nse_calendar.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace aegis::data::demo {

struct DemoSession {
    QDate date;
    std::int64_t openUtc = 0;   // seconds since the epoch
    std::int64_t closeUtc = 0;
};

struct DemoCalendarView {
    std::vector<DemoSession> sessions;  // the sessions to generate, ascending
    std::function<std::optional<QDate>(const QString& underlying, QDate onOrAfter)> nearestExpiry;
    std::function<std::optional<QDate>(const QString& underlying, QDate onOrAfter, ExpiryCycle cycle)> nextExpiry;
};

// Sessions from..to (inclusive) and expiries of NseCalendar::instance().
DemoCalendarView nseCalendarView(QDate from, QDate to);

}  // namespace aegis::data::demo
