#pragma once

#include "models/store/generation_manifest.h"
#include "models/store/model_store.h"
#include "models/store/store_coordination.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace aegis::models {

// Builds one generation in its staging directory. Each artifact is written and fsynced as it is
// added; commit() re-reads and verifies them, writes the manifest last, publishes the directory
// under its final name and switches CURRENT to it. Destroying the writer without commit() removes
// the staging directory; a crash leaves it for the next beginGeneration() to clean up, and in both
// cases CURRENT is untouched. The writer claims its staging directory for as long as it is open, so no
// other writer, in this process or another, removes it as abandoned.
class GenerationWriter {
public:
    GenerationWriter(GenerationWriter&& other) noexcept;
    GenerationWriter& operator=(GenerationWriter&&) = delete;
    GenerationWriter(const GenerationWriter&) = delete;
    GenerationWriter& operator=(const GenerationWriter&) = delete;
    ~GenerationWriter();

    const QString& id() const { return m_manifest.generationId; }
    const QString& stagingDirectory() const { return m_stagingDirectory; }

    // Throws std::invalid_argument for a bad or duplicate name, std::runtime_error when writing fails.
    void addArtifact(const QString& name, const QByteArray& bytes);
    void addArtifactFile(const QString& name, const QString& sourcePath);

    void setAppVersion(const QString& version) { m_manifest.appVersion = version; }
    void setFeatureSchemaHash(const QString& hash) { m_manifest.featureSchemaHash = hash; }
    void setTrainingData(const TrainingDataFingerprint& fingerprint) { m_manifest.trainingData = fingerprint; }
    void setHyperParameters(const QJsonObject& parameters) { m_manifest.hyperParameters = parameters; }
    void setWalkForwardMetrics(const QJsonObject& metrics) { m_manifest.walkForwardMetrics = metrics; }

    // Returns the manifest as committed. Throws (and leaves CURRENT unchanged) when there is no
    // artifact, an artifact no longer matches its checksum on disk, `usable` (given the bytes read
    // back from disk, as a reader would load them) refuses the generation, or any filesystem step fails.
    GenerationManifest commit(const ModelStore::UsableCheck& usable = {});

    // Removes the staging directory; the writer cannot be used afterwards.
    void abandon();

private:
    friend class ModelStore;
    GenerationWriter(ModelStore store, QString id);
    void requireOpen() const;

    ModelStore m_store;
    QString m_stagingDirectory;
    coordination::StagingClaim m_stagingClaim;  // held until commit or abandon (store_coordination.h)
    GenerationManifest m_manifest;
    bool m_open = true;
};

}  // namespace aegis::models
