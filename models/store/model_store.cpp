#include "models/store/model_store.h"

#include "models/store/durable_file.h"
#include "models/store/generation_verifier.h"
#include "models/store/generation_writer.h"
#include "models/store/store_coordination.h"

#include "data/core/atomic_file.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QLockFile>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <atomic>
#include <stdexcept>

namespace aegis::models {
namespace {

const QString kCurrentPointerName = QStringLiteral("CURRENT");
const QString kStagingPrefix = QStringLiteral(".staging-");

QString newGenerationId()
{
    static std::atomic<quint64> counter{0};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Timestamp first so ids sort by time; the suffix keeps two ids from one second apart.
    const QByteArray seed = QByteArray::number(now.toMSecsSinceEpoch()) + '-' +
                            QByteArray::number(QCoreApplication::applicationPid()) + '-' + QByteArray::number(counter++) + '-' +
                            QByteArray::number(QRandomGenerator::system()->generate64());
    const QString suffix =
        QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(8));
    return now.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")) + QLatin1Char('-') + suffix;
}

bool newerFirst(const GenerationListing& a, const GenerationListing& b)
{
    if (a.manifest.has_value() != b.manifest.has_value())
        return a.manifest.has_value();
    if (a.manifest && b.manifest && a.manifest->createdAtUtc != b.manifest->createdAtUtc)
        return a.manifest->createdAtUtc > b.manifest->createdAtUtc;
    return a.id > b.id;
}

}  // namespace

const QByteArray& LoadedGeneration::artifact(const QString& name) const
{
    const auto found = artifacts.find(name);
    if (found == artifacts.end())
        throw std::out_of_range("generation " + id().toStdString() + " has no artifact " + name.toStdString());
    return found->second;
}

ModelStore::ModelStore(QString modelsDirectory, int generationsKept)
    : m_directory(QDir(modelsDirectory).absolutePath()), m_generationsKept(std::max(1, generationsKept))
{
}

bool ModelStore::isGenerationId(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d{8}T\\d{6}Z-[0-9a-f]{8}$"));
    return pattern.match(text).hasMatch();
}

QString ModelStore::generationPath(const QString& id) const { return QDir(m_directory).filePath(id); }

QString ModelStore::stagingPath(const QString& id) const { return QDir(m_directory).filePath(kStagingPrefix + id); }

GenerationWriter ModelStore::beginGeneration() const
{
    if (!QDir().mkpath(m_directory))
        throw std::runtime_error("cannot create the models directory " + m_directory.toStdString());
    removeAbandonedStaging();
    return GenerationWriter(*this, newGenerationId());
}

void ModelStore::removeAbandonedStaging() const
{
    const coordination::DirectoryWriteLock lock(m_directory);
    const QDir directory(m_directory);
    // Staging directories, and claim files whose directory a crash already took (or never made).
    QSet<QString> stagingPaths;
    for (QString name : directory.entryList({kStagingPrefix + QLatin1Char('*')}, QDir::Dirs | QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot)) {
        if (name.endsWith(QStringLiteral(".lock")))
            name.chop(5);
        stagingPaths.insert(directory.filePath(name));
    }
    for (const QString& path : stagingPaths) {
        // Held by a live writer (here or in another process): not abandoned. Taken: removed, and the
        // claim file goes with the claim.
        if (const coordination::StagingClaim claim = coordination::claimStaging(path))
            QDir(path).removeRecursively();
    }
    // The temporary of a CURRENT switch a crash interrupted (QSaveFile's "CURRENT.AbC123"): every switch
    // happens under this lock, so none is in progress.
    for (const QString& name : directory.entryList({kCurrentPointerName + QStringLiteral(".*")}, QDir::Files | QDir::Hidden))
        QFile::remove(directory.filePath(name));
}

