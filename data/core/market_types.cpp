#include "data/core/market_types.h"

#include <cmath>
#include <utility>

namespace aegis::data {

QString toString(Interval interval)
{
    switch (interval) {
    case Interval::Daily: return QStringLiteral("1d");
    case Interval::FiveMinute: return QStringLiteral("5m");
    case Interval::OneMinute: return QStringLiteral("1m");
    }
    return {};
}

std::int64_t intervalSeconds(Interval interval)
{
    switch (interval) {
    case Interval::Daily: return 24 * 60 * 60;
    case Interval::FiveMinute: return 5 * 60;
    case Interval::OneMinute: return 60;
    }
    return 0;
}

std::optional<Interval> intervalFromString(const QString& text)
{
    for (Interval i : {Interval::Daily, Interval::FiveMinute, Interval::OneMinute}) {
        if (toString(i) == text)
            return i;
    }
    return std::nullopt;
}

QString toString(DataSource source)
{
    switch (source) {
    case DataSource::Demo: return QStringLiteral("demo");
    case DataSource::Csv: return QStringLiteral("csv");
    case DataSource::Yahoo: return QStringLiteral("yahoo");
    case DataSource::Nse: return QStringLiteral("nse");
    }
    return {};
}

std::optional<DataSource> dataSourceFromString(const QString& text)
{
    for (DataSource s : {DataSource::Demo, DataSource::Csv, DataSource::Yahoo, DataSource::Nse}) {
        if (toString(s) == text)
            return s;
    }
    return std::nullopt;
}

std::optional<QString> implausibleBarReason(const Bar& bar)
{
    const std::pair<const char*, double> prices[] = {{"open", bar.open}, {"high", bar.high}, {"low", bar.low}, {"close", bar.close}};
    for (const auto& [name, price] : prices) {
        if (!std::isfinite(price) || price <= 0.0)
            return QStringLiteral("%1 %2 is not a positive price").arg(QLatin1String(name)).arg(price);
        if (price > kMaxPlausiblePrice)
            return QStringLiteral("%1 %2 is above %3, not a plausible price").arg(QLatin1String(name)).arg(price).arg(kMaxPlausiblePrice);
        if (price < kMinPlausiblePrice)
            return QStringLiteral("%1 %2 is below the ₹%3 tick, not a plausible price").arg(QLatin1String(name)).arg(price).arg(kMinPlausiblePrice);
    }
    if (bar.high < bar.low)
        return QStringLiteral("high %1 is below low %2").arg(bar.high).arg(bar.low);
    // A traded open or close lies within the session's range; outside it the bar contradicts itself,
    // and the range features (ATR, breakout, gap) would read a move that never traded.
    for (const auto& [name, price] : {prices[0], prices[3]}) {
        if (price > bar.high || price < bar.low)
            return QStringLiteral("%1 %2 is outside the range low %3 to high %4").arg(QLatin1String(name)).arg(price).arg(bar.low).arg(bar.high);
    }
    if (!std::isfinite(bar.volume) || bar.volume < 0.0 || bar.volume > kMaxPlausibleVolume)
        return QStringLiteral("volume %1 is not a plausible volume").arg(bar.volume);
    return std::nullopt;
}

}  // namespace aegis::data
