// The only translation unit of the BiLSTM that includes libtorch: network, loss, training loop,
// inference and (de)serialisation of the weights.
#include "models/bilstm/bilstm_model.h"

#include "models/bilstm/bilstm_sidecar.h"
#include "models/bilstm/input_scaling.h"
#include "models/bilstm/thread_cpu_time.h"
#include "models/store/feature_schema_hash.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>

namespace aegis::models {
namespace {

constexpr int kInferenceBatchSize = 512;
constexpr double kHuberBeta = 1.0;

// ---------------------------------------------------------------------------------------------
// Network

struct BiLstmNetworkImpl : torch::nn::Module {
    explicit BiLstmNetworkImpl(const BiLstmArchitecture& architecture)
        : lstm(register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(architecture.featureCount,
                                                                                architecture.hiddenSize)
                                                            .num_layers(architecture.layers)
                                                            .batch_first(true)
                                                            .bidirectional(true)
                                                            .dropout(architecture.layers > 1 ? architecture.dropout : 0.0)))),
          dropout(register_module("dropout", torch::nn::Dropout(architecture.dropout))),
          directionHead(register_module(
              "direction_head", torch::nn::Linear(2 * architecture.hiddenSize, kDirectionClassCount * architecture.horizonCount))),
          magnitudeHead(register_module("magnitude_head",
                                        torch::nn::Linear(2 * architecture.hiddenSize, architecture.horizonCount))),
          horizonCount(architecture.horizonCount)
    {
    }

    // inputs: batch x window x features. Returns direction logits (batch x horizon x 3) and
    // standardised magnitudes (batch x horizon).
    std::pair<torch::Tensor, torch::Tensor> forward(const torch::Tensor& inputs)
    {
        const auto lstmOutput = lstm->forward(inputs);
        const torch::Tensor& finalHidden = std::get<0>(std::get<1>(lstmOutput));  // (layers*2) x batch x hidden
        // Last layer: the forward pass ends at the newest session, the backward pass at the oldest.
        torch::Tensor representation = torch::cat({finalHidden.select(0, -2), finalHidden.select(0, -1)}, 1);
        representation = dropout->forward(representation);
        return {directionHead->forward(representation).view({-1, horizonCount, kDirectionClassCount}),
                magnitudeHead->forward(representation)};
    }

    torch::nn::LSTM lstm;
    torch::nn::Dropout dropout;
    torch::nn::Linear directionHead;
    torch::nn::Linear magnitudeHead;
    int64_t horizonCount;
};
TORCH_MODULE(BiLstmNetwork);

