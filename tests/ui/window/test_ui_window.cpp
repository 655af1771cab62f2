// The workstation end to end on a small DEMO store (30 tickers, 3 years): first start without models,
// Retrain with progress and a responsive window, Cancel leaving the old generation current, ticker
// switching through the picker, a first start's split showing every horizon column and a window small
// enough for a laptop screen, a ticker with too short a history listed with the reason, export
// validated against the schema (index.json lists that ticker as unreported), a failing Yahoo fetch shown in
// the banner with the old data kept, a non-blank screenshot and the restored window state.
#include "support/fake_http_server.h"

#include "data/demo/demo_market.h"
#include "data/demo/demo_store_writer.h"
#include "data/store/market_store.h"
#include "data/universe/universe.h"
#include "engines/report/json_schema.h"
#include "models/store/model_store.h"
#include "ui/panels/direction_panel.h"
#include "ui/panels/model_card_panel.h"
#include "ui/panels/report_panel.h"
#include "ui/panels/spot_vix_panel.h"
#include "ui/picker/ticker_picker.h"
#include "ui/settings/workstation_settings.h"
#include "ui/window/desktop_notifier.h"
#include "ui/window/job_progress_widget.h"
#include "ui/window/main_window.h"
#include "ui/window/notification_banner.h"
#include "ui/worker/engine_worker.h"
#include "workstation_test_directory.h"

#include <nlohmann/json.hpp>

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

using namespace aegis;
using namespace aegis::ui;
using aegis::ui::workstation_test::labelText;
using aegis::ui::workstation_test::verifyEveryPanelShows;
using aegis::ui::workstation_test::waitUntilLoaded;

namespace {

constexpr int kTickerCount = 30;
constexpr int kShortHistorySessions = 60;
constexpr int kTrainTimeoutMs = 540 * 1000;
constexpr int kLoadTimeoutMs = 120 * 1000;

// Records the longest gap between ticks of a 10 ms timer: how long the GUI thread was unable to run.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        timer_.setInterval(10);
        connect(&timer_, &QTimer::timeout, this, [this] {
            longestMs_ = std::max(longestMs_, since_.restart());
        });
        since_.start();
        timer_.start();
    }
    qint64 longestMs() const { return longestMs_; }

private:
    QTimer timer_;
    QElapsedTimer since_;
    qint64 longestMs_ = 0;
};


void copyFolder(const QString& from, const QString& to)
{
    QVERIFY(QDir().mkpath(to));
    for (const QFileInfo& entry : QDir(from).entryInfoList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden)) {
        const QString target = to + QLatin1Char('/') + entry.fileName();
        if (entry.isDir())
            copyFolder(entry.filePath(), target);
        else
            QVERIFY(QFile::copy(entry.filePath(), target));
    }
}

}  // namespace

class WorkstationTest : public QObject {
    Q_OBJECT

    workstation_test::WorkstationTestDirectory directory_;
    QStringList symbols_;
    QString shortSymbol_;  // stored with kShortHistorySessions daily bars only


    // The same bars labelled as imported CSV, with the same models: fetch and import refuse the store
    // holding the DEMO market, so the tests of their own failures run here.
    workstation_test::WorkstationTestDirectory realDirectory_;
    bool realDirectoryReady_ = false;

    WorkstationContext contextIn(const workstation_test::WorkstationTestDirectory& directory) const
    {
        WorkstationContext context = directory.context(symbols_);
        context.worker.retry.maxRetries = 0;  // a failing fetch fails at once
        context.worker.httpTimeout = std::chrono::milliseconds(3000);
        return context;
    }

    WorkstationContext context() const { return contextIn(directory_); }

    // Settings ▸ Yahoo at `server`, which answers every request with HTTP 500; no option chains.
    static void refreshFromFailingYahoo(const workstation_test::WorkstationTestDirectory& directory, testing::FakeHttpServer& server)
    {
        server.setHandler([](const testing::FakeHttpRequest&) { return testing::FakeHttpResponse::json("{}", 500); });
        directory.updateSettings([&](WorkstationSettings& workstation) {
            workstation.source = DataSourceKind::Yahoo;
            workstation.yahooBaseUrl = server.baseUrl();
            workstation.nseBaseUrl = server.baseUrl();
            workstation.fetchOptionChains = false;
        });
    }

