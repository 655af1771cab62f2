#pragma once

// Which direction a DOWN / NEUTRAL / UP forecast calls, and with what conviction.

#include <QString>

#include <array>

namespace aegis::engines {

struct DirectionChoice {
    QString direction;  // "DOWN", "NEUTRAL" or "UP"
    double conviction = 0.0;  // the probability of `direction`, in [0, 1]
};

// The most probable class and its probability; but when UP and DOWN tie for the most probable, there is
// no side to call: NEUTRAL, with NEUTRAL's own probability as the conviction. A base rate whose drift
// was discounted to nothing is exactly such a tie, and argmax alone would read it as DOWN (the first
// class) for every ticker.
DirectionChoice chooseDirection(const std::array<double, 3>& downNeutralUp);

}  // namespace aegis::engines
