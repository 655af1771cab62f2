#include "data/calendar/nse_calendar_tables.h"

#include <algorithm>
#include <array>

namespace aegis::data::calendar_tables {

namespace {

constexpr int at(int hour, int minute) { return hour * 60 + minute; }

// NSE's annual "Trading holidays" circulars for the equity and equity-derivatives segments, plus the
// closures announced during the year (2024-01-22, 2024-05-20, 2024-11-20, 2026-01-15). Diwali Laxmi
// Pujan is not here: it is a holiday for regular trading but has a Muhurat session (see below).
constexpr std::array kClosures = {
    Closure{2020, 2, 21, "Mahashivratri"},
    Closure{2020, 3, 10, "Holi"},
    Closure{2020, 4, 2, "Ram Navami"},
    Closure{2020, 4, 6, "Mahavir Jayanti"},
    Closure{2020, 4, 10, "Good Friday"},
    Closure{2020, 4, 14, "Dr. Baba Saheb Ambedkar Jayanti"},
    Closure{2020, 5, 1, "Maharashtra Day"},
    Closure{2020, 5, 25, "Id-ul-Fitr (Ramzan Id)"},
    Closure{2020, 10, 2, "Mahatma Gandhi Jayanti"},
    Closure{2020, 11, 16, "Diwali Balipratipada"},
    Closure{2020, 11, 30, "Gurunanak Jayanti"},
    Closure{2020, 12, 25, "Christmas"},

    Closure{2021, 1, 26, "Republic Day"},
    Closure{2021, 3, 11, "Mahashivratri"},
    Closure{2021, 3, 29, "Holi"},
    Closure{2021, 4, 2, "Good Friday"},
    Closure{2021, 4, 14, "Dr. Baba Saheb Ambedkar Jayanti"},
    Closure{2021, 4, 21, "Ram Navami"},
    Closure{2021, 5, 13, "Id-ul-Fitr (Ramzan Id)"},
    Closure{2021, 7, 21, "Bakri Id"},
    Closure{2021, 8, 19, "Moharram"},
    Closure{2021, 9, 10, "Ganesh Chaturthi"},
    Closure{2021, 10, 15, "Dussehra"},
    Closure{2021, 11, 5, "Diwali Balipratipada"},
    Closure{2021, 11, 19, "Gurunanak Jayanti"},

    Closure{2022, 1, 26, "Republic Day"},
    Closure{2022, 3, 1, "Mahashivratri"},
    Closure{2022, 3, 18, "Holi"},
    Closure{2022, 4, 14, "Dr. Baba Saheb Ambedkar Jayanti / Mahavir Jayanti"},
    Closure{2022, 4, 15, "Good Friday"},
    Closure{2022, 5, 3, "Id-ul-Fitr (Ramzan Id)"},
    Closure{2022, 8, 9, "Moharram"},
    Closure{2022, 8, 15, "Independence Day"},
    Closure{2022, 8, 31, "Ganesh Chaturthi"},
    Closure{2022, 10, 5, "Dussehra"},
    Closure{2022, 10, 26, "Diwali Balipratipada"},
    Closure{2022, 11, 8, "Gurunanak Jayanti"},

    Closure{2023, 1, 26, "Republic Day"},
    Closure{2023, 3, 7, "Holi"},
    Closure{2023, 3, 30, "Ram Navami"},
    Closure{2023, 4, 4, "Mahavir Jayanti"},
    Closure{2023, 4, 7, "Good Friday"},
    Closure{2023, 4, 14, "Dr. Baba Saheb Ambedkar Jayanti"},
    Closure{2023, 5, 1, "Maharashtra Day"},
    Closure{2023, 6, 29, "Bakri Id"},  // moved from June 28 by a mid-year circular
    Closure{2023, 8, 15, "Independence Day"},
    Closure{2023, 9, 19, "Ganesh Chaturthi"},
    Closure{2023, 10, 2, "Mahatma Gandhi Jayanti"},
    Closure{2023, 10, 24, "Dussehra"},
    Closure{2023, 11, 14, "Diwali Balipratipada"},
    Closure{2023, 11, 27, "Gurunanak Jayanti"},
    Closure{2023, 12, 25, "Christmas"},

    Closure{2024, 1, 22, "Public holiday in Maharashtra (Ayodhya Ram temple consecration)"},
    Closure{2024, 1, 26, "Republic Day"},
    Closure{2024, 3, 8, "Mahashivratri"},
    Closure{2024, 3, 25, "Holi"},
    Closure{2024, 3, 29, "Good Friday"},
    Closure{2024, 4, 11, "Id-ul-Fitr (Ramzan Id)"},
    Closure{2024, 4, 17, "Ram Navami"},
    Closure{2024, 5, 1, "Maharashtra Day"},
    Closure{2024, 5, 20, "General Elections to the Lok Sabha (Mumbai)"},
    Closure{2024, 6, 17, "Bakri Id"},
    Closure{2024, 7, 17, "Moharram"},
    Closure{2024, 8, 15, "Independence Day"},
    Closure{2024, 10, 2, "Mahatma Gandhi Jayanti"},
    Closure{2024, 11, 15, "Gurunanak Jayanti"},
    Closure{2024, 11, 20, "Maharashtra Legislative Assembly Elections"},
    Closure{2024, 12, 25, "Christmas"},

    Closure{2025, 2, 26, "Mahashivratri"},
    Closure{2025, 3, 14, "Holi"},
    Closure{2025, 3, 31, "Id-ul-Fitr (Ramzan Id)"},
    Closure{2025, 4, 10, "Mahavir Jayanti"},
    Closure{2025, 4, 14, "Dr. Baba Saheb Ambedkar Jayanti"},
    Closure{2025, 4, 18, "Good Friday"},
    Closure{2025, 5, 1, "Maharashtra Day"},
    Closure{2025, 8, 15, "Independence Day"},
    Closure{2025, 8, 27, "Ganesh Chaturthi"},
    Closure{2025, 10, 2, "Mahatma Gandhi Jayanti / Dussehra"},
    Closure{2025, 10, 22, "Diwali Balipratipada"},
    Closure{2025, 11, 5, "Prakash Gurpurb Sri Guru Nanak Dev"},
    Closure{2025, 12, 25, "Christmas"},

    Closure{2026, 1, 15, "Municipal Corporation Elections in Maharashtra"},
    Closure{2026, 1, 26, "Republic Day"},
    Closure{2026, 3, 3, "Holi"},
    Closure{2026, 3, 26, "Ram Navami"},
    Closure{2026, 3, 31, "Mahavir Jayanti"},
    Closure{2026, 4, 3, "Good Friday"},
    Closure{2026, 4, 14, "Dr. Baba Saheb Ambedkar Jayanti"},
    Closure{2026, 5, 1, "Maharashtra Day"},
    Closure{2026, 5, 28, "Bakri Id"},
    Closure{2026, 6, 26, "Muharram"},
    Closure{2026, 9, 14, "Ganesh Chaturthi"},
    Closure{2026, 10, 2, "Mahatma Gandhi Jayanti"},
    Closure{2026, 10, 20, "Dussehra"},
    Closure{2026, 11, 10, "Diwali Balipratipada"},
    Closure{2026, 11, 24, "Prakash Gurpurb Sri Guru Nanak Dev"},
    Closure{2026, 12, 25, "Christmas"},
};

// The 2026 Muhurat session (Sunday 2026-11-08) is not listed: NSE announces its hours only weeks ahead.
constexpr std::array kSpecialSessions = {
    SpecialSession{2020, 2, 1, SessionKind::Special, at(9, 15), at(15, 30), -1, -1, "Union Budget (Saturday)"},
    SpecialSession{2020, 11, 14, SessionKind::Muhurat, at(18, 15), at(19, 15), -1, -1,
                   "Muhurat trading (Diwali Laxmi Pujan)"},
    SpecialSession{2021, 11, 4, SessionKind::Muhurat, at(18, 15), at(19, 15), -1, -1,
                   "Muhurat trading (Diwali Laxmi Pujan)"},
    SpecialSession{2022, 10, 24, SessionKind::Muhurat, at(18, 15), at(19, 15), -1, -1,
                   "Muhurat trading (Diwali Laxmi Pujan)"},
    SpecialSession{2023, 11, 12, SessionKind::Muhurat, at(18, 15), at(19, 15), -1, -1,
                   "Muhurat trading (Diwali Laxmi Pujan)"},
    // Held instead of the closed Monday 2024-01-22; first announced as a disaster-recovery drill.
    SpecialSession{2024, 1, 20, SessionKind::Special, at(9, 15), at(15, 30), -1, -1,
                   "Full trading session (Saturday, for the 2024-01-22 closure)"},
    // Live sessions with an intraday switch to the disaster-recovery site: two short halves.
    SpecialSession{2024, 3, 2, SessionKind::Special, at(9, 15), at(12, 30), at(10, 0), at(11, 30),
                   "Special live session with switch-over to the disaster-recovery site"},
    SpecialSession{2024, 5, 18, SessionKind::Special, at(9, 15), at(12, 40), at(10, 0), at(11, 45),
                   "Special live session with switch-over to the disaster-recovery site"},
    SpecialSession{2024, 11, 1, SessionKind::Muhurat, at(18, 0), at(19, 0), -1, -1,
                   "Muhurat trading (Diwali Laxmi Pujan)"},
    SpecialSession{2025, 2, 1, SessionKind::Special, at(9, 15), at(15, 30), -1, -1, "Union Budget (Saturday)"},
    SpecialSession{2025, 10, 21, SessionKind::Muhurat, at(13, 45), at(14, 45), -1, -1,
                   "Muhurat trading (Diwali Laxmi Pujan)"},
    SpecialSession{2026, 2, 1, SessionKind::Special, at(9, 15), at(15, 30), -1, -1, "Union Budget (Sunday)"},
};

}  // namespace

std::span<const Closure> closures() { return kClosures; }

std::span<const SpecialSession> specialSessions() { return kSpecialSessions; }

QDate easterSunday(int year)
{
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return QDate(year, month, day);
}

std::vector<Closure> projectedClosures(int year)
{
    const QDate goodFriday = easterSunday(year).addDays(-2);
    const std::vector<Closure> candidates = {
        {year, 1, 26, "Republic Day (assumed)"},
        {year, goodFriday.month(), goodFriday.day(), "Good Friday (assumed)"},
        {year, 4, 14, "Dr. Baba Saheb Ambedkar Jayanti (assumed)"},
        {year, 5, 1, "Maharashtra Day (assumed)"},
        {year, 8, 15, "Independence Day (assumed)"},
        {year, 10, 2, "Mahatma Gandhi Jayanti (assumed)"},
        {year, 12, 25, "Christmas (assumed)"},
    };
    const auto dateOf = [](const Closure& closure) { return QDate(closure.year, closure.month, closure.day); };
    std::vector<Closure> weekdays;
    for (const Closure& closure : candidates) {
        if (dateOf(closure).dayOfWeek() < Qt::Saturday)
            weekdays.push_back(closure);
    }
    // Good Friday can fall on 14 April (2028); the day is listed once, under the first name.
    std::stable_sort(weekdays.begin(), weekdays.end(),
                     [&](const Closure& left, const Closure& right) { return dateOf(left) < dateOf(right); });
    weekdays.erase(std::unique(weekdays.begin(), weekdays.end(),
                               [&](const Closure& left, const Closure& right) { return dateOf(left) == dateOf(right); }),
                   weekdays.end());
    return weekdays;
}

}  // namespace aegis::data::calendar_tables
