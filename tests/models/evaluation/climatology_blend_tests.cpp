// The shrinkage toward the climatology: no weight for spread that the outcomes do not follow, full
// weight for calibrated spread, and the Brier-optimal weight in between.

#include "models/evaluation/climatology_blend.h"
#include "models/evaluation/probability_metrics.h"

#include "synthetic_data.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

using namespace aegis::models::evaluation;
using aegis::models::evaluation::testing::SyntheticSource;

namespace {

const std::vector<double> kFrequencies{0.3, 0.2, 0.5};

// Rows that depart from kFrequencies by `scale` times a random direction, the class drawn from
// kFrequencies + `truth` times that same direction: truth 0 = the spread means nothing, truth = scale
// = calibrated spread.
struct Sample {
    Eigen::MatrixXd probabilities;
    std::vector<int> labels;
};

Sample sample(std::size_t n, double scale, double truth, std::uint64_t seed)
{
    SyntheticSource source(seed);
    Sample out;
    out.probabilities.resize(Eigen::Index(n), 3);
    for (std::size_t i = 0; i < n; ++i) {
        const double a = source.uniform() - 0.5;
        const double b = source.uniform() - 0.5;
        const Eigen::RowVector3d direction(0.4 * a, 0.3 * b, -0.4 * a - 0.3 * b);  // sums to 0; scale <= 1 keeps rows valid
        const Eigen::RowVector3d base(kFrequencies[0], kFrequencies[1], kFrequencies[2]);
        out.probabilities.row(Eigen::Index(i)) = base + scale * direction;
        const Eigen::RowVector3d real = base + truth * direction;
        const double u = source.uniform();
        out.labels.push_back(u < real[0] ? 0 : (u < real[0] + real[1] ? 1 : 2));
    }
    return out;
}

}  // namespace

class ClimatologyBlendTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void handWorkedWeight()
    {
        // Departures (0.4, -0.4) and (0.2, -0.2) from (0.5, 0.5); outcomes class 0 then class 1:
        // alignment 0.4 - 0.2 = 0.2, spread 0.32 + 0.08 = 0.4, w = 0.5.
        Eigen::MatrixXd p(2, 2);
        p << 0.9, 0.1, 0.7, 0.3;
        const ClimatologyBlend blend = ClimatologyBlend::fit(p, std::vector<int>{0, 1}, {0.5, 0.5});
        QVERIFY(std::abs(blend.weight() - 0.5) < 1e-12);
        const Eigen::MatrixXd shrunk = blend.apply(p);
        QVERIFY(std::abs(shrunk(0, 0) - 0.7) < 1e-12 && std::abs(shrunk(1, 1) - 0.4) < 1e-12);
        QVERIFY((shrunk.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
    }

    void spreadTheOutcomesIgnoreGetsNoWeight()
    {
        const Sample s = sample(20000, 1.0, 0.0, 7);
        const ClimatologyBlend blend = ClimatologyBlend::fit(s.probabilities, s.labels, kFrequencies);
        QVERIFY2(blend.weight() < 0.1, qPrintable(QString::number(blend.weight())));
        // The blended forecast's Brier score is no worse than the raw one's.
        QVERIFY(multiclassBrierScore(blend.apply(s.probabilities), s.labels)
                <= multiclassBrierScore(s.probabilities, s.labels));
    }

    void calibratedSpreadKeepsItsWeight()
    {
        const Sample s = sample(20000, 1.0, 1.0, 8);
        const ClimatologyBlend blend = ClimatologyBlend::fit(s.probabilities, s.labels, kFrequencies);
        QVERIFY2(blend.weight() > 0.9, qPrintable(QString::number(blend.weight())));
    }

    void overconfidentSpreadIsHalved()
    {
        // Forecasts depart twice as far as the truth does: the Brier-optimal weight is 1/2.
        const Sample s = sample(40000, 1.0, 0.5, 9);
        const ClimatologyBlend blend = ClimatologyBlend::fit(s.probabilities, s.labels, kFrequencies);
        QVERIFY2(std::abs(blend.weight() - 0.5) < 0.08, qPrintable(QString::number(blend.weight())));
    }

    void forecastsEqualToTheClimatologyGetWeightZero()
    {
        Eigen::MatrixXd p(2, 3);
        p << 0.3, 0.2, 0.5, 0.3, 0.2, 0.5;
        QCOMPARE(ClimatologyBlend::fit(p, std::vector<int>{0, 2}, kFrequencies).weight(), 0.0);
    }

    void jsonRoundTripAndIdentity()
    {
        const Sample s = sample(500, 1.0, 0.5, 10);
        const ClimatologyBlend blend = ClimatologyBlend::fit(s.probabilities, s.labels, kFrequencies);
        const ClimatologyBlend loaded = ClimatologyBlend::fromJson(blend.toJson());
        QCOMPARE(loaded.weight(), blend.weight());
        QCOMPARE(loaded.toJson().dump(), blend.toJson().dump());
        QVERIFY(ClimatologyBlend::identity(kFrequencies).apply(s.probabilities).isApprox(s.probabilities));
        // Rows that add up to 1 only to float32 precision come out adding up to 1 exactly enough.
        Eigen::MatrixXd loose = s.probabilities;
        loose.col(0).array() += 3e-7;
        QVERIFY((blend.apply(loose).rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
    }

    void badInputIsRejected()
    {
        Eigen::MatrixXd p(1, 3);
        p << 0.3, 0.2, 0.5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::fit(p, std::vector<int>{0}, {0.5, 0.5}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::fit(p, std::vector<int>{3}, kFrequencies));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::fit(p, std::vector<int>{0}, {0.3, 0.3, 0.3}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 ClimatologyBlend::fromJson(nlohmann::json{{"weight", 1.5}, {"frequencies", kFrequencies}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::fromJson(nlohmann::json{{"weight", 0.5}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::identity({1.0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::identity(kFrequencies).apply(Eigen::MatrixXd::Ones(1, 2)));
    }
};

int runClimatologyBlendTests(int argc, char** argv)
{
    ClimatologyBlendTests test;
    return QTest::qExec(&test, argc, argv);
}

#include "climatology_blend_tests.moc"
