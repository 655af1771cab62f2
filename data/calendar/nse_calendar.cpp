#include "data/calendar/nse_calendar.h"

#include "data/calendar/nse_calendar_tables.h"
#include "data/calendar/nse_expiry_rules.h"

#include <algorithm>
#include <array>

namespace aegis::data {

namespace {

constexpr std::int64_t kIstOffsetSeconds = 5 * 3600 + 30 * 60;
constexpr std::int64_t kSecondsPerDay = 86400;
constexpr qint64 kUnixEpochJulianDay = 2440588;  // 1970-01-01
constexpr int kRegularOpenSecond = (9 * 60 + 15) * 60;
constexpr int kRegularCloseSecond = (15 * 60 + 30) * 60;

constexpr std::uint8_t kSessionFlag = 1;
constexpr std::uint8_t kFullSessionFlag = 2;

// nextExpiry looks this far ahead before concluding an underlying has no such contracts (covers
// FINNIFTY's 2021 launch from any covered date, and discontinued weeklies).
constexpr qint64 kExpiryHorizonDays = 800;
// A holiday-shifted expiry never moves back further than this.
constexpr int kMaxExpiryShiftDays = 14;
// Expiries are precomputed for periods whose nominal day falls up to this date; every expiry up to
// kMaxExpiryShiftDays before it is then in the lists.
QDate precomputedNominalEnd() { return QDate(2032, 12, 31); }

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor)
{
    const std::int64_t quotient = value / divisor;
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

bool isWeekend(QDate date) { return date.dayOfWeek() >= Qt::Saturday; }

// Weekdays in [from, to]; 0 when to < from.
qint64 weekdaysBetween(QDate from, QDate to)
{
    if (to < from)
        return 0;
    const qint64 days = from.daysTo(to) + 1;
    qint64 count = (days / 7) * 5;
    QDate date = from.addDays((days / 7) * 7);
    for (; date <= to; date = date.addDays(1))
        count += isWeekend(date) ? 0 : 1;
    return count;
}

QDate mondayOf(QDate date) { return date.addDays(Qt::Monday - date.dayOfWeek()); }

std::int64_t utcSecondsAt(QDate istDate, int istSecondOfDay)
{
    return (istDate.toJulianDay() - kUnixEpochJulianDay) * kSecondsPerDay + istSecondOfDay - kIstOffsetSeconds;
}

QDateTime utcDateTime(QDate istDate, int istSecondOfDay)
{
    return QDateTime::fromSecsSinceEpoch(utcSecondsAt(istDate, istSecondOfDay), Qt::UTC);
}

// Session hours as seconds after midnight IST; a regular day is {09:15, 15:30, none}.
struct SessionWindow {
    SessionKind kind = SessionKind::Regular;
    int openSecond = kRegularOpenSecond;
    int closeSecond = kRegularCloseSecond;
    int breakStartSecond = -1;
    int breakEndSecond = -1;

    bool isOpenAt(int secondOfDay) const
    {
        if (secondOfDay < openSecond || secondOfDay >= closeSecond)
            return false;
        return !(breakStartSecond >= 0 && secondOfDay >= breakStartSecond && secondOfDay < breakEndSecond);
    }
};

struct CalendarTables {
    struct Special {
        qint64 julianDay;
        SessionWindow window;
        QString name;
    };
    struct Holiday {
        qint64 julianDay;
        QString name;
    };

    QDate first;
    QDate last;                                  // last published day
    QDate projectedLast;                         // last day of `flags`: projected years after `last`
    std::vector<std::uint8_t> flags;             // per day in [first, projectedLast]
    std::vector<std::int32_t> sessionsThrough;   // sessions in [first, day]
    std::vector<Holiday> holidays;               // ascending
    std::vector<Special> specials;               // ascending
    // Every expiry from `first` on, per underlying class and cycle (see expiryListIndex), ascending.
    std::array<std::vector<QDate>, 8> expiries;
    QDate expiriesReliableUntil;

    std::size_t indexOf(QDate date) const { return static_cast<std::size_t>(first.daysTo(date)); }
    bool inTables(QDate date) const { return date.isValid() && date >= first && date <= projectedLast; }

    template <typename Entry>
    static const Entry* findByDay(const std::vector<Entry>& entries, QDate date)
    {
        const qint64 day = date.toJulianDay();
        const auto found = std::lower_bound(entries.begin(), entries.end(), day,
                                            [](const Entry& entry, qint64 value) { return entry.julianDay < value; });
        return (found != entries.end() && found->julianDay == day) ? &*found : nullptr;
    }
};

void fillTables(CalendarTables* built)
{
    namespace tables = calendar_tables;
    built->first = QDate(tables::kFirstCoveredYear, 1, 1);
    built->last = QDate(tables::kLastCoveredYear, 12, 31);
    built->projectedLast = QDate(tables::kLastProjectedYear, 12, 31);
    const std::size_t dayCount = static_cast<std::size_t>(built->first.daysTo(built->projectedLast) + 1);
    built->flags.resize(dayCount);
    for (std::size_t index = 0; index < dayCount; ++index) {
        const QDate date = built->first.addDays(static_cast<qint64>(index));
        built->flags[index] = isWeekend(date) ? 0 : (kSessionFlag | kFullSessionFlag);
    }
    const auto close = [built](const tables::Closure& closure) {
        const QDate date(closure.year, closure.month, closure.day);
        built->flags[built->indexOf(date)] = 0;
        built->holidays.push_back({date.toJulianDay(), QString::fromUtf8(closure.name)});
    };
    for (const tables::Closure& closure : tables::closures())
        close(closure);
    for (int year = tables::kLastCoveredYear + 1; year <= tables::kLastProjectedYear; ++year) {
        for (const tables::Closure& closure : tables::projectedClosures(year))
            close(closure);
    }
    for (const tables::SpecialSession& special : tables::specialSessions()) {
        const QDate date(special.year, special.month, special.day);
        const SessionWindow window{special.kind, special.openMinute * 60, special.closeMinute * 60,
                                   special.breakStartMinute < 0 ? -1 : special.breakStartMinute * 60,
                                   special.breakEndMinute < 0 ? -1 : special.breakEndMinute * 60};
        const bool full = special.kind != SessionKind::Muhurat && window.openSecond == kRegularOpenSecond &&
                          window.closeSecond == kRegularCloseSecond && window.breakStartSecond < 0;
        built->flags[built->indexOf(date)] = kSessionFlag | (full ? kFullSessionFlag : 0);
        built->specials.push_back({date.toJulianDay(), window, QString::fromUtf8(special.name)});
    }
    const auto byDay = [](const auto& left, const auto& right) { return left.julianDay < right.julianDay; };
    std::sort(built->holidays.begin(), built->holidays.end(), byDay);
    std::sort(built->specials.begin(), built->specials.end(), byDay);

    built->sessionsThrough.resize(dayCount);
    std::int32_t running = 0;
    for (std::size_t index = 0; index < dayCount; ++index) {
        running += (built->flags[index] & kSessionFlag) ? 1 : 0;
        built->sessionsThrough[index] = running;
    }
}

}  // namespace

struct NseCalendar::Tables : CalendarTables {};

namespace {
void fillExpiryLists(const NseCalendar& calendar, CalendarTables* built);
}  // namespace

NseCalendar::NseCalendar()
{
    auto* built = new Tables;
    fillTables(built);
    tables_ = built;
    // The lists are derived from the session flags, so the calendar must answer isFullSession first.
    fillExpiryLists(*this, built);
}

const NseCalendar& NseCalendar::instance()
{
    // Never destroyed: other statics may still ask for sessions during shutdown.
    static const NseCalendar* calendar = new NseCalendar;
    return *calendar;
}

QDate NseCalendar::firstCoveredDate() const { return tables_->first; }

QDate NseCalendar::lastCoveredDate() const { return tables_->last; }

bool NseCalendar::covers(QDate date) const
{
    return date.isValid() && date >= tables_->first && date <= tables_->last;
}

bool NseCalendar::isSession(QDate date) const
{
    if (!date.isValid())
        return false;
    if (tables_->inTables(date))
        return (tables_->flags[tables_->indexOf(date)] & kSessionFlag) != 0;
    return !isWeekend(date);
}

bool NseCalendar::isFullSession(QDate date) const
{
    if (!date.isValid())
        return false;
    if (tables_->inTables(date))
        return (tables_->flags[tables_->indexOf(date)] & kFullSessionFlag) != 0;
    return !isWeekend(date);
}

namespace {

std::optional<SessionWindow> windowOf(const NseCalendar& calendar, const CalendarTables& tables, QDate date)
{
    if (!calendar.isSession(date))
        return std::nullopt;
    if (const auto* special = CalendarTables::findByDay(tables.specials, date))
        return special->window;
    return SessionWindow{};
}

}  // namespace

std::optional<SessionTimes> NseCalendar::sessionTimes(QDate date) const
{
    const std::optional<SessionWindow> window = windowOf(*this, *tables_, date);
    if (!window)
        return std::nullopt;
    SessionTimes times;
    times.kind = window->kind;
    times.openUtc = utcDateTime(date, window->openSecond);
    times.closeUtc = utcDateTime(date, window->closeSecond);
    if (window->breakStartSecond >= 0) {
        times.breakStartUtc = utcDateTime(date, window->breakStartSecond);
        times.breakEndUtc = utcDateTime(date, window->breakEndSecond);
    }
    return times;
}

QString NseCalendar::holidayName(QDate date) const
{
    if (!tables_->inTables(date))
        return {};
    const auto* holiday = CalendarTables::findByDay(tables_->holidays, date);
    return holiday ? holiday->name : QString();
}

QString NseCalendar::specialSessionName(QDate date) const
{
    if (!covers(date))
        return {};
    const auto* special = CalendarTables::findByDay(tables_->specials, date);
    return special ? special->name : QString();
}

QDate NseCalendar::istDate(std::int64_t utc)
{
    return QDate::fromJulianDay(kUnixEpochJulianDay + floorDiv(utc + kIstOffsetSeconds, kSecondsPerDay));
}

QDateTime NseCalendar::toIst(std::int64_t utc)
{
    return QDateTime::fromSecsSinceEpoch(utc, Qt::OffsetFromUTC, static_cast<int>(kIstOffsetSeconds));
}

namespace {

int istSecondOfDay(std::int64_t utc)
{
    const std::int64_t shifted = utc + kIstOffsetSeconds;
    return static_cast<int>(shifted - floorDiv(shifted, kSecondsPerDay) * kSecondsPerDay);
}

}  // namespace

bool NseCalendar::isOpenAt(const QDateTime& instant) const
{
    if (!instant.isValid())
        return false;
    const std::int64_t utc = instant.toSecsSinceEpoch();
    const std::optional<SessionWindow> window = windowOf(*this, *tables_, istDate(utc));
    return window && window->isOpenAt(istSecondOfDay(utc));
}

QDate NseCalendar::lastCompletedSession(const QDateTime& instant) const
{
    if (!instant.isValid())
        return {};
    const std::int64_t utc = instant.toSecsSinceEpoch();
    const QDate today = istDate(utc);
    const std::optional<SessionWindow> window = windowOf(*this, *tables_, today);
    if (window && window->closeSecond <= istSecondOfDay(utc))
        return today;
    return previousSession(today);
}

QDate NseCalendar::nextSession(QDate after) const
{
    if (!after.isValid())
        return {};
    QDate date = after.addDays(1);
    while (!isSession(date))
        date = date.addDays(1);
    return date;
}

QDate NseCalendar::previousSession(QDate before) const
{
    if (!before.isValid())
        return {};
    QDate date = before.addDays(-1);
    while (!isSession(date))
        date = date.addDays(-1);
    return date;
}

std::vector<QDate> NseCalendar::sessionsBetween(QDate from, QDate to) const
{
    std::vector<QDate> sessions;
    if (!from.isValid() || !to.isValid() || to < from)
        return sessions;
    sessions.reserve(static_cast<std::size_t>(sessionCount(from.addDays(-1), to)));
    for (QDate date = from; date <= to; date = date.addDays(1)) {
        if (isSession(date))
            sessions.push_back(date);
    }
    return sessions;
}

namespace {

// Sessions on days up to and including `date`, counted from the first covered day (negative before it),
// so that the difference of two values is the number of sessions between them.
qint64 sessionsThrough(const CalendarTables& tables, QDate date)
{
    if (date < tables.first)
        return -weekdaysBetween(date.addDays(1), tables.first.addDays(-1));
    if (date <= tables.projectedLast)
        return tables.sessionsThrough[tables.indexOf(date)];
    return tables.sessionsThrough.back() + weekdaysBetween(tables.projectedLast.addDays(1), date);
}

}  // namespace

int NseCalendar::sessionCount(QDate from, QDate to) const
{
    if (!from.isValid() || !to.isValid() || to <= from)
        return 0;
    return static_cast<int>(sessionsThrough(*tables_, to) - sessionsThrough(*tables_, from));
}

namespace {

using expiry_rules::Underlying;

QDate onFullSessionOrBefore(const NseCalendar& calendar, QDate nominal)
{
    QDate date = nominal;
    for (int step = 0; step < kMaxExpiryShiftDays && !calendar.isFullSession(date); ++step)
        date = date.addDays(-1);
    return date;
}

std::optional<QDate> nominalMonthlyExpiry(Underlying underlying, int year, int month)
{
    const std::optional<int> weekday = expiry_rules::monthlyWeekday(underlying, year, month);
    if (!weekday)
        return std::nullopt;
    return expiry_rules::lastWeekdayOfMonth(year, month, *weekday);
}

// The nominal day of the weekly series in the week starting `monday`. In the week of a monthly expiry
// the monthly contract is the one that expires (NSE lists no separate weekly that week).
std::optional<QDate> nominalWeeklyExpiry(Underlying underlying, QDate monday)
{
    const std::optional<int> weekday = expiry_rules::weeklyWeekday(underlying, monday);
    if (!weekday)
        return std::nullopt;
    const QDate sunday = monday.addDays(6);
    const std::array<QDate, 2> monthsTouched = {monday, sunday};
    for (const QDate month : monthsTouched) {
        const std::optional<QDate> monthly = nominalMonthlyExpiry(underlying, month.year(), month.month());
        if (monthly && *monthly >= monday && *monthly <= sunday)
            return monthly;
    }
    return monday.addDays(*weekday - Qt::Monday);
}

// Expiries in [from, to] by walking the weeks or months from the rules; the reference the precomputed
// lists are built from, and the answer outside them.
std::vector<QDate> computeExpiries(const NseCalendar& calendar, Underlying underlying, QDate from, QDate to,
                                   ExpiryCycle cycle)
{
    std::vector<QDate> found;
    // A holiday only moves an expiry earlier: periods whose nominal day lies after `to` may still land
    // inside the range, periods before the one holding `from` cannot.
    const QDate lastNominal = to.addDays(kMaxExpiryShiftDays);
    const auto keep = [&](std::optional<QDate> nominal) {
        if (!nominal)
            return;
        const QDate expiry = onFullSessionOrBefore(calendar, *nominal);
        if (expiry >= from && expiry <= to)
            found.push_back(expiry);
    };
    if (cycle == ExpiryCycle::Weekly) {
        for (QDate monday = mondayOf(from); monday <= lastNominal; monday = monday.addDays(7))
            keep(nominalWeeklyExpiry(underlying, monday));
    } else {
        for (QDate month(from.year(), from.month(), 1); month <= lastNominal; month = month.addMonths(1))
            keep(nominalMonthlyExpiry(underlying, month.year(), month.month()));
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

constexpr std::array kUnderlyings = {Underlying::Nifty, Underlying::BankNifty, Underlying::FinNifty, Underlying::Stock};

std::size_t expiryListIndex(Underlying underlying, ExpiryCycle cycle)
{
    return static_cast<std::size_t>(underlying) * 2 + (cycle == ExpiryCycle::Monthly ? 1 : 0);
}

void fillExpiryLists(const NseCalendar& calendar, CalendarTables* built)
{
    for (const Underlying underlying : kUnderlyings) {
        for (const ExpiryCycle cycle : {ExpiryCycle::Weekly, ExpiryCycle::Monthly}) {
            built->expiries[expiryListIndex(underlying, cycle)] = computeExpiries(
                calendar, underlying, built->first, precomputedNominalEnd().addDays(-kMaxExpiryShiftDays), cycle);
        }
    }
    built->expiriesReliableUntil = precomputedNominalEnd().addDays(-kMaxExpiryShiftDays);
}

}  // namespace

std::vector<QDate> NseCalendar::expiries(const QString& underlying, QDate from, QDate to, ExpiryCycle cycle) const
{
    const std::optional<Underlying> kind = expiry_rules::classify(underlying);
    if (!kind || !from.isValid() || !to.isValid() || to < from)
        return {};
    if (from < tables_->first || to > tables_->expiriesReliableUntil)
        return computeExpiries(*this, *kind, from, to, cycle);
    const std::vector<QDate>& list = tables_->expiries[expiryListIndex(*kind, cycle)];
    return std::vector<QDate>(std::lower_bound(list.begin(), list.end(), from),
                              std::upper_bound(list.begin(), list.end(), to));
}

std::optional<QDate> NseCalendar::nextExpiry(const QString& underlying, QDate onOrAfter, ExpiryCycle cycle) const
{
    if (!onOrAfter.isValid())
        return std::nullopt;
    const QDate horizon = onOrAfter.addDays(kExpiryHorizonDays);
    const std::optional<Underlying> kind = expiry_rules::classify(underlying);
    if (kind && onOrAfter >= tables_->first && horizon <= tables_->expiriesReliableUntil) {
        // The per-bar path of feature code: one binary search, no allocation.
        const std::vector<QDate>& list = tables_->expiries[expiryListIndex(*kind, cycle)];
        const auto found = std::lower_bound(list.begin(), list.end(), onOrAfter);
        if (found == list.end() || *found > horizon)
            return std::nullopt;
        return *found;
    }
    const std::vector<QDate> candidates = expiries(underlying, onOrAfter, horizon, cycle);
    if (candidates.empty())
        return std::nullopt;
    return candidates.front();
}

std::optional<QDate> NseCalendar::nearestExpiry(const QString& underlying, QDate onOrAfter) const
{
    const std::optional<QDate> weekly = nextExpiry(underlying, onOrAfter, ExpiryCycle::Weekly);
    const std::optional<QDate> monthly = nextExpiry(underlying, onOrAfter, ExpiryCycle::Monthly);
    if (weekly && monthly)
        return std::min(*weekly, *monthly);
    return weekly ? weekly : monthly;
}

}  // namespace aegis::data
