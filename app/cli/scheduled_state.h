#pragma once

// The record of earlier scheduled runs, kept as a small JSON file in the data directory
// (scheduled-runs.json) and replaced atomically, so a crash mid-write leaves the previous record.

#include "app/cli/scheduled_plan.h"

#include <QString>

namespace aegis::cli {

QString scheduledStatePath(const QString& dataDirectoryRoot);

struct LoadedScheduledState {
    ScheduledState state;
    QString problem;  // why an existing file was ignored (unreadable, not JSON, bad field); empty when fine
};

// A missing file is an empty record (nothing ever ran). A damaged one is ignored, with the reason:
// the worst that follows is one refresh or retrain earlier than needed.
LoadedScheduledState readScheduledState(const QString& path);

// Throws std::runtime_error when the file cannot be written.
void writeScheduledState(const QString& path, const ScheduledState& state);

}  // namespace aegis::cli
