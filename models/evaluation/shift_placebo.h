#pragma once

// A placebo test for a forecast scored on a panel (many tickers per session) whose rows move together.
//
// A bootstrap interval over session blocks is too narrow when the test window holds few independent
// outcomes: 30 tickers driven by one market factor over 100 sessions are about 20 independent 5-session
// outcomes, and a forecast that happens to lean with the market's few swings scores an AUC of 0.6 on a
// driftless market. The placebo keeps everything that makes rows dependent and breaks only the alignment
// of forecast and outcome: every ticker's forecast at session s is scored against the SAME ticker's
// outcome at session s + k, circularly over the window's sessions. Those AUCs are what the same forecasts
// score by luck; the p-value is the share of them (plus the real one) at least as high as the real AUC.
//
// Which shifts: a forward shift k must be at least the label horizon, or the shifted outcome still shares
// part of the real one's path. Circularity turns shift k into a backward shift of S - k for the rows near
// the window's end, pairing a forecast with an outcome that ended before it was made: one its features
// may have seen (a 5-session return is in ret_5, ret_20, ...). Those pairs would lend the placebo the
// forecast's own autocorrelation-based skill (or, for a reversal forecast, the opposite), so backward
// distances must be longer still: `minimumBackwardShift` (the engines use max(20, 2h)).

#include <cstdint>
#include <optional>
#include <span>

namespace aegis::models::evaluation {

struct ShiftPlacebo {
    double observedAuc = 0.5;
    double pValue = 1.0;  // (1 + #{shifted AUC >= observed}) / (1 + shifts)
    int shifts = 0;
};

inline constexpr int kDefaultPlaceboShifts = 199;

// `outcomes` are 1, 0, or -1 for rows whose outcome is left out (e.g. NEUTRAL in an UP-versus-DOWN
// score); `groups` identify the ticker of each row and `times` its session index. At most one row per
// (group, time). Shifts run over k in [minimumShift, S - minimumBackwardShift] for a window of S
// distinct sessions; when more than `maximumShifts` are possible, evenly strided ones are used. The
// smallest p-value is 1 / (1 + shifts). nullopt when the window is too short for any shift or the real
// alignment has one class only.
std::optional<ShiftPlacebo> circularShiftPlacebo(std::span<const double> scores, std::span<const int> outcomes,
                                                 std::span<const int> groups, std::span<const std::int64_t> times,
                                                 std::int64_t minimumShift, std::int64_t minimumBackwardShift,
                                                 int maximumShifts = kDefaultPlaceboShifts);

}  // namespace aegis::models::evaluation
