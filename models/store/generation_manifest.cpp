#include "models/store/generation_manifest.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <stdexcept>

namespace aegis::models {
namespace {

QJsonValue requireField(const QJsonObject& json, const char* key)
{
    const QJsonValue value = json.value(QLatin1String(key));
    if (value.isUndefined())
        throw std::runtime_error(std::string("manifest field '") + key + "' is missing");
    return value;
}

QString requireString(const QJsonObject& json, const char* key)
{
    const QJsonValue value = requireField(json, key);
    if (!value.isString())
        throw std::runtime_error(std::string("manifest field '") + key + "' is not a string");
    return value.toString();
}

QJsonObject requireObject(const QJsonObject& json, const char* key)
{
    const QJsonValue value = requireField(json, key);
    if (!value.isObject())
        throw std::runtime_error(std::string("manifest field '") + key + "' is not an object");
    return value.toObject();
}

qint64 requireCount(const QJsonObject& json, const char* key)
{
    const QJsonValue value = requireField(json, key);
    // Sizes and row counts are written as integers; JSON doubles hold them exactly up to 2^53.
    if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() != static_cast<double>(value.toInteger()))
        throw std::runtime_error(std::string("manifest field '") + key + "' is not a non-negative integer");
    return value.toInteger();
}

QDate optionalDate(const QJsonObject& json, const char* key)
{
    const QString text = json.value(QLatin1String(key)).toString();
    return text.isEmpty() ? QDate() : QDate::fromString(text, Qt::ISODate);
}

}  // namespace

bool isValidArtifactName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"));
    return pattern.match(name).hasMatch() && name != QLatin1String("manifest.json") && !name.contains(QLatin1String(".."));
}

const ArtifactRecord* GenerationManifest::findArtifact(const QString& name) const
{
    for (const ArtifactRecord& artifact : artifacts)
        if (artifact.name == name)
            return &artifact;
    return nullptr;
}

QJsonObject GenerationManifest::toJson() const
{
    QJsonArray artifactArray;
    for (const ArtifactRecord& artifact : artifacts)
        artifactArray.append(QJsonObject{{QStringLiteral("name"), artifact.name},
                                         {QStringLiteral("sha256"), artifact.sha256Hex},
                                         {QStringLiteral("size"), artifact.sizeBytes}});
    const QJsonObject training{
        {QStringLiteral("symbols"), QJsonArray::fromStringList(trainingData.symbols)},
        {QStringLiteral("first_date"), trainingData.firstDate.toString(Qt::ISODate)},
        {QStringLiteral("last_date"), trainingData.lastDate.toString(Qt::ISODate)},
        {QStringLiteral("rows"), trainingData.rows},
        {QStringLiteral("hash"), trainingData.hash}};
    return QJsonObject{{QStringLiteral("format_version"), kFormatVersion},
                       {QStringLiteral("generation_id"), generationId},
                       {QStringLiteral("app_version"), appVersion},
                       {QStringLiteral("created_at"), createdAtUtc.toUTC().toString(Qt::ISODateWithMs)},
                       {QStringLiteral("feature_schema_hash"), featureSchemaHash},
                       {QStringLiteral("training_data"), training},
                       {QStringLiteral("hyper_parameters"), hyperParameters},
                       {QStringLiteral("walk_forward_metrics"), walkForwardMetrics},
                       {QStringLiteral("artifacts"), artifactArray}};
}

GenerationManifest GenerationManifest::fromJson(const QJsonObject& json)
{
    if (requireCount(json, "format_version") != kFormatVersion)
        throw std::runtime_error("manifest format_version " + std::to_string(requireCount(json, "format_version")) +
                                 " is not the supported version " + std::to_string(kFormatVersion));
    GenerationManifest manifest;
    manifest.generationId = requireString(json, "generation_id");
    manifest.appVersion = requireString(json, "app_version");
    manifest.createdAtUtc = QDateTime::fromString(requireString(json, "created_at"), Qt::ISODateWithMs);
    if (!manifest.createdAtUtc.isValid())
        throw std::runtime_error("manifest field 'created_at' is not an ISO date-time");
    manifest.createdAtUtc = manifest.createdAtUtc.toUTC();
    manifest.featureSchemaHash = requireString(json, "feature_schema_hash");

    const QJsonObject training = requireObject(json, "training_data");
    for (const QJsonValue& symbol : training.value(QStringLiteral("symbols")).toArray())
        manifest.trainingData.symbols.append(symbol.toString());
    manifest.trainingData.firstDate = optionalDate(training, "first_date");
    manifest.trainingData.lastDate = optionalDate(training, "last_date");
    manifest.trainingData.rows = requireCount(training, "rows");
    manifest.trainingData.hash = requireString(training, "hash");

    manifest.hyperParameters = requireObject(json, "hyper_parameters");
    manifest.walkForwardMetrics = requireObject(json, "walk_forward_metrics");

    const QJsonValue artifactArray = requireField(json, "artifacts");
    if (!artifactArray.isArray())
        throw std::runtime_error("manifest field 'artifacts' is not an array");
    for (const QJsonValue& entry : artifactArray.toArray()) {
        const QJsonObject object = entry.toObject();
        ArtifactRecord artifact{requireString(object, "name"), requireString(object, "sha256"),
                                requireCount(object, "size")};
        if (!isValidArtifactName(artifact.name))
            throw std::runtime_error("manifest lists an invalid artifact name '" + artifact.name.toStdString() + "'");
        if (manifest.findArtifact(artifact.name))
            throw std::runtime_error("manifest lists artifact '" + artifact.name.toStdString() + "' twice");
        manifest.artifacts.push_back(std::move(artifact));
    }
    return manifest;
}

}  // namespace aegis::models
