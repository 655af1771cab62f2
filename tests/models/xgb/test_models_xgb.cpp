#include "models/xgb/booster.h"
#include "models/xgb/detail/eval_line.h"
#include "models/xgb/matrix.h"
#include "models/xgb/quantile_booster.h"
#include "models/xgb/runtime_settings.h"
#include "models/xgb/training.h"
#include "models/xgb/xgb_error.h"
#include "synthetic_data.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

using namespace aegis::models::xgb;
using namespace aegis::models::xgb::testing;

namespace {

BoosterParams binaryParams(const char* name)
{
    BoosterParams params;
    params.name = name;
    params.objective = ObjectiveKind::BinaryLogistic;
    params.tree.maxDepth = 4;
    params.tree.learningRate = 0.3;
    params.tree.numRounds = 30;
    return params;
}

TrainedBooster trainSmallBinary(std::uint32_t seed = 7)
{
    const Dataset data = separableBinary(1500, 11);
    const Matrix train = Matrix::withTargets(data.features, data.labels);
    BoosterParams params = binaryParams("small-binary");
    params.tree.subsample = 0.8;
    params.tree.colsampleByNode = 0.8;
    params.tree.seed = seed;
    return aegis::models::xgb::train(train, nullptr, params);
}

// Validated on noise, so it stops early: its best iteration is below its boosted rounds, and prediction
// must use only the trees up to it.
TrainedBooster trainEarlyStoppedBinary(const char* name)
{
    const Dataset trainData = separableBinary(2000, 12);
    const Dataset validData = noiseBinary(500, 13);
    const Matrix train = Matrix::withTargets(trainData.features, trainData.labels);
    const Matrix valid = Matrix::withTargets(validData.features, validData.labels);
    BoosterParams params = binaryParams(name);
    params.tree.numRounds = 100;
    params.tree.earlyStoppingRounds = 5;
    return aegis::models::xgb::train(train, &valid, params);
}

template <typename Exception, typename Function>
QString messageOf(Function&& function)
{
    try {
        function();
    } catch (const Exception& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

}  // namespace

class TestModelsXgb : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        RuntimeSettings::setThreadCount(2);
        RuntimeSettings::setVerbosity(1);
    }

    void binaryLearnsSeparableProblem()
    {
        const Dataset trainData = separableBinary(3000, 1);
        const Dataset validData = separableBinary(1000, 2);
        const Dataset testData = separableBinary(2000, 3);
        const Matrix train = Matrix::withTargets(trainData.features, trainData.labels);
        const Matrix valid = Matrix::withTargets(validData.features, validData.labels);
        BoosterParams params = binaryParams("separable");
        params.tree.numRounds = 60;
        params.tree.earlyStoppingRounds = 10;
        const TrainedBooster trained = aegis::models::xgb::train(train, &valid, params);

        const Eigen::MatrixXd probabilities = trained.booster.predict(Matrix::fromFeatures(testData.features));
        QCOMPARE(probabilities.rows(), Eigen::Index{2000});
        QCOMPARE(probabilities.cols(), Eigen::Index{1});
        QVERIFY((probabilities.array() >= 0.0).all() && (probabilities.array() <= 1.0).all());
        const double auc = areaUnderCurve(probabilities.col(0), testData.labels);
        QVERIFY2(auc > 0.9, qPrintable(QString("AUC %1").arg(auc)));
        QCOMPARE(trained.report.metric, std::string("logloss"));
        QVERIFY(trained.report.history.back().valid.has_value());
        QVERIFY(trained.report.history.back().train < trained.report.history.front().train);
    }

