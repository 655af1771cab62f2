#pragma once

// The typed form of aegismatrix.json: everything the engines conclude about one ticker. Panels in the
// UI are fed from this struct and the JSON export is written from it, so both always agree.
//
// A value that could not be computed is an empty std::optional together with a reason (never a made-up
// constant); the JSON then carries `null` and a `reason` string next to it.

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cmath>
#include <optional>
#include <vector>

namespace aegis::engines::report {

// A probability the models produced, with the walk-forward evidence behind it.
struct Edge {
    bool demonstrated = false;         // AUC confidence interval's lower bound above 0.5
    std::optional<double> auc;
    std::optional<double> aucLow;
    std::optional<double> aucHigh;
    std::optional<double> brierSkill;
    std::optional<double> brierSkillLow;   // its interval: the same bootstrap as the AUC's
    std::optional<double> brierSkillHigh;
    std::optional<double> ece;
    std::optional<double> eceFloor;    // the ECE sampling noise alone gives these forecasts
    std::optional<double> eceP;        // chance a calibrated forecaster shows an ECE this large (same noise)
    std::optional<double> placeboP;    // time-shift placebo p-value; null when none was run
    std::int64_t evaluatedRows = 0;
};

struct Meta {
    QString ticker;
    QString name;
    QString kind;              // "index" or "stock"
    QString dataSource;        // "demo", "csv", "yahoo", "nse"
    QDateTime dataAsOf;        // close time of the last final bar used (UTC)
    QString modelGeneration;   // empty when no models are trained
    QString appVersion;
    QStringList warnings;      // stale data, missing VIX day, models older than the data, ...
};

struct Market {
    double spot = 0.0;
    double spotChange = 0.0;
    double spotChangePct = 0.0;   // fraction, as the dashboard reads it (−0.0042 = −0.42 %)
    std::optional<double> vix;
    std::optional<double> vixChange;
    std::optional<double> vixChangePct;  // fraction
    QString regime;               // LOW_VOL_BULL, HIGH_VOL_BEAR, SIDEWAYS_CHOP, TREND_FOLLOWING; empty (null) when not measurable
    QDate vixAsOf;                // the session of `vix`: older than the ticker's data when VIX was not refreshed
    QDate regimeAsOf;             // the NIFTY session the regime was measured at; invalid when not measurable
};

// Where an expected move comes from (docs/engine-direction.md, "Magnitude per horizon"): the horizon's
// magnitude model when its walk-forward pinball skill demonstrates an edge, else the typical move (the
// training rows' median scale-free move at today's volatility), which is not a forecast.
inline const QString kMoveFromModel = QStringLiteral("model");
inline const QString kTypicalMove = QStringLiteral("typical");
// `buyer.theta_edge.premium_basis`
inline const QString kPremiumAtImplied = QStringLiteral("implied");
inline const QString kPremiumAtRealised = QStringLiteral("realised");

struct DirectionCall {
    QString direction;            // UP, DOWN, NEUTRAL
    double conviction = 0.0;      // calibrated probability of `direction` (the base rate without an edge)
    double probUp = 0.0;
    double probNeutral = 0.0;
    double probDown = 0.0;
    std::optional<double> expectedMovePoints;
    QString expectedMoveBasis;    // kMoveFromModel or kTypicalMove; empty when expectedMovePoints is null
    Edge edge;
};

struct Horizon {
    QString key;                  // t1, t3, t5, t10, t20, t40
    QString label;                // "Tomorrow", ...
    int sessions = 1;
    DirectionCall call;
};

struct TodayBias {
    QString direction;            // UP, DOWN, NEUTRAL
    double conviction = 0.0;
    std::optional<double> expectedMovePoints;
    QString expectedMoveBasis;    // the Tomorrow horizon's: kMoveFromModel, kTypicalMove or empty
    std::optional<double> intradayVolatilityScore;
    QDateTime lastUpdate;
    QString sessionState;         // "open", "closed: describes <date>"
    QString basis;                // what the bias was computed from
};

struct Direction {
    TodayBias today;
    std::vector<Horizon> horizons;
    std::optional<double> riskScore;  // calibrated P(≥2σ adverse move over 5 sessions)
    QString riskDefinition;
};

struct LevelRange {
    std::optional<double> lower;
    std::optional<double> upper;
};

// The high and low so far of the session after the last completed one, while it trades (or when its
// bar never completed), from its stored bars: an observation, not a forecast.
struct SessionSoFar {
    QDate session;
    double high = 0.0;
    double low = 0.0;
    QDateTime asOf;            // end of the latest intraday bar used; invalid when only the session's daily bar
    QString basis;             // which bars it was measured on
};

struct SafeRange {
    std::optional<double> lower;
    std::optional<double> upper;
    int horizonDays = 0;          // calendar days
    int sessions = 0;             // trading sessions in the horizon
    std::optional<double> sigma;  // annualised volatility used
    QString sigmaSource;          // "india_vix", "chain_atm_iv", "realised"
    std::optional<double> z;
    std::optional<double> breachProbability;  // calibrated probability that the range is left
    // Whether the session trading now has already left it (a breach is a touch, so it has happened);
    // null until that session has bars or without a range.
    std::optional<bool> breachedSoFar;
    QString reason;               // why it is missing, when it is
};

struct MaxPainView {
    std::optional<double> lower;
    std::optional<double> upper;
    std::optional<double> confidence;
    std::optional<double> strike;
    std::optional<double> putCallRatio;
    std::vector<double> callWalls;
    std::vector<double> putWalls;
    QDate expiry;
    QDateTime chainTakenAt;  // when the snapshot the figures come from was taken; invalid without one
    QString reason;
};

struct ScoreLabel {
    std::optional<double> score;
    QString label;
};

struct Trap {
    std::optional<double> score;
    QString label;                // LOW, MEDIUM, HIGH
    std::optional<double> ivPercentile;
    std::optional<double> rvPercentile;
    QString reason;
    bool scoreIsBaseRate = false;  // for display: `reason`, in the JSON, says why the score is a base rate
};

struct Skew {
    std::optional<double> putSkew;
    std::optional<double> callSkew;
    std::optional<double> netSkew;
    QString source;               // "chain" or "realised"
    QString reason;
};

struct BreachPoint {
    double distancePct = 0.0;     // 0.5, 1, 1.5, 2, 3 (% from spot)
    double distancePoints = 0.0;
    std::optional<double> probability;
    QString reason;               // why probability is null
};

struct Flag {
    QString label;
    QString color;                // GREEN, AMBER, RED
    QStringList reasons;
};

// What seller.historicalHitRate was counted from: this ticker's walk-forward safe-range quotes.
struct HitRateBasis {
    int held = 0;
    int evaluated = 0;
    int minimum = 0;                   // fewer evaluated: historicalHitRate is null
    std::optional<double> pooledRate;  // all tickers together, context only
    std::optional<double> pooledRateLow;   // its block-bootstrap interval
    std::optional<double> pooledRateHigh;
    QString reason;                    // why historicalHitRate is null
};

// How this ticker's breach curve departs from the pooled booster's: a logit shift from its own
// out-of-sample band record (docs/engine-seller.md, "Ticker offsets").
struct BreachCalibration {
    // A smaller log-odds shift moves a 50 % breach probability by about a point at most: the panel and
    // the CLI do not mention it.
    static constexpr double kNotableShift = 0.05;

