#pragma once

#include "models/bilstm/bilstm_options.h"
#include "models/bilstm/sequence_dataset.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace aegis::models {

// Per sequence and horizon: softmax probabilities over DOWN/NEUTRAL/UP and the predicted move
// magnitude in the units of the magnitude labels. Every value is finite (checked).
struct BiLstmPredictions {
    int sequenceCount = 0;
    int horizonCount = 0;
    std::vector<float> probabilities;  // sequence x horizon x 3
    std::vector<float> magnitudes;     // sequence x horizon

    float probability(int sequence, int horizon, DirectionClass direction) const;
    float magnitude(int sequence, int horizon) const;
};

struct BiLstmTrainingResult;

// Bidirectional LSTM over `windowLength` sessions x F features with, per horizon, a 3-class
// direction head and a magnitude regression head. libtorch stays behind the pimpl.
class BiLstmModel {
public:
    BiLstmModel(BiLstmModel&&) noexcept;
    BiLstmModel& operator=(BiLstmModel&&) noexcept;
    ~BiLstmModel();

    // Trains on `trainingRefs`, early-stopping on `validationRefs` (both non-empty, chronologically
    // split by the caller). Throws std::invalid_argument for bad shapes, NaN/inf inputs or no labels,
    // NonFiniteTraining when the loss, gradients or weights go NaN/inf (naming epoch and batch),
    // TrainingCancelled when hooks.isCancelled() says so.
    static BiLstmTrainingResult train(const SequenceDataset& dataset, const std::vector<SequenceRef>& trainingRefs,
                                      const std::vector<SequenceRef>& validationRefs,
                                      const BiLstmTrainingOptions& options, const BiLstmTrainingHooks& hooks = {});

    // The dataset's feature names must equal the model's. Throws std::invalid_argument for a
    // schema mismatch or non-finite input, std::runtime_error if the network yields NaN/inf.
    BiLstmPredictions predict(const SequenceDataset& dataset, const std::vector<SequenceRef>& refs) const;

    const BiLstmArchitecture& architecture() const;
    const QStringList& featureNames() const;
    const QString& featureSchemaHash() const;

    // libtorch archive of the weights, and the JSON sidecar that describes it (architecture,
    // feature schema, scalers, archive SHA-256).
    const QByteArray& archiveBytes() const;
    const QByteArray& sidecarBytes() const;

    // Refuses (std::runtime_error with the reason) a sidecar that is malformed, belongs to another
    // archive or another feature schema than `expectedFeatureNames`, an archive whose tensors do not
    // fit the sidecar's architecture, and weights that are not finite.
    static BiLstmModel fromBytes(const QByteArray& archive, const QByteArray& sidecar,
                                 const QStringList& expectedFeatureNames);

    // Both files are written atomically (temp file + rename), archive first.
    void save(const QString& archivePath, const QString& sidecarPath) const;
    static BiLstmModel load(const QString& archivePath, const QString& sidecarPath,
                            const QStringList& expectedFeatureNames);

private:
    struct Impl;
    explicit BiLstmModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

struct BiLstmTrainingResult {
    BiLstmModel model;
    BiLstmTrainingReport report;
};

}  // namespace aegis::models
