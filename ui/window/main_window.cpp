#include "ui/window/main_window.h"

#include "ui/panels/buyer_panel.h"
#include "ui/panels/direction_panel.h"
#include "ui/panels/execution_panel.h"
#include "ui/panels/model_card_panel.h"
#include "ui/panels/seller_panel.h"
#include "ui/panels/spot_vix_panel.h"
#include "ui/picker/ticker_picker.h"
#include "ui/settings/settings_dialog.h"
#include "ui/theme/theme.h"
#include "ui/window/desktop_notifier.h"
#include "ui/window/eliding_label.h"
#include "ui/window/job_progress_widget.h"
#include "ui/window/notification_banner.h"
#include "ui/window/pane_split_memory.h"
#include "ui/window/short_form_label.h"
#include "ui/window/training_summary_text.h"

#include "aegis/version.h"
#include "data/store/market_store.h"
#include "data/universe/universe.h"
#include "engines/report/report_json.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <set>

namespace aegis::ui {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kSplitterKey = QStringLiteral("window/panelSplitter");
const QString kSideTabKey = QStringLiteral("window/sideTab");
const QString kModelCardDetailsKey = QStringLiteral("window/modelCardDetailsShare");
const QString kLastTickerKey = QStringLiteral("window/lastTicker");
const QString kLastRefreshKey = QStringLiteral("schedule/lastRefreshUtc");  // the last attempt: the next is a slot later
const QString kLastRefreshFailedKey = QStringLiteral("schedule/lastRefreshFailedUtc");  // absent after a success
const QString kLastRetrainAttemptKey = QStringLiteral("schedule/lastRetrainAttemptUtc");

// The status bar's clock: model age, next refresh, the spot strip's "x min ago", and the schedule.
constexpr int kClockIntervalMs = 30 * 1000;

const data::Universe& builtInUniverse()
{
    static const data::Universe universe = data::Universe::builtIn();
    return universe;
}

QString ageText(const QDateTime& then, const QDateTime& now)
{
    const qint64 minutes = then.secsTo(now) / 60;
    if (minutes < 1)
        return QStringLiteral("just now");
    if (minutes < 120)
        return QStringLiteral("%1 min ago").arg(minutes);
    if (minutes < 48 * 60)
        return QStringLiteral("%1 h ago").arg(minutes / 60);
    return QStringLiteral("%1 days ago").arg(minutes / (24 * 60));
}

QString istText(const QDateTime& utc)
{
    return data::NseCalendar::toIst(utc.toSecsSinceEpoch()).toString(QStringLiteral("ddd HH:mm")) + QStringLiteral(" IST");
}

WorkerConfig completed(WorkerConfig config, const QString& dataDirectory)
{
    if (config.storePath.isEmpty()) {
        QDir().mkpath(dataDirectory + QStringLiteral("/store"));
        config.storePath = dataDirectory + QStringLiteral("/store/") + data::MarketStore::defaultFileName();
    }
    if (config.modelsDirectory.isEmpty())
        config.modelsDirectory = dataDirectory + QStringLiteral("/models");
    return config;
}

template <typename Widget>
Widget* named(Widget* widget, const char* name)
{
    widget->setObjectName(QLatin1String(name));
    return widget;
}

}  // namespace

MainWindow::MainWindow(WorkstationContext context, QWidget* parent)
    : QMainWindow(parent)
    , context_(std::move(context))
    , settingsStore_(new QSettings(context_.settingsFile, QSettings::IniFormat, this))
    , settings_(WorkstationSettings::load(*settingsStore_))
{
    setObjectName(QStringLiteral("MainWindow"));
    if (context_.demo)
        settings_.source = DataSourceKind::Demo;  // this run's; the file keeps the user's (applySettings)
    host_ = new WorkerHost(completed(context_.worker, context_.dataDirectory), this);
    notifier_ = new DesktopNotifier(windowIcon(), this);

    createActions();
    createPanels();
    createMenusAndToolBar();
    createStatusBar();
    connectWorker();
    restoreWindowState();
    applySettings(settings_);

    clockTimer_ = new QTimer(this);
    clockTimer_->setInterval(kClockIntervalMs);
    connect(clockTimer_, &QTimer::timeout, this, [this] {
        spotVixPanel_->setNow(QDateTime::currentDateTimeUtc());
        updateStatusLabels();
        checkSchedule();
    });
    clockTimer_->start();
    updateActions();
    showUnavailableEverywhere(tr("Loading the market store and models…"));
    if (context_.loadOnStart)
        QTimer::singleShot(0, this, &MainWindow::startLoad);
}

MainWindow::~MainWindow()
{
    if (exportThread_)
        exportThread_->wait();
}