QByteArray serialiseWeights(const BiLstmNetwork& network)
{
    torch::serialize::OutputArchive archive;
    network->save(archive);
    std::ostringstream stream;
    archive.save_to(stream);
    const std::string bytes = stream.str();
    return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

bool allParametersFinite(const BiLstmNetwork& network)
{
    for (const torch::Tensor& parameter : network->parameters())
        if (!torch::isfinite(parameter).all().item<bool>())
            return false;
    return true;
}

// ---------------------------------------------------------------------------------------------
// Samples as flat arrays: labels and the rows each window copies from the (scaled) features.

struct LabelledSamples {
    std::vector<SequenceRef> refs;
    std::vector<int64_t> directionTargets;  // n x horizon; missing -> 0, masked out
    std::vector<float> directionMask;       // 1 where the direction label exists
    std::vector<float> magnitudeTargets;    // n x horizon in standard units; missing -> 0, masked out
    std::vector<float> magnitudeMask;
};

LabelledSamples labelSamples(const SequenceDataset& dataset, std::vector<SequenceRef> refs,
                             const MagnitudeScaling& magnitudeScaling)
{
    const auto horizonCount = static_cast<std::size_t>(dataset.horizonCount);
    LabelledSamples samples;
    samples.refs = std::move(refs);
    const std::size_t cells = samples.refs.size() * horizonCount;
    samples.directionTargets.assign(cells, 0);
    samples.directionMask.assign(cells, 0.0f);
    samples.magnitudeTargets.assign(cells, 0.0f);
    samples.magnitudeMask.assign(cells, 0.0f);
    for (std::size_t sample = 0; sample < samples.refs.size(); ++sample) {
        const SequenceRef& ref = samples.refs[sample];
        const SequenceSeries& series = dataset.series[static_cast<std::size_t>(ref.series)];
        for (std::size_t horizon = 0; horizon < horizonCount; ++horizon) {
            const std::size_t source = static_cast<std::size_t>(ref.endRow) * horizonCount + horizon;
            const std::size_t target = sample * horizonCount + horizon;
            if (series.directions[source] != kMissingDirection) {
                samples.directionTargets[target] = series.directions[source];
                samples.directionMask[target] = 1.0f;
            }
            const float magnitude = series.magnitudes[source];
            if (!std::isnan(magnitude)) {
                samples.magnitudeTargets[target] = static_cast<float>(
                    (magnitude - magnitudeScaling.mean[horizon]) / magnitudeScaling.scale[horizon]);
                samples.magnitudeMask[target] = 1.0f;
            }
        }
    }
    return samples;
}

// Scaled feature matrices, one per series, for the windows training copies again every epoch.
std::vector<std::vector<float>> scaleAllSeries(const SequenceDataset& dataset, const FeatureScaler& scaler)
{
    const auto featureCount = static_cast<std::size_t>(dataset.featureCount());
    std::vector<std::vector<float>> scaled(dataset.series.size());
    for (std::size_t index = 0; index < dataset.series.size(); ++index) {
        const SequenceSeries& series = dataset.series[index];
        scaled[index].resize(series.features.size());
        for (std::size_t row = 0; row < static_cast<std::size_t>(series.rows); ++row)
            scaler.scaleRow(series.features.data() + row * featureCount,
                            series.missing.empty() ? nullptr : series.missing.data() + row * featureCount,
                            scaled[index].data() + row * featureCount);
    }
    return scaled;
}

struct Batch {
    std::vector<float> inputs;  // batch x window x features
    torch::Tensor directionTargets, directionMask, magnitudeTargets, magnitudeMask;
};

Batch assembleBatch(const LabelledSamples& samples, const std::vector<std::size_t>& order, std::size_t begin,
                    std::size_t end, const std::vector<std::vector<float>>& scaledSeries, int windowLength,
                    int featureCount, int horizonCount)
{
    const auto rowValues = static_cast<std::size_t>(featureCount);
    const std::size_t windowValues = static_cast<std::size_t>(windowLength) * rowValues;
    const auto horizons = static_cast<std::size_t>(horizonCount);
    const std::size_t count = end - begin;
    Batch batch;
    batch.inputs.resize(count * windowValues);
    std::vector<int64_t> directionTargets(count * horizons);
    std::vector<float> directionMask(count * horizons), magnitudeTargets(count * horizons), magnitudeMask(count * horizons);
    for (std::size_t slot = 0; slot < count; ++slot) {
        const std::size_t sample = order[begin + slot];
        const SequenceRef& ref = samples.refs[sample];
        const float* source = scaledSeries[static_cast<std::size_t>(ref.series)].data() +
                              static_cast<std::size_t>(ref.endRow - windowLength + 1) * rowValues;
        std::memcpy(batch.inputs.data() + slot * windowValues, source, windowValues * sizeof(float));
        for (std::size_t horizon = 0; horizon < horizons; ++horizon) {
            directionTargets[slot * horizons + horizon] = samples.directionTargets[sample * horizons + horizon];
            directionMask[slot * horizons + horizon] = samples.directionMask[sample * horizons + horizon];
            magnitudeTargets[slot * horizons + horizon] = samples.magnitudeTargets[sample * horizons + horizon];
            magnitudeMask[slot * horizons + horizon] = samples.magnitudeMask[sample * horizons + horizon];
        }
    }
    const auto rows = static_cast<int64_t>(count);
    const auto columns = static_cast<int64_t>(horizons);
    batch.directionTargets = torch::from_blob(directionTargets.data(), {rows, columns}, torch::kInt64).clone();
    batch.directionMask = torch::from_blob(directionMask.data(), {rows, columns}, torch::kFloat32).clone();
    batch.magnitudeTargets = torch::from_blob(magnitudeTargets.data(), {rows, columns}, torch::kFloat32).clone();
    batch.magnitudeMask = torch::from_blob(magnitudeMask.data(), {rows, columns}, torch::kFloat32).clone();
    return batch;
}

torch::Tensor inputTensor(std::vector<float>& inputs, std::size_t count, int windowLength, int featureCount)
{
    return torch::from_blob(inputs.data(), {static_cast<int64_t>(count), windowLength, featureCount}, torch::kFloat32)
        .clone();
}

// ---------------------------------------------------------------------------------------------
// Loss. Each horizon's losses are averaged over the samples that have that label; the horizons
// with at least one label are then averaged. Missing labels are masked, never counted as zeros.

struct LossSums {
    torch::Tensor directionSum, directionCount, magnitudeSum, magnitudeCount;  // each: horizon
};

LossSums lossSums(const torch::Tensor& logits, const torch::Tensor& magnitudes, const Batch& batch)
{
    const torch::Tensor logProbabilities = torch::log_softmax(logits, 2);
    const torch::Tensor negativeLogLikelihood =
        -logProbabilities.gather(2, batch.directionTargets.unsqueeze(2)).squeeze(2);
    const torch::Tensor huber = torch::smooth_l1_loss(magnitudes, batch.magnitudeTargets,
                                                      torch::Reduction::None, kHuberBeta);
    return {(negativeLogLikelihood * batch.directionMask).sum(0), batch.directionMask.sum(0),
            (huber * batch.magnitudeMask).sum(0), batch.magnitudeMask.sum(0)};
}

torch::Tensor meanOverLabelledHorizons(const torch::Tensor& sums, const torch::Tensor& counts)
{
    const torch::Tensor labelled = counts > 0;
    const int64_t labelledHorizons = labelled.sum().item<int64_t>();
    if (labelledHorizons == 0)
        return torch::zeros({}, sums.options());
    return (sums / counts.clamp_min(1)).sum() / static_cast<double>(labelledHorizons);
}

torch::Tensor combinedLoss(const LossSums& sums, double magnitudeWeight)
{
    return meanOverLabelledHorizons(sums.directionSum, sums.directionCount) +
           magnitudeWeight * meanOverLabelledHorizons(sums.magnitudeSum, sums.magnitudeCount);
}

// ---------------------------------------------------------------------------------------------
// Training helpers

std::vector<SequenceRef> boundedSample(const std::vector<SequenceRef>& refs, int cap, std::uint64_t seed)
{
    if (cap <= 0 || refs.size() <= static_cast<std::size_t>(cap))
        return refs;
    std::mt19937_64 generator(seed);
    std::vector<std::size_t> indices(refs.size());
    for (std::size_t index = 0; index < indices.size(); ++index)
        indices[index] = index;
    // Partial Fisher-Yates: the first `cap` positions become a uniform sample without replacement.
    for (std::size_t position = 0; position < static_cast<std::size_t>(cap); ++position) {
        std::uniform_int_distribution<std::size_t> pick(position, indices.size() - 1);
        std::swap(indices[position], indices[pick(generator)]);
    }
    indices.resize(static_cast<std::size_t>(cap));
    std::sort(indices.begin(), indices.end());
    std::vector<SequenceRef> sample;
    sample.reserve(indices.size());
    for (std::size_t index : indices)
        sample.push_back(refs[index]);
    return sample;
}

void shuffle(std::vector<std::size_t>& order, std::mt19937_64& generator)
{
    for (std::size_t position = order.size(); position > 1; --position) {
        std::uniform_int_distribution<std::size_t> pick(0, position - 1);
        std::swap(order[position - 1], order[pick(generator)]);
    }
}

void validateOptions(const BiLstmTrainingOptions& options)
{
    const bool valid = options.windowLength >= 1 && options.hiddenSize >= 1 && options.layers >= 1 &&
                       options.dropout >= 0 && options.dropout < 1 && options.maxEpochs >= 1 &&
                       options.patienceEpochs >= 1 && options.batchSize >= 1 && options.learningRate > 0 &&
                       std::isfinite(options.learningRate) && options.gradientClipNorm > 0 &&
                       options.magnitudeLossWeight >= 0 && options.cpuBudgetSeconds > 0;
    if (!valid)
        throw std::invalid_argument("BiLSTM training options out of range (window, hidden, layers, epochs, patience and "
                                    "batch must be >= 1; dropout in [0,1); learning rate, clip norm and budget > 0)");
}

std::vector<int> labelledPerHorizon(const LabelledSamples& samples, int horizonCount)
{
    std::vector<int> counts(static_cast<std::size_t>(horizonCount), 0);
    for (std::size_t cell = 0; cell < samples.directionMask.size(); ++cell)
        if (samples.directionMask[cell] > 0 || samples.magnitudeMask[cell] > 0)
            ++counts[cell % static_cast<std::size_t>(horizonCount)];
    return counts;
}

using WeightSnapshot = std::vector<torch::Tensor>;

WeightSnapshot snapshotWeights(const BiLstmNetwork& network)
{
    WeightSnapshot snapshot;
    for (const torch::Tensor& parameter : network->parameters())
        snapshot.push_back(parameter.detach().clone());
    return snapshot;
}

void restoreWeights(BiLstmNetwork& network, const WeightSnapshot& snapshot)
{
    torch::NoGradGuard noGrad;
    auto parameters = network->parameters();
    for (std::size_t index = 0; index < parameters.size(); ++index)
        parameters[index].copy_(snapshot[index]);
}

double validationLoss(BiLstmNetwork& network, const LabelledSamples& samples,
                      const std::vector<std::vector<float>>& scaledSeries, const BiLstmArchitecture& architecture,
                      double magnitudeWeight)
{
    torch::NoGradGuard noGrad;
    network->eval();
    std::vector<std::size_t> order(samples.refs.size());
    for (std::size_t index = 0; index < order.size(); ++index)
        order[index] = index;
    const auto horizons = static_cast<int64_t>(architecture.horizonCount);
    LossSums total{torch::zeros({horizons}), torch::zeros({horizons}), torch::zeros({horizons}), torch::zeros({horizons})};
    for (std::size_t begin = 0; begin < order.size(); begin += kInferenceBatchSize) {
        const std::size_t end = std::min(order.size(), begin + kInferenceBatchSize);
        Batch batch = assembleBatch(samples, order, begin, end, scaledSeries, architecture.windowLength,
                                    architecture.featureCount, architecture.horizonCount);
        const auto [logits, magnitudes] =
            network->forward(inputTensor(batch.inputs, end - begin, architecture.windowLength, architecture.featureCount));
        const LossSums sums = lossSums(logits, magnitudes, batch);
        total.directionSum += sums.directionSum;
        total.directionCount += sums.directionCount;
        total.magnitudeSum += sums.magnitudeSum;
        total.magnitudeCount += sums.magnitudeCount;
    }
    network->train();
    return combinedLoss(total, magnitudeWeight).item<double>();
}

QString stopReasonName(TrainingStopReason reason)
{
    switch (reason) {
    case TrainingStopReason::EarlyStopping: return QStringLiteral("early_stopping");
    case TrainingStopReason::MaxEpochs: return QStringLiteral("max_epochs");
    case TrainingStopReason::CpuBudget: return QStringLiteral("cpu_budget");
    }
    return QString();
}

QJsonObject trainingSummary(const BiLstmTrainingOptions& options, const BiLstmTrainingReport& report)
{
    QJsonArray validationLosses;
    for (double loss : report.validationLossPerEpoch)
        validationLosses.append(loss);
    return QJsonObject{{QStringLiteral("seed"), QString::number(options.seed)},
                       {QStringLiteral("learning_rate"), options.learningRate},
                       {QStringLiteral("batch_size"), options.batchSize},
                       {QStringLiteral("training_sequences"), report.trainingSequences},
                       {QStringLiteral("validation_sequences"), report.validationSequences},
                       {QStringLiteral("epochs_completed"), report.epochsCompleted},
                       {QStringLiteral("best_epoch"), report.bestEpoch},
                       {QStringLiteral("best_validation_loss"), report.bestValidationLoss},
                       {QStringLiteral("validation_loss_per_epoch"), validationLosses},
                       {QStringLiteral("stop_reason"), stopReasonName(report.stopReason)}};
}

std::string position(int epoch, int batch) { return "epoch " + std::to_string(epoch) + ", batch " + std::to_string(batch); }

}  // namespace

