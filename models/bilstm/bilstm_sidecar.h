#pragma once

#include "models/bilstm/bilstm_options.h"
#include "models/bilstm/input_scaling.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace aegis::models {

// The JSON written next to a BiLSTM archive: everything needed to rebuild the network and feed it
// exactly as in training, plus the archive's SHA-256 so a sidecar is never paired with another archive.
struct BiLstmSidecar {
    static constexpr int kFormatVersion = 1;

    BiLstmArchitecture architecture;
    QStringList featureNames;
    QString featureSchemaHash;
    FeatureScaler featureScaler;
    MagnitudeScaling magnitudeScaling;
    QString archiveSha256;
    QJsonObject trainingSummary;  // informational: epochs, losses, stop reason

    QByteArray toJsonBytes() const;
    // Throws std::runtime_error for malformed JSON, an unknown version, inconsistent sizes or a
    // schema hash that does not match the listed feature names.
    static BiLstmSidecar fromJsonBytes(const QByteArray& bytes);
};

}  // namespace aegis::models
