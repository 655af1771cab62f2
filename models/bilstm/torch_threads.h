#pragma once

namespace aegis::models {

// Sets libtorch's intra-op thread count, and the BLAS's own thread pool when it has one (OpenBLAS),
// once per process (the first call wins; later calls return without effect). Apps call it at
// start-up; nothing else in the code base calls it. Returns the thread count in force.
int initialiseTorchThreads(int threads);

}  // namespace aegis::models
