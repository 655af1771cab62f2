#include "data/providers/nse_option_chain_parser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTime>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <cmath>

namespace aegis::data {

namespace {

constexpr std::int64_t kIstOffsetSeconds = 5 * 3600 + 30 * 60;

ProviderError parseError(const QString& symbol, const QString& what)
{
    ProviderError error;
    error.kind = ProviderErrorKind::Parse;
    error.message = QStringLiteral("NSE option chain for %1: %2").arg(symbol, what);
    return error;
}

// NSE writes numbers as JSON numbers, but now and then as strings ("1,234.50") or "-" for none.
double numberField(const QJsonObject& object, const char* name)
{
    const QJsonValue value = object.value(QLatin1String(name));
    if (value.isDouble())
        return std::isfinite(value.toDouble()) ? value.toDouble() : 0.0;
    if (value.isString()) {
        bool ok = false;
        const double parsed = value.toString().remove(QLatin1Char(',')).trimmed().toDouble(&ok);
        return ok && std::isfinite(parsed) ? parsed : 0.0;
    }
    return 0.0;
}

OptionQuote readQuote(const QJsonObject& side)
{
    OptionQuote quote;
    quote.openInterest = numberField(side, "openInterest");
    quote.changeInOpenInterest = numberField(side, "changeinOpenInterest");
    quote.totalTradedVolume = numberField(side, "totalTradedVolume");
    quote.impliedVolatility = numberField(side, "impliedVolatility");
    quote.lastPrice = numberField(side, "lastPrice");
    quote.bidPrice = numberField(side, "bidprice");
    quote.askPrice = numberField(side, "askPrice");
    return quote;
}

std::optional<OptionQuote> optionalQuote(const QJsonObject& row, const char* side)
{
    const QJsonValue value = row.value(QLatin1String(side));
    if (!value.isObject())
        return std::nullopt;
    return readQuote(value.toObject());
}

}  // namespace

std::optional<QDate> parseNseDate(const QString& text)
{
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QStringList parts = text.trimmed().split(QLatin1Char('-'));
    if (parts.size() != 3)
        return std::nullopt;
    bool dayOk = false;
    bool yearOk = false;
    const int day = parts[0].toInt(&dayOk);
    const int year = parts[2].toInt(&yearOk);
    const auto month = std::find_if(kMonths.begin(), kMonths.end(), [&](const char* name) {
        return parts[1].compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
    });
    if (!dayOk || !yearOk || month == kMonths.end())
        return std::nullopt;
    const QDate date(year, int(month - kMonths.begin()) + 1, day);
    return date.isValid() ? std::optional<QDate>(date) : std::nullopt;
}

std::optional<std::int64_t> parseNseTimestamp(const QString& text)
{
    const QStringList parts = text.simplified().split(QLatin1Char(' '));
    if (parts.size() != 2)
        return std::nullopt;
    const auto date = parseNseDate(parts[0]);
    const QTime time = QTime::fromString(parts[1], QStringLiteral("HH:mm:ss"));
    if (!date || !time.isValid())
        return std::nullopt;
    return QDateTime(*date, time, QTimeZone::utc()).toSecsSinceEpoch() - kIstOffsetSeconds;
}

Outcome<OptionChain> parseNseOptionChain(const QByteArray& json, const QString& symbol)
{
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError)
        return parseError(symbol, QStringLiteral("invalid JSON (%1 at byte %2 of %3)")
                                      .arg(parse.errorString()).arg(parse.offset).arg(json.size()));
    const QJsonValue recordsValue = document.object().value(QLatin1String("records"));
    if (!recordsValue.isObject())
        return parseError(symbol, QStringLiteral("no \"records\" object (NSE answers {} when it refuses the session)"));
    const QJsonObject records = recordsValue.toObject();

    OptionChain chain;
    chain.symbol = symbol;
    chain.source = DataSource::Nse;

    const QJsonValue underlying = records.value(QLatin1String("underlyingValue"));
    if (!underlying.isDouble() || !(underlying.toDouble() > 0.0))
        return parseError(symbol, QStringLiteral("records.underlyingValue is missing or not a positive number"));
    chain.underlyingValue = underlying.toDouble();

    const QString timestamp = records.value(QLatin1String("timestamp")).toString();
    const auto takenAt = parseNseTimestamp(timestamp);
    if (!takenAt)
        return parseError(symbol, QStringLiteral("records.timestamp '%1' is not like 21-Nov-2025 15:30:00").arg(timestamp));
    chain.takenAtUtc = *takenAt;

    for (const QJsonValue& value : records.value(QLatin1String("expiryDates")).toArray()) {
        const auto expiry = parseNseDate(value.toString());
        if (!expiry)
            return parseError(symbol, QStringLiteral("expiry date '%1' is not like 28-Nov-2025").arg(value.toString()));
        chain.expiries.push_back(*expiry);
    }
    std::sort(chain.expiries.begin(), chain.expiries.end());

    const QJsonValue data = records.value(QLatin1String("data"));
    if (!data.isArray())
        return parseError(symbol, QStringLiteral("records.data is missing"));
    // Stored, an empty chain would count as the newest snapshot and, five of them, prune the last real one.
    if (data.toArray().isEmpty() || chain.expiries.empty())
        return parseError(symbol, QStringLiteral("the chain has no strikes or no expiries (an empty answer, not a market)"));
    for (const QJsonValue& rowValue : data.toArray()) {
        const QJsonObject row = rowValue.toObject();
        OptionStrike strike;
        const QJsonValue strikePrice = row.value(QLatin1String("strikePrice"));
        if (!strikePrice.isDouble() || !(strikePrice.toDouble() > 0.0))
            return parseError(symbol, QStringLiteral("a records.data row has no positive strikePrice"));
        strike.strike = strikePrice.toDouble();
        const QString expiryText = row.value(QLatin1String("expiryDate")).toString();
        const auto expiry = parseNseDate(expiryText);
        if (!expiry)
            return parseError(symbol, QStringLiteral("strike %1 has expiry '%2', not like 28-Nov-2025")
                                          .arg(strike.strike).arg(expiryText));
        strike.expiry = *expiry;
        strike.call = optionalQuote(row, "CE");
        strike.put = optionalQuote(row, "PE");
        chain.strikes.push_back(strike);
    }
    std::sort(chain.strikes.begin(), chain.strikes.end(), [](const OptionStrike& a, const OptionStrike& b) {
        return a.expiry != b.expiry ? a.expiry < b.expiry : a.strike < b.strike;
    });
    return chain;
}

}  // namespace aegis::data