void MainWindow::createActions()
{
    exportAction_ = new QAction(tr("&Export JSON…"), this);
    exportAction_->setObjectName(QStringLiteral("exportAction"));
    exportAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction_->setToolTip(tr("Write aegismatrix.json for the ticker shown (Ctrl+E)"));
    connect(exportAction_, &QAction::triggered, this, &MainWindow::exportWithDialog);

    exportAllAction_ = new QAction(tr("Export &all tickers…"), this);
    exportAllAction_->setObjectName(QStringLiteral("exportAllAction"));
    exportAllAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(exportAllAction_, &QAction::triggered, this, &MainWindow::exportAllWithDialog);

    retrainAction_ = new QAction(tr("&Retrain"), this);
    retrainAction_->setObjectName(QStringLiteral("retrainAction"));
    retrainAction_->setToolTip(tr("Train every engine on the stored data into a new model generation"));
    connect(retrainAction_, &QAction::triggered, this, &MainWindow::startRetrain);

    refreshAction_ = new QAction(tr("Refresh &data"), this);
    refreshAction_->setObjectName(QStringLiteral("refreshAction"));
    refreshAction_->setShortcut(QKeySequence(Qt::Key_F5));
    refreshAction_->setToolTip(tr("Fetch new data from the configured source, then update the predictions (F5)"));
    connect(refreshAction_, &QAction::triggered, this, &MainWindow::refreshData);

    cancelAction_ = new QAction(tr("&Cancel"), this);
    cancelAction_->setObjectName(QStringLiteral("cancelAction"));
    connect(cancelAction_, &QAction::triggered, this, &MainWindow::cancelRunningJob);

    pickerAction_ = new QAction(tr("Choose &ticker…"), this);
    pickerAction_->setObjectName(QStringLiteral("pickerAction"));
    pickerAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(pickerAction_, &QAction::triggered, this, &MainWindow::openPicker);

    settingsAction_ = new QAction(tr("&Settings…"), this);
    settingsAction_->setObjectName(QStringLiteral("settingsAction"));
    settingsAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(settingsAction_, &QAction::triggered, this, &MainWindow::openSettings);
}

void MainWindow::createMenusAndToolBar()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(exportAction_);
    fileMenu->addAction(exportAllAction_);
    fileMenu->addSeparator();
    fileMenu->addAction(settingsAction_);
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu* dataMenu = menuBar()->addMenu(tr("&Data"));
    dataMenu->addAction(refreshAction_);
    dataMenu->addAction(pickerAction_);

    QMenu* modelsMenu = menuBar()->addMenu(tr("&Models"));
    modelsMenu->addAction(retrainAction_);
    modelsMenu->addAction(cancelAction_);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About"), this, &MainWindow::showAbout);

    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->addAction(pickerAction_);
    toolBar->addAction(refreshAction_);
    toolBar->addAction(retrainAction_);
    toolBar->addAction(exportAction_);
    toolBar->addSeparator();
    toolBar->addAction(settingsAction_);
}

void MainWindow::createPanels()
{
    spotVixPanel_ = named(new SpotVixPanel, "spotVixPanel");
    directionPanel_ = named(new DirectionPanel, "directionPanel");
    sellerPanel_ = named(new SellerPanel, "sellerPanel");
    buyerPanel_ = named(new BuyerPanel, "buyerPanel");
    executionPanel_ = named(new ExecutionPanel, "executionPanel");
    modelCardPanel_ = named(new ModelCardPanel, "modelCardPanel");
    banner_ = new NotificationBanner;

    sideTabs_ = named(new QTabWidget, "sideTabs");
    sideTabs_->addTab(sellerPanel_, tr("Seller"));
    sideTabs_->addTab(buyerPanel_, tr("Buyer"));
    sideTabs_->addTab(executionPanel_, tr("Execution"));
    sideTabs_->addTab(modelCardPanel_, tr("Model card"));

    panelSplitter_ = named(new QSplitter(Qt::Horizontal), "panelSplitter");
    panelSplitter_->addWidget(directionPanel_);
    panelSplitter_->addWidget(sideTabs_);
    panelSplitter_->setStretchFactor(0, 1);
    panelSplitter_->setStretchFactor(1, 2);
    panelSplitter_->setChildrenCollapsible(false);
    // A first start gives the direction pane the width at which its figures share a line and every
    // horizon column is whole, once a report has filled them; where that leaves the tabs too little
    // (a 1366-pixel laptop), the figures wrap and only the columns stay whole.
    paneSplit_ = new PaneSplitMemory(panelSplitter_, settingsStore_, kSplitterKey, [this]() -> std::vector<int> {
        if (directionPanel_->isShowingUnavailable())
            return {};
        return {directionPanel_->widthWithoutWrapping(), directionPanel_->widthForWholeColumns()};
    }, this);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(banner_);
    layout->addWidget(spotVixPanel_);
    layout->addWidget(panelSplitter_, 1);
    setCentralWidget(central);

    auto* pickerDock = named(new QDockWidget(tr("Tickers")), "pickerDock");
    picker_ = named(new TickerPicker(*settingsStore_), "tickerPicker");
    pickerDock->setWidget(picker_);
    pickerDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, pickerDock);
    resizeDocks({pickerDock}, {220}, Qt::Horizontal);
    connect(picker_, &TickerPicker::tickerChosen, this, [this](const QString& symbol) {
        if (showTicker(symbol))
            return;
        if (const QString reason = noReportReason(symbol); !reason.isEmpty()) {
            const QString why = tr("%1 has no report: %2.").arg(symbol, reason);
            currentSymbol_ = symbol;  // so nothing (an export) still acts on the ticker shown before
            showTickerUnavailable(why);  // the model card describes the generation, not a ticker: it stays
            statusBar()->showMessage(why + tr(" Data ▸ Refresh data brings bars from the source chosen in Settings."), 8000);
            return;
        }
        if (!batchComplete_) {
            pendingSymbol_ = symbol;
            statusBar()->showMessage(tr("%1 is shown as soon as the rest of the universe is predicted.").arg(symbol), 8000);
            return;
        }
        statusBar()->showMessage(tr("No prediction for %1 yet: it has too little history, or no models are trained.").arg(symbol), 8000);
    });
    connect(modelCardPanel_, &ModelCardPanel::rollbackRequested, this, [this](const QString& generationId) {
        if (!host_->startRollback(generationId))
            statusBar()->showMessage(tr("Busy: wait for %1 to finish, or cancel it.").arg(describe(*host_->runningJob())), 8000);
    });
}

