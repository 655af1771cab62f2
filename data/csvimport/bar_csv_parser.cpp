#include "data/csvimport/bar_csv_parser.h"

#include "data/calendar/nse_calendar.h"
#include "data/csvimport/csv_line.h"

#include <QRegularExpression>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace aegis::data {

CsvRejection::CsvRejection(int line, const QString& reason)
    : std::runtime_error(reason.toStdString()), line_(line), reason_(reason)
{
}

namespace {

enum class Column { Date, Open, High, Low, Close, AdjClose, Volume, Dividends, StockSplits, CapitalGains };

struct ColumnName {
    const char* name;  // lower case
    Column column;
};

constexpr ColumnName kColumnNames[] = {
    {"date", Column::Date},   {"datetime", Column::Date}, {"open", Column::Open},
    {"high", Column::High},   {"low", Column::Low},       {"close", Column::Close},
    {"adj close", Column::AdjClose}, {"volume", Column::Volume},
    // yfinance's Ticker.history(): the corporate-action columns are read past like Adj Close.
    {"dividends", Column::Dividends}, {"stock splits", Column::StockSplits}, {"capital gains", Column::CapitalGains},
};

const char* displayName(Column column)
{
    switch (column) {
    case Column::Date: return "Date";
    case Column::Open: return "Open";
    case Column::High: return "High";
    case Column::Low: return "Low";
    case Column::Close: return "Close";
    case Column::AdjClose: return "Adj Close";
    case Column::Volume: return "Volume";
    case Column::Dividends: return "Dividends";
    case Column::StockSplits: return "Stock Splits";
    case Column::CapitalGains: return "Capital Gains";
    }
    return "";
}

struct Layout {
    int columnCount = 0;
    std::map<Column, int> index;  // where each known column is
    int headerLines = 1;
    QString declaredTicker;       // the yfinance header's Ticker line
};

struct RowTime {
    QDate writtenDate;
    bool hasTime = false;  // a time of day other than local midnight
    std::int64_t utc = 0;  // when hasTime
};

struct Row {
    int line = 0;
    RowTime time;
    QDate session;
    double open = 0, high = 0, low = 0, close = 0, volume = 0;
    bool withoutPrices = false;  // every price cell empty or `null`: nothing to import

