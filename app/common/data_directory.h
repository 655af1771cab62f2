#pragma once

#include <QString>

namespace aegis::app {

// The directory everything the app writes lives under: models/, store/, logs/, exports/.
struct DataDirectory {
    QString root;

    QString models() const { return root + QStringLiteral("/models"); }
    QString store() const { return root + QStringLiteral("/store"); }
    QString logs() const { return root + QStringLiteral("/logs"); }
    QString exports() const { return root + QStringLiteral("/exports"); }
};

enum class DataDirectoryUse {
    Create,        // a command that writes data (demo, import, fetch) or the app's first start
    ReadExisting,  // a command that only reads what is stored: a mistyped --data-dir is an error, not a new tree
};

// `override` when given (from --data-dir), else QStandardPaths::AppDataLocation. Creates the
// directory and its subdirectories; throws std::runtime_error when that is impossible, or when `use`
// is ReadExisting and the directory has no store/ folder (missing, or a folder that is no data directory).
DataDirectory openDataDirectory(const QString& override, DataDirectoryUse use = DataDirectoryUse::Create);

}  // namespace aegis::app
