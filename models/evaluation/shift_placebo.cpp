#include "models/evaluation/shift_placebo.h"

#include "models/evaluation/rank_metrics.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
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
    const TiedRanking ranking(scores);
    // Mann-Whitney AUC of the rows' outcomes `shift` sessions on; rows whose shifted cell is empty drop out.
    const auto shiftedAuc = [&](std::int64_t shift) {
        return ranking.auc([&](std::size_t row) {
            const int outcome = grid.shiftedOutcome(row, shift);
            return std::pair{outcome == 1 ? 1.0 : 0.0, outcome == 0 ? 1.0 : 0.0};
        });
    };
    const std::optional<double> observed = shiftedAuc(0);
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
        const std::optional<double> luck = shiftedAuc(shift);
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
