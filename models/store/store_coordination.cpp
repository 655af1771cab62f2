#include "models/store/store_coordination.h"

#include <QCoreApplication>
#include <QDir>
#include <QSet>
#include <QSysInfo>

#include <stdexcept>

namespace aegis::models::coordination {

namespace {

std::mutex& threadsOfThisProcess()
{
    static std::mutex mutex;
    return mutex;
}

QString holderOf(const QLockFile& lock)
{
    qint64 pid = 0;
    QString host;
    QString application;
    if (!lock.getLockInfo(&pid, &host, &application))
        return QStringLiteral("another process");
    return QStringLiteral("%1 (pid %2 on %3)").arg(application.isEmpty() ? QStringLiteral("a process") : application).arg(pid).arg(host);
}

// The staging claims this process holds, by lock-file path, and the mutex that guards them.
std::mutex& claimsMutex()
{
    static std::mutex mutex;
    return mutex;
}

QSet<QString>& claimsOfThisProcess()
{
    static QSet<QString> claims;
    return claims;
}

// Called where no thread of this process holds the file (under the writers' mutex, or for a staging
// claim missing from this process's record): a lock naming this process's own PID was left by an
// earlier process that had the same PID (a container's app gets the same low PID on every start).
// QLockFile sees that PID alive and would wait for it for ever.
bool leftByAnEarlierProcessWithOurPid(const QLockFile& lock)
{
    qint64 pid = 0;
    QString host;
    QString application;
    return lock.getLockInfo(&pid, &host, &application) && pid == QCoreApplication::applicationPid()
           && host == QSysInfo::machineHostName();
}

}  // namespace

DirectoryWriteLock::DirectoryWriteLock(const QString& modelsDirectory)
    : m_threads(threadsOfThisProcess()), m_file(QDir(modelsDirectory).filePath(QStringLiteral(".writer.lock")))
{
    // Only a dead holder's lock is stale: a live one is waited for, however long it has held it.
    m_file.setStaleLockTime(0);
    if (!m_file.tryLock(0) && m_file.error() == QLockFile::LockFailedError && leftByAnEarlierProcessWithOurPid(m_file))
        m_file.removeStaleLockFile();
    if (!m_file.isLocked() && !m_file.tryLock(kWriteLockWaitMs)) {
        if (m_file.error() != QLockFile::LockFailedError)
            throw std::runtime_error("cannot create the lock file " + m_file.fileName().toStdString() +
                                     " in the models directory (permission denied or disk error)");
        throw std::runtime_error("the models directory " + modelsDirectory.toStdString() + " is being written by " +
                                 holderOf(m_file).toStdString() + "; try again when it has finished");
    }
}

void ReleaseStagingClaim::operator()(QLockFile* claim) const
{
    if (claim->isLocked()) {
        const std::lock_guard lock(claimsMutex());
        claim->unlock();
        claimsOfThisProcess().remove(claim->fileName());
    }
    delete claim;
}

StagingClaim claimStaging(const QString& stagingDirectory)
{
    StagingClaim claim(new QLockFile(stagingDirectory + QStringLiteral(".lock")));
    claim->setStaleLockTime(0);
    const std::lock_guard lock(claimsMutex());
    if (!claim->tryLock(0)) {
        if (claim->error() != QLockFile::LockFailedError || claimsOfThisProcess().contains(claim->fileName())
            || !leftByAnEarlierProcessWithOurPid(*claim))
            return {};
        claim->removeStaleLockFile();
        if (!claim->tryLock(0))
            return {};
    }
    claimsOfThisProcess().insert(claim->fileName());
    return claim;
}

}  // namespace aegis::models::coordination
