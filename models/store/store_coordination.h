#pragma once

#include <QLockFile>
#include <QString>

#include <memory>
#include <mutex>

// Coordination between the writers of one models directory: the threads of this process and other
// processes (the desktop app and the scheduled `aegis run-scheduled` retrain can share a directory).
// Readers never lock: generations appear and CURRENT changes by rename.
namespace aegis::models::coordination {

// Held while a writer publishes a generation, switches CURRENT, prunes or removes abandoned staging
// directories: first this process's mutex, then `<dir>/.writer.lock`. The steps are short (a rename
// and a few fsyncs), so another process waits for them; after kWriteLockWaitMs it gives up with an
// error naming the holder rather than hang a retrain.
class DirectoryWriteLock {
public:
    static constexpr int kWriteLockWaitMs = 30000;

    explicit DirectoryWriteLock(const QString& modelsDirectory);  // throws std::runtime_error on timeout
    DirectoryWriteLock(const DirectoryWriteLock&) = delete;
    DirectoryWriteLock& operator=(const DirectoryWriteLock&) = delete;

private:
    std::unique_lock<std::mutex> m_threads;
    QLockFile m_file;
};

// Releasing a claim unlocks it and forgets it in this process's record of its own claims, at once.
struct ReleaseStagingClaim {
    void operator()(QLockFile* claim) const;
};
using StagingClaim = std::unique_ptr<QLockFile, ReleaseStagingClaim>;

// The claim a live writer holds on its staging directory: `<staging>.lock`, taken before the
// directory is created and released when it is published or removed. A staging directory whose claim
// can be taken belongs to no live writer (its process crashed or was killed: QLockFile sees that the
// PID in the lock file no longer runs) and may be removed; one whose claim is held, by a thread of
// this process or by another process, is left alone. A claim naming this process's PID that this
// process does not hold was left by an earlier process with the same PID (containers) and is taken.
StagingClaim claimStaging(const QString& stagingDirectory);  // empty when already claimed

}  // namespace aegis::models::coordination
