#pragma once

// A data directory of its own for each window test (settings, store and models isolated in a
// temporary folder) and the context `aegismatrix` would start on there without --demo: the source is
// DEMO from the settings, and a first start without models asks before training.

#include "models/store/model_store.h"
#include "ui/panels/model_card_panel.h"
#include "ui/panels/report_panel.h"
#include "ui/settings/workstation_settings.h"
#include "ui/window/main_window.h"

#include <QLabel>
#include <QSettings>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>

namespace aegis::ui::workstation_test {

struct WorkstationTestDirectory {
    QTemporaryDir dir;

    QString storePath() const { return dir.filePath(QStringLiteral("store/market.sqlite")); }
    QString modelsPath() const { return dir.filePath(QStringLiteral("models")); }
    QString settingsPath() const { return dir.filePath(QStringLiteral("settings.ini")); }

    WorkstationContext context(const QStringList& symbols) const
    {
        WorkstationContext context;
        context.dataDirectory = dir.path();
        context.settingsFile = settingsPath();
        context.demo = false;
        context.worker.symbols = symbols;
        return context;
    }

    // No auto-refresh or weekly retrain firing in the middle of a test.
    void saveSettingsWithoutSchedules() const
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        WorkstationSettings workstation;
        workstation.schedule.autoRefresh = false;
        workstation.schedule.weeklyRetrain = false;
        workstation.save(settings);
    }

    void updateSettings(const std::function<void(WorkstationSettings&)>& change) const
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        WorkstationSettings workstation = WorkstationSettings::load(settings);
        change(workstation);
        workstation.save(settings);
    }

    std::optional<QString> currentGeneration() const { return models::ModelStore(modelsPath()).currentId(); }
};

inline QString labelText(const QWidget& root, const char* name)
{
    const auto* label = root.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QString();
}

inline bool waitUntilLoaded(MainWindow& window, int timeoutMs)
{
    return QTest::qWaitFor([&] { return window.isLoaded() && !window.workerHost().isBusy(); }, timeoutMs);
}

// Every panel shows a report of `generationId`, and the status bar and model card name it.
inline void verifyEveryPanelShows(const MainWindow& window, const QString& generationId)
{
    for (const char* name : {"spotVixPanel", "directionPanel", "sellerPanel", "buyerPanel", "executionPanel", "modelCardPanel"}) {
        const auto* panel = window.findChild<ReportPanel*>(QLatin1String(name));
        QVERIFY2(panel && !panel->isShowingUnavailable(), name);
    }
    QCOMPARE(window.displayedGenerationId(), generationId);
    QVERIFY2(labelText(window, "generationStatusLabel").contains(generationId), qPrintable(labelText(window, "generationStatusLabel")));
    QCOMPARE(labelText(*window.findChild<ModelCardPanel*>(QStringLiteral("modelCardPanel")), "generationLabel"), generationId);
}

}  // namespace aegis::ui::workstation_test