void MainWindow::createStatusBar()
{
    generationLabel_ = named(new ElidingLabel, "generationStatusLabel");
    nextRefreshLabel_ = named(new ElidingLabel, "nextRefreshLabel");
    sourceBadge_ = named(new ShortFormLabel, "sourceBadge");
    jobProgress_ = named(new JobProgressWidget, "jobProgress");
    // Permanent, so a status message (shown over the bar's normal widgets) never hides the progress
    // and Cancel; while a job runs its bar shares the free room with the message area.
    statusBar()->addPermanentWidget(jobProgress_);
    statusBar()->addPermanentWidget(generationLabel_);
    statusBar()->addPermanentWidget(nextRefreshLabel_);
    statusBar()->addPermanentWidget(sourceBadge_);
    connect(jobProgress_, &JobProgressWidget::cancelClicked, this, &MainWindow::cancelRunningJob);
    connect(host_, &WorkerHost::busyChanged, this, &MainWindow::updateActions);
}

void MainWindow::connectWorker()
{
    EngineWorker* worker = host_->worker();
    connect(worker, &EngineWorker::jobStarted, this, &MainWindow::onJobStarted);
    connect(worker, &EngineWorker::progressed, jobProgress_, &JobProgressWidget::progressed);
    connect(worker, &EngineWorker::reportsReady, this, &MainWindow::onReportsReady);
    connect(worker, &EngineWorker::noData, this, &MainWindow::onNoData);
    connect(worker, &EngineWorker::storeRecovered, this, &MainWindow::onStoreRecovered);
    connect(worker, &EngineWorker::noModels, this, &MainWindow::onNoModels);
    connect(worker, &EngineWorker::trainingFinished, this, &MainWindow::onTrainingFinished);
    connect(worker, &EngineWorker::refreshFinished, this, &MainWindow::onRefreshFinished);
    connect(worker, &EngineWorker::generationsListed, this, [this](const GenerationList& generations) {
        batch_.models.generations = generations;
        modelCardPanel_->setGenerations(generations);
    });
    connect(worker, &EngineWorker::jobFailed, this, &MainWindow::onJobFailed);
    connect(worker, &EngineWorker::jobCancelled, this, &MainWindow::onJobCancelled);
    connect(worker, &EngineWorker::jobFinished, this, &MainWindow::onJobFinished);
}

void MainWindow::applySettings(const WorkstationSettings& settings)
{
    const bool themeChanged = settings.theme != activeTheme();
    const QString previousDirectory = settings_.dataDirectory;
    settings_ = settings;
    // --demo sets the source of this run only: saved, it replaced the user's Yahoo or CSV choice for
    // every later start.
    WorkstationSettings saved = settings_;
    if (context_.demo) {
        saved.source = WorkstationSettings::load(*settingsStore_).source;
        settings_.source = DataSourceKind::Demo;
    }
    saved.save(*settingsStore_);
    if (themeChanged) {
        if (auto* application = qobject_cast<QApplication*>(QCoreApplication::instance()))
            applyTheme(*application, settings_.theme);
    }
    executionPanel_->setDefaultOrderSize(settings_.defaultOrderSizeInr);
    updateSourceBadge();
    if (settings_.dataDirectory != previousDirectory && !settings_.dataDirectory.isEmpty())
        Q_EMIT dataDirectoryChosen(settings_.dataDirectory);
    updateStatusLabels();
}

QStringList MainWindow::predictedSymbols() const
{
    QStringList symbols;
    for (const auto& [symbol, report] : reports_)
        symbols << symbol;
    return symbols;
}

QString MainWindow::noReportReason(const QString& symbol) const
{
    for (const engines::report::UnreportedTicker& unreported : batch_.unreported) {
        if (unreported.ticker == symbol)
            return unreported.reason;
    }
    return {};
}

