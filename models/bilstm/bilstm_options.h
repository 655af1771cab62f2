#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

namespace aegis::models {

// Shape of the network; stored in the sidecar so an archive is only ever loaded into its own shape.
struct BiLstmArchitecture {
    int featureCount = 0;
    int horizonCount = 0;
    int windowLength = 60;  // sessions per input sequence
    int hiddenSize = 32;    // per direction; the representation is 2 x hiddenSize
    int layers = 1;
    double dropout = 0.2;   // before the heads, and between stacked LSTM layers

    bool operator==(const BiLstmArchitecture&) const = default;
};

struct BiLstmTrainingOptions {
    int windowLength = 60;
    int hiddenSize = 32;
    int layers = 1;
    double dropout = 0.2;

    int maxEpochs = 30;
    int patienceEpochs = 4;              // epochs without a better validation loss before stopping
    double minimumImprovement = 1e-4;    // validation loss must drop by this much to count as better
    int batchSize = 256;
    double learningRate = 1e-3;          // Adam
    double gradientClipNorm = 1.0;       // global L2 norm
    double magnitudeLossWeight = 0.5;    // loss = direction cross-entropy + weight x magnitude Huber
    std::uint64_t seed = 20240601;
    // CPU seconds of the training thread after which training stops and keeps the best weights: a
    // guard for a far slower machine. CPU time, not elapsed time: an elapsed-time budget stopped at a
    // different batch whenever other work shared the cores, so the weights depended on the load.
    double cpuBudgetSeconds = 15;
    int maxTrainingSequences = 20000;    // larger training sets are subsampled (seeded)
    int maxValidationSequences = 5000;
};

struct BiLstmTrainingProgress {
    int epoch = 0;  // 1-based
    int batch = 0;  // 1-based within the epoch
    int batchesPerEpoch = 0;
    double batchLoss = 0;
    double lastValidationLoss = 0;  // NaN until the first epoch is evaluated
    double elapsedSeconds = 0;
};

struct BiLstmTrainingHooks {
    // Polled before every batch; returning true abandons training with TrainingCancelled.
    std::function<bool()> isCancelled;
    std::function<void(const BiLstmTrainingProgress&)> onProgress;
    // Test seam: sees (and may alter) each scaled training batch, batch x window x features floats,
    // before it reaches the network. Lets tests prove that a poisoned batch aborts training.
    std::function<void(int epoch, int batch, std::vector<float>& scaledInputs)> inspectTrainingBatch;
};

enum class TrainingStopReason { EarlyStopping, MaxEpochs, CpuBudget };

struct BiLstmTrainingReport {
    int trainingSequences = 0;
    int validationSequences = 0;
    std::vector<int> labelledTrainingSequencesPerHorizon;  // sequences with a direction or magnitude label
    int epochsCompleted = 0;
    int bestEpoch = 0;  // 0 when the budget ran out inside the first epoch
    double bestValidationLoss = 0;
    std::vector<double> trainingLossPerEpoch;
    std::vector<double> validationLossPerEpoch;
    TrainingStopReason stopReason = TrainingStopReason::MaxEpochs;
    double elapsedSeconds = 0;
};

class TrainingCancelled : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Training produced NaN/inf (loss, gradients or weights); no model is returned.
class NonFiniteTraining : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace aegis::models
