#include "app/cli/scheduled_state.h"

#include "data/core/atomic_file.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace aegis::cli {

namespace {

constexpr int kFormatVersion = 1;

QJsonValue timeValue(const QDateTime& instant)
{
    return instant.isValid() ? QJsonValue(instant.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QDateTime timeField(const QJsonObject& json, const char* name)
{
    const QJsonValue value = json.value(QLatin1String(name));
    if (value.isNull() || value.isUndefined())
        return {};
    const QDateTime instant = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!instant.isValid())
        throw std::runtime_error(std::string(name) + " is not an ISO 8601 time");
    return instant.toUTC();
}

}  // namespace

QString scheduledStatePath(const QString& dataDirectoryRoot)
{
    return QDir(dataDirectoryRoot).filePath(QStringLiteral("scheduled-runs.json"));
}

LoadedScheduledState readScheduledState(const QString& path)
{
    LoadedScheduledState loaded;
    QFile file(path);
    if (!file.exists())
        return loaded;
    if (!file.open(QIODevice::ReadOnly)) {
        loaded.problem = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return loaded;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        loaded.problem = QStringLiteral("%1 is not a JSON object (%2)").arg(path, error.errorString());
        return loaded;
    }
    const QJsonObject json = document.object();
    try {
        if (json.value(QLatin1String("format")).toInt() != kFormatVersion)
            throw std::runtime_error("unknown format version");
        loaded.state.lastRefreshUtc = timeField(json, "last_refresh_utc");
        loaded.state.lastRetrainUtc = timeField(json, "last_retrain_utc");
        loaded.state.lastRetrainFailureUtc = timeField(json, "last_retrain_failure_utc");
        loaded.state.lastRunUtc = timeField(json, "last_run_utc");
        loaded.state.lastRunSucceeded = json.value(QLatin1String("last_run_succeeded")).toBool(true);
        loaded.state.lastMessage = json.value(QLatin1String("last_message")).toString();
    } catch (const std::exception& bad) {
        loaded.state = {};
        loaded.problem = QStringLiteral("%1 ignored: %2").arg(path, QString::fromUtf8(bad.what()));
    }
    return loaded;
}

void writeScheduledState(const QString& path, const ScheduledState& state)
{
    QJsonObject json;
    json.insert(QStringLiteral("format"), kFormatVersion);
    json.insert(QStringLiteral("last_refresh_utc"), timeValue(state.lastRefreshUtc));
    json.insert(QStringLiteral("last_retrain_utc"), timeValue(state.lastRetrainUtc));
    json.insert(QStringLiteral("last_retrain_failure_utc"), timeValue(state.lastRetrainFailureUtc));
    json.insert(QStringLiteral("last_run_utc"), timeValue(state.lastRunUtc));
    json.insert(QStringLiteral("last_run_succeeded"), state.lastRunSucceeded);
    json.insert(QStringLiteral("last_message"), state.lastMessage);
    data::writeFileAtomically(path, QJsonDocument(json).toJson(QJsonDocument::Indented));
}

}  // namespace aegis::cli
