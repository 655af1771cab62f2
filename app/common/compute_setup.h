#pragma once

// Process-wide settings of the numerical libraries, made once at start-up before any model is built.

namespace aegis::app {

// OpenMP (used by XGBoost and libtorch) spins its idle threads by default, which starves the GUI
// thread and makes two processes on two cores crawl. libgomp reads OMP_WAIT_POLICY when it is loaded,
// before main() runs, so when the variable is unset and more than one compute thread will run, this
// sets it to "passive" and re-executes the program once; a user who wants spinning sets
// OMP_WAIT_POLICY=active. With one compute thread no OpenMP thread ever waits for a sibling: training
// measured the same with active and passive waiting (buyer 9.7 / 10.0 s, direction 31.5 / 31.8 s on the
// real NSE files, user time = wall time), so the re-exec, 0.3-0.5 s of start-up, is skipped.
// Call first thing in main().
void ensurePassiveOpenMpWaiting(char** argv, int computeThreads);

// XGBoost's nthread and libtorch's intra-op threads, once per process. 0 uses every core.
void configureComputeThreads(int threads);

// What both executables use. Measured on the 2-core target (docs/PERFORMANCE.md): one thread trains
// the full DEMO universe as fast as two (the pooled models are small, so OpenMP's per-call cost eats
// the gain) and predicts the universe ~4x faster. The second core goes to a second training lane
// (engines/core/run_lanes.h) instead: two engines at once, one thread each.
inline constexpr int kComputeThreads = 1;

}  // namespace aegis::app
