#include "data/providers/yahoo_chart_parser.h"

#include "data/calendar/nse_calendar.h"
#include "data/providers/bar_finality.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>

namespace aegis::data {

namespace {

ProviderError parseError(const QString& what)
{
    ProviderError error;
    error.kind = ProviderErrorKind::Parse;
    error.message = QStringLiteral("Yahoo chart response: ") + what;
    return error;
}

std::optional<QJsonObject> chartObject(const QByteArray& json, QString* problem)
{
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *problem = QStringLiteral("invalid JSON (%1 at byte %2 of %3)").arg(parse.errorString()).arg(parse.offset).arg(json.size());
        return std::nullopt;
    }
    const QJsonValue chart = document.object().value(QLatin1String("chart"));
    if (!chart.isObject()) {
        *problem = QStringLiteral("no \"chart\" object");
        return std::nullopt;
    }
    return chart.toObject();
}

std::optional<QString> errorDescription(const QJsonObject& chart)
{
    const QJsonValue error = chart.value(QLatin1String("error"));
    if (!error.isObject())
        return std::nullopt;
    const QJsonObject object = error.toObject();
    const QString code = object.value(QLatin1String("code")).toString();
    const QString description = object.value(QLatin1String("description")).toString();
    if (code.isEmpty())
        return description.isEmpty() ? QStringLiteral("unspecified error") : description;
    return description.isEmpty() ? code : code + QStringLiteral(": ") + description;
}

YahooChartMeta readMeta(const QJsonObject& meta)
{
    YahooChartMeta result;
    result.symbol = meta.value(QLatin1String("symbol")).toString();
    result.currency = meta.value(QLatin1String("currency")).toString();
    result.exchangeTimezoneName = meta.value(QLatin1String("exchangeTimezoneName")).toString();
    if (const QJsonValue price = meta.value(QLatin1String("regularMarketPrice")); price.isDouble())
        result.regularMarketPrice = price.toDouble();
    if (const QJsonValue time = meta.value(QLatin1String("regularMarketTime")); time.isDouble())
        result.regularMarketTime = std::int64_t(time.toDouble());
    return result;
}

// One of the quote arrays, which must be as long as the timestamps and hold only numbers and nulls.
std::optional<QJsonArray> quoteColumn(const QJsonObject& quote, const char* name, qsizetype expected, QString* problem)
{
    const QJsonValue column = quote.value(QLatin1String(name));
    if (!column.isArray()) {
        *problem = QStringLiteral("indicators.quote[0].%1 is missing").arg(QLatin1String(name));
        return std::nullopt;
    }
    const QJsonArray array = column.toArray();
    if (array.size() != expected) {
        *problem = QStringLiteral("%1 timestamps but %2 values in %3").arg(expected).arg(array.size()).arg(QLatin1String(name));
        return std::nullopt;
    }
    for (const QJsonValue& value : array) {
        if (!value.isDouble() && !value.isNull()) {
            *problem = QStringLiteral("a non-numeric value in %1").arg(QLatin1String(name));
            return std::nullopt;
        }
    }
    return array;
}

// The split events, ascending; nothing when the chart has none.
std::optional<std::vector<YahooSplit>> readSplits(const QJsonObject& result, QString* problem)
{
    std::vector<YahooSplit> splits;
    const QJsonObject events = result.value(QLatin1String("events")).toObject();
    const QJsonObject byTime = events.value(QLatin1String("splits")).toObject();
    for (auto entry = byTime.constBegin(); entry != byTime.constEnd(); ++entry) {
        const QJsonObject split = entry.value().toObject();
        YahooSplit read;
        read.utc = std::int64_t(split.value(QLatin1String("date")).toDouble(0.0));
        read.numerator = split.value(QLatin1String("numerator")).toDouble(0.0);
        read.denominator = split.value(QLatin1String("denominator")).toDouble(0.0);
        if (read.utc <= 0 || !(read.numerator > 0.0) || !(read.denominator > 0.0)) {
            *problem = QStringLiteral("split event %1 has no positive date, numerator and denominator").arg(entry.key());
            return std::nullopt;
        }
        splits.push_back(read);
    }
    std::sort(splits.begin(), splits.end(), [](const YahooSplit& a, const YahooSplit& b) { return a.utc < b.utc; });
    return splits;
}

}  // namespace

std::optional<QString> yahooChartErrorDescription(const QByteArray& json)
{
    QString ignored;
    const auto chart = chartObject(json, &ignored);
    return chart ? errorDescription(*chart) : std::nullopt;
}

