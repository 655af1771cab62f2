// The time-shift placebo: on a panel whose tickers share one persistent market path, a forecast with no
// information "passes" a session-block bootstrap interval far more often than its nominal rate, and the
// placebo keeps false edges near its alpha; a real per-ticker signal still gets the smallest p-value.

#include "models/evaluation/bootstrap.h"
#include "models/evaluation/rank_metrics.h"
#include "models/evaluation/shift_placebo.h"

#include "synthetic_data.h"

#include <QtTest>

#include <cmath>
#include <stdexcept>

using namespace aegis::models::evaluation;
using aegis::models::evaluation::testing::SyntheticSource;

namespace {

constexpr int kTickers = 30;
constexpr std::int64_t kSessions = 120;
constexpr std::int64_t kHorizon = 5;
constexpr std::int64_t kBackward = 20;
constexpr int kSeeds = 600;

struct PanelForecast {
    std::vector<double> scores;
    std::vector<int> outcomes;
    std::vector<int> tickers;
    std::vector<std::int64_t> times;
};

// An AR(1) path with unit variance.
std::vector<double> persistentPath(SyntheticSource& source, std::int64_t length, double persistence)
{
    std::vector<double> path(static_cast<std::size_t>(length));
    double value = source.normal();
    const double innovation = std::sqrt(1.0 - persistence * persistence);
    for (double& point : path) {
        value = persistence * value + innovation * source.normal();
        point = value;
    }
    return path;
}

// Outcomes follow one market path shared by every ticker (as overlapping 5-session returns of stocks on
// one factor do); the forecast follows its own persistent path, unrelated to the market, unless
// `signal` > 0 mixes in each ticker's own noise term, which the outcome also contains.
PanelForecast oneFactorPanel(std::uint64_t seed, double signal)
{
    SyntheticSource source(seed);
    const std::vector<double> market = persistentPath(source, kSessions, 0.8);
    const std::vector<double> forecastDrift = persistentPath(source, kSessions, 0.8);
    PanelForecast panel;
    for (int ticker = 0; ticker < kTickers; ++ticker) {
        for (std::int64_t session = 0; session < kSessions; ++session) {
            const double own = source.normal();
            const double outcome = market[std::size_t(session)] + 0.7 * own;
            panel.scores.push_back(forecastDrift[std::size_t(session)] + 0.3 * source.normal() + signal * own);
            panel.outcomes.push_back(outcome > 0.0 ? 1 : 0);
            panel.tickers.push_back(ticker);
            panel.times.push_back(session);
        }
    }
    return panel;
}

}  // namespace

class ShiftPlaceboTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noInformationPassesTheBootstrapTooOftenButNotThePlacebo()
    {
        BootstrapOptions bootstrap;
        bootstrap.blockLength = int(kHorizon);
        bootstrap.resamples = 200;
        int bootstrapFalseEdges = 0;
        int placeboFalseEdges = 0;
        for (int seed = 0; seed < kSeeds; ++seed) {
            const PanelForecast panel = oneFactorPanel(std::uint64_t(1000 + seed), 0.0);
            const auto interval = bootstrapAucInterval(panel.scores, panel.outcomes, bootstrap, panel.times);
            QVERIFY(interval.has_value());
            bootstrapFalseEdges += interval->interval.low > 0.5 ? 1 : 0;
            const auto placebo = circularShiftPlacebo(panel.scores, panel.outcomes, panel.tickers, panel.times, kHorizon, kBackward);
            QVERIFY(placebo.has_value());
            placeboFalseEdges += placebo->pValue <= 0.05 ? 1 : 0;
        }
        const double bootstrapRate = double(bootstrapFalseEdges) / kSeeds;
        const double placeboRate = double(placeboFalseEdges) / kSeeds;
        qInfo("no information: bootstrap interval above 0.5 in %.3f of panels, placebo p <= 0.05 in %.3f", bootstrapRate,
              placeboRate);
        // A 95% interval's lower bound should exceed 0.5 in 2.5% of panels; the shared, persistent market
        // path makes it several times that (9% measured). The placebo is one-sided at 5% and only
        // approximately exact on so short and persistent a window (8% measured; sampling sd over 600
        // panels ~1%).
        QVERIFY2(bootstrapRate > 0.05, qPrintable(QString::number(bootstrapRate)));
        QVERIFY2(placeboRate <= 0.10, qPrintable(QString::number(placeboRate)));
    }

    void realPerTickerSignalBeatsEveryShift()
    {
        const PanelForecast panel = oneFactorPanel(7, 1.0);
        const auto placebo = circularShiftPlacebo(panel.scores, panel.outcomes, panel.tickers, panel.times, kHorizon, kBackward);
        QVERIFY(placebo.has_value());
        QCOMPARE(placebo->shifts, int(kSessions - kHorizon - kBackward + 1));
        QCOMPARE(placebo->pValue, 1.0 / double(1 + placebo->shifts));
        QVERIFY(std::abs(placebo->observedAuc - *rocAuc(panel.scores, panel.outcomes)) < 1e-12);
        QVERIFY(placebo->observedAuc > 0.6);
    }

    void leftOutOutcomesAreSkippedAndShiftsAreCapped()
    {
        PanelForecast panel = oneFactorPanel(3, 1.0);
        std::vector<double> keptScores;
        std::vector<int> keptOutcomes;
        for (std::size_t row = 0; row < panel.outcomes.size(); ++row) {
            if (row % 3 == 0)
                panel.outcomes[row] = -1;
            else {
                keptScores.push_back(panel.scores[row]);
                keptOutcomes.push_back(panel.outcomes[row]);
            }
        }
        const auto placebo = circularShiftPlacebo(panel.scores, panel.outcomes, panel.tickers, panel.times, kHorizon, kBackward, 20);
        QVERIFY(placebo.has_value());
        QVERIFY(std::abs(placebo->observedAuc - *rocAuc(keptScores, keptOutcomes)) < 1e-12);
        QVERIFY(placebo->shifts <= 20);
        QVERIFY(placebo->shifts >= 10);
    }

    void badInputIsRefused()
    {
        PanelForecast panel = oneFactorPanel(5, 0.0);
        QVERIFY(!circularShiftPlacebo(panel.scores, panel.outcomes, panel.tickers, panel.times, kSessions / 2, kSessions / 2 + 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 circularShiftPlacebo(panel.scores, panel.outcomes, panel.tickers, panel.times, 0, kBackward));
        std::vector<int> wrongOutcomes = panel.outcomes;
        wrongOutcomes[4] = 2;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 circularShiftPlacebo(panel.scores, wrongOutcomes, panel.tickers, panel.times, kHorizon, kBackward));
        std::vector<std::int64_t> duplicateTimes = panel.times;
        duplicateTimes[1] = duplicateTimes[0];
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 circularShiftPlacebo(panel.scores, panel.outcomes, panel.tickers, duplicateTimes, kHorizon, kBackward));
        std::vector<int> shortTickers(panel.tickers.begin(), panel.tickers.end() - 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 circularShiftPlacebo(panel.scores, panel.outcomes, shortTickers, panel.times, kHorizon, kBackward));
    }
};

int runPlaceboTests(int argc, char** argv)
{
    ShiftPlaceboTests test;
    return QTest::qExec(&test, argc, argv);
}

#include "placebo_tests.moc"