    // The DEMO store's bars, labelled as imported from CSV files: a store of real data to the app.
    void copyStoreAsCsv(const workstation_test::WorkstationTestDirectory& target)
    {
        QVERIFY(QDir().mkpath(target.dir.filePath(QStringLiteral("store"))));
        const data::MarketStore demo(directory_.storePath());
        data::MarketStore real(target.storePath());
        for (const data::SeriesSummary& summary : demo.summaries()) {
            data::BarSeries series = demo.loadBars(summary.symbol, summary.interval);
            series.source = data::DataSource::Csv;
            real.upsertBars(series);
        }
    }

    // Once the DEMO store has models (after the retrain test).
    void prepareRealDirectory()
    {
        if (realDirectoryReady_)
            return;
        copyStoreAsCsv(realDirectory_);
        copyFolder(directory_.modelsPath(), realDirectory_.modelsPath());
        realDirectory_.saveSettingsWithoutSchedules();
        realDirectoryReady_ = true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(directory_.dir.isValid());
        QVERIFY(QDir().mkpath(directory_.dir.filePath(QStringLiteral("store"))));
        const data::Universe universe = data::Universe::builtIn();
        for (const data::Ticker& ticker : universe.pickable()) {
            if (symbols_.size() < kTickerCount)
                symbols_ << ticker.symbol;
            else if (shortSymbol_.isEmpty())
                shortSymbol_ = ticker.symbol;
        }
        QElapsedTimer timer;
        timer.start();
        data::DemoOptions options;
        options.years = 3;
        options.plantedSignal = true;
        options.endDate = data::defaultDemoEndDate(QDateTime::currentDateTimeUtc());
        data::DemoMarket market = data::generateDemoMarket(options);
        std::set<QString> kept(symbols_.begin(), symbols_.end());
        kept.insert(data::kVixSymbol);
        kept.insert(shortSymbol_);
        std::erase_if(market.series, [&](const data::DemoSeries& series) { return !kept.count(series.ticker.symbol); });
        // A recent listing: too few sessions for the models.
        for (data::DemoSeries& series : market.series) {
            if (series.ticker.symbol == shortSymbol_)
                series.daily.bars.erase(series.daily.bars.begin(), series.daily.bars.end() - kShortHistorySessions);
        }
        symbols_ << shortSymbol_;
        std::erase_if(market.optionChains, [&](const data::OptionChain& chain) { return !kept.count(chain.symbol); });
        data::MarketStore store(directory_.storePath());
        data::writeDemoMarket(market, store);
        qInfo("DEMO store: %d series written in %lld ms", int(market.series.size()), timer.elapsed());

        directory_.saveSettingsWithoutSchedules();
    }

    void firstStartSaysThereAreNoModels()
    {
        MainWindow window(context());
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        QVERIFY(!window.hasPredictions());
        QVERIFY2(window.banner().text().contains(QStringLiteral("No trained models")), qPrintable(window.banner().text()));
        QVERIFY(!window.banner().findChild<QPushButton*>(QStringLiteral("bannerAction"))->isHidden());
        QVERIFY(!window.exportAction()->isEnabled());
    }

    // Without predictions the badge followed the refresh setting (DEMO by default) and called a store
    // of imported real data "DEMO DATA"; the stored data's own sources decide.
    void aRealStoreWithoutModelsIsNotBadgedDemo()
    {
        workstation_test::WorkstationTestDirectory imported;
        copyStoreAsCsv(imported);
        imported.saveSettingsWithoutSchedules();
        MainWindow window(contextIn(imported));
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        QVERIFY2(window.banner().text().contains(QStringLiteral("No trained models")), qPrintable(window.banner().text()));
        const QString badge = labelText(*window.statusBar(), "sourceBadge");
        QVERIFY2(!badge.contains(QStringLiteral("DEMO")) && badge.contains(QStringLiteral("CSV")), qPrintable(badge));
        QVERIFY(!window.windowTitle().contains(QStringLiteral("DEMO")));
    }

