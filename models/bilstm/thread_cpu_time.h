#pragma once

// CPU time the calling thread has used. Unlike elapsed time it does not grow while the thread waits
// for a core, so a budget counted in it stops the same computation at the same point on an idle
// machine and on a busy one.

namespace aegis::models {

double threadCpuSeconds();

}  // namespace aegis::models
