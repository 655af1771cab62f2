#pragma once

// O(n) causal rolling computations over a column of doubles in which NaN means "missing".
// NaN is an internal marker only: NamedFrame::setColumn turns it into the missing mask.
// Every value at row i depends on rows <= i only, and is computed by the same sequence of
// operations whatever the series length, so a truncated history gives bitwise-identical values.

#include <cstddef>
#include <limits>
#include <vector>

namespace aegis::engines {

using Column = std::vector<double>;
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Prefix sums of the finite entries of x (and of their squares) for windowed mean / std.
class WindowSums {
public:
    explicit WindowSums(const Column& x);
    // Rows (end - window, end]. NaN when end + 1 < window or fewer than minCount entries are finite.
    double mean(std::size_t end, int window, int minCount) const;
    double sampleStd(std::size_t end, int window, int minCount) const;
    double populationStd(std::size_t end, int window, int minCount) const;
    int count(std::size_t end, int window) const;

private:
    bool covered(std::size_t end, int window, int minCount) const;
    std::vector<double> sum_, sumSquares_;
    std::vector<int> count_;
};

// Prefix sums over rows where both x and y are finite, for windowed regression and correlation.
class WindowCovariance {
public:
    WindowCovariance(const Column& x, const Column& y);
    double slopeOfYOnX(std::size_t end, int window, int minCount) const;
    double correlation(std::size_t end, int window, int minCount) const;

private:
    struct Moments {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    };
    bool window(std::size_t end, int window, int minCount, Moments& out) const;
    std::vector<Moments> prefix_;
};

Column rollingMax(const Column& x, int window);  // max over rows (i - window, i], NaN entries ignored
Column rollingMin(const Column& x, int window);
Column shift(const Column& x, int lag);          // x[i - lag]; NaN for i < lag

// Exponential average with alpha = 2 / (period + 1), seeded at the period-th finite value with the
// plain mean of the first `period` finite values. A NaN after the seed makes the rest NaN.
Column ema(const Column& x, int period);
// Wilder smoothing: seed as ema, then s = (s * (period - 1) + x) / period.
Column wilder(const Column& x, int period);

}  // namespace aegis::engines
