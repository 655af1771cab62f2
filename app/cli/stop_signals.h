#pragma once

// SIGINT (Ctrl+C) and SIGTERM (`kill`, `systemctl stop` of the scheduled units) ask a long command to
// stop at its next check instead of killing it mid-write: a cancelled retrain removes its staging
// folder and leaves the current generation, a fetch stops between requests. A second signal of either
// kind ends the process as usual, for a run that does not reach a check.

#include "engines/core/run_control.h"

namespace aegis::data {
class CancellationToken;
}

namespace aegis::cli {

class StopSignals {
public:
    StopSignals();   // installs the handlers
    ~StopSignals();  // restores the default dispositions
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    // What the signals cancel. One per process: a signal handler can reach nothing but globals.
    static const engines::CancellationToken& token();

    // While the returned guard lives, a signal also cancels `providerToken`, which the HTTP client
    // polls inside a request (the engines' token is only read between steps).
    class AlsoCancelling {
    public:
        explicit AlsoCancelling(data::CancellationToken& providerToken);
        ~AlsoCancelling();
        AlsoCancelling(const AlsoCancelling&) = delete;
        AlsoCancelling& operator=(const AlsoCancelling&) = delete;
    };
};

}  // namespace aegis::cli
