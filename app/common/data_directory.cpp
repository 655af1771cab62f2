#include "app/common/data_directory.h"

#include <QDir>
#include <QStandardPaths>

#include <stdexcept>

namespace aegis::app {

DataDirectory openDataDirectory(const QString& override, DataDirectoryUse use)
{
    QString root = override.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                      : override;
    if (root.isEmpty())
        throw std::runtime_error("no writable application data location; pass --data-dir DIR");
    root = QDir(root).absolutePath();
    DataDirectory dir{root};
    // An existing folder that was never a data directory (a mistyped --data-dir of ~) is no more one than
    // a missing path: reading it would litter it with store/, models/, logs/ and exports/.
    if (use == DataDirectoryUse::ReadExisting && !QDir(dir.store()).exists())
        throw std::runtime_error("no data directory at " + root.toStdString()
                                 + (QDir(root).exists() ? std::string(" (the folder has no store/)") : std::string())
                                 + "; check --data-dir, or run `aegis demo`, `aegis import` or `aegis fetch` first");

    for (const QString& path : {dir.root, dir.models(), dir.store(), dir.logs(), dir.exports()}) {
        if (!QDir().mkpath(path))
            throw std::runtime_error("cannot create data directory " + path.toStdString());
    }
    return dir;
}

}  // namespace aegis::app