// ---------------------------------------------------------------------------------------------

struct BiLstmModel::Impl {
    explicit Impl(const BiLstmArchitecture& architecture) : network(architecture) {}

    BiLstmSidecar sidecar;
    mutable BiLstmNetwork network;  // forward() is not const in libtorch; inference never changes it
    QByteArray archive;
    QByteArray sidecarJson;

    // Finishes a model whose weights and sidecar fields are set: freezes the archive bytes and
    // records their hash in the sidecar.
    void seal()
    {
        network->eval();
        archive = serialiseWeights(network);
        sidecar.archiveSha256 =
            QString::fromLatin1(QCryptographicHash::hash(archive, QCryptographicHash::Sha256).toHex());
        sidecarJson = sidecar.toJsonBytes();
    }
};

BiLstmModel::BiLstmModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BiLstmModel::BiLstmModel(BiLstmModel&&) noexcept = default;
BiLstmModel& BiLstmModel::operator=(BiLstmModel&&) noexcept = default;
BiLstmModel::~BiLstmModel() = default;

const BiLstmArchitecture& BiLstmModel::architecture() const { return m_impl->sidecar.architecture; }
const QStringList& BiLstmModel::featureNames() const { return m_impl->sidecar.featureNames; }
const QString& BiLstmModel::featureSchemaHash() const { return m_impl->sidecar.featureSchemaHash; }
const QByteArray& BiLstmModel::archiveBytes() const { return m_impl->archive; }
const QByteArray& BiLstmModel::sidecarBytes() const { return m_impl->sidecarJson; }