    void retrainShowsProgressAndSwitchesToTheNewGeneration()
    {
        MainWindow window(context());
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        QSignalSpy progress(window.workerHost().worker(), &EngineWorker::progressed);
        QSignalSpy updated(&window, &MainWindow::predictionsUpdated);
        StallMeter stalls;
        QElapsedTimer timer;
        timer.start();
        window.retrainAction()->trigger();
        QVERIFY(window.workerHost().isBusy());
        QVERIFY(!window.retrainAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!window.workerHost().isBusy(), kTrainTimeoutMs);
        qInfo("retrain of %d tickers: %lld ms; longest GUI event-loop stall %lld ms; %lld progress signals",
              kTickerCount, timer.elapsed(), stalls.longestMs(), qlonglong(progress.count()));

        QVERIFY2(window.hasPredictions(), qPrintable(window.banner().text()));
        QCOMPARE(updated.count(), 1);
        QVERIFY(progress.count() >= 10);
        double previous = 0.0;
        std::set<QString> stages;
        for (const QList<QVariant>& signal : progress) {
            const double fraction = signal.at(0).toDouble();
            QVERIFY2(fraction + 1e-9 >= previous, qPrintable(QStringLiteral("%1 after %2").arg(fraction).arg(previous)));
            previous = fraction;
            stages.insert(signal.at(1).toString());
        }
        QVERIFY(previous >= 0.99);
        QVERIFY(stages.size() >= 3);
        // A retrain run on the GUI thread would freeze it for the whole run (tens of seconds). What is
        // left is the scheduler sharing two cores with the training threads: 60-250 ms measured on an
        // idle machine, up to ~1.5 s with the load average at 5, so the bound only separates the two.
        QVERIFY2(stalls.longestMs() < 5000, qPrintable(QString::number(stalls.longestMs())));

        const std::optional<QString> current = directory_.currentGeneration();
        QVERIFY(current.has_value());
        verifyEveryPanelShows(window, *current);
        QVERIFY(window.predictedSymbols().size() >= kTickerCount / 2);
        QVERIFY(window.lastTrainingSummary().contains(QStringLiteral("Retrained in")));
        QVERIFY(window.lastTrainingSummary().contains(*current));
        QVERIFY(window.banner().text().contains(*current));
        QVERIFY(window.exportAction()->isEnabled());
    }