    double tickerOffset = 0.0;         // applied: the empirical-Bayes share of fittedOffset
    double fittedOffset = 0.0;         // the ticker's own maximum-likelihood shift
    double standardError = 0.0;        // of fittedOffset; 0 when not measured
    std::int64_t bandForecasts = 0;    // out-of-sample band forecasts it rests on
    QString family;                    // "implied_sigma" or "realised_sigma"; empty without a record
    QString reason;                    // why there is no record
};

struct Seller {
    SafeRange safeRange;          // 30 calendar days
    SafeRange safeRangeExpiry;    // to the next expiry
    MaxPainView maxPain;
    Trap trap;
    Skew skew;
    ScoreLabel expiryStress;      // CALM, CAUTION, HOSTILE
    std::optional<int> sessionsToExpiry;
    QDate nextExpiry;
    // The last completed close the safe ranges and breach distances are measured from; market.spot may
    // be a later price from a session still trading or never completed.
    std::optional<double> referenceClose;
    QDate referenceSession;
    std::optional<SessionSoFar> sessionSoFar;  // the session after referenceSession, once it has bars
    std::vector<BreachPoint> breachProbabilities;
    Flag sellerFlag;              // FAVOURABLE, CAUTION, HOSTILE
    std::optional<double> historicalHitRate;  // this ticker's own record
    std::optional<HitRateBasis> historicalHitRateBasis;
    Edge breachEdge;
    std::optional<BreachCalibration> breachCalibration;  // null when the curve shown is the climatology
};

struct DayScore {
    int dayOffset = 0;
    std::optional<double> score;
    QString label;                // LOW, MEDIUM, HIGH
    QDate session;                // the session it is for: the dayOffset-th after the last completed one
    QString event;                // the scheduled market-wide event it is the first to trade ("Union Budget"), or empty
    bool edgeDemonstrated = false;  // false: score is the day model's base rate
};

// What the session a breakout forecast is for has done so far: an observation, not a forecast. The range
// only widens, so once it exceeds the label's 1.5 x ATR14 the breakout has happened whatever the close.
struct RangeSoFar {
    SessionSoFar observed;
    double atr = 0.0;          // ATR14 at the forecast's close: the breakout label's yardstick
    double rangeAtr = 0.0;     // (high - low) / atr
    double thresholdAtr = 0.0; // the label's multiple: a breakout is a range above thresholdAtr x atr
    bool brokenOut = false;    // rangeAtr > thresholdAtr
};

struct GammaWindow {
    QString window;               // "09:15-09:45"
    std::optional<double> score;  // 0..1: share of the earlier sessions that moved less in this window
    std::optional<double> ratio;  // realised variance / its mean on those sessions (1.0 = usual)
};

struct Buyer {
    DayScore breakoutToday;
    std::optional<RangeSoFar> breakoutTodaySoFar;  // null until that session has bars
    std::vector<DayScore> breakoutNext;
    std::optional<double> spikeUpProb;
    std::optional<double> spikeDownProb;
    Edge spikeEdge;               // without a demonstrated edge the spike probabilities are its base rate
    LevelRange breakoutLevels;
    std::vector<GammaWindow> gammaWindows;
    QString gammaWindowsBasis;
    ScoreLabel thetaEdge;         // EDGE_JUSTIFIES_PREMIUM, BORDERLINE, DONT_WASTE_PREMIUM
    Edge thetaEdgeRecord;         // the theta-edge model's walk-forward record
    // What the modelled straddle is priced at: kPremiumAtImplied (India VIX) or kPremiumAtRealised
    // (rv_20: no implied-vol history, so what a buyer really pays is unknown); empty when unknown.
    QString thetaPremiumBasis;
    QString regime;               // TREND_FOLLOWING, MEAN_REVERT, CHOPPY
    Flag buyerEnvironment;        // PREMIUM_FRIENDLY, SPECULATIVE_ONLY, UNFAVOURABLE
    std::optional<double> historicalSpikeRate;  // null below kMinimumSpikeSessions breakouts
    int historicalSpikeBreakouts = 0;           // the ticker's past breakout sessions the rate counts
    Edge breakoutEdge;
};

struct Slippage {
    double orderValueInr = 0.0;
    std::optional<double> q50Bps;
    std::optional<double> q90Bps;
};

struct Verdict {
    QString direction;
    std::optional<double> points;
    // The calibrated probability of the call; none for NO_CALL, whose base rate is in the explanation
    // (a base rate is not confidence in a call that was not made).
    std::optional<double> confidence;
    QString explanation;
};

struct Execution {
    QString regime;               // LOW, NORMAL, HIGH, SEVERE
    std::optional<double> regimeProbability;
    std::vector<Slippage> slippage;
    // Whether each slippage quantile beat one constant cost walk-forward (pinball skill interval above
    // 0). Without it the numbers are still calibrated quantiles, but no better than that constant.
    bool slippageQ50EdgeDemonstrated = false;
    bool slippageQ90EdgeDemonstrated = false;
    Verdict verdict;
    QString reason;
};

// One bin of a reliability diagram: out-of-fold predictions in [lower, upper), how many, their mean and
// how often the event happened.
struct ReliabilityPoint {
    double lower = 0.0;
    double upper = 0.0;
    std::int64_t count = 0;
    double meanPredicted = 0.0;
    double observedFrequency = 0.0;

