#include "models/store/generation_writer.h"

#include "aegis/version.h"
#include "models/store/durable_file.h"
#include "models/store/store_coordination.h"

#include <QDir>
#include <QLockFile>

#include <stdexcept>

namespace aegis::models {

GenerationWriter::GenerationWriter(ModelStore store, QString id)
    : m_store(std::move(store)), m_stagingDirectory(m_store.stagingPath(id))
{
    m_manifest.generationId = std::move(id);
    m_manifest.appVersion = QString::fromLatin1(kAppVersion);
    // Claimed before it exists, so a cleanup in another process never sees it unclaimed.
    m_stagingClaim = coordination::claimStaging(m_stagingDirectory);
    if (!m_stagingClaim)
        throw std::runtime_error("cannot claim staging directory " + m_stagingDirectory.toStdString());
    if (!QDir().mkpath(m_stagingDirectory))
        throw std::runtime_error("cannot create staging directory " + m_stagingDirectory.toStdString());
}

GenerationWriter::GenerationWriter(GenerationWriter&& other) noexcept
    : m_store(other.m_store),
      m_stagingDirectory(std::move(other.m_stagingDirectory)),
      m_stagingClaim(std::move(other.m_stagingClaim)),
      m_manifest(std::move(other.m_manifest)),
      m_open(other.m_open)
{
    other.m_open = false;
}

GenerationWriter::~GenerationWriter()
{
    if (m_open)
        abandon();
}

void GenerationWriter::requireOpen() const
{
    if (!m_open)
        throw std::logic_error("generation " + id().toStdString() + " was already committed or abandoned");
}

void GenerationWriter::abandon()
{
    if (!m_open)
        return;
    m_open = false;
    QDir(m_stagingDirectory).removeRecursively();
    m_stagingClaim.reset();  // unlocks and removes the claim file
}

void GenerationWriter::addArtifact(const QString& name, const QByteArray& bytes)
{
    requireOpen();
    if (!isValidArtifactName(name))
        throw std::invalid_argument("'" + name.toStdString() + "' is not a valid artifact name");
    if (m_manifest.findArtifact(name))
        throw std::invalid_argument("artifact " + name.toStdString() + " was already added to generation " +
                                    id().toStdString());
    durable::writeAndSync(QDir(m_stagingDirectory).filePath(name), bytes);
    m_manifest.artifacts.push_back({name, durable::sha256Hex(bytes), bytes.size()});
}

void GenerationWriter::addArtifactFile(const QString& name, const QString& sourcePath)
{
    addArtifact(name, durable::readWhole(sourcePath));
}

GenerationManifest GenerationWriter::commit(const ModelStore::UsableCheck& usable)
{
    requireOpen();
    if (m_manifest.artifacts.empty())
        throw std::runtime_error("generation " + id().toStdString() + " has no artifacts to commit");

    // The bytes on disk, not the ones handed in, are what readers will get: check them now.
    LoadedGeneration readBack{m_manifest, m_stagingDirectory, {}, {}};
    for (const ArtifactRecord& artifact : m_manifest.artifacts) {
        QByteArray onDisk = durable::readWhole(QDir(m_stagingDirectory).filePath(artifact.name));
        if (onDisk.size() != artifact.sizeBytes || durable::sha256Hex(onDisk) != artifact.sha256Hex)
            throw std::runtime_error("artifact " + artifact.name.toStdString() + " of generation " +
                                     id().toStdString() + " changed on disk before commit");
        if (usable)
            readBack.artifacts.emplace(artifact.name, std::move(onDisk));
    }
    // A generation that verifies but cannot be loaded must never become current: readers would fall
    // back past it, but the run that wrote it would report a success it cannot use.
    if (usable)
        usable(readBack);

    m_store.publish(m_manifest, m_stagingDirectory);
    m_open = false;
    m_stagingClaim.reset();
    return m_manifest;
}

}  // namespace aegis::models
