#include "models/bilstm/bilstm_model.h"
#include "models/bilstm/input_scaling.h"
#include "models/bilstm/thread_cpu_time.h"
#include "models/bilstm/torch_threads.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <dlfcn.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace aegis::models;

namespace {

constexpr int kWindow = 20;
constexpr int kHorizons = 3;
constexpr int kRowsPerSeries = 500;
constexpr int kSeries = 4;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// Synthetic sequences with a real, learnable signal:
//   horizon 0: class of s = f0[t] + f0[t-1] + f0[t-2]  (DOWN < -0.8 < NEUTRAL < 0.8 < UP), magnitude |s|
//   horizon 1: class of f1[t-8] (memory across the window), every 7th row unlabelled
//   horizon 2: noise labels, or entirely missing when `missingThirdHorizon`
// f2 is noise and f3 a constant, which the scaler must map to 0 rather than divide by zero.
SequenceDataset syntheticDataset(bool missingThirdHorizon = false, std::uint64_t seed = 7)
{
    std::mt19937_64 generator(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::uniform_int_distribution<int> noiseClass(0, 2);
    SequenceDataset dataset;
    dataset.featureNames = {QStringLiteral("f0_signal"), QStringLiteral("f1_lagged"), QStringLiteral("f2_noise"),
                            QStringLiteral("f3_constant")};
    dataset.horizonCount = kHorizons;
    const auto classOf = [](float value, float threshold) -> std::int8_t {
        return value > threshold ? 2 : (value < -threshold ? 0 : 1);
    };
    for (int seriesIndex = 0; seriesIndex < kSeries; ++seriesIndex) {
        SequenceSeries series;
        series.rows = kRowsPerSeries;
        for (int row = 0; row < kRowsPerSeries; ++row)
            series.features.insert(series.features.end(), {normal(generator), normal(generator), normal(generator), 1.0f});
        series.directions.assign(static_cast<std::size_t>(kRowsPerSeries * kHorizons), kMissingDirection);
        series.magnitudes.assign(static_cast<std::size_t>(kRowsPerSeries * kHorizons), kNaN);
        const auto feature = [&](int row, int column) { return series.features[static_cast<std::size_t>(row * 4 + column)]; };
        for (int row = 10; row < kRowsPerSeries; ++row) {
            const auto cell = [&](int horizon) { return static_cast<std::size_t>(row * kHorizons + horizon); };
            const float sum = feature(row, 0) + feature(row - 1, 0) + feature(row - 2, 0);
            series.directions[cell(0)] = classOf(sum, 0.8f);
            series.magnitudes[cell(0)] = std::fabs(sum);
            if (row % 7 != 0) {
                series.directions[cell(1)] = classOf(feature(row - 8, 1), 0.5f);
                series.magnitudes[cell(1)] = feature(row - 8, 1);
            }
            if (!missingThirdHorizon) {
                series.directions[cell(2)] = static_cast<std::int8_t>(noiseClass(generator));
                series.magnitudes[cell(2)] = normal(generator);
            }
        }
        dataset.series.push_back(std::move(series));
    }
    return dataset;
}

// Chronological split per series with a purge gap of one window between training and validation.
struct Split {
    std::vector<SequenceRef> training, validation;
};

Split chronologicalSplit(const SequenceDataset& dataset)
{
    Split split;
    const int boundary = kRowsPerSeries * 3 / 4;
    for (const SequenceRef& ref : finiteWindowEnds(dataset, kWindow)) {
        if (ref.endRow < 10)
            continue;
        if (ref.endRow < boundary)
            split.training.push_back(ref);
        else if (ref.endRow >= boundary + kWindow)
            split.validation.push_back(ref);
    }
    return split;
}

BiLstmTrainingOptions quickOptions()
{
    BiLstmTrainingOptions options;
    options.windowLength = kWindow;
    options.hiddenSize = 16;
    options.batchSize = 64;
    options.maxEpochs = 6;
    options.patienceEpochs = 3;
    options.learningRate = 5e-3;
    options.dropout = 0.1;
    options.cpuBudgetSeconds = 20;
    options.seed = 11;
    return options;
}

bool bitwiseEqual(const std::vector<float>& a, const std::vector<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

template <typename Exception, typename Call>
QString messageOf(Call&& call)
{
    try {
        call();
    } catch (const Exception& error) {
        return QString::fromUtf8(error.what());
    }
    return QStringLiteral("<no exception>");
}

}  // namespace

class TestModelsBiLstm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // OpenBLAS (scripts/install-deps.sh installs it for libtorch) starts a pool of one thread per
        // core, which libtorch's thread count does not reach (ctest's OPENBLAS_NUM_THREADS=1 starts it
        // at one): widen it first, so that the first call below is seen to size it.
        const auto setBlasThreads = reinterpret_cast<void (*)(int)>(::dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        const auto blasThreads = reinterpret_cast<int (*)()>(::dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        QVERIFY2(setBlasThreads && blasThreads, "libtorch is not running on OpenBLAS");
        setBlasThreads(2);
        QCOMPARE(blasThreads(), 2);
        // Single-threaded for bitwise determinism; the first call wins for the whole process.
        QCOMPARE(initialiseTorchThreads(1), 1);
        QCOMPARE(initialiseTorchThreads(2), 1);
        QCOMPARE(blasThreads(), 1);
    }

    void trainingOnARealSignalLowersValidationLossAndBeatsChance()
    {
        const SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        int progressCalls = 0;
        BiLstmTrainingHooks hooks;
        hooks.onProgress = [&](const BiLstmTrainingProgress& progress) {
            ++progressCalls;
            QVERIFY(progress.batch >= 1 && progress.batch <= progress.batchesPerEpoch);
            QVERIFY(std::isfinite(progress.batchLoss));
        };
        const BiLstmTrainingResult result = BiLstmModel::train(dataset, split.training, split.validation, quickOptions(), hooks);
        const BiLstmTrainingReport& report = result.report;
        QVERIFY(progressCalls > 0);
        QVERIFY(report.epochsCompleted >= 2);
        QVERIFY2(report.bestValidationLoss < report.validationLossPerEpoch.front() - 0.05,
                 qPrintable(QStringLiteral("best %1, first %2").arg(report.bestValidationLoss).arg(report.validationLossPerEpoch.front())));

        const BiLstmPredictions predictions = result.model.predict(dataset, split.validation);
        QCOMPARE(predictions.sequenceCount, static_cast<int>(split.validation.size()));
        int correct = 0;
        int classCounts[3] = {0, 0, 0};
        for (int sequence = 0; sequence < predictions.sequenceCount; ++sequence) {
            const SequenceRef& ref = split.validation[static_cast<std::size_t>(sequence)];
            const int truth = dataset.series[static_cast<std::size_t>(ref.series)]
                                  .directions[static_cast<std::size_t>(ref.endRow * kHorizons)];
            ++classCounts[truth];
            int predicted = 0;
            float sum = 0;
            for (int c = 0; c < 3; ++c) {
                const float p = predictions.probability(sequence, 0, static_cast<DirectionClass>(c));
                sum += p;
                if (p > predictions.probability(sequence, 0, static_cast<DirectionClass>(predicted)))
                    predicted = c;
            }
            QVERIFY(std::fabs(sum - 1.0f) < 1e-5f);
            correct += predicted == truth ? 1 : 0;
        }
        const double accuracy = static_cast<double>(correct) / predictions.sequenceCount;
        const double majorityRate =
            static_cast<double>(*std::max_element(classCounts, classCounts + 3)) / predictions.sequenceCount;
        QVERIFY2(accuracy > majorityRate + 0.15,
                 qPrintable(QStringLiteral("accuracy %1 vs majority %2").arg(accuracy).arg(majorityRate)));
    }

    void saveAndLoadGivesBitwiseIdenticalPredictions()
    {
        const SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        BiLstmTrainingOptions options = quickOptions();
        options.maxEpochs = 2;
        const BiLstmTrainingResult result = BiLstmModel::train(dataset, split.training, split.validation, options);
        const BiLstmPredictions before = result.model.predict(dataset, split.validation);

        QTemporaryDir directory;
        const QString archivePath = directory.filePath(QStringLiteral("bilstm.pt"));
        const QString sidecarPath = directory.filePath(QStringLiteral("bilstm.json"));
        result.model.save(archivePath, sidecarPath);
        const BiLstmModel loaded = BiLstmModel::load(archivePath, sidecarPath, dataset.featureNames);
        const BiLstmPredictions after = loaded.predict(dataset, split.validation);
        QVERIFY(bitwiseEqual(before.probabilities, after.probabilities));
        QVERIFY(bitwiseEqual(before.magnitudes, after.magnitudes));
        QCOMPARE(loaded.architecture(), result.model.architecture());
        QCOMPARE(loaded.featureSchemaHash(), result.model.featureSchemaHash());

        // An inference dataset needs no labels.
        SequenceDataset unlabelled = dataset;
        for (SequenceSeries& series : unlabelled.series) {
            series.directions.clear();
            series.magnitudes.clear();
        }
        QVERIFY(bitwiseEqual(loaded.predict(unlabelled, split.validation).probabilities, before.probabilities));
    }

    void allMissingHorizonIsMaskedNotTreatedAsZero()
    {
        const SequenceDataset dataset = syntheticDataset(true);
        const Split split = chronologicalSplit(dataset);
        const BiLstmTrainingResult result = BiLstmModel::train(dataset, split.training, split.validation, quickOptions());
        QCOMPARE(result.report.labelledTrainingSequencesPerHorizon[2], 0);
        QVERIFY(result.report.labelledTrainingSequencesPerHorizon[0] > 0);
        QVERIFY(std::isfinite(result.report.bestValidationLoss));

        // Had missing labels counted as class 0 / magnitude 0, the unlabelled head would have been
        // driven to DOWN with near certainty. Masked, it never receives a gradient and stays
        // at its untrained, uncommitted output.
        const BiLstmPredictions predictions = result.model.predict(dataset, split.validation);
        double meanDown = 0;
        for (int sequence = 0; sequence < predictions.sequenceCount; ++sequence)
            meanDown += predictions.probability(sequence, 2, DirectionClass::Down);
        meanDown /= predictions.sequenceCount;
        QVERIFY2(meanDown < 0.6, qPrintable(QString::number(meanDown)));
        for (float probability : predictions.probabilities)
            QVERIFY(std::isfinite(probability));
    }

    // A value not known at its row (a market column when NIFTY's file ends first) is stored as 0: raw,
    // that read as an RSI or a volatility of 0, five standard deviations out. Masked, it is left out
    // of the fit and scales to the training mean.
    void missingValuesScaleToTheTrainingMean()
    {
        SequenceDataset dataset;
        dataset.featureNames = {QStringLiteral("rsi_14"), QStringLiteral("nifty_rv_20")};
        SequenceSeries series;
        series.rows = 10;
        for (int row = 0; row < series.rows; ++row) {
            const bool known = row >= 4;
            series.features.push_back(known ? float(50 + row) : 0.0f);
            series.features.push_back(0.0f);
            series.missing.push_back(known ? 0 : 1);
            series.missing.push_back(1);  // never known
        }
        dataset.series.push_back(series);
        validateDatasetShape(dataset, false);
        const FeatureScaler scaler = FeatureScaler::fit(dataset, {{0, 9}}, 10);
        // Rows 4..9 only (54..59, clamped at their quantiles); with the zeros it would be near 34.
        QVERIFY2(scaler.mean[0] > 54.0 && scaler.mean[0] < 59.0, qPrintable(QString::number(scaler.mean[0])));
        QCOMPARE(scaler.mean[1], 0.0);
        QCOMPARE(scaler.scale[1], 1.0);

        float out[2];
        const float raw[2] = {0.0f, 0.0f};
        const std::uint8_t masked[2] = {1, 1};
        scaler.scaleRow(raw, masked, out);
        QCOMPARE(out[0], 0.0f);
        QCOMPARE(out[1], 0.0f);
        scaler.scaleRow(raw, nullptr, out);  // the same 0 taken at face value
        QVERIFY(out[0] < -1.0f);

        dataset.series[0].missing.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateDatasetShape(dataset, false));
    }

    void nanOrInfInTrainingInputIsRejectedBeforeTraining()
    {
        SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        const SequenceRef& victim = split.training[40];
        dataset.series[static_cast<std::size_t>(victim.series)].features[static_cast<std::size_t>(victim.endRow * 4 + 2)] = kNaN;
        bool trainingStarted = false;
        BiLstmTrainingHooks hooks;
        hooks.inspectTrainingBatch = [&](int, int, std::vector<float>&) { trainingStarted = true; };
        const QString message = messageOf<std::invalid_argument>(
            [&] { BiLstmModel::train(dataset, split.training, split.validation, quickOptions(), hooks); });
        QVERIFY2(message.contains(QStringLiteral("non-finite")) && message.contains(QStringLiteral("f2_noise")) &&
                     message.contains(QStringLiteral("row %1").arg(victim.endRow)),
                 qPrintable(message));
        QVERIFY(!trainingStarted);

        dataset.series[static_cast<std::size_t>(victim.series)].features[static_cast<std::size_t>(victim.endRow * 4 + 2)] =
            std::numeric_limits<float>::infinity();
        QVERIFY(messageOf<std::invalid_argument>([&] {
                    BiLstmModel::train(dataset, split.training, split.validation, quickOptions());
                }).contains(QStringLiteral("inf")));
        // finiteWindowEnds() lets callers steer around such rows.
        for (const SequenceRef& ref : finiteWindowEnds(dataset, kWindow))
            QVERIFY(ref.series != victim.series || ref.endRow < victim.endRow || ref.endRow >= victim.endRow + kWindow);
    }

    void poisonedBatchAbortsTrainingWithEpochAndBatch()
    {
        const SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        BiLstmTrainingHooks hooks;
        hooks.inspectTrainingBatch = [](int epoch, int batch, std::vector<float>& inputs) {
            if (epoch == 2 && batch == 3)
                inputs[5] = std::numeric_limits<float>::infinity();
        };
        const QString message = messageOf<NonFiniteTraining>(
            [&] { BiLstmModel::train(dataset, split.training, split.validation, quickOptions(), hooks); });
        QVERIFY2(message.contains(QStringLiteral("epoch 2, batch 3")) && message.contains(QStringLiteral("no model")),
                 qPrintable(message));
    }

    void absurdLearningRateNeverYieldsNaNWeights()
    {
        const SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        BiLstmTrainingOptions options = quickOptions();
        options.learningRate = 1e38;
        options.gradientClipNorm = 1e38;
        options.maxEpochs = 2;
        try {
            const BiLstmTrainingResult result = BiLstmModel::train(dataset, split.training, split.validation, options);
            // If training survived, whatever it returns must still be a finite, usable model.
            const BiLstmPredictions predictions = result.model.predict(dataset, split.validation);
            for (float value : predictions.probabilities)
                QVERIFY(std::isfinite(value));
            QVERIFY(std::isfinite(result.report.bestValidationLoss));
        } catch (const NonFiniteTraining& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("epoch")), error.what());
        }
    }

    void fixedSeedIsDeterministic()
    {
        const SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        BiLstmTrainingOptions options = quickOptions();
        options.maxEpochs = 2;
        const BiLstmTrainingResult first = BiLstmModel::train(dataset, split.training, split.validation, options);
        const BiLstmTrainingResult second = BiLstmModel::train(dataset, split.training, split.validation, options);
        QCOMPARE(first.report.validationLossPerEpoch, second.report.validationLossPerEpoch);
        QVERIFY(bitwiseEqual(first.model.predict(dataset, split.validation).probabilities,
                             second.model.predict(dataset, split.validation).probabilities));
        options.seed += 1;
        const BiLstmTrainingResult other = BiLstmModel::train(dataset, split.training, split.validation, options);
        QVERIFY(!bitwiseEqual(first.model.predict(dataset, split.validation).probabilities,
                              other.model.predict(dataset, split.validation).probabilities));
    }

    void cpuBudgetIsRespected()
    {
        const SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        BiLstmTrainingOptions options = quickOptions();
        options.maxEpochs = 10000;
        options.patienceEpochs = 10000;
        options.minimumImprovement = 0;
        options.cpuBudgetSeconds = 1.0;
        const double cpuBefore = threadCpuSeconds();
        const BiLstmTrainingResult result = BiLstmModel::train(dataset, split.training, split.validation, options);
        const double cpuSeconds = threadCpuSeconds() - cpuBefore;
        QVERIFY(result.report.stopReason == TrainingStopReason::CpuBudget);
        // Slack covers the data preparation, one batch and the validation pass of a partial first epoch.
        QVERIFY2(cpuSeconds < 1.0 + 2.0, qPrintable(QString::number(cpuSeconds)));
        QVERIFY(std::isfinite(result.report.bestValidationLoss));
        for (float value : result.model.predict(dataset, split.validation).magnitudes)
            QVERIFY(std::isfinite(value));
    }

    // Waiting for a core is not work: a machine busy with other jobs must not end training earlier and
    // so ship other weights. The second run waits between batches for twice its budget in all; an
    // elapsed-time budget would stop it in its first epoch, the CPU budget lets both epochs finish and
    // the weights equal the unhindered run's.
    void waitingDoesNotSpendTheBudget()
    {
        const SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        BiLstmTrainingOptions options = quickOptions();
        options.maxEpochs = 2;
        const double cpuBefore = threadCpuSeconds();
        const BiLstmTrainingResult unhindered = BiLstmModel::train(dataset, split.training, split.validation, options);
        QVERIFY(unhindered.report.stopReason == TrainingStopReason::MaxEpochs);
        options.cpuBudgetSeconds = 2.0 * (threadCpuSeconds() - cpuBefore) + 0.2;

        const int batches = options.maxEpochs * ((unhindered.report.trainingSequences + options.batchSize - 1) / options.batchSize);
        const unsigned long waitMs = static_cast<unsigned long>(std::ceil(2000.0 * options.cpuBudgetSeconds / batches));
        BiLstmTrainingHooks hooks;
        hooks.inspectTrainingBatch = [waitMs](int, int, std::vector<float>&) { QThread::msleep(waitMs); };
        QElapsedTimer clock;
        clock.start();
        const BiLstmTrainingResult waited = BiLstmModel::train(dataset, split.training, split.validation, options, hooks);
        const double elapsed = double(clock.elapsed()) / 1000.0;
        qInfo("CPU budget %.2f s, %d batches waiting %lu ms each: %.2f s elapsed", options.cpuBudgetSeconds, batches, waitMs, elapsed);
        QVERIFY(elapsed > 2.0 * options.cpuBudgetSeconds);
        QVERIFY(waited.report.stopReason == TrainingStopReason::MaxEpochs);
        QCOMPARE(waited.report.epochsCompleted, 2);
        QVERIFY(bitwiseEqual(unhindered.model.predict(dataset, split.validation).probabilities,
                             waited.model.predict(dataset, split.validation).probabilities));
    }

    void cancellationStopsTraining()
    {
        const SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        int polls = 0;
        BiLstmTrainingHooks hooks;
        hooks.isCancelled = [&] { return ++polls > 5; };
        const QString message = messageOf<TrainingCancelled>(
            [&] { BiLstmModel::train(dataset, split.training, split.validation, quickOptions(), hooks); });
        QVERIFY2(message.contains(QStringLiteral("epoch 1, batch 6")), qPrintable(message));
    }

    void mismatchedSidecarOrSchemaIsRefused()
    {
        const SequenceDataset dataset = syntheticDataset();
        const Split split = chronologicalSplit(dataset);
        BiLstmTrainingOptions options = quickOptions();
        options.maxEpochs = 1;
        const BiLstmTrainingResult first = BiLstmModel::train(dataset, split.training, split.validation, options);
        options.seed += 1;
        const BiLstmTrainingResult second = BiLstmModel::train(dataset, split.training, split.validation, options);
        const QByteArray archive = first.model.archiveBytes();
        const QByteArray sidecar = first.model.sidecarBytes();

        QStringList reordered = dataset.featureNames;
        reordered.swapItemsAt(0, 1);
        const QString schemaMessage =
            messageOf<std::runtime_error>([&] { BiLstmModel::fromBytes(archive, sidecar, reordered); });
        QVERIFY2(schemaMessage.contains(QStringLiteral("feature schema")) && schemaMessage.contains(QStringLiteral("column 0")),
                 qPrintable(schemaMessage));

        const QString pairingMessage = messageOf<std::runtime_error>(
            [&] { BiLstmModel::fromBytes(second.model.archiveBytes(), sidecar, dataset.featureNames); });
        QVERIFY2(pairingMessage.contains(QStringLiteral("not the one its sidecar describes")), qPrintable(pairingMessage));

        QJsonObject edited = QJsonDocument::fromJson(sidecar).object();
        QJsonObject architecture = edited.value(QStringLiteral("architecture")).toObject();
        architecture.insert(QStringLiteral("hidden_size"), 24);
        edited.insert(QStringLiteral("architecture"), architecture);
        const QString shapeMessage = messageOf<std::runtime_error>([&] {
            BiLstmModel::fromBytes(archive, QJsonDocument(edited).toJson(), dataset.featureNames);
        });
        QVERIFY2(shapeMessage.contains(QStringLiteral("architecture")) || shapeMessage.contains(QStringLiteral("shape")),
                 qPrintable(shapeMessage));

        QVERIFY(messageOf<std::runtime_error>([&] {
                    BiLstmModel::fromBytes(archive, sidecar.left(sidecar.size() / 2), dataset.featureNames);
                }).contains(QStringLiteral("not valid JSON")));
        QByteArray truncatedArchive = archive.left(archive.size() - 10);
        QVERIFY(messageOf<std::runtime_error>([&] {
                    BiLstmModel::fromBytes(truncatedArchive, sidecar, dataset.featureNames);
                }).contains(QStringLiteral("archive")));

        // An archive whose weights were overwritten with NaN (its sidecar hash updated to match, as a
        // buggy exporter would) is refused rather than loaded: the failure the replaced system shipped.
        QByteArray poisoned = archive;
        int overwrittenRecords = 0;
        for (qsizetype header = poisoned.indexOf("PK\x03\x04"); header >= 0;
             header = poisoned.indexOf("PK\x03\x04", header + 4)) {
            const auto field = [&](int offset) {
                return static_cast<int>(static_cast<unsigned char>(poisoned[header + offset])) |
                       static_cast<int>(static_cast<unsigned char>(poisoned[header + offset + 1])) << 8;
            };
            const int nameLength = field(26);
            const QByteArray name = poisoned.mid(header + 30, nameLength);
            if (!name.contains("/data/"))
                continue;
            const qsizetype data = header + 30 + nameLength + field(28);
            const float nan = std::numeric_limits<float>::quiet_NaN();
            std::memcpy(poisoned.data() + data, &nan, sizeof nan);
            ++overwrittenRecords;
        }
        QVERIFY(overwrittenRecords > 0);
        QJsonObject rehashed = QJsonDocument::fromJson(sidecar).object();
        rehashed.insert(QStringLiteral("archive_sha256"),
                        QString::fromLatin1(QCryptographicHash::hash(poisoned, QCryptographicHash::Sha256).toHex()));
        const QString nanMessage = messageOf<std::runtime_error>([&] {
            BiLstmModel::fromBytes(poisoned, QJsonDocument(rehashed).toJson(), dataset.featureNames);
        });
        QVERIFY2(nanMessage.contains(QStringLiteral("NaN")), qPrintable(nanMessage));

        // Predicting on a dataset with another schema is refused as well.
        SequenceDataset renamed = dataset;
        renamed.featureNames[3] = QStringLiteral("f3_other");
        QVERIFY(messageOf<std::invalid_argument>([&] { first.model.predict(renamed, split.validation); })
                    .contains(QStringLiteral("schema")));
    }
};

QTEST_GUILESS_MAIN(TestModelsBiLstm)
#include "test_models_bilstm.moc"
