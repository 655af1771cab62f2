#include "models/evaluation/shift_placebo.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace aegis::models::evaluation {

namespace {

constexpr int kNoOutcome = -1;

// Outcomes laid out by (ticker, position of the session among the window's distinct sessions).
class OutcomeGrid {
public:
    OutcomeGrid(std::span<const int> outcomes, std::span<const int> groups, std::span<const std::int64_t> times)
    {
        std::vector<std::int64_t> sessions(times.begin(), times.end());
        std::sort(sessions.begin(), sessions.end());
        sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());
        std::map<int, int> denseGroup;
        for (int group : groups)
            denseGroup.emplace(group, int(denseGroup.size()));
        sessionCount_ = std::int64_t(sessions.size());
        grid_.assign(denseGroup.size() * sessions.size(), kNoOutcome);
        std::vector<bool> occupied(grid_.size(), false);
        rowGroup_.reserve(groups.size());
        rowPosition_.reserve(groups.size());
        for (std::size_t row = 0; row < groups.size(); ++row) {
            const int group = denseGroup.at(groups[row]);
            const std::int64_t position = std::lower_bound(sessions.begin(), sessions.end(), times[row]) - sessions.begin();
            const std::size_t cell = std::size_t(group) * sessions.size() + std::size_t(position);
            if (occupied[cell])
                throw std::invalid_argument("shift placebo: two rows of ticker " + std::to_string(groups[row]) +
                                            " at session " + std::to_string(times[row]));
            occupied[cell] = true;
            grid_[cell] = outcomes[row];
            rowGroup_.push_back(group);
            rowPosition_.push_back(position);
        }
    }

    std::int64_t sessionCount() const { return sessionCount_; }

    // The outcome `shift` sessions after the row's own, circularly; kNoOutcome when that cell is empty.
    int shiftedOutcome(std::size_t row, std::int64_t shift) const
    {
        const std::int64_t position = (rowPosition_[row] + shift) % sessionCount_;
        return grid_[std::size_t(rowGroup_[row]) * std::size_t(sessionCount_) + std::size_t(position)];
    }

private:
    std::int64_t sessionCount_ = 0;
    std::vector<int> grid_;
    std::vector<int> rowGroup_;
    std::vector<std::int64_t> rowPosition_;
};

// Scores sorted once; the AUC against any assignment of outcomes is then one pass over the tie groups.
class SortedScores {
public:
    explicit SortedScores(std::span<const double> scores) : order_(scores.size())
    {
        std::iota(order_.begin(), order_.end(), std::size_t(0));
        std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
        for (std::size_t i = 1; i <= order_.size(); ++i) {
            if (i == order_.size() || scores[order_[i]] != scores[order_[i - 1]])
                tieGroupEnds_.push_back(i);
        }
    }

    // Mann-Whitney AUC of the rows' shifted outcomes, ties counting one half; nullopt with one class only.
    std::optional<double> auc(const OutcomeGrid& grid, std::int64_t shift) const
    {
        double negativesBelow = 0.0, pairsWon = 0.0, positives = 0.0;
        std::size_t begin = 0;
        for (std::size_t end : tieGroupEnds_) {
            double groupPositives = 0.0, groupNegatives = 0.0;
            for (std::size_t i = begin; i < end; ++i) {
                const int outcome = grid.shiftedOutcome(order_[i], shift);
                groupPositives += outcome == 1 ? 1.0 : 0.0;
                groupNegatives += outcome == 0 ? 1.0 : 0.0;
            }
            pairsWon += groupPositives * (negativesBelow + 0.5 * groupNegatives);
            negativesBelow += groupNegatives;
            positives += groupPositives;
            begin = end;
        }
        if (positives == 0.0 || negativesBelow == 0.0)
            return std::nullopt;
        return pairsWon / (positives * negativesBelow);
    }

private:
    std::vector<std::size_t> order_;
    std::vector<std::size_t> tieGroupEnds_;
};

}  // namespace

std::optional<ShiftPlacebo> circularShiftPlacebo(std::span<const double> scores, std::span<const int> outcomes,
                                                 std::span<const int> groups, std::span<const std::int64_t> times,
                                                 std::int64_t minimumShift, std::int64_t minimumBackwardShift,
                                                 int maximumShifts)
{
    if (outcomes.size() != scores.size() || groups.size() != scores.size() || times.size() != scores.size())
        throw std::invalid_argument("shift placebo: scores, outcomes, groups and times must have one entry per row");
    if (minimumShift < 1 || minimumBackwardShift < 1)
        throw std::invalid_argument("shift placebo: the minimum shifts must be at least 1 session");
    for (std::size_t row = 0; row < scores.size(); ++row) {
        if (outcomes[row] != 0 && outcomes[row] != 1 && outcomes[row] != kNoOutcome)
            throw std::invalid_argument("shift placebo: outcome of row " + std::to_string(row) + " is not 0, 1 or -1");
    }
    if (maximumShifts < 1)
        throw std::invalid_argument("shift placebo: needs at least one shift");
    const OutcomeGrid grid(outcomes, groups, times);
    const SortedScores sorted(scores);
    const std::optional<double> observed = sorted.auc(grid, 0);
    if (!observed)
        return std::nullopt;
    ShiftPlacebo placebo;
    placebo.observedAuc = *observed;
    int atLeastAsHigh = 0;
    const std::int64_t firstShift = minimumShift;
    const std::int64_t lastShift = grid.sessionCount() - minimumBackwardShift;
    const std::int64_t available = lastShift - firstShift + 1;
    const std::int64_t stride = available > maximumShifts ? (available + maximumShifts - 1) / maximumShifts : 1;
    for (std::int64_t shift = firstShift; shift <= lastShift; shift += stride) {
        const std::optional<double> luck = sorted.auc(grid, shift);
        if (!luck)
            continue;
        ++placebo.shifts;
        if (*luck >= *observed)
            ++atLeastAsHigh;
    }
    if (placebo.shifts == 0)
        return std::nullopt;
    placebo.pValue = double(1 + atLeastAsHigh) / double(1 + placebo.shifts);
    return placebo;
}

}  // namespace aegis::models::evaluation
