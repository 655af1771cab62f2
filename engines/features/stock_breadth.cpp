#include "engines/features/stock_breadth.h"

#include "engines/features/daily_bars.h"
#include "engines/features/indicators.h"

#include <QByteArray>
#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <cmath>
#include <map>

namespace aegis::engines {

StockBreadth StockBreadth::build(const std::vector<const data::BarSeries*>& stocks)
{
    struct Count {
        int known = 0;
        int brokeOut = 0;
    };
    std::map<QDate, Count> byDate;
    for (const data::BarSeries* stock : stocks) {
        const DailyBars bars = cleanDailyBars(*stock);
        const Column flags = breakoutSessions(bars, averageTrueRange(bars, 14));
        for (std::size_t i = 0; i < bars.size(); ++i) {
            if (std::isnan(flags[i]))
                continue;
            Count& count = byDate[bars.dates[i]];
            ++count.known;
            count.brokeOut += flags[i] > 0.5 ? 1 : 0;
        }
    }

    StockBreadth breadth;
    for (const auto& [date, count] : byDate) {
        if (count.known < kMinimumBreadthStocks)
            continue;
        breadth.dates.push_back(date);
        breadth.share.push_back(double(count.brokeOut) / double(count.known));
    }
    const WindowSums shares(breadth.share);
    breadth.averageShare.resize(breadth.share.size());
    for (std::size_t i = 0; i < breadth.share.size(); ++i)
        breadth.averageShare[i] = shares.mean(i, kBreadthAverageSessions, kBreadthAverageSessions);
    return breadth;
}

std::optional<std::size_t> StockBreadth::rowOf(QDate date) const
{
    const auto found = std::lower_bound(dates.begin(), dates.end(), date);
    if (found == dates.end() || *found != date)
        return std::nullopt;
    return std::size_t(found - dates.begin());
}

namespace {
constexpr quint32 kSerialisedFormat = 1;
}

QString StockBreadth::serialised() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << kSerialisedFormat << quint64(dates.size());
    for (std::size_t i = 0; i < dates.size(); ++i)
        out << qint64(dates[i].toJulianDay()) << share[i] << averageShare[i];
    return QString::fromLatin1(bytes.toBase64());
}

std::optional<StockBreadth> StockBreadth::fromSerialised(const QString& text)
{
    const QByteArray bytes = QByteArray::fromBase64(text.toLatin1());
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 format = 0;
    quint64 rows = 0;
    in >> format >> rows;
    constexpr quint64 kBytesPerRow = 8 + 8 + 8;
    if (in.status() != QDataStream::Ok || format != kSerialisedFormat || rows > quint64(bytes.size()) / kBytesPerRow)
        return std::nullopt;
    StockBreadth breadth;
    for (quint64 i = 0; i < rows; ++i) {
        qint64 day = 0;
        double share = 0.0, average = 0.0;
        in >> day >> share >> average;
        breadth.dates.push_back(QDate::fromJulianDay(day));
        breadth.share.push_back(share);
        breadth.averageShare.push_back(average);
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    return breadth;
}

}  // namespace aegis::engines
