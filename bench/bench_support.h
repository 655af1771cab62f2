#pragma once

// What every pipeline benchmark reports besides its own timings: CPU time (on a shared machine it says
// what the work costs whatever the scheduler did), peak resident memory and the machine's load.

#include "data/demo/demo_market.h"

#include <QString>

#include <chrono>
#include <string>

namespace aegis::bench {

double processCpuSeconds();  // all threads of this process
double peakRssMegabytes();   // getrusage ru_maxrss
double currentRssMegabytes();  // VmRSS from /proc/self/status
double loadAverageOneMinute();
double secondsSince(std::chrono::steady_clock::time_point start);

// The DEMO universe every figure is measured on: 503 tickers + India VIX, 5 years, ending on a fixed
// date so that every run does the same work.
data::DemoOptions benchmarkDemoOptions();

// Writes the DEMO market into a new store at `<dataDirectory>/store/market.sqlite` (the layout the
// apps use) and returns the store's path.
QString writeDemoStore(const QString& dataDirectory);

// glibc's malloc trim threshold in MB (0: leave glibc's default); see docs/PERFORMANCE.md.
void setTrimThresholdMegabytes(int megabytes);

// The compute set-up of a pipeline benchmark, from `--compute-threads N` (default: as the apps run) and
// `--trim-threshold-mb N` (default 0: glibc's own), applied and returned for the printed figures. May
// re-execute the process (app/common/compute_setup.h).
struct PipelineRunSetup {
    int computeThreads = 0;
    int trimThresholdMb = 0;
};
PipelineRunSetup configurePipelineRun(int argc, char** argv);

// "--name value" from argv, or `fallback`.
std::string argumentValue(int argc, char** argv, const char* name, const std::string& fallback);

}  // namespace aegis::bench