BiLstmTrainingResult BiLstmModel::train(const SequenceDataset& dataset, const std::vector<SequenceRef>& trainingRefs,
                                        const std::vector<SequenceRef>& validationRefs,
                                        const BiLstmTrainingOptions& options, const BiLstmTrainingHooks& hooks)
{
    QElapsedTimer clock;
    clock.start();
    validateOptions(options);
    validateDatasetShape(dataset, true);
    if (trainingRefs.empty() || validationRefs.empty())
        throw std::invalid_argument("BiLSTM training needs at least one training and one validation sequence");

    const std::vector<SequenceRef> trainingSample = boundedSample(trainingRefs, options.maxTrainingSequences, options.seed);
    const std::vector<SequenceRef> validationSample =
        boundedSample(validationRefs, options.maxValidationSequences, options.seed + 1);
    requireFiniteWindows(dataset, trainingSample, options.windowLength, true);
    requireFiniteWindows(dataset, validationSample, options.windowLength, true);

    const BiLstmArchitecture architecture{dataset.featureCount(), dataset.horizonCount, options.windowLength,
                                          options.hiddenSize,     options.layers,        options.dropout};
    const FeatureScaler featureScaler = FeatureScaler::fit(dataset, trainingSample, options.windowLength);
    const MagnitudeScaling magnitudeScaling = MagnitudeScaling::fit(dataset, trainingSample);
    const LabelledSamples training = labelSamples(dataset, trainingSample, magnitudeScaling);
    const LabelledSamples validation = labelSamples(dataset, validationSample, magnitudeScaling);

    BiLstmTrainingReport report;
    report.trainingSequences = static_cast<int>(training.refs.size());
    report.validationSequences = static_cast<int>(validation.refs.size());
    report.labelledTrainingSequencesPerHorizon = labelledPerHorizon(training, dataset.horizonCount);
    if (std::all_of(report.labelledTrainingSequencesPerHorizon.begin(), report.labelledTrainingSequencesPerHorizon.end(),
                    [](int count) { return count == 0; }))
        throw std::invalid_argument("BiLSTM training sequences carry no label for any horizon");
    if (labelledPerHorizon(validation, dataset.horizonCount) == std::vector<int>(static_cast<std::size_t>(dataset.horizonCount), 0))
        throw std::invalid_argument("BiLSTM validation sequences carry no label for any horizon; early stopping needs them");
    const std::vector<std::vector<float>> scaledSeries = scaleAllSeries(dataset, featureScaler);

    torch::manual_seed(options.seed);
    auto impl = std::make_unique<Impl>(architecture);
    BiLstmNetwork& network = impl->network;
    network->train();
    torch::optim::Adam optimiser(network->parameters(), torch::optim::AdamOptions(options.learningRate));
    std::mt19937_64 shuffler(options.seed);

    const double cpuAtStart = threadCpuSeconds();
    const std::size_t batchSize = static_cast<std::size_t>(options.batchSize);
    const int batchesPerEpoch = static_cast<int>((training.refs.size() + batchSize - 1) / batchSize);
    std::vector<std::size_t> order(training.refs.size());
    for (std::size_t index = 0; index < order.size(); ++index)
        order[index] = index;

    WeightSnapshot best;
    double bestLoss = std::numeric_limits<double>::infinity();
    double lastValidationLoss = std::numeric_limits<double>::quiet_NaN();
    int epochsWithoutImprovement = 0;
    report.stopReason = TrainingStopReason::MaxEpochs;
    for (int epoch = 1; epoch <= options.maxEpochs; ++epoch) {
        shuffle(order, shuffler);
        double epochLossSum = 0;
        int epochBatches = 0;
        bool budgetExhausted = false;
        for (int batchIndex = 1; batchIndex <= batchesPerEpoch; ++batchIndex) {
            if (hooks.isCancelled && hooks.isCancelled())
                throw TrainingCancelled("BiLSTM training cancelled at " + position(epoch, batchIndex));
            if (threadCpuSeconds() - cpuAtStart > options.cpuBudgetSeconds) {
                budgetExhausted = true;
                break;
            }
            const std::size_t begin = static_cast<std::size_t>(batchIndex - 1) * batchSize;
            const std::size_t end = std::min(order.size(), begin + batchSize);
            Batch batch = assembleBatch(training, order, begin, end, scaledSeries, architecture.windowLength,
                                        architecture.featureCount, architecture.horizonCount);
            if (hooks.inspectTrainingBatch)
                hooks.inspectTrainingBatch(epoch, batchIndex, batch.inputs);

            const auto [logits, magnitudes] =
                network->forward(inputTensor(batch.inputs, end - begin, architecture.windowLength, architecture.featureCount));
            const LossSums sums = lossSums(logits, magnitudes, batch);
            if (sums.directionCount.sum().item<double>() + sums.magnitudeCount.sum().item<double>() == 0)
                continue;  // nothing labelled in this batch: no gradient signal
            const torch::Tensor loss = combinedLoss(sums, options.magnitudeLossWeight);
            const double lossValue = loss.item<double>();
            if (!std::isfinite(lossValue))
                throw NonFiniteTraining("BiLSTM training aborted: loss is " + std::to_string(lossValue) + " at " +
                                        position(epoch, batchIndex) + "; no model was produced");

            optimiser.zero_grad();
            loss.backward();
            double gradientNorm = 0;
            try {
                gradientNorm = torch::nn::utils::clip_grad_norm_(network->parameters(), options.gradientClipNorm);
                if (std::isfinite(gradientNorm))
                    optimiser.step();
            } catch (const std::exception& error) {
                // libtorch refuses scalars that overflow float (e.g. a step size past 3.4e38).
                throw NonFiniteTraining("BiLSTM training aborted: the optimiser step overflowed at " +
                                        position(epoch, batchIndex) + " (" + error.what() + "); no model was produced");
            }
            if (!std::isfinite(gradientNorm))
                throw NonFiniteTraining("BiLSTM training aborted: gradient norm is " + std::to_string(gradientNorm) +
                                        " at " + position(epoch, batchIndex) + "; no model was produced");
            if (!allParametersFinite(network))
                throw NonFiniteTraining("BiLSTM training aborted: weights became NaN/inf after the step at " +
                                        position(epoch, batchIndex) + "; no model was produced");

            epochLossSum += lossValue;
            ++epochBatches;
            if (hooks.onProgress)
                hooks.onProgress({epoch, batchIndex, batchesPerEpoch, lossValue, lastValidationLoss,
                                  static_cast<double>(clock.elapsed()) / 1000.0});
        }

        if (budgetExhausted) {
            report.stopReason = TrainingStopReason::CpuBudget;
            if (best.empty()) {
                // Out of time inside the first epoch: the partly trained weights are all there is.
                bestLoss = validationLoss(network, validation, scaledSeries, architecture, options.magnitudeLossWeight);
                if (!std::isfinite(bestLoss))
                    throw NonFiniteTraining("BiLSTM training aborted: validation loss is not finite after the "
                                            "CPU budget ran out in epoch 1");
                best = snapshotWeights(network);
            }
            break;
        }

        const double epochValidationLoss =
            validationLoss(network, validation, scaledSeries, architecture, options.magnitudeLossWeight);
        if (!std::isfinite(epochValidationLoss))
            throw NonFiniteTraining("BiLSTM training aborted: validation loss is " + std::to_string(epochValidationLoss) +
                                    " after epoch " + std::to_string(epoch) + "; no model was produced");
        lastValidationLoss = epochValidationLoss;
        report.epochsCompleted = epoch;
        report.trainingLossPerEpoch.push_back(epochBatches > 0 ? epochLossSum / epochBatches
                                                               : std::numeric_limits<double>::quiet_NaN());
        report.validationLossPerEpoch.push_back(epochValidationLoss);
        if (epochValidationLoss < bestLoss - options.minimumImprovement) {
            bestLoss = epochValidationLoss;
            report.bestEpoch = epoch;
            best = snapshotWeights(network);
            epochsWithoutImprovement = 0;
        } else if (++epochsWithoutImprovement >= options.patienceEpochs) {
            report.stopReason = TrainingStopReason::EarlyStopping;
            break;
        }
    }

    restoreWeights(network, best);
    report.bestValidationLoss = bestLoss;
    report.elapsedSeconds = static_cast<double>(clock.elapsed()) / 1000.0;

    impl->sidecar.architecture = architecture;
    impl->sidecar.featureNames = dataset.featureNames;
    impl->sidecar.featureSchemaHash = models::featureSchemaHash(dataset.featureNames);
    impl->sidecar.featureScaler = featureScaler;
    impl->sidecar.magnitudeScaling = magnitudeScaling;
    impl->sidecar.trainingSummary = trainingSummary(options, report);
    impl->seal();
    return {BiLstmModel(std::move(impl)), std::move(report)};
}

