#include "app/cli/cli_command.h"
#include "app/cli/commands.h"

namespace aegis::cli {

const std::vector<CliCommand>& allCommands()
{
    static const std::vector<CliCommand> commands{
        demoCommand(),
        importCommand(),
        fetchCommand(),
        statusCommand(),
        trainCommand(),
        predictCommand(),
        exportCommand(),
        evaluateCommand(),
        runScheduledCommand(),
        versionCommand(),
    };
    return commands;
}

}  // namespace aegis::cli
