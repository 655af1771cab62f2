#pragma once

// Which weekday NSE derivatives expire on, by underlying and date, before any holiday shift.
// History and sources: docs/data-calendar-universe.md.

#include <QDate>
#include <QString>

#include <optional>

namespace aegis::data::expiry_rules {

enum class Underlying { Nifty, BankNifty, FinNifty, Stock };

// NIFTY / BANKNIFTY / FINNIFTY by their NSE symbols; any other valid symbol is a stock; nothing for
// an invalid symbol.
std::optional<Underlying> classify(const QString& symbol);

// The weekday (Qt::DayOfWeek) of the weekly contract of the week starting on Monday `weekMonday`,
// or nothing when the underlying had no weekly contracts then.
std::optional<int> weeklyWeekday(Underlying underlying, QDate weekMonday);

// The weekday whose last occurrence in the month is the monthly expiry, or nothing when the underlying
// had no derivatives that month.
std::optional<int> monthlyWeekday(Underlying underlying, int year, int month);

// The last `weekday` (Qt::DayOfWeek) of the month.
QDate lastWeekdayOfMonth(int year, int month, int weekday);

}  // namespace aegis::data::expiry_rules
