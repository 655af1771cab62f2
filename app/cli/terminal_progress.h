#pragma once

// Progress of a long command on stderr: on a terminal one line rewritten in place ("[ 42%] Direction:
// walk-forward fold 2 of 3"), otherwise plain lines, one per stage change or every 10%, so logs stay
// readable.

#include "app/cli/stop_signals.h"
#include "engines/core/run_control.h"

#include <QString>

namespace aegis::cli {

class TerminalProgress {
public:
    TerminalProgress();
    ~TerminalProgress();  // finish()

    // A RunControl whose progress goes to stderr and whose token Ctrl+C or SIGTERM cancels.
    engines::RunControl control();

    // Ends the in-place line, so what the command prints next starts on a line of its own rather than
    // after the last progress text. Call it before writing results; repeated calls do nothing.
    void finish();

private:
    void show(double fraction, const QString& message);

    StopSignals stopSignals_;
    bool terminal_ = false;
    bool lineOpen_ = false;  // a line is drawn in place and not yet ended
    int lastPercent_ = -1;
    QString lastStage_;
};

}  // namespace aegis::cli
