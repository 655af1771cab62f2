#pragma once

// Process-wide settings of the numerical libraries, made once at start-up before any model is built.

namespace aegis::app {

// OpenMP (used by XGBoost and libtorch) spins its idle threads by default, which starves the GUI
// thread and makes two processes on two cores crawl. libgomp reads OMP_WAIT_POLICY when it is loaded,
// before main() runs, so when the variable is unset this sets it to "passive" and re-executes the
// program once; a user who wants spinning sets OMP_WAIT_POLICY=active. Call first thing in main().
void ensurePassiveOpenMpWaiting(char** argv);

// XGBoost's nthread and libtorch's intra-op threads, once per process. 0 uses every core.
void configureComputeThreads(int threads);

}  // namespace aegis::app
