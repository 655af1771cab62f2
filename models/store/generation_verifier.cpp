#include "models/store/generation_verifier.h"

#include "models/store/durable_file.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonParseError>

#include <stdexcept>

namespace aegis::models {

GenerationManifest readManifest(const QString& directory)
{
    const QString path = QDir(directory).filePath(QStringLiteral("manifest.json"));
    if (!QFileInfo::exists(path))
        throw std::runtime_error("manifest.json is missing (generation never finished committing)");
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(durable::readWhole(path), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        throw std::runtime_error("manifest.json is not valid JSON: " + parseError.errorString().toStdString());
    return GenerationManifest::fromJson(document.object());
}

LoadedGeneration readVerifiedGeneration(const QString& directory, const QString& expectedId,
                                        const QString& expectedFeatureSchemaHash)
{
    LoadedGeneration generation;
    generation.directory = directory;
    generation.manifest = readManifest(directory);
    const GenerationManifest& manifest = generation.manifest;
    if (manifest.generationId != expectedId)
        throw std::runtime_error("manifest names generation " + manifest.generationId.toStdString() +
                                 " but lives in directory " + expectedId.toStdString());
    if (!expectedFeatureSchemaHash.isEmpty() && manifest.featureSchemaHash != expectedFeatureSchemaHash)
        throw std::runtime_error("feature schema hash " + manifest.featureSchemaHash.toStdString() +
                                 " differs from the expected " + expectedFeatureSchemaHash.toStdString() +
                                 " (the models were trained on other features)");
    if (manifest.artifacts.empty())
        throw std::runtime_error("manifest lists no artifacts");

    for (const ArtifactRecord& artifact : manifest.artifacts) {
        const QString path = QDir(directory).filePath(artifact.name);
        if (!QFileInfo::exists(path))
            throw std::runtime_error("artifact " + artifact.name.toStdString() + " is missing");
        QByteArray bytes = durable::readWhole(path);
        if (bytes.size() != artifact.sizeBytes)
            throw std::runtime_error("artifact " + artifact.name.toStdString() + " has " +
                                     std::to_string(bytes.size()) + " bytes, the manifest records " +
                                     std::to_string(artifact.sizeBytes) + " (truncated or overwritten)");
        const QString actualHash = durable::sha256Hex(bytes);
        if (actualHash != artifact.sha256Hex)
            throw std::runtime_error("artifact " + artifact.name.toStdString() + " fails its SHA-256 check (expected " +
                                     artifact.sha256Hex.toStdString() + ", found " + actualHash.toStdString() + ")");
        generation.artifacts.emplace(artifact.name, std::move(bytes));
    }
    return generation;
}

}  // namespace aegis::models