BiLstmPredictions BiLstmModel::predict(const SequenceDataset& dataset, const std::vector<SequenceRef>& refs) const
{
    const BiLstmSidecar& sidecar = m_impl->sidecar;
    const BiLstmArchitecture& architecture = sidecar.architecture;
    if (dataset.featureNames != sidecar.featureNames)
        throw std::invalid_argument("BiLSTM input feature schema " + models::featureSchemaHash(dataset.featureNames).toStdString() +
                                    " differs from the model's " + sidecar.featureSchemaHash.toStdString());
    validateDatasetShape(dataset, false);
    requireFiniteWindows(dataset, refs, architecture.windowLength, false);

    BiLstmPredictions predictions;
    predictions.sequenceCount = static_cast<int>(refs.size());
    predictions.horizonCount = architecture.horizonCount;
    const auto horizons = static_cast<std::size_t>(architecture.horizonCount);
    predictions.probabilities.reserve(refs.size() * horizons * kDirectionClassCount);
    predictions.magnitudes.reserve(refs.size() * horizons);

    const auto featureCount = static_cast<std::size_t>(architecture.featureCount);
    const std::size_t windowValues = static_cast<std::size_t>(architecture.windowLength) * featureCount;
    torch::NoGradGuard noGrad;
    for (std::size_t begin = 0; begin < refs.size(); begin += kInferenceBatchSize) {
        const std::size_t end = std::min(refs.size(), begin + kInferenceBatchSize);
        std::vector<float> inputs((end - begin) * windowValues);
        for (std::size_t slot = 0; slot < end - begin; ++slot) {
            const SequenceRef& ref = refs[begin + slot];
            const SequenceSeries& series = dataset.series[static_cast<std::size_t>(ref.series)];
            const int firstRow = ref.endRow - architecture.windowLength + 1;
            for (int step = 0; step < architecture.windowLength; ++step) {
                const std::size_t offset = static_cast<std::size_t>(firstRow + step) * featureCount;
                sidecar.featureScaler.scaleRow(series.features.data() + offset,
                                               series.missing.empty() ? nullptr : series.missing.data() + offset,
                                               inputs.data() + slot * windowValues + static_cast<std::size_t>(step) * featureCount);
            }
        }
        const auto [logits, magnitudes] =
            m_impl->network->forward(inputTensor(inputs, end - begin, architecture.windowLength, architecture.featureCount));
        const torch::Tensor probabilities = torch::softmax(logits, 2).contiguous();
        const torch::Tensor standardMagnitudes = magnitudes.contiguous();
        const float* probabilityValues = probabilities.data_ptr<float>();
        predictions.probabilities.insert(predictions.probabilities.end(), probabilityValues,
                                         probabilityValues + probabilities.numel());
        const float* magnitudeValues = standardMagnitudes.data_ptr<float>();
        for (std::size_t cell = 0; cell < static_cast<std::size_t>(standardMagnitudes.numel()); ++cell) {
            const std::size_t horizon = cell % horizons;
            predictions.magnitudes.push_back(static_cast<float>(
                magnitudeValues[cell] * sidecar.magnitudeScaling.scale[horizon] + sidecar.magnitudeScaling.mean[horizon]));
        }
    }
    const auto nonFinite = [](float value) { return !std::isfinite(value); };
    if (std::any_of(predictions.probabilities.begin(), predictions.probabilities.end(), nonFinite) ||
        std::any_of(predictions.magnitudes.begin(), predictions.magnitudes.end(), nonFinite))
        throw std::runtime_error("BiLSTM produced a non-finite prediction; the model is unusable");
    return predictions;
}

