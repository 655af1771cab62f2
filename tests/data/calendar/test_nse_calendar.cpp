// The NSE calendar against real exchange history: Yahoo's NIFTY / NIFTY BANK / stock files, and
// facts from NSE circulars (holidays, special sessions, expiry-day changes).
#include "data/calendar/nse_calendar.h"
#include "data/calendar/nse_calendar_tables.h"
#include "data/calendar/scheduled_events.h"

#include <QDateTime>
#include <QFile>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <optional>
#include <set>
#include <thread>

using aegis::data::ExpiryCycle;
using aegis::data::NseCalendar;
using aegis::data::SessionKind;

namespace {

const QString kDataDir = QStringLiteral(AEGIS_SHARED_DATA_DIR);

QDate d(int year, int month, int day) { return QDate(year, month, day); }

QDateTime ist(QDate date, int hour, int minute, int second = 0)
{
    return QDateTime(date, QTime(hour, minute, second), QTimeZone(5 * 3600 + 1800));
}

// Data lines of a CSV file (header dropped); an empty list if the file cannot be read.
QStringList dataLines(const QString& fileName)
{
    QFile file(kDataDir + QLatin1Char('/') + fileName);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (!lines.isEmpty())
        lines.removeFirst();
    return lines;
}

// Session dates of a uniform OHLCV file (`Date` = YYYY-MM-DD).
std::set<QDate> datesOf(const QString& fileName)
{
    std::set<QDate> dates;
    for (const QString& line : dataLines(fileName))
        dates.insert(QDate::fromString(line.section(QLatin1Char(','), 0, 0), Qt::ISODate));
    return dates;
}

std::vector<QDate> sessionsMissingFrom(const std::set<QDate>& dates, QDate from, QDate to)
{
    std::vector<QDate> missing;
    for (const QDate session : NseCalendar::instance().sessionsBetween(from, to)) {
        if (!dates.count(session))
            missing.push_back(session);
    }
    return missing;
}

std::vector<QDate> datesThatAreNotSessions(const std::set<QDate>& dates)
{
    std::vector<QDate> extra;
    for (const QDate date : dates) {
        if (!NseCalendar::instance().isSession(date))
            extra.push_back(date);
    }
    return extra;
}

QString listed(const std::vector<QDate>& dates)
{
    QStringList text;
    for (const QDate date : dates)
        text << date.toString(Qt::ISODate);
    return text.join(QLatin1Char(' '));
}

}  // namespace

class NseCalendarTest : public QObject {
    Q_OBJECT

