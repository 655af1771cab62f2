#include "models/store/store_coordination.h"

namespace aegis::models::coordination {

std::mutex& writerMutex()
{
    static std::mutex mutex;
    return mutex;
}

QSet<QString>& activeStagingDirectories()
{
    static QSet<QString> directories;
    return directories;
}

}  // namespace aegis::models::coordination
