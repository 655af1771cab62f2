#pragma once

// The BiLSTM's view of the universe: one sequence series per ticker holding a short-warm-up subset of
// the daily features (missing values as 0, so every window is finite) and, per horizon, the direction
// class and the scale-free move label.

#include "engines/core/universe_data.h"

#include "models/bilstm/sequence_dataset.h"

#include <QStringList>

#include <cstdint>
#include <vector>

namespace aegis::engines {

inline constexpr int kSequenceWindow = 60;
// Rows before this carry warming-up features inside their window; neither model trains on them.
inline constexpr int kFirstModelRow = 84;

const QStringList& sequenceFeatureNames();

// Series i is universe.tickers[i]; labels are filled when `withLabels`.
models::SequenceDataset buildSequenceDataset(const UniverseData& universe, bool withLabels);

// One series: the ticker's feature rows (no labels), for inference.
models::SequenceDataset buildTickerSequences(const TickerData& ticker);

// Class index 0 DOWN, 1 NEUTRAL, 2 UP of a direction_h label value -1/0/+1.
inline int directionClass(double label) { return label < -0.5 ? 0 : (label > 0.5 ? 2 : 1); }

// The scale-free magnitude target: move_h / (sd_20 x sqrt(h)), sd_20 = rv_20 / sqrt(252) known at t.
// NaN when either is missing or sd_20 is not positive.
double scaledMove(const TickerData& ticker, int row, int horizon);
// sd_20 x sqrt(h) at `row`, the factor that turns a scaled move back into a log return; NaN when unknown.
double moveScale(const TickerData& ticker, int row, int horizon);

}  // namespace aegis::engines