BiLstmModel BiLstmModel::fromBytes(const QByteArray& archive, const QByteArray& sidecarBytes,
                                   const QStringList& expectedFeatureNames)
{
    BiLstmSidecar sidecar = BiLstmSidecar::fromJsonBytes(sidecarBytes);
    const QString expectedHash = models::featureSchemaHash(expectedFeatureNames);
    if (sidecar.featureSchemaHash != expectedHash) {
        std::string detail;
        for (qsizetype index = 0; index < std::max(sidecar.featureNames.size(), expectedFeatureNames.size()); ++index) {
            const QString stored = sidecar.featureNames.value(index, QStringLiteral("<none>"));
            const QString expected = expectedFeatureNames.value(index, QStringLiteral("<none>"));
            if (stored != expected) {
                detail = "; first difference at column " + std::to_string(index) + ": model has '" + stored.toStdString() +
                         "', caller expects '" + expected.toStdString() + "'";
                break;
            }
        }
        throw std::runtime_error("BiLSTM refused: it was trained on feature schema " + sidecar.featureSchemaHash.toStdString() +
                                 ", the caller expects " + expectedHash.toStdString() + detail);
    }
    const QString archiveHash = QString::fromLatin1(QCryptographicHash::hash(archive, QCryptographicHash::Sha256).toHex());
    if (archiveHash != sidecar.archiveSha256)
        throw std::runtime_error("BiLSTM refused: the archive (SHA-256 " + archiveHash.toStdString() +
                                 ") is not the one its sidecar describes (" + sidecar.archiveSha256.toStdString() + ")");

    auto impl = std::make_unique<Impl>(sidecar.architecture);
    std::map<std::string, std::vector<int64_t>> expectedShapes;
    for (const auto& parameter : impl->network->named_parameters())
        expectedShapes[parameter.key()] = parameter.value().sizes().vec();
    try {
        torch::serialize::InputArchive input;
        input.load_from(archive.constData(), static_cast<std::size_t>(archive.size()));
        impl->network->load(input);
    } catch (const c10::Error& error) {
        throw std::runtime_error(std::string("BiLSTM refused: the archive does not fit the sidecar's architecture: ") +
                                 error.what_without_backtrace());
    }
    // Loading replaces tensors wholesale, so a shape mismatch would otherwise pass silently.
    for (const auto& parameter : impl->network->named_parameters())
        if (parameter.value().sizes().vec() != expectedShapes[parameter.key()])
            throw std::runtime_error("BiLSTM refused: archive tensor '" + parameter.key() +
                                     "' does not have the shape the sidecar's architecture needs");
    if (!allParametersFinite(impl->network))
        throw std::runtime_error("BiLSTM refused: the archive holds NaN/inf weights");

    impl->network->eval();
    impl->archive = archive;
    impl->sidecarJson = sidecarBytes;
    impl->sidecar = std::move(sidecar);
    return BiLstmModel(std::move(impl));
}

}  // namespace aegis::models
