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
    // Daily series stored under a symbol that is no universe ticker (a delisted or merged company
    // imported under its own name): kept in the store, but not trained on, evaluated or predicted.
    QStringList outsideUniverse;
};

// Throws std::runtime_error when the store holds no usable data ("run `aegis demo` or `aegis import`").
PipelineData loadPipelineData(const CliContext& context, const QStringList& symbols, const engines::RunControl& control);

QString modelsDirectory(const PipelineData& data);

// "note: ..." naming `outsideUniverse` for train's and evaluate's output; empty when there are none.
QString outsideUniverseNote(const PipelineData& data);

}  // namespace aegis::cli