const engines::report::TickerReport* MainWindow::currentReport() const
{
    const auto found = reports_.find(currentSymbol_);
    return found == reports_.end() ? nullptr : &found->second;
}

QString MainWindow::firstTickerToLoad() const
{
    if (!currentSymbol_.isEmpty())
        return currentSymbol_;
    const QString last = settingsStore_->value(kLastTickerKey).toString();
    return last.isEmpty() ? QString(data::kNiftySymbol) : last;
}

void MainWindow::startLoad()
{
    if (!host_->startLoad(firstTickerToLoad()))
        statusBar()->showMessage(tr("Busy: wait for %1 to finish, or cancel it.").arg(describe(*host_->runningJob())), 8000);
}

void MainWindow::startRetrain()
{
    // A retrain asked for while the start-up load is still predicting the rest of the universe: that
    // load is about to be replaced by the retrain's own predictions, so it stops and the retrain follows.
    if (host_->runningJob() == WorkerJob::Load && hasPredictions()) {
        cancelRunningJob();
        retrainWhenLoaded_ = true;  // after the cancel, which drops a queued retrain
        return;
    }
    if (!host_->startTrain(settings_.source == DataSourceKind::Demo))
        statusBar()->showMessage(tr("Busy: wait for %1 to finish, or cancel it.").arg(describe(*host_->runningJob())), 8000);
}

void MainWindow::refreshData()
{
    RefreshRequest request;
    request.source = toString(settings_.source);
    request.yahooBaseUrl = settings_.yahooBaseUrl;
    request.nseBaseUrl = settings_.nseBaseUrl;
    request.optionChains = settings_.fetchOptionChains;
    request.csvFolder = settings_.csvFolder;
    if (!host_->startRefresh(request))
        statusBar()->showMessage(tr("Busy: wait for %1 to finish, or cancel it.").arg(describe(*host_->runningJob())), 8000);
}

void MainWindow::cancelRunningJob()
{
    // A Cancel pressed after a Retrain that waits for the start-up load cancels that retrain too: the
    // load would otherwise end and the retrain start, the Cancel swallowed.
    retrainWhenLoaded_ = false;
    if (!host_->isBusy())
        return;
    jobProgress_->cancelRequested();
    host_->cancel();
}

bool MainWindow::showTicker(const QString& symbol)
{
    const auto found = reports_.find(symbol);
    if (found == reports_.end())
        return false;
    QElapsedTimer timer;
    timer.start();
    const engines::report::TickerReport& report = found->second;
    currentSymbol_ = symbol;
    spotVixPanel_->showReport(report);
    directionPanel_->showReport(report);
    paneSplit_->firstPaneChanged();
    const auto bars = batch_.recentDailyBars.find(symbol);
    sellerPanel_->setBars(bars == batch_.recentDailyBars.end() ? data::BarSeries{} : bars->second);
    sellerPanel_->showReport(report);
    buyerPanel_->showReport(report);
    executionPanel_->showReport(report);
    lastRepaintMs_ = double(timer.nsecsElapsed()) / 1e6;
    settingsStore_->setValue(kLastTickerKey, symbol);
    return true;
}

void MainWindow::openPicker()
{
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("pickerDock"))) {
        dock->show();
        dock->raise();
    }
    picker_->focusSearch();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(settings_, this);
    if (dialog.exec() == QDialog::Accepted)
        applySettings(dialog.settings());
}

QString MainWindow::exportCurrentReport(const QString& path)
{
    const auto found = reports_.find(currentSymbol_);
    if (found == reports_.end())
        return tr("Nothing to export: no prediction is shown.");
    try {
        engines::report::writeReportFile(path, found->second);
    } catch (const std::exception& error) {
        return tr("Export to %1 failed: %2").arg(path, QString::fromUtf8(error.what()));
    }
    return {};
}

QString MainWindow::exportAllReports(const QString& directory)
{
    if (reports_.empty())
        return tr("Nothing to export: no predictions yet.");
    if (exportThread_ && exportThread_->isRunning())
        return tr("An export is still being written.");
    std::vector<engines::report::TickerReport> reports;
    reports.reserve(reports_.size());
    for (const auto& [symbol, report] : reports_)
        reports.push_back(report);
    const std::size_t count = reports.size();
    statusBar()->showMessage(tr("Exporting %1 reports into %2…").arg(count).arg(directory));
    exportThread_ = QThread::create([this, directory, count, reports = std::move(reports), unreported = batch_.unreported] {
        QString error;
        try {
            engines::report::writeReportFolder(directory, reports, unreported);
        } catch (const std::exception& failure) {
            error = tr("Export to %1 failed: %2").arg(directory, QString::fromUtf8(failure.what()));
        }
        QMetaObject::invokeMethod(this, [this, directory, count, error] { finishExportAll(directory, count, error); },
                                  Qt::QueuedConnection);
    });
    exportThread_->setObjectName(QStringLiteral("aegis-export"));
    connect(exportThread_, &QThread::finished, exportThread_, &QObject::deleteLater);
    connect(exportThread_, &QThread::finished, this, &MainWindow::updateActions);
    exportThread_->start();
    updateActions();
    return {};
}

