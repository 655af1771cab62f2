#pragma once

// Deterministic synthetic daily bars and small real-file readers shared by the features and labels
// tests. Header-only so each test executable links only the library it tests.

#include "data/core/market_types.h"

#include <QDateTime>
#include <QFile>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>

namespace aegis::test {

inline std::int64_t istOpenUtc(QDate session)
{
    return QDateTime(session, QTime(9, 15), Qt::UTC).toSecsSinceEpoch() - 19800;
}

// Weekday sessions from `first`, geometric random walk with intraday ranges and volumes.
inline data::BarSeries randomWalk(const QString& symbol, std::uint64_t seed, int sessions,
                                  QDate first = QDate(2021, 1, 4), double start = 1000.0, double dailyVol = 0.015)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    data::BarSeries series;
    series.symbol = symbol;
    double close = start;
    QDate date = first;
    for (int i = 0; i < sessions; ++i) {
        while (date.dayOfWeek() > 5)
            date = date.addDays(1);
        data::Bar bar;
        bar.session = date;
        bar.utc = istOpenUtc(date);
        bar.open = close * std::exp(0.3 * dailyVol * normal(rng));
        bar.close = bar.open * std::exp(dailyVol * normal(rng));
        bar.high = std::max(bar.open, bar.close) * std::exp(0.5 * dailyVol * uniform(rng));
        bar.low = std::min(bar.open, bar.close) * std::exp(-0.5 * dailyVol * uniform(rng));
        bar.volume = std::floor(1e6 * std::exp(0.4 * normal(rng)));
        series.bars.push_back(bar);
        close = bar.close;
        date = date.addDays(1);
    }
    return series;
}

inline data::Bar makeBar(QDate session, double open, double high, double low, double close, double volume = 1e6)
{
    data::Bar bar;
    bar.session = session;
    bar.utc = istOpenUtc(session);
    bar.open = open;
    bar.high = high;
    bar.low = low;
    bar.close = close;
    bar.volume = volume;
    return bar;
}

inline data::BarSeries truncated(const data::BarSeries& series, QDate lastSession)
{
    data::BarSeries out = series;
    out.bars.erase(std::remove_if(out.bars.begin(), out.bars.end(),
                                  [&](const data::Bar& bar) { return bar.session > lastSession; }),
                   out.bars.end());
    return out;
}

// Multiplies every price after `lastSession` by a random factor and scrambles volume.
inline data::BarSeries perturbedAfter(const data::BarSeries& series, QDate lastSession, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> factor(0.7, 1.4);
    data::BarSeries out = series;
    for (data::Bar& bar : out.bars) {
        if (bar.session <= lastSession)
            continue;
        const double f = factor(rng);
        bar.open *= f;
        bar.high *= f * 1.02;
        bar.low *= f * 0.98;
        bar.close *= f;
        bar.volume = std::floor(bar.volume * factor(rng));
    }
    return out;
}

// Reads the few columns the tests need from a Date,Open,High,Low,Close,Volume CSV. Handles both the
// uniform stock files (Date = YYYY-MM-DD) and the raw Betax files (Date = UTC "YYYY-MM-DD hh:mm:ss";
// the last row of those is a partial intraday snapshot, marked not final).
inline data::BarSeries readCsv(const QString& path, const QString& symbol, data::Interval interval = data::Interval::Daily)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw std::runtime_error("cannot open " + path.toStdString());
    data::BarSeries series;
    series.symbol = symbol;
    series.interval = interval;
    series.source = data::DataSource::Csv;
    bool header = true;
    bool timestamped = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (header) {
            header = false;
            continue;
        }
        if (line.isEmpty())
            continue;
        const QStringList cells = line.split(QLatin1Char(','));
        data::Bar bar;
        if (cells[0].size() > 10) {
            timestamped = true;
            const QDateTime utc = QDateTime::fromString(cells[0], QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            bar.utc = QDateTime(utc.date(), utc.time(), Qt::UTC).toSecsSinceEpoch();
            bar.session = QDateTime::fromSecsSinceEpoch(bar.utc + 19800, Qt::UTC).date();
        } else {
            bar.session = QDate::fromString(cells[0], QStringLiteral("yyyy-MM-dd"));
            bar.utc = istOpenUtc(bar.session);
        }
        bar.open = cells[1].toDouble();
        bar.high = cells[2].toDouble();
        bar.low = cells[3].toDouble();
        bar.close = cells[4].toDouble();
        bar.volume = cells[5].toDouble();
        series.bars.push_back(bar);
    }
    if (timestamped && interval == data::Interval::Daily && !series.bars.empty())
        series.bars.back().final = false;
    return series;
}

inline QString sharedData(const char* file)
{
    return QStringLiteral(AEGIS_SHARED_DATA_DIR "/") + QString::fromUtf8(file);
}

}  // namespace aegis::test