    const NseCalendar& calendar = NseCalendar::instance();

private Q_SLOTS:
    // NSEI_daily.csv stamps each daily bar with its session's open in UTC. Every bar must fall on a
    // session, and every session in the file's span must have a bar, except the sessions Yahoo never
    // recorded: the 2023-11-12 Sunday Muhurat (README) and the three 2024 Saturday sessions (the
    // 2024-01-20 full session and the 2024-03-02 / 2024-05-18 disaster-recovery drills, all announced
    // in NSE circulars; Yahoo has no bar for them in any of our files).
    void niftyDailyFileMatchesTheCalendar()
    {
        QStringList lines = dataLines(QStringLiteral("NSEI_daily.csv"));
        QVERIFY2(lines.size() > 1200, "NSEI_daily.csv missing or truncated");
        lines.removeLast();  // partial intraday snapshot of 2025-11-28

        std::set<QDate> dates;
        std::vector<QDate> stampedOffOpen;
        for (const QString& line : lines) {
            const QDateTime stamp =
                QDateTime::fromString(line.section(QLatin1Char(','), 0, 0), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            QVERIFY2(stamp.isValid(), qPrintable(line));
            const QDateTime utc(stamp.date(), stamp.time(), Qt::UTC);
            const QDate session = NseCalendar::istDate(utc.toSecsSinceEpoch());
            dates.insert(session);
            const auto times = calendar.sessionTimes(session);
            if (times && times->openUtc != utc)
                stampedOffOpen.push_back(session);
        }
        QCOMPARE(listed(datesThatAreNotSessions(dates)), QString());
        QCOMPARE(listed(sessionsMissingFrom(dates, *dates.begin(), *dates.rbegin())),
                 QStringLiteral("2023-11-12 2024-01-20 2024-03-02 2024-05-18"));
        // README: the 2024 and 2025 Muhurat bars are stamped 03:45 UTC instead of their evening open.
        QCOMPARE(listed(stampedOffOpen), QStringLiteral("2024-11-01 2025-10-21"));
    }

    // NIFTY BANK runs to 2026-06-23: the 2026 holidays (including the 2026-01-15 election closure)
    // must be exactly its missing weekdays. Yahoo has no bar for the Sunday 2026-02-01 Budget session.
    void bankNiftyFileConfirms2026Holidays()
    {
        const std::set<QDate> dates = datesOf(QStringLiteral("NSEBANK.csv"));
        QVERIFY2(dates.size() > 1200, "NSEBANK.csv missing or truncated");
        QCOMPARE(listed(datesThatAreNotSessions(dates)), QString());
        QCOMPARE(listed(sessionsMissingFrom(dates, d(2025, 11, 28), *dates.rbegin())), QStringLiteral("2026-02-01"));
        QCOMPARE(*dates.rbegin(), d(2026, 6, 23));
    }

    // Stock files carry a fake 2026-01-15 row (a holiday) and a placeholder 2025-03-18 row (a real
    // session); apart from those they agree with the calendar from 2021-04-26 to 2026-04-24.
    void stockFileMatchesApartFromYahooPlaceholders()
    {
        const std::set<QDate> dates = datesOf(QStringLiteral("RELIANCE.csv"));
        QVERIFY2(dates.size() > 1200, "RELIANCE.csv missing or truncated");
        QCOMPARE(listed(datesThatAreNotSessions(dates)), QStringLiteral("2026-01-15"));
        QCOMPARE(listed(sessionsMissingFrom(dates, *dates.begin(), *dates.rbegin())),
                 QStringLiteral("2023-11-12 2024-01-20 2024-03-02 2024-05-18 2026-02-01"));
        QVERIFY(calendar.isSession(d(2025, 3, 18)));
    }

    void tablesAreConsistent()
    {
        namespace tables = aegis::data::calendar_tables;
        QDate previous;
        for (const tables::Closure& closure : tables::closures()) {
            const QDate date(closure.year, closure.month, closure.day);
            QVERIFY2(date.isValid() && date.dayOfWeek() <= Qt::Friday, closure.name);
            QVERIFY2(!previous.isValid() || previous < date, closure.name);
            QVERIFY(calendar.covers(date));
            QVERIFY(!calendar.isSession(date));
            QVERIFY(!calendar.holidayName(date).isEmpty());
            previous = date;
        }
        previous = QDate();
        for (const tables::SpecialSession& special : tables::specialSessions()) {
            const QDate date(special.year, special.month, special.day);
            QVERIFY2(!previous.isValid() || previous < date, special.name);
            QVERIFY(calendar.isSession(date));
            QVERIFY(calendar.holidayName(date).isEmpty());
            QVERIFY(special.openMinute < special.closeMinute);
            previous = date;
        }
    }

    void coverage()
    {
        QCOMPARE(calendar.firstCoveredDate(), d(2020, 1, 1));
        QCOMPARE(calendar.lastCoveredDate(), d(2026, 12, 31));
        QVERIFY(calendar.covers(d(2026, 12, 31)));
        QVERIFY(!calendar.covers(d(2027, 1, 1)));
        // Before the tables and after the projected years: weekdays are sessions, nothing is a holiday.
        QVERIFY(calendar.isSession(d(2019, 12, 25)));
        QVERIFY(calendar.isSession(d(2033, 1, 26)));
        QVERIFY(calendar.holidayName(d(2033, 1, 26)).isEmpty());
        QVERIFY(!calendar.isSession(d(2027, 1, 2)));
        QVERIFY(!calendar.isSession(QDate()));
    }

    // The closures assumed for years NSE has not published are the ones it made in every published
    // year whenever they fell on a weekday.
    void projectedClosuresHeldInEveryPublishedYear()
    {
        namespace tables = aegis::data::calendar_tables;
        std::set<QDate> published;
        for (const tables::Closure& closure : tables::closures())
            published.insert(d(closure.year, closure.month, closure.day));
        for (int year = tables::kFirstCoveredYear; year <= tables::kLastCoveredYear; ++year) {
            for (const tables::Closure& closure : tables::projectedClosures(year)) {
                const QDate date = d(closure.year, closure.month, closure.day);
                QVERIFY2(published.count(date) == 1, qPrintable(date.toString(Qt::ISODate) + QLatin1Char(' ') + closure.name));
            }
        }
        for (const tables::Closure& closure : tables::closures()) {
            if (QByteArray(closure.name).contains("Good Friday"))
                QCOMPARE(tables::easterSunday(closure.year).addDays(-2), d(closure.year, closure.month, closure.day));
        }
    }

    void projectedYears()
    {
        // Tuesday 26 Jan 2027 is Republic Day: the January NIFTY expiry moves to Monday the 25th.
        QVERIFY(!calendar.isSession(d(2027, 1, 26)));
        QCOMPARE(calendar.holidayName(d(2027, 1, 26)), QStringLiteral("Republic Day (assumed)"));
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2027, 1, 22), ExpiryCycle::Monthly), d(2027, 1, 25));
        QCOMPARE(calendar.sessionCount(d(2027, 1, 22), d(2027, 1, 29)), 4);
        QCOMPARE(calendar.nextSession(d(2027, 1, 25)), d(2027, 1, 27));
        QCOMPARE(calendar.holidayName(d(2027, 3, 26)), QStringLiteral("Good Friday (assumed)"));
        // Good Friday 2028 is 14 April, Ambedkar Jayanti's date: one closure.
        QCOMPARE(calendar.holidayName(d(2028, 4, 14)), QStringLiteral("Good Friday (assumed)"));
        QCOMPARE(int(aegis::data::calendar_tables::projectedClosures(2028).size()), 6);
        // Lunar holidays are not guessed.
        QVERIFY(calendar.isSession(d(2027, 3, 22)));
        QCOMPARE(calendar.sessionCount(d(2032, 12, 30), d(2033, 1, 4)), 3);
    }

    void closuresAndWeekends()
    {
        QVERIFY(!calendar.isSession(d(2024, 5, 20)));
        QVERIFY(calendar.holidayName(d(2024, 5, 20)).contains(QStringLiteral("Lok Sabha")));
        QVERIFY(!calendar.isSession(d(2024, 11, 20)));
        QVERIFY(!calendar.isSession(d(2024, 1, 22)));
        QVERIFY(!calendar.isSession(d(2026, 1, 15)));
        QCOMPARE(calendar.holidayName(d(2026, 1, 15)), QStringLiteral("Municipal Corporation Elections in Maharashtra"));
        QVERIFY(!calendar.isSession(d(2024, 5, 25)));  // Saturday
        QVERIFY(!calendar.isSession(d(2024, 5, 26)));  // Sunday
        QVERIFY(calendar.holidayName(d(2024, 5, 21)).isEmpty());
        QVERIFY(!calendar.sessionTimes(d(2024, 5, 26)));
    }

    void specialSessions()
    {
        // Saturday Budget session with regular hours.
        QVERIFY(calendar.isSession(d(2025, 2, 1)));
        QVERIFY(calendar.isFullSession(d(2025, 2, 1)));
        auto times = calendar.sessionTimes(d(2025, 2, 1));
        QVERIFY(times);
        QCOMPARE(times->kind, SessionKind::Special);
        QCOMPARE(times->openUtc, ist(d(2025, 2, 1), 9, 15).toUTC());
        QCOMPARE(times->closeUtc, ist(d(2025, 2, 1), 15, 30).toUTC());
        QVERIFY(calendar.isSession(d(2026, 2, 1)));  // Sunday Budget session

        // Muhurat evening.
        times = calendar.sessionTimes(d(2024, 11, 1));
        QVERIFY(times);
        QCOMPARE(times->kind, SessionKind::Muhurat);
        QCOMPARE(times->openUtc, ist(d(2024, 11, 1), 18, 0).toUTC());
        QCOMPARE(times->closeUtc, ist(d(2024, 11, 1), 19, 0).toUTC());
        QVERIFY(!calendar.isFullSession(d(2024, 11, 1)));
        QVERIFY(calendar.specialSessionName(d(2024, 11, 1)).contains(QStringLiteral("Muhurat")));
        QVERIFY(calendar.isOpenAt(ist(d(2024, 11, 1), 18, 30)));
        QVERIFY(!calendar.isOpenAt(ist(d(2024, 11, 1), 10, 0)));
        QCOMPARE(calendar.sessionTimes(d(2021, 11, 4))->openUtc, ist(d(2021, 11, 4), 18, 15).toUTC());
        QCOMPARE(calendar.sessionTimes(d(2022, 10, 24))->openUtc, ist(d(2022, 10, 24), 18, 15).toUTC());
        QCOMPARE(calendar.sessionTimes(d(2025, 10, 21))->openUtc, ist(d(2025, 10, 21), 13, 45).toUTC());
        QVERIFY(calendar.isSession(d(2023, 11, 12)));  // Sunday Muhurat

        // Disaster-recovery drill: two halves with a pause.
        times = calendar.sessionTimes(d(2024, 3, 2));
        QVERIFY(times && times->breakStartUtc.isValid());
        QVERIFY(calendar.isOpenAt(ist(d(2024, 3, 2), 9, 30)));
        QVERIFY(!calendar.isOpenAt(ist(d(2024, 3, 2), 11, 0)));
        QVERIFY(calendar.isOpenAt(ist(d(2024, 3, 2), 12, 0)));
        QVERIFY(!calendar.isOpenAt(ist(d(2024, 3, 2), 12, 30)));
        QVERIFY(!calendar.isFullSession(d(2024, 3, 2)));

        // Regular day: no break, no name.
        times = calendar.sessionTimes(d(2024, 5, 21));
        QVERIFY(times);
        QCOMPARE(times->kind, SessionKind::Regular);
        QVERIFY(!times->breakStartUtc.isValid());
        QVERIFY(calendar.specialSessionName(d(2024, 5, 21)).isEmpty());
    }

    void openAtTheBell()
    {
        const QDate day = d(2024, 5, 21);
        QVERIFY(!calendar.isOpenAt(ist(day, 9, 14)));
        QVERIFY(!calendar.isOpenAt(ist(day, 9, 14, 59)));
        QVERIFY(calendar.isOpenAt(ist(day, 9, 15)));
        QVERIFY(calendar.isOpenAt(ist(day, 15, 29)));
        QVERIFY(calendar.isOpenAt(ist(day, 15, 29, 59)));
        QVERIFY(!calendar.isOpenAt(ist(day, 15, 30)));
        // The same instants expressed in UTC.
        QVERIFY(calendar.isOpenAt(QDateTime(day, QTime(3, 45), Qt::UTC)));
        QVERIFY(!calendar.isOpenAt(QDateTime(day, QTime(3, 44), Qt::UTC)));
        QVERIFY(!calendar.isOpenAt(ist(d(2024, 5, 20), 11, 0)));  // closure
        QVERIFY(!calendar.isOpenAt(QDateTime()));
    }

    void istConversions()
    {
        QCOMPARE(NseCalendar::istDate(QDateTime(d(2020, 12, 1), QTime(3, 45), Qt::UTC).toSecsSinceEpoch()),
                 d(2020, 12, 1));
        // 18:30 UTC is already the next day in IST.
        QCOMPARE(NseCalendar::istDate(QDateTime(d(2024, 5, 20), QTime(18, 30), Qt::UTC).toSecsSinceEpoch()),
                 d(2024, 5, 21));
        QCOMPARE(NseCalendar::istDate(QDateTime(d(2024, 5, 20), QTime(18, 29, 59), Qt::UTC).toSecsSinceEpoch()),
                 d(2024, 5, 20));
        QCOMPARE(NseCalendar::istDate(-19800), d(1970, 1, 1));
        QCOMPARE(NseCalendar::istDate(-19801), d(1969, 12, 31));
        const QDateTime local = NseCalendar::toIst(QDateTime(d(2024, 5, 21), QTime(3, 45), Qt::UTC).toSecsSinceEpoch());
        QCOMPARE(local.time(), QTime(9, 15));
        QCOMPARE(local.date(), d(2024, 5, 21));
        QCOMPARE(local.offsetFromUtc(), 19800);
    }

    void lastCompletedSession()
    {
        // Tuesday after Holi (Monday 2024-03-25): before the close the last completed session is Friday.
        QCOMPARE(calendar.lastCompletedSession(ist(d(2024, 3, 26), 10, 0)), d(2024, 3, 22));
        QCOMPARE(calendar.lastCompletedSession(ist(d(2024, 3, 26), 15, 29)), d(2024, 3, 22));
        QCOMPARE(calendar.lastCompletedSession(ist(d(2024, 3, 26), 15, 30)), d(2024, 3, 26));
        QCOMPARE(calendar.lastCompletedSession(ist(d(2024, 3, 26), 23, 59)), d(2024, 3, 26));
        // Before dawn on Monday: Friday's session.
        QCOMPARE(calendar.lastCompletedSession(ist(d(2024, 6, 3), 2, 0)), d(2024, 5, 31));
        // Muhurat evening completes at 19:00 IST.
        QCOMPARE(calendar.lastCompletedSession(ist(d(2024, 11, 1), 18, 30)), d(2024, 10, 31));
        QCOMPARE(calendar.lastCompletedSession(ist(d(2024, 11, 1), 19, 0)), d(2024, 11, 1));
        // After the 2024-05-20 closure, the Saturday drill session is the last completed one.
        QCOMPARE(calendar.lastCompletedSession(ist(d(2024, 5, 21), 9, 0)), d(2024, 5, 18));
        QVERIFY(!calendar.lastCompletedSession(QDateTime()).isValid());
    }

    void nextAndPreviousAcrossLongWeekends()
    {
        // Good Friday 2024-03-29, then the weekend.
        QCOMPARE(calendar.nextSession(d(2024, 3, 28)), d(2024, 4, 1));
        QCOMPARE(calendar.previousSession(d(2024, 4, 1)), d(2024, 3, 28));
        // Holi Monday 2024-03-25 after a weekend.
        QCOMPARE(calendar.previousSession(d(2024, 3, 26)), d(2024, 3, 22));
        QCOMPARE(calendar.nextSession(d(2024, 3, 22)), d(2024, 3, 26));
        // Holi Friday 2025-03-14.
        QCOMPARE(calendar.nextSession(d(2025, 3, 13)), d(2025, 3, 17));
        // Strictly after / before, starting on a session.
        QCOMPARE(calendar.nextSession(d(2024, 5, 21)), d(2024, 5, 22));
        QCOMPARE(calendar.previousSession(d(2024, 5, 22)), d(2024, 5, 21));
        // Across the end of the tables.
        QCOMPARE(calendar.nextSession(d(2026, 12, 31)), d(2027, 1, 1));
        QCOMPARE(calendar.previousSession(d(2020, 1, 1)), d(2019, 12, 31));
    }

    void sessionCountsAgreeWithSessionLists()
    {
        QCOMPARE(calendar.sessionCount(d(2024, 5, 17), d(2024, 5, 21)), 2);  // Sat 18 drill + Tue 21
        QCOMPARE(calendar.sessionCount(d(2024, 5, 21), d(2024, 5, 21)), 0);
        QCOMPARE(calendar.sessionCount(d(2024, 5, 22), d(2024, 5, 21)), 0);
        QCOMPARE(calendar.sessionsBetween(d(2024, 3, 22), d(2024, 4, 1)),
                 (std::vector<QDate>{d(2024, 3, 22), d(2024, 3, 26), d(2024, 3, 27), d(2024, 3, 28), d(2024, 4, 1)}));
        QVERIFY(calendar.sessionsBetween(d(2024, 4, 1), d(2024, 3, 22)).empty());
        // Windows straddling both ends of the tables, every pair of endpoints.
        for (const QDate anchor : {d(2019, 12, 20), d(2026, 12, 18)}) {
            for (int start = 0; start < 25; ++start) {
                for (int length = 0; length < 25; ++length) {
                    const QDate from = anchor.addDays(start);
                    const QDate to = from.addDays(length);
                    const int listed = static_cast<int>(calendar.sessionsBetween(from.addDays(1), to).size());
                    QCOMPARE(calendar.sessionCount(from, to), listed);
                }
            }
        }
        const auto all = calendar.sessionsBetween(d(2020, 1, 1), d(2026, 12, 31));
        QVERIFY(std::is_sorted(all.begin(), all.end()));
        QCOMPARE(calendar.sessionCount(d(2019, 12, 31), d(2026, 12, 31)), static_cast<int>(all.size()));
        // 2024: 262 weekdays - 16 weekday closures + 3 Saturday sessions.
        QCOMPARE(calendar.sessionsBetween(d(2024, 1, 1), d(2024, 12, 31)).size(), std::size_t(249));
    }

    void niftyExpiries()
    {
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2024, 3, 1), ExpiryCycle::Monthly), d(2024, 3, 28));
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2024, 3, 28), ExpiryCycle::Monthly), d(2024, 3, 28));
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2024, 3, 29), ExpiryCycle::Monthly), d(2024, 4, 25));
        // Thursday holidays move the weekly expiry to Wednesday.
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2024, 8, 12), ExpiryCycle::Weekly), d(2024, 8, 14));
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2024, 4, 8), ExpiryCycle::Weekly), d(2024, 4, 10));
        // Monthly expiry on Ram Navami 2023-03-30 moved to Wednesday.
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2023, 3, 1), ExpiryCycle::Monthly), d(2023, 3, 29));
        // A Muhurat evening is not an expiry day: Diwali Thursday 2021-11-04 -> Wednesday.
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2021, 11, 1), ExpiryCycle::Weekly), d(2021, 11, 3));
        // Last Thursday expiry, then Tuesdays from September 2025.
        QCOMPARE(calendar.expiries(QStringLiteral("NIFTY"), d(2025, 8, 18), d(2025, 10, 1), ExpiryCycle::Weekly),
                 (std::vector<QDate>{d(2025, 8, 21), d(2025, 8, 28), d(2025, 9, 2), d(2025, 9, 9), d(2025, 9, 16),
                                     d(2025, 9, 23), d(2025, 9, 30)}));
        QCOMPARE(calendar.expiries(QStringLiteral("NIFTY"), d(2025, 7, 1), d(2025, 11, 30), ExpiryCycle::Monthly),
                 (std::vector<QDate>{d(2025, 7, 31), d(2025, 8, 28), d(2025, 9, 30), d(2025, 10, 28), d(2025, 11, 25)}));
        // Muhurat Tuesday 2025-10-21: the weekly expiry moved to Monday.
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2025, 10, 17), ExpiryCycle::Weekly), d(2025, 10, 20));
        QCOMPARE(calendar.nearestExpiry(QStringLiteral("NIFTY"), d(2025, 10, 22)), d(2025, 10, 28));
        // Lower-case input is normalised.
        QCOMPARE(calendar.nextExpiry(QStringLiteral("nifty"), d(2024, 3, 1), ExpiryCycle::Monthly), d(2024, 3, 28));
    }

    void bankNiftyExpiries()
    {
        const QString bank = QStringLiteral("BANKNIFTY");
        // Thursday weeklies until August 2023, Wednesday from September 2023; the monthly stayed on
        // the last Thursday until February 2024.
        QCOMPARE(calendar.expiries(bank, d(2023, 8, 21), d(2023, 10, 6), ExpiryCycle::Weekly),
                 (std::vector<QDate>{d(2023, 8, 24), d(2023, 8, 31), d(2023, 9, 6), d(2023, 9, 13), d(2023, 9, 20),
                                     d(2023, 9, 28), d(2023, 10, 4)}));
        QCOMPARE(calendar.nextExpiry(bank, d(2024, 3, 1), ExpiryCycle::Monthly), d(2024, 3, 27));
        QCOMPARE(calendar.nextExpiry(bank, d(2024, 2, 1), ExpiryCycle::Monthly), d(2024, 2, 29));
        // The last weekly was 2024-11-13; none after.
        QCOMPARE(calendar.expiries(bank, d(2024, 11, 1), d(2024, 12, 31), ExpiryCycle::Weekly),
                 (std::vector<QDate>{d(2024, 11, 6), d(2024, 11, 13)}));
        QVERIFY(!calendar.nextExpiry(bank, d(2024, 11, 14), ExpiryCycle::Weekly));
        // Monthly: last Wednesday (Christmas -> 24th) in December 2024, last Thursday from January 2025,
        // last Tuesday from September 2025.
        QCOMPARE(calendar.expiries(bank, d(2024, 11, 1), d(2025, 10, 31), ExpiryCycle::Monthly),
                 (std::vector<QDate>{d(2024, 11, 27), d(2024, 12, 24), d(2025, 1, 30), d(2025, 2, 27), d(2025, 3, 27),
                                     d(2025, 4, 24), d(2025, 5, 29), d(2025, 6, 26), d(2025, 7, 31), d(2025, 8, 28),
                                     d(2025, 9, 30), d(2025, 10, 28)}));
        QCOMPARE(calendar.nearestExpiry(bank, d(2024, 11, 14)), d(2024, 11, 27));
    }

    void finNiftyExpiries()
    {
        const QString fin = QStringLiteral("FINNIFTY");
        QCOMPARE(calendar.expiries(fin, d(2024, 11, 1), d(2024, 12, 31), ExpiryCycle::Weekly),
                 (std::vector<QDate>{d(2024, 11, 5), d(2024, 11, 12), d(2024, 11, 19)}));
        QCOMPARE(calendar.expiries(fin, d(2024, 11, 1), d(2025, 2, 28), ExpiryCycle::Monthly),
                 (std::vector<QDate>{d(2024, 11, 26), d(2024, 12, 31), d(2025, 1, 30), d(2025, 2, 27)}));
        // Launched 2021-01-11 with Thursday expiries; Tuesday from the week of 2021-10-18.
        QVERIFY(calendar.expiries(fin, d(2020, 1, 1), d(2020, 12, 31), ExpiryCycle::Monthly).empty());
        QVERIFY(calendar.expiries(fin, d(2020, 1, 1), d(2021, 1, 10), ExpiryCycle::Weekly).empty());
        QCOMPARE(calendar.nextExpiry(fin, d(2020, 6, 1), ExpiryCycle::Monthly), d(2021, 1, 28));
        QCOMPARE(calendar.nextExpiry(fin, d(2020, 6, 1), ExpiryCycle::Weekly), d(2021, 1, 14));
        QCOMPARE(calendar.expiries(fin, d(2021, 9, 27), d(2021, 10, 31), ExpiryCycle::Weekly),
                 (std::vector<QDate>{d(2021, 9, 30), d(2021, 10, 7), d(2021, 10, 14), d(2021, 10, 19), d(2021, 10, 26)}));
        QCOMPARE(calendar.expiries(fin, d(2021, 9, 1), d(2021, 11, 30), ExpiryCycle::Monthly),
                 (std::vector<QDate>{d(2021, 9, 30), d(2021, 10, 26), d(2021, 11, 30)}));
    }

    void stockExpiries()
    {
        const QString stock = QStringLiteral("M&M");
        QVERIFY(calendar.expiries(stock, d(2024, 1, 1), d(2025, 12, 31), ExpiryCycle::Weekly).empty());
        QVERIFY(!calendar.nextExpiry(stock, d(2024, 1, 1), ExpiryCycle::Weekly));
        QCOMPARE(calendar.nextExpiry(stock, d(2024, 3, 1), ExpiryCycle::Monthly), d(2024, 3, 28));
        QCOMPARE(calendar.nextExpiry(QStringLiteral("RELIANCE"), d(2025, 8, 29), ExpiryCycle::Monthly), d(2025, 9, 30));
        QCOMPARE(calendar.nearestExpiry(QStringLiteral("RELIANCE"), d(2025, 8, 1)), d(2025, 8, 28));
        // Invalid symbols have no expiries.
        QVERIFY(!calendar.nextExpiry(QStringLiteral("../x"), d(2024, 3, 1), ExpiryCycle::Monthly));
        QVERIFY(calendar.expiries(QString(), d(2024, 1, 1), d(2024, 12, 31), ExpiryCycle::Monthly).empty());
    }

    void expiriesAreFullSessions()
    {
        for (const QString& underlying : {QStringLiteral("NIFTY"), QStringLiteral("BANKNIFTY"), QStringLiteral("FINNIFTY"),
                                          QStringLiteral("TCS")}) {
            for (const ExpiryCycle cycle : {ExpiryCycle::Weekly, ExpiryCycle::Monthly}) {
                const auto dates = calendar.expiries(underlying, d(2020, 1, 1), d(2026, 12, 31), cycle);
                for (const QDate date : dates)
                    QVERIFY2(calendar.isFullSession(date), qPrintable(underlying + date.toString(Qt::ISODate)));
                // nextExpiry walks the same list.
                for (std::size_t index = 1; index < dates.size(); ++index)
                    QCOMPARE(calendar.nextExpiry(underlying, dates[index - 1].addDays(1), cycle), dates[index]);
            }
        }
    }

    // Inside the tables expiries come from precomputed lists; a range starting before them is walked
    // from the rules. Both must agree.
    void precomputedExpiriesMatchTheRules()
    {
        for (const QString& underlying : {QStringLiteral("NIFTY"), QStringLiteral("BANKNIFTY"), QStringLiteral("FINNIFTY"),
                                          QStringLiteral("INFY")}) {
            for (const ExpiryCycle cycle : {ExpiryCycle::Weekly, ExpiryCycle::Monthly}) {
                const auto walked = calendar.expiries(underlying, d(2019, 12, 1), d(2026, 12, 31), cycle);
                std::vector<QDate> fromCovered;
                std::copy_if(walked.begin(), walked.end(), std::back_inserter(fromCovered),
                             [](QDate date) { return date >= d(2020, 1, 1); });
                QCOMPARE(calendar.expiries(underlying, d(2020, 1, 1), d(2026, 12, 31), cycle), fromCovered);
            }
        }
        // Far beyond the tables the rules still apply (last Tuesday, no holidays known).
        QCOMPARE(calendar.nextExpiry(QStringLiteral("NIFTY"), d(2040, 1, 1), ExpiryCycle::Monthly), d(2040, 1, 31));
    }

    void instanceIsSafeToShareAcrossThreads()
    {
        std::atomic<int> mismatches{0};
        const int expected = calendar.sessionCount(d(2019, 12, 31), d(2026, 12, 31));
        std::vector<std::thread> workers;
        for (int worker = 0; worker < 4; ++worker) {
            workers.emplace_back([&] {
                const NseCalendar& shared = NseCalendar::instance();
                if (shared.sessionCount(d(2019, 12, 31), d(2026, 12, 31)) != expected)
                    ++mismatches;
            });
        }
        for (std::thread& worker : workers)
            worker.join();
        QCOMPARE(mismatches.load(), 0);
    }

    void scheduledEventsAreAscendingAndNamed()
    {
        const auto events = aegis::data::scheduledEvents();
        QVERIFY(events.size() > 30);
        for (std::size_t i = 0; i < events.size(); ++i) {
            QVERIFY(events[i].date.isValid());
            QVERIFY(!aegis::data::scheduledEventName(events[i].kind).isEmpty());
            if (i > 0)
                QVERIFY2(events[i - 1].date < events[i].date, qPrintable(events[i].date.toString(Qt::ISODate)));
        }
    }

    // An event belongs to the first session on or after its date: the weekend Budget sessions are
    // their own day, the exit polls of Saturday 2024-06-01 are traded on Monday, and an ordinary
    // stretch of sessions holds none.
    void scheduledEventsFallOnTheFirstSessionThatCanTradeThem()
    {
        using aegis::data::ScheduledEventKind;
        using aegis::data::scheduledEventsFirstTradedOn;
        const auto onlyKind = [](QDate previous, QDate session) {
            const auto events = scheduledEventsFirstTradedOn(previous, session);
            return events.size() == 1 ? std::optional(events.front().kind) : std::nullopt;
        };
        QCOMPARE(onlyKind(d(2024, 5, 31), d(2024, 6, 3)), std::optional(ScheduledEventKind::ElectionExitPolls));
        QCOMPARE(onlyKind(d(2024, 6, 3), d(2024, 6, 4)), std::optional(ScheduledEventKind::ElectionResults));
        QCOMPARE(onlyKind(d(2025, 1, 31), d(2025, 2, 1)), std::optional(ScheduledEventKind::UnionBudget));
        QVERIFY(scheduledEventsFirstTradedOn(d(2025, 2, 1), d(2025, 2, 3)).empty());
        QCOMPARE(onlyKind(d(2009, 5, 15), d(2009, 5, 18)), std::optional(ScheduledEventKind::ElectionResults));
        QCOMPARE(scheduledEventsFirstTradedOn(d(2024, 5, 30), d(2024, 6, 4)).size(), std::size_t(2));
        QVERIFY(scheduledEventsFirstTradedOn(d(2024, 6, 4), d(2024, 7, 22)).empty());
        QCOMPARE(onlyKind(d(2024, 7, 22), d(2024, 7, 23)), std::optional(ScheduledEventKind::UnionBudget));
    }

    // Every event in the span of the real stock files is traded on a session those files have, the
    // weekend Budget sessions on their own day (2026-02-01 is the session Yahoo did not record).
    void scheduledEventsInTheRealFilesFallOnTheirSessions()
    {
        const std::set<QDate> dates = datesOf(QStringLiteral("RELIANCE.csv"));
        QVERIFY2(dates.size() > 1000, "RELIANCE.csv missing or truncated");
        int traded = 0;
        for (const aegis::data::ScheduledEvent& event : aegis::data::scheduledEvents()) {
            if (event.date <= *dates.begin() || event.date > *dates.rbegin())
                continue;
            if (event.date == d(2026, 2, 1))
                continue;
            const QDate session = *dates.lower_bound(event.date);
            QVERIFY2(calendar.isSession(session), qPrintable(session.toString(Qt::ISODate)));
            if (event.kind != aegis::data::ScheduledEventKind::ElectionExitPolls)
                QCOMPARE(session, event.date);
            ++traded;
        }
        QCOMPARE(traded, 6);  // the Budgets of 2022, 2023, July 2024 and 2025, the 2024 exit polls and results
    }
};

QTEST_APPLESS_MAIN(NseCalendarTest)
#include "test_nse_calendar.moc"
