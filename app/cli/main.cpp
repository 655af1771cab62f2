#include "app/cli/cli_command.h"
#include "app/common/compute_setup.h"
#include "app/common/logging.h"

#include "aegis/version.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    aegis::app::ensurePassiveOpenMpWaiting(argv, aegis::app::kComputeThreads);
    QCoreApplication application(argc, argv);
    QCoreApplication::setOrganizationName(QString::fromLatin1(aegis::kOrganisation));
    QCoreApplication::setOrganizationDomain(QString::fromLatin1(aegis::kOrganisationDomain));
    QCoreApplication::setApplicationName(QStringLiteral("aegismatrix"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(aegis::kAppVersion));

    // Console only until a command opens its data directory (openDataDirectory adds the log file):
    // `aegis version` and `--help` must work without creating anything.
    aegis::app::initialiseLogging(QString(), QStringLiteral("aegis"), aegis::app::ConsoleLogLevel::Quiet);
    aegis::app::configureComputeThreads(aegis::app::kComputeThreads);
    return aegis::cli::runCli(QCoreApplication::arguments());
}