void MainWindow::exportWithDialog()
{
    const QString suggested = context_.dataDirectory + QStringLiteral("/exports/aegismatrix.json");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export aegismatrix.json"), suggested, tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    const QString error = exportCurrentReport(path);
    if (error.isEmpty())
        statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
    else
        banner_->showMessage(NotificationBanner::Severity::Error, error);
}

void MainWindow::exportAllWithDialog()
{
    const QString directory =
        QFileDialog::getExistingDirectory(this, tr("Export every ticker into"), context_.dataDirectory + QStringLiteral("/exports"));
    if (directory.isEmpty())
        return;
    if (const QString error = exportAllReports(directory); !error.isEmpty())
        banner_->showMessage(NotificationBanner::Severity::Error, error);
}

void MainWindow::finishExportAll(const QString& directory, std::size_t count, const QString& error)
{
    if (error.isEmpty()) {
        statusBar()->showMessage(tr("Wrote %1 reports and index.json into %2").arg(count).arg(directory), 8000);
    } else {
        statusBar()->clearMessage();  // "Exporting…" has no timeout
        banner_->showMessage(NotificationBanner::Severity::Error, error);
    }
    updateActions();
}

void MainWindow::showTickerUnavailable(const QString& why)
{
    for (ReportPanel* panel :
         std::initializer_list<ReportPanel*>{spotVixPanel_, directionPanel_, sellerPanel_, buyerPanel_, executionPanel_})
        panel->showUnavailable(why);
}

void MainWindow::showUnavailableEverywhere(const QString& why)
{
    showTickerUnavailable(why);
    modelCardPanel_->showUnavailable(why);
}

void MainWindow::announceFailure(const QString& title, const QString& message)
{
    // The banner holds one message and the next replaces it; the log keeps them all.
    spdlog::error("{}: {}", title.toStdString(), message.toStdString());
    banner_->showMessage(NotificationBanner::Severity::Error, title + QStringLiteral(": ") + message);
    notifier_->notify(title, message);
}

void MainWindow::updateActions()
{
    const bool busy = host_->isBusy();
    // The start-up load's second half (the rest of the universe) gives way to a retrain (startRetrain).
    const bool loadingTheRest = host_->runningJob() == WorkerJob::Load && hasPredictions();
    retrainAction_->setEnabled(!busy || loadingTheRest);
    refreshAction_->setEnabled(!busy);
    cancelAction_->setEnabled(busy);
    exportAction_->setEnabled(!reports_.empty());
    exportAllAction_->setEnabled(!reports_.empty() && !(exportThread_ && exportThread_->isRunning()));
    exportAction_->setToolTip(reports_.empty() ? tr("No predictions yet: train first (Models ▸ Retrain).")
                                               : tr("Write aegismatrix.json for the ticker shown (Ctrl+E)"));
}

// The badge and the title describe the data on screen (each report's meta.dataSource, read from the
// store), not the refresh source chosen in Settings: a DEMO store with Yahoo selected showed a Yahoo
// badge over synthetic prices, and a store filled by `aegis import` opened with the default setting
// showed "DEMO DATA" over real ones. Any synthetic ticker on screen makes the whole window DEMO. Before
// the first predictions the stored data's sources (known once the store is read without usable models)
// or else the setting is all there is to go by.
void MainWindow::updateSourceBadge()
{
    std::set<QString> shown;
    for (const auto& [symbol, report] : reports_)
        shown.insert(report.meta.dataSource.toLower());
    if (reports_.empty()) {
        for (const QString& source : storedSources_)
            shown.insert(source.toLower());
    }
    const bool demo = shown.empty() ? settings_.source == DataSourceKind::Demo : shown.count(QStringLiteral("demo")) > 0;
    setWindowTitle(demo ? QStringLiteral("%1 — DEMO DATA").arg(QString::fromLatin1(kAppName)) : QString::fromLatin1(kAppName));
    const ThemeColours& colours = activeColours();
    const QString refreshSource = tr("refresh source: %1").arg(displayName(settings_.source));
    if (demo) {
        sourceBadge_->setForms(tr(" DEMO DATA — synthetic market, not real prices "), tr(" DEMO DATA "));
        sourceBadge_->setStyleSheet(badgeStyleSheet(colours.demoBackground, colours.demoForeground));
        sourceBadge_->setToolTip(refreshSource);
        return;
    }
    if (shown.empty()) {
        sourceBadge_->setForms(QLatin1Char(' ') + displayName(settings_.source) + QLatin1Char(' '));
        sourceBadge_->setStyleSheet(badgeStyleSheet(settings_.source == DataSourceKind::Yahoo ? colours.liveBackground : colours.csvBackground,
                                                    colours.badgeForeground));
        sourceBadge_->setToolTip(refreshSource);
        return;
    }
    QStringList names;
    bool live = false;
    for (const QString& source : shown) {
        const bool fetched = source == QStringLiteral("yahoo") || source == QStringLiteral("nse");
        live = live || fetched;
        const QString name = fetched ? QStringLiteral("LIVE") : (source.isEmpty() ? QStringLiteral("SOURCE ?") : source.toUpper());
        if (!names.contains(name))
            names << name;
    }
    sourceBadge_->setForms(QLatin1Char(' ') + names.join(QStringLiteral(" + ")) + QLatin1Char(' '));
    sourceBadge_->setStyleSheet(badgeStyleSheet(live ? colours.liveBackground : colours.csvBackground, colours.badgeForeground));
    sourceBadge_->setToolTip(tr("data on screen: %1; %2").arg(names.join(QStringLiteral(", ")), refreshSource));
}

