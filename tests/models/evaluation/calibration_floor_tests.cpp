// The ECE floor: what a perfectly calibrated forecaster issuing the same forecasts shows on a sample of
// the same size, so a reader can tell sampling noise from miscalibration.

#include "models/evaluation/calibration_floor.h"
#include "models/evaluation/metrics_report.h"

#include "synthetic_data.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

using namespace aegis::models::evaluation;
using aegis::models::evaluation::testing::SyntheticSource;

namespace {

std::vector<double> spreadForecasts(std::size_t n, std::uint64_t seed)
{
    SyntheticSource source(seed);
    std::vector<double> forecasts(n);
    for (double& forecast : forecasts)
        forecast = 0.05 + 0.9 * source.uniform();
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
        const double floor = eceFloor(forecasts);
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
        const double floor = eceFloor(forecasts, kDefaultReliabilityBins, ReliabilityBinning::EqualWidth, 2000);
        qInfo("floor %f expected %f", floor, expected);
        QVERIFY2(std::abs(floor - expected) <= 0.05 * expected,
                 qPrintable(QStringLiteral("floor %1, expected %2").arg(floor).arg(expected)));
    }

    void floorHalvesWhenTheSampleQuadruples()
    {
        const double small = eceFloor(spreadForecasts(1000, 5), 10, ReliabilityBinning::EqualWidth, 400);
        const double large = eceFloor(spreadForecasts(4000, 5), 10, ReliabilityBinning::EqualWidth, 400);
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
        QCOMPARE(*report.eceFloor, eceFloor(forecasts, 5, ReliabilityBinning::EqualMass));
        // Seeded: the same forecasts always give the same floor.
        QCOMPARE(eceFloor(forecasts), eceFloor(forecasts));

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
        QVERIFY(std::abs(*multiclass.eceFloor - eceFloor(confidence, 5, ReliabilityBinning::EqualMass)) < 1e-12);
    }

    void badInputThrows()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, eceFloor(std::vector<double>{}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, eceFloor(std::vector<double>{0.2, std::numeric_limits<double>::quiet_NaN()}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, eceFloor(std::vector<double>{0.2, 1.5}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, eceFloor(std::vector<double>{0.2, 0.4}, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 eceFloor(std::vector<double>{0.2, 0.4}, 10, ReliabilityBinning::EqualWidth, 0));
    }
};

int runCalibrationFloorTests(int argc, char** argv)
{
    CalibrationFloorTests test;
    return QTest::qExec(&test, argc, argv);
}

#include "calibration_floor_tests.moc"
