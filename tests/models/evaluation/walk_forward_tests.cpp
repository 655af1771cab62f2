#include "models/evaluation/walk_forward.h"

#include <QtTest>

#include <algorithm>
#include <set>
#include <stdexcept>

using namespace aegis::models::evaluation;

namespace {

constexpr TimeIndex kSessions = 300;
constexpr int kTickers = 10;

// Pooled panel: every session has one row per ticker, rows ordered ticker-major so row order is NOT
// time order (the splits must not rely on it).
struct Panel {
    std::vector<TimeIndex> times;
    std::vector<int> tickers;
};

Panel pooledPanel()
{
    Panel panel;
    for (int ticker = 0; ticker < kTickers; ++ticker) {
        for (TimeIndex session = 0; session < kSessions; ++session) {
            panel.times.push_back(session);
            panel.tickers.push_back(ticker);
        }
    }
    return panel;
}

std::set<TimeIndex> timesOf(const std::vector<std::size_t>& rows, const std::vector<TimeIndex>& times)
{
    std::set<TimeIndex> result;
    for (std::size_t row : rows)
        result.insert(times[row]);
    return result;
}

void requireDisjoint(const Fold& fold)
{
    std::set<std::size_t> train(fold.trainRows.begin(), fold.trainRows.end());
    for (std::size_t row : fold.testRows)
        QVERIFY(!train.contains(row));
}

WalkForwardConfig standardConfig()
{
    WalkForwardConfig config;
    config.firstTrainEnd = 99;
    config.testLength = 40;
    config.purge = {5, 2};
    return config;
}

}  // namespace

class WalkForwardTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void foldsAreChronologicalPurgedAndSplitByTime()
    {
        const Panel panel = pooledPanel();
        const WalkForwardConfig config = standardConfig();
        const std::vector<Fold> folds = makeWalkForwardFolds(panel.times, config);
        QCOMPARE(folds.size(), std::size_t{5});  // train ends 99, 139, 179, 219, 259
        TimeIndex previousTestEnd = -1;
        std::size_t previousTrainSize = 0;
        for (const Fold& fold : folds) {
            requireDisjoint(fold);
            const std::set<TimeIndex> trainTimes = timesOf(fold.trainRows, panel.times);
            const std::set<TimeIndex> testTimes = timesOf(fold.testRows, panel.times);
            QCOMPARE(*trainTimes.rbegin(), fold.trainEnd - 7);
            QCOMPARE(*trainTimes.begin(), TimeIndex{0});
            QCOMPARE(*testTimes.begin(), fold.trainEnd + 1);
            QCOMPARE(*testTimes.rbegin(), std::min(fold.trainEnd + 40, kSessions - 1));
            // The gap between the last training time and the first test time is the whole purge + embargo.
            QVERIFY(*testTimes.begin() - *trainTimes.rbegin() > config.purge.gap());
            // By time, not by row: every ticker of a test session is in the test set.
            QCOMPARE(fold.testRows.size(), testTimes.size() * kTickers);
            QCOMPARE(fold.trainRows.size(), trainTimes.size() * kTickers);
            QVERIFY(fold.trainEnd > previousTestEnd - 1);
            QVERIFY(*testTimes.begin() > previousTestEnd);
            QVERIFY(fold.trainRows.size() > previousTrainSize);  // expanding window
            previousTestEnd = fold.testEnd;
            previousTrainSize = fold.trainRows.size();
        }
        QCOMPARE(folds.back().testEnd, TimeIndex{299});
    }

    void maxFoldsAndPlanner()
    {
        const Panel panel = pooledPanel();
        WalkForwardConfig limited = standardConfig();
        limited.maxFolds = 2;
        QCOMPARE(makeWalkForwardFolds(panel.times, limited).size(), std::size_t{2});

        const WalkForwardConfig planned = planExpandingWindow(panel.times, 4, 0.5, {10, 5});
        QCOMPARE(planned.firstTrainEnd, TimeIndex{149});
        QCOMPARE(planned.testLength, std::int64_t{38});
        const std::vector<Fold> folds = makeWalkForwardFolds(panel.times, planned);
        QCOMPARE(folds.size(), std::size_t{4});
        QCOMPARE(timesOf(folds.back().testRows, panel.times).count(299), std::size_t{1});
    }

    void tickerGroupingHoldsOutTickers()
    {
        const Panel panel = pooledPanel();
        const std::vector<Fold> folds = makeGroupedWalkForwardFolds(panel.times, panel.tickers, standardConfig(), 3);
        QCOMPARE(folds.size(), std::size_t{5});  // one per window: train ends 99, 139, 179, 219, 259
        QCOMPARE(folds.back().testEnd, TimeIndex{299});
        std::set<int> everHeldOut;
        for (const Fold& fold : folds) {
            requireDisjoint(fold);
            const std::set<int> heldOut(fold.testGroups.begin(), fold.testGroups.end());
            QVERIFY(!heldOut.empty());
            // Tickers 0..9 dealt into three sets: {0,3,6,9}, {1,4,7}, {2,5,8}, taking turns by window.
            QCOMPARE(*heldOut.begin(), fold.index % 3);
            QVERIFY(!timesOf(fold.testRows, panel.times).empty());
            everHeldOut.insert(heldOut.begin(), heldOut.end());
            for (std::size_t row : fold.trainRows) {
                QVERIFY(!heldOut.contains(panel.tickers[row]));
                QVERIFY(panel.times[row] <= fold.trainEnd - 7);
            }
            for (std::size_t row : fold.testRows) {
                QVERIFY(heldOut.contains(panel.tickers[row]));
                QVERIFY(panel.times[row] > fold.trainEnd && panel.times[row] <= fold.testEnd);
            }
        }
        QCOMPARE(everHeldOut.size(), std::size_t{kTickers});

        const std::vector<Fold> groupOnly = makeGroupHoldoutFolds(panel.tickers, 5);
        std::vector<int> timesTested(panel.tickers.size(), 0);
        for (const Fold& fold : groupOnly) {
            requireDisjoint(fold);
            QCOMPARE(fold.trainRows.size() + fold.testRows.size(), panel.tickers.size());
            for (std::size_t row : fold.testRows)
                ++timesTested[row];
        }
        QVERIFY(std::all_of(timesTested.begin(), timesTested.end(), [](int count) { return count == 1; }));
    }

    void aSetWithoutRowsInAWindowPassesItsTurn()
    {
        // Tickers 1, 4 and 7 (the second set) stop trading for the second test window (sessions 140..179).
        Panel panel;
        const Panel full = pooledPanel();
        for (std::size_t row = 0; row < full.times.size(); ++row) {
            const bool suspended = full.tickers[row] % 3 == 1 && full.times[row] > 139 && full.times[row] <= 179;
            if (!suspended) {
                panel.times.push_back(full.times[row]);
                panel.tickers.push_back(full.tickers[row]);
            }
        }
        const std::vector<Fold> folds = makeGroupedWalkForwardFolds(panel.times, panel.tickers, standardConfig(), 3);
        QCOMPARE(folds.size(), std::size_t{5});
        std::vector<int> heldOutSets;
        for (const Fold& fold : folds)
            heldOutSets.push_back(fold.testGroups.front());
        QCOMPARE(heldOutSets, (std::vector<int>{0, 2, 0, 1, 2}));
    }

    void validationTailKeepsThePurge()
    {
        const Panel panel = pooledPanel();
        const Fold fold = makeWalkForwardFolds(panel.times, standardConfig()).back();
        const ValidationTailSplit split = splitValidationTail(panel.times, fold.trainRows, 20, {5, 2});
        const std::set<TimeIndex> fitTimes = timesOf(split.fitRows, panel.times);
        const std::set<TimeIndex> validationTimes = timesOf(split.validationRows, panel.times);
        const TimeIndex latestTraining = fold.trainEnd - 7;
        QCOMPARE(*validationTimes.rbegin(), latestTraining);
        QCOMPARE(*validationTimes.begin(), latestTraining - 19);
        QCOMPARE(*fitTimes.rbegin(), latestTraining - 20 - 7);
        QCOMPARE(split.validationRows.size(), std::size_t{20 * kTickers});
        std::set<std::size_t> fit(split.fitRows.begin(), split.fitRows.end());
        for (std::size_t row : split.validationRows)
            QVERIFY(!fit.contains(row));
    }

    void invariantCheckerCatchesLeaks()
    {
        const Panel panel = pooledPanel();
        const PurgeSpec purge{5, 2};
        Fold fold = makeWalkForwardFolds(panel.times, standardConfig()).front();
        verifyFoldInvariants(fold, panel.times, {}, purge);

        Fold leakingPurge = fold;
        const auto insidePurge = std::find(panel.times.begin(), panel.times.end(), fold.trainEnd - 3) - panel.times.begin();
        leakingPurge.trainRows.push_back(static_cast<std::size_t>(insidePurge));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, verifyFoldInvariants(leakingPurge, panel.times, {}, purge));

        Fold overlapping = fold;
        overlapping.trainRows.push_back(fold.testRows.front());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, verifyFoldInvariants(overlapping, panel.times, {}, purge));

        Fold leakingTicker = makeGroupedWalkForwardFolds(panel.times, panel.tickers, standardConfig(), 2).front();
        const auto heldOutRow = std::find(panel.tickers.begin(), panel.tickers.end(), leakingTicker.testGroups.front()) -
                                panel.tickers.begin();
        leakingTicker.trainRows.push_back(static_cast<std::size_t>(heldOutRow));
        QVERIFY_THROWS_EXCEPTION(std::logic_error,
                                 verifyFoldInvariants(leakingTicker, panel.times, panel.tickers, purge));
    }

    void sessionDatesBecomeDenseIndices()
    {
        using namespace std::chrono;
        const sys_days friday = sys_days{year{2024} / January / 5};
        const sys_days monday = sys_days{year{2024} / January / 8};
        const sys_days tuesday = sys_days{year{2024} / January / 9};
        const std::vector<sys_days> dates{tuesday, friday, monday, friday, tuesday};
        QCOMPARE(sessionIndicesFromDates(dates), (std::vector<TimeIndex>{2, 0, 1, 0, 2}));
    }

    void badConfigurationIsRejected()
    {
        const Panel panel = pooledPanel();
        WalkForwardConfig config = standardConfig();
        config.testLength = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeWalkForwardFolds(panel.times, config));
        config = standardConfig();
        config.purge.longestLabelHorizon = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeWalkForwardFolds(panel.times, config));
        config = standardConfig();
        config.firstTrainEnd = 400;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeWalkForwardFolds(panel.times, config));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeWalkForwardFolds({}, standardConfig()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeGroupHoldoutFolds(panel.tickers, 11));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 makeGroupedWalkForwardFolds(panel.times, std::vector<int>{1, 2}, standardConfig(), 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, planExpandingWindow(panel.times, 3, 1.5, {}));
    }
};

int runWalkForwardTests(int argc, char** argv)
{
    WalkForwardTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "walk_forward_tests.moc"