    void cancelMidwayKeepsTheOldGeneration()
    {
        const std::optional<QString> before = directory_.currentGeneration();
        QVERIFY(before.has_value());
        const std::size_t generationsBefore = models::ModelStore(directory_.modelsPath()).list({}).size();
        MainWindow window(context());
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        QCOMPARE(window.displayedGenerationId(), *before);

        window.retrainAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.jobProgress().fraction() > 0.2, kTrainTimeoutMs);
        QElapsedTimer timer;
        timer.start();
        window.findChild<QPushButton*>(QStringLiteral("cancelJobButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window.workerHost().isBusy(), 120 * 1000);
        qInfo("cancel took effect after %lld ms", timer.elapsed());

        QCOMPARE(directory_.currentGeneration(), before);
        QCOMPARE(models::ModelStore(directory_.modelsPath()).list({}).size(), generationsBefore);
        QCOMPARE(window.displayedGenerationId(), *before);
        QVERIFY2(window.banner().text().contains(QStringLiteral("cancelled")), qPrintable(window.banner().text()));
        QVERIFY(window.banner().text().contains(*before));
        verifyEveryPanelShows(window, *before);
    }

    void switchingTickerThroughThePickerRepaintsEveryPanel()
    {
        MainWindow window(context());
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        const QStringList predicted = window.predictedSymbols();
        QVERIFY(predicted.size() >= 2);
        const QString first = window.currentSymbol();
        const QString other = predicted.first() == first ? predicted.at(1) : predicted.first();
        const auto* spot = window.findChild<SpotVixPanel*>(QStringLiteral("spotVixPanel"));
        const QString spotBefore = labelText(*spot, "spotLabel");

        window.pickerAction()->trigger();
        window.picker().choose(other);
        QCOMPARE(window.currentSymbol(), other);
        QVERIFY(labelText(*spot, "tickerLabel").contains(other));
        QVERIFY(labelText(*spot, "spotLabel") != spotBefore);
        qInfo("ticker switch %s -> %s repainted every panel in %.2f ms", qPrintable(first), qPrintable(other),
              window.lastRepaintMilliseconds());

        window.picker().choose(first);
        QCOMPARE(window.currentSymbol(), first);
        QCOMPARE(labelText(*spot, "spotLabel"), spotBefore);
    }

    void firstStartSplitShowsEveryHorizonAndTheWindowFitsASmallScreen()
    {
        {
            QSettings settings(directory_.settingsPath(), QSettings::IniFormat);
            settings.remove(QStringLiteral("window"));  // a first start: no geometry, split or ticker saved
        }
        MainWindow window(context());
        window.resize(1500, 950);  // the first start's size on a screen larger than the offscreen one
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        QVERIFY(!window.currentSymbol().isEmpty());
        // The direction pane as wide as its figures and horizon columns need, the tabs keeping 40 %:
        // at this size, every horizon column whole.
        const auto* direction = window.findChild<DirectionPanel*>(QStringLiteral("directionPanel"));
        const auto* panes = window.findChild<QSplitter*>(QStringLiteral("panelSplitter"));
        const int shareable = panes->width() - panes->handleWidth();
        qInfo("first start: window %d x %d, panes %d + %d, the direction pane wants %d (columns alone %d)", window.width(),
              window.height(), panes->sizes().at(0), panes->sizes().at(1), direction->widthWithoutWrapping(),
              direction->widthForWholeColumns());
        const int cap = shareable * 60 / 100;
        const int expected = direction->widthWithoutWrapping() <= cap     ? direction->widthWithoutWrapping()
                             : direction->widthForWholeColumns() <= cap ? direction->widthForWholeColumns()
                                                                          : cap;
        QVERIFY(std::abs(panes->sizes().at(0) - expected) <= 1);
        const auto* table = direction->findChild<QTableWidget*>(QStringLiteral("horizonTable"));
        const QAbstractItemView* view = table;  // QTableView hides the per-column size hint
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        QVERIFY(table->columnWidth(DirectionPanel::EvidenceColumn) >= view->sizeHintForColumn(DirectionPanel::EvidenceColumn));

        // Today's figures and the spot strip in one box row each, the model card's captions beside their
        // values and the buyer tab's three boxes unscrolled made the window at least 1,330 x 715 pixels:
        // wider than a 1,280-pixel screen, taller than what a 768-pixel one leaves a window.
        const QSize minimum = window.minimumSizeHint();
        qInfo("window minimum %d x %d with %s shown", minimum.width(), minimum.height(), qPrintable(window.currentSymbol()));
        QVERIFY2(minimum.width() <= 1024 && minimum.height() <= 640,
                 qPrintable(QStringLiteral("%1 x %2").arg(minimum.width()).arg(minimum.height())));

        // At its smallest the spot strip wraps onto more lines; the window grows to hold them, and the
        // panes below neither cover them nor get less than their minimum.
        window.resize(minimum);
        const auto* spot = window.findChild<SpotVixPanel*>(QStringLiteral("spotVixPanel"));
        QTRY_VERIFY(spot->height() >= spot->heightForWidth(spot->width()) && spot->geometry().bottom() < panes->geometry().top() &&
                    panes->height() >= panes->minimumSizeHint().height());
        qInfo("at its smallest width the window is %d pixels tall", window.height());
        QVERIFY(window.height() <= 640);

        // A job's progress bar joins the status bar there; the DEMO badge takes its short form instead
        // of widening the window (its long form held a busy status bar to 844 pixels).
        window.jobProgress().jobStarted(WorkerJob::Train);
        QCoreApplication::processEvents();
        QVERIFY2(window.statusBar()->minimumSizeHint().width() <= window.width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(window.statusBar()->minimumSizeHint().width()).arg(window.width())));
        QVERIFY(labelText(*window.statusBar(), "sourceBadge").contains(QStringLiteral("DEMO DATA")));
        window.jobProgress().jobFinished();
    }

