#pragma once

// Forward labels for pooled training: one row per cleaned session of the ticker (the same rows as
// buildDailyFeatures), one column per labelTable() entry. A label at t uses bars t+1..t+h plus
// what is known at t (close, trailing volatility, ATR14, implied vol); a label whose future is not
// in the data yet is missing, never 0.

#include "engines/features/named_frame.h"

#include "data/core/market_types.h"

#include <QDate>
#include <QString>

#include <vector>

namespace aegis::engines {

using LabelFrame = NamedFrame;

// Annualised implied volatility as a fraction, by session date (exact-date lookup only).
class ImpliedVolatility {
public:
    ImpliedVolatility() = default;
    ImpliedVolatility(std::vector<QDate> dates, std::vector<double> annualised);
    // India VIX closes (vol points) / 100, non-final and non-positive rows skipped.
    static ImpliedVolatility fromVix(const data::BarSeries& vix);
    double at(QDate date) const;  // NaN when the date has no value

private:
    std::vector<QDate> dates_;
    std::vector<double> values_;
};

struct LabelInputs {
    const ImpliedVolatility* impliedVolatility = nullptr;  // none: sigma_annual is rv_20
    QString expiryUnderlying;  // for breach_exp_*; empty: the ticker's own symbol
};

// Parameters behind the label definitions (documented in docs/labels.md).
inline constexpr double kDirectionDeadZone = 0.3;    // x trailing daily sd x sqrt(h)
// kBreakoutAtrMultiple: engines/features/indicators.h (the features look back at the same event)
inline constexpr double kTrapIvRvThreshold = 1.2;
inline constexpr int kTrapHorizon = 10;
inline constexpr double kTrapExpansion = 1.1;        // forward rv must exceed rv_20[t] by 10%
inline constexpr double kImpactCoefficient = 1.0;    // Y in Y sigma sqrt(Q / traded value)

LabelFrame buildLabels(const data::BarSeries& ticker, const LabelInputs& inputs = {});

// Fills exec_regime in every frame: per session date, the quartile (0 LOW .. 3 SEVERE) of
// exec_cost_5l among the frames that have it that day; missing when fewer than
// kExecRegimeMinimumTickers do.
inline constexpr int kExecRegimeMinimumTickers = 4;
void assignExecRegimes(std::vector<LabelFrame>& universe);

}  // namespace aegis::engines
