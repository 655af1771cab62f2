#include "app/cli/commands.h"

#include "aegis/version.h"

#include <QTextStream>

namespace aegis::cli {

CliCommand versionCommand()
{
    return CliCommand{
        QStringLiteral("version"),
        QStringLiteral("Print the version."),
        nullptr,
        [](const CliContext&, const QCommandLineParser&) {
            QTextStream out(stdout);
            out << "aegis " << kAppVersion << " (" << kAppName << ")\n"
                << "Qt " << qVersion() << "\n";
            return kExitSuccess;
        },
    };
}

}  // namespace aegis::cli
