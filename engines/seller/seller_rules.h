#pragma once

// The seller engine's arithmetic and rules, free of models so each can be tested on constructed inputs.
// Thresholds and their reasons: docs/engine-seller.md.

#include "engines/report/report_model.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace aegis::engines {

// spot·exp(±z·σ·√T), T = sessions / 252 years: σ is annualised, so T must be in years.
struct PriceBand {
    double lower = 0.0;
    double upper = 0.0;
};
PriceBand safeRangeBounds(double spot, double sigmaAnnual, double z, int sessions);

// Share of the last `window` values of `series` up to `row` (today included) that are <= today's;
// nothing when today's is missing or fewer than `minimumKnown` of the window are known.
std::optional<double> trailingPercentile(const std::vector<std::optional<double>>& series, int row, int window = 252,
                                         int minimumKnown = 240);

// LOW / MEDIUM / HIGH from the calibrated trap probability relative to its base rate.
inline constexpr double kTrapHighRatio = 1.5;
inline constexpr double kTrapLowRatio = 0.67;
QString trapLabel(double probability, double baseRate);

// Realised asymmetry over the last `sessions` log returns, as annualised vols: put = downside
// semi-deviation − total, call = upside semi-deviation − total, net = put − call. Semi-deviations are
// sqrt(2·mean(min(r, 0)²)) (resp. max) so a symmetric distribution gives put = call = 0.
struct SkewValues {
    double put = 0.0;
    double call = 0.0;
    double net = 0.0;
};
std::optional<SkewValues> realisedSkew(const std::vector<double>& closes, int sessions = 60);

// Expiry stress: the mean of the available components, each in [0, 1]:
//   time   = clamp((5 − sessions to expiry) / 5): gamma grows as expiry nears
//   vol    = the volatility percentile (IV percentile when known, else realised)
//   pain   = clamp(distance to max pain in σ·√(H/252) units / 2): far from the pin with little time
struct ExpiryStressInputs {
    std::optional<int> sessionsToExpiry;
    std::optional<double> volatilityPercentile;
    std::optional<double> maxPainDistanceSd;
    bool volatilityIsImplied = false;  // the percentile is IV's, not realised vol's
};
inline constexpr double kStressCautionAt = 0.35;
inline constexpr double kStressHostileAt = 0.60;
report::ScoreLabel expiryStress(const ExpiryStressInputs& inputs);
// The flag's reason for a stress label: the label, its score and each component with the fact behind
// it ("expiry stress HOSTILE (0.76): 2 sessions to expiry (0.60), realised vol at percentile 92 of its
// last year (0.92)"), so a trader sees which part drives it; "expiry stress unknown" without components.
QString expiryStressReason(const ExpiryStressInputs& inputs);

struct SellerFlagInputs {
    QString trapLabel;                            // "" when unknown
    QString stressLabel;                          // "" when unknown
    std::optional<double> safeRangeBreach;        // 30-day safe range's breach probability
    double target = 0.10;
    bool breachEdgeDemonstrated = false;
    std::optional<double> netSkew;                // put − call (vol points as fractions)
    // Scheduled market-wide events within the 30-day range ("Union Budget (session of Sun 1 Feb 2026)",
    // data/calendar/scheduled_events.h). The breach model's shift for them (breachEventGroup) closes
    // only part of the gap, so each stays a caution.
    QStringList scheduledEvents;
    // Safe ranges the session trading now has already left, each described ("30-day range: low 25,000.00
    // under 25,052.50"): the move the range was for has happened.
    QStringList rangesLeftSoFar;
    QString stressReason;  // expiryStressReason of the inputs behind stressLabel; "" gives the bare label
    bool trapScoreIsBaseRate = false;  // the trap model shows no edge: its score is a frequency, not a calibrated chance
};
// HOSTILE (RED): trap HIGH, or stress HOSTILE, or no band within the modelled widths keeps the breach
// probability below twice the target, or the session trading now has already left a safe range.
// FAVOURABLE (GREEN): none of that, stress CALM, trap LOW or unknown, the target breach probability
// reached, the breach model's edge demonstrated and no scheduled event within the range's 30 days.
// CAUTION (AMBER) otherwise.
report::Flag sellerFlag(const SellerFlagInputs& inputs);

}  // namespace aegis::engines