    void earlyStoppingStopsOnNoise()
    {
        const Dataset trainData = noiseBinary(2000, 4);
        const Dataset validData = noiseBinary(1000, 5);
        const Matrix train = Matrix::withTargets(trainData.features, trainData.labels);
        const Matrix valid = Matrix::withTargets(validData.features, validData.labels);
        BoosterParams params = binaryParams("noise");
        params.tree.numRounds = 300;
        params.tree.earlyStoppingRounds = 10;
        const TrainedBooster trained = aegis::models::xgb::train(train, &valid, params);

        const TrainingReport& report = trained.report;
        QVERIFY(report.stoppedEarly);
        QVERIFY(static_cast<int>(report.history.size()) < params.tree.numRounds);
        QCOMPARE(static_cast<int>(report.history.size()), report.bestIteration + params.tree.earlyStoppingRounds + 1);
        QCOMPARE(trained.booster.bestIteration(), report.bestIteration);
        QCOMPARE(trained.booster.boostedRounds(), static_cast<int>(report.history.size()));
        for (const RoundEvaluation& round : report.history)
            QVERIFY(*round.valid >= report.bestScore);
        QCOMPARE(*report.history[static_cast<std::size_t>(report.bestIteration)].valid, report.bestScore);
    }

    void earlyStoppingNeedsValidation()
    {
        const Dataset data = noiseBinary(200, 6);
        const Matrix train = Matrix::withTargets(data.features, data.labels);
        BoosterParams params = binaryParams("no-valid");
        params.tree.earlyStoppingRounds = 5;
        QVERIFY(!messageOf<std::invalid_argument>([&] { aegis::models::xgb::train(train, nullptr, params); })
                     .isEmpty());
        QVERIFY(!messageOf<std::invalid_argument>([&] { aegis::models::xgb::train(train, &train, params); })
                     .isEmpty());
    }

    void multiclassProbabilitiesSumToOne()
    {
        const Dataset trainData = threeClasses(2000, 7);
        const Dataset testData = threeClasses(1000, 8);
        const Matrix train = Matrix::withTargets(trainData.features, trainData.labels);
        BoosterParams params;
        params.name = "three-way";
        params.objective = ObjectiveKind::MultiSoftprob;
        params.classCount = 3;
        params.tree.numRounds = 20;
        params.tree.learningRate = 0.3;
        const TrainedBooster trained = aegis::models::xgb::train(train, nullptr, params);
        QCOMPARE(trained.booster.classCount(), 3);

        const Eigen::MatrixXd probabilities = trained.booster.predict(Matrix::fromFeatures(testData.features));
        QCOMPARE(probabilities.cols(), Eigen::Index{3});
        int correct = 0;
        for (Eigen::Index r = 0; r < probabilities.rows(); ++r) {
            QVERIFY(std::abs(probabilities.row(r).sum() - 1.0) < 1e-5);
            Eigen::Index predicted = 0;
            probabilities.row(r).maxCoeff(&predicted);
            correct += static_cast<double>(predicted) == testData.labels[r] ? 1 : 0;
        }
        QVERIFY2(correct > 900, qPrintable(QString("accuracy %1/1000").arg(correct)));
    }

    void multiclassRejectsNonIntegerLabels()
    {
        Dataset data = threeClasses(100, 9);
        data.labels[17] = 1.5;
        const Matrix train = Matrix::withTargets(data.features, data.labels);
        BoosterParams params;
        params.objective = ObjectiveKind::MultiSoftprob;
        params.classCount = 3;
        const QString message =
            messageOf<std::invalid_argument>([&] { aegis::models::xgb::train(train, nullptr, params); });
        QVERIFY2(message.contains("row 17"), qPrintable(message));
    }

