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
    if (use == DataDirectoryUse::ReadExisting && !QDir(root).exists())
        throw std::runtime_error("no data directory at " + root.toStdString()
                                 + "; check --data-dir, or run `aegis demo`, `aegis import` or `aegis fetch` first");

    DataDirectory dir{root};
    for (const QString& path : {dir.root, dir.models(), dir.store(), dir.logs(), dir.exports()}) {
        if (!QDir().mkpath(path))
            throw std::runtime_error("cannot create data directory " + path.toStdString());
    }
    return dir;
}

}  // namespace aegis::app
