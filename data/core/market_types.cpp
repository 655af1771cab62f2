#include "data/core/market_types.h"

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

}  // namespace aegis::data