    void regressionUsesSampleWeights()
    {
        // Rows with weight 0 carry the opposite label; a weighted fit must ignore them entirely.
        const Dataset data = noiseBinary(1000, 10);
        Eigen::VectorXd labels(1000);
        Eigen::VectorXd weights(1000);
        for (int r = 0; r < 1000; ++r) {
            labels[r] = r % 2 == 0 ? 3.0 : -3.0;
            weights[r] = r % 2 == 0 ? 1.0 : 0.0;
        }
        const Matrix train = Matrix::withTargets(data.features, labels, weights);
        QVERIFY(train.hasWeights());
        BoosterParams params;
        params.name = "weighted";
        params.objective = ObjectiveKind::SquaredError;
        params.tree.numRounds = 10;
        const TrainedBooster trained = aegis::models::xgb::train(train, nullptr, params);
        const Eigen::MatrixXd predictions = trained.booster.predict(train);
        QVERIFY2((predictions.array() - 3.0).abs().maxCoeff() < 1e-3,
                 qPrintable(QString("max deviation %1").arg((predictions.array() - 3.0).abs().maxCoeff())));
    }

    void saveLoadSaveIsByteIdentical_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("json") << static_cast<int>(ModelFormat::Json);
        QTest::newRow("ubj") << static_cast<int>(ModelFormat::Ubjson);
    }

    void saveLoadSaveIsByteIdentical()
    {
        QFETCH(int, format);
        const auto modelFormat = static_cast<ModelFormat>(format);
        const TrainedBooster trained = trainSmallBinary();
        const QByteArray saved = trained.booster.save(modelFormat);
        QVERIFY(saved.size() > 100);
        QCOMPARE(saved.front(), '{');
        const Booster loaded = Booster::load(saved);
        QCOMPARE(loaded.save(modelFormat), saved);
        QCOMPARE(loaded.name(), std::string("small-binary"));
        QCOMPARE(loaded.objective(), ObjectiveKind::BinaryLogistic);
        QCOMPARE(loaded.bestIteration(), trained.booster.bestIteration());
        QCOMPARE(loaded.featureCount(), 5);
    }

    void loadedModelPredictsExactlyTheSame()
    {
        const TrainedBooster trained = trainEarlyStoppedBinary("reload");
        QVERIFY(trained.booster.bestIteration() < trained.booster.boostedRounds() - 1);

        const Matrix test = Matrix::fromFeatures(separableBinary(700, 14).features);
        const Eigen::MatrixXd original = trained.booster.predict(test);
        for (const ModelFormat format : {ModelFormat::Json, ModelFormat::Ubjson}) {
            const Booster loaded = Booster::load(trained.booster.save(format));
            QCOMPARE(loaded.bestIteration(), trained.booster.bestIteration());
            QVERIFY(loaded.predict(test) == original);
        }
    }

    // In-place prediction from dense features must be the DMatrix path's exact twin: the same trees up
    // to the best iteration, NaN read as missing, any objective, strided blocks and doubles included.
    void denseFeaturesPredictExactlyAsAMatrix()
    {
        const TrainedBooster binary = trainEarlyStoppedBinary("dense");
        QVERIFY(binary.booster.bestIteration() < binary.booster.boostedRounds() - 1);

        FeatureMatrixF features = separableBinary(700, 14).features;
        for (Eigen::Index r = 0; r < features.rows(); r += 7)
            features(r, r % features.cols()) = std::numeric_limits<float>::quiet_NaN();
        const Eigen::MatrixXd expected = binary.booster.predict(Matrix::fromFeatures(features));
        QVERIFY(binary.booster.predict(features) == expected);
        QVERIFY(binary.booster.predict(FeatureMatrixF(features.topRows(1))) == expected.topRows(1));

        FeatureMatrixF wider = FeatureMatrixF::Constant(features.rows(), features.cols() + 3, 99.0f);
        wider.leftCols(features.cols()) = features;
        const Eigen::Ref<const FeatureMatrixF> strided = wider.leftCols(features.cols());
        QVERIFY(strided.outerStride() != strided.cols());
        QVERIFY(binary.booster.predict(strided) == expected);
        const FeatureMatrixD doubles = features.cast<double>();
        QVERIFY(binary.booster.predict(doubles) == expected);
        const Booster reloaded = Booster::load(binary.booster.save(ModelFormat::Ubjson));
        QVERIFY(reloaded.predict(features) == expected);

        const Dataset classes = threeClasses(1500, 7);
        BoosterParams multiParams;
        multiParams.name = "dense-three-way";
        multiParams.objective = ObjectiveKind::MultiSoftprob;
        multiParams.classCount = 3;
        multiParams.tree.numRounds = 15;
        const TrainedBooster multi =
            aegis::models::xgb::train(Matrix::withTargets(classes.features, classes.labels), nullptr, multiParams);
        const FeatureMatrixF classFeatures = threeClasses(300, 8).features;
        QVERIFY(multi.booster.predict(classFeatures) == multi.booster.predict(Matrix::fromFeatures(classFeatures)));

        const Dataset spread = heteroscedastic(3000, 20);
        QuantileParams quantileParams;
        quantileParams.tree.numRounds = 40;
        const TrainedQuantileBooster quantile =
            trainQuantile(Matrix::withTargets(spread.features, spread.labels), nullptr, quantileParams);
        const FeatureMatrixF spreadFeatures = heteroscedastic(400, 22).features;
        const Booster& pinball = quantile.booster.booster();
        QVERIFY(pinball.predict(spreadFeatures) == pinball.predict(Matrix::fromFeatures(spreadFeatures)));

        FeatureMatrixF infinite = features.topRows(3);
        infinite(1, 2) = std::numeric_limits<float>::infinity();
        QVERIFY(messageOf<std::invalid_argument>([&] { binary.booster.predict(infinite); }).contains("(row 1, column 2) is +inf"));
        FeatureMatrixD huge = doubles.topRows(2);
        huge(0, 0) = 1e300;
        QVERIFY(messageOf<std::invalid_argument>([&] { binary.booster.predict(huge); }).contains("outside float range"));
        QVERIFY(messageOf<std::invalid_argument>([&] { binary.booster.predict(FeatureMatrixF::Zero(4, 3)); }).contains("expects 5"));
        QVERIFY(messageOf<std::invalid_argument>([&] { binary.booster.predict(FeatureMatrixF(0, 5)); }).contains("at least one row"));
    }

    void saveToFileRoundTrips()
    {
        const TrainedBooster trained = trainSmallBinary();
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString path = directory.filePath("nested/model.ubj");
        trained.booster.saveToFile(path, ModelFormat::Ubjson);
        const Booster loaded = Booster::loadFromFile(path);
        QCOMPARE(loaded.save(ModelFormat::Ubjson), trained.booster.save(ModelFormat::Ubjson));
        QVERIFY(!messageOf<std::runtime_error>([&] { Booster::loadFromFile(directory.filePath("missing.json")); })
                     .isEmpty());
    }

    void fixedSeedGivesIdenticalModels()
    {
        const QByteArray first = trainSmallBinary(42).booster.save(ModelFormat::Ubjson);
        const QByteArray second = trainSmallBinary(42).booster.save(ModelFormat::Ubjson);
        QCOMPARE(first, second);
        // The seed must actually drive the row/column sampling, or the check above proves nothing.
        QVERIFY(trainSmallBinary(43).booster.save(ModelFormat::Ubjson) != first);
    }

    void quantileRecoversKnownQuantiles()
    {
        const Dataset trainData = heteroscedastic(8000, 20);
        const Dataset validData = heteroscedastic(3000, 21);
        const Dataset testData = heteroscedastic(10000, 22);
        const Matrix train = Matrix::withTargets(trainData.features, trainData.labels);
        const Matrix valid = Matrix::withTargets(validData.features, validData.labels);
        const Matrix test = Matrix::fromFeatures(testData.features);
        QuantileParams params;
        params.name = "ret";
        params.tree.maxDepth = 3;
        params.tree.learningRate = 0.1;
        params.tree.numRounds = 400;
        params.tree.earlyStoppingRounds = 30;
        params.tree.minChildWeight = 50;
        const std::vector<TrainedQuantileBooster> boosters = trainQuantiles(train, &valid, {0.5, 0.9}, params);
        QCOMPARE(boosters.size(), std::size_t{2});
        QCOMPARE(boosters[0].booster.booster().name(), std::string("ret_q50"));
        QCOMPARE(boosters[1].booster.booster().name(), std::string("ret_q90"));

        Eigen::VectorXd lowNoiseSpread = Eigen::VectorXd::Zero(1);
        for (const TrainedQuantileBooster& trained : boosters) {
            const double tau = trained.booster.quantile();
            const Eigen::VectorXd predicted = trained.booster.predict(test);
            const double coverage = (testData.labels.array() <= predicted.array()).cast<double>().mean();
            qInfo("tau %.2f: coverage %.4f, best iteration %d of %zu, base %.4f, step scale %.4f", tau, coverage,
                  trained.report.bestIteration, trained.report.history.size(), trained.baseScore,
                  trained.stepScale);
            QVERIFY2(std::abs(coverage - tau) <= 0.02,
                     qPrintable(QString("tau %1 coverage %2").arg(tau).arg(coverage)));
            // The loaded model is the same quantile model.
            const QuantileBooster loaded = QuantileBooster::load(trained.booster.save(ModelFormat::Json));
            QCOMPARE(loaded.quantile(), tau);
            QVERIFY(loaded.predict(test) == predicted);
        }

        // Heteroscedasticity is learned: the Q90-Q50 gap grows with x1 (true gap 1.2816 * sigma(x1)).
        const Eigen::VectorXd gap = boosters[1].booster.predict(test) - boosters[0].booster.predict(test);
        double lowGap = 0.0;
        double highGap = 0.0;
        int low = 0;
        int high = 0;
        for (Eigen::Index r = 0; r < gap.size(); ++r) {
            if (testData.features(r, 1) < -0.5f) {
                lowGap += gap[r];
                ++low;
            } else if (testData.features(r, 1) > 0.5f) {
                highGap += gap[r];
                ++high;
            }
        }
        lowGap /= low;
        highGap /= high;
        const double trueLow = 1.2816 * heteroscedasticSigma(-0.75);
        const double trueHigh = 1.2816 * heteroscedasticSigma(0.75);
        qInfo("mean Q90-Q50 gap: x1<-0.5 %.3f (true %.3f), x1>0.5 %.3f (true %.3f)", lowGap, trueLow, highGap,
              trueHigh);
        QVERIFY(std::abs(lowGap - trueLow) < 0.25 * trueLow);
        QVERIFY(std::abs(highGap - trueHigh) < 0.25 * trueHigh);
    }

    void randomForestModeWorks()
    {
        const Dataset trainData = threeClasses(2000, 30);
        const Dataset testData = threeClasses(1000, 31);
        const Matrix train = Matrix::withTargets(trainData.features, trainData.labels);
        const BoosterParams params = BoosterParams::randomForestClassifier("forest", 3, 50, 5);
        const TrainedBooster trained = aegis::models::xgb::train(train, nullptr, params);
        QCOMPARE(trained.booster.boostedRounds(), 1);
        QCOMPARE(trained.report.history.size(), std::size_t{1});

        const Matrix test = Matrix::fromFeatures(testData.features);
        const Eigen::MatrixXd probabilities = trained.booster.predict(test);
        QCOMPARE(probabilities.cols(), Eigen::Index{3});
        int correct = 0;
        for (Eigen::Index r = 0; r < probabilities.rows(); ++r) {
            QVERIFY(std::abs(probabilities.row(r).sum() - 1.0) < 1e-5);
            Eigen::Index predicted = 0;
            probabilities.row(r).maxCoeff(&predicted);
            correct += static_cast<double>(predicted) == testData.labels[r] ? 1 : 0;
        }
        QVERIFY2(correct > 900, qPrintable(QString("accuracy %1/1000").arg(correct)));
        const Booster loaded = Booster::load(trained.booster.save(ModelFormat::Ubjson));
        QVERIFY(loaded.predict(test) == probabilities);

        BoosterParams invalid = params;
        invalid.tree.numRounds = 10;
        QVERIFY(!messageOf<std::invalid_argument>([&] { aegis::models::xgb::train(train, nullptr, invalid); })
                     .isEmpty());
    }

    void nonFiniteInputsRejected()
    {
        const Dataset data = separableBinary(100, 40);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();

        Eigen::VectorXd labels = data.labels;
        labels[3] = nan;
        QString message = messageOf<std::invalid_argument>([&] { Matrix::withTargets(data.features, labels); });
        QVERIFY2(message.contains("label") && message.contains("row 3") && message.contains("NaN"),
                 qPrintable(message));
        labels[3] = inf;
        message = messageOf<std::invalid_argument>([&] { Matrix::withTargets(data.features, labels); });
        QVERIFY2(message.contains("infinite"), qPrintable(message));

        Eigen::VectorXd weights = Eigen::VectorXd::Ones(100);
        weights[5] = -inf;
        QVERIFY(messageOf<std::invalid_argument>([&] { Matrix::withTargets(data.features, data.labels, weights); })
                    .contains("weight"));
        weights[5] = -1.0;
        QVERIFY(messageOf<std::invalid_argument>([&] { Matrix::withTargets(data.features, data.labels, weights); })
                    .contains("negative"));
        QVERIFY(!messageOf<std::invalid_argument>(
                     [&] { Matrix::withTargets(data.features, data.labels, Eigen::VectorXd::Zero(100)); })
                     .isEmpty());
        QVERIFY(!messageOf<std::invalid_argument>([&] { Matrix::withTargets(data.features, labels.head(50)); })
                     .isEmpty());

        FeatureMatrixF features = data.features;
        features(2, 1) = std::numeric_limits<float>::infinity();
        message = messageOf<std::invalid_argument>([&] { Matrix::fromFeatures(features); });
        QVERIFY2(message.contains("row 2, column 1") && message.contains("+inf"), qPrintable(message));
        FeatureMatrixD wide = data.features.cast<double>();
        wide(4, 0) = 1e300;
        QVERIFY(messageOf<std::invalid_argument>([&] { Matrix::fromFeatures(wide); }).contains("float range"));

        // NaN features are XGBoost's missing values: accepted, trained on, predicted on.
        features(2, 1) = std::numeric_limits<float>::quiet_NaN();
        features(7, 0) = std::numeric_limits<float>::quiet_NaN();
        const Matrix withMissing = Matrix::withTargets(features, data.labels);
        const TrainedBooster trained = aegis::models::xgb::train(withMissing, nullptr, binaryParams("missing"));
        QVERIFY(trained.booster.predict(withMissing).allFinite());

        Eigen::VectorXd outOfRange = data.labels;
        outOfRange[9] = 2.0;
        const Matrix badBinary = Matrix::withTargets(data.features, outOfRange);
        message = messageOf<std::invalid_argument>(
            [&] { aegis::models::xgb::train(badBinary, nullptr, binaryParams("bad-binary")); });
        QVERIFY2(message.contains("row 9") && message.contains("bad-binary"), qPrintable(message));
    }

    void predictRejectsWrongColumnCount()
    {
        const TrainedBooster trained = trainSmallBinary();
        const FeatureMatrixF narrow = FeatureMatrixF::Zero(10, 4);
        const QString message = messageOf<std::invalid_argument>([&] { trained.booster.predict(Matrix::fromFeatures(narrow)); });
        QVERIFY2(message.contains("expects 5"), qPrintable(message));
    }

    void corruptModelBufferRaisesClearErrors_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("json") << static_cast<int>(ModelFormat::Json);
        QTest::newRow("ubj") << static_cast<int>(ModelFormat::Ubjson);
    }

    void corruptModelBufferRaisesClearErrors()
    {
        QFETCH(int, format);
        const TrainedBooster trained = trainSmallBinary();
        const QByteArray good = trained.booster.save(static_cast<ModelFormat>(format));
        const Matrix probe = Matrix::fromFeatures(separableBinary(50, 50).features);

        QVERIFY(messageOf<ModelFormatError>([] { Booster::load(QByteArray()); }).contains("empty"));
        QVERIFY(messageOf<ModelFormatError>([] { Booster::load(QByteArray("binf\x01\x02garbage")); })
                    .contains("not a JSON or UBJSON"));

        // Every truncation must be refused with a message, never crash or load a partial model.
        for (qsizetype length = 1; length < good.size(); length += std::max<qsizetype>(1, good.size() / 97)) {
            const QString message = messageOf<std::exception>([&] { Booster::load(good.left(length)); });
            QVERIFY2(!message.isEmpty(), qPrintable(QString("truncation to %1 bytes was accepted").arg(length)));
        }
        const QString truncated = messageOf<ModelFormatError>([&] { Booster::load(good.left(good.size() / 2)); });
        QVERIFY2(truncated.contains("XGBoosterLoadModelFromBuffer") || truncated.contains("invalid XGBoost model"),
                 qPrintable(truncated));

        // Flipped bytes either fail to load with a message or yield a model that predicts finite values
        // or refuses with a message. Reaching the end of the loop means nothing crashed.
        int rejected = 0;
        for (qsizetype position = 1; position < good.size(); position += std::max<qsizetype>(1, good.size() / 101)) {
            for (const char replacement : {'9', '\xff', '\x00'}) {
                QByteArray corrupt = good;
                corrupt[position] = replacement;
                try {
                    const Booster loaded = Booster::load(corrupt);
                    (void)loaded.predict(probe);
                } catch (const std::exception& error) {
                    QVERIFY(std::strlen(error.what()) > 0);
                    ++rejected;
                }
            }
        }
        QVERIFY(rejected > 0);
    }

    void concurrentPredictIsSerialisedAndCorrect()
    {
        const TrainedBooster trained = trainSmallBinary();
        const Matrix first = Matrix::fromFeatures(separableBinary(3000, 60).features);
        const Matrix second = Matrix::fromFeatures(separableBinary(2000, 61).features);
        const Eigen::MatrixXd expectedFirst = trained.booster.predict(first);
        const Eigen::MatrixXd expectedSecond = trained.booster.predict(second);

        std::atomic<int> mismatches{0};
        const auto worker = [&](const Matrix& matrix, const Eigen::MatrixXd& expected) {
            for (int i = 0; i < 25; ++i)
                if (!(trained.booster.predict(matrix) == expected))
                    ++mismatches;
        };
        const FeatureMatrixF dense = separableBinary(1000, 62).features;
        const Eigen::MatrixXd expectedDense = trained.booster.predict(Matrix::fromFeatures(dense));
        const auto denseWorker = [&] {
            for (int i = 0; i < 50; ++i)
                if (!(trained.booster.predict(dense) == expectedDense))
                    ++mismatches;
        };
        std::thread a(worker, std::cref(first), std::cref(expectedFirst));
        std::thread b(worker, std::cref(second), std::cref(expectedSecond));
        std::thread c(worker, std::cref(first), std::cref(expectedFirst));
        std::thread d(denseWorker);
        a.join();
        b.join();
        c.join();
        d.join();
        QCOMPARE(mismatches.load(), 0);
    }

    void cancellationStopsTraining()
    {
        const Dataset data = separableBinary(500, 70);
        const Matrix train = Matrix::withTargets(data.features, data.labels);
        int roundsReported = 0;
        TrainingHooks hooks;
        hooks.progress = [&roundsReported](const RoundProgress& progress) {
            QCOMPARE(progress.iteration, roundsReported);
            QCOMPARE(progress.totalRounds, 30);
            ++roundsReported;
        };
        hooks.cancelRequested = [&roundsReported] { return roundsReported == 3; };
        int completed = -1;
        try {
            aegis::models::xgb::train(train, nullptr, binaryParams("cancel-me"), hooks);
        } catch (const TrainingCancelled& cancelled) {
            completed = cancelled.completedRounds();
            QVERIFY(QString(cancelled.what()).contains("cancel-me"));
        }
        QCOMPARE(completed, 3);
        QCOMPARE(roundsReported, 3);

        QuantileParams quantile;
        quantile.tree.numRounds = 30;
        completed = -1;
        try {
            trainQuantile(train, nullptr, quantile, {[] { return true; }, {}});
        } catch (const TrainingCancelled& cancelled) {
            completed = cancelled.completedRounds();
        }
        QCOMPARE(completed, 0);
    }

    void sharedMatrixServesSeveralBoosters()
    {
        // One Matrix, re-targeted in place, must give exactly the models fresh matrices give.
        const Dataset data = heteroscedastic(20000, 80);
        Eigen::VectorXd direction(data.labels.size());
        for (Eigen::Index r = 0; r < direction.size(); ++r)
            direction[r] = data.labels[r] > 0.0 ? 1.0 : 0.0;
        BoosterParams classifier = binaryParams("direction");
        BoosterParams regressor = binaryParams("level");
        regressor.objective = ObjectiveKind::SquaredError;

        QElapsedTimer timer;
        timer.start();
        Matrix shared = Matrix::withTargets(data.features, direction);
        const QByteArray sharedClassifier = aegis::models::xgb::train(shared, nullptr, classifier).booster.save(ModelFormat::Ubjson);
        const qint64 firstMs = timer.restart();
        shared.setTargets(data.labels);
        const QByteArray sharedRegressor = aegis::models::xgb::train(shared, nullptr, regressor).booster.save(ModelFormat::Ubjson);
        const qint64 secondMs = timer.restart();
        const Matrix fresh = Matrix::withTargets(data.features, data.labels);
        const QByteArray freshRegressor = aegis::models::xgb::train(fresh, nullptr, regressor).booster.save(ModelFormat::Ubjson);
        const qint64 freshMs = timer.elapsed();
        qInfo("20000x3, 30 rounds: first booster on new Matrix %lld ms, second booster on shared Matrix %lld ms, "
              "same booster on a fresh Matrix %lld ms",
              static_cast<long long>(firstMs), static_cast<long long>(secondMs), static_cast<long long>(freshMs));

        QCOMPARE(sharedRegressor, freshRegressor);
        QVERIFY(sharedClassifier != sharedRegressor);
    }

    void xgboostErrorsNameTheCall()
    {
        // A structurally sound document that XGBoost itself rejects: the message names the failed C API call.
        QByteArray unknownObjective = trainSmallBinary().booster.save(ModelFormat::Json);
        unknownObjective.replace("binary:logistic", "binary:bogus");
        const QString message = messageOf<ModelFormatError>([&] { Booster::load(unknownObjective); });
        QVERIFY2(message.contains("XGBoosterLoadModelFromBuffer"), qPrintable(message));
        QVERIFY2(!message.contains("Stack trace"), qPrintable(message));
    }

    void evalLineParsesLocaleIndependently()
    {
        const auto metrics = detail::parseEvalLine("[12]\ttrain-logloss:0.25\tvalid-logloss:3.5E-1");
        QCOMPARE(metrics.size(), std::size_t{2});
        QCOMPARE(metrics.at("train-logloss"), 0.25);
        QCOMPARE(metrics.at("valid-logloss"), 0.35);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, detail::parseEvalLine("[1]\tvalid-logloss:0,25"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, detail::parseEvalLine("valid-logloss:0.25"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, detail::parseEvalLine("[1]"));
    }
};

QTEST_APPLESS_MAIN(TestModelsXgb)
#include "test_models_xgb.moc"
