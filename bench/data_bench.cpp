// What the data layer costs at the universe's scale, printed as one JSON line:
//   * the market store: upserting 503 daily series of 1,300 bars into a new SQLite file (target: a
//     few seconds of CPU), loading one series (target under 5 ms) and listing every series' summary;
//   * the NSE calendar: session and expiry lookups over 2020-2026, as the feature loops make them.
// Usage: data_bench [--dir DIR]   (the store is written to a temporary directory unless DIR is given)

#include "bench/bench_support.h"

#include "data/calendar/nse_calendar.h"
#include "data/store/market_store.h"

#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <string>

using namespace aegis;

namespace {

constexpr int kSymbols = 503;
constexpr int kBarsPerSymbol = 1300;
constexpr int kLoads = 50;

data::BarSeries dailySeries(const QString& symbol, int count)
{
    data::BarSeries series;
    series.symbol = symbol;
    series.interval = data::Interval::Daily;
    series.source = data::DataSource::Csv;
    const QDate first(2021, 1, 4);
    for (int i = 0; i < count; ++i) {
        data::Bar bar;
        bar.session = first.addDays(i);
        bar.utc = bar.session.startOfDay(Qt::UTC).toSecsSinceEpoch() + 13500;  // 09:15 IST
        bar.close = 100.0 + i;
        bar.open = bar.close - 0.5;
        bar.high = bar.close + 1.0;
        bar.low = bar.open - 1.0;
        bar.volume = 1e5 + i;
        series.bars.push_back(bar);
    }
    return series;
}

}  // namespace

int main(int argc, char** argv)
{
    QTemporaryDir temporary;
    const QString dir = QString::fromStdString(bench::argumentValue(argc, argv, "--dir", temporary.path().toStdString()));
    QDir().mkpath(dir);
    const double loadStart = bench::loadAverageOneMinute();

    data::MarketStore store(QDir(dir).filePath(QStringLiteral("bench.sqlite")));
    QElapsedTimer timer;
    timer.start();
    double cpu = bench::processCpuSeconds();
    for (int s = 0; s < kSymbols; ++s)
        store.upsertBars(dailySeries(QStringLiteral("SYM%1").arg(s), kBarsPerSymbol));
    const double upsertCpu = bench::processCpuSeconds() - cpu;
    const double upsertWall = timer.nsecsElapsed() / 1e9;

    std::size_t loadedBars = 0;
    timer.restart();
    cpu = bench::processCpuSeconds();
    for (int i = 0; i < kLoads; ++i)
        loadedBars += store.loadBars(QStringLiteral("SYM%1").arg(i * 7), data::Interval::Daily).size();
    const double loadCpuMs = 1e3 * (bench::processCpuSeconds() - cpu) / kLoads;
    const double loadWallMs = timer.nsecsElapsed() / 1e6 / kLoads;

    timer.restart();
    const std::size_t summaries = store.summaries().size();
    const double summariesMs = timer.nsecsElapsed() / 1e6;

    const data::NseCalendar& calendar = data::NseCalendar::instance();
    const QDate from(2020, 1, 1), to(2026, 12, 31);
    long sessionLookups = 0, sessions = 0;
    timer.restart();
    for (int repeat = 0; repeat < 250; ++repeat) {
        for (QDate date = from; date <= to; date = date.addDays(1), ++sessionLookups)
            sessions += calendar.isSession(date) ? 1 : 0;
    }
    const double sessionLookupUs = timer.nsecsElapsed() / 1e3 / double(sessionLookups);
    long expiryLookups = 0, expiries = 0;
    timer.restart();
    for (int repeat = 0; repeat < 20; ++repeat) {
        for (QDate date = from; date <= to; date = date.addDays(1), ++expiryLookups)
            expiries += calendar.nearestExpiry(QStringLiteral("BANKNIFTY"), date) ? 1 : 0;
    }
    const double expiryLookupUs = timer.nsecsElapsed() / 1e3 / double(expiryLookups);

    const bool complete = loadedBars == std::size_t(kLoads) * kBarsPerSymbol && summaries == std::size_t(kSymbols)
                          && sessions > 0 && expiries > 0;
    std::printf("{\"bench\":\"data\",\"symbols\":%d,\"bars_per_symbol\":%d,\"upsert_wall_seconds\":%.3f,"
                "\"upsert_cpu_seconds\":%.3f,\"load_one_series_wall_ms\":%.3f,\"load_one_series_cpu_ms\":%.3f,"
                "\"summaries_ms\":%.1f,\"session_lookup_us\":%.3f,\"expiry_lookup_us\":%.3f,\"complete\":%s,"
                "\"load_average_start\":%.2f,\"load_average_end\":%.2f}\n",
                kSymbols, kBarsPerSymbol, upsertWall, upsertCpu, loadWallMs, loadCpuMs, summariesMs, sessionLookupUs,
                expiryLookupUs, complete ? "true" : "false", loadStart, bench::loadAverageOneMinute());
    return complete ? 0 : 1;
}