void MainWindow::updateStatusLabels()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const ModelSnapshot& models = batch_.models;
    generationLabel_->setText(models.generationId.isEmpty()
                                  ? tr("No trained models")
                                  : tr("Models %1 · trained %2").arg(models.generationId, ageText(models.createdAtUtc, now)));

    const RunSchedule schedule(settings_.schedule);
    QStringList plan;
    // A failed refresh waits for the next slot like any other; the status says the last one failed.
    if (const QDateTime failed = settingsStore_->value(kLastRefreshFailedKey).toDateTime(); failed.isValid())
        plan << tr("Last refresh failed %1").arg(istText(failed));
    if (settings_.source == DataSourceKind::Demo) {
        plan << tr("No auto-refresh: the refresh source is DEMO");  // a setting, not the data on screen (the badge)
    } else if (const std::optional<QDateTime> next =
                   schedule.nextRefresh(now, settingsStore_->value(kLastRefreshKey).toDateTime())) {
        plan << (*next <= now ? tr("Refresh due now") : tr("Next refresh %1").arg(istText(*next)));
    } else {
        plan << tr("Auto-refresh off");
    }
    if (!models.generationId.isEmpty()) {
        if (const std::optional<QDateTime> retrain = schedule.nextRetrain(now, retrainCountedFrom(models.createdAtUtc, lastRetrainAttempt(), now)))
            plan << (*retrain <= now ? tr("retrain due now") : tr("retrain %1 UTC").arg(retrain->toString(QStringLiteral("ddd dd MMM HH:mm"))));
    }
    nextRefreshLabel_->setText(plan.join(QStringLiteral(" · ")));
}

void MainWindow::checkSchedule()
{
    if (host_->isBusy() || !loaded_)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const RunSchedule schedule(settings_.schedule);
    if (settings_.source != DataSourceKind::Demo && schedule.isRefreshDue(now, settingsStore_->value(kLastRefreshKey).toDateTime())) {
        refreshData();
        return;
    }
    if (!batch_.models.generationId.isEmpty()
        && schedule.isRetrainDue(now, retrainCountedFrom(batch_.models.createdAtUtc, lastRetrainAttempt(), now)))
        startRetrain();
}

QDateTime MainWindow::lastRetrainAttempt() const
{
    return settingsStore_->value(kLastRetrainAttemptKey).toDateTime();
}

void MainWindow::onJobStarted(WorkerJob job)
{
    jobFailed_ = false;
    jobProgress_->jobStarted(job);
    updateActions();
}

void MainWindow::onJobFinished(WorkerJob job)
{
    jobProgress_->jobFinished();
    if (job == WorkerJob::Load)
        loaded_ = true;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (job == WorkerJob::Refresh) {
        settingsStore_->setValue(kLastRefreshKey, now);
        if (jobFailed_)
            settingsStore_->setValue(kLastRefreshFailedKey, now);
        else
            settingsStore_->remove(kLastRefreshFailedKey);
    }
    if (job == WorkerJob::Train)
        settingsStore_->setValue(kLastRetrainAttemptKey, now);
    updateActions();
    updateStatusLabels();
    if (retrainWhenLoaded_) {
        retrainWhenLoaded_ = false;
        startRetrain();
        return;
    }
    // A retrain that replaced the start-up load before the whole universe was predicted, and ended
    // without predictions of its own (cancelled or failed): the load resumes, or the window stayed on
    // its first ticker for good and a ticker chosen meanwhile was promised and never shown.
    if (job == WorkerJob::Train && hasPredictions() && !batchComplete_) {
        startLoad();
        return;
    }
    checkSchedule();
}

