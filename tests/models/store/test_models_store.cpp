#include "models/store/durable_file.h"
#include "models/store/feature_schema_hash.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"
#include "models/store/store_coordination.h"

#include <QDir>
#include <QFile>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/resource.h>

#include <atomic>
#include <optional>
#include <thread>

using aegis::models::GenerationManifest;
using aegis::models::GenerationWriter;
using aegis::models::LoadedGeneration;
using aegis::models::ModelStore;
using aegis::models::NoUsableGeneration;

namespace {

const QString kSchema = aegis::models::featureSchemaHash({QStringLiteral("ret_1"), QStringLiteral("rsi_14")});

QByteArray modelBytes(int generationNumber)
{
    QByteArray bytes;
    for (int i = 0; i < 4096; ++i)
        bytes.append(static_cast<char>((i * 31 + generationNumber * 7) & 0xff));
    return bytes;
}

QString commitGeneration(const ModelStore& store, int generationNumber)
{
    GenerationWriter writer = store.beginGeneration();
    writer.addArtifact(QStringLiteral("direction.xgb"), modelBytes(generationNumber));
    writer.addArtifact(QStringLiteral("bilstm.pt"), modelBytes(generationNumber + 100));
    writer.setFeatureSchemaHash(kSchema);
    writer.setTrainingData({{QStringLiteral("RELIANCE"), QStringLiteral("TCS")},
                            QDate(2020, 1, 1), QDate(2024, 12, 31), 2500 + generationNumber, QStringLiteral("abc")});
    writer.setHyperParameters(QJsonObject{{QStringLiteral("hidden"), 32}});
    writer.setWalkForwardMetrics(QJsonObject{{QStringLiteral("generation"), generationNumber}});
    return writer.commit().generationId;
}

void flipByte(const QString& path, qint64 offset)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(offset));
    char byte = 0;
    QVERIFY(file.getChar(&byte));
    QVERIFY(file.seek(offset));
    QVERIFY(file.putChar(static_cast<char>(byte ^ 0x01)));
}

QStringList stagingEntries(const QString& directory)
{
    return QDir(directory).entryList({QStringLiteral(".staging-*")}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
}

QStringList stagingClaims(const QString& directory)
{
    return QDir(directory).entryList({QStringLiteral(".staging-*.lock")}, QDir::Files | QDir::Hidden);
}

// This executable started with kHoldVariable set is "another process" retraining into the directory
// it names: it begins a generation, prints its id, and commits when a line arrives on stdin.
constexpr const char* kHoldVariable = "AEGIS_STORE_TEST_HOLD_GENERATION_IN";

int holdGenerationOpen(const QString& directory)
{
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return 2;
    GenerationWriter writer = ModelStore(directory).beginGeneration();
    writer.addArtifact(QStringLiteral("direction.xgb"), modelBytes(50));
    writer.setFeatureSchemaHash(kSchema);
    out.write(writer.id().toLatin1() + '\n');
    out.flush();
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly) || in.readLine().isEmpty())
        return 3;  // never told to commit: the writer abandons its generation
    writer.commit();
    return 0;
}

struct OtherProcess {
    QProcess process;
    QString generationId;
};

// Starts this executable in hold mode on `directory` and waits until its generation is open.
bool startOtherWriter(OtherProcess& other, const QString& directory)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kHoldVariable), directory);
    other.process.setProcessEnvironment(environment);
    other.process.start(QCoreApplication::applicationFilePath(), {});
    if (!other.process.waitForStarted(10000))
        return false;
    while (!other.process.canReadLine()) {
        if (!other.process.waitForReadyRead(20000))
            return false;
    }
    other.generationId = QString::fromLatin1(other.process.readLine()).trimmed();
    return ModelStore::isGenerationId(other.generationId);
}

}  // namespace

class TestModelsStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commitThenLoadReturnsVerifiedBytesAndManifest()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString id = commitGeneration(store, 1);

        QVERIFY(ModelStore::isGenerationId(id));
        QCOMPARE(store.currentId().value_or(QString()), id);
        const LoadedGeneration loaded = store.current(kSchema);
        QCOMPARE(loaded.id(), id);
        QVERIFY(!loaded.isFallback());
        QCOMPARE(loaded.artifact(QStringLiteral("direction.xgb")), modelBytes(1));
        QCOMPARE(loaded.artifact(QStringLiteral("bilstm.pt")), modelBytes(101));
        QCOMPARE(loaded.manifest.featureSchemaHash, kSchema);
        QCOMPARE(loaded.manifest.trainingData.rows, qint64(2501));
        QCOMPARE(loaded.manifest.trainingData.lastDate, QDate(2024, 12, 31));
        QCOMPARE(loaded.manifest.walkForwardMetrics.value(QStringLiteral("generation")).toInt(), 1);
        QCOMPARE(loaded.manifest.artifacts.size(), std::size_t(2));
        QCOMPARE(loaded.manifest.artifacts[0].sizeBytes, qint64(4096));
        QVERIFY(loaded.manifest.createdAtUtc.isValid());
        QVERIFY(stagingEntries(root.path()).isEmpty());
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, loaded.artifact(QStringLiteral("absent.bin")));
    }

    void emptyStoreSaysSoClearly()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        try {
            store.current(kSchema);
            QFAIL("an empty store returned a generation");
        } catch (const NoUsableGeneration& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("no model generation")), error.what());
        }
    }

    void flippedByteIsRefusedAndPreviousGenerationLoads()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString first = commitGeneration(store, 1);
        const QString second = commitGeneration(store, 2);
        flipByte(QDir(root.path()).filePath(second + QStringLiteral("/direction.xgb")), 100);

        const LoadedGeneration loaded = store.current(kSchema);
        QCOMPARE(loaded.id(), first);
        QVERIFY(loaded.isFallback());
        QCOMPARE(loaded.refusals.size(), 1);
        QVERIFY2(loaded.refusals.first().startsWith(second), qPrintable(loaded.refusals.first()));
        QVERIFY2(loaded.refusals.first().contains(QStringLiteral("SHA-256")), qPrintable(loaded.refusals.first()));
        QCOMPARE(loaded.artifact(QStringLiteral("direction.xgb")), modelBytes(1));
        // Reading never moves the pointer; the damaged generation stays visible in the rollback list.
        QCOMPARE(store.currentId().value_or(QString()), second);
        const auto listing = store.list(kSchema);
        QCOMPARE(listing.size(), std::size_t(2));
        QCOMPARE(listing[0].id, second);
        QVERIFY(listing[0].isCurrent);
        QVERIFY(!listing[0].problem.isEmpty());
        QVERIFY(listing[1].problem.isEmpty());
    }

    // Files whose checksums match can still fail to deserialise (a generation written by a build
    // with a bug, or re-signed by hand): the caller's check refuses it like a bad checksum.
    void aGenerationThatVerifiesButCannotBeUsedFallsBack()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString first = commitGeneration(store, 1);
        const QString second = commitGeneration(store, 2);
        const auto refuseSecond = [&second](const LoadedGeneration& generation) {
            if (generation.id() == second)
                throw std::runtime_error("direction_engine.json: parse error");
        };
        const LoadedGeneration loaded = store.current(kSchema, refuseSecond);
        QCOMPARE(loaded.id(), first);
        QCOMPARE(loaded.refusals.size(), 1);
        QCOMPARE(loaded.refusals.first(), second + QStringLiteral(": direction_engine.json: parse error"));
        QCOMPARE(store.currentId().value_or(QString()), second);
        QVERIFY_THROWS_EXCEPTION(NoUsableGeneration,
                                 store.current(kSchema, [](const LoadedGeneration&) { throw std::runtime_error("no"); }));
    }

    void truncationIsCaughtByTheChecksum()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString first = commitGeneration(store, 1);
        const QString second = commitGeneration(store, 2);
        QFile artifact(QDir(root.path()).filePath(second + QStringLiteral("/bilstm.pt")));
        QVERIFY(artifact.resize(1000));

        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.load(second, kSchema));
        try {
            store.load(second, kSchema);
        } catch (const std::runtime_error& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("truncated")), error.what());
        }
        QCOMPARE(store.current(kSchema).id(), first);
    }

    void schemaMismatchIsRefused()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        commitGeneration(store, 1);
        const QString otherSchema = aegis::models::featureSchemaHash({QStringLiteral("rsi_14"), QStringLiteral("ret_1")});
        QVERIFY(otherSchema != kSchema);
        try {
            store.current(otherSchema);
            QFAIL("a generation trained on other features was accepted");
        } catch (const NoUsableGeneration& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("feature schema")), error.what());
        }
        // The rollback list says so too, instead of offering a generation that cannot serve.
        const auto listing = store.list(otherSchema);
        QCOMPARE(listing.size(), std::size_t(1));
        QVERIFY2(listing[0].problem.contains(QStringLiteral("feature schema")), qPrintable(listing[0].problem));
        QVERIFY(store.list(kSchema)[0].problem.isEmpty());
    }

    void abandonedOrCrashedGenerationsAreIgnoredAndCleanedUp()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString good = commitGeneration(store, 1);

        {
            // A retrain that is given up: the writer goes away without commit.
            GenerationWriter writer = store.beginGeneration();
            writer.addArtifact(QStringLiteral("direction.xgb"), modelBytes(9));
        }
        QVERIFY(stagingEntries(root.path()).isEmpty());

        // A process killed between writing an artifact and writing the manifest leaves its staging
        // directory behind; one killed in a foreign tool could even leave a final-looking directory
        // without a manifest. Neither may be loaded or listed as good.
        const QString crashedStaging = QDir(root.path()).filePath(QStringLiteral(".staging-20300101T000000Z-deadbeef"));
        QVERIFY(QDir().mkpath(crashedStaging));
        QFile partial(crashedStaging + QStringLiteral("/direction.xgb"));
        QVERIFY(partial.open(QIODevice::WriteOnly));
        partial.write(modelBytes(5).left(100));
        partial.close();
        const QString noManifest = QDir(root.path()).filePath(QStringLiteral("20300101T000000Z-0badf00d"));
        QVERIFY(QDir().mkpath(noManifest));
        QFile orphan(noManifest + QStringLiteral("/direction.xgb"));
        QVERIFY(orphan.open(QIODevice::WriteOnly));
        orphan.write(modelBytes(6));
        orphan.close();

        QCOMPARE(store.currentId().value_or(QString()), good);
        const LoadedGeneration loaded = store.current(kSchema);
        QCOMPARE(loaded.id(), good);
        QVERIFY(!loaded.isFallback());
        const auto listing = store.list(kSchema);
        QCOMPARE(listing.size(), std::size_t(2));
        for (const auto& generation : listing) {
            if (generation.id == good)
                QVERIFY(generation.problem.isEmpty());
            else
                QVERIFY2(generation.problem.contains(QStringLiteral("manifest.json is missing")),
                         qPrintable(generation.problem));
        }

        // With CURRENT lost as well, the store still finds the good generation, never the partial one.
        QVERIFY(QFile::remove(QDir(root.path()).filePath(QStringLiteral("CURRENT"))));
        const LoadedGeneration recovered = store.current(kSchema);
        QCOMPARE(recovered.id(), good);
        QVERIFY(recovered.isFallback());

        // A CURRENT switch killed between its temporary and the rename leaves QSaveFile's file behind.
        QFile interruptedSwitch(QDir(root.path()).filePath(QStringLiteral("CURRENT.Xy12Ab")));
        QVERIFY(interruptedSwitch.open(QIODevice::WriteOnly));
        interruptedSwitch.close();

        const GenerationWriter next = store.beginGeneration();
        QVERIFY(!interruptedSwitch.exists());
        QCOMPARE(stagingEntries(root.path()), QStringList{QStringLiteral(".staging-") + next.id()});
    }

    void keepsExactlyThreeGoodGenerations()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        QStringList ids;
        for (int generation = 1; generation <= 5; ++generation)
            ids.append(commitGeneration(store, generation));

        const auto listing = store.list(kSchema);
        QCOMPARE(listing.size(), std::size_t(3));
        QCOMPARE(listing[0].id, ids[4]);
        QCOMPARE(listing[1].id, ids[3]);
        QCOMPARE(listing[2].id, ids[2]);
        QVERIFY(listing[0].isCurrent);
        QVERIFY(!QFileInfo::exists(QDir(root.path()).filePath(ids[0])));
        QVERIFY(!QFileInfo::exists(QDir(root.path()).filePath(ids[1])));
    }

    void rollbackSwitchesOnlyToAVerifiedGeneration()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString first = commitGeneration(store, 1);
        const QString second = commitGeneration(store, 2);
        const QString third = commitGeneration(store, 3);

        store.setCurrent(first, kSchema);
        QCOMPARE(store.currentId().value_or(QString()), first);
        QCOMPARE(store.current(kSchema).artifact(QStringLiteral("direction.xgb")), modelBytes(1));

        flipByte(QDir(root.path()).filePath(second + QStringLiteral("/bilstm.pt")), 0);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.setCurrent(second, kSchema));
        QCOMPARE(store.currentId().value_or(QString()), first);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.setCurrent(QStringLiteral("../etc"), kSchema));

        // A new commit after a rollback still never prunes the generation CURRENT pointed at.
        store.setCurrent(third, kSchema);
        const QString fourth = commitGeneration(store, 4);
        QCOMPARE(store.currentId().value_or(QString()), fourth);
        QVERIFY(QFileInfo::exists(QDir(root.path()).filePath(third)));
    }

    // A rollback that waits for a commit's lock must not switch to a generation that commit pruned
    // meanwhile: it verified the generation before taking the lock, and CURRENT then named a folder
    // that no longer existed (the next start quietly loaded another one).
    void rollbackVerifiesUnderTheWritersLock()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString first = commitGeneration(store, 1);
        const QString second = commitGeneration(store, 2);

        std::optional<aegis::models::coordination::DirectoryWriteLock> commitInProgress(std::in_place, root.path());
        std::atomic<bool> switched{false};
        std::atomic<bool> refused{false};
        std::thread rollback([&] {
            try {
                store.setCurrent(first, kSchema);
                switched = true;
            } catch (const std::runtime_error&) {
                refused = true;
            }
        });
        QThread::msleep(300);  // long enough for the old order to verify `first` before waiting for the lock
        QVERIFY(QDir(QDir(root.path()).filePath(first)).removeRecursively());  // what a prune does
        commitInProgress.reset();
        rollback.join();

        QVERIFY(refused && !switched);
        QCOMPARE(store.currentId().value_or(QString()), second);
    }

    void rejectsBadArtifactNamesAndEmptyCommits()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        GenerationWriter writer = store.beginGeneration();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writer.addArtifact(QStringLiteral("../escape"), "x"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writer.addArtifact(QStringLiteral("manifest.json"), "x"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writer.commit());
        writer.addArtifact(QStringLiteral("a.bin"), "x");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writer.addArtifact(QStringLiteral("a.bin"), "y"));
        QVERIFY(!store.currentId().has_value());
    }

    void artifactChangedOnDiskBeforeCommitIsNotPublished()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString good = commitGeneration(store, 1);
        GenerationWriter writer = store.beginGeneration();
        writer.addArtifact(QStringLiteral("direction.xgb"), modelBytes(2));
        flipByte(QDir(writer.stagingDirectory()).filePath(QStringLiteral("direction.xgb")), 10);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writer.commit());
        QCOMPARE(store.currentId().value_or(QString()), good);
        QCOMPARE(store.list(kSchema).size(), std::size_t(1));
    }

    // A disk filling mid-artifact read "Unknown error" after a five-minute retrain: write(2) wrote part of
    // the buffer, QFile returned the short count without an error, and only the next write would have
    // said ENOSPC. A file-size limit does the same with EFBIG.
    void aShortWriteNamesItsCause()
    {
        QTemporaryDir root;
        struct sigaction ignore = {};
        ignore.sa_handler = SIG_IGN;
        struct sigaction previous = {};
        QCOMPARE(::sigaction(SIGXFSZ, &ignore, &previous), 0);
        rlimit saved = {};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        rlimit small = saved;
        small.rlim_cur = 64 * 1024;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        QString message;
        try {
            aegis::models::durable::writeAndSync(root.filePath(QStringLiteral("big.bin")), QByteArray(1 << 20, 'x'));
        } catch (const std::runtime_error& error) {
            message = QString::fromUtf8(error.what());
        }
        ::setrlimit(RLIMIT_FSIZE, &saved);
        ::sigaction(SIGXFSZ, &previous, nullptr);
        QVERIFY2(message.contains(QStringLiteral("File too large")), qPrintable(message));
    }

    // One commit under a clock a year ahead made every later generation inherit its date (+1 ms each).
    void aGenerationStampedAheadOfTimeIsNotFollowed()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString ahead = commitGeneration(store, 1);
        const QString manifestPath = QDir(root.path()).filePath(ahead + QStringLiteral("/manifest.json"));
        QFile manifest(manifestPath);
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(manifest.readAll()).object();
        manifest.close();
        const QDateTime yearAhead = QDateTime::currentDateTimeUtc().addDays(400);
        json.insert(QStringLiteral("created_at"), yearAhead.toString(Qt::ISODateWithMs));
        QVERIFY(manifest.open(QIODevice::WriteOnly | QIODevice::Truncate));
        manifest.write(QJsonDocument(json).toJson());
        manifest.close();
        QCOMPARE(store.load(ahead, kSchema).manifest.createdAtUtc, yearAhead);

        const QString next = commitGeneration(store, 2);
        QVERIFY(store.load(next, kSchema).manifest.createdAtUtc <= QDateTime::currentDateTimeUtc());
        QCOMPARE(store.currentId().value_or(QString()), next);
    }

    // A run must not make current what its own loader refuses; the check sees the bytes on disk.
    void aGenerationItsCheckRefusesIsNeverPublished()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString good = commitGeneration(store, 1);
        GenerationWriter writer = store.beginGeneration();
        writer.addArtifact(QStringLiteral("direction.xgb"), modelBytes(2));
        const QString staging = writer.stagingDirectory();
        QByteArray seen;
        const auto refuse = [&seen](const LoadedGeneration& generation) {
            seen = generation.artifact(QStringLiteral("direction.xgb"));
            throw std::runtime_error("direction.xgb: cannot be loaded");
        };
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writer.commit(refuse));
        QCOMPARE(seen, modelBytes(2));
        QCOMPARE(store.currentId().value_or(QString()), good);
        QCOMPARE(store.list(kSchema).size(), std::size_t(1));
        writer.abandon();
        QVERIFY(!QFileInfo::exists(staging));

        GenerationWriter accepted = store.beginGeneration();
        accepted.addArtifact(QStringLiteral("direction.xgb"), modelBytes(3));
        const QString next = accepted.commit([](const LoadedGeneration& generation) {
            QCOMPARE(generation.artifacts.size(), std::size_t(1));
        }).generationId;
        QCOMPARE(store.currentId().value_or(QString()), next);
    }

    void aWriterInAnotherProcessKeepsItsStagingDirectory()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        commitGeneration(store, 1);
        OtherProcess other;
        QVERIFY(startOtherWriter(other, root.path()));
        const QString othersStaging = QDir(root.path()).filePath(QStringLiteral(".staging-") + other.generationId);
        QVERIFY(QFileInfo(othersStaging).isDir());

        // Beginning (and committing) a generation here cleans up abandoned staging directories; the
        // other process's is not abandoned, so it stays, with its claim.
        const QString mine = commitGeneration(store, 2);
        QVERIFY(QFileInfo(othersStaging).isDir());
        QCOMPARE(stagingClaims(root.path()), QStringList{QFileInfo(othersStaging).fileName() + QStringLiteral(".lock")});

        other.process.write("commit\n");
        other.process.closeWriteChannel();
        QVERIFY(other.process.waitForFinished(20000));
        QCOMPARE(other.process.exitCode(), 0);
        QCOMPARE(store.currentId().value_or(QString()), other.generationId);
        QCOMPARE(store.load(mine, kSchema).id(), mine);
        QVERIFY(stagingEntries(root.path()).isEmpty());
        QVERIFY(stagingClaims(root.path()).isEmpty());
    }

    void aKilledWritersStagingIsRemovedWithItsClaim()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString good = commitGeneration(store, 1);
        OtherProcess other;
        QVERIFY(startOtherWriter(other, root.path()));
        other.process.kill();  // SIGKILL: no destructor runs, the directory and its claim stay behind
        QVERIFY(other.process.waitForFinished(10000));
        QVERIFY(QFileInfo(QDir(root.path()).filePath(QStringLiteral(".staging-") + other.generationId)).isDir());
        QCOMPARE(stagingClaims(root.path()).size(), qsizetype(1));

        const GenerationWriter next = store.beginGeneration();
        QCOMPARE(stagingEntries(root.path()), QStringList{QStringLiteral(".staging-") + next.id()});
        QCOMPARE(stagingClaims(root.path()), QStringList{QStringLiteral(".staging-") + next.id() + QStringLiteral(".lock")});
        QCOMPARE(store.currentId().value_or(QString()), good);
    }

    // A killed writer whose PID this process now has (a container starts its app with the same PID every
    // time): QLockFile saw the PID alive and every later retrain waited 30 s for itself, then failed.
    void aWriterLockLeftUnderOurOwnPidIsStale()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString lockPath = QDir(root.path()).filePath(QStringLiteral(".writer.lock"));
        QByteArray leftBehind;
        {
            QLockFile ours(lockPath);
            QVERIFY(ours.tryLock(0));
            QFile file(lockPath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            leftBehind = file.readAll();
        }
        QFile file(lockPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(leftBehind), qint64(leftBehind.size()));
        file.close();
        const QString id = commitGeneration(store, 1);  // threw after waiting 30 s for itself
        QCOMPARE(store.currentId().value_or(QString()), id);
    }

    // The same for a staging claim: a crashed writer's folder under this process's PID was never removed.
    // A live writer of this process keeps its own.
    void aStagingClaimLeftUnderOurOwnPidIsStale()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        const QString left = QDir(root.path()).filePath(QStringLiteral(".staging-20250101T000000Z-0badc0de"));
        QVERIFY(QDir().mkpath(left));
        QByteArray claimBytes;
        {
            QLockFile ours(left + QStringLiteral(".lock"));
            QVERIFY(ours.tryLock(0));
            QFile file(left + QStringLiteral(".lock"));
            QVERIFY(file.open(QIODevice::ReadOnly));
            claimBytes = file.readAll();
        }
        QFile claim(left + QStringLiteral(".lock"));
        QVERIFY(claim.open(QIODevice::WriteOnly));
        QCOMPARE(claim.write(claimBytes), qint64(claimBytes.size()));
        claim.close();

        const GenerationWriter live = store.beginGeneration();
        QVERIFY(!QFileInfo::exists(left));
        QVERIFY(!QFileInfo::exists(left + QStringLiteral(".lock")));
        const GenerationWriter second = store.beginGeneration();
        QVERIFY(QFileInfo(live.stagingDirectory()).isDir());
        QCOMPARE(stagingClaims(root.path()).size(), qsizetype(2));
    }

    void readersSeeWholeGenerationsWhileAWriterCommits()
    {
        QTemporaryDir root;
        const ModelStore store(root.path());
        commitGeneration(store, 1);
        std::atomic<bool> stop{false};
        std::atomic<int> inconsistent{0};
        std::atomic<int> reads{0};
        std::thread reader([&] {
            while (!stop) {
                const LoadedGeneration loaded = store.current(kSchema);
                const int number = loaded.manifest.walkForwardMetrics.value(QStringLiteral("generation")).toInt();
                if (loaded.artifact(QStringLiteral("direction.xgb")) != modelBytes(number) ||
                    loaded.artifact(QStringLiteral("bilstm.pt")) != modelBytes(number + 100))
                    ++inconsistent;
                ++reads;
            }
        });
        for (int generation = 2; generation <= 12; ++generation)
            commitGeneration(store, generation);
        while (reads < 20)
            QThread::msleep(1);
        stop = true;
        reader.join();
        QCOMPARE(inconsistent.load(), 0);
    }
};

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv);
    if (const QString directory = qEnvironmentVariable(kHoldVariable); !directory.isEmpty())
        return holdGenerationOpen(directory);
    TestModelsStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "test_models_store.moc"
