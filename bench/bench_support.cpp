#include "bench/bench_support.h"

#include "app/common/compute_setup.h"
#include "data/demo/demo_store_writer.h"
#include "data/store/market_store.h"

#include <QDir>

#include <malloc.h>
#include <sys/resource.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>

namespace aegis::bench {

double processCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
}

double peakRssMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

PipelineRunSetup configurePipelineRun(int argc, char** argv)
{
    PipelineRunSetup setup;
    setup.computeThreads = std::stoi(argumentValue(argc, argv, "--compute-threads", std::to_string(app::kComputeThreads)));  // 0: every core
    app::ensurePassiveOpenMpWaiting(argv, setup.computeThreads);
    app::configureComputeThreads(setup.computeThreads);
    setup.trimThresholdMb = std::stoi(argumentValue(argc, argv, "--trim-threshold-mb", "0"));
    setTrimThresholdMegabytes(setup.trimThresholdMb);
    return setup;
}

double currentRssMegabytes()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atof(line.c_str() + 6) / 1024.0;
    }
    return 0.0;
}

double loadAverageOneMinute()
{
    double load[1] = {0.0};
    return getloadavg(load, 1) == 1 ? load[0] : -1.0;
}

data::DemoOptions benchmarkDemoOptions()
{
    data::DemoOptions options;
    options.endDate = QDate(2025, 11, 21);
    return options;
}

QString writeDemoStore(const QString& dataDirectory)
{
    const QString storeDirectory = QDir(dataDirectory).filePath(QStringLiteral("store"));
    QDir().mkpath(storeDirectory);
    const QString path = QDir(storeDirectory).filePath(data::MarketStore::defaultFileName());
    data::MarketStore store(path);
    data::writeDemoMarket(data::generateDemoMarket(benchmarkDemoOptions()), store);
    return path;
}

void setTrimThresholdMegabytes(int megabytes)
{
    if (megabytes > 0)
        mallopt(M_TRIM_THRESHOLD, megabytes << 20);
}

std::string argumentValue(int argc, char** argv, const char* name, const std::string& fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return argv[i + 1];
    }
    return fallback;
}

}  // namespace aegis::bench
