#pragma once

namespace aegis::models::xgb {

// Process-wide XGBoost settings, set once at start-up (CLI flag, app preferences) and read whenever a
// Matrix or Booster is created. XGBoost 1.7's global configuration (XGBSetGlobalConfig) only knows
// `verbosity` and `use_rmm`: `nthread` is a per-booster parameter there (it is rejected as an unknown
// global parameter), so the thread count lives here and is copied into every booster and DMatrix.
// Changing it later affects only objects created afterwards.
class RuntimeSettings {
public:
    // 0 lets XGBoost use all cores OpenMP reports. Negative values are rejected.
    static void setThreadCount(int threads);
    static int threadCount();

    // XGBoost log level: 0 silent, 1 warnings (default), 2 info, 3 debug. XGBoost keeps its "global"
    // configuration per thread, so this reaches only the calling thread's boosters (a training lane on
    // a thread of its own logs at the default level).
    static void setVerbosity(int level);
};

}  // namespace aegis::models::xgb