void MainWindow::onJobFailed(WorkerJob job, const QString& reason)
{
    jobFailed_ = true;
    switch (job) {
    case WorkerJob::Train: {
        const QString shown = batch_.models.generationId;
        const auto current = std::find_if(batch_.models.generations.begin(), batch_.models.generations.end(),
                                          [](const models::GenerationListing& generation) { return generation.isCurrent; });
        QString consequence;
        if (current != batch_.models.generations.end() && current->id != shown && !shown.isEmpty())
            consequence = tr(" The predictions shown are still generation %1's; the model card can switch back to it.").arg(shown);
        else if (!shown.isEmpty())
            consequence = tr(" The previous models (%1) stay in use.").arg(shown);
        announceFailure(tr("Retrain failed"), reason + consequence);
        break;
    }
    case WorkerJob::Refresh:
        announceFailure(tr("Data refresh failed"), reason);
        break;
    case WorkerJob::Load:
        announceFailure(tr("Loading failed"), reason);
        if (!hasPredictions())
            showUnavailableEverywhere(tr("Loading failed: %1").arg(reason));  // not "Loading…" for good
        break;
    case WorkerJob::Reinfer: announceFailure(tr("Updating the predictions failed"), reason); break;
    case WorkerJob::Rollback: announceFailure(tr("Rollback failed"), reason); break;
    }
}

void MainWindow::onJobCancelled(WorkerJob job)
{
    if (job == WorkerJob::Load && retrainWhenLoaded_)
        return;  // cancelled to make way for the retrain asked for
    if (job == WorkerJob::Load && !hasPredictions()) {
        showUnavailableEverywhere(tr("Loading was cancelled: nothing is predicted."));
        banner_->showMessage(NotificationBanner::Severity::Info, tr("Loading cancelled before any prediction was shown."),
                             tr("Load now"), [this] { startLoad(); });
        return;
    }
    QString text = tr("%1 cancelled.").arg(describe(job));
    if (job == WorkerJob::Load && hasPredictions() && !batchComplete_)
        text += tr(" Only %1 is predicted; Data ▸ Refresh predicts the rest.").arg(predictedSymbols().join(QStringLiteral(", ")));
    if (job == WorkerJob::Train)
        text += batch_.models.generationId.isEmpty() ? tr(" No models were written.")
                                                     : tr(" Generation %1 is still current.").arg(batch_.models.generationId);
    banner_->showMessage(NotificationBanner::Severity::Info, text);
}

void MainWindow::onReportsReady(const ReportBatch& batch)
{
    // The reports are copied once, into the map the window shows from; the rest of the batch is kept
    // without them (copying the whole batch first cost a second copy of 503 reports on this thread).
    std::map<QString, engines::report::TickerReport> fresh;
    for (const engines::report::TickerReport& report : batch.reports)
        fresh.emplace(report.meta.ticker, report);
    batch_ = ReportBatch{batch.models, {}, batch.recentDailyBars, batch.unreported, batch.inferredAtUtc,
                         batch.inferenceSeconds, batch.complete};
    batchComplete_ = batch.complete;
    reports_.swap(fresh);
    updateSourceBadge();

    QHash<QString, QString> noReport;
    for (const engines::report::UnreportedTicker& unreported : batch_.unreported)
        noReport.insert(unreported.ticker, unreported.reason);
    // While the first one-ticker batch is shown the picker lists the whole universe: a ticker chosen
    // then is shown when its prediction arrives (pendingSymbol_).
    std::vector<data::Ticker> tickers;
    for (const data::Ticker& ticker : builtInUniverse().pickable()) {
        if (reports_.count(ticker.symbol) || noReport.contains(ticker.symbol) || !batchComplete_)
            tickers.push_back(ticker);
    }
    // The tickers with a report first, so a search lists what can be shown before what cannot.
    std::stable_partition(tickers.begin(), tickers.end(), [this](const data::Ticker& ticker) { return reports_.count(ticker.symbol) > 0; });
    picker_->setTickers(std::move(tickers), std::move(noReport));
    modelCardPanel_->setGenerations(batch_.models.generations);
    modelCardPanel_->showEvaluation(batch_.models.evaluation, batch_.models.generationId, batch_.models.createdAtUtc);

    QString symbol = reports_.count(pendingSymbol_) ? pendingSymbol_ : currentSymbol_;
    if (batchComplete_)
        pendingSymbol_.clear();
    if (!reports_.count(symbol))
        symbol = settingsStore_->value(kLastTickerKey).toString();
    if (!reports_.count(symbol))
        symbol = reports_.count(data::kNiftySymbol) ? data::kNiftySymbol : (reports_.empty() ? QString() : reports_.begin()->first);
    if (!showTicker(symbol))
        showUnavailableEverywhere(tr("No ticker has enough history to predict on."));

    if (!batch_.models.refusals.isEmpty()) {
        banner_->showMessage(NotificationBanner::Severity::Warning,
                             tr("The current model generation was refused, another one is in use: %1")
                                 .arg(batch_.models.refusals.join(QStringLiteral("; "))));
    } else if (banner_->severity() == NotificationBanner::Severity::Info && banner_->isVisible()) {
        banner_->dismiss();  // "no models yet" and similar offers no longer apply
    }
    updateActions();
    updateStatusLabels();
    Q_EMIT predictionsUpdated(batch_.models.generationId);
}

