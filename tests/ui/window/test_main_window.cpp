// The window shell without engines: menus and shortcuts, remembered geometry and pane split, the
// settings round trip and dialog validation, the banner, the progress widget, the status bar's lines and source badge
// giving way, and the retrain summary text.
#include "ui/settings/settings_dialog.h"
#include "ui/settings/workstation_settings.h"
#include "ui/window/eliding_label.h"
#include "ui/window/job_progress_widget.h"
#include "ui/window/main_window.h"
#include "ui/window/notification_banner.h"
#include "ui/window/pane_split_memory.h"
#include "ui/window/short_form_label.h"
#include "ui/window/training_summary_text.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace aegis::ui;

class MainWindowTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    WorkstationContext context() const
    {
        WorkstationContext context;
        context.dataDirectory = dir_.path();
        context.settingsFile = dir_.filePath(QStringLiteral("settings.ini"));
        context.demo = true;
        context.loadOnStart = false;
        return context;
    }

private Q_SLOTS:
    void buildsWithMenusShortcutsAndStatusBar()
    {
        MainWindow window(context());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QStringList menus;
        for (QAction* action : window.menuBar()->actions())
            menus << action->text().remove(QLatin1Char('&'));
        QCOMPARE(menus, (QStringList{QStringLiteral("File"), QStringLiteral("Data"), QStringLiteral("Models"), QStringLiteral("Help")}));
        QCOMPARE(window.exportAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        QCOMPARE(window.refreshAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(window.pickerAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
        QVERIFY(window.retrainAction()->isEnabled());
        QVERIFY(!window.exportAction()->isEnabled());  // nothing to export before any prediction
        QVERIFY(window.statusBar()->isVisible());
        QVERIFY(window.windowTitle().contains(QStringLiteral("DEMO")));
        QCOMPARE(window.workerHost().thread()->objectName(), QStringLiteral("aegis-worker"));
        QVERIFY(window.workerHost().thread()->isRunning());
        QVERIFY(window.workerHost().worker()->thread() == window.workerHost().thread());
    }

    void remembersGeometry()
    {
        {
            MainWindow window(context());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1200, 820);
            window.close();
        }
        MainWindow reopened(context());
        QCOMPARE(reopened.size(), QSize(1200, 820));
    }

    void settingsRoundTripThroughTheIniFile()
    {
        WorkstationSettings settings;
        settings.source = DataSourceKind::Yahoo;
        settings.yahooBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/yahoo"));
        settings.schedule.refreshIntervalMinutes = 15;
        settings.schedule.retrainDay = Qt::Sunday;
        settings.schedule.retrainTimeUtc = QTime(18, 30);
        settings.defaultOrderSizeInr = 250000.0;
        settings.theme = Theme::Light;
        QSettings ini(dir_.filePath(QStringLiteral("round-trip.ini")), QSettings::IniFormat);
        settings.save(ini);
        const WorkstationSettings loaded = WorkstationSettings::load(ini);
        QVERIFY(loaded.source == DataSourceKind::Yahoo);
        QCOMPARE(loaded.yahooBaseUrl, settings.yahooBaseUrl);
        QCOMPARE(loaded.nseBaseUrl, settings.nseBaseUrl);
        QCOMPARE(loaded.schedule.refreshIntervalMinutes, 15);
        QCOMPARE(loaded.schedule.retrainDay, Qt::Sunday);
        QCOMPARE(loaded.schedule.retrainTimeUtc, QTime(18, 30));
        QCOMPARE(loaded.defaultOrderSizeInr, 250000.0);
        QVERIFY(loaded.theme == Theme::Light);

        // Garbage in the file falls back to the defaults instead of being used.
        ini.setValue(QStringLiteral("schedule/refreshIntervalMinutes"), QStringLiteral("-3"));
        ini.setValue(QStringLiteral("data/yahooBaseUrl"), QStringLiteral("not a url"));
        ini.setValue(QStringLiteral("data/source"), QStringLiteral("bloomberg"));
        const WorkstationSettings repaired = WorkstationSettings::load(ini);
        QCOMPARE(repaired.schedule.refreshIntervalMinutes, ScheduleSettings{}.refreshIntervalMinutes);
        QCOMPARE(repaired.yahooBaseUrl, WorkstationSettings{}.yahooBaseUrl);
        QVERIFY(repaired.source == DataSourceKind::Demo);
    }

    // `aegismatrix --demo` uses DEMO for that run; the user's own source stays in the file (it was
    // saved over, so the next normal start had lost the Yahoo choice).
    void demoOptionDoesNotOverwriteTheSavedSource()
    {
        QTemporaryDir dataDir;
        WorkstationContext demoRun = context();
        demoRun.dataDirectory = dataDir.path();
        demoRun.settingsFile = dataDir.filePath(QStringLiteral("settings.ini"));
        {
            QSettings ini(demoRun.settingsFile, QSettings::IniFormat);
            WorkstationSettings mine;
            mine.source = DataSourceKind::Yahoo;
            mine.defaultOrderSizeInr = 250000.0;
            mine.save(ini);
        }
        {
            MainWindow window(demoRun);
            QVERIFY(window.settings().source == DataSourceKind::Demo);
            WorkstationSettings changed = window.settings();
            changed.defaultOrderSizeInr = 500000.0;
            window.applySettings(changed);  // what Settings ▸ OK does
        }
        QSettings ini(demoRun.settingsFile, QSettings::IniFormat);
        const WorkstationSettings saved = WorkstationSettings::load(ini);
        QVERIFY(saved.source == DataSourceKind::Yahoo);
        QCOMPARE(saved.defaultOrderSizeInr, 500000.0);  // the rest is saved as before
    }

    void settingsDialogRefusesUnusableSettings()
    {
        SettingsDialog dialog(WorkstationSettings{});
        QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        dialog.findChild<QLineEdit*>(QStringLiteral("yahooUrlEdit"))->setText(QStringLiteral("ftp://example"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("problemLabel"))->text().contains(QStringLiteral("Yahoo")));
        dialog.findChild<QLineEdit*>(QStringLiteral("yahooUrlEdit"))->setText(QStringLiteral("http://127.0.0.1:9/"));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.settings().yahooBaseUrl, QUrl(QStringLiteral("http://127.0.0.1:9/")));
    }

    // The store as the worker finds it on a first start: in a folder that cannot exist (a file stands
    // where it should be), or a file that is no SQLite database.
    static WorkstationContext contextWithStoreAt(const QTemporaryDir& dataDir, const QString& storePath)
    {
        WorkstationContext context;
        context.dataDirectory = dataDir.path();
        context.settingsFile = dataDir.filePath(QStringLiteral("settings.ini"));
        context.demo = false;
        context.worker.storePath = storePath;
        return context;
    }

    static void writeGarbage(const QString& path)
    {
        QFile garbage(path);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
    }

    static QStringList unavailableTexts(const MainWindow& window)
    {
        QStringList texts;
        for (const char* name : {"spotVixPanel", "directionPanel", "sellerPanel", "buyerPanel", "executionPanel", "modelCardPanel"})
            texts << window.findChild<QWidget*>(QLatin1String(name))->findChild<QLabel*>(QStringLiteral("unavailableLabel"))->text();
        return texts;
    }

    // A store that cannot be opened at all: every panel says loading failed and why, instead of
    // "Loading…" for good, and the banner says the same.
    void aFailedLoadReplacesTheLoadingMessage()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        const QString notAFolder = dataDir.filePath(QStringLiteral("store"));
        writeGarbage(notAFolder);
        MainWindow window(contextWithStoreAt(dataDir, notAFolder + QStringLiteral("/market.sqlite")));
        QCOMPARE(unavailableTexts(window).first(), QStringLiteral("Loading the market store and models…"));
        QTRY_VERIFY_WITH_TIMEOUT(window.isLoaded() && !window.workerHost().isBusy(), 60 * 1000);
        QVERIFY(!window.hasPredictions());
        for (const QString& text : unavailableTexts(window))
            QVERIFY2(text.startsWith(QStringLiteral("Loading failed: ")), qPrintable(text));
        QVERIFY2(window.banner().text().startsWith(QStringLiteral("Loading failed: ")), qPrintable(window.banner().text()));
    }

    // A damaged store file is set aside and an empty one created: the window says so, where the file
    // went, rather than "No market data yet".
    void aDamagedStoreIsNamedNotShownAsEmpty()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        const QString storePath = dataDir.filePath(QStringLiteral("market.sqlite"));
        writeGarbage(storePath);
        MainWindow window(contextWithStoreAt(dataDir, storePath));
        QTRY_VERIFY_WITH_TIMEOUT(window.isLoaded() && !window.workerHost().isBusy(), 60 * 1000);
        const QStringList setAside = QDir(dataDir.path()).entryList({QStringLiteral("market.sqlite.corrupt-*")});
        QCOMPARE(setAside.size(), 1);
        for (const QString& text : unavailableTexts(window)) {
            QVERIFY2(text.startsWith(QStringLiteral("The market store was damaged (")), qPrintable(text));
            QVERIFY2(text.contains(setAside.first()), qPrintable(text));
        }
        QVERIFY2(window.banner().text().startsWith(QStringLiteral("The market store was damaged (")), qPrintable(window.banner().text()));
        QVERIFY2(window.banner().text().contains(QStringLiteral("store was created. ")), qPrintable(window.banner().text()));
        QVERIFY(window.banner().severity() == NotificationBanner::Severity::Warning);
    }

    void bannerOffersAnActionOnce()
    {
        NotificationBanner banner;
        int runs = 0;
        banner.showMessage(NotificationBanner::Severity::Info, QStringLiteral("No trained models yet"), QStringLiteral("Train now"),
                           [&runs] { ++runs; });
        QVERIFY(!banner.isHidden());
        auto* action = banner.findChild<QPushButton*>(QStringLiteral("bannerAction"));
        QVERIFY(!action->isHidden());
        action->click();
        QCOMPARE(runs, 1);
        QVERIFY(banner.isHidden());
    }

    void progressWidgetShowsStageAndPercent()
    {
        JobProgressWidget widget;
        widget.jobStarted(WorkerJob::Train);
        widget.progressed(0.456, QStringLiteral("Direction: fold 3 of 5 (100% of rows)"));
        auto* bar = widget.findChild<QProgressBar*>(QStringLiteral("jobProgressBar"));
        QCOMPARE(bar->value(), 456);
        QCOMPARE(bar->text(), QStringLiteral("Direction: fold 3 of 5 (100% of rows) — 46%"));

        // Two lanes' stages in a narrow bar: the end of the stage gives way, the percentage stays.
        widget.resize(420, 30);
        widget.show();
        const QString twoLanes = QStringLiteral("seller_trap_given_setup: walk-forward fold 1 of 3 · Direction: BiLSTM epoch 2, batch 36 of 59");
        widget.progressed(0.37, twoLanes);
        QVERIFY2(bar->text().endsWith(QStringLiteral("… — 37%")), qPrintable(bar->text()));
        QVERIFY2(bar->text().startsWith(QStringLiteral("seller_trap_given_setup")), qPrintable(bar->text()));
        QVERIFY(bar->fontMetrics().horizontalAdvance(bar->text()) <= bar->contentsRect().width());
        QCOMPARE(bar->toolTip(), twoLanes);

        // Squeezed as the status bar's permanent labels leave it in a 1600-pixel window (443 pixels; a
        // child is, where a top-level window keeps its layout's minimum): the Cancel button must not
        // cover the end of the bar, and with it the percentage.
        QWidget statusBarRoom;
        auto* squeezed = new JobProgressWidget(&statusBarRoom);
        statusBarRoom.resize(443, 30);
        squeezed->setGeometry(0, 0, 443, 30);
        statusBarRoom.show();
        squeezed->jobStarted(WorkerJob::Train);
        squeezed->progressed(0.37, twoLanes);
        auto* squeezedBar = squeezed->findChild<QProgressBar*>(QStringLiteral("jobProgressBar"));
        auto* cancel = squeezed->findChild<QPushButton*>(QStringLiteral("cancelJobButton"));
        QTRY_VERIFY(squeezedBar->geometry().right() < cancel->geometry().left());
        QVERIFY2(squeezedBar->text().endsWith(QStringLiteral("… — 37%")), qPrintable(squeezedBar->text()));
        QVERIFY(squeezedBar->fontMetrics().horizontalAdvance(squeezedBar->text()) <= squeezedBar->contentsRect().width());
        widget.resize(2000, 30);  // room again: the whole stage
        QTRY_COMPARE(bar->text(), twoLanes + QStringLiteral(" — 37%"));
        widget.jobFinished();
        QVERIFY(bar->isHidden());
    }

    void statusLinesGiveWayRatherThanWidenTheWindow()
    {
        ElidingLabel label;
        const QString plan = QStringLiteral("No auto-refresh: the refresh source is DEMO · retrain Sat 28 Nov 00:00 UTC");
        label.setText(plan);
        QVERIFY(label.minimumSizeHint().width() <= ElidingLabel::kMinimumWidth);
        QVERIFY(label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(plan));  // asks for its whole text
        label.resize(label.sizeHint());
        QCOMPARE(label.shownText(), plan);
        label.resize(120, label.sizeHint().height());
        QVERIFY2(label.shownText().endsWith(QChar(0x2026)) && plan.startsWith(label.shownText().chopped(1)), qPrintable(label.shownText()));
        QVERIFY(label.fontMetrics().horizontalAdvance(label.shownText()) <= 120);
        QCOMPARE(label.text(), plan);  // the text itself is kept whole

        // In the window, with a job's progress bar beside them: a longer line does not widen the status
        // bar's minimum, and so not the window's.
        MainWindow window(context());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.jobProgress().jobStarted(WorkerJob::Train);
        const int busyMinimum = window.statusBar()->minimumSizeHint().width();
        auto* refresh = window.findChild<QLabel*>(QStringLiteral("nextRefreshLabel"));
        refresh->setText(plan + QStringLiteral(" · ") + plan + QStringLiteral(" · ") + plan);
        QCoreApplication::processEvents();  // the status bar's layout takes the label's new size
        QCOMPARE(window.statusBar()->minimumSizeHint().width(), busyMinimum);
        window.jobProgress().jobFinished();
    }

    void sourceBadgeShortensRatherThanWidenTheWindow()
    {
        const QString full = QStringLiteral(" DEMO DATA — synthetic market, not real prices ");
        const QString brief = QStringLiteral(" DEMO DATA ");
        ShortFormLabel badge;
        badge.setStyleSheet(QStringLiteral("QLabel { padding: 1px 6px; border-radius: 3px; }"));
        badge.setForms(full, brief);
        badge.show();
        QVERIFY(QTest::qWaitForWindowExposed(&badge));
        // The minimum is the short form's, padding included; the hint the long form's.
        QVERIFY(badge.sizeHint().width() >= badge.fontMetrics().horizontalAdvance(full) + 12);
        QVERIFY(badge.minimumSizeHint().width() >= badge.fontMetrics().horizontalAdvance(brief) + 12);
        QVERIFY(badge.minimumSizeHint().width() < badge.sizeHint().width() / 2);
        badge.resize(badge.sizeHint());
        QTRY_COMPARE(badge.text(), full);
        badge.resize(badge.sizeHint().width() - 1, badge.height());
        QTRY_COMPARE(badge.text(), brief);
        badge.resize(badge.sizeHint());
        QTRY_COMPARE(badge.text(), full);

        badge.setForms(QStringLiteral(" CSV "));  // one form only
        QCOMPARE(badge.text(), QStringLiteral(" CSV "));
        QCOMPARE(badge.minimumSizeHint().width(), badge.sizeHint().width());
    }

    // A saved split comes back once the splitter is shown. Without one, nothing is split (or saved)
    // until the first pane can be measured; then it gets the width it asks for, at most 60 %, and that
    // split is what is saved.
    void paneSplitIsRestoredOrWaitsForTheFirstPane()
    {
        const QString key = QStringLiteral("window/panes");
        QSettings settings(dir_.filePath(QStringLiteral("split.ini")), QSettings::IniFormat);
        const auto splitter = [] {
            auto* panes = new QSplitter(Qt::Horizontal);
            panes->addWidget(new QWidget);
            panes->addWidget(new QWidget);
            panes->resize(1000 + panes->handleWidth(), 400);
            return panes;
        };

        std::vector<int> wanted;
        QSplitter* fresh = splitter();
        PaneSplitMemory firstStart(fresh, &settings, key, [&] { return wanted; }, nullptr);
        fresh->show();
        firstStart.windowShown();
        QCoreApplication::processEvents();
        QVERIFY(!firstStart.isSized());
        firstStart.save();
        QVERIFY(!settings.contains(key));
        firstStart.firstPaneChanged();  // still nothing to measure
        QVERIFY(!firstStart.isSized());
        wanted = {420};
        firstStart.firstPaneChanged();
        QVERIFY(firstStart.isSized());
        QCOMPARE(fresh->sizes(), (QList<int>{420, 580}));
        firstStart.save();
        QCOMPARE(settings.value(key).toList(), (QVariantList{420, 580}));
        wanted = {700};  // sized once: later reports do not move the split
        firstStart.firstPaneChanged();
        QCOMPARE(fresh->sizes().front(), 420);
        delete fresh;

        QSplitter* greedy = splitter();
        settings.remove(key);
        PaneSplitMemory capped(greedy, &settings, key, [] { return std::vector<int>{5000, 800}; }, nullptr);
        greedy->show();
        capped.windowShown();
        QCoreApplication::processEvents();  // nothing saved: the restore splits at once, capped
        QCOMPARE(greedy->sizes(), (QList<int>{600, 400}));
        delete greedy;

        // The most generous width that fits in 60 % wins: on a narrow screen the pane's second choice.
        QSplitter* narrow = splitter();
        settings.remove(key);
        PaneSplitMemory secondChoice(narrow, &settings, key, [] { return std::vector<int>{700, 520}; }, nullptr);
        narrow->show();
        secondChoice.windowShown();
        QCoreApplication::processEvents();
        QCOMPARE(narrow->sizes(), (QList<int>{520, 480}));
        delete narrow;

        QSplitter* reopened = splitter();
        settings.setValue(key, QVariantList{300, 700});
        PaneSplitMemory restored(reopened, &settings, key, [] { return std::vector<int>{5000}; }, nullptr);
        reopened->show();
        restored.windowShown();
        QVERIFY(!restored.isSized());  // restored only once the show has been laid out
        QCoreApplication::processEvents();
        QVERIFY(restored.isSized());
        QCOMPARE(reopened->sizes(), (QList<int>{300, 700}));
        delete reopened;
    }

    void trainingSummaryComparesWithThePreviousGeneration()
    {
        TrainingSummary summary;
        summary.generationId = QStringLiteral("20250101T000000Z-aaaaaaaa");
        summary.previousGenerationId = QStringLiteral("20241201T000000Z-bbbbbbbb");
        summary.seconds = 83.24;
        summary.engineSeconds = {{QStringLiteral("direction"), 40.0}};
        aegis::engines::report::ModelEvaluation model;
        model.engine = QStringLiteral("direction");
        model.auc = 0.56;
        model.edgeDemonstrated = true;
        summary.evaluation.models = {model, model};
        summary.evaluation.models[1].auc = 0.54;
        summary.evaluation.models[1].edgeDemonstrated = false;
        model.auc = 0.52;
        model.edgeDemonstrated = false;
        summary.previousEvaluation.models = {model};
        const QString text = describeTrainingSummary(summary);
        QVERIFY2(text.contains(QStringLiteral("Retrained in 83.2 s (direction 40.0 s)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("was 20241201T000000Z-bbbbbbbb")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("direction: mean AUC 0.550, edge on 1/2 (was mean AUC 0.520, edge on 0/1)")), qPrintable(text));

        // Every engine retrained: two train at once, and the line says why their times exceed the whole.
        summary.seconds = 41.0;
        summary.engineSeconds = {{QStringLiteral("direction"), 40.7}, {QStringLiteral("seller"), 8.9}};
        const QString both = describeTrainingSummary(summary);
        QVERIFY2(both.contains(QStringLiteral("Retrained in 41.0 s (each engine's own time, two at once: direction 40.7 s, seller 8.9 s)")),
                 qPrintable(both));
    }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
