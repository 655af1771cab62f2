#pragma once

#include "app/cli/cli_command.h"

// One factory per command, each defined in its own command_<name>.cpp.
namespace aegis::cli {

CliCommand versionCommand();
CliCommand importCommand();
CliCommand statusCommand();
CliCommand demoCommand();
CliCommand fetchCommand();
CliCommand trainCommand();
CliCommand predictCommand();
CliCommand exportCommand();
CliCommand evaluateCommand();
CliCommand runScheduledCommand();

}  // namespace aegis::cli