    void tickerWithTooShortAHistorySaysWhy()
    {
        MainWindow window(context());
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        QVERIFY(!window.predictedSymbols().contains(shortSymbol_));
        const QString reason = QStringLiteral("%1 final daily bars, at least 120 needed").arg(kShortHistorySessions);
        QCOMPARE(window.noReportReason(shortSymbol_), reason);
        QCOMPARE(window.picker().visibleSymbols().last(), shortSymbol_);  // after every ticker with a report

        window.picker().choose(shortSymbol_);
        QCOMPARE(window.currentSymbol(), shortSymbol_);
        const auto* spot = window.findChild<SpotVixPanel*>(QStringLiteral("spotVixPanel"));
        const QString shown = labelText(*spot, "unavailableLabel");
        QVERIFY2(shown.contains(shortSymbol_) && shown.contains(reason), qPrintable(shown));
        QVERIFY(!window.exportCurrentReport(directory_.dir.filePath(QStringLiteral("short.json"))).isEmpty());
        // The model card describes the generation, which that ticker does not change: its record and
        // rollback stay within reach (it kept the ticker's message until the next batch).
        const auto* modelCard = window.findChild<ModelCardPanel*>();
        QVERIFY(!modelCard->isShowingUnavailable());
        window.picker().choose(window.predictedSymbols().front());
        QVERIFY(!spot->isShowingUnavailable() && !modelCard->isShowingUnavailable());
    }

    void exportsValidateAgainstTheSchema()
    {
        MainWindow window(context());
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        const QString file = directory_.dir.filePath(QStringLiteral("exports/aegismatrix.json"));
        QVERIFY(QDir().mkpath(directory_.dir.filePath(QStringLiteral("exports"))));
        const QString error = window.exportCurrentReport(file);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        const nlohmann::json document = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
        const std::vector<std::string> violations = engines::report::validateAgainstSchema(engines::report::reportSchema(), document);
        QVERIFY2(violations.empty(), violations.empty() ? "" : violations.front().c_str());
        QCOMPARE(QString::fromStdString(document.at("meta").at("ticker").get<std::string>()), window.currentSymbol());

        const QString folder = directory_.dir.filePath(QStringLiteral("exports/all"));
        // Written on its own thread: the window stays live and says when it is done.
        const QString folderError = window.exportAllReports(folder);
        QVERIFY2(folderError.isEmpty(), qPrintable(folderError));
        QVERIFY(!window.exportAllAction()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().startsWith(QStringLiteral("Wrote ")), 20000);
        QTRY_VERIFY(window.exportAllAction()->isEnabled());
        QVERIFY(QFile::exists(folder + QStringLiteral("/index.json")));
        QCOMPARE(QDir(folder).entryList({QStringLiteral("*.json")}).size(), window.predictedSymbols().size() + 1);
        QFile index(folder + QStringLiteral("/index.json"));
        QVERIFY(index.open(QIODevice::ReadOnly));
        const QByteArray indexBytes = index.readAll();
        const nlohmann::json unreported = nlohmann::json::parse(indexBytes.constBegin(), indexBytes.constEnd()).at("unreported");
        QCOMPARE(unreported.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(unreported[0].at("ticker").get<std::string>()), shortSymbol_);
    }