Outcome<YahooChart> parseYahooChart(const QByteArray& json, Interval interval, std::int64_t nowUtc)
{
    QString problem;
    const auto chart = chartObject(json, &problem);
    if (!chart)
        return parseError(problem);
    if (const auto description = errorDescription(*chart)) {
        ProviderError error;
        error.kind = ProviderErrorKind::Remote;
        error.message = QStringLiteral("Yahoo Finance reported an error: ") + *description;
        return error;
    }
    const QJsonArray results = chart->value(QLatin1String("result")).toArray();
    if (results.isEmpty() || !results.first().isObject())
        return parseError(QStringLiteral("\"chart.result\" is empty and there is no \"chart.error\""));
    const QJsonObject result = results.first().toObject();

    YahooChart parsed;
    parsed.meta = readMeta(result.value(QLatin1String("meta")).toObject());
    auto splits = readSplits(result, &problem);
    if (!splits)
        return parseError(problem);
    parsed.splits = std::move(*splits);

    // A window with no trading (asked for bars after the last one) comes without timestamps at all.
    const QJsonValue timestampValue = result.value(QLatin1String("timestamp"));
    if (timestampValue.isUndefined() || timestampValue.isNull())
        return parsed;
    if (!timestampValue.isArray())
        return parseError(QStringLiteral("\"timestamp\" is not an array"));
    const QJsonArray timestamps = timestampValue.toArray();

    const QJsonArray quotes = result.value(QLatin1String("indicators")).toObject().value(QLatin1String("quote")).toArray();
    if (quotes.isEmpty() || !quotes.first().isObject())
        return parseError(QStringLiteral("\"indicators.quote\" is missing"));
    const QJsonObject quote = quotes.first().toObject();
    const qsizetype count = timestamps.size();
    const auto open = quoteColumn(quote, "open", count, &problem);
    const auto high = open ? quoteColumn(quote, "high", count, &problem) : std::nullopt;
    const auto low = high ? quoteColumn(quote, "low", count, &problem) : std::nullopt;
    const auto close = low ? quoteColumn(quote, "close", count, &problem) : std::nullopt;
    const auto volume = close ? quoteColumn(quote, "volume", count, &problem) : std::nullopt;
    if (!volume)
        return parseError(problem);

    std::map<std::int64_t, Bar> byKey;  // later duplicates of a key replace earlier ones
    for (qsizetype i = 0; i < count; ++i) {
        if (!timestamps[i].isDouble())
            return parseError(QStringLiteral("timestamp %1 is not a number").arg(i));
        if ((*open)[i].isNull() || (*high)[i].isNull() || (*low)[i].isNull() || (*close)[i].isNull()) {
            ++parsed.skippedNullBars;
            continue;
        }
        const auto stamp = std::int64_t(timestamps[i].toDouble());
        Bar bar;
        bar.session = NseCalendar::istDate(stamp);
        bar.open = (*open)[i].toDouble();
        bar.high = (*high)[i].toDouble();
        bar.low = (*low)[i].toDouble();
        bar.close = (*close)[i].toDouble();
        bar.volume = (*volume)[i].isNull() ? 0.0 : (*volume)[i].toDouble();
        if (interval == Interval::Daily) {
            bar.utc = sessionOpenUtc(bar.session);
            bar.final = isDailyBarFinal(bar.session, nowUtc);
        } else {
            bar.utc = stamp;
            bar.final = isIntradayBarFinal(stamp, interval, nowUtc);
        }
        const bool flatWithoutVolume = bar.open == bar.high && bar.high == bar.low && bar.low == bar.close && bar.volume == 0.0;
        if (interval == Interval::Daily && flatWithoutVolume && !NseCalendar::instance().isSession(bar.session)) {
            if (parsed.skippedPlaceholderBars++ == 0)
                parsed.firstPlaceholder = bar.session;
            continue;
        }
        if (const std::optional<QString> reason = implausibleBarReason(bar)) {
            if (parsed.skippedImplausibleBars++ == 0)
                parsed.firstImplausible = bar.session.toString(Qt::ISODate) + QStringLiteral(": ") + *reason;
            continue;
        }
        byKey[bar.utc] = bar;
    }
    parsed.bars.reserve(byKey.size());
    for (auto& [key, bar] : byKey)
        parsed.bars.push_back(bar);
    return parsed;
}

}  // namespace aegis::data
