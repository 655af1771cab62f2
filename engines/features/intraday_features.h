#pragma once

// Features of one session from its 1-minute or 5-minute bars, in IST (UTC+05:30, session
// 09:15-15:30). Only bars complete at `nowUtc` (open time + bar length <= now) are used.
//
// Which session is described:
//   - today's session while it runs or after it closed; the cutoff is where its bars reach (at most
//     now while it runs, 15:30 after), so a session whose data stops early is described up to there;
//   - when today's session has not started at `nowUtc` (before 09:15, a holiday, or no bar of
//     today complete yet), the last completed session, and `describesLastCompletedSession` says so.
// Comparisons against "the same time of day on recent sessions" use up to 20 earlier sessions found
// in the bars; `baselineSessions` (also a column) says how many there were. Muhurat and other
// off-hours bars fall outside the 09:15-15:30 grid and are ignored by the window columns.

#include "engines/features/named_frame.h"

#include "data/core/market_types.h"

#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace aegis::engines {

struct IntradayFeatures {
    NamedFrame frame;                          // one row (the described session), intradayFeatureSchema()
    QDate session;                             // invalid when no complete bar exists
    bool sessionComplete = false;              // the session is over (not running at nowUtc)
    bool endsBeforeClose = false;              // over, but its bars stop before 15:30: the close is not in them
    bool describesLastCompletedSession = false;
    int baselineSessions = 0;
    // Minutes after 09:15 covered by the features: the end of the session's last complete bar (no
    // later than now, or 15:30). The baseline sessions are summarised up to the same minute.
    int cutoffMinute = 0;
    // Per window (09:15-09:45 ... 15:00-15:30): the share of the baseline sessions whose realised
    // variance in the same window, up to the same minute, was below this session's (ties count half).
    // Bounded 0..1 where the movement_* ratio is not: one wild window among quiet ones reads 50x.
    // Empty optional where the window has not started or there is no baseline.
    std::array<std::optional<double>, 6> movementPercentile;
};

inline constexpr int kIntradayBaselineSessions = 20;

// The IST clock time the features reach ("13:57"): 09:15 plus cutoffMinute.
QString cutoffClockText(const IntradayFeatures& features);

// `previousClose`, when given, replaces the previous session's last intraday close for the gap
// (use the official daily close when the intraday history does not reach back a session).
IntradayFeatures buildIntradayFeatures(const data::BarSeries& bars, std::int64_t nowUtc,
                                       std::optional<double> previousClose = std::nullopt);

}  // namespace aegis::engines
