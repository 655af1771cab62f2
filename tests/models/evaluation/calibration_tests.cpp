#include "synthetic_data.h"

#include "models/evaluation/binary_calibrator.h"
#include "models/evaluation/isotonic_calibrator.h"
#include "models/evaluation/one_vs_rest_calibrator.h"
#include "models/evaluation/platt_calibrator.h"
#include "models/evaluation/probability_metrics.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <limits>
#include <stdexcept>

using namespace aegis::models::evaluation;
using namespace aegis::models::evaluation::testing;

namespace {

constexpr std::size_t kSampleSize = 20000;

template <typename T>
std::span<const T> firstHalf(const std::vector<T>& values)
{
    return std::span<const T>(values).first(values.size() / 2);
}

template <typename T>
std::span<const T> secondHalf(const std::vector<T>& values)
{
    return std::span<const T>(values).subspan(values.size() / 2);
}

nlohmann::json throughText(const nlohmann::json& json)
{
    return nlohmann::json::parse(json.dump());
}

// Three-class softmax of logits (x, 0, -x) scaled by `temperature`; labels drawn from temperature 1.
struct ThreeClassSample {
    Eigen::MatrixXd reported;
    std::vector<int> labels;
};

ThreeClassSample overconfidentThreeClassSample(std::size_t n, std::uint64_t seed)
{
    SyntheticSource source(seed);
    ThreeClassSample sample{Eigen::MatrixXd(static_cast<Eigen::Index>(n), 3), {}};
    for (std::size_t i = 0; i < n; ++i) {
        const double x = source.normal();
        const auto softmax = [x](double temperature) {
            const Eigen::Vector3d exps(std::exp(temperature * x), 1.0, std::exp(-temperature * x));
            return Eigen::Vector3d(exps / exps.sum());
        };
        const Eigen::Vector3d truth = softmax(1.0);
        const double u = source.uniform();
        sample.labels.push_back(u < truth(0) ? 0 : (u < truth(0) + truth(1) ? 1 : 2));
        sample.reported.row(static_cast<Eigen::Index>(i)) = softmax(3.0).transpose();
    }
    return sample;
}

}  // namespace

class CalibrationTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void isotonicLowersEceOnHeldOutHalf()
    {
        const MiscalibratedSample sample = overconfidentSample(kSampleSize, 11);
        const auto calibrator = IsotonicCalibrator::fit(firstHalf(sample.reported), firstHalf(sample.labels));
        const double before = expectedCalibrationError(secondHalf(sample.reported), secondHalf(sample.labels));
        const double after =
            expectedCalibrationError(calibrator.calibrate(secondHalf(sample.reported)), secondHalf(sample.labels));
        QVERIFY2(before > 0.08, qPrintable(QString::number(before)));
        QVERIFY2(after < 0.025, qPrintable(QString::number(after)));
    }

    void plattLowersEceAndRecoversTheShrinkage()
    {
        const MiscalibratedSample sample = overconfidentSample(kSampleSize, 12);
        const auto calibrator = PlattCalibrator::fit(firstHalf(sample.reported), firstHalf(sample.labels));
        QVERIFY(std::abs(calibrator.slope() - 1.0 / 3.0) < 0.03);
        QVERIFY(std::abs(calibrator.intercept()) < 0.08);
        const double before = expectedCalibrationError(secondHalf(sample.reported), secondHalf(sample.labels));
        const double after =
            expectedCalibrationError(calibrator.calibrate(secondHalf(sample.reported)), secondHalf(sample.labels));
        QVERIFY2(after < before / 4.0, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
        QVERIFY(logLoss(calibrator.calibrate(secondHalf(sample.reported)), secondHalf(sample.labels)) <
                logLoss(secondHalf(sample.reported), secondHalf(sample.labels)));
    }

    void plattRecoversKnownCoefficients()
    {
        SyntheticSource source(13);
        const double slope = 0.6;
        const double intercept = -0.4;
        std::vector<double> probabilities;
        std::vector<int> labels;
        for (int i = 0; i < 60000; ++i) {
            const double logit = source.normal(0.0, 1.5);
            probabilities.push_back(sigmoid(logit));
            labels.push_back(source.bernoulli(sigmoid(slope * logit + intercept)));
        }
        const auto calibrator = PlattCalibrator::fit(probabilities, labels);
        QVERIFY2(std::abs(calibrator.slope() - slope) < 0.04, qPrintable(QString::number(calibrator.slope())));
        QVERIFY2(std::abs(calibrator.intercept() - intercept) < 0.04,
                 qPrintable(QString::number(calibrator.intercept())));
    }

    void plattStaysFiniteOnSeparableData()
    {
        // Without Platt's target smoothing the slope would run off to infinity here.
        const std::vector<double> probabilities{0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
        const std::vector<int> labels{0, 0, 0, 1, 1, 1};
        const auto calibrator = PlattCalibrator::fit(probabilities, labels);
        QVERIFY(std::isfinite(calibrator.slope()) && calibrator.slope() > 0.0);
        QVERIFY(calibrator.calibrate(0.9) < 1.0 - PlattCalibrator::kDefaultEpsilon / 2.0);
        QVERIFY(calibrator.calibrate(0.9) > 0.75);
    }

    void isotonicOutputIsMonotoneAndClamped()
    {
        SyntheticSource source(14);
        std::vector<double> scores;
        std::vector<int> labels;
        for (int i = 0; i < 3000; ++i) {
            const double score = source.normal();
            scores.push_back(score);
            labels.push_back(source.bernoulli(sigmoid(2.0 * score) * 0.8 + 0.1 * source.uniform()));
        }
        const auto calibrator = IsotonicCalibrator::fit(scores, labels);
        double previous = -1.0;
        for (int step = 0; step <= 2000; ++step) {
            const double value = calibrator.calibrate(-5.0 + step * 0.005);
            QVERIFY(value >= previous);
            QVERIFY(value >= calibrator.epsilon() && value <= 1.0 - calibrator.epsilon());
            previous = value;
        }
        const auto& centres = calibrator.blockCentres();
        for (std::size_t i = 1; i < centres.size(); ++i)
            QVERIFY(centres[i] > centres[i - 1]);
    }

    void isotonicPoolsViolatorsAndTiesByHand()
    {
        // Scores 1, 2, 3 with labels 1, 0, 1: the first two violate and pool to 0.5 centred at 1.5.
        const auto pooled = IsotonicCalibrator::fit(std::vector<double>{1.0, 2.0, 3.0}, std::vector<int>{1, 0, 1});
        QCOMPARE(pooled.blockCentres(), (std::vector<double>{1.5, 3.0}));
        QCOMPARE(pooled.blockValues(), (std::vector<double>{0.5, 1.0}));
        QVERIFY(std::abs(pooled.calibrate(1.5) - 0.5) < 1e-12);
        QVERIFY(std::abs(pooled.calibrate(2.25) - 0.75) < 1e-12);
        QVERIFY(std::abs(pooled.calibrate(-10.0) - 0.5) < 1e-12);
        QVERIFY(std::abs(pooled.calibrate(10.0) - (1.0 - pooled.epsilon())) < 1e-15);

        // Equal scores share one value whatever order their labels come in.
        const auto tied =
            IsotonicCalibrator::fit(std::vector<double>{0.2, 0.8, 0.2, 0.2}, std::vector<int>{1, 1, 0, 1});
        QCOMPARE(tied.blockCentres(), (std::vector<double>{0.2, 0.8}));
        QVERIFY(std::abs(tied.blockValues()[0] - 2.0 / 3.0) < 1e-12);
    }

    void calibratorsRoundTripThroughJsonExactly()
    {
        const MiscalibratedSample sample = overconfidentSample(4000, 15);
        const auto isotonic = IsotonicCalibrator::fit(sample.reported, sample.labels);
        const auto platt = PlattCalibrator::fit(sample.reported, sample.labels);
        const auto isotonicBack = IsotonicCalibrator::fromJson(throughText(isotonic.toJson()));
        const auto plattBack = PlattCalibrator::fromJson(throughText(platt.toJson()));
        QCOMPARE(isotonicBack.blockCentres(), isotonic.blockCentres());
        QCOMPARE(isotonicBack.blockValues(), isotonic.blockValues());
        QCOMPARE(plattBack.slope(), platt.slope());
        QCOMPARE(plattBack.intercept(), platt.intercept());
        QCOMPARE(isotonicBack.calibrate(sample.reported), isotonic.calibrate(sample.reported));
        QCOMPARE(plattBack.calibrate(sample.reported), platt.calibrate(sample.reported));

        const auto wrapped = BinaryCalibrator::fromJson(throughText(BinaryCalibrator(platt).toJson()));
        QVERIFY(wrapped.method() == CalibrationMethod::Platt);
        QCOMPARE(wrapped.calibrate(sample.reported), platt.calibrate(sample.reported));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BinaryCalibrator::fromJson(nlohmann::json{{"method", "magic"}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, IsotonicCalibrator::fromJson(nlohmann::json{
                                                            {"method", "isotonic"},
                                                            {"epsilon", 1e-6},
                                                            {"block_centres", {0.1, 0.2}},
                                                            {"block_values", {0.9, 0.1}}}));
    }

    // The identity keeps a booster's own probabilities: only the clip to [epsilon, 1 - epsilon] changes
    // them, it survives the model store's JSON and a one-vs-rest wrap leaves rows as they were.
    void identityKeepsProbabilitiesAndRoundTrips()
    {
        const IdentityCalibrator identity;
        QCOMPARE(identity.calibrate(0.37), 0.37);
        QCOMPARE(identity.calibrate(0.0), IdentityCalibrator::kDefaultEpsilon);
        QCOMPARE(identity.calibrate(1.0), 1.0 - IdentityCalibrator::kDefaultEpsilon);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, identity.calibrate(std::numeric_limits<double>::quiet_NaN()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, IdentityCalibrator(0.0));

        const std::vector<double> probabilities{0.1, 0.5, 0.9};
        const BinaryCalibrator fitted = BinaryCalibrator::fit(CalibrationMethod::Identity, probabilities, std::vector<int>{0, 1, 1});
        QVERIFY(fitted.method() == CalibrationMethod::Identity);
        QCOMPARE(fitted.calibrate(probabilities), probabilities);
        const BinaryCalibrator restored = BinaryCalibrator::fromJson(throughText(fitted.toJson()));
        QVERIFY(restored.method() == CalibrationMethod::Identity);
        QCOMPARE(restored.toJson().dump(), fitted.toJson().dump());

        Eigen::MatrixXd rows(2, 3);
        rows << 0.2, 0.5, 0.3, 0.6, 0.1, 0.3;
        const OneVsRestCalibrator oneVsRest = OneVsRestCalibrator::fit(CalibrationMethod::Identity, rows, std::vector<int>{1, 0});
        QVERIFY((oneVsRest.calibrate(rows) - rows).cwiseAbs().maxCoeff() < 1e-12);
    }

    void oneVsRestCalibratesAndRenormalises()
    {
        const ThreeClassSample sample = overconfidentThreeClassSample(12000, 16);
        const Eigen::Index half = sample.reported.rows() / 2;
        const Eigen::MatrixXd fitRows = sample.reported.topRows(half);
        const Eigen::MatrixXd heldOutRows = sample.reported.bottomRows(sample.reported.rows() - half);
        const std::span<const int> fitLabels = firstHalf(sample.labels);
        const std::span<const int> heldOutLabels = secondHalf(sample.labels);
        for (CalibrationMethod method : {CalibrationMethod::Isotonic, CalibrationMethod::Platt}) {
            const auto calibrator = OneVsRestCalibrator::fit(method, fitRows, fitLabels);
            const Eigen::MatrixXd calibrated = calibrator.calibrate(heldOutRows);
            for (Eigen::Index row = 0; row < calibrated.rows(); ++row)
                QVERIFY(std::abs(calibrated.row(row).sum() - 1.0) < 1e-12);
            QVERIFY(multiclassLogLoss(calibrated, heldOutLabels) < multiclassLogLoss(heldOutRows, heldOutLabels));
            QVERIFY(expectedCalibrationError(topLabelReliabilityDiagram(calibrated, heldOutLabels)) <
                    expectedCalibrationError(topLabelReliabilityDiagram(heldOutRows, heldOutLabels)));

            const auto restored = OneVsRestCalibrator::fromJson(throughText(calibrator.toJson()));
            QVERIFY(restored.calibrate(heldOutRows) == calibrated);
        }
    }

    void nanAndBadLabelsAreRejected()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const std::vector<int> labels{0, 1, 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 IsotonicCalibrator::fit(std::vector<double>{0.1, nan, 0.3}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 IsotonicCalibrator::fit(std::vector<double>{0.1, inf, 0.3}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 PlattCalibrator::fit(std::vector<double>{0.1, nan, 0.3}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 PlattCalibrator::fit(std::vector<double>{0.1, 1.2, 0.3}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 PlattCalibrator::fit(std::vector<double>{0.1, 0.2, 0.3}, std::vector<int>{0, 2, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 PlattCalibrator::fit(std::vector<double>{0.1, 0.2}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PlattCalibrator::fit({}, {}));

        const auto calibrator = IsotonicCalibrator::fit(std::vector<double>{0.1, 0.2, 0.3}, labels);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, calibrator.calibrate(nan));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PlattCalibrator::fromCoefficients(1.0, 0.0).calibrate(nan));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PlattCalibrator::fromCoefficients(nan, 0.0));
        Eigen::MatrixXd rows(1, 2);
        rows << nan, 0.5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 OneVsRestCalibrator::fit(CalibrationMethod::Platt, rows, std::vector<int>{0}));
    }
};

int runCalibrationTests(int argc, char** argv)
{
    CalibrationTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "calibration_tests.moc"
