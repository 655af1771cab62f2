#include "provider_fixtures.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace aegis::testing {

namespace {

QJsonValue orNull(const std::optional<double>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

}  // namespace

YahooRow yahooRow(std::int64_t timestamp, double open, double high, double low, double close, double volume)
{
    return YahooRow{timestamp, open, high, low, close, volume};
}

QByteArray yahooChartJson(const QString& yahooSymbol, const std::vector<YahooRow>& rows,
                          const std::vector<YahooSplitEvent>& splits)
{
    QJsonObject meta{{QStringLiteral("currency"), QStringLiteral("INR")},
                     {QStringLiteral("symbol"), yahooSymbol},
                     {QStringLiteral("exchangeName"), QStringLiteral("NSI")},
                     {QStringLiteral("instrumentType"), QStringLiteral("EQUITY")},
                     {QStringLiteral("exchangeTimezoneName"), QStringLiteral("Asia/Kolkata")},
                     {QStringLiteral("gmtoffset"), 19800},
                     {QStringLiteral("regularMarketPrice"), rows.empty() ? 0.0 : rows.back().close.value_or(0.0)},
                     {QStringLiteral("regularMarketTime"), qint64(rows.empty() ? 0 : rows.back().timestamp)}};
    QJsonObject result{{QStringLiteral("meta"), meta}};
    if (!splits.empty()) {
        QJsonObject byTime;
        for (const YahooSplitEvent& split : splits) {
            byTime.insert(QString::number(split.timestamp),
                          QJsonObject{{QStringLiteral("date"), qint64(split.timestamp)},
                                      {QStringLiteral("numerator"), split.numerator},
                                      {QStringLiteral("denominator"), split.denominator},
                                      {QStringLiteral("splitRatio"),
                                       QStringLiteral("%1:%2").arg(split.numerator).arg(split.denominator)}});
        }
        result.insert(QStringLiteral("events"), QJsonObject{{QStringLiteral("splits"), byTime}});
    }
    if (!rows.empty()) {
        QJsonArray timestamps, open, high, low, close, volume;
        for (const YahooRow& row : rows) {
            timestamps.append(qint64(row.timestamp));
            open.append(orNull(row.open));
            high.append(orNull(row.high));
            low.append(orNull(row.low));
            close.append(orNull(row.close));
            volume.append(orNull(row.volume));
        }
        result.insert(QStringLiteral("timestamp"), timestamps);
        const QJsonObject quote{{QStringLiteral("open"), open},   {QStringLiteral("high"), high},
                                {QStringLiteral("low"), low},     {QStringLiteral("close"), close},
                                {QStringLiteral("volume"), volume}};
        result.insert(QStringLiteral("indicators"), QJsonObject{{QStringLiteral("quote"), QJsonArray{quote}}});
    } else {
        result.insert(QStringLiteral("indicators"), QJsonObject{{QStringLiteral("quote"), QJsonArray{QJsonObject{}}}});
    }
    const QJsonObject chart{{QStringLiteral("result"), QJsonArray{result}}, {QStringLiteral("error"), QJsonValue::Null}};
    return QJsonDocument(QJsonObject{{QStringLiteral("chart"), chart}}).toJson(QJsonDocument::Compact);
}

QByteArray yahooChartErrorJson(const QString& code, const QString& description)
{
    const QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("description"), description}};
    const QJsonObject chart{{QStringLiteral("result"), QJsonValue::Null}, {QStringLiteral("error"), error}};
    return QJsonDocument(QJsonObject{{QStringLiteral("chart"), chart}}).toJson(QJsonDocument::Compact);
}

std::int64_t istToUtc(QDate date, int hour, int minute)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone::utc()).toSecsSinceEpoch() - (5 * 3600 + 30 * 60);
}