    // A status message (a ticker chosen mid-job, an export under way) leaves the progress bar and
    // Cancel in view; a refused Export all says so and takes its "Exporting…" down (it had no timeout,
    // and hid the bar and Cancel of every later job).
    void statusMessagesLeaveTheProgressAndCancelInView()
    {
        MainWindow window(context());
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        auto* cancel = window.jobProgress().findChild<QPushButton*>(QStringLiteral("cancelJobButton"));
        window.jobProgress().jobStarted(WorkerJob::Train);
        window.statusBar()->showMessage(QStringLiteral("a message with no timeout"));
        QCoreApplication::processEvents();
        QVERIFY(window.jobProgress().isVisible() && cancel->isVisible());
        window.jobProgress().jobFinished();

        QFile blocker(directory_.dir.filePath(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY(window.exportAllReports(blocker.fileName() + QStringLiteral("/all")).isEmpty());
        QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Exporting ")));
        QTRY_VERIFY_WITH_TIMEOUT(window.exportAllAction()->isEnabled(), 20000);
        QVERIFY2(window.statusBar()->currentMessage().isEmpty(), qPrintable(window.statusBar()->currentMessage()));
        QVERIFY2(window.banner().text().contains(QStringLiteral("Export to")), qPrintable(window.banner().text()));
        QVERIFY(window.jobProgress().isVisible());
    }

    // Real data is never mixed into the DEMO market (appended to a synthetic history, real bars made
    // fake moves, and the series read as DEMO for good): with Yahoo chosen over the DEMO store the
    // refresh is refused at once, before any request, and the data, its labels and the predictions stay.
    void aRealSourceOverTheDemoMarketIsRefusedUpFront()
    {
        testing::FakeHttpServer server;
        refreshFromFailingYahoo(directory_, server);
        MainWindow window(context());
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        // Yahoo is only where the next refresh would fetch from: the prices on screen are still the
        // synthetic ones, and every label says so.
        QVERIFY(window.windowTitle().contains(QStringLiteral("DEMO")));
        QVERIFY2(labelText(*window.statusBar(), "sourceBadge").contains(QStringLiteral("DEMO DATA")),
                 qPrintable(labelText(*window.statusBar(), "sourceBadge")));
        const QString generation = window.displayedGenerationId();
        const QString spot = labelText(*window.findChild<SpotVixPanel*>(QStringLiteral("spotVixPanel")), "spotLabel");

        window.refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window.workerHost().isBusy(), 60 * 1000);
        QVERIFY(server.requests().empty());
        QVERIFY(window.banner().severity() == NotificationBanner::Severity::Error);
        QVERIFY2(window.banner().text().contains(QStringLiteral("holds the synthetic DEMO market"))
                     && window.banner().text().contains(QStringLiteral("Settings ▸ Data directory")),
                 qPrintable(window.banner().text()));
        QCOMPARE(window.displayedGenerationId(), generation);
        QCOMPARE(labelText(*window.findChild<SpotVixPanel*>(QStringLiteral("spotVixPanel")), "spotLabel"), spot);

        directory_.updateSettings([](WorkstationSettings& workstation) { workstation.source = DataSourceKind::Demo; });
    }

    void failingFetchShowsTheBannerAndKeepsTheData()
    {
        prepareRealDirectory();
        testing::FakeHttpServer server;
        refreshFromFailingYahoo(realDirectory_, server);
        data::MarketStore reader(realDirectory_.storePath());
        const auto lastBarBefore = reader.lastFinalBarUtc(symbols_.first(), data::Interval::Daily);

        MainWindow window(contextIn(realDirectory_));
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        QVERIFY(window.hasPredictions());
        QVERIFY(!window.windowTitle().contains(QStringLiteral("DEMO")));
        const QString generation = window.displayedGenerationId();
        const QString symbol = window.currentSymbol();
        const QString spot = labelText(*window.findChild<SpotVixPanel*>(QStringLiteral("spotVixPanel")), "spotLabel");

        window.refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window.workerHost().isBusy(), 120 * 1000);
        QVERIFY(!server.requests().empty());
        QVERIFY(!window.banner().isHidden());
        QVERIFY(window.banner().severity() == NotificationBanner::Severity::Error);
        QVERIFY2(window.banner().text().contains(QStringLiteral("Data refresh failed")), qPrintable(window.banner().text()));
        QVERIFY(window.notifier().lastMessage().contains(QStringLiteral("Data refresh failed")));
        QCOMPARE(window.displayedGenerationId(), generation);
        QCOMPARE(window.currentSymbol(), symbol);
        QCOMPARE(labelText(*window.findChild<SpotVixPanel*>(QStringLiteral("spotVixPanel")), "spotLabel"), spot);
        QCOMPARE(reader.lastFinalBarUtc(symbols_.first(), data::Interval::Daily), lastBarBefore);
        // The banner can be dismissed or replaced; the status line keeps saying the last refresh failed.
        QVERIFY2(labelText(*window.statusBar(), "nextRefreshLabel").startsWith(QStringLiteral("Last refresh failed ")),
                 qPrintable(labelText(*window.statusBar(), "nextRefreshLabel")));
    }

