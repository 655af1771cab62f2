#pragma once

// The text shown when a retrain finishes: how long it took and how each engine's walk-forward record
// compares with the generation it replaces (mean AUC over the engine's classifiers, and how many of
// them demonstrated an edge). Pure, so it is tested without a window.

#include "ui/worker/worker_types.h"

#include <QString>

namespace aegis::ui {

QString describeTrainingSummary(const TrainingSummary& summary);

}  // namespace aegis::ui