std::optional<QString> ModelStore::currentId() const
{
    QFile pointer(QDir(m_directory).filePath(kCurrentPointerName));
    if (!pointer.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QString id = QString::fromLatin1(pointer.read(256)).trimmed();
    if (!isGenerationId(id))
        return std::nullopt;
    return id;
}

LoadedGeneration ModelStore::load(const QString& generationId, const QString& expectedFeatureSchemaHash) const
{
    if (!isGenerationId(generationId))
        throw std::runtime_error("'" + generationId.toStdString() + "' is not a generation id");
    const QString path = generationPath(generationId);
    if (!QFileInfo(path).isDir())
        throw std::runtime_error("generation " + generationId.toStdString() + " does not exist in " +
                                 m_directory.toStdString());
    return readVerifiedGeneration(path, generationId, expectedFeatureSchemaHash);
}

LoadedGeneration ModelStore::current(const QString& expectedFeatureSchemaHash, const UsableCheck& usable) const
{
    // A writer may switch CURRENT and prune the generation a reader was reading; when the pointer
    // moved while every candidate failed, the failures are stale and the read starts over.
    constexpr int kAttempts = 3;
    for (int attempt = 1;; ++attempt) {
        const std::optional<QString> pointedBefore = currentId();
        try {
            return currentAttempt(expectedFeatureSchemaHash, usable);
        } catch (const NoUsableGeneration&) {
            if (attempt == kAttempts || currentId() == pointedBefore)
                throw;
        }
    }
}

LoadedGeneration ModelStore::currentAttempt(const QString& expectedFeatureSchemaHash, const UsableCheck& usable) const
{
    const std::optional<QString> pointed = currentId();
    const std::vector<GenerationListing> committed = committedGenerations(false);

    // Try CURRENT first, then older generations newest first, and only then any newer ones (those
    // exist after a rollback, when someone deliberately stepped away from them).
    QStringList order;
    QStringList refusals;
    if (pointed) {
        order.append(*pointed);
    } else if (!committed.empty()) {
        refusals.append(QStringLiteral("CURRENT: pointer missing or malformed"));
    }
    const auto pointedEntry = std::find_if(committed.begin(), committed.end(),
                                           [&](const GenerationListing& g) { return pointed && g.id == *pointed; });
    const auto olderBegin = pointedEntry == committed.end() ? committed.begin() : pointedEntry + 1;
    for (auto it = olderBegin; it != committed.end(); ++it)
        order.append(it->id);
    for (auto it = committed.begin(); it != olderBegin && it != committed.end(); ++it)
        if (!order.contains(it->id))
            order.append(it->id);

    for (const QString& id : order) {
        try {
            LoadedGeneration generation = load(id, expectedFeatureSchemaHash);
            generation.refusals = refusals;
            if (usable)
                usable(generation);
            return generation;
        } catch (const std::exception& error) {
            refusals.append(id + QStringLiteral(": ") + QString::fromUtf8(error.what()));
        }
    }
    if (refusals.isEmpty())
        throw NoUsableGeneration("no model generation in " + m_directory.toStdString() + " yet");
    throw NoUsableGeneration("no usable model generation in " + m_directory.toStdString() + ": " +
                             refusals.join(QStringLiteral("; ")).toStdString());
}

std::vector<GenerationListing> ModelStore::committedGenerations(bool verify, const QString& expectedFeatureSchemaHash) const
{
    std::vector<GenerationListing> generations;
    const QDir directory(m_directory);
    for (const QString& name : directory.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!isGenerationId(name))
            continue;
        GenerationListing listing;
        listing.id = name;
        try {
            if (verify) {
                listing.manifest = readVerifiedGeneration(directory.filePath(name), name, expectedFeatureSchemaHash).manifest;
            } else {
                listing.manifest = readManifest(directory.filePath(name));
            }
        } catch (const std::exception& error) {
            listing.problem = QString::fromUtf8(error.what());
            if (!listing.manifest) {
                try {
                    listing.manifest = readManifest(directory.filePath(name));
                } catch (const std::exception&) {
                    // the problem already says why the manifest is unusable
                }
            }
        }
        generations.push_back(std::move(listing));
    }
    std::sort(generations.begin(), generations.end(), newerFirst);
    return generations;
}

std::vector<GenerationListing> ModelStore::list(const QString& expectedFeatureSchemaHash) const
{
    std::vector<GenerationListing> generations = committedGenerations(true, expectedFeatureSchemaHash);
    const std::optional<QString> pointed = currentId();
    for (GenerationListing& generation : generations)
        generation.isCurrent = pointed && generation.id == *pointed;
    return generations;
}

void ModelStore::setCurrent(const QString& generationId, const QString& expectedFeatureSchemaHash) const
{
    // Verified under the lock: a commit prunes old generations while holding it, and one verified
    // before waiting for it could be gone by the time CURRENT is switched.
    const coordination::DirectoryWriteLock lock(m_directory);
    load(generationId, expectedFeatureSchemaHash);
    switchCurrent(generationId);
}

void ModelStore::switchCurrent(const QString& id) const
{
    data::writeFileAtomically(QDir(m_directory).filePath(kCurrentPointerName), id.toLatin1() + '\n');
    durable::syncDirectory(m_directory);
}

void ModelStore::publish(GenerationManifest& manifest, const QString& stagingDirectory) const
{
    const coordination::DirectoryWriteLock lock(m_directory);
    // Creation times order the generations (pruning keeps the newest), so they must be strictly
    // increasing even when two commits land within one clock tick. One stamped while the clock ran
    // ahead is not followed: every later generation inherited its date (a year ahead) and the weekly
    // retrain counted from it.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime createdAt = now;
    for (const GenerationListing& existing : committedGenerations(false)) {
        const bool plausible = existing.manifest && existing.manifest->createdAtUtc <= now.addSecs(60);
        if (plausible && existing.manifest->createdAtUtc >= createdAt)
            createdAt = existing.manifest->createdAtUtc.addMSecs(1);
    }
    manifest.createdAtUtc = createdAt;
    durable::writeAndSync(QDir(stagingDirectory).filePath(QStringLiteral("manifest.json")),
                          QJsonDocument(manifest.toJson()).toJson(QJsonDocument::Indented));
    durable::syncDirectory(stagingDirectory);

    const QString& id = manifest.generationId;
    const QString finalPath = generationPath(id);
    if (QFileInfo::exists(finalPath))
        throw std::runtime_error("generation " + id.toStdString() + " already exists");
    if (!QDir().rename(stagingDirectory, finalPath))
        throw std::runtime_error("cannot rename " + stagingDirectory.toStdString() + " to " + finalPath.toStdString());
    durable::syncDirectory(m_directory);
    switchCurrent(id);
    pruneOldGenerations();
}

void ModelStore::pruneOldGenerations() const
{
    const std::optional<QString> pointed = currentId();
    int goodKept = 0;
    for (const GenerationListing& generation : committedGenerations(true)) {
        const bool isCurrent = pointed && generation.id == *pointed;
        const bool isGood = generation.problem.isEmpty();
        if (isGood && goodKept < m_generationsKept) {
            ++goodKept;
            continue;
        }
        if (!isCurrent)
            QDir(generationPath(generation.id)).removeRecursively();
    }
}

}  // namespace aegis::models
