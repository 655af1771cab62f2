#include "models/store/durable_file.h"

#include <QCryptographicHash>
#include <QFile>

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
    if (file.write(bytes) != bytes.size() || !file.flush())
        throw std::runtime_error("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    if (::fsync(file.handle()) != 0)
        throw std::runtime_error("cannot sync " + path.toStdString() + " to disk");
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