    void demoRefreshSaysThereIsNothingToFetch()
    {
        MainWindow window(context());
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        const QString generation = window.displayedGenerationId();
        QSignalSpy updated(&window, &MainWindow::predictionsUpdated);
        QTest::keyClick(&window, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(!window.workerHost().isBusy() && updated.count() == 1, 60 * 1000);
        QVERIFY2(window.banner().text().contains(QStringLiteral("DEMO data is synthetic; nothing to fetch")),
                 qPrintable(window.banner().text()));
        QCOMPARE(window.displayedGenerationId(), generation);
    }

    void rejectedCsvFolderShowsTheBannerAndKeepsTheData()
    {
        prepareRealDirectory();
        const QString folder = realDirectory_.dir.filePath(QStringLiteral("csv-in"));
        QVERIFY(QDir().mkpath(folder));
        QFile bad(folder + QStringLiteral("/RELIANCE.csv"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("this is not,a bar file\n1,2\n");
        bad.close();
        realDirectory_.updateSettings([&](WorkstationSettings& workstation) {
            workstation.source = DataSourceKind::CsvFolder;
            workstation.csvFolder = folder;
        });
        MainWindow window(contextIn(realDirectory_));
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        const QString generation = window.displayedGenerationId();
        window.refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window.workerHost().isBusy(), 60 * 1000);
        QVERIFY(window.banner().severity() == NotificationBanner::Severity::Error);
        QVERIFY2(window.banner().text().contains(QStringLiteral("RELIANCE.csv")), qPrintable(window.banner().text()));
        QVERIFY(window.hasPredictions());
        QCOMPARE(window.displayedGenerationId(), generation);
    }

    void screenshotIsNotBlank()
    {
        MainWindow window(context());
        window.resize(1600, 1000);
        window.show();
        QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
        const QString file = directory_.dir.filePath(QStringLiteral("screenshot.png"));
        QVERIFY(window.grab().save(file, "PNG"));
        QImage image(file);
        QCOMPARE(image.size(), QSize(1600, 1000));
        std::set<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        }
        qInfo("screenshot: %d distinct colours sampled", int(colours.size()));
        QVERIFY(colours.size() > 50);
    }

    void restoresLastTickerAndSplitterSizes()
    {
        QString chosen;
        QList<int> sizes;
        {
            MainWindow window(context());
            window.show();
            QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
            const QStringList predicted = window.predictedSymbols();
            QVERIFY(!predicted.isEmpty());
            chosen = predicted.last();
            QVERIFY(window.showTicker(chosen));
            auto* splitter = window.findChild<QSplitter*>(QStringLiteral("panelSplitter"));
            sizes = splitter->sizes();
            sizes[0] += 60;
            sizes[1] -= 60;
            splitter->setSizes(sizes);
            sizes = splitter->sizes();
            window.close();
        }
        MainWindow reopened(context());
        reopened.show();
        QVERIFY(waitUntilLoaded(reopened, kLoadTimeoutMs));
        QCOMPARE(reopened.currentSymbol(), chosen);
        // The docked picker's restored width can leave the splitter a different total width, so the
        // shares of that width are what must come back.
        const QList<int> restored = reopened.findChild<QSplitter*>(QStringLiteral("panelSplitter"))->sizes();
        QCOMPARE(restored.size(), sizes.size());
        const double total = std::accumulate(sizes.begin(), sizes.end(), 0.0);
        const double restoredTotal = std::accumulate(restored.begin(), restored.end(), 0.0);
        for (int i = 0; i < sizes.size(); ++i)
            QVERIFY2(std::abs(restored[i] / restoredTotal - sizes[i] / total) < 0.01, qPrintable(QStringLiteral("pane %1").arg(i)));
    }

    // A CSV refresh cancelled after some files keeps them; the next job predicts on them. The worker
    // kept the universe read before the refresh, so a re-inference, rollback or retrain after it used the
    // old bars. On a copy of the store: the other tests' data stays as it is.
    void aCancelledImportIsWhatTheNextJobPredictsOn()
    {
        prepareRealDirectory();
        QTemporaryDir copy;
        const QString storeCopy = copy.filePath(QStringLiteral("market.sqlite"));
        QVERIFY(QFile::copy(realDirectory_.storePath(), storeCopy));
        WorkerConfig config;
        config.storePath = storeCopy;
        config.modelsDirectory = realDirectory_.modelsPath();
        config.symbols = symbols_;
        EngineWorker worker(config);
        std::map<QString, double> spot;
        connect(&worker, &EngineWorker::reportsReady, this, [&](const ReportBatch& batch) {
            for (const engines::report::TickerReport& report : batch.reports)
                spot[report.meta.ticker] = report.market.spot;
        });
        worker.load(JobCancellation{}, QString());
        QCOMPARE(int(spot.size()), int(symbols_.size()) - 1);  // all but the short history

        // Three files rewriting each stock's last bar 5 % higher; Cancel while the second one imports.
        const QStringList changed{symbols_.at(symbols_.size() - 4), symbols_.at(symbols_.size() - 3), symbols_.at(symbols_.size() - 2)};
        const QString folder = copy.filePath(QStringLiteral("csv-in"));
        QVERIFY(QDir().mkpath(folder));
        std::map<QString, double> raisedClose;
        {
            const data::MarketStore store(storeCopy);
            for (const QString& symbol : changed) {
                const data::Bar last = store.loadBars(symbol, data::Interval::Daily).bars.back();
                raisedClose[symbol] = last.close * 1.05;
                QFile csv(folder + QLatin1Char('/') + symbol + QStringLiteral(".csv"));
                QVERIFY(csv.open(QIODevice::WriteOnly));
                csv.write(QStringLiteral("Date,Open,High,Low,Close,Volume\n%1,%2,%3,%4,%5,%6\n")
                              .arg(last.session.toString(Qt::ISODate))
                              .arg(last.open, 0, 'f', 4)
                              .arg(std::max(last.high, raisedClose[symbol]), 0, 'f', 4)
                              .arg(last.low, 0, 'f', 4)
                              .arg(raisedClose[symbol], 0, 'f', 4)
                              .arg(last.volume, 0, 'f', 0)
                              .toUtf8());
            }
        }
        JobCancellation cancellation;
        connect(&worker, &EngineWorker::progressed, this, [&](double, const QString& stage) {
            if (stage.contains(changed.at(1) + QStringLiteral(".csv")))
                cancellation.cancel();
        });
        QSignalSpy cancelled(&worker, &EngineWorker::jobCancelled);
        RefreshRequest request;
        request.source = QStringLiteral("csv");
        request.csvFolder = folder;
        worker.refresh(cancellation, request);
        QCOMPARE(cancelled.count(), 1);

        worker.reinfer(JobCancellation{});
        QCOMPARE(spot.at(changed.at(0)), QString::number(raisedClose.at(changed.at(0)), 'f', 4).toDouble());
        QCOMPARE(spot.at(changed.at(1)), QString::number(raisedClose.at(changed.at(1)), 'f', 4).toDouble());
        QVERIFY(spot.at(changed.at(2)) < raisedClose.at(changed.at(2)) * 0.99);  // not imported: the Cancel came first
    }

    void restoresTheModelCardSplitDraggedShut()
    {
        {
            MainWindow window(context());
            window.show();
            QVERIFY(waitUntilLoaded(window, kLoadTimeoutMs));
            auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("sideTabs"));
            auto* modelCard = window.findChild<ModelCardPanel*>();
            QVERIFY(tabs && modelCard);
            tabs->setCurrentWidget(modelCard);
            auto* split = window.findChild<QSplitter*>(QStringLiteral("modelCardSplitter"));
            QTRY_VERIFY(split->isVisible() && split->sizes().at(1) > 0);
            split->setSizes({split->sizes().at(0) + split->sizes().at(1), 0});
            QTRY_COMPARE(split->sizes().at(1), 0);
            window.close();
        }
        MainWindow reopened(context());
        reopened.show();
        QVERIFY(waitUntilLoaded(reopened, kLoadTimeoutMs));
        auto* split = reopened.findChild<QSplitter*>(QStringLiteral("modelCardSplitter"));
        QTRY_VERIFY2(split->isVisible(), "the model card, the tab last shown, comes back");
        QTRY_COMPARE(split->sizes().at(1), 0);
        QVERIFY(split->sizes().at(0) > 0);
    }
};

QTEST_MAIN(WorkstationTest)
#include "test_ui_window.moc"
