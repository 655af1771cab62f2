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

// `override` when given (from --data-dir), else QStandardPaths::AppDataLocation. Creates the
// directory and its subdirectories; throws std::runtime_error when that is impossible.
DataDirectory openDataDirectory(const QString& override);

}  // namespace aegis::app
