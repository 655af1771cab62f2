#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace aegis::models {

// One file of a generation, as recorded when it was written.
struct ArtifactRecord {
    QString name;       // plain file name inside the generation directory
    QString sha256Hex;  // lowercase hex SHA-256 of the bytes
    qint64 sizeBytes = 0;
};

// Which data a generation was trained on, so a retrain on the same data is recognisable.
struct TrainingDataFingerprint {
    QStringList symbols;
    QDate firstDate;
    QDate lastDate;
    qint64 rows = 0;
    QString hash;  // caller-defined digest of the training rows
};

// manifest.json of a generation. Written last, so its presence means every artifact is complete.
struct GenerationManifest {
    static constexpr int kFormatVersion = 1;

    QString generationId;
    QString appVersion;
    QDateTime createdAtUtc;  // millisecond precision; orders generations created within one second
    QString featureSchemaHash;
    TrainingDataFingerprint trainingData;
    QJsonObject hyperParameters;     // opaque to the store
    QJsonObject walkForwardMetrics;  // opaque to the store
    std::vector<ArtifactRecord> artifacts;

    const ArtifactRecord* findArtifact(const QString& name) const;

    QJsonObject toJson() const;
    // Throws std::runtime_error naming the first missing or malformed field.
    static GenerationManifest fromJson(const QJsonObject& json);
};

// True for names that stay inside the generation directory and cannot collide with the manifest.
bool isValidArtifactName(const QString& name);

}  // namespace aegis::models
