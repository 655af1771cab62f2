#pragma once

// The workstation window: spot/VIX strip on top, then direction beside tabs of seller (with its chart),
// buyer, execution and model card; the ticker picker docked on the left (Ctrl+K); a banner
// for failures and offers; a status bar with the model generation and its age, the next scheduled
// refresh and the worker's state with progress and Cancel.
//
// Predictions come from the worker as one batch per generation and data set; switching ticker repaints
// every panel from that cache, never waiting for the engines. A new batch replaces the cache whole, so
// the panels switch generation atomically. At start the worker first sends a batch of the last ticker
// shown alone (inferred afresh, so the window paints in about a second), then the whole universe.

#include "ui/settings/workstation_settings.h"
#include "ui/worker/worker_host.h"
#include "ui/worker/worker_types.h"

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>
#include <QString>
#include <QThread>

#include <map>

class QAction;
class QLabel;
class QSettings;
class QSplitter;
class QTabWidget;
class QTimer;

namespace aegis::ui {

class BuyerPanel;
class DesktopNotifier;
class DirectionPanel;
class ExecutionPanel;
class JobProgressWidget;
class ModelCardPanel;
class NotificationBanner;
class PaneSplitMemory;
class SellerPanel;
class ShortFormLabel;
class SpotVixPanel;
class TickerPicker;

// Where the window keeps its state and finds its data.
struct WorkstationContext {
    QString dataDirectory;
    QString settingsFile;  // INI file; tests point it into a temporary directory
    bool demo = true;      // --demo: DEMO source, and a first start generates and trains without asking
    // The worker's set-up; storePath and modelsDirectory default to <dataDirectory>/store/market.sqlite
    // and <dataDirectory>/models.
    WorkerConfig worker;
    bool loadOnStart = true;  // start loading the store and models as soon as the event loop runs
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(WorkstationContext context, QWidget* parent = nullptr);
    ~MainWindow() override;

    QAction* exportAction() const { return exportAction_; }
    QAction* exportAllAction() const { return exportAllAction_; }
    QAction* retrainAction() const { return retrainAction_; }
    QAction* refreshAction() const { return refreshAction_; }
    QAction* pickerAction() const { return pickerAction_; }
    QAction* cancelAction() const { return cancelAction_; }
    WorkerHost& workerHost() const { return *host_; }
    NotificationBanner& banner() const { return *banner_; }
    DesktopNotifier& notifier() const { return *notifier_; }
    TickerPicker& picker() const { return *picker_; }
    JobProgressWidget& jobProgress() const { return *jobProgress_; }
    const WorkstationSettings& settings() const { return settings_; }

    QString currentSymbol() const { return currentSymbol_; }
    // The generation the cached predictions come from; empty before any.
    QString displayedGenerationId() const { return batch_.models.generationId; }
    bool hasPredictions() const { return !reports_.empty(); }
    // Why a ticker of the universe has no report (no stored bars, too short a history); empty otherwise.
    QString noReportReason(const QString& symbol) const;
    // False while only the first ticker of a load is predicted (the rest is still being inferred, or
    // that was cancelled).
    bool predictionsCoverUniverse() const { return batchComplete_; }
    // The report the panels show; null when none.
    const engines::report::TickerReport* currentReport() const;
    QStringList predictedSymbols() const;
    // True once the first load finished, whatever it found (predictions, no models, no data).
    bool isLoaded() const { return loaded_; }
    double lastRepaintMilliseconds() const { return lastRepaintMs_; }
    QString lastTrainingSummary() const { return lastTrainingSummary_; }

    // Writes the current ticker's aegismatrix.json to `path`; the error, or empty when written.
    QString exportCurrentReport(const QString& path);
    // Starts writing every report into `directory` on its own thread; the status bar or the banner says
    // how it ended. Returns why it could not start, or nothing.
    QString exportAllReports(const QString& directory);  // one file per ticker plus index.json

