#pragma once

// A data directory of its own for each window test (settings, store and models isolated in a
// temporary folder) and the context `aegismatrix` would start on there without --demo: the source is
// DEMO from the settings, and a first start without models asks before training.

#include "ui/settings/workstation_settings.h"
#include "ui/window/main_window.h"

#include <QLabel>
#include <QSettings>
#include <QStringList>
#include <QTemporaryDir>

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
};

inline QString labelText(const QWidget& root, const char* name)
{
    const auto* label = root.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QString();
}

}  // namespace aegis::ui::workstation_test
