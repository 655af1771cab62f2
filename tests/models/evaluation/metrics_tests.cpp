#include "synthetic_data.h"

#include "models/evaluation/bootstrap.h"
#include "models/evaluation/metrics_report.h"
#include "models/evaluation/probability_metrics.h"
#include "models/evaluation/quantile_metrics.h"
#include "models/evaluation/rank_metrics.h"

#include <QtTest>

#include <limits>
#include <numeric>
#include <stdexcept>

using namespace aegis::models::evaluation;
using namespace aegis::models::evaluation::testing;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Positives score N(separation, 1), negatives N(0, 1): AUC = Phi(separation / sqrt 2).
struct BinormalSample {
    std::vector<double> scores;
    std::vector<int> labels;
};

BinormalSample binormalSample(std::size_t n, double separation, std::uint64_t seed)
{
    SyntheticSource source(seed);
    BinormalSample sample;
    for (std::size_t i = 0; i < n; ++i) {
        const int label = source.bernoulli(0.4);
        sample.labels.push_back(label);
        sample.scores.push_back(source.normal(label == 1 ? separation : 0.0));
    }
    return sample;
}

double standardNormalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

double width(const ConfidenceInterval& interval)
{
    return interval.high - interval.low;
}

}  // namespace

class MetricsTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aucMatchesHandComputedCases()
    {
        QCOMPARE(*rocAuc(std::vector<double>{0.1, 0.4, 0.35, 0.8}, std::vector<int>{0, 0, 1, 1}), 0.75);
        // A tied positive/negative pair counts one half: (1 + 0.5 + 1 + 1) / 4.
        QCOMPARE(*rocAuc(std::vector<double>{0.1, 0.5, 0.5, 0.9}, std::vector<int>{0, 0, 1, 1}), 0.875);
        QCOMPARE(*rocAuc(std::vector<double>{0.5, 0.5, 0.5, 0.5}, std::vector<int>{0, 1, 0, 1}), 0.5);
        QCOMPARE(*rocAuc(std::vector<double>{3.0, 2.0, 1.0}, std::vector<int>{0, 1, 1}), 0.0);
        QVERIFY(!rocAuc(std::vector<double>{0.2, 0.3}, std::vector<int>{1, 1}).has_value());
        QCOMPARE(averageRanks(std::vector<double>{10.0, 20.0, 20.0, 5.0, 20.0}),
                 (std::vector<double>{2.0, 4.0, 4.0, 1.0, 4.0}));
    }

    void aucOfRandomScoresIsOneHalf()
    {
        SyntheticSource source(31);
        std::vector<double> scores;
        std::vector<int> labels;
        for (int i = 0; i < 20000; ++i) {
            scores.push_back(source.uniform());
            labels.push_back(source.bernoulli(0.3));
        }
        const double auc = *rocAuc(scores, labels);
        QVERIFY2(std::abs(auc - 0.5) < 0.02, qPrintable(QString::number(auc)));
    }

    void bootstrapIntervalCoversTrueAucAndNarrowsWithN()
    {
        const double trueAuc = standardNormalCdf(1.0 / std::sqrt(2.0));
        const BinormalSample small = binormalSample(400, 1.0, 32);
        const BinormalSample large = binormalSample(4000, 1.0, 33);
        const auto smallInterval = bootstrapAucInterval(small.scores, small.labels);
        const auto largeInterval = bootstrapAucInterval(large.scores, large.labels);
        QVERIFY(smallInterval && largeInterval);
        QCOMPARE(smallInterval->usedResamples, 500);
        QVERIFY(smallInterval->interval.low < trueAuc && trueAuc < smallInterval->interval.high);
        QVERIFY(largeInterval->interval.low < trueAuc && trueAuc < largeInterval->interval.high);
        QVERIFY2(width(largeInterval->interval) < 0.5 * width(smallInterval->interval),
                 qPrintable(QString("%1 vs %2").arg(width(largeInterval->interval)).arg(width(smallInterval->interval))));
        const double pointAuc = *rocAuc(large.scores, large.labels);
        QVERIFY(largeInterval->interval.low < pointAuc && pointAuc < largeInterval->interval.high);
    }

    void bootstrapIsReproducibleForASeed()
    {
        const BinormalSample sample = binormalSample(500, 0.5, 34);
        BootstrapOptions options;
        options.resamples = 200;
        const auto first = bootstrapAucInterval(sample.scores, sample.labels, options);
        const auto second = bootstrapAucInterval(sample.scores, sample.labels, options);
        QVERIFY(first->interval == second->interval);
        options.seed += 1;
        QVERIFY(!(bootstrapAucInterval(sample.scores, sample.labels, options)->interval == first->interval));
    }

    void blockBootstrapWidensForRowsSharingADay()
    {
        // 200 sessions x 10 tickers where each session's rows share label and (nearly) score: the
        // effective sample is 200, and only resampling whole sessions sees that.
        SyntheticSource source(35);
        std::vector<double> scores;
        std::vector<int> labels;
        std::vector<std::int64_t> times;
        for (std::int64_t session = 0; session < 200; ++session) {
            const int label = source.bernoulli(0.5);
            const double dayScore = source.normal(label == 1 ? 0.5 : 0.0);
            for (int ticker = 0; ticker < 10; ++ticker) {
                scores.push_back(dayScore + source.normal(0.0, 0.05));
                labels.push_back(label);
                times.push_back(session);
            }
        }
        const auto rowwise = bootstrapAucInterval(scores, labels);
        BootstrapOptions byTime;
        byTime.blockLength = 5;
        const auto blocked = bootstrapAucInterval(scores, labels, byTime, times);
        QVERIFY2(width(blocked->interval) > 2.0 * width(rowwise->interval),
                 qPrintable(QString("%1 vs %2").arg(width(blocked->interval)).arg(width(rowwise->interval))));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapAucInterval(scores, labels, byTime));
    }

    void skillIntervalSurroundsTheSkillAndWidensForRowsSharingADay()
    {
        // Forecasts with a little skill on 200 sessions x 10 tickers whose outcomes mostly move together.
        SyntheticSource source(36);
        std::vector<double> probabilities, modelLosses, climatologyLosses;
        std::vector<int> labels;
        std::vector<std::int64_t> times;
        for (std::int64_t session = 0; session < 200; ++session) {
            const double p = 0.3 + 0.4 * source.uniform();
            const int dayLabel = source.bernoulli(p);
            for (int ticker = 0; ticker < 10; ++ticker) {
                const int label = source.bernoulli(0.9) ? dayLabel : 1 - dayLabel;
                probabilities.push_back(p);
                labels.push_back(label);
                times.push_back(session);
                modelLosses.push_back((p - label) * (p - label));
                climatologyLosses.push_back((0.5 - label) * (0.5 - label));
            }
        }
        const double skill = *skillScore(modelLosses, climatologyLosses);
        const auto rowwise = bootstrapSkillScoreInterval(modelLosses, climatologyLosses);
        BootstrapOptions byTime;
        byTime.blockLength = 5;
        const auto blocked = bootstrapSkillScoreInterval(modelLosses, climatologyLosses, byTime, times);
        QVERIFY(rowwise && blocked);
        QVERIFY(rowwise->interval.low < skill && skill < rowwise->interval.high);
        QVERIFY(blocked->interval.low < skill && skill < blocked->interval.high);
        QVERIFY2(width(blocked->interval) > 2.0 * width(rowwise->interval),
                 qPrintable(QString("%1 vs %2").arg(width(blocked->interval)).arg(width(rowwise->interval))));

        // A climatology that is never wrong leaves the skill undefined on every resample.
        const std::vector<double> zero(4, 0.0), some{0.1, 0.2, 0.0, 0.3};
        QVERIFY(!bootstrapSkillScoreInterval(some, zero).has_value());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapSkillScoreInterval(some, std::vector<double>{0.1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapSkillScoreInterval(std::vector<double>{-0.1}, std::vector<double>{0.1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 bootstrapSkillScoreInterval(std::vector<double>{std::numeric_limits<double>::quiet_NaN()}, std::vector<double>{0.1}));
    }

    void meanIntervalMatchesTheBinomialAndWidensForRowsSharingADay()
    {
        // Coverage indicators: 2,000 independent rows covered with probability 0.9, then 200 sessions x
        // 10 tickers whose rows are covered or not together, most days.
        SyntheticSource source(37);
        std::vector<double> independent;
        for (int row = 0; row < 2000; ++row)
            independent.push_back(source.bernoulli(0.9));
        const double mean = std::accumulate(independent.begin(), independent.end(), 0.0) / double(independent.size());
        BootstrapOptions many;
        many.resamples = 2000;
        const auto rowwise = bootstrapMeanInterval(independent, many);
        QVERIFY(rowwise && rowwise->interval.low < mean && mean < rowwise->interval.high);
        // The normal interval's width, 2 x 1.96 x sqrt(p (1 - p) / n) = 0.026, within a tenth of it either way:
        // percentile intervals from 2,000 resamples.
        const double normalWidth = 2.0 * 1.959964 * std::sqrt(mean * (1.0 - mean) / double(independent.size()));
        QVERIFY2(std::abs(width(rowwise->interval) - normalWidth) < 0.1 * normalWidth,
                 qPrintable(QString("%1 vs %2").arg(width(rowwise->interval)).arg(normalWidth)));

        std::vector<double> clustered;
        std::vector<std::int64_t> times;
        for (std::int64_t session = 0; session < 200; ++session) {
            const int dayCovered = source.bernoulli(0.9);
            for (int ticker = 0; ticker < 10; ++ticker) {
                clustered.push_back(source.bernoulli(0.95) ? dayCovered : 1 - dayCovered);
                times.push_back(session);
            }
        }
        BootstrapOptions byTime;
        byTime.blockLength = 5;
        const auto blocked = bootstrapMeanInterval(clustered, byTime, times);
        const auto ignoringTime = bootstrapMeanInterval(clustered);
        QVERIFY(blocked && ignoringTime);
        QVERIFY2(width(blocked->interval) > 2.0 * width(ignoringTime->interval),
                 qPrintable(QString("%1 vs %2").arg(width(blocked->interval)).arg(width(ignoringTime->interval))));

        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bootstrapMeanInterval(std::vector<double>{}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 bootstrapMeanInterval(std::vector<double>{1.0, std::numeric_limits<double>::infinity()}));
    }

    void brierAndLogLossByHand()
    {
        const std::vector<double> probabilities{0.9, 0.2, 0.6, 0.5};
        const std::vector<int> labels{1, 0, 0, 1};
        QVERIFY(std::abs(brierScore(probabilities, labels) - (0.01 + 0.04 + 0.36 + 0.25) / 4.0) < 1e-15);
        const double expectedLogLoss = -(std::log(0.9) + std::log(0.8) + std::log(0.4) + std::log(0.5)) / 4.0;
        QVERIFY(std::abs(logLoss(probabilities, labels) - expectedLogLoss) < 1e-15);
        // Clipping keeps a certain miss finite.
        QVERIFY(std::abs(logLoss(std::vector<double>{0.0}, std::vector<int>{1}) + std::log(kLogLossClip)) < 1e-9);
    }

    void brierSkillIsZeroForClimatologyAndUsesTheTrainingRate()
    {
        SyntheticSource source(36);
        std::vector<int> labels;
        for (int i = 0; i < 1000; ++i)
            labels.push_back(source.bernoulli(0.3));
        const std::vector<double> climatology(labels.size(), 0.3);
        QCOMPARE(*skillScore(brierLosses(climatology, labels), brierLosses(climatology, labels)), 0.0);

        // Half the test labels are 1 but training said 0.3: the reference keeps the training rate.
        const std::vector<int> balanced{1, 0, 1, 0};
        const std::vector<double> half(4, 0.5);
        const std::vector<double> trainingRate(4, 0.3);
        QVERIFY(std::abs(*skillScore(brierLosses(half, balanced), brierLosses(trainingRate, balanced)) - (1.0 - 0.25 / 0.29)) < 1e-12);
        // Two folds, trained on rates 0.3 and 0.7: each row is scored against its own fold's rate.
        const std::vector<double> perFold{0.3, 0.3, 0.7, 0.7};
        const double perFoldReference = (0.49 + 0.09 + 0.09 + 0.49) / 4.0;
        const MetricsReport perFoldReport = evaluateBinaryClassifier(half, balanced, std::span<const double>(perFold));
        QVERIFY(std::abs(*perFoldReport.brierSkill - (1.0 - 0.25 / perFoldReference)) < 1e-12);
        QVERIFY(std::abs(*perFoldReport.brier - 0.25) < 1e-15);
        QVERIFY(!skillScore(brierLosses(std::vector<double>{0.2}, std::vector<int>{1}),
                            brierLosses(std::vector<double>{1.0}, std::vector<int>{1}))
                     .has_value());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 evaluateBinaryClassifier(half, balanced, std::span<const double>(std::vector<double>(4, kNaN))));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 evaluateBinaryClassifier(half, balanced, std::span<const double>(std::vector<double>(3, 0.3))));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, skillScore(std::vector<double>{0.1}, std::vector<double>{0.1, 0.2}));
    }

    void eceIsNearZeroForCalibratedLabels()
    {
        SyntheticSource source(37);
        std::vector<double> probabilities;
        std::vector<int> labels;
        for (int i = 0; i < 100000; ++i) {
            const double p = source.uniform();
            probabilities.push_back(p);
            labels.push_back(source.bernoulli(p));
        }
        for (ReliabilityBinning binning : {ReliabilityBinning::EqualWidth, ReliabilityBinning::EqualMass}) {
            const auto bins = reliabilityDiagram(probabilities, labels, 10, binning);
            QCOMPARE(bins.size(), std::size_t{10});
            std::size_t total = 0;
            for (const ReliabilityBin& bin : bins) {
                total += bin.count;
                QVERIFY(std::abs(bin.meanPredicted - bin.observedFrequency) < 0.02);
                QVERIFY(bin.lower <= bin.meanPredicted && bin.meanPredicted <= bin.upper);
            }
            QCOMPARE(total, probabilities.size());
            QVERIFY(expectedCalibrationError(bins) < 0.01);
        }
    }

    void reliabilityBinsByHand()
    {
        const std::vector<double> probabilities{0.05, 0.15, 0.12, 0.95};
        const std::vector<int> labels{0, 1, 0, 1};
        const auto bins = reliabilityDiagram(probabilities, labels);
        QCOMPARE(bins.size(), std::size_t{3});  // empty bins are left out
        QCOMPARE(bins[1].count, std::size_t{2});
        QVERIFY(std::abs(bins[1].meanPredicted - 0.135) < 1e-12);
        QCOMPARE(bins[1].observedFrequency, 0.5);
        QVERIFY(std::abs(bins[2].lower - 0.9) < 1e-12 && bins[2].upper == 1.0);
        const double expectedEce = (0.05 + 2.0 * 0.365 + 0.05) / 4.0;
        QVERIFY(std::abs(expectedCalibrationError(bins) - expectedEce) < 1e-12);
        // Equal mass never splits tied predictions.
        const auto tiedBins = reliabilityDiagram(std::vector<double>{0.3, 0.3, 0.3, 0.7}, std::vector<int>{0, 1, 0, 1},
                                                 2, ReliabilityBinning::EqualMass);
        QCOMPARE(tiedBins.size(), std::size_t{2});
        QCOMPARE(tiedBins[0].count, std::size_t{3});
    }

    void accuracyAgainstMajorityBaseline()
    {
        const std::vector<double> probabilities{0.7, 0.4, 0.2, 0.6, 0.5};
        const std::vector<int> labels{1, 1, 0, 0, 0};
        QCOMPARE(accuracy(probabilities, labels), 0.4);
        QCOMPARE(majorityBaselineAccuracy(labels), 0.6);
        QCOMPARE(majorityBaselineAccuracy(std::vector<int>{2, 2, 1}, 3), 2.0 / 3.0);
    }

    void multiclassMetrics()
    {
        Eigen::MatrixXd probabilities(4, 3);
        probabilities << 0.8, 0.1, 0.1,  //
            0.2, 0.7, 0.1,               //
            0.1, 0.2, 0.7,               //
            0.3, 0.4, 0.3;
        const std::vector<int> labels{0, 1, 2, 0};
        QCOMPARE(multiclassAccuracy(probabilities, labels), 0.75);
        const double brier = ((0.04 + 0.01 + 0.01) + (0.04 + 0.09 + 0.01) + (0.01 + 0.04 + 0.09) +
                              (0.49 + 0.16 + 0.09)) / 4.0;
        QVERIFY(std::abs(multiclassBrierScore(probabilities, labels) - brier) < 1e-12);
        const double logLossValue = -(std::log(0.8) + std::log(0.7) + std::log(0.7) + std::log(0.3)) / 4.0;
        QVERIFY(std::abs(multiclassLogLoss(probabilities, labels) - logLossValue) < 1e-12);
        // Class 0 vs rest: scores 0.8, 0.3 (pos) against 0.2, 0.1 (neg) -> 1. Class 1: 0.7 vs 0.1, 0.2, 0.4 -> 1.
        // Class 2: 0.7 vs 0.1, 0.1, 0.3 -> 1.
        QCOMPARE(*macroOneVsRestAuc(probabilities, labels), 1.0);
        const Eigen::MatrixXd constant = Eigen::RowVector3d(0.5, 0.25, 0.25).replicate(4, 1);
        QCOMPARE(*evaluateMulticlassClassifier(constant, labels, constant).brierSkill, 0.0);
        const Eigen::MatrixXd shorter = constant.topRows(3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, evaluateMulticlassClassifier(constant, labels, shorter));
    }

    void pinballAndCoverageOnAKnownDistribution()
    {
        QVERIFY(std::abs(pinballLoss(std::vector<double>{1.0, 2.0, 3.0}, std::vector<double>{2.0, 2.0, 2.0}, 0.25) -
                         1.0 / 3.0) < 1e-15);

        // Standard normal: the 0.9-quantile is 1.2815516 and the expected pinball loss there is
        // phi(1.2815516) = 0.1754983, the minimum over all constant forecasts.
        SyntheticSource source(38);
        const std::vector<double> realised = source.normals(200000);
        const double q90 = 1.2815515655446004;
        const std::vector<double> atQuantile(realised.size(), q90);
        QVERIFY(std::abs(empiricalQuantileCoverage(realised, atQuantile) - 0.9) < 0.005);
        const double loss = pinballLoss(realised, atQuantile, 0.9);
        QVERIFY2(std::abs(loss - 0.1754983) < 0.003, qPrintable(QString::number(loss)));
        for (double shift : {-0.3, 0.3})
            QVERIFY(pinballLoss(realised, std::vector<double>(realised.size(), q90 + shift), 0.9) > loss);

        const std::vector<double> lower(realised.size(), -1.6448536269514729);
        const std::vector<double> upper(realised.size(), 1.6448536269514729);
        QVERIFY(std::abs(intervalCoverage(realised, lower, upper) - 0.9) < 0.005);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, intervalCoverage(realised, upper, lower));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pinballLoss(realised, atQuantile, 1.0));
    }

    void theTrainingConstantMinimisesPinballLoss()
    {
        QCOMPARE(pinballOptimalConstant({5.0, 1.0, 3.0, 2.0, 4.0}, 0.5), 3.0);
        QCOMPARE(pinballOptimalConstant({5.0, 1.0, 3.0, 2.0, 4.0}, 0.9), 5.0);
        QCOMPARE(pinballOptimalConstant({5.0, 1.0, 3.0, 2.0, 4.0}, 0.2), 1.0);

        SyntheticSource source(41);
        const std::vector<double> sample = source.normals(5001);
        for (double level : {0.1, 0.5, 0.9}) {
            const double best = pinballOptimalConstant(sample, level);
            const double loss = pinballLoss(sample, std::vector<double>(sample.size(), best), level);
            for (double shift : {-0.01, 0.01})
                QVERIFY(pinballLoss(sample, std::vector<double>(sample.size(), best + shift), level) >= loss);
            const std::vector<double> losses = pinballLosses(sample, std::vector<double>(sample.size(), best), level);
            QVERIFY(std::abs(std::accumulate(losses.begin(), losses.end(), 0.0) / double(losses.size()) - loss) < 1e-15);
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pinballOptimalConstant({}, 0.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pinballOptimalConstant({1.0, kNaN}, 0.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pinballOptimalConstant({1.0}, 0.0));
    }

    void spearmanHandlesTies()
    {
        // Ranks (1, 2.5, 2.5, 4) and (1, 3, 2, 4): covariance 4.5, variances 4.5 and 5.
        const double ic = *spearmanInformationCoefficient(std::vector<double>{1.0, 2.0, 2.0, 3.0},
                                                          std::vector<double>{10.0, 30.0, 20.0, 40.0});
        QVERIFY(std::abs(ic - 4.5 / std::sqrt(22.5)) < 1e-12);
        QCOMPARE(*spearmanInformationCoefficient(std::vector<double>{1.0, 5.0, 9.0},
                                                 std::vector<double>{std::exp(1.0), std::exp(5.0), std::exp(9.0)}),
                 1.0);
        QCOMPARE(*spearmanInformationCoefficient(std::vector<double>{1.0, 2.0, 3.0}, std::vector<double>{3.0, 2.0, 1.0}),
                 -1.0);
        QVERIFY(!spearmanInformationCoefficient(std::vector<double>{1.0, 1.0}, std::vector<double>{1.0, 2.0}));
    }

    void nanAndInfAreRejected()
    {
        const double inf = std::numeric_limits<double>::infinity();
        const std::vector<int> labels{0, 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rocAuc(std::vector<double>{0.1, kNaN}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rocAuc(std::vector<double>{0.1, inf}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rocAuc(std::vector<double>{0.1, 0.2}, std::vector<int>{0, 3}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, brierScore(std::vector<double>{0.1, kNaN}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, logLoss(std::vector<double>{0.1, -0.2}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, expectedCalibrationError(std::vector<double>{kNaN, 0.2}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, accuracy(std::vector<double>{0.1}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, brierScore({}, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 spearmanInformationCoefficient(std::vector<double>{1.0, inf}, std::vector<double>{1, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 pinballLoss(std::vector<double>{kNaN}, std::vector<double>{1.0}, 0.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 empiricalQuantileCoverage(std::vector<double>{1.0}, std::vector<double>{inf}));
        Eigen::MatrixXd probabilities(2, 2);
        probabilities << 0.5, 0.5, kNaN, 0.5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, multiclassLogLoss(probabilities, labels));
        probabilities << 0.5, 0.5, 0.9, 0.5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, macroOneVsRestAuc(probabilities, labels));
    }
};

int runMetricsTests(int argc, char** argv)
{
    MetricsTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "metrics_tests.moc"
