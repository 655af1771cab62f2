#include "data/providers/retry_policy.h"

#include <QList>
#include <QTime>
#include <QTimeZone>

#include <algorithm>
#include <array>

namespace aegis::data {

namespace {

// HTTP dates always use English month names, whatever the machine's locale is.
std::optional<int> monthFromName(const QByteArray& name)
{
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (name.compare(kMonths[i], Qt::CaseInsensitive) == 0)
            return int(i) + 1;
    }
    return std::nullopt;
}

std::optional<int> number(const QByteArray& text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

std::optional<QDateTime> gmtDateTime(const QByteArray& day, const QByteArray& month, const QByteArray& year,
                                     const QByteArray& clock)
{
    const auto d = number(day);
    const auto m = monthFromName(month);
    auto y = number(year);
    const QTime time = QTime::fromString(QString::fromLatin1(clock), QStringLiteral("HH:mm:ss"));
    if (!d || !m || !y || !time.isValid())
        return std::nullopt;
    if (year.size() == 2)  // RFC 850's two-digit year
        *y += *y >= 70 ? 1900 : 2000;
    const QDate date(*y, *m, *d);
    if (!date.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::utc());
}

std::optional<QDateTime> parseHttpDate(const QByteArray& text)
{
    const qsizetype comma = text.indexOf(',');
    if (comma >= 0) {
        const QList<QByteArray> parts = text.mid(comma + 1).simplified().split(' ');
        if (parts.size() == 5 && parts[4] == "GMT")  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            return gmtDateTime(parts[0], parts[1], parts[2], parts[3]);
        if (parts.size() == 3 && parts[2] == "GMT") {  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
            const QList<QByteArray> date = parts[0].split('-');
            if (date.size() == 3)
                return gmtDateTime(date[0], date[1], date[2], parts[1]);
        }
        return std::nullopt;
    }
    const QList<QByteArray> parts = text.simplified().split(' ');
    if (parts.size() == 5)  // asctime: Sun Nov  6 08:49:37 1994
        return gmtDateTime(parts[2], parts[1], parts[4], parts[3]);
    return std::nullopt;
}

}  // namespace

bool isRetriableStatus(int httpStatus)
{
    return httpStatus == 429 || (httpStatus >= 500 && httpStatus <= 599);
}

std::chrono::milliseconds fullJitterBackoff(const RetryPolicy& policy, int retryIndex, std::mt19937_64& random)
{
    const auto base = std::max<std::int64_t>(0, policy.backoffBase.count());
    const auto cap = std::max<std::int64_t>(0, policy.backoffCap.count());
    std::int64_t ceiling = base;
    for (int i = 0; i < retryIndex && ceiling < cap; ++i)
        ceiling *= 2;
    ceiling = std::min(ceiling, cap);
    std::uniform_int_distribution<std::int64_t> uniform(0, ceiling);
    return std::chrono::milliseconds(uniform(random));
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& nowUtc)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        bool ok = false;
        const qlonglong seconds = text.toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        return std::chrono::milliseconds(std::min<qlonglong>(seconds, 365LL * 86400) * 1000);
    }
    const std::optional<QDateTime> when = parseHttpDate(text);
    if (!when)
        return std::nullopt;
    return std::chrono::milliseconds(std::max<qint64>(0, nowUtc.msecsTo(*when)));
}

}  // namespace aegis::data
