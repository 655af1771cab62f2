#include "models/bilstm/bilstm_sidecar.h"

#include "models/store/feature_schema_hash.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <stdexcept>

namespace aegis::models {
namespace {

const QString kFormatName = QStringLiteral("aegis-bilstm");

int requirePositiveInt(const QJsonObject& json, const char* key)
{
    const QJsonValue value = json.value(QLatin1String(key));
    if (!value.isDouble() || value.toDouble() < 1 || value.toDouble() != std::floor(value.toDouble()))
        throw std::runtime_error(std::string("BiLSTM sidecar field '") + key + "' is missing or not a positive integer");
    return value.toInt();
}

}  // namespace

QByteArray BiLstmSidecar::toJsonBytes() const
{
    const QJsonObject architectureJson{{QStringLiteral("feature_count"), architecture.featureCount},
                                       {QStringLiteral("horizon_count"), architecture.horizonCount},
                                       {QStringLiteral("window_length"), architecture.windowLength},
                                       {QStringLiteral("hidden_size"), architecture.hiddenSize},
                                       {QStringLiteral("layers"), architecture.layers},
                                       {QStringLiteral("dropout"), architecture.dropout},
                                       {QStringLiteral("bidirectional"), true},
                                       {QStringLiteral("direction_classes"), QJsonArray{QStringLiteral("DOWN"),
                                                                                        QStringLiteral("NEUTRAL"),
                                                                                        QStringLiteral("UP")}}};
    const QJsonObject json{{QStringLiteral("format"), kFormatName},
                           {QStringLiteral("version"), kFormatVersion},
                           {QStringLiteral("architecture"), architectureJson},
                           {QStringLiteral("feature_names"), QJsonArray::fromStringList(featureNames)},
                           {QStringLiteral("feature_schema_hash"), featureSchemaHash},
                           {QStringLiteral("feature_scaler"), featureScaler.toJson()},
                           {QStringLiteral("magnitude_scaling"), magnitudeScaling.toJson()},
                           {QStringLiteral("archive_sha256"), archiveSha256},
                           {QStringLiteral("training"), trainingSummary}};
    return QJsonDocument(json).toJson(QJsonDocument::Indented);
}

BiLstmSidecar BiLstmSidecar::fromJsonBytes(const QByteArray& bytes)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        throw std::runtime_error("BiLSTM sidecar is not valid JSON: " + parseError.errorString().toStdString());
    const QJsonObject json = document.object();
    if (json.value(QStringLiteral("format")).toString() != kFormatName)
        throw std::runtime_error("BiLSTM sidecar has format '" + json.value(QStringLiteral("format")).toString().toStdString() +
                                 "', expected '" + kFormatName.toStdString() + "'");
    if (json.value(QStringLiteral("version")).toInt() != kFormatVersion)
        throw std::runtime_error("BiLSTM sidecar version " + std::to_string(json.value(QStringLiteral("version")).toInt()) +
                                 " is not the supported version " + std::to_string(kFormatVersion));

    BiLstmSidecar sidecar;
    const QJsonObject architectureJson = json.value(QStringLiteral("architecture")).toObject();
    BiLstmArchitecture& architecture = sidecar.architecture;
    architecture.featureCount = requirePositiveInt(architectureJson, "feature_count");
    architecture.horizonCount = requirePositiveInt(architectureJson, "horizon_count");
    architecture.windowLength = requirePositiveInt(architectureJson, "window_length");
    architecture.hiddenSize = requirePositiveInt(architectureJson, "hidden_size");
    architecture.layers = requirePositiveInt(architectureJson, "layers");
    architecture.dropout = architectureJson.value(QStringLiteral("dropout")).toDouble(-1);
    if (!(architecture.dropout >= 0 && architecture.dropout < 1))
        throw std::runtime_error("BiLSTM sidecar dropout must lie in [0, 1)");

    for (const QJsonValue& name : json.value(QStringLiteral("feature_names")).toArray())
        sidecar.featureNames.append(name.toString());
    if (sidecar.featureNames.size() != architecture.featureCount)
        throw std::runtime_error("BiLSTM sidecar lists " + std::to_string(sidecar.featureNames.size()) +
                                 " feature names for an architecture of " + std::to_string(architecture.featureCount) +
                                 " features");
    sidecar.featureSchemaHash = json.value(QStringLiteral("feature_schema_hash")).toString();
    if (sidecar.featureSchemaHash != models::featureSchemaHash(sidecar.featureNames))
        throw std::runtime_error("BiLSTM sidecar feature schema hash does not match its own feature names");

    sidecar.featureScaler =
        FeatureScaler::fromJson(json.value(QStringLiteral("feature_scaler")).toObject(), architecture.featureCount);
    sidecar.magnitudeScaling = MagnitudeScaling::fromJson(json.value(QStringLiteral("magnitude_scaling")).toObject(),
                                                          architecture.horizonCount);
    sidecar.archiveSha256 = json.value(QStringLiteral("archive_sha256")).toString();
    if (sidecar.archiveSha256.size() != 64)
        throw std::runtime_error("BiLSTM sidecar has no archive_sha256");
    sidecar.trainingSummary = json.value(QStringLiteral("training")).toObject();
    return sidecar;
}

}  // namespace aegis::models
