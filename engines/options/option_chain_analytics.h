#pragma once

// What an option chain says about one expiry: max pain and its zone, put/call ratio, the strikes where
// open interest piles up, ATM implied volatility and the smile's skew. Computed only from a stored
// chain; callers report `null` with a reason when there is none.

#include "data/core/market_types.h"

#include <QDate>
#include <QString>

#include <optional>
#include <variant>
#include <vector>

namespace aegis::engines {

struct MaxPain {
    double strike = 0.0;       // settlement price minimising the total payout to option holders
    double lower = 0.0;        // the zone of strikes whose payout is within 5% of that minimum
    double upper = 0.0;
    // Sharpness of the minimum, not a probability: 1 − zone width / width of the strikes holding the
    // central 90% of open interest, clamped to [0, 1]. A narrow zone inside a broad book is a clear pin.
    double confidence = 0.0;
    double minimumPayout = 0.0;  // in underlying points × contracts of open interest
};

struct OiHeavyStrike {
    double strike = 0.0;
    double openInterest = 0.0;
};

struct ChainSkew {
    double atmIv = 0.0;     // annualised, decimal (0.12 = 12%)
    double putSkew = 0.0;   // IV of the put one ATM standard deviation below spot minus ATM IV
    double callSkew = 0.0;  // IV of the call one ATM standard deviation above spot minus ATM IV
    double netSkew = 0.0;   // putSkew − callSkew: > 0 when downside protection is bid
    double downStrike = 0.0;
    double upStrike = 0.0;
};

struct ExpiryAnalytics {
    QDate expiry;
    double spot = 0.0;
    MaxPain maxPain;
    std::optional<double> putCallRatio;  // total put OI / total call OI; nothing when no call OI
    std::vector<OiHeavyStrike> callWalls;  // up to three largest call OI strikes, largest first
    std::vector<OiHeavyStrike> putWalls;   // up to three largest put OI strikes, largest first
    // The IV at spot; nothing when neither side is quoted around it. Known without the skew, whose
    // wings one standard deviation out may not be quoted: σ used to fall back to realised vol then.
    std::optional<double> atmIv;
    std::optional<ChainSkew> skew;          // nothing without the ATM IV or either wing's IV
};

// Why an analysis could not be made, for the report's `reason`.
struct ChainUnavailable {
    QString reason;
};

// Analyses `expiry` of `chain`. `sessionDays` (trading sessions to expiry, ≥ 1) scales the ATM
// standard deviation used to pick the skew strikes. Returns ChainUnavailable when the expiry has no
// strikes with open interest.
std::variant<ExpiryAnalytics, ChainUnavailable> analyseExpiry(const data::OptionChain& chain, QDate expiry, int sessionDays);

// Total payout to option holders if the underlying settles at `settlement`.
double holderPayoutAt(const data::OptionChain& chain, QDate expiry, double settlement);

}  // namespace aegis::engines
