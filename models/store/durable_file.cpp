#include "models/store/durable_file.h"

#include <QCryptographicHash>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>

namespace aegis::models::durable {

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

void writeAndSync(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw std::runtime_error("cannot create " + path.toStdString() + ": " + file.errorString().toStdString());
    // Written with write(2), not QFile, for errno: QFile said "Unknown error" of a full disk.
    for (qsizetype written = 0; written < bytes.size();) {
        const ssize_t step = ::write(file.handle(), bytes.constData() + written, std::size_t(bytes.size() - written));
        if (step < 0 && errno == EINTR)
            continue;
        if (step <= 0)
            throw std::runtime_error("cannot write " + path.toStdString() + ": " + std::strerror(step < 0 ? errno : EIO));
        written += step;
    }
    if (::fsync(file.handle()) != 0)
        throw std::runtime_error("cannot sync " + path.toStdString() + " to disk: " + std::strerror(errno));
    file.close();
}

QByteArray readWhole(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        throw std::runtime_error("cannot read " + path.toStdString() + ": " + file.errorString().toStdString());
    return bytes;
}

void syncDirectory(const QString& path)
{
    const int descriptor = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
    if (descriptor < 0)
        throw std::runtime_error("cannot open directory " + path.toStdString() + " to sync it");
    // Some filesystems (tmpfs variants, network mounts) reject fsync on a directory; the rename is
    // still atomic there, only its durability across a power cut is up to the filesystem.
    ::fsync(descriptor);
    ::close(descriptor);
}

}  // namespace aegis::models::durable
