#pragma once

// The one list of features: name, warm-up, unit and meaning. The builders fill exactly these
// columns (they throw if a column is left unfilled), the schemas are derived from it, and
// docs/features.md embeds the Markdown rendered from it (a test checks the two are identical).

#include "engines/features/named_frame.h"

#include <string>
#include <string_view>
#include <vector>

namespace aegis::engines {

enum class FeatureGroup { Ticker, Market, Execution, Intraday };

struct FeatureSpec {
    std::string_view name;
    int warmup = 0;                 // first row (session) or minute at which the value can exist
    std::string_view warmupUnit;    // "sessions", "market sessions" or "minutes"
    std::string_view unit;
    FeatureGroup group = FeatureGroup::Ticker;
    std::string_view doc;           // the formula, in one line
};

// The session's place in the year. Volatility recurs there (each quarter's results season, the Budget);
// a direction does not, and a booster splitting a sign-of-move label on it learns the particular years'
// trends (on the real files the direction boosters' Brier skill fell below zero with it), so those
// models leave it out (inputsSignModelsLeaveOut() in engines/core/pooled_rows.h).
inline constexpr std::string_view kDayOfYearFeature = "day_of_year";

// How many of the universe's stocks broke out (stock_breadth.h): how much the market moves, not which
// way, so the sign models leave them out as well; a booster splitting a sign label on them learns which
// way its training years' busy days went.
inline constexpr std::string_view kStockBreakoutShareFeature = "stock_breakout_share_1";
inline constexpr std::string_view kStockBreakoutShareAverageFeature = "stock_breakout_share_10";

const std::vector<FeatureSpec>& dailyFeatureTable();     // Ticker + Market + Execution groups
const std::vector<FeatureSpec>& intradayFeatureTable();

FrameSchema dailyFeatureSchema();       // every daily column, in table order
std::vector<std::string> dailyFeaturesOf(FeatureGroup group);  // names, in table order
FrameSchema executionFeatureSchema();   // the execution-cost subset, scale-free
FrameSchema intradayFeatureSchema();

// Markdown table (header + one row per spec) as embedded in docs/features.md.
std::string renderFeatureTableMarkdown(const std::vector<FeatureSpec>& table);

}  // namespace aegis::engines
