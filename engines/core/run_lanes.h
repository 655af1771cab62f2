#pragma once

// Parts of one run that go on at the same time, each on a thread of its own ("lanes"), with one
// progress bar and one cancellation.

#include "engines/core/run_control.h"

#include <functional>
#include <mutex>
#include <vector>

namespace aegis::engines {

// Each lane reports its own 0..1; the run sees the lanes' fractions weighted by their shares, so it
// only ever moves forward, and the latest message of every lane still running, in lane order, joined
// by " · " (the lane that reported last alone once every lane has finished). One line that names both
// parts of the run, rather than a label that flips between them at every report.
class LaneProgress {
public:
    // `shares` (each >= 0, not all 0) are normalised; `overall` receives every report, one at a time.
    // Throws std::invalid_argument on no lanes, a negative share or a zero total.
    LaneProgress(RunControl overall, std::vector<double> shares);
    LaneProgress(const LaneProgress&) = delete;
    LaneProgress& operator=(const LaneProgress&) = delete;

    // The control lane `index` reports through, with `token` for its cancellation. The LaneProgress
    // must outlive it. Throws std::out_of_range on a bad index.
    RunControl lane(std::size_t index, CancellationToken token);

private:
    void report(std::size_t index, double fraction, const QString& message);

    std::mutex mutex_;
    RunControl overall_;
    std::vector<double> shares_;
    std::vector<double> fractions_;
    std::vector<QString> messages_;
};

struct Lane {
    double share = 1.0;                             // of the run's progress, relative to the others
    std::function<void(const RunControl&)> work;
};

// Runs every lane at once: the first on the calling thread, each other one on a thread of its own.
// A lane's control reports its share of `control`'s progress, and its token stops when `control`'s
// does or when another lane fails (a failed lane's siblings need not run to their end). Returns when
// every lane has finished. Rethrows the first lane's failure that is not a cancellation; otherwise
// OperationCancelled when a lane was cancelled. Throws std::invalid_argument on no lanes.
void runInLanes(const std::vector<Lane>& lanes, const RunControl& control);

}  // namespace aegis::engines
