// Inference for every ticker of the DEMO universe plus writing every per-ticker JSON and index.json, as
// the scheduled refresh and `aegis export --all` do. Prints one JSON line. Target: 1 s for
// inference + writing (loading the store and building features is timed apart; features_bench covers it).
//
// Usage: infer_bench [--data-dir DIR] [--trim-threshold-mb N] [--compute-threads N]
//   --data-dir DIR   a data directory with a store and a trained model generation (from retrain_bench
//                    --data-dir DIR, or `aegis demo && aegis train`); default: generate the DEMO store
//                    and train in a temporary directory first (not timed)

#include "bench/bench_support.h"

#include "data/store/market_store.h"
#include "data/universe/universe.h"
#include "engines/pipeline/trained_engines.h"
#include "engines/report/report_json.h"
#include "models/store/model_store.h"

#include <QDateTime>
#include <QDir>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <string>

using namespace aegis;

int main(int argc, char** argv)
{
    const bench::PipelineRunSetup setup = bench::configurePipelineRun(argc, argv);

    QTemporaryDir temporary;
    const std::string given = bench::argumentValue(argc, argv, "--data-dir", "");
    const QString dataDirectory = given.empty() ? temporary.path() : QString::fromStdString(given);
    const QString storePath =
        given.empty() ? bench::writeDemoStore(dataDirectory)
                      : QDir(dataDirectory).filePath(QStringLiteral("store/") + data::MarketStore::defaultFileName());
    const data::MarketStore store(storePath);

    auto start = std::chrono::steady_clock::now();
    const engines::UniverseData universe = engines::loadUniverseData(store, data::Universe::builtIn(), {}, {});
    const double loadUniverseSeconds = bench::secondsSince(start);
    const models::ModelStore models(QDir(dataDirectory).filePath(QStringLiteral("models")));
    if (given.empty())
        engines::trainEngines(universe, engines::allEngines(), &models, {});

    const double loadAtStart = bench::loadAverageOneMinute();
    start = std::chrono::steady_clock::now();
    const engines::TrainedEngines trained = engines::TrainedEngines::loadCurrent(models);
    const double loadModelsSeconds = bench::secondsSince(start);

    const double cpuStart = bench::processCpuSeconds();
    start = std::chrono::steady_clock::now();
    const std::vector<engines::report::TickerReport> reports = trained.inferAll(universe, QDateTime::currentSecsSinceEpoch(), {});
    const double inferSeconds = bench::secondsSince(start);
    const double inferCpuSeconds = bench::processCpuSeconds() - cpuStart;
    // The JSON text alone, as writeReportFolder makes it again before touching the disk, to tell the
    // serialisation cost from the file system's (the staged files, one sync, the folder swap).
    const auto serialiseStart = std::chrono::steady_clock::now();
    std::size_t jsonBytes = 0;
    engines::report::ReportSerialiser serialiser;
    for (const engines::report::TickerReport& report : reports)
        jsonBytes += std::size_t(serialiser.serialise(report).size());
    const double serialiseSeconds = bench::secondsSince(serialiseStart);
    const double cpuBeforeWrite = bench::processCpuSeconds();
    const auto writeStart = std::chrono::steady_clock::now();
    engines::report::writeReportFolder(QDir(dataDirectory).filePath(QStringLiteral("exports/reports")), reports, universe.unreported);
    const double writeSeconds = bench::secondsSince(writeStart);
    const double cpuSeconds = inferCpuSeconds + (bench::processCpuSeconds() - cpuBeforeWrite);  // without the serialise-only pass
    const double seconds = inferSeconds + writeSeconds;

    std::printf("{\"bench\":\"inference\",\"compute_threads\":%d,\"tickers\":%zu,\"reports\":%zu,\"trained_here\":%s,\"load_universe_seconds\":%.2f,"
                "\"load_models_seconds\":%.3f,\"infer_seconds\":%.3f,\"serialise_seconds\":%.3f,\"json_megabytes\":%.1f,\"write_json_seconds\":%.3f,\"seconds\":%.3f,"
                "\"cpu_seconds\":%.3f,\"peak_rss_mb\":%.0f,\"malloc_trim_threshold_mb\":%d,\"load_average_start\":%.2f,"
                "\"load_average_end\":%.2f,\"budget_seconds\":1.0,\"within_budget\":%s}\n",
                setup.computeThreads, universe.tickers.size(), reports.size(), given.empty() ? "true" : "false", loadUniverseSeconds, loadModelsSeconds,
                inferSeconds, serialiseSeconds, double(jsonBytes) / 1e6, writeSeconds, seconds, cpuSeconds, bench::peakRssMegabytes(), setup.trimThresholdMb, loadAtStart,
                bench::loadAverageOneMinute(), seconds <= 1.0 ? "true" : "false");
    return 0;
}
