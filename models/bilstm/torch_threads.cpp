#include "models/bilstm/torch_threads.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <mutex>

namespace aegis::models {

int initialiseTorchThreads(int threads)
{
    static std::once_flag once;
    std::call_once(once, [threads] { at::set_num_threads(std::max(1, threads)); });
    return at::get_num_threads();
}

}  // namespace aegis::models
