#pragma once

#include <QSet>
#include <QString>

#include <mutex>

// Process-wide state shared by ModelStore and GenerationWriter. Readers never take the lock; it
// serialises the writers' publish/switch/prune steps and guards the set of staging directories
// still being written, so cleaning up after a crash never deletes a live retrain's directory.
namespace aegis::models::coordination {

std::mutex& writerMutex();
QSet<QString>& activeStagingDirectories();  // absolute paths; guarded by writerMutex()

}  // namespace aegis::models::coordination
