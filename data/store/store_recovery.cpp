#include "data/store/store_recovery.h"

#include <QFile>

#include <stdexcept>

namespace aegis::data::store_recovery {

namespace {

const char* const kCompanionSuffixes[] = {"-wal", "-shm"};

bool nameIsFree(const QString& candidate)
{
    if (QFile::exists(candidate))
        return false;
    for (const char* suffix : kCompanionSuffixes) {
        if (QFile::exists(candidate + QLatin1String(suffix)))
            return false;
    }
    return true;
}

void renameOrThrow(const QString& from, const QString& to)
{
    if (!QFile::rename(from, to))
        throw std::runtime_error("cannot move damaged market store " + from.toStdString() + " aside to "
                                 + to.toStdString());
}

}  // namespace

QString moveAside(const QString& path, const QDateTime& nowUtc)
{
    const QString stem = path + QStringLiteral(".corrupt-")
                         + nowUtc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString target = stem;
    for (int attempt = 2; !nameIsFree(target); ++attempt)
        target = stem + QLatin1Char('-') + QString::number(attempt);

    // Companions first: if the main file were moved and a companion rename then failed, SQLite
    // would pair the stale -wal with the fresh database created at `path`.
    for (const char* suffix : kCompanionSuffixes) {
        const QString companion = path + QLatin1String(suffix);
        if (QFile::exists(companion))
            renameOrThrow(companion, target + QLatin1String(suffix));
    }
    if (QFile::exists(path))
        renameOrThrow(path, target);
    return target;
}

}  // namespace aegis::data::store_recovery
