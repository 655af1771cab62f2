#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

// Chronological splits for pooled panel data: many tickers share each time index, so folds cut by TIME,
// never by row. Times are integer indices (e.g. session numbers from sessionIndicesFromDates) in which the
// label horizon and embargo are also counted.
namespace aegis::models::evaluation {

using TimeIndex = std::int64_t;

// A training row at time t has a label that looks up to t + horizon ahead, so it may only be used when
// t + horizon is before the test window; the embargo adds a further safety margin on top of that.
struct PurgeSpec {
    std::int64_t longestLabelHorizon = 0;
    std::int64_t embargo = 0;

    std::int64_t gap() const { return longestLabelHorizon + embargo; }
};

// Expanding window: fold k has train_end = firstTrainEnd + k * testLength,
//   train = rows with time <= train_end - purge.gap()
//   test  = rows with time in (train_end, train_end + testLength].
// Folds continue while a test window can contain data; folds with no train or no test rows are skipped.
struct WalkForwardConfig {
    TimeIndex firstTrainEnd = 0;
    std::int64_t testLength = 1;
    PurgeSpec purge;
    int maxFolds = 0;  // 0: as many as the data allows
};

struct Fold {
    int index = 0;
    TimeIndex trainEnd = 0;     // test windows start strictly after this time
    TimeIndex trainCutoff = 0;  // latest time a training row may have: trainEnd - purge.gap()
    TimeIndex testEnd = 0;      // inclusive
    std::vector<int> testGroups;  // ticker groups held out of training; empty when not grouped by ticker
    std::vector<std::size_t> trainRows;  // ascending row indices
    std::vector<std::size_t> testRows;   // ascending row indices
};

// Dense rank of each row's session date among the distinct dates present (0 = earliest), so purge and
// test lengths count trading sessions, not calendar days.
std::vector<TimeIndex> sessionIndicesFromDates(std::span<const std::chrono::sys_days> rowDates);

// A config whose first training window covers `initialTrainFraction` of the time span and whose
// `foldCount` test windows split the rest evenly (the last may be shorter).
WalkForwardConfig planExpandingWindow(std::span<const TimeIndex> rowTimes, int foldCount, double initialTrainFraction,
                                      const PurgeSpec& purge);

std::vector<Fold> makeWalkForwardFolds(std::span<const TimeIndex> rowTimes, const WalkForwardConfig& config);

// Ticker hold-out combined with time: distinct group ids (sorted ascending) are dealt round-robin into
// `groupFoldCount` sets, and the sets take turns as each time window's held-out set (window k holds out
// set k mod groupFoldCount), training on rows of the other groups only and testing on rows of the
// held-out set only. So every window is scored, the latest included, at the cost of one fold per window;
// every set is held out once there are at least `groupFoldCount` windows.
std::vector<Fold> makeGroupedWalkForwardFolds(std::span<const TimeIndex> rowTimes, std::span<const int> rowGroups,
                                              const WalkForwardConfig& config, int groupFoldCount);

// Ticker hold-out without time: train on all rows of the other groups, test on all rows of the held-out
// groups. Leaks calendar-time information between tickers; use the grouped walk-forward for evaluation.
std::vector<Fold> makeGroupHoldoutFolds(std::span<const int> rowGroups, int groupFoldCount);

// The last `validationLength` time units of a training window, for early stopping, with the same purge:
//   validation = training rows with time in (T - validationLength, T], T the latest training time,
//   fit        = training rows with time <= T - validationLength - purge.gap().
// A training window too short to hold its validation tail, the purge and rows to fit on: the history
// is too short, which the caller can say in a user's terms.
class HistoryTooShort : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

struct ValidationTailSplit {
    TimeIndex fitCutoff = 0;
    TimeIndex validationStart = 0;  // exclusive: validation times are > validationStart
    std::vector<std::size_t> fitRows;
    std::vector<std::size_t> validationRows;
};

ValidationTailSplit splitValidationTail(std::span<const TimeIndex> rowTimes, std::span<const std::size_t> trainingRows,
                                        std::int64_t validationLength, const PurgeSpec& purge);

// Throws std::logic_error when a fold breaks an invariant: overlapping train/test rows, a training row
// later than trainCutoff or within the purge gap of the test window, a test row outside
// (trainEnd, testEnd], or a held-out group present in training. `rowGroups` may be empty when ungrouped,
// `rowTimes` empty for a fold split by group only (then only overlap and groups are checked).
// Every split function runs this on what it returns.
void verifyFoldInvariants(const Fold& fold, std::span<const TimeIndex> rowTimes, std::span<const int> rowGroups,
                          const PurgeSpec& purge);

}  // namespace aegis::models::evaluation
