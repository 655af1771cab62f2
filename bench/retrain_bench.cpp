// Full retrain of every engine on the DEMO universe (503 tickers x 5 years), as `aegis train` and the
// weekly scheduled retrain do it: read the store, build features and labels, train and write a model
// generation. Prints one JSON line. Targets: 60 s wall, 2 GB peak resident memory.
//
// Usage: retrain_bench [--data-dir DIR] [--trim-threshold-mb N] [--compute-threads N]
//   --data-dir DIR          generate the store there and keep it with the models (infer_bench can reuse
//                           it); default: a temporary directory removed afterwards
//   --trim-threshold-mb N   set glibc's M_TRIM_THRESHOLD first (0: glibc's default, as the apps run)

#include "bench/bench_support.h"

#include "data/store/market_store.h"
#include "data/universe/universe.h"
#include "engines/pipeline/trained_engines.h"
#include "models/store/model_store.h"

#include <QDir>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

using namespace aegis;

int main(int argc, char** argv)
{
    const bench::PipelineRunSetup setup = bench::configurePipelineRun(argc, argv);

    QTemporaryDir temporary;
    const QString dataDirectory = QString::fromStdString(bench::argumentValue(argc, argv, "--data-dir", temporary.path().toStdString()));
    const double loadAtStart = bench::loadAverageOneMinute();

    auto start = std::chrono::steady_clock::now();
    const QString storePath = bench::writeDemoStore(dataDirectory);
    const double generateSeconds = bench::secondsSince(start);

    const data::MarketStore store(storePath);
    const double cpuStart = bench::processCpuSeconds();
    start = std::chrono::steady_clock::now();
    const engines::UniverseData universe = engines::loadUniverseData(store, data::Universe::builtIn(), {}, {});
    const double loadSeconds = bench::secondsSince(start);
    const double loadCpuSeconds = bench::processCpuSeconds() - cpuStart;
    const double rssAfterLoadMb = bench::currentRssMegabytes();

    const models::ModelStore models(QDir(dataDirectory).filePath(QStringLiteral("models")));
    start = std::chrono::steady_clock::now();
    const engines::TrainingOutcome outcome = engines::trainEngines(universe, engines::allEngines(), &models, {});
    const double trainSeconds = bench::secondsSince(start);
    const double cpuSeconds = bench::processCpuSeconds() - cpuStart;
    const double wallSeconds = loadSeconds + trainSeconds;
    const double peakMb = bench::peakRssMegabytes();

    std::string engineSeconds;
    for (const auto& [name, seconds] : outcome.engineSeconds) {
        if (!engineSeconds.empty())
            engineSeconds.push_back(',');
        engineSeconds.append(QStringLiteral("\"%1\":%2").arg(name).arg(seconds, 0, 'f', 2).toStdString());
    }
    std::printf("{\"bench\":\"retrain\",\"compute_threads\":%d,\"tickers\":%zu,\"first_session\":\"%s\",\"last_session\":\"%s\",\"threads\":%u,"
                "\"generate_store_seconds\":%.2f,\"load_universe_seconds\":%.2f,\"load_universe_cpu_seconds\":%.2f,"
                "\"train_seconds\":%.2f,\"engine_seconds\":{%s},\"wall_seconds\":%.2f,\"cpu_seconds\":%.2f,"
                "\"rss_after_load_mb\":%.0f,\"peak_rss_mb\":%.0f,\"malloc_trim_threshold_mb\":%d,"
                "\"load_average_start\":%.2f,\"load_average_end\":%.2f,\"generation\":\"%s\","
                "\"budget_seconds\":60,\"within_budget\":%s,\"rss_budget_mb\":2048,\"within_rss_budget\":%s}\n",
                setup.computeThreads, universe.tickers.size(), universe.firstSession.toString(Qt::ISODate).toStdString().c_str(),
                universe.lastSession.toString(Qt::ISODate).toStdString().c_str(), std::thread::hardware_concurrency(), generateSeconds,
                loadSeconds, loadCpuSeconds, trainSeconds, engineSeconds.c_str(), wallSeconds, cpuSeconds, rssAfterLoadMb, peakMb, setup.trimThresholdMb,
                loadAtStart, bench::loadAverageOneMinute(), outcome.generationId.toStdString().c_str(),
                wallSeconds <= 60.0 ? "true" : "false", peakMb <= 2048.0 ? "true" : "false");
    return 0;
}
