#include "models/evaluation/walk_forward.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

namespace aegis::models::evaluation {

namespace {

void requireValidPurge(const PurgeSpec& purge)
{
    if (purge.longestLabelHorizon < 0 || purge.embargo < 0)
        throw std::invalid_argument("purge: label horizon and embargo must not be negative");
}

void requireRows(std::size_t rowCount)
{
    if (rowCount == 0)
        throw std::invalid_argument("walk-forward: no rows to split");
}

void requireGroupsMatchTimes(std::span<const TimeIndex> rowTimes, std::span<const int> rowGroups)
{
    if (rowGroups.size() != rowTimes.size())
        throw std::invalid_argument("walk-forward: row groups have " + std::to_string(rowGroups.size()) +
                                    " entries, row times " + std::to_string(rowTimes.size()));
}

void violation(const Fold& fold, const std::string& what)
{
    throw std::logic_error("walk-forward fold " + std::to_string(fold.index) + " violates its invariants: " + what);
}

// Distinct groups sorted ascending and dealt round-robin into `groupFoldCount` hold-out sets.
std::vector<std::set<int>> groupHoldoutSets(std::span<const int> rowGroups, int groupFoldCount)
{
    const std::set<int> distinct(rowGroups.begin(), rowGroups.end());
    if (groupFoldCount < 2)
        throw std::invalid_argument("ticker grouping: needs at least 2 group folds");
    if (static_cast<std::size_t>(groupFoldCount) > distinct.size())
        throw std::invalid_argument("ticker grouping: " + std::to_string(groupFoldCount) + " group folds but only " +
                                    std::to_string(distinct.size()) + " distinct groups");
    std::vector<std::set<int>> sets(static_cast<std::size_t>(groupFoldCount));
    std::size_t position = 0;
    for (int group : distinct)
        sets[position++ % sets.size()].insert(group);
    return sets;
}

struct TimeWindow {
    TimeIndex trainEnd;
    TimeIndex trainCutoff;
    TimeIndex testEnd;
};

std::vector<TimeWindow> timeWindows(std::span<const TimeIndex> rowTimes, const WalkForwardConfig& config)
{
    requireRows(rowTimes.size());
    requireValidPurge(config.purge);
    if (config.testLength < 1)
        throw std::invalid_argument("walk-forward: test length must be at least 1 time unit");
    if (config.maxFolds < 0)
        throw std::invalid_argument("walk-forward: max folds must not be negative");
    const TimeIndex latest = *std::max_element(rowTimes.begin(), rowTimes.end());
    std::vector<TimeWindow> windows;
    for (TimeIndex trainEnd = config.firstTrainEnd; trainEnd < latest; trainEnd += config.testLength)
        windows.push_back({trainEnd, trainEnd - config.purge.gap(), trainEnd + config.testLength});
    return windows;
}

Fold foldForWindow(std::span<const TimeIndex> rowTimes, std::span<const int> rowGroups, const TimeWindow& window,
                   const std::set<int>* heldOutGroups)
{
    Fold fold;
    fold.trainEnd = window.trainEnd;
    fold.trainCutoff = window.trainCutoff;
    fold.testEnd = window.testEnd;
    if (heldOutGroups)
        fold.testGroups.assign(heldOutGroups->begin(), heldOutGroups->end());
    for (std::size_t row = 0; row < rowTimes.size(); ++row) {
        const bool heldOut = heldOutGroups && heldOutGroups->contains(rowGroups[row]);
        if (rowTimes[row] <= window.trainCutoff && !heldOut)
            fold.trainRows.push_back(row);
        else if (rowTimes[row] > window.trainEnd && rowTimes[row] <= window.testEnd && (!heldOutGroups || heldOut))
            fold.testRows.push_back(row);
    }
    return fold;
}

std::vector<Fold> keepUsableFolds(std::vector<Fold> candidates, int maxFolds, std::span<const TimeIndex> rowTimes,
                                  std::span<const int> rowGroups, const PurgeSpec& purge)
{
    std::vector<Fold> folds;
    for (Fold& fold : candidates) {
        if (fold.trainRows.empty() || fold.testRows.empty())
            continue;
        if (maxFolds > 0 && static_cast<int>(folds.size()) == maxFolds)
            break;
        fold.index = static_cast<int>(folds.size());
        verifyFoldInvariants(fold, rowTimes, rowGroups, purge);
        folds.push_back(std::move(fold));
    }
    if (folds.empty())
        throw std::invalid_argument("walk-forward: no fold has both training and test rows; check the first train end, "
                                    "test length and purge against the data's time span");
    return folds;
}

}  // namespace

std::vector<TimeIndex> sessionIndicesFromDates(std::span<const std::chrono::sys_days> rowDates)
{
    std::vector<std::chrono::sys_days> distinct(rowDates.begin(), rowDates.end());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::vector<TimeIndex> indices;
    indices.reserve(rowDates.size());
    for (const auto& date : rowDates)
        indices.push_back(std::lower_bound(distinct.begin(), distinct.end(), date) - distinct.begin());
    return indices;
}

WalkForwardConfig planExpandingWindow(std::span<const TimeIndex> rowTimes, int foldCount, double initialTrainFraction,
                                      const PurgeSpec& purge)
{
    requireRows(rowTimes.size());
    requireValidPurge(purge);
    if (foldCount < 1)
        throw std::invalid_argument("walk-forward plan: needs at least one fold");
    if (!std::isfinite(initialTrainFraction) || initialTrainFraction <= 0.0 || initialTrainFraction >= 1.0)
        throw std::invalid_argument("walk-forward plan: initial train fraction must be strictly between 0 and 1");
    const auto [earliest, latest] = std::minmax_element(rowTimes.begin(), rowTimes.end());
    const std::int64_t span = *latest - *earliest + 1;
    const auto initialLength = static_cast<std::int64_t>(std::floor(initialTrainFraction * static_cast<double>(span)));
    WalkForwardConfig config;
    config.firstTrainEnd = *earliest + std::max<std::int64_t>(initialLength, 1) - 1;
    const std::int64_t remaining = *latest - config.firstTrainEnd;
    if (remaining < foldCount)
        throw std::invalid_argument("walk-forward plan: too few time indices after the initial training window for " +
                                    std::to_string(foldCount) + " folds");
    config.testLength = (remaining + foldCount - 1) / foldCount;
    config.purge = purge;
    config.maxFolds = foldCount;
    return config;
}

std::vector<Fold> makeWalkForwardFolds(std::span<const TimeIndex> rowTimes, const WalkForwardConfig& config)
{
    std::vector<Fold> candidates;
    for (const TimeWindow& window : timeWindows(rowTimes, config))
        candidates.push_back(foldForWindow(rowTimes, {}, window, nullptr));
    return keepUsableFolds(std::move(candidates), config.maxFolds, rowTimes, {}, config.purge);
}

std::vector<Fold> makeGroupedWalkForwardFolds(std::span<const TimeIndex> rowTimes, std::span<const int> rowGroups,
                                              const WalkForwardConfig& config, int groupFoldCount)
{
    requireGroupsMatchTimes(rowTimes, rowGroups);
    const std::vector<std::set<int>> heldOutSets = groupHoldoutSets(rowGroups, groupFoldCount);
    std::vector<Fold> candidates;
    std::size_t nextSet = 0;
    for (const TimeWindow& window : timeWindows(rowTimes, config)) {
        // The sets take turns; a window where the set whose turn it is has no rows goes to the next set
        // that has some, so a gap in one set's history neither skips a window nor stalls the rotation.
        for (std::size_t tried = 0; tried < heldOutSets.size(); ++tried) {
            const std::size_t set = (nextSet + tried) % heldOutSets.size();
            Fold fold = foldForWindow(rowTimes, rowGroups, window, &heldOutSets[set]);
            if (fold.trainRows.empty() || fold.testRows.empty())
                continue;
            candidates.push_back(std::move(fold));
            nextSet = set + 1;
            break;
        }
    }
    return keepUsableFolds(std::move(candidates), config.maxFolds, rowTimes, rowGroups, config.purge);
}

std::vector<Fold> makeGroupHoldoutFolds(std::span<const int> rowGroups, int groupFoldCount)
{
    requireRows(rowGroups.size());
    std::vector<Fold> folds;
    for (const std::set<int>& heldOut : groupHoldoutSets(rowGroups, groupFoldCount)) {
        Fold fold;
        fold.index = static_cast<int>(folds.size());
        fold.testGroups.assign(heldOut.begin(), heldOut.end());
        for (std::size_t row = 0; row < rowGroups.size(); ++row)
            (heldOut.contains(rowGroups[row]) ? fold.testRows : fold.trainRows).push_back(row);
        verifyFoldInvariants(fold, {}, rowGroups, PurgeSpec{});
        folds.push_back(std::move(fold));
    }
    return folds;
}

ValidationTailSplit splitValidationTail(std::span<const TimeIndex> rowTimes, std::span<const std::size_t> trainingRows,
                                        std::int64_t validationLength, const PurgeSpec& purge)
{
    requireValidPurge(purge);
    if (validationLength < 1)
        throw std::invalid_argument("validation tail: length must be at least 1 time unit");
    if (trainingRows.empty())
        throw std::invalid_argument("validation tail: no training rows");
    TimeIndex latest = 0;
    for (std::size_t position = 0; position < trainingRows.size(); ++position) {
        const std::size_t row = trainingRows[position];
        if (row >= rowTimes.size())
            throw std::invalid_argument("validation tail: training row " + std::to_string(row) + " has no time");
        latest = position == 0 ? rowTimes[row] : std::max(latest, rowTimes[row]);
    }
    ValidationTailSplit split;
    split.validationStart = latest - validationLength;
    split.fitCutoff = split.validationStart - purge.gap();
    for (std::size_t row : trainingRows) {
        if (rowTimes[row] > split.validationStart)
            split.validationRows.push_back(row);
        else if (rowTimes[row] <= split.fitCutoff)
            split.fitRows.push_back(row);
    }
    if (split.fitRows.empty())
        throw HistoryTooShort("validation tail: nothing left to fit on after the validation tail and purge");
    // The same invariants as a walk-forward fold: fit plays train, the tail plays test.
    Fold asFold;
    asFold.trainEnd = split.validationStart;
    asFold.trainCutoff = split.fitCutoff;
    asFold.testEnd = latest;
    asFold.trainRows = split.fitRows;
    asFold.testRows = split.validationRows;
    verifyFoldInvariants(asFold, rowTimes, {}, purge);
    return split;
}

void verifyFoldInvariants(const Fold& fold, std::span<const TimeIndex> rowTimes, std::span<const int> rowGroups,
                          const PurgeSpec& purge)
{
    const std::size_t rowCount = std::max(rowTimes.size(), rowGroups.size());
    for (const auto* rows : {&fold.trainRows, &fold.testRows}) {
        for (std::size_t row : *rows) {
            if (row >= rowCount)
                violation(fold, "row " + std::to_string(row) + " does not exist");
        }
    }
    if (!fold.testGroups.empty() && rowGroups.size() != rowCount)
        violation(fold, "it holds out groups but no row groups were given");
    if (!rowTimes.empty() && !rowGroups.empty() && rowTimes.size() != rowGroups.size())
        violation(fold, "row times and row groups differ in length");

    std::vector<std::size_t> train(fold.trainRows);
    std::vector<std::size_t> test(fold.testRows);
    std::sort(train.begin(), train.end());
    std::sort(test.begin(), test.end());
    std::vector<std::size_t> shared;
    std::set_intersection(train.begin(), train.end(), test.begin(), test.end(), std::back_inserter(shared));
    if (!shared.empty())
        violation(fold, "row " + std::to_string(shared.front()) + " is in both train and test");

    if (!rowTimes.empty()) {
        if (fold.trainCutoff != fold.trainEnd - purge.gap())
            violation(fold, "train cutoff is not train end minus the purge gap");
        for (std::size_t row : train) {
            if (rowTimes[row] > fold.trainCutoff)
                violation(fold, "training row " + std::to_string(row) + " is inside the purge gap");
        }
        for (std::size_t row : test) {
            if (rowTimes[row] <= fold.trainEnd || rowTimes[row] > fold.testEnd)
                violation(fold, "test row " + std::to_string(row) + " is outside the test window");
        }
    }
    if (!fold.testGroups.empty()) {
        const std::set<int> heldOut(fold.testGroups.begin(), fold.testGroups.end());
        for (std::size_t row : train) {
            if (heldOut.contains(rowGroups[row]))
                violation(fold, "training row " + std::to_string(row) + " belongs to a held-out group");
        }
        for (std::size_t row : test) {
            if (!heldOut.contains(rowGroups[row]))
                violation(fold, "test row " + std::to_string(row) + " belongs to a training group");
        }
    }
}

}  // namespace aegis::models::evaluation
