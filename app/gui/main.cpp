#include "app/common/compute_setup.h"
#include "app/common/data_directory.h"
#include "app/common/logging.h"
#include "ui/settings/workstation_settings.h"
#include "ui/theme/theme.h"
#include "ui/window/main_window.h"

#include "aegis/version.h"

#include <spdlog/spdlog.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QEvent>
#include <QIcon>
#include <QSettings>
#include <QSize>
#include <QTimer>

#include <cstdio>
#include <exception>
#include <optional>

namespace {

const QString kRememberedDataDirectoryKey = QStringLiteral("dataDirectory");

// --screenshot: once the window has loaded (and, with --demo on a first start, trained) and the worker
// is idle, shows `ticker` when given, saves the window as a PNG and quits. Polling keeps this out of
// the window's code; 200 ms is invisible next to loading.
void scheduleScreenshot(aegis::ui::MainWindow& window, const QString& file, const QString& ticker, int& status)
{
    auto* poll = new QTimer(&window);
    poll->setInterval(200);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, file, ticker, poll, &status] {
        if (!window.isLoaded() || window.workerHost().isBusy())
            return;
        poll->stop();
        if (!ticker.isEmpty() && !window.showTicker(ticker)) {
            const QString reason = window.noReportReason(ticker);
            std::fprintf(stderr, "aegismatrix: no prediction for '%s'%s; showing %s\n", qPrintable(ticker),
                         qPrintable(reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason)),
                         qPrintable(window.currentSymbol().isEmpty() ? QStringLiteral("the start page") : window.currentSymbol()));
        }
        // The shown ticker's text reaches the outer layouts one nesting level per pass over the posted
        // layout requests: after a single pass the picture kept the previous ticker's box heights (the
        // seller flag's one reason in the middle of an empty box).
        for (int pass = 0; pass < 8; ++pass)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
        if (window.grab().save(file, "PNG")) {
            std::printf("%s\n", qPrintable(file));
            status = 0;
        } else {
            std::fprintf(stderr, "aegismatrix: could not write the screenshot to %s\n", qPrintable(file));
            status = 1;
        }
        QCoreApplication::exit(status);
    });
    poll->start();
}

// "1366x740" -> 1366 x 740; nothing for anything else or a size no screen has.
std::optional<QSize> parseWindowSize(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('x'));
    if (parts.size() != 2)
        return std::nullopt;
    bool widthRead = false, heightRead = false;
    const int width = parts[0].toInt(&widthRead);
    const int height = parts[1].toInt(&heightRead);
    if (!widthRead || !heightRead || width < 320 || height < 240 || width > 16384 || height > 16384)
        return std::nullopt;
    return QSize(width, height);
}

}  // namespace

int main(int argc, char* argv[])
{
    aegis::app::ensurePassiveOpenMpWaiting(argv, aegis::app::kComputeThreads);
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QString::fromLatin1(aegis::kOrganisation));
    QApplication::setOrganizationDomain(QString::fromLatin1(aegis::kOrganisationDomain));
    QApplication::setApplicationName(QStringLiteral("aegismatrix"));
    QApplication::setApplicationDisplayName(QString::fromLatin1(aegis::kAppName));
    QApplication::setApplicationVersion(QString::fromLatin1(aegis::kAppVersion));
    QApplication::setDesktopFileName(QString::fromLatin1(aegis::kAppId));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/aegismatrix.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Analytics workstation for Indian-market traders."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("Where the store, models, logs and exports live."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Use the synthetic DEMO market; on a first start, generate it and train "
                                                       "without asking."));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Save the window as a PNG once loaded, then exit."),
                                              QStringLiteral("FILE"));
    const QCommandLineOption tickerOption(QStringLiteral("ticker"), QStringLiteral("Ticker to show (with --screenshot)."),
                                          QStringLiteral("SYMBOL"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Window size for --screenshot, e.g. 1366x740 (default 1600x1000)."),
                                        QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    const QCommandLineOption symbolsOption(QStringLiteral("symbols"),
                                           QStringLiteral("Restrict the universe to these comma-separated tickers (quick demos)."),
                                           QStringLiteral("LIST"));
    parser.addOptions({dataDirOption, demoOption, screenshotOption, tickerOption, sizeOption, symbolsOption});
    parser.process(application);
    const std::optional<QSize> screenshotSize = parseWindowSize(parser.value(sizeOption));
    if (!screenshotSize) {
        std::fprintf(stderr, "aegismatrix: --size wants WIDTHxHEIGHT in pixels, e.g. 1366x740, not '%s'\n",
                     qPrintable(parser.value(sizeOption)));
        return 2;
    }

    QSettings userSettings;  // the platform's own settings: only the data directory chosen in Settings
    QString requestedDirectory = parser.value(dataDirOption);
    if (requestedDirectory.isEmpty())
        requestedDirectory = userSettings.value(kRememberedDataDirectoryKey).toString();
    aegis::app::DataDirectory dataDirectory;
    try {
        dataDirectory = aegis::app::openDataDirectory(requestedDirectory);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "aegismatrix: %s\n", error.what());
        return 1;
    }
    aegis::app::initialiseLogging(dataDirectory.logs(), QStringLiteral("aegismatrix"), aegis::app::ConsoleLogLevel::Normal);
    aegis::app::configureComputeThreads(aegis::app::kComputeThreads);
    spdlog::info("{} {} starting; data directory {}", aegis::kAppName, aegis::kAppVersion, dataDirectory.root.toStdString());

    const QString settingsFile = dataDirectory.root + QStringLiteral("/settings.ini");
    const QSettings iniSettings(settingsFile, QSettings::IniFormat);
    aegis::ui::applyTheme(application, aegis::ui::WorkstationSettings::load(iniSettings).theme);

    aegis::ui::WorkstationContext context;
    context.dataDirectory = dataDirectory.root;
    context.settingsFile = settingsFile;
    context.demo = parser.isSet(demoOption);
    for (const QString& symbol : parser.value(symbolsOption).split(QLatin1Char(','), Qt::SkipEmptyParts))
        context.worker.symbols << symbol.trimmed().toUpper();

    aegis::ui::MainWindow window(context);
    QObject::connect(&window, &aegis::ui::MainWindow::dataDirectoryChosen, &window, [&userSettings](const QString& directory) {
        userSettings.setValue(kRememberedDataDirectoryKey, directory);
        userSettings.sync();
    });

    int screenshotStatus = 1;
    if (parser.isSet(screenshotOption)) {
        window.resize(*screenshotSize);
        scheduleScreenshot(window, parser.value(screenshotOption), parser.value(tickerOption).toUpper(), screenshotStatus);
    }
    window.show();
    const int status = application.exec();
    spdlog::info("exiting with status {}", status);
    return status;
}
