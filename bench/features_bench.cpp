// Times daily features (with market context), execution features and labels for a universe of
// synthetic random-walk tickers and prints the figures as JSON. Usage: features_bench [tickers] [sessions]

#include "engines/features/daily_features.h"
#include "engines/features/feature_table.h"
#include "engines/features/market_context.h"
#include "engines/labels/label_table.h"
#include "engines/labels/labels.h"

#include <QDate>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <thread>
#include <vector>

using namespace aegis;

namespace {

data::BarSeries randomWalk(const QString& symbol, std::uint64_t seed, int sessions, double start, double dailyVol)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    data::BarSeries series;
    series.symbol = symbol;
    double close = start;
    QDate date(2021, 1, 4);
    for (int i = 0; i < sessions; ++i) {
        while (date.dayOfWeek() > 5)
            date = date.addDays(1);
        data::Bar bar;
        bar.session = date;
        bar.utc = date.startOfDay(Qt::UTC).toSecsSinceEpoch() + 13500;  // 09:15 IST
        bar.open = close * std::exp(0.3 * dailyVol * normal(rng));
        bar.close = bar.open * std::exp(dailyVol * normal(rng));
        bar.high = std::max(bar.open, bar.close) * std::exp(0.5 * dailyVol * uniform(rng));
        bar.low = std::min(bar.open, bar.close) * std::exp(-0.5 * dailyVol * uniform(rng));
        bar.volume = std::floor(1e6 * std::exp(0.5 * normal(rng)));
        series.bars.push_back(bar);
        close = bar.close;
        date = date.addDays(1);
    }
    return series;
}

// CPU time of the whole process (all threads): on a shared machine it says what the work costs
// independently of how long the scheduler kept it waiting.
double processCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

}  // namespace

int main(int argc, char** argv)
{
    // Each ticker allocates and frees a few MB of temporary columns; glibc's default 128 KB trim
    // threshold hands that memory back to the kernel after every ticker and faults it in again for
    // the next (about a quarter of the run on this machine). A long-running process that builds
    // features for a universe should keep it, as this one does.
    constexpr int kTrimThresholdMb = 256;
    mallopt(M_TRIM_THRESHOLD, kTrimThresholdMb << 20);

    const int tickers = argc > 1 ? std::atoi(argv[1]) : 503;
    const int sessions = argc > 2 ? std::atoi(argv[2]) : 1250;
    const unsigned threads = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));

    const data::BarSeries nifty = randomWalk(QStringLiteral("NIFTY"), 1, sessions, 15000.0, 0.01);
    const data::BarSeries vix = randomWalk(QStringLiteral("INDIAVIX"), 2, sessions, 15.0, 0.05);
    std::vector<data::BarSeries> universe;
    universe.reserve(static_cast<std::size_t>(tickers));
    for (int i = 0; i < tickers; ++i)
        universe.push_back(randomWalk(QStringLiteral("SYN%1").arg(i), 100 + static_cast<std::uint64_t>(i), sessions,
                                      100.0 + i, 0.01 + 0.0001 * (i % 30)));

    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = processCpuSeconds();
    const engines::MarketContext market = engines::MarketContext::build(nifty, vix);
    const engines::ImpliedVolatility impliedVix = engines::ImpliedVolatility::fromVix(vix);
    // The execution-cost columns are part of the daily frame (buildExecutionFeatures is their subset).
    std::vector<engines::FeatureFrame> features(universe.size());
    std::vector<engines::LabelFrame> labels(universe.size());
    auto work = [&](unsigned part) {
        for (std::size_t i = part; i < universe.size(); i += threads) {
            features[i] = engines::buildDailyFeatures(universe[i], market);
            labels[i] = engines::buildLabels(universe[i], {i == 0 ? &impliedVix : nullptr, {}});
        }
    };
    std::vector<std::thread> pool;
    for (unsigned part = 1; part < threads; ++part)
        pool.emplace_back(work, part);
    work(0);
    for (std::thread& thread : pool)
        thread.join();
    const auto tickersDone = std::chrono::steady_clock::now();
    engines::assignExecRegimes(labels);
    const auto end = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(end - start).count();
    const double regimeSeconds = std::chrono::duration<double>(end - tickersDone).count();
    const double cpuSeconds = processCpuSeconds() - cpuStart;

    std::size_t missingCells = 0, cells = 0;
    for (const engines::FeatureFrame& frame : features) {
        missingCells += static_cast<std::size_t>(frame.missing.count());
        cells += static_cast<std::size_t>(frame.missing.size());
    }
    std::printf("{\"bench\":\"features\",\"tickers\":%d,\"sessions\":%d,\"threads\":%u,"
                "\"daily_feature_columns\":%zu,\"execution_feature_columns\":%zu,\"label_columns\":%zu,"
                "\"feature_missing_share\":%.4f,\"seconds\":%.3f,\"exec_regime_seconds\":%.3f,\"cpu_seconds\":%.3f,\"malloc_trim_threshold_mb\":%d,\"budget_seconds\":1.0}\n",
                tickers, sessions, threads, engines::dailyFeatureSchema().columns.size(),
                engines::executionFeatureSchema().columns.size(), engines::labelSchema().columns.size(),
                cells ? static_cast<double>(missingCells) / static_cast<double>(cells) : 0.0, seconds, regimeSeconds, cpuSeconds, kTrimThresholdMb);
    return 0;
}
