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

}  // namespace aegis::cli
