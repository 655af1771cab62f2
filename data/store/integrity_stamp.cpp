#include "data/store/integrity_stamp.h"

#include "data/core/atomic_file.h"

#include <QFile>

#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>
#include <system_error>

namespace aegis::data::integrity_stamp {

namespace {

QString stampPath(const QString& databasePath)
{
    return databasePath + QStringLiteral(".checked");
}

// "size mtime_ns" of the file, or nothing when it cannot be read.
std::optional<QByteArray> fileState(const QString& path)
{
    const std::filesystem::path file = path.toStdString();
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (error)
        return std::nullopt;
    const auto modified = std::filesystem::last_write_time(file, error);
    if (error)
        return std::nullopt;
    const auto nanoseconds = std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
    return QByteArray::number(qulonglong(size)) + ' ' + QByteArray::number(qlonglong(nanoseconds));
}

bool hasPendingLog(const QString& databasePath)
{
    std::error_code error;
    const std::filesystem::path log = (databasePath + QStringLiteral("-wal")).toStdString();
    if (!std::filesystem::exists(log, error))
        return false;
    const std::uintmax_t size = std::filesystem::file_size(log, error);
    return error || size > 0;
}

}  // namespace

void record(const QString& databasePath) noexcept
{
    try {
        if (const std::optional<QByteArray> state = fileState(databasePath); state && !hasPendingLog(databasePath))
            writeFileAtomically(stampPath(databasePath), *state + '\n');
        else
            QFile::remove(stampPath(databasePath));
    } catch (const std::exception&) {
        QFile::remove(stampPath(databasePath));  // the next open checks the file
    }
}

bool matches(const QString& databasePath)
{
    if (hasPendingLog(databasePath))
        return false;
    QFile stamp(stampPath(databasePath));
    if (!stamp.open(QIODevice::ReadOnly))
        return false;
    const std::optional<QByteArray> state = fileState(databasePath);
    return state && stamp.readAll().trimmed() == *state;
}

}  // namespace aegis::data::integrity_stamp
