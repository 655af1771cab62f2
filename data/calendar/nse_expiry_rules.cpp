#include "data/calendar/nse_expiry_rules.h"

#include "data/core/symbol.h"

namespace aegis::data::expiry_rules {

namespace {

// Dates are functions, not globals, so the calendar can be used during static initialisation.
// SEBI/NSE moved every NSE equity-derivative expiry to Tuesday for contracts expiring from this date.
QDate tuesdayEraStart() { return QDate(2025, 9, 1); }
// BANKNIFTY weeklies moved from Thursday to Wednesday from the week starting on this Monday.
QDate bankNiftyWednesdayWeekliesStart() { return QDate(2023, 9, 4); }
// SEBI's one-weekly-benchmark rule: weeklies expiring on or after this date exist only for NIFTY.
QDate singleWeeklyBenchmarkStart() { return QDate(2024, 11, 20); }
// FINNIFTY derivatives were launched on this trading day, expiring on Thursdays ...
QDate finNiftyLaunch() { return QDate(2021, 1, 11); }
// ... and every FINNIFTY contract moved to Tuesday from the week starting on this Monday.
QDate finNiftyTuesdaysStart() { return QDate(2021, 10, 18); }

int monthKey(int year, int month) { return year * 12 + (month - 1); }

bool inTuesdayEra(int year, int month) { return monthKey(year, month) >= monthKey(2025, 9); }

}  // namespace

std::optional<Underlying> classify(const QString& symbol)
{
    const std::optional<QString> normalised = normalisedSymbol(symbol);
    if (!normalised)
        return std::nullopt;
    if (*normalised == QLatin1String("NIFTY"))
        return Underlying::Nifty;
    if (*normalised == QLatin1String("BANKNIFTY"))
        return Underlying::BankNifty;
    if (*normalised == QLatin1String("FINNIFTY"))
        return Underlying::FinNifty;
    return Underlying::Stock;
}

std::optional<int> weeklyWeekday(Underlying underlying, QDate weekMonday)
{
    switch (underlying) {
    case Underlying::Nifty:
        return weekMonday >= tuesdayEraStart() ? Qt::Tuesday : Qt::Thursday;
    case Underlying::BankNifty: {
        const int weekday = weekMonday >= bankNiftyWednesdayWeekliesStart() ? Qt::Wednesday : Qt::Thursday;
        if (weekMonday.addDays(weekday - Qt::Monday) >= singleWeeklyBenchmarkStart())
            return std::nullopt;
        return weekday;
    }
    case Underlying::FinNifty: {
        const int weekday = weekMonday >= finNiftyTuesdaysStart() ? Qt::Tuesday : Qt::Thursday;
        const QDate nominal = weekMonday.addDays(weekday - Qt::Monday);
        if (nominal < finNiftyLaunch() || nominal >= singleWeeklyBenchmarkStart())
            return std::nullopt;
        return weekday;
    }
    case Underlying::Stock:
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<int> monthlyWeekday(Underlying underlying, int year, int month)
{
    if (inTuesdayEra(year, month))
        return Qt::Tuesday;
    const int key = monthKey(year, month);
    switch (underlying) {
    case Underlying::Nifty:
    case Underlying::Stock:
        return Qt::Thursday;
    case Underlying::BankNifty:
        // Last Wednesday from March 2024 until NSE re-aligned every monthly expiry on Thursday in January 2025.
        if (key >= monthKey(2024, 3) && key < monthKey(2025, 1))
            return Qt::Wednesday;
        return Qt::Thursday;
    case Underlying::FinNifty:
        if (key < monthKey(finNiftyLaunch().year(), finNiftyLaunch().month()))
            return std::nullopt;
        if (key < monthKey(finNiftyTuesdaysStart().year(), finNiftyTuesdaysStart().month()))
            return Qt::Thursday;
        return key < monthKey(2025, 1) ? Qt::Tuesday : Qt::Thursday;
    }
    return std::nullopt;
}

QDate lastWeekdayOfMonth(int year, int month, int weekday)
{
    const QDate last = QDate(year, month, 1).addMonths(1).addDays(-1);
    const int back = (last.dayOfWeek() - weekday + 7) % 7;
    return last.addDays(-back);
}

}  // namespace aegis::data::expiry_rules