QByteArray nseNiftyOptionChainJson()
{
    // Trimmed from the shape of a real api/option-chain-indices answer: field names and spelling
    // ("changeinOpenInterest", "bidprice") exactly as NSE sends them; the rows are out of order on purpose.
    return QByteArrayLiteral(R"({
 "records": {
  "expiryDates": ["25-Nov-2025", "02-Dec-2025"],
  "data": [
   {"strikePrice": 26100, "expiryDate": "25-Nov-2025",
    "CE": {"strikePrice": 26100, "expiryDate": "25-Nov-2025", "underlying": "NIFTY",
           "identifier": "OPTIDXNIFTY25-11-2025CE26100.00", "openInterest": 95231, "changeinOpenInterest": 20417,
           "pchangeinOpenInterest": 27.29, "totalTradedVolume": 1843210, "impliedVolatility": 9.87, "lastPrice": 41.35,
           "change": -30.2, "pChange": -42.2, "totalBuyQuantity": 512400, "totalSellQuantity": 398250,
           "bidQty": 1125, "bidprice": 41.3, "askQty": 300, "askPrice": 41.45, "underlyingValue": 26068.15},
    "PE": {"strikePrice": 26100, "expiryDate": "25-Nov-2025", "underlying": "NIFTY",
           "identifier": "OPTIDXNIFTY25-11-2025PE26100.00", "openInterest": 61020, "changeinOpenInterest": -3310,
           "pchangeinOpenInterest": -5.14, "totalTradedVolume": 1502114, "impliedVolatility": 8.95, "lastPrice": 88.6,
           "change": 22.15, "pChange": 33.3, "totalBuyQuantity": 301200, "totalSellQuantity": 288975,
           "bidQty": 75, "bidprice": 88.5, "askQty": 450, "askPrice": 88.75, "underlyingValue": 26068.15}},
   {"strikePrice": 26000, "expiryDate": "25-Nov-2025",
    "CE": {"strikePrice": 26000, "expiryDate": "25-Nov-2025", "underlying": "NIFTY", "openInterest": 120455,
           "changeinOpenInterest": 15520, "totalTradedVolume": 2210870, "impliedVolatility": 10.42, "lastPrice": 98.2,
           "bidprice": 98.1, "askPrice": 98.3, "underlyingValue": 26068.15},
    "PE": {"strikePrice": 26000, "expiryDate": "25-Nov-2025", "underlying": "NIFTY", "openInterest": 143280,
           "changeinOpenInterest": 40215, "totalTradedVolume": 2450332, "impliedVolatility": 9.61, "lastPrice": 34.05,
           "bidprice": 34, "askPrice": 34.1, "underlyingValue": 26068.15}},
   {"strikePrice": 24500, "expiryDate": "25-Nov-2025",
    "PE": {"strikePrice": 24500, "expiryDate": "25-Nov-2025", "underlying": "NIFTY", "openInterest": 20110,
           "changeinOpenInterest": 1200, "totalTradedVolume": 45012, "impliedVolatility": 19.8, "lastPrice": 1.15,
           "bidprice": 1.1, "askPrice": 1.2, "underlyingValue": 26068.15}},
   {"strikePrice": 27500, "expiryDate": "25-Nov-2025",
    "CE": {"strikePrice": 27500, "expiryDate": "25-Nov-2025", "underlying": "NIFTY", "openInterest": 18700,
           "changeinOpenInterest": -450, "totalTradedVolume": 30550, "impliedVolatility": 0, "lastPrice": 0.85,
           "bidprice": 0.8, "askPrice": 0.9, "underlyingValue": 26068.15}},
   {"strikePrice": 26000, "expiryDate": "02-Dec-2025",
    "CE": {"strikePrice": 26000, "expiryDate": "02-Dec-2025", "underlying": "NIFTY", "openInterest": 30120,
           "changeinOpenInterest": 5120, "totalTradedVolume": 210500, "impliedVolatility": 11.2, "lastPrice": 236.4,
           "bidprice": 236, "askPrice": 236.9, "underlyingValue": 26068.15},
    "PE": {"strikePrice": 26000, "expiryDate": "02-Dec-2025", "underlying": "NIFTY", "openInterest": 28840,
           "changeinOpenInterest": 3100, "totalTradedVolume": 190220, "impliedVolatility": 11.05, "lastPrice": 160.75,
           "bidprice": 160.5, "askPrice": 161, "underlyingValue": 26068.15}}
  ],
  "timestamp": "21-Nov-2025 15:30:00",
  "underlyingValue": 26068.15,
  "strikePrices": [24500, 26000, 26100, 27500]
 },
 "filtered": {"data": [], "CE": {"totOI": 0, "totVol": 0}, "PE": {"totOI": 0, "totVol": 0}}
})");
}

}  // namespace aegis::testing
