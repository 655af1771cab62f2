#pragma once

#include <QByteArray>
#include <QString>

namespace aegis::data {

// Writes `bytes` to `path` through a temporary file in the same directory that is flushed and then
// renamed over the target, so readers see either the old file or the complete new one, never a part.
// Creates missing parent directories. Throws std::runtime_error with the path and the reason on failure.
void writeFileAtomically(const QString& path, const QByteArray& bytes);

}  // namespace aegis::data
