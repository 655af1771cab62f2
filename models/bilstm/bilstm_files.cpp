#include "models/bilstm/bilstm_model.h"

#include "data/core/atomic_file.h"

#include <QFile>

#include <stdexcept>

namespace aegis::models {
namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read BiLSTM file " + path.toStdString() + ": " + file.errorString().toStdString());
    return file.readAll();
}

}  // namespace

float BiLstmPredictions::probability(int sequence, int horizon, DirectionClass direction) const
{
    const auto index = (static_cast<std::size_t>(sequence) * static_cast<std::size_t>(horizonCount) +
                        static_cast<std::size_t>(horizon)) * kDirectionClassCount +
                       static_cast<std::size_t>(direction);
    return probabilities.at(index);
}

float BiLstmPredictions::magnitude(int sequence, int horizon) const
{
    return magnitudes.at(static_cast<std::size_t>(sequence) * static_cast<std::size_t>(horizonCount) +
                         static_cast<std::size_t>(horizon));
}

void BiLstmModel::save(const QString& archivePath, const QString& sidecarPath) const
{
    // Archive first: a crash between the two leaves an old sidecar whose archive hash no longer
    // matches, which loading refuses, rather than a sidecar pointing at a missing archive silently.
    data::writeFileAtomically(archivePath, archiveBytes());
    data::writeFileAtomically(sidecarPath, sidecarBytes());
}

BiLstmModel BiLstmModel::load(const QString& archivePath, const QString& sidecarPath,
                              const QStringList& expectedFeatureNames)
{
    return fromBytes(readFile(archivePath), readFile(sidecarPath), expectedFeatureNames);
}

}  // namespace aegis::models