    bool operator==(const ReliabilityPoint&) const = default;
};

struct ModelEvaluation {
    QString engine;
    QString target;
    std::optional<int> horizon;
    std::int64_t n = 0;
    std::optional<double> auc;
    std::optional<double> aucLow;
    std::optional<double> aucHigh;
    std::optional<double> brierSkill;
    std::optional<double> brierSkillLow;   // its interval: the same bootstrap as the AUC's
    std::optional<double> brierSkillHigh;
    std::optional<double> ece;
    std::optional<double> eceFloor;      // the ECE sampling noise alone gives these forecasts
    std::optional<double> eceP;          // chance a calibrated forecaster shows an ECE this large (same noise)
    std::optional<double> coverage;      // quantile models and the safe ranges
    std::optional<double> coverageLow;   // its block-bootstrap interval
    std::optional<double> coverageHigh;
    std::optional<double> nominalCoverage;
    std::optional<double> pinballSkill;  // quantile models: against each fold's training quantile
    std::optional<double> pinballSkillLow;
    std::optional<double> pinballSkillHigh;
    std::optional<double> placeboP;      // time-shift placebo p-value; null when none was run
    bool edgeDemonstrated = false;
    std::vector<ReliabilityPoint> reliability;  // classifiers; empty for quantile models

    bool operator==(const ModelEvaluation&) const = default;
};

struct Evaluation {
    QDate from;
    QDate to;
    std::vector<ModelEvaluation> models;

