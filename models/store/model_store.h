#pragma once

#include "models/store/generation_manifest.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

namespace aegis::models {

class GenerationWriter;

// Raised when no generation passes verification; the message lists every generation tried and why.
class NoUsableGeneration : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A generation read whole into memory after every checksum matched, so later changes on disk
// cannot reach a reader that already holds it.
struct LoadedGeneration {
    GenerationManifest manifest;
    QString directory;
    std::map<QString, QByteArray> artifacts;
    // Generations tried first and refused, each as "<id>: <reason>". Empty when the generation
    // named by CURRENT loaded; otherwise this one is a fallback and the list says why.
    QStringList refusals;

    const QString& id() const { return manifest.generationId; }
    bool isFallback() const { return !refusals.isEmpty(); }
    // Throws std::out_of_range naming the artifact when the generation has no such file.
    const QByteArray& artifact(const QString& name) const;
};

// A committed generation as the rollback list shows it.
struct GenerationListing {
    QString id;
    std::optional<GenerationManifest> manifest;  // absent when manifest.json is missing or unreadable
    QString problem;                              // why it cannot be loaded; empty when it verifies
    bool isCurrent = false;
};

// Checksummed model generations under one directory:
//   <dir>/<id>/manifest.json + artifacts   committed generations (id: yyyyMMddTHHmmssZ-<8 hex>)
//   <dir>/.staging-<id>/                   a generation being written; ignored by readers
//   <dir>/CURRENT                          the id in use, replaced atomically
// Readers never lock: a generation directory appears by rename only after its manifest is written,
// and CURRENT changes by rename, so a reader sees the old or the new generation, never a mix.
class ModelStore {
public:
    static constexpr int kDefaultGenerationsKept = 3;

    explicit ModelStore(QString modelsDirectory, int generationsKept = kDefaultGenerationsKept);

    const QString& directory() const { return m_directory; }

    // Starts a generation in a fresh staging directory, first removing staging directories that a
    // crashed or abandoned retrain left behind.
    GenerationWriter beginGeneration() const;

    // The generation CURRENT names, verified (every checksum, and the schema hash when
    // `expectedFeatureSchemaHash` is not empty) and accepted by `usable` when given (which throws to
    // refuse it: files whose checksums match can still fail to deserialise). When it is refused, the
    // newest older generation that passes is returned instead and `refusals` says what was refused and
    // why. Throws NoUsableGeneration when nothing passes, including when the store is empty.
    using UsableCheck = std::function<void(const LoadedGeneration&)>;
    LoadedGeneration current(const QString& expectedFeatureSchemaHash, const UsableCheck& usable = {}) const;

    // One generation by id, verified as current() does. Throws std::runtime_error with the reason.
    LoadedGeneration load(const QString& generationId, const QString& expectedFeatureSchemaHash) const;

    // Committed generations, newest first, each verified as load() would (checksums, and the schema hash
    // when `expectedFeatureSchemaHash` is not empty); staging directories are not listed.
    std::vector<GenerationListing> list(const QString& expectedFeatureSchemaHash) const;

    // The id CURRENT names, or nothing when the pointer is missing or malformed.
    std::optional<QString> currentId() const;

    // Rollback: verifies the generation first and only then points CURRENT at it. Throws when it
    // does not verify, leaving CURRENT unchanged.
    void setCurrent(const QString& generationId, const QString& expectedFeatureSchemaHash) const;

    static bool isGenerationId(const QString& text);

private:
    friend class GenerationWriter;

    QString generationPath(const QString& id) const;
    QString stagingPath(const QString& id) const;
    LoadedGeneration currentAttempt(const QString& expectedFeatureSchemaHash, const UsableCheck& usable) const;
    // Newest first by manifest creation time; directories without a readable manifest come last.
    std::vector<GenerationListing> committedGenerations(bool verify, const QString& expectedFeatureSchemaHash = {}) const;
    // Writes the manifest (stamping its creation time), renames the staging directory to its final
    // name, switches CURRENT and prunes, all under the writer lock.
    void publish(GenerationManifest& manifest, const QString& stagingDirectory) const;
    void switchCurrent(const QString& id) const;
    void pruneOldGenerations() const;
    void removeAbandonedStaging() const;

    QString m_directory;
    int m_generationsKept;
};

}  // namespace aegis::models
