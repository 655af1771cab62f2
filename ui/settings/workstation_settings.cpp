#include "ui/settings/workstation_settings.h"

#include <QDir>
#include <QSettings>

#include <cmath>

namespace aegis::ui {

namespace {

const QString kSource = QStringLiteral("data/source");
const QString kCsvFolder = QStringLiteral("data/csvFolder");
const QString kYahooUrl = QStringLiteral("data/yahooBaseUrl");
const QString kNseUrl = QStringLiteral("data/nseBaseUrl");
const QString kOptionChains = QStringLiteral("data/fetchOptionChains");
const QString kDataDirectory = QStringLiteral("data/directory");
const QString kAutoRefresh = QStringLiteral("schedule/autoRefresh");
const QString kRefreshMinutes = QStringLiteral("schedule/refreshIntervalMinutes");
const QString kWeeklyRetrain = QStringLiteral("schedule/weeklyRetrain");
const QString kRetrainDay = QStringLiteral("schedule/retrainDay");
const QString kRetrainTime = QStringLiteral("schedule/retrainTimeUtc");
const QString kOrderSize = QStringLiteral("execution/defaultOrderSizeInr");
const QString kTheme = QStringLiteral("appearance/theme");

bool isServiceUrl(const QUrl& url)
{
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

QUrl urlOr(const QSettings& settings, const QString& key, const QUrl& fallback)
{
    const QUrl url(settings.value(key).toString(), QUrl::StrictMode);
    return isServiceUrl(url) ? url : fallback;
}

}  // namespace

QString toString(DataSourceKind kind)
{
    switch (kind) {
    case DataSourceKind::Demo: return QStringLiteral("demo");
    case DataSourceKind::Yahoo: return QStringLiteral("yahoo");
    case DataSourceKind::CsvFolder: return QStringLiteral("csv");
    }
    return {};
}

std::optional<DataSourceKind> dataSourceKindFromString(const QString& text)
{
    for (DataSourceKind kind : {DataSourceKind::Demo, DataSourceKind::Yahoo, DataSourceKind::CsvFolder}) {
        if (toString(kind) == text)
            return kind;
    }
    return std::nullopt;
}

QString displayName(DataSourceKind kind)
{
    switch (kind) {
    case DataSourceKind::Demo: return QStringLiteral("DEMO (synthetic market)");
    case DataSourceKind::Yahoo: return QStringLiteral("Yahoo Finance + NSE");
    case DataSourceKind::CsvFolder: return QStringLiteral("CSV folder");
    }
    return {};
}

WorkstationSettings WorkstationSettings::load(const QSettings& settings)
{
    WorkstationSettings loaded;
    loaded.source = dataSourceKindFromString(settings.value(kSource).toString()).value_or(DataSourceKind::Demo);
    loaded.csvFolder = settings.value(kCsvFolder).toString();
    loaded.yahooBaseUrl = urlOr(settings, kYahooUrl, loaded.yahooBaseUrl);
    loaded.nseBaseUrl = urlOr(settings, kNseUrl, loaded.nseBaseUrl);
    loaded.fetchOptionChains = settings.value(kOptionChains, loaded.fetchOptionChains).toBool();
    loaded.dataDirectory = settings.value(kDataDirectory).toString();

    ScheduleSettings& schedule = loaded.schedule;
    schedule.autoRefresh = settings.value(kAutoRefresh, schedule.autoRefresh).toBool();
    bool ok = false;
    const int minutes = settings.value(kRefreshMinutes).toInt(&ok);
    if (ok && minutes >= 1 && minutes <= 24 * 60)
        schedule.refreshIntervalMinutes = minutes;
    schedule.weeklyRetrain = settings.value(kWeeklyRetrain, schedule.weeklyRetrain).toBool();
    const int day = settings.value(kRetrainDay).toInt(&ok);
    if (ok && day >= Qt::Monday && day <= Qt::Sunday)
        schedule.retrainDay = Qt::DayOfWeek(day);
    const QTime time = QTime::fromString(settings.value(kRetrainTime).toString(), QStringLiteral("HH:mm"));
    if (time.isValid())
        schedule.retrainTimeUtc = time;

    // QSettings stores doubles as text in the C locale, so this read is locale-independent.
    const double orderSize = settings.value(kOrderSize).toDouble(&ok);
    if (ok && std::isfinite(orderSize) && orderSize > 0.0)
        loaded.defaultOrderSizeInr = orderSize;
    loaded.theme = themeFromString(settings.value(kTheme).toString());
    return loaded;
}

void WorkstationSettings::save(QSettings& settings) const
{
    settings.setValue(kSource, toString(source));
    settings.setValue(kCsvFolder, csvFolder);
    settings.setValue(kYahooUrl, yahooBaseUrl.toString());
    settings.setValue(kNseUrl, nseBaseUrl.toString());
    settings.setValue(kOptionChains, fetchOptionChains);
    settings.setValue(kDataDirectory, dataDirectory);
    settings.setValue(kAutoRefresh, schedule.autoRefresh);
    settings.setValue(kRefreshMinutes, schedule.refreshIntervalMinutes);
    settings.setValue(kWeeklyRetrain, schedule.weeklyRetrain);
    settings.setValue(kRetrainDay, int(schedule.retrainDay));
    settings.setValue(kRetrainTime, schedule.retrainTimeUtc.toString(QStringLiteral("HH:mm")));
    settings.setValue(kOrderSize, defaultOrderSizeInr);
    settings.setValue(kTheme, toString(theme));
    settings.sync();
}

QString WorkstationSettings::problem() const
{
    if (!isServiceUrl(yahooBaseUrl))
        return QStringLiteral("The Yahoo base URL must be an http:// or https:// address.");
    if (!isServiceUrl(nseBaseUrl))
        return QStringLiteral("The NSE base URL must be an http:// or https:// address.");
    if (source == DataSourceKind::CsvFolder && (csvFolder.isEmpty() || !QDir(csvFolder).exists()))
        return QStringLiteral("Choose an existing folder of CSV files for the CSV data source.");
    if (!(defaultOrderSizeInr > 0.0) || !std::isfinite(defaultOrderSizeInr))
        return QStringLiteral("The default order size must be a positive amount of rupees.");
    return {};
}

}  // namespace aegis::ui
