// The ECE floor: what a perfectly calibrated forecaster issuing the same forecasts shows on a sample of
// the same size (and, clustered, with the same dependence between rows), so a reader can tell sampling
// noise from miscalibration.

#include "models/evaluation/calibration_floor.h"
#include "models/evaluation/metrics_report.h"

#include "synthetic_data.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>

using namespace aegis::models::evaluation;
using aegis::models::evaluation::testing::SyntheticSource;

namespace {

// The floors the report computes, as one call (the report keeps the draws for the p-value too).
double independentFloor(std::span<const double> probabilities, int binCount = kDefaultReliabilityBins,
                        ReliabilityBinning binning = ReliabilityBinning::EqualWidth, int draws = kEceFloorDraws)
{
    return eceFloor(eceDraws(probabilities, binCount, binning, draws));
}

double clusteredFloor(std::span<const double> probabilities, std::span<const int> outcomes,
                      std::span<const std::int64_t> rowTimes, int blockLength, int binCount = kDefaultReliabilityBins,
                      ReliabilityBinning binning = ReliabilityBinning::EqualWidth, int draws = kEceFloorDraws)
{
    return eceFloor(clusteredEceDraws(probabilities, outcomes, rowTimes, blockLength, binCount, binning, draws));
}

std::vector<double> spreadForecasts(std::size_t n, std::uint64_t seed)
{
    SyntheticSource source(seed);
    std::vector<double> forecasts(n);
    for (double& forecast : forecasts)
        forecast = 0.05 + 0.9 * source.uniform();
    return forecasts;
}

// Calibrated outcomes in blocks of `blockRows` rows that share one market draw: row i of block b is 1
// when u_b < p_i, so every row is still 1 with probability p_i but a block's rows move together.
std::vector<int> blockSharedOutcomes(const std::vector<double>& forecasts, std::size_t blockRows, SyntheticSource& source)
{
    std::vector<int> outcomes(forecasts.size());
    double shared = 0.0;
    for (std::size_t row = 0; row < forecasts.size(); ++row) {
        if (row % blockRows == 0)
            shared = source.uniform();
        outcomes[row] = shared < forecasts[row] ? 1 : 0;
    }
    return outcomes;
}

std::vector<std::int64_t> sessionsOfBlocks(std::size_t rows, std::size_t blockRows)
{
    std::vector<std::int64_t> times(rows);
    for (std::size_t row = 0; row < rows; ++row)
        times[row] = std::int64_t(row / blockRows);
    return times;
}

// 200 sessions of 20 tickers whose forecasts differ little within a session (as a market-wide view
// would); with blockSharedOutcomes() they are calibrated, yet far noisier than 4,000 independent rows.
constexpr std::size_t kRowsPerSession = 20;

std::vector<double> sessionWideForecasts()
{
    std::vector<double> forecasts = spreadForecasts(4000, 21);
    const std::vector<double> sessionForecasts = spreadForecasts(4000 / kRowsPerSession, 23);
    for (std::size_t row = 0; row < forecasts.size(); ++row)
        forecasts[row] = sessionForecasts[row / kRowsPerSession] + 0.04 * (forecasts[row] - 0.5);
    return forecasts;
}

}  // namespace

class CalibrationFloorTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void floorIsTheEceCalibratedForecastsShow()
    {
        // 1,300 forecasts over ten bins: about the real-data breach-band record before it scored band draws of its own.
        const std::vector<double> forecasts = spreadForecasts(1300, 3);
        const double floor = independentFloor(forecasts);
        SyntheticSource source(99);  // another generator than the floor's own
        constexpr int kSamples = 300;
        double observed = 0.0;
        for (int sample = 0; sample < kSamples; ++sample) {
            std::vector<int> outcomes;
            for (double forecast : forecasts)
                outcomes.push_back(source.bernoulli(forecast));
            observed += expectedCalibrationError(forecasts, outcomes);
        }
        observed /= kSamples;
        qInfo("floor %f observed %f", floor, observed);
        QVERIFY2(std::abs(floor - observed) <= 0.1 * observed,
                 qPrintable(QStringLiteral("floor %1, calibrated forecasts showed %2").arg(floor).arg(observed)));
        // Far from zero at this size: an ECE bar of 0.03 is close to what calibration alone scores here.
        QVERIFY2(floor > 0.02 && floor < 0.04, qPrintable(QString::number(floor)));
    }

    void constantForecastMatchesTheBinomialMeanDeviation()
    {
        // One bin: ECE = |observed frequency - p|, whose mean is sqrt(p (1 - p) / n) sqrt(2 / pi) for large n.
        constexpr double kP = 0.3;
        constexpr std::size_t kRows = 1000;
        const std::vector<double> forecasts(kRows, kP);
        const double expected = std::sqrt(kP * (1.0 - kP) / kRows) * std::sqrt(2.0 / std::numbers::pi);
        const double floor = independentFloor(forecasts, kDefaultReliabilityBins, ReliabilityBinning::EqualWidth, 2000);
        qInfo("floor %f expected %f", floor, expected);
        QVERIFY2(std::abs(floor - expected) <= 0.05 * expected,
                 qPrintable(QStringLiteral("floor %1, expected %2").arg(floor).arg(expected)));
    }

    void floorHalvesWhenTheSampleQuadruples()
    {
        const double small = independentFloor(spreadForecasts(1000, 5), 10, ReliabilityBinning::EqualWidth, 400);
        const double large = independentFloor(spreadForecasts(4000, 5), 10, ReliabilityBinning::EqualWidth, 400);
        qInfo("small %f large %f", small, large);
        QVERIFY2(std::abs(large / small - 0.5) <= 0.05, qPrintable(QStringLiteral("%1 -> %2").arg(small).arg(large)));
    }

    void miscalibratedForecastsSitWellAboveTheirFloor()
    {
        const auto sample = aegis::models::evaluation::testing::overconfidentSample(2000, 17);
        const MetricsReport report = evaluateBinaryClassifier(sample.reported, sample.labels, 0.5);
        QVERIFY(report.ece && report.eceFloor);
        QVERIFY2(*report.ece > 3.0 * *report.eceFloor,
                 qPrintable(QStringLiteral("ECE %1, floor %2").arg(*report.ece).arg(*report.eceFloor)));
    }

    void reportsCarryTheFloorOfTheirOwnBinning()
    {
        const std::vector<double> forecasts = spreadForecasts(800, 7);
        std::vector<int> outcomes;
        SyntheticSource source(8);
        for (double forecast : forecasts)
            outcomes.push_back(source.bernoulli(forecast));
        EvaluationOptions options;
        options.bootstrap.resamples = 50;
        options.binning = ReliabilityBinning::EqualMass;
        options.reliabilityBins = 5;
        const MetricsReport report = evaluateBinaryClassifier(forecasts, outcomes, 0.5, options);
        QCOMPARE(*report.eceFloor, independentFloor(forecasts, 5, ReliabilityBinning::EqualMass));
        // Seeded: the same forecasts always give the same floor.
        QCOMPARE(independentFloor(forecasts), independentFloor(forecasts));

        // Multi-class: the top-label ECE's floor uses the argmax's probability as its forecast.
        Eigen::MatrixXd probabilities(Eigen::Index(forecasts.size()), 3);
        std::vector<double> confidence;
        std::vector<int> classes;
        for (std::size_t row = 0; row < forecasts.size(); ++row) {
            const double top = 0.34 + 0.6 * forecasts[row];
            probabilities.row(Eigen::Index(row)) << (1.0 - top) / 2.0, top, (1.0 - top) / 2.0;
            confidence.push_back(top);
            classes.push_back(row % 3 == 0 ? 1 : 0);
        }
        const MetricsReport multiclass = evaluateMulticlassClassifier(probabilities, classes, std::vector<double>{0.4, 0.3, 0.3}, options);
        QVERIFY(multiclass.eceFloor);
        QVERIFY(std::abs(*multiclass.eceFloor - independentFloor(confidence, 5, ReliabilityBinning::EqualMass)) < 1e-12);

        // Rows with session times and a block bootstrap: the floor keeps the blocks' dependence.
        const std::vector<std::int64_t> sessions = sessionsOfBlocks(forecasts.size(), 4);
        options.bootstrap.blockLength = 5;
        const MetricsReport timed = evaluateBinaryClassifier(forecasts, outcomes, 0.5, options, sessions);
        QCOMPARE(*timed.eceFloor, clusteredFloor(forecasts, outcomes, sessions, 5, 5, ReliabilityBinning::EqualMass));
        std::vector<int> correct;
        for (int label : classes)
            correct.push_back(label == 1 ? 1 : 0);
        const MetricsReport timedMulticlass =
            evaluateMulticlassClassifier(probabilities, classes, std::vector<double>{0.4, 0.3, 0.3}, options, sessions);
        QCOMPARE(*timedMulticlass.eceFloor, clusteredFloor(confidence, correct, sessions, 5, 5, ReliabilityBinning::EqualMass));
    }

    void clusteredFloorMatchesTheBinomialOneForIndependentRows()
    {
        const std::vector<double> forecasts = spreadForecasts(4000, 11);
        SyntheticSource source(12);
        std::vector<int> outcomes;
        for (double forecast : forecasts)
            outcomes.push_back(source.bernoulli(forecast));
        const std::vector<std::int64_t> ownSession = sessionsOfBlocks(forecasts.size(), 1);
        const double independent = independentFloor(forecasts, 10, ReliabilityBinning::EqualWidth, 400);
        const double clustered = clusteredFloor(forecasts, outcomes, ownSession, 1, 10, ReliabilityBinning::EqualWidth, 400);
        qInfo("independent %f clustered %f", independent, clustered);
        QVERIFY2(std::abs(clustered / independent - 1.0) <= 0.1, qPrintable(QStringLiteral("%1 vs %2").arg(clustered).arg(independent)));
    }

    void clusteredFloorIsTheEceOfCalibratedButClusteredOutcomes()
    {
        // One market draw per session: the floor from one sample must predict the ECE such samples show.
        const std::vector<double> forecasts = sessionWideForecasts();
        const std::vector<std::int64_t> sessions = sessionsOfBlocks(forecasts.size(), kRowsPerSession);
        SyntheticSource source(22);
        const double clustered = clusteredFloor(forecasts, blockSharedOutcomes(forecasts, kRowsPerSession, source), sessions, 1);
        constexpr int kSamples = 200;
        double observed = 0.0;
        for (int sample = 0; sample < kSamples; ++sample)
            observed += expectedCalibrationError(forecasts, blockSharedOutcomes(forecasts, kRowsPerSession, source));
        observed /= kSamples;
        const double independent = independentFloor(forecasts);
        // One sample's floor is an estimate (about 20 sessions per bin); over many samples it is unbiased.
        constexpr int kFloorSamples = 40;
        double meanFloor = 0.0;
        for (int sample = 0; sample < kFloorSamples; ++sample)
            meanFloor += clusteredFloor(forecasts, blockSharedOutcomes(forecasts, kRowsPerSession, source), sessions, 1);
        meanFloor /= kFloorSamples;
        qInfo("independent %f clustered %f (mean %f) observed %f", independent, clustered, meanFloor, observed);
        QVERIFY2(std::abs(meanFloor / observed - 1.0) <= 0.1,
                 qPrintable(QStringLiteral("mean clustered floor %1, observed %2").arg(meanFloor).arg(observed)));
        QVERIFY2(std::abs(clustered / observed - 1.0) <= 0.3,
                 qPrintable(QStringLiteral("clustered floor %1, calibrated clustered outcomes showed %2").arg(clustered).arg(observed)));
        QVERIFY2(independent < 0.5 * observed, qPrintable(QStringLiteral("independent floor %1 vs %2").arg(independent).arg(observed)));

        // Blocks of a week hold five such sessions: the floor stays (their draws are independent).
        const double weekly = clusteredFloor(forecasts, blockSharedOutcomes(forecasts, kRowsPerSession, source), sessions, 5);
        QVERIFY2(std::abs(weekly / observed - 1.0) <= 0.3, qPrintable(QStringLiteral("weekly blocks %1 vs %2").arg(weekly).arg(observed)));
    }

    void clusteredFloorDoesNotMistakeMiscalibrationForNoise()
    {
        const auto sample = aegis::models::evaluation::testing::overconfidentSample(2000, 17);
        const std::vector<std::int64_t> ownSession = sessionsOfBlocks(sample.reported.size(), 1);
        const double floor = clusteredFloor(sample.reported, sample.labels, ownSession, 1);
        const double ece = expectedCalibrationError(sample.reported, sample.labels);
        QVERIFY2(ece > 3.0 * floor, qPrintable(QStringLiteral("ECE %1, clustered floor %2").arg(ece).arg(floor)));
        QVERIFY2(std::abs(floor / independentFloor(sample.reported) - 1.0) <= 0.25,
                 qPrintable(QStringLiteral("%1 vs %2").arg(floor).arg(independentFloor(sample.reported))));
        // Seeded.
        QCOMPARE(clusteredFloor(sample.reported, sample.labels, ownSession, 1), floor);
    }

    void exceedanceCountsDrawsAtLeastAsLarge()
    {
        const std::vector<double> draws{0.01, 0.02, 0.03, 0.04};
        QCOMPARE(eceExceedance(0.05, draws), 1.0 / 5.0);   // none reaches it
        QCOMPARE(eceExceedance(0.03, draws), 3.0 / 5.0);   // 0.03 (tied) and 0.04
        QCOMPARE(eceExceedance(0.0, draws), 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, eceExceedance(0.02, std::vector<double>{}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, eceExceedance(std::numeric_limits<double>::quiet_NaN(), draws));
        // The floor is the mean of the same draws.
        const std::vector<double> forecasts = spreadForecasts(500, 3);
        const std::vector<double> floorDraws = eceDraws(forecasts);
        QCOMPARE(int(floorDraws.size()), kEceFloorDraws);
        QVERIFY(std::abs(independentFloor(forecasts) - std::accumulate(floorDraws.begin(), floorDraws.end(), 0.0) / kEceFloorDraws) < 1e-15);
    }

    void exceedanceSeparatesNoiseFromMiscalibration()
    {
        // Calibrated forecasts, 20 samples of 1,000 rows: a 5 % test rejects about one of them.
        int rejected = 0;
        double smallest = 1.0;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            const std::vector<double> forecasts = spreadForecasts(1000, 100 + seed);
            SyntheticSource source(200 + seed);
            std::vector<int> outcomes;
            for (double forecast : forecasts)
                outcomes.push_back(source.bernoulli(forecast));
            const MetricsReport report = evaluateBinaryClassifier(forecasts, outcomes, 0.5);
            QVERIFY(report.eceP);
            rejected += *report.eceP <= 0.05 ? 1 : 0;
            smallest = std::min(smallest, *report.eceP);
        }
        qInfo("calibrated samples rejected at 5%%: %d of 20 (smallest p %.2f)", rejected, smallest);
        QVERIFY2(rejected <= 3, qPrintable(QString::number(rejected)));  // P(> 3 of 20 | 5 %) < 2 %

        // Overconfident forecasts: no calibrated draw comes near, p is the draws' resolution.
        const auto sample = aegis::models::evaluation::testing::overconfidentSample(2000, 17);
        const MetricsReport overconfident = evaluateBinaryClassifier(sample.reported, sample.labels, 0.5);
        QCOMPARE(*overconfident.eceP, 1.0 / (1.0 + kEceFloorDraws));

        // Clustered: outcomes that move together in sessions are as noisy as the clustered draws say,
        // so calibrated forecasts are not rejected where independent draws would reject them.
        const std::vector<double> forecasts = sessionWideForecasts();
        const std::vector<std::int64_t> sessions = sessionsOfBlocks(forecasts.size(), kRowsPerSession);
        EvaluationOptions options;
        options.bootstrap.resamples = 50;
        options.bootstrap.blockLength = 1;
        int clusteredRejected = 0;
        int independentRejected = 0;
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            SyntheticSource source(300 + seed);
            const std::vector<int> outcomes = blockSharedOutcomes(forecasts, kRowsPerSession, source);
            clusteredRejected += *evaluateBinaryClassifier(forecasts, outcomes, 0.5, options, sessions).eceP <= 0.05 ? 1 : 0;
            independentRejected += *evaluateBinaryClassifier(forecasts, outcomes, 0.5).eceP <= 0.05 ? 1 : 0;
        }
        qInfo("clustered calibrated samples rejected: %d of 10 with clustered draws, %d with independent ones",
              clusteredRejected, independentRejected);
        QVERIFY(clusteredRejected <= 2);
        QVERIFY(independentRejected >= 8);
    }

    void badInputThrows()
    {
        const std::vector<double> two{0.2, 0.4};
        const std::vector<int> twoOutcomes{0, 1};
        const std::vector<std::int64_t> twoTimes{0, 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, clusteredFloor(two, std::vector<int>{0}, twoTimes, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, clusteredFloor(two, twoOutcomes, std::vector<std::int64_t>{0}, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, clusteredFloor(two, twoOutcomes, twoTimes, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, clusteredFloor(two, std::vector<int>{0, 2}, twoTimes, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, clusteredFloor(two, twoOutcomes, std::vector<std::int64_t>{0, -1}, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 clusteredFloor(std::vector<double>{0.2, std::numeric_limits<double>::infinity()}, twoOutcomes, twoTimes, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, independentFloor(std::vector<double>{}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, eceFloor(std::vector<double>{}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, independentFloor(std::vector<double>{0.2, std::numeric_limits<double>::quiet_NaN()}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, independentFloor(std::vector<double>{0.2, 1.5}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, independentFloor(std::vector<double>{0.2, 0.4}, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 independentFloor(std::vector<double>{0.2, 0.4}, 10, ReliabilityBinning::EqualWidth, 0));
    }
};

int runCalibrationFloorTests(int argc, char** argv)
{
    CalibrationFloorTests test;
    return QTest::qExec(&test, argc, argv);
}

#include "calibration_floor_tests.moc"