    bool flatWithoutVolume() const { return open == high && high == low && low == close && volume == 0.0; }
};

QStringList splitOrReject(const QString& text, int line)
{
    std::optional<QStringList> fields = csv::splitLine(text);
    if (!fields)
        throw CsvRejection(line, QStringLiteral("unbalanced quotes"));
    return *fields;
}

void requireColumnCount(const QStringList& fields, int expected, int line)
{
    if (fields.size() != expected) {
        throw CsvRejection(line, QStringLiteral("wrong column count: expected %1, found %2")
                                     .arg(expected)
                                     .arg(fields.size()));
    }
}

bool isDateColumnName(const QString& text)
{
    const QString name = text.trimmed().toLower();
    return name == QLatin1String("date") || name == QLatin1String("datetime");
}

Layout parseHeader(const QStringList& lines)
{
    Layout layout;
    QStringList names = splitOrReject(lines[0], 1);
    layout.columnCount = int(names.size());
    if (names[0].trimmed().compare(QLatin1String("Price"), Qt::CaseInsensitive) == 0) {
        // yfinance's multi-index header: column names, then one ticker per column, then "Date".
        if (lines.size() < 3)
            throw CsvRejection(int(lines.size()) + 1, QStringLiteral("the yfinance header needs its Ticker and Date lines"));
        const QStringList tickers = splitOrReject(lines[1], 2);
        requireColumnCount(tickers, layout.columnCount, 2);
        if (tickers[0].trimmed() != QLatin1String("Ticker"))
            throw CsvRejection(2, QStringLiteral("expected the yfinance 'Ticker' line after 'Price'"));
        for (qsizetype i = 1; i < tickers.size(); ++i) {
            const QString ticker = tickers[i].trimmed();
            if (ticker.isEmpty())
                continue;
            if (!layout.declaredTicker.isEmpty() && ticker != layout.declaredTicker)
                throw CsvRejection(2, QStringLiteral("the yfinance 'Ticker' line names both %1 and %2").arg(layout.declaredTicker, ticker));
            layout.declaredTicker = ticker;
        }
        const QStringList dateLine = splitOrReject(lines[2], 3);
        requireColumnCount(dateLine, layout.columnCount, 3);
        const bool restEmpty = std::all_of(dateLine.begin() + 1, dateLine.end(),
                                           [](const QString& cell) { return cell.trimmed().isEmpty(); });
        if (!isDateColumnName(dateLine[0]) || !restEmpty)
            throw CsvRejection(3, QStringLiteral("expected the yfinance 'Date' line after 'Ticker'"));
        names[0] = QStringLiteral("Date");
        layout.headerLines = 3;
    }

    for (int i = 0; i < layout.columnCount; ++i) {
        const QString name = names[i].trimmed().toLower();
        const auto known = std::find_if(std::begin(kColumnNames), std::end(kColumnNames),
                                        [&](const ColumnName& entry) { return name == QLatin1String(entry.name); });
        if (known == std::end(kColumnNames))
            throw CsvRejection(1, QStringLiteral("unknown column '%1'").arg(names[i].trimmed()));
        if (!layout.index.emplace(known->column, i).second)
            throw CsvRejection(1, QStringLiteral("column '%1' appears twice").arg(QLatin1String(displayName(known->column))));
    }
    for (Column required : {Column::Date, Column::Open, Column::High, Column::Low, Column::Close, Column::Volume}) {
        if (!layout.index.count(required))
            throw CsvRejection(1, QStringLiteral("missing column '%1'").arg(QLatin1String(displayName(required))));
    }
    return layout;
}

std::optional<RowTime> parseTime(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$)"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    RowTime time;
    time.writtenDate = QDate(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    if (!time.writtenDate.isValid())
        return std::nullopt;
    if (match.captured(4).isEmpty())
        return time;

    const QTime clock(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt());
    if (!clock.isValid())
        return std::nullopt;
    if (clock == QTime(0, 0))
        return time;  // a date written as midnight, as yfinance does for daily rows

    int offsetSeconds = 0;
    const QString offset = match.captured(7);
    if (!offset.isEmpty() && offset != QLatin1String("Z")) {
        const QString digits = QString(offset).remove(QLatin1Char(':'));
        const int hours = digits.mid(1, 2).toInt();
        const int minutes = digits.mid(3, 2).toInt();
        if (hours > 14 || minutes > 59)
            return std::nullopt;
        offsetSeconds = (hours * 3600 + minutes * 60) * (digits[0] == QLatin1Char('-') ? -1 : 1);
    }
    time.hasTime = true;
    time.utc = QDateTime(time.writtenDate, clock, Qt::UTC).toSecsSinceEpoch() - offsetSeconds;
    return time;
}

double parseNumber(const QString& text, Column column, int line)
{
    const QByteArray bytes = text.trimmed().toUtf8();
    const char* name = displayName(column);
    if (bytes.isEmpty())
        throw CsvRejection(line, QStringLiteral("%1 is empty").arg(QLatin1String(name)));
    double value = 0.0;
    const auto [end, error] = std::from_chars(bytes.constData(), bytes.constData() + bytes.size(), value);
    if (error != std::errc() || end != bytes.constData() + bytes.size())
        throw CsvRejection(line, QStringLiteral("%1 '%2' is not a number").arg(QLatin1String(name), text.trimmed()));
    if (!std::isfinite(value))
        throw CsvRejection(line, QStringLiteral("%1 '%2' is not a finite number").arg(QLatin1String(name), text.trimmed()));
    return value;
}

bool isNoValue(const QString& cell)
{
    const QString text = cell.trimmed();
    return text.isEmpty() || text.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0;
}

// Yahoo's CSV download writes `null` in every cell of a day it has no data for, and yfinance an empty
// cell for each NaN of such a day (volume empty or 0). The row says only that the day is missing.
bool isRowWithoutPrices(const QStringList& fields, const Layout& layout, int line)
{
    for (Column column : {Column::Open, Column::High, Column::Low, Column::Close}) {
        if (!isNoValue(fields[layout.index.at(column)]))
            return false;
    }
    const QString& volume = fields[layout.index.at(Column::Volume)];
    return isNoValue(volume) || parseNumber(volume, Column::Volume, line) == 0.0;
}

Row parseRow(const QString& text, int line, const Layout& layout)
{
    if (text.trimmed().isEmpty())
        throw CsvRejection(line, QStringLiteral("empty line"));
    const QStringList fields = splitOrReject(text, line);
    requireColumnCount(fields, layout.columnCount, line);

    Row row;
    row.line = line;
    const QString& dateText = fields[layout.index.at(Column::Date)];
    const std::optional<RowTime> time = parseTime(dateText);
    if (!time) {
        throw CsvRejection(line, QStringLiteral("'%1' is not a date (YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS in UTC)")
                                     .arg(dateText.trimmed()));
    }
    row.time = *time;
    row.session = time->hasTime ? NseCalendar::istDate(time->utc) : time->writtenDate;
    if (isRowWithoutPrices(fields, layout, line)) {
        row.withoutPrices = true;
        return row;
    }

    const auto field = [&](Column column) { return parseNumber(fields[layout.index.at(column)], column, line); };
    row.open = field(Column::Open);
    row.high = field(Column::High);
    row.low = field(Column::Low);
    row.close = field(Column::Close);
    row.volume = field(Column::Volume);
    for (Column column : {Column::Open, Column::High, Column::Low, Column::Close}) {
        const double price = column == Column::Open ? row.open
                             : column == Column::High ? row.high
                             : column == Column::Low  ? row.low
                                                      : row.close;
        if (price <= 0.0) {
            throw CsvRejection(line, QStringLiteral("%1 '%2' is not a positive price")
                                         .arg(QLatin1String(displayName(column)),
                                              fields[layout.index.at(column)].trimmed()));
        }
        if (price > kMaxPlausiblePrice) {
            throw CsvRejection(line, QStringLiteral("%1 '%2' is above %3, not a plausible price")
                                         .arg(QLatin1String(displayName(column)), fields[layout.index.at(column)].trimmed())
                                         .arg(kMaxPlausiblePrice));
        }
        if (price < kMinPlausiblePrice) {
            throw CsvRejection(line, QStringLiteral("%1 '%2' is below the ₹%3 tick, not a plausible price")
                                         .arg(QLatin1String(displayName(column)), fields[layout.index.at(column)].trimmed())
                                         .arg(kMinPlausiblePrice));
        }
    }
    if (row.volume < 0.0)
        throw CsvRejection(line, QStringLiteral("Volume '%1' is negative").arg(fields[layout.index.at(Column::Volume)].trimmed()));
    if (row.volume > kMaxPlausibleVolume) {
        throw CsvRejection(line, QStringLiteral("Volume '%1' is above %2, not a plausible volume")
                                     .arg(fields[layout.index.at(Column::Volume)].trimmed())
                                     .arg(kMaxPlausibleVolume));
    }
    if (row.high < row.low) {
        throw CsvRejection(line, QStringLiteral("High %1 is below Low %2")
                                     .arg(fields[layout.index.at(Column::High)].trimmed(),
                                          fields[layout.index.at(Column::Low)].trimmed()));
    }
    for (Column column : {Column::Open, Column::Close}) {
        const double price = column == Column::Open ? row.open : row.close;
        if (price > row.high || price < row.low) {
            throw CsvRejection(line, QStringLiteral("%1 %2 is outside the range Low %3 to High %4")
                                         .arg(QLatin1String(displayName(column)), fields[layout.index.at(column)].trimmed(),
                                              fields[layout.index.at(Column::Low)].trimmed(),
                                              fields[layout.index.at(Column::High)].trimmed()));
        }
    }
    return row;
}

QString utcClock(std::int64_t utc)
{
    return QDateTime::fromSecsSinceEpoch(utc, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
}

QString istClock(std::int64_t utc)
{
    return NseCalendar::toIst(utc).toString(QStringLiteral("HH:mm"));
}

// Rows are ascending by time.
Interval detectInterval(const std::vector<Row>& rows)
{
    std::map<std::int64_t, int> spacingCounts;
    std::size_t pairs = 0;
    std::size_t firstPair = 0;  // the later row of the first pair of one session
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const Row& previous = rows[i - 1];
        const Row& row = rows[i];
        if (previous.time.hasTime && row.time.hasTime && previous.session == row.session && row.time.utc > previous.time.utc) {
            ++spacingCounts[row.time.utc - previous.time.utc];
            firstPair = pairs == 0 ? i : firstPair;
            ++pairs;
        }
    }
    if (spacingCounts.empty())
        return Interval::Daily;
    const auto mostCommon = std::max_element(spacingCounts.begin(), spacingCounts.end(),
                                             [](const auto& a, const auto& b) { return a.second < b.second; });
    if (mostCommon->first == 300)
        return Interval::FiveMinute;
    if (mostCommon->first == 60)
        return Interval::OneMinute;
    // A daily file with a few sessions written twice at different times of day is a daily file with
    // duplicates ("cannot tell the interval" at line 0 said neither).
    if (pairs * 10 < rows.size()) {
        const Row& second = rows[firstPair];
        throw CsvRejection(second.line, QStringLiteral("duplicate date %1 (also on line %2)")
                                            .arg(second.session.toString(Qt::ISODate))
                                            .arg(rows[firstPair - 1].line));
    }
    throw CsvRejection(0, QStringLiteral("cannot tell the interval: rows of one session are mostly %1 s apart "
                                         "(daily, 5-minute and 1-minute bars can be imported)")
                              .arg(mostCommon->first));
}

bool sessionStillOpen(QDate session, const QDateTime& nowUtc)
{
    const std::optional<SessionTimes> times = NseCalendar::instance().sessionTimes(session);
    return times && session == NseCalendar::istDate(nowUtc.toSecsSinceEpoch()) && nowUtc < times->closeUtc;
}

void addSkipped(ParsedBars& result, const QString& reason, QDate session)
{
    for (SkippedRows& skipped : result.skipped) {
        if (skipped.reason == reason) {
            skipped.sessions.push_back(session);
            return;
        }
    }
    result.skipped.push_back({reason, {session}});
}

const QString& placeholderOnNonSession()
{
    static const QString reason = QStringLiteral("flat zero-volume placeholder on a day with no NSE session");
    return reason;
}

Bar toBar(const Row& row, std::int64_t utc, bool final)
{
    return Bar{utc, row.session, row.open, row.high, row.low, row.close, row.volume, final};
}

void buildDaily(const std::vector<Row>& rows, const QDateTime& nowUtc, ParsedBars& result)
{
    const NseCalendar& calendar = NseCalendar::instance();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        if (i > 0 && rows[i - 1].session == row.session) {
            throw CsvRejection(row.line, QStringLiteral("duplicate date %1 (also on line %2)")
                                             .arg(row.session.toString(Qt::ISODate))
                                             .arg(rows[i - 1].line));
        }
        // A bar of a session that has not begun is not data: stored as final, it read as "up to date".
        if (row.session > NseCalendar::istDate(nowUtc.toSecsSinceEpoch())) {
            throw CsvRejection(row.line, QStringLiteral("%1 is after today (%2 IST)")
                                             .arg(row.session.toString(Qt::ISODate),
                                                  NseCalendar::istDate(nowUtc.toSecsSinceEpoch()).toString(Qt::ISODate)));
        }
        const bool last = i + 1 == rows.size();
        const std::optional<SessionTimes> times = calendar.sessionTimes(row.session);
        const std::int64_t regularOpen = QDateTime(row.session, QTime(3, 45), Qt::UTC).toSecsSinceEpoch();
        const std::int64_t sessionOpen = times ? times->openUtc.toSecsSinceEpoch() : regularOpen;

        std::int64_t utc = sessionOpen;
        bool final = !(last && sessionStillOpen(row.session, nowUtc));
        if (row.time.hasTime) {
            utc = row.time.utc;
            // Yahoo stamps a settled daily bar with its session's open; any other time is the
            // moment a snapshot of a session in progress was taken. Outside the years the calendar
            // covers, special sessions (a Muhurat evening, a Saturday budget) are unknown, so an
            // earlier row stamped with such a session's own open is taken as settled.
            if (utc != regularOpen && utc != sessionOpen) {
                if (last)
                    final = false;
                else if (calendar.covers(row.session))
                    throw CsvRejection(row.line, QStringLiteral("time %1 UTC is not the session's open; only the last "
                                                                "row may be a snapshot of a session in progress")
                                                     .arg(utcClock(utc)));
            }
        }

        const bool isSession = calendar.isSession(row.session);
        if (row.flatWithoutVolume() && !isSession) {
            addSkipped(result, placeholderOnNonSession(), row.session);
            continue;
        }
        if (!isSession)
            ++result.offCalendarRows;
        else if (row.flatWithoutVolume() && final)
            ++result.placeholdersKept;
        if (!final)
            ++result.formingBars;
        result.bars.push_back(toBar(row, utc, final));
    }
}

