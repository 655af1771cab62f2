#pragma once

#include <QString>

namespace aegis::app {

enum class ConsoleLogLevel { Quiet, Normal, Verbose };

// Installs the process-wide spdlog logger: a rotating file (5 MB x 3) in `logDirectory` plus a
// console sink on stderr, and routes Qt's own messages (qDebug/qWarning/...) into it.
// An empty `logDirectory` logs to the console only. Calling again replaces the logger, which is how
// the CLI adds the file once a command has opened its data directory. The console is quieter for
// the CLI, whose stdout is its output.
void initialiseLogging(const QString& logDirectory, const QString& baseName, ConsoleLogLevel console);

}  // namespace aegis::app
