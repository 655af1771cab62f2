#include "app/common/data_directory.h"
#include "app/common/logging.h"
#include "ui/main_window.h"

#include "aegis/version.h"

#include <spdlog/spdlog.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>
#include <exception>

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QString::fromLatin1(aegis::kOrganisation));
    QApplication::setOrganizationDomain(QString::fromLatin1(aegis::kOrganisationDomain));
    QApplication::setApplicationName(QStringLiteral("aegismatrix"));
    QApplication::setApplicationDisplayName(QString::fromLatin1(aegis::kAppName));
    QApplication::setApplicationVersion(QString::fromLatin1(aegis::kAppVersion));
    QApplication::setDesktopFileName(QString::fromLatin1(aegis::kAppId));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Analytics workstation for Indian-market traders."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("Where the store, models, logs and exports live."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Use the built-in synthetic DEMO market (the default data source)."));
    parser.addOptions({dataDirOption, demoOption});
    parser.process(application);

    aegis::app::DataDirectory dataDirectory;
    try {
        dataDirectory = aegis::app::openDataDirectory(parser.value(dataDirOption));
    } catch (const std::exception& error) {
        std::fprintf(stderr, "aegismatrix: %s\n", error.what());
        return 1;
    }
    aegis::app::initialiseLogging(dataDirectory.logs(), QStringLiteral("aegismatrix"), aegis::app::ConsoleLogLevel::Normal);
    spdlog::info("{} {} starting; data directory {}", aegis::kAppName, aegis::kAppVersion, dataDirectory.root.toStdString());

    aegis::ui::MainWindow window(aegis::ui::WorkstationContext{
        dataDirectory.root,
        dataDirectory.root + QStringLiteral("/settings.ini"),
        // DEMO is the only source the window reads until the settings dialog offers Yahoo and CSV;
        // --demo is accepted now so scripts written today keep working then.
        true,
    });
    window.show();
    const int status = application.exec();
    spdlog::info("exiting with status {}", status);
    return status;
}
