#include "engines/direction/direction_choice.h"

#include <algorithm>
#include <cmath>

namespace aegis::engines {

namespace {

// Rounding in (1 - f_N +- 0) / 2 and in the calibrators leaves ties a few ulps apart.
constexpr double kTieTolerance = 1e-12;

}  // namespace

DirectionChoice chooseDirection(const std::array<double, 3>& downNeutralUp)
{
    const double down = std::clamp(downNeutralUp[0], 0.0, 1.0);
    const double neutral = std::clamp(downNeutralUp[1], 0.0, 1.0);
    const double up = std::clamp(downNeutralUp[2], 0.0, 1.0);
    if (std::abs(up - down) <= kTieTolerance && up > neutral)
        return {QStringLiteral("NEUTRAL"), neutral};
    if (up >= down && up >= neutral)
        return {QStringLiteral("UP"), up};
    if (down >= neutral)
        return {QStringLiteral("DOWN"), down};
    return {QStringLiteral("NEUTRAL"), neutral};
}

}  // namespace aegis::engines
