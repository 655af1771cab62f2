#include "engines/features/feature_table.h"

#include <sstream>

namespace aegis::engines {

namespace {

constexpr std::string_view kSessions = "sessions";
constexpr std::string_view kMarketSessions = "market sessions";
constexpr std::string_view kMinutes = "minutes";

constexpr std::string_view kLogReturn = "log return";
constexpr std::string_view kAnnualVol = "annualised vol (fraction)";
constexpr std::string_view kFraction = "fraction of price";
constexpr std::string_view kFlag = "0/1";
constexpr std::string_view kRatio = "ratio";

using G = FeatureGroup;

std::string_view toString(FeatureGroup group)
{
    switch (group) {
    case G::Ticker: return "ticker";
    case G::Market: return "market";
    case G::Execution: return "execution";
    case G::Intraday: return "intraday";
    }
    return {};
}

}  // namespace

const std::vector<FeatureSpec>& dailyFeatureTable()
{
    static const std::vector<FeatureSpec> table = {
        {"ret_1", 1, kSessions, kLogReturn, G::Ticker, "ln(C[t] / C[t-1])"},
        {"ret_5", 5, kSessions, kLogReturn, G::Ticker, "ln(C[t] / C[t-5])"},
        {"ret_10", 10, kSessions, kLogReturn, G::Ticker, "ln(C[t] / C[t-10])"},
        {"ret_20", 20, kSessions, kLogReturn, G::Ticker, "ln(C[t] / C[t-20])"},
        {"ret_60", 60, kSessions, kLogReturn, G::Ticker, "ln(C[t] / C[t-60])"},
        {"rv_5", 5, kSessions, kAnnualVol, G::Ticker, "sample std of the last 5 ret_1 x sqrt(252)"},
        {"rv_10", 10, kSessions, kAnnualVol, G::Ticker, "sample std of the last 10 ret_1 x sqrt(252)"},
        {"rv_20", 20, kSessions, kAnnualVol, G::Ticker, "sample std of the last 20 ret_1 x sqrt(252)"},
        {"rv_60", 60, kSessions, kAnnualVol, G::Ticker, "sample std of the last 60 ret_1 x sqrt(252)"},
        {"parkinson_vol_20", 19, kSessions, kAnnualVol, G::Ticker,
         "sqrt(mean over 20 of ln(H/L)^2 / (4 ln 2)) x sqrt(252)"},
        {"garman_klass_vol_20", 19, kSessions, kAnnualVol, G::Ticker,
         "sqrt(max(0, mean over 20 of 0.5 ln(H/L)^2 - (2 ln 2 - 1) ln(C/O)^2)) x sqrt(252)"},
        {"atr14_frac", 14, kSessions, kFraction, G::Ticker,
         "Wilder ATR14 / C[t]; TR = max(H-L, |H-C[t-1]|, |L-C[t-1]|), seeded with the mean of TR 1..14"},
        {"range_atr_1", 14, kSessions, kRatio, G::Ticker, "(H[t] - L[t]) / ATR14[t]"},
        {"range_atr_5", 14, kSessions, kRatio, G::Ticker, "mean of H - L over the last 5 sessions / ATR14[t]"},
        {"range_atr_20", 19, kSessions, kRatio, G::Ticker,
         "mean of H - L over the last 20 sessions / ATR14[t] (below 1 when gaps inflate the true range)"},
        {"breakout_rate_250", 74, kSessions, "0..1", G::Ticker,
         "fraction of the last 250 sessions s (fewer early on, >= 60 known) with H[s] - L[s] > 1.5 x ATR14[s-1]"},
        {"echo_range_atr_365", 270, kSessions, kRatio, G::Ticker,
         "max of (H[s] - L[s]) / ATR14[s-1] over the sessions s dated 364 to 357 days before t's date (the coming "
         "week, a year ago: results and budget weeks recur); missing until that window and ATR14 lie inside the "
         "history (warm-up shown for a weekday series)"},
        {"echo_range_atr_91", 75, kSessions, kRatio, G::Ticker,
         "as echo_range_atr_365 for the sessions dated 90 to 83 days before t's date (the coming week, a quarter ago)"},
        {"rsi_14", 14, kSessions, "0..100", G::Ticker,
         "Wilder RSI14: 100 - 100 / (1 + avg gain / avg loss), seeded with plain means of changes 1..14"},
        {"ema20_dist", 19, kSessions, kLogReturn, G::Ticker, "ln(C[t] / EMA20[t]); EMA seeded with SMA of the first 20 closes"},
        {"ema20_slope", 24, kSessions, "log return per session", G::Ticker, "ln(EMA20[t] / EMA20[t-5]) / 5"},
        {"ema50_dist", 49, kSessions, kLogReturn, G::Ticker, "ln(C[t] / EMA50[t]); EMA seeded with SMA of the first 50 closes"},
        {"ema50_slope", 54, kSessions, "log return per session", G::Ticker, "ln(EMA50[t] / EMA50[t-5]) / 5"},
        {"macd_frac", 25, kSessions, kFraction, G::Ticker, "(EMA12 - EMA26) / C[t]"},
        {"macd_signal_frac", 33, kSessions, kFraction, G::Ticker, "EMA9 of (EMA12 - EMA26), divided by C[t]"},
        {"macd_hist_frac", 33, kSessions, kFraction, G::Ticker, "(MACD - signal) / C[t]"},
        {"bollinger_pctb_20", 19, kSessions, kRatio, G::Ticker,
         "(C - (SMA20 - 2 sd)) / (4 sd), sd = population std of the last 20 closes"},
        {"bollinger_width_20", 19, kSessions, kFraction, G::Ticker, "4 sd / SMA20"},
        {"range_compression_10_60", 59, kSessions, kRatio, G::Ticker,
         "mean ln(H/L) over the last 10 sessions / mean ln(H/L) over the last 60"},
        {"breakout_high_20", 20, kSessions, kLogReturn, G::Ticker,
         "ln(C[t] / max H[t-20..t-1]); > 0 is a close above the prior 20-session high"},
        {"breakout_low_20", 20, kSessions, kLogReturn, G::Ticker,
         "ln(C[t] / min L[t-20..t-1]); < 0 is a close below the prior 20-session low"},
        {"breakout_up_20", 20, kSessions, kFlag, G::Ticker, "1 when C[t] > max H[t-20..t-1]"},
        {"breakout_down_20", 20, kSessions, kFlag, G::Ticker, "1 when C[t] < min L[t-20..t-1]"},
        {"gap_overnight", 1, kSessions, kLogReturn, G::Ticker, "ln(O[t] / C[t-1])"},
        {"drawdown_252", 251, kSessions, kLogReturn, G::Ticker, "ln(C[t] / max C[t-251..t]) (<= 0)"},
        {"volume_z_20", 20, kSessions, "z-score", G::Ticker,
         "(ln V[t] - mean ln V[t-20..t-1]) / sample std of the same; zero volume is missing"},
        {"traded_value_ln", 0, kSessions, "ln INR", G::Ticker, "ln(C[t] x V[t])"},
        {"beta_60", 59, kSessions, kRatio, G::Ticker,
         "cov(ret_1, NIFTY ret_1) / var(NIFTY ret_1) over the last 60 sessions (>= 48 same-date pairs)"},
        {"corr_60", 59, kSessions, "-1..1", G::Ticker, "correlation of ret_1 with NIFTY ret_1 over the same window as beta_60"},
        {"rs_20", 20, kSessions, kLogReturn, G::Ticker, "ret_20 - NIFTY ret_20 (market row joined as-of)"},
        {"rs_60", 60, kSessions, kLogReturn, G::Ticker, "ret_60 - NIFTY ret_60 (market row joined as-of)"},

        {"nifty_ret_1", 1, kMarketSessions, kLogReturn, G::Market, "NIFTY ln(C[t] / C[t-1])"},
        {"nifty_ret_5", 5, kMarketSessions, kLogReturn, G::Market, "NIFTY ln(C[t] / C[t-5])"},
        {"nifty_ret_20", 20, kMarketSessions, kLogReturn, G::Market, "NIFTY ln(C[t] / C[t-20])"},
        {"nifty_rv_20", 20, kMarketSessions, kAnnualVol, G::Market, "NIFTY rv_20"},
        {"vix_level", 0, kMarketSessions, "vol points (%)", G::Market,
         "India VIX close; a missing day is carried from the previous session once, then missing"},
        {"vix_daily_per_atr", 14, kSessions, kRatio, G::Market,
         "VIX / 100 / sqrt(252) / atr14_frac: the market's implied one-session move in units of the ticker's ATR14"},
        {"vix_change_5", 5, kMarketSessions, kLogReturn, G::Market, "ln(VIX[t] / VIX[t-5])"},
        {"vix_percentile_252", 251, kMarketSessions, "0..1", G::Market,
         "share of the last 252 VIX values (today included, >= 240 known) that are <= today's"},
        {"iv_rv_ratio", 20, kMarketSessions, kRatio, G::Market, "(VIX / 100) / nifty_rv_20"},
        {"vix_carried", 0, kMarketSessions, kFlag, G::Market, "1 when today's VIX is the previous session's, carried"},
        {"market_carried", 0, kMarketSessions, kFlag, G::Market,
         "1 when NIFTY has no row for the ticker's session and the previous ticker session's market row is used"},
        {kStockBreakoutShareFeature, 15, kSessions, "0..1", G::Market,
         "share of the universe's stocks (>= 10 with ATR14 known; indices excluded) whose session t ranged beyond 1.5 x "
         "their ATR14[t-1], on t's own date: results seasons and market shocks widen many stocks' ranges at once"},
        {kStockBreakoutShareAverageFeature, 24, kSessions, "0..1", G::Market,
         "mean of stock_breakout_share_1 over the last 10 dates it was measured, up to t"},
        {"sessions_to_expiry", 0, kSessions, "sessions", G::Market,
         "NSE sessions in (t, next NIFTY expiry]; 0 on expiry day (from the NSE calendar)"},
        {"weekday", 0, kSessions, "1=Mon..6=Sat", G::Market, "ISO day of week of the session date"},
        {"day_of_quarter", 0, kSessions, "days", G::Market,
         "calendar days from the first day of the session's quarter (1 Jan, 1 Apr, 1 Jul, 1 Oct) to its date: the results season"},
        {kDayOfYearFeature, 0, kSessions, "days", G::Market,
         "the session's day of the year (1 Jan = 1): where each quarter's results season and the Budget fall (January-March results by the end of May, later than the others)"},

        {"amihud_ln_20", 19, kSessions, "ln(return per INR 1 crore)", G::Execution,
         "ln(1e7 x mean over 20 of |ret_1| / (C x V)); zero-volume sessions skipped (>= 15 needed)"},
        {"cs_spread_20", 20, kSessions, kFraction, G::Execution,
         "mean over 20 of the two-session Corwin-Schultz spread (overnight-adjusted, negatives set to 0)"},
        {"ar_spread_20", 20, kSessions, kFraction, G::Execution,
         "Abdi-Ranaldo: sqrt(max(0, mean over 20 of 4 (c[t-1] - eta[t-1]) (c[t-1] - eta[t]))), c = ln C, eta = (ln H + ln L) / 2"},
        {"kyle_lambda_20", 39, kSessions, "bps per unit", G::Execution,
         "OLS slope over 20 sessions of ret_1 (bps) on sign(ret_1) x sqrt(V[t] / mean V[t-20..t-1])"},
        {"adv_ln_20", 19, kSessions, "ln INR", G::Execution, "ln(mean over 20 of C x V)"},
    };
    return table;
}

const std::vector<FeatureSpec>& intradayFeatureTable()
{
    static const std::vector<FeatureSpec> table = {
        {"session_progress", 0, kMinutes, "0..1", G::Intraday, "minutes from 09:15 to the cutoff / 375; 1 when the bars reach the 15:30 close"},
        {"baseline_sessions", 0, kMinutes, "sessions", G::Intraday,
         "earlier sessions stored (at most 20) that the *_ratio, activity and movement columns compare against"},
        {"gap_prev_close", 0, kMinutes, kLogReturn, G::Intraday, "ln(first bar open / previous session's last close)"},
        {"orb15_sign", 15, kMinutes, "-1/0/+1", G::Intraday,
         "+1 when the last close is above the 09:15-09:30 high, -1 below its low, 0 inside"},
        {"orb15_excess", 15, kMinutes, kLogReturn, G::Intraday,
         "ln(last / range high) above, ln(last / range low) below, 0 inside"},
        {"orb30_sign", 30, kMinutes, "-1/0/+1", G::Intraday, "as orb15_sign with the 09:15-09:45 range"},
        {"orb30_excess", 30, kMinutes, kLogReturn, G::Intraday, "as orb15_excess with the 09:15-09:45 range"},
        {"rv_tod_ratio", 0, kMinutes, kRatio, G::Intraday,
         "sqrt(sum of squared bar log returns so far / mean of the same sum up to the same time on baseline sessions)"},
        {"vwap_dist", 0, kMinutes, kLogReturn, G::Intraday,
         "ln(last / VWAP so far), VWAP of (H+L+C)/3; missing when the bars carry no volume"},
        {"activity_0915_0945", 0, kMinutes, kRatio, G::Intraday,
         "volume in 09:15-09:45 (up to the cutoff) / mean of the same on baseline sessions"},
        {"activity_0945_1045", 30, kMinutes, kRatio, G::Intraday, "as activity_0915_0945 for 09:45-10:45"},
        {"activity_1045_1200", 90, kMinutes, kRatio, G::Intraday, "as activity_0915_0945 for 10:45-12:00"},
        {"activity_1200_1400", 165, kMinutes, kRatio, G::Intraday, "as activity_0915_0945 for 12:00-14:00"},
        {"activity_1400_1500", 285, kMinutes, kRatio, G::Intraday, "as activity_0915_0945 for 14:00-15:00"},
        {"activity_1500_1530", 345, kMinutes, kRatio, G::Intraday, "as activity_0915_0945 for 15:00-15:30"},
        {"movement_0915_0945", 0, kMinutes, kRatio, G::Intraday,
         "sum of squared bar log returns in 09:15-09:45 (up to the cutoff) / mean of the same on baseline sessions"},
        {"movement_0945_1045", 30, kMinutes, kRatio, G::Intraday, "as movement_0915_0945 for 09:45-10:45"},
        {"movement_1045_1200", 90, kMinutes, kRatio, G::Intraday, "as movement_0915_0945 for 10:45-12:00"},
        {"movement_1200_1400", 165, kMinutes, kRatio, G::Intraday, "as movement_0915_0945 for 12:00-14:00"},
        {"movement_1400_1500", 285, kMinutes, kRatio, G::Intraday, "as movement_0915_0945 for 14:00-15:00"},
        {"movement_1500_1530", 345, kMinutes, kRatio, G::Intraday, "as movement_0915_0945 for 15:00-15:30"},
    };
    return table;
}

namespace {

FrameSchema schemaOf(const std::vector<FeatureSpec>& table, std::string version)
{
    FrameSchema schema{std::move(version), {}};
    for (const FeatureSpec& spec : table)
        schema.columns.emplace_back(spec.name);
    return schema;
}

}  // namespace

std::vector<std::string> dailyFeaturesOf(FeatureGroup group)
{
    std::vector<std::string> names;
    for (const FeatureSpec& spec : dailyFeatureTable()) {
        if (spec.group == group)
            names.emplace_back(spec.name);
    }
    return names;
}

FrameSchema dailyFeatureSchema()
{
    return schemaOf(dailyFeatureTable(), "aegis.features.daily/1");
}

FrameSchema executionFeatureSchema()
{
    FrameSchema schema{"aegis.features.execution/1", {}};
    for (const FeatureSpec& spec : dailyFeatureTable()) {
        if (spec.group == FeatureGroup::Execution || spec.name == "volume_z_20" || spec.name == "rv_20")
            schema.columns.emplace_back(spec.name);
    }
    return schema;
}

FrameSchema intradayFeatureSchema()
{
    return schemaOf(intradayFeatureTable(), "aegis.features.intraday/1");
}

namespace {

std::string escapeCell(std::string_view text)
{
    std::string out;
    for (char ch : text) {
        if (ch == '|')
            out += '\\';
        out += ch;
    }
    return out;
}

}  // namespace

std::string renderFeatureTableMarkdown(const std::vector<FeatureSpec>& table)
{
    std::ostringstream out;
    out << "| name | group | warm-up | unit | formula |\n";
    out << "|---|---|---|---|---|\n";
    for (const FeatureSpec& spec : table) {
        out << "| `" << spec.name << "` | " << toString(spec.group) << " | " << spec.warmup << ' '
            << spec.warmupUnit << " | " << escapeCell(spec.unit) << " | " << escapeCell(spec.doc) << " |\n";
    }
    return out.str();
}

}  // namespace aegis::engines
