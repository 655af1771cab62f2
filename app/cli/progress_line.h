#pragma once

// The in-place progress line a terminal shows ("[ 42%] Direction: walk-forward fold 2 of 3"), fitted
// to the terminal's width: a line that wraps can no longer be rewritten with '\r' and leaves a trail
// of stale lines behind it, so a long stage (a retrain names both of its training lanes) is elided
// at its end instead.

#include <QString>

namespace aegis::cli {

inline constexpr int kFallbackTerminalColumns = 80;

// "[ppp%] message", at most columns - 1 characters (the last column stays free: some terminals wrap
// on writing it). `columns` <= 0 (unknown) means kFallbackTerminalColumns.
QString progressLine(int percent, const QString& message, int columns);

}  // namespace aegis::cli
