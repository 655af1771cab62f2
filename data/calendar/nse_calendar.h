#pragma once

// The NSE trading calendar in IST (Asia/Kolkata, UTC+05:30, no daylight saving): regular sessions
// 09:15–15:30, weekends, official trading holidays 2020–2026, special sessions (Muhurat trading,
// the Saturday 2025-02-01 Budget session), ad-hoc closures (2024-05-20), and derivatives expiries.

#include <QDate>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace aegis::data {

enum class SessionKind { Regular, Muhurat, Special };

struct SessionTimes {
    SessionKind kind = SessionKind::Regular;
    QDateTime openUtc;   // 09:15 IST for a regular session
    QDateTime closeUtc;  // 15:30 IST for a regular session
    // The pause of a disaster-recovery drill session (trading stops while NSE switches sites);
    // invalid for every other session.
    QDateTime breakStartUtc;
    QDateTime breakEndUtc;
};

enum class ExpiryCycle { Weekly, Monthly };

class NseCalendar {
public:
    // The built-in calendar. `covers()` is true for the years NSE has published (firstCoveredDate..
    // lastCoveredDate). The years after them, to 2032, are projected: weekdays are sessions except the
    // closures NSE makes on the same date every year, named "... (assumed)" (nse_calendar_tables.h).
    // Before the covered years and after 2032 every weekday is a session.
    static const NseCalendar& instance();

    QDate firstCoveredDate() const;
    QDate lastCoveredDate() const;
    bool covers(QDate date) const;

    bool isSession(QDate date) const;
    std::optional<SessionTimes> sessionTimes(QDate date) const;  // nothing when not a session
    QString holidayName(QDate date) const;                         // empty when not a holiday
    // "Muhurat trading (Diwali Laxmi Pujan)", "Union Budget (Saturday)", ...; empty for regular sessions.
    QString specialSessionName(QDate date) const;
    // A session with the regular 09:15–15:30 hours and no pause (weekend Budget sessions included,
    // Muhurat evenings and disaster-recovery drills not): the days derivatives can expire on.
    bool isFullSession(QDate date) const;

    // The IST calendar date of a UTC instant (seconds since the epoch).
    static QDate istDate(std::int64_t utc);
    static QDateTime toIst(std::int64_t utc);

    bool isOpenAt(const QDateTime& instant) const;
    // The most recent session whose close is at or before `instant`.
    QDate lastCompletedSession(const QDateTime& instant) const;
    QDate nextSession(QDate after) const;       // first session strictly after `after`
    QDate previousSession(QDate before) const;  // last session strictly before `before`
    std::vector<QDate> sessionsBetween(QDate from, QDate to) const;  // inclusive, ascending
    // Sessions in (from, to]: 0 when to <= from.
    int sessionCount(QDate from, QDate to) const;

    // Underlyings: "NIFTY", "BANKNIFTY", "FINNIFTY", or any stock symbol (stocks have monthly
    // expiries only). Expiry days follow the rules in force on that date (NIFTY: Thursday, Tuesday
    // from September 2025) and move to the previous session when they fall on a holiday.
    std::optional<QDate> nextExpiry(const QString& underlying, QDate onOrAfter, ExpiryCycle cycle) const;
    std::vector<QDate> expiries(const QString& underlying, QDate from, QDate to, ExpiryCycle cycle) const;
    // The nearest expiry of any cycle the underlying trades on or after `onOrAfter`.
    std::optional<QDate> nearestExpiry(const QString& underlying, QDate onOrAfter) const;

private:
    NseCalendar();
    struct Tables;
    const Tables* tables_;
};

}  // namespace aegis::data
