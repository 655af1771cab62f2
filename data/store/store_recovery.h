#pragma once

#include <QDateTime>
#include <QString>

namespace aegis::data::store_recovery {

// Renames a database that cannot be used to `<path>.corrupt-<yyyyMMddTHHmmssZ>` (a `-N` suffix is
// added if that name is taken), moving its `-wal` and `-shm` companions alongside so SQLite tools can
// still open the copy. Nothing is deleted. Returns the new path of the main file; throws
// std::runtime_error when a rename fails.
QString moveAside(const QString& path, const QDateTime& nowUtc);

}  // namespace aegis::data::store_recovery
