#include "models/bilstm/thread_cpu_time.h"

#include <ctime>

namespace aegis::models {

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

}  // namespace aegis::models
