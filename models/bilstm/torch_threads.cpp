#include "models/bilstm/torch_threads.h"

#include <ATen/Parallel.h>

#include <dlfcn.h>

#include <algorithm>
#include <mutex>

namespace aegis::models {

namespace {

using SetBlasThreads = void (*)(int);

// libtorch's matrix products run on the system BLAS, and at::set_num_threads does not reach
// OpenBLAS's own thread pool (one thread per core). Beside a second training lane those threads
// spin on the core the lane needs: on the 2-core machine the DEMO retrain's BiLSTM took 39 s instead
// of 13 s, and the retrain 83 s instead of 49 s (docs/PERFORMANCE.md). Looked up at run time so a
// machine on another BLAS, which has no such pool, needs nothing.
void limitBlasThreads(int threads)
{
    if (const auto set = reinterpret_cast<SetBlasThreads>(::dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        set(threads);
}

}  // namespace

int initialiseTorchThreads(int threads)
{
    static std::once_flag once;
    std::call_once(once, [threads] {
        at::set_num_threads(std::max(1, threads));
        limitBlasThreads(std::max(1, threads));
    });
    return at::get_num_threads();
}

}  // namespace aegis::models
