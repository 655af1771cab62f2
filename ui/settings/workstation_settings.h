#pragma once

// Everything the person can configure in the workstation, read from and written to the INI file under
// the data directory (tests point it into a temporary directory).

#include "data/providers/nse_option_chain_provider.h"
#include "data/providers/yahoo_chart_provider.h"
#include "ui/theme/theme.h"
#include "ui/worker/schedule.h"

#include <QString>
#include <QUrl>

#include <optional>

class QSettings;

namespace aegis::ui {

enum class DataSourceKind { Demo, Yahoo, CsvFolder };

QString toString(DataSourceKind kind);  // "demo", "yahoo", "csv"
std::optional<DataSourceKind> dataSourceKindFromString(const QString& text);
QString displayName(DataSourceKind kind);  // "DEMO (synthetic)", "Yahoo Finance + NSE", "CSV folder"

struct WorkstationSettings {
    DataSourceKind source = DataSourceKind::Demo;
    QString csvFolder;
    QUrl yahooBaseUrl = data::YahooChartProvider::defaultBaseUrl();
    QUrl nseBaseUrl = data::NseOptionChainProvider::defaultBaseUrl();
    bool fetchOptionChains = true;  // an NSE option-chain snapshot per ticker with options, on each refresh
    ScheduleSettings schedule;
    double defaultOrderSizeInr = 1e5;
    Theme theme = Theme::Dark;
    // Where the store and models live; empty means the platform default. Takes effect at the next start.
    QString dataDirectory;

    // Defaults for anything missing or unreadable in `settings`.
    static WorkstationSettings load(const QSettings& settings);
    void save(QSettings& settings) const;

    // Why these settings cannot be used ("Yahoo base URL must be http(s)://…"); empty when they can.
    QString problem() const;
};

}  // namespace aegis::ui
