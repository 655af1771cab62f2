#pragma once

// How far the next H sessions travel from today's close, in units of the band the breach labels use:
// e = max over j in t+1..t+H of max(ln(H[j] / C[t]), ln(C[t] / L[j])) / (σ·√(H/252)).
// breach_{H,k}[t] = 1 exactly when e ≥ k, so one number answers every band width k.

#include "engines/features/daily_bars.h"

#include <cstddef>

namespace aegis::engines {

inline constexpr double kSessionsPerYear = 252.0;

// NaN when sessions t+1..t+H are not all in `bars`, when rows t and t+H lie more than
// H + kLabelMissingSessionsAllowed NSE sessions apart (a suspension inside the window, where the
// breach labels are missing too), or when σ is not a positive finite number.
double breachExcursion(const DailyBars& bars, double sigmaAnnual, std::size_t t, int sessions);

}  // namespace aegis::engines