    bool operator==(const Evaluation&) const = default;
};

struct TickerReport {
    QDateTime generatedAt;
    Meta meta;
    Market market;
    Direction direction;
    Seller seller;
    Buyer buyer;
    Execution execution;
    Evaluation evaluation;
};

// Price moves are index points for an index and rupees for a stock ("85.0 pts", "₹85.0").
inline bool movesInRupees(const Meta& meta)
{
    return meta.kind == QStringLiteral("stock");
}

// A NEUTRAL call that stands for a tie between UP and DOWN (engines/direction/direction_choice.h):
// its conviction is P(NEUTRAL), the least likely class, so a reader must be told the tie. The choice
// calls NEUTRAL over a likelier UP only for that tie, so its tolerance is not repeated here.
inline bool isUpDownTie(const DirectionCall& call)
{
    return call.direction == QStringLiteral("NEUTRAL") && call.probUp > call.probNeutral;
}

// The seller's ranges are measured from a close other than the spot shown: market.spot is then a
// later price (a session still trading, or one whose bar never completed), and a reader checking
// spot x exp(+-z sigma sqrt(T)) against it needs to be told.
inline bool sellerMeasuredFromAnotherPrice(const TickerReport& report)
{
    const std::optional<double>& close = report.seller.referenceClose;
    return close && std::abs(*close - report.market.spot) > 1e-9 * std::abs(*close);
}

// A ticker of the universe that has no report, and why (no stored daily bars, too short a history).
struct UnreportedTicker {
    QString ticker;
    QString name;
    QString reason;
};

}  // namespace aegis::engines::report
