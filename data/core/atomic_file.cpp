#include "data/core/atomic_file.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <stdexcept>

namespace aegis::data {

void writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        throw std::runtime_error("cannot create directory " + info.absolutePath().toStdString());

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    if (file.write(bytes) != bytes.size()) {
        const std::string reason = file.errorString().toStdString();
        file.cancelWriting();
        throw std::runtime_error("cannot write " + path.toStdString() + ": " + reason);
    }
    // commit() flushes, syncs and renames the temporary file over the target.
    if (!file.commit())
        throw std::runtime_error("cannot commit " + path.toStdString() + ": " + file.errorString().toStdString());
}

}  // namespace aegis::data
