#pragma once

#include "app/common/data_directory.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <stdexcept>
#include <vector>

namespace aegis::cli {

// Exit codes every `aegis` command follows.
inline constexpr int kExitSuccess = 0;
inline constexpr int kExitFailure = 1;  // runtime failure: message on stderr
inline constexpr int kExitUsage = 2;    // the command line itself is wrong

// Thrown for a wrong command line; main() prints it with a pointer to --help and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What every command receives: the global options already parsed.
struct CliContext {
    QString dataDirOverride;  // --data-dir, empty for the default location

    // Creates the data directory if needed and starts logging into its logs/ folder.
    app::DataDirectory openDataDirectory(app::DataDirectoryUse use = app::DataDirectoryUse::Create) const;
};

struct CliCommand {
    QString name;
    QString summary;
    // Adds the command's options and positional arguments to a parser that already has --help.
    std::function<void(QCommandLineParser&)> declareOptions;
    // Runs with the parsed command line; returns an exit code or throws (UsageError -> 2, other -> 1).
    std::function<int(const CliContext&, const QCommandLineParser&)> run;
};

// Every command the tool offers, in the order `aegis --help` lists them.
const std::vector<CliCommand>& allCommands();

// Parses `arguments` (the whole argv) and runs the chosen command; returns the process exit code.
int runCli(const QStringList& arguments);

}  // namespace aegis::cli
