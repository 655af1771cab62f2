#include "app/common/compute_setup.h"

#include "models/bilstm/torch_threads.h"
#include "models/xgb/runtime_settings.h"

#include <cstdlib>
#include <thread>
#include <unistd.h>

namespace aegis::app {

void ensurePassiveOpenMpWaiting(char** argv, int computeThreads)
{
    if (computeThreads == 1 || std::getenv("OMP_WAIT_POLICY") != nullptr)
        return;
    ::setenv("OMP_WAIT_POLICY", "passive", 1);
    ::execv("/proc/self/exe", argv);
    // Re-executing failed (no /proc): carry on with spinning threads rather than not start at all.
}

void configureComputeThreads(int threads)
{
    const int resolved = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    models::xgb::RuntimeSettings::setThreadCount(resolved);
    models::initialiseTorchThreads(resolved);
}

}  // namespace aegis::app
