#pragma once

#include <QByteArray>
#include <QString>

// Filesystem steps the model store needs to survive a crash at any point: data reaches the disk
// before anything that points at it is written.
namespace aegis::models::durable {

// Lowercase hex SHA-256 of `bytes`.
QString sha256Hex(const QByteArray& bytes);

// Writes `bytes` to a new file at `path`, flushes and fsyncs it. Throws std::runtime_error on failure.
void writeAndSync(const QString& path, const QByteArray& bytes);

// Reads a whole file. Throws std::runtime_error naming the path when it cannot be opened or read.
QByteArray readWhole(const QString& path);

// fsyncs a directory so a rename or a new entry inside it survives a power cut. Best effort on
// filesystems that refuse directory fsync; throws only when the directory cannot be opened.
void syncDirectory(const QString& path);

}  // namespace aegis::models::durable