void MainWindow::onStoreRecovered(const QString& message)
{
    // data::recoveryMessage is a clause ("the market store was damaged (…); it was moved aside to …"):
    // shown here as a sentence of its own.
    storeRecovery_ = message.left(1).toUpper() + message.mid(1) + QLatin1Char('.');
    spdlog::warn("{}", message.toStdString());
    notifier_->notify(tr("Market store damaged"), storeRecovery_);
    banner_->showMessage(NotificationBanner::Severity::Warning, storeRecovery_);
}

void MainWindow::onNoData(const QString& reason)
{
    storedSources_.clear();  // nothing stored to badge
    updateSourceBadge();
    // After a recovery the store is empty because the damaged one was set aside: that, not "no data
    // yet", is what the trader must read, here and in the banner the offer below replaces.
    const bool afterRecovery = !storeRecovery_.isEmpty();
    const QString recovered = afterRecovery ? storeRecovery_ + QLatin1Char(' ') : QString();
    showUnavailableEverywhere(afterRecovery ? storeRecovery_ : tr("No market data yet."));
    const auto severity = afterRecovery ? NotificationBanner::Severity::Warning : NotificationBanner::Severity::Info;
    if (context_.demo) {
        retrainWhenLoaded_ = true;
        banner_->showMessage(severity,
                             recovered + tr("The market store is empty: generating the synthetic DEMO market and training on it."));
        return;
    }
    if (settings_.source == DataSourceKind::Demo) {
        banner_->showMessage(severity,
                             recovered + tr("%1 Generate the synthetic DEMO market and train the models on it? It runs in the background.")
                                             .arg(reason),
                             tr("Generate DEMO and train"), [this] { startRetrain(); });
    } else {
        banner_->showMessage(severity, recovered + tr("%1 Fetch or import data first.").arg(reason), tr("Refresh now"),
                             [this] { refreshData(); });
    }
}

void MainWindow::onNoModels(const QString& reason, const QStringList& storedSources)
{
    storedSources_ = storedSources;
    updateSourceBadge();
    showUnavailableEverywhere(tr("No trained models yet: Models ▸ Retrain trains them on the stored data."));
    if (context_.demo) {
        retrainWhenLoaded_ = true;
        banner_->showMessage(NotificationBanner::Severity::Info, tr("No trained models yet: training on the DEMO market."));
        return;
    }
    banner_->showMessage(NotificationBanner::Severity::Info,
                         tr("No trained models yet (%1). Train them on the current data now? It runs in the background.").arg(reason),
                         tr("Train now"), [this] { startRetrain(); });
}

void MainWindow::onTrainingFinished(const TrainingSummary& summary)
{
    lastTrainingSummary_ = describeTrainingSummary(summary);
    banner_->showMessage(NotificationBanner::Severity::Success, lastTrainingSummary_);
}

void MainWindow::onRefreshFinished(const RefreshSummary& summary)
{
    if (summary.failed > 0) {
        const QString text = tr("%1; %2 failed and keep their stored data: %3")
                                 .arg(summary.message)
                                 .arg(summary.failed)
                                 .arg(summary.failures.mid(0, 3).join(QStringLiteral("; ")));
        banner_->showMessage(NotificationBanner::Severity::Warning, text);
        notifier_->notify(tr("Data refresh incomplete"), text);
        return;
    }
    if (summary.source == QLatin1String("demo"))
        banner_->showMessage(NotificationBanner::Severity::Info, summary.message);
    statusBar()->showMessage(summary.message, 10000);
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(settingsStore_->value(kGeometryKey).toByteArray())) {
        // First start: 1500 x 950, or what a smaller screen has room for.
        QSize size(1500, 950);
        if (const QScreen* shown = screen())
            size = size.boundedTo(shown->availableGeometry().size());
        resize(size);
    }
    restoreState(settingsStore_->value(kStateKey).toByteArray());
    sideTabs_->setCurrentIndex(settingsStore_->value(kSideTabKey, 0).toInt());
    bool isNumber = false;
    const double detailsShare = settingsStore_->value(kModelCardDetailsKey).toDouble(&isNumber);
    if (isNumber)
        modelCardPanel_->restoreDetailsShare(detailsShare);
}

void MainWindow::saveWindowState()
{
    settingsStore_->setValue(kGeometryKey, saveGeometry());
    settingsStore_->setValue(kStateKey, saveState());
    paneSplit_->save();
    settingsStore_->setValue(kSideTabKey, sideTabs_->currentIndex());
    if (const std::optional<double> detailsShare = modelCardPanel_->detailsShare())
        settingsStore_->setValue(kModelCardDetailsKey, *detailsShare);
    settingsStore_->sync();
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    paneSplit_->windowShown();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    event->accept();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About %1").arg(QString::fromLatin1(kAppName)),
                       tr("<h3>%1 %2</h3><p>Analytics workstation for Indian-market traders.</p>"
                          "<p>Every probability shown is calibrated and comes with its walk-forward track "
                          "record; where a model has no demonstrated edge, the workstation says so.</p>"
                          "<p>Data directory: %3</p>")
                           .arg(QString::fromLatin1(kAppName), QString::fromLatin1(kAppVersion), context_.dataDirectory));
}

}  // namespace aegis::ui
