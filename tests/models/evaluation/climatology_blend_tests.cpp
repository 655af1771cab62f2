// The shrinkage toward the climatology: no weight for spread that the outcomes do not follow, full
// weight for calibrated spread, the Brier-optimal weight in between, less its standard error, which
// counts rows of one block of sessions as one observation.

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
    std::vector<std::int64_t> times;  // one session per row: independent rows

    SessionBlocks rowByRow() const { return {times, 1}; }
};

Sample sample(std::size_t n, double scale, double truth, std::uint64_t seed)
{
    SyntheticSource source(seed);
    Sample out;
    for (std::size_t i = 0; i < n; ++i)
        out.times.push_back(std::int64_t(i));
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
        // Departures (0.4, -0.4), (0.2, -0.2), (0.4, -0.4) from (0.5, 0.5); outcomes 0, 1, 0: per row
        // alignment 0.4, -0.2, 0.4 and spread 0.32, 0.08, 0.32, so the fitted weight is 0.6 / 0.72 = 5/6.
        // Rows 0 and 1 share a block: block sums (0.2, 0.4) and (0.4, 0.32), residuals 0.2 - 5/6·0.4 =
        // -2/15 and 0.4 - 5/6·0.32 = 2/15; se = sqrt(2·(2/15)² · 2/1) / 0.72 = (4/15) / 0.72 = 10/27.
        Eigen::MatrixXd p(3, 2);
        p << 0.9, 0.1, 0.7, 0.3, 0.9, 0.1;
        const std::vector<std::int64_t> times{10, 11, 12};
        const ClimatologyBlend blend = ClimatologyBlend::fit(p, std::vector<int>{0, 1, 0}, {0.5, 0.5}, {times, 2});
        QVERIFY(std::abs(blend.fittedWeight() - 5.0 / 6.0) < 1e-12);
        QVERIFY(blend.standardError() && std::abs(*blend.standardError() - 10.0 / 27.0) < 1e-12);
        QVERIFY(std::abs(blend.weight() - (5.0 / 6.0 - 10.0 / 27.0)) < 1e-12);
        // All three rows in one block: nothing measures the weight's spread, so nothing is trusted.
        const ClimatologyBlend oneBlock = ClimatologyBlend::fit(p, std::vector<int>{0, 1, 0}, {0.5, 0.5}, {times, 10});
        QCOMPARE(oneBlock.weight(), 0.0);
        QVERIFY(!oneBlock.standardError());
    }

    void appliesTheWeight()
    {
        Eigen::MatrixXd p(2, 2);
        p << 0.9, 0.1, 0.7, 0.3;
        const ClimatologyBlend blend =
            ClimatologyBlend::fromJson(nlohmann::json{{"weight", 0.5}, {"frequencies", {0.5, 0.5}}});
        const Eigen::MatrixXd shrunk = blend.apply(p);
        QVERIFY(std::abs(shrunk(0, 0) - 0.7) < 1e-12 && std::abs(shrunk(1, 1) - 0.4) < 1e-12);
        QVERIFY((shrunk.rowwise().sum().array() - 1.0).abs().maxCoeff() < 1e-12);
        QCOMPARE(blend.applyToPositive(0.1), 0.3);
        // An identity blend leaves a binary probability exactly as it was.
        QCOMPARE(ClimatologyBlend::identity({0.9, 0.1}).applyToPositive(0.123456789), 0.123456789);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::identity(kFrequencies).applyToPositive(0.5));
    }

    void spreadTheOutcomesIgnoreGetsNoWeight()
    {
        const Sample s = sample(20000, 1.0, 0.0, 7);
        const ClimatologyBlend blend = ClimatologyBlend::fit(s.probabilities, s.labels, kFrequencies, s.rowByRow());
        QVERIFY2(blend.weight() < 0.1, qPrintable(QString::number(blend.weight())));
        // The blended forecast's Brier score is no worse than the raw one's.
        QVERIFY(multiclassBrierScore(blend.apply(s.probabilities), s.labels)
                <= multiclassBrierScore(s.probabilities, s.labels));
    }

    void calibratedSpreadKeepsItsWeight()
    {
        const Sample s = sample(20000, 1.0, 1.0, 8);
        const ClimatologyBlend blend = ClimatologyBlend::fit(s.probabilities, s.labels, kFrequencies, s.rowByRow());
        QVERIFY2(blend.weight() > 0.9, qPrintable(QString::number(blend.weight())));
    }

    void overconfidentSpreadIsHalved()
    {
        // Forecasts depart twice as far as the truth does: the Brier-optimal weight is 1/2.
        const Sample s = sample(40000, 1.0, 0.5, 9);
        const ClimatologyBlend blend = ClimatologyBlend::fit(s.probabilities, s.labels, kFrequencies, s.rowByRow());
        QVERIFY2(std::abs(blend.fittedWeight() - 0.5) < 0.08, qPrintable(QString::number(blend.fittedWeight())));
        QVERIFY(blend.standardError() && *blend.standardError() > 0.0 && *blend.standardError() < 0.1);
        QVERIFY(std::abs(blend.weight() - (blend.fittedWeight() - *blend.standardError())) < 1e-12);
    }

    void noiseSharedWithinSessionsGetsNoWeight()
    {
        // 100 sessions of 30 tickers that all get the session's forecast and its outcome (one market
        // factor), forecasts with no skill. In blocks of sessions ŵ exceeds its se on noise about one
        // seed in six; counted row by row the se is sqrt(30) times too small and noise passes as evidence.
        const std::size_t sessions = 100, tickers = 30;
        int keptBlocked = 0, keptRowByRow = 0;
        for (std::uint64_t seed = 1; seed <= 24; ++seed) {
            const Sample draws = sample(sessions, 1.0, 0.0, 100 + seed);
            Sample panel;
            panel.probabilities.resize(Eigen::Index(sessions * tickers), 3);
            for (std::size_t row = 0; row < sessions * tickers; ++row) {
                panel.probabilities.row(Eigen::Index(row)) = draws.probabilities.row(Eigen::Index(row / tickers));
                panel.labels.push_back(draws.labels[row / tickers]);
                panel.times.push_back(std::int64_t(row / tickers));
            }
            std::vector<std::int64_t> rowIndex(panel.times.size());
            for (std::size_t row = 0; row < rowIndex.size(); ++row)
                rowIndex[row] = std::int64_t(row);
            const ClimatologyBlend blocked = ClimatologyBlend::fit(panel.probabilities, panel.labels, kFrequencies,
                                                                   {panel.times, 1});
            const ClimatologyBlend rowByRow = ClimatologyBlend::fit(panel.probabilities, panel.labels, kFrequencies,
                                                                    {rowIndex, 1});
            QVERIFY(blocked.fittedWeight() == rowByRow.fittedWeight());
            const double ratio = *blocked.standardError() / *rowByRow.standardError();
            QVERIFY2(ratio > 4.5 && ratio < 6.5, qPrintable(QString::number(ratio)));  // sqrt(30) = 5.48
            keptBlocked += blocked.weight() > 0.0 ? 1 : 0;
            keptRowByRow += rowByRow.weight() > 0.0 ? 1 : 0;
        }
        qInfo("noise kept a weight in %d of 24 seeds in blocks, %d counted row by row", keptBlocked, keptRowByRow);
        QVERIFY(keptBlocked <= 7);
        QVERIFY(keptRowByRow >= 2 * keptBlocked && keptRowByRow >= 6);
    }

    void forecastsEqualToTheClimatologyGetWeightZero()
    {
        Eigen::MatrixXd p(2, 3);
        p << 0.3, 0.2, 0.5, 0.3, 0.2, 0.5;
        const std::vector<std::int64_t> times{0, 1};
        QCOMPARE(ClimatologyBlend::fit(p, std::vector<int>{0, 2}, kFrequencies, {times, 1}).weight(), 0.0);
    }

    void jsonRoundTripAndIdentity()
    {
        const Sample s = sample(500, 1.0, 0.5, 10);
        const ClimatologyBlend blend = ClimatologyBlend::fit(s.probabilities, s.labels, kFrequencies, s.rowByRow());
        const ClimatologyBlend loaded = ClimatologyBlend::fromJson(blend.toJson());
        QCOMPARE(loaded.weight(), blend.weight());
        QCOMPARE(loaded.standardError(), blend.standardError());
        QCOMPARE(loaded.toJson().dump(), blend.toJson().dump());
        // A blend saved before the standard error existed reads its weight as the fitted one.
        const ClimatologyBlend older = ClimatologyBlend::fromJson(nlohmann::json{{"weight", 0.4}, {"frequencies", kFrequencies}});
        QCOMPARE(older.fittedWeight(), 0.4);
        QCOMPARE(older.toJson().dump(), ClimatologyBlend::fromJson(older.toJson()).toJson().dump());
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
        const std::vector<std::int64_t> time{0};
        const SessionBlocks blocks{time, 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::fit(p, std::vector<int>{0}, {0.5, 0.5}, blocks));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::fit(p, std::vector<int>{3}, kFrequencies, blocks));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 ClimatologyBlend::fit(p, std::vector<int>{0}, {0.3, 0.3, 0.3}, blocks));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ClimatologyBlend::fit(p, std::vector<int>{0}, kFrequencies, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 ClimatologyBlend::fit(p, std::vector<int>{0}, kFrequencies, {time, 0}));
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