void buildIntraday(const std::vector<Row>& rows, Interval interval, const QDateTime& nowUtc, ParsedBars& result)
{
    const NseCalendar& calendar = NseCalendar::instance();
    const std::int64_t length = intervalSeconds(interval);
    // A last row off the bar grid is a snapshot taken mid-bar; it and the bar it falls in were
    // still forming when the file was written.
    std::optional<std::int64_t> snapshotUtc;
    if (!rows.empty() && rows.back().time.hasTime && rows.back().time.utc % length != 0)
        snapshotUtc = rows.back().time.utc;

    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        if (!row.time.hasTime)
            throw CsvRejection(row.line, QStringLiteral("a date without a time in a file of %1 bars").arg(toString(interval)));
        if (row.time.utc > nowUtc.toSecsSinceEpoch()) {
            throw CsvRejection(row.line, QStringLiteral("%1 UTC is in the future")
                                             .arg(QDateTime::fromSecsSinceEpoch(row.time.utc, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
        }
        if (i > 0 && rows[i - 1].time.utc == row.time.utc) {
            throw CsvRejection(row.line, QStringLiteral("duplicate timestamp %1 (also on line %2)")
                                             .arg(QDateTime::fromSecsSinceEpoch(row.time.utc, Qt::UTC)
                                                      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                                             .arg(rows[i - 1].line));
        }
        const bool last = i + 1 == rows.size();
        if (row.time.utc % length != 0 && !last) {
            throw CsvRejection(row.line, QStringLiteral("time %1 UTC is not on the %2 bar grid; only the last row may "
                                                        "be a snapshot of a bar in progress")
                                             .arg(utcClock(row.time.utc), toString(interval)));
        }
        const std::optional<SessionTimes> times = calendar.sessionTimes(row.session);
        if (!times) {
            if (row.flatWithoutVolume()) {
                addSkipped(result, placeholderOnNonSession(), row.session);
                continue;
            }
            throw CsvRejection(row.line, QStringLiteral("%1 is not an NSE session").arg(row.session.toString(Qt::ISODate)));
        }
        if (row.time.utc < times->openUtc.toSecsSinceEpoch() || row.time.utc >= times->closeUtc.toSecsSinceEpoch()) {
            throw CsvRejection(row.line, QStringLiteral("time %1 UTC (%2 IST) is outside the session's hours %3-%4 IST "
                                                        "(timestamps without an offset are read as UTC)")
                                             .arg(utcClock(row.time.utc), istClock(row.time.utc),
                                                  istClock(times->openUtc.toSecsSinceEpoch()),
                                                  istClock(times->closeUtc.toSecsSinceEpoch())));
        }
        bool final = !(last && sessionStillOpen(row.session, nowUtc));
        if (snapshotUtc && row.time.utc <= *snapshotUtc && row.time.utc + length > *snapshotUtc)
            final = false;
        if (!final)
            ++result.formingBars;
        result.bars.push_back(toBar(row, row.time.utc, final));
    }
}

// Rows ordered by time; date-only rows sort at their session's start.
std::int64_t sortKey(const Row& row)
{
    return row.time.hasTime ? row.time.utc
                            : QDateTime(row.session, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
}

}  // namespace

ParsedBars parseBarCsv(const QByteArray& content, const BarParseOptions& options)
{
    QString text = QString::fromUtf8(content);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        throw CsvRejection(1, QStringLiteral("empty file: no header"));

    const Layout layout = parseHeader(lines);
    if (lines.size() <= layout.headerLines)
        throw CsvRejection(int(lines.size()) + 1, QStringLiteral("no data rows after the header"));

    ParsedBars result;
    result.declaredTicker = layout.declaredTicker;
    result.corporateActionColumns = layout.index.count(Column::Dividends) || layout.index.count(Column::StockSplits)
                                    || layout.index.count(Column::CapitalGains);
    std::vector<Row> rows;
    rows.reserve(std::size_t(lines.size()));
    for (qsizetype i = layout.headerLines; i < lines.size(); ++i) {
        Row row = parseRow(lines[i], int(i) + 1, layout);
        if (row.withoutPrices)
            addSkipped(result, QStringLiteral("row whose price cells are all null or empty"), row.session);
        else
            rows.push_back(row);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return sortKey(a) < sortKey(b); });

    result.interval = detectInterval(rows);
    if (options.intervalHint && *options.intervalHint != result.interval) {
        throw CsvRejection(0, QStringLiteral("the file name says %1 bars but the rows are %2 bars")
                                  .arg(toString(*options.intervalHint), toString(result.interval)));
    }
    const QDateTime now = options.nowUtc.isValid() ? options.nowUtc : QDateTime::currentDateTimeUtc();
    if (result.interval == Interval::Daily)
        buildDaily(rows, now, result);
    else
        buildIntraday(rows, result.interval, now, result);
    if (result.bars.empty())
        throw CsvRejection(0, QStringLiteral("no bars left to import after skipping placeholders and rows without prices"));
    return result;
}

}  // namespace aegis::data
