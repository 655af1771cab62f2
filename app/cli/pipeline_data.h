#pragma once

// What the pipeline commands (train, predict, export, evaluate) start from: the data directory, its
// market store and the universe built from it.

#include "app/cli/cli_command.h"
#include "engines/core/run_control.h"
#include "engines/core/universe_data.h"

#include <QStringList>

namespace aegis::cli {

struct PipelineData {
    app::DataDirectory directory;
    engines::UniverseData universe;
};

// Throws std::runtime_error when the store holds no usable data ("run `aegis demo` or `aegis import`").
PipelineData loadPipelineData(const CliContext& context, const QStringList& symbols, const engines::RunControl& control);

QString modelsDirectory(const PipelineData& data);

// Daily series stored under a symbol that is no universe ticker (a delisted or merged company imported
// under its own name): kept in the store, but not trained on, evaluated or predicted. Scans every stored
// bar (0.5 s on the 503-ticker DEMO), so only train and evaluate ask.
QStringList storedOutsideUniverse(const PipelineData& data);

// "note: ..." naming `symbols` for train's and evaluate's output; empty when there are none.
QString outsideUniverseNote(const QStringList& symbols);

}  // namespace aegis::cli