    void applySettings(const WorkstationSettings& settings);

public Q_SLOTS:
    void startLoad();
    void startRetrain();
    void refreshData();
    void cancelRunningJob();
    // Repaints every panel from the cached report of `symbol`; false when there is none.
    bool showTicker(const QString& symbol);
    void openPicker();
    void openSettings();
    void exportWithDialog();
    void exportAllWithDialog();

Q_SIGNALS:
    // The person chose another data directory in Settings; main() records it for the next start.
    void dataDirectoryChosen(const QString& directory);
    // Emitted after the panels show a new batch (load, retrain, refresh, rollback).
    void predictionsUpdated(const QString& generationId);

protected:
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenusAndToolBar();
    void createPanels();
    void createStatusBar();
    void connectWorker();
    void restoreWindowState();
    void saveWindowState();
    void showAbout();
    void updateActions();
    void updateStatusLabels();
    void updateSourceBadge();
    void finishExportAll(const QString& directory, std::size_t count, const QString& error);
    QDateTime lastRetrainAttempt() const;
    void checkSchedule();
    void showTickerUnavailable(const QString& why);      // the five panels that describe one ticker
    void showUnavailableEverywhere(const QString& why);  // those and the model card
    // The ticker a load infers first: the one shown, else the one shown when the window last closed, else NIFTY.
    QString firstTickerToLoad() const;
    void announceFailure(const QString& title, const QString& message);

    void onJobStarted(WorkerJob job);
    void onJobFinished(WorkerJob job);
    void onJobFailed(WorkerJob job, const QString& reason);
    void onJobCancelled(WorkerJob job);
    void onReportsReady(const ReportBatch& batch);
    void onStoreRecovered(const QString& message);
    void onNoData(const QString& reason);
    void onNoModels(const QString& reason, const QStringList& storedSources);
    void onTrainingFinished(const TrainingSummary& summary);
    void onRefreshFinished(const RefreshSummary& summary);

    WorkstationContext context_;
    QSettings* settingsStore_ = nullptr;
    WorkstationSettings settings_;
    WorkerHost* host_ = nullptr;
    DesktopNotifier* notifier_ = nullptr;

    QAction* exportAction_ = nullptr;
    QAction* exportAllAction_ = nullptr;
    QAction* retrainAction_ = nullptr;
    QAction* refreshAction_ = nullptr;
    QAction* cancelAction_ = nullptr;
    QAction* pickerAction_ = nullptr;
    QAction* settingsAction_ = nullptr;

    NotificationBanner* banner_ = nullptr;
    SpotVixPanel* spotVixPanel_ = nullptr;
    DirectionPanel* directionPanel_ = nullptr;
    SellerPanel* sellerPanel_ = nullptr;
    BuyerPanel* buyerPanel_ = nullptr;
    ExecutionPanel* executionPanel_ = nullptr;
    ModelCardPanel* modelCardPanel_ = nullptr;
    TickerPicker* picker_ = nullptr;
    QSplitter* panelSplitter_ = nullptr;
    PaneSplitMemory* paneSplit_ = nullptr;  // direction pane | tabs
    QTabWidget* sideTabs_ = nullptr;

    QLabel* generationLabel_ = nullptr;
    QLabel* nextRefreshLabel_ = nullptr;
    ShortFormLabel* sourceBadge_ = nullptr;
    JobProgressWidget* jobProgress_ = nullptr;
    QTimer* clockTimer_ = nullptr;

    ReportBatch batch_;  // reports moved out into reports_
    std::map<QString, engines::report::TickerReport> reports_;
    QStringList storedSources_;  // the store's data sources, told with "no usable models"; for the badge
    QString currentSymbol_;
    QString pendingSymbol_;  // chosen while only the first ticker was predicted: shown once it is
    bool batchComplete_ = true;
    bool loaded_ = false;
    bool retrainWhenLoaded_ = false;
    QString storeRecovery_;  // the sentence saying a damaged store was set aside; empty otherwise
    bool jobFailed_ = false;
    // Export all writes ~500 files and flushes the filesystem (1-2 s): on its own thread, so the window
    // stays live; the window waits for it when it closes.
    QPointer<QThread> exportThread_;  // the running job reported a failure (jobFailed comes before jobFinished)
    double lastRepaintMs_ = 0.0;
    QString lastTrainingSummary_;
};

}  // namespace aegis::ui
