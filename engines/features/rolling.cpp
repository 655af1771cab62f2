#include "engines/features/rolling.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace aegis::engines {

WindowSums::WindowSums(const Column& x)
    : sum_(x.size() + 1, 0.0), sumSquares_(x.size() + 1, 0.0), count_(x.size() + 1, 0)
{
    for (std::size_t i = 0; i < x.size(); ++i) {
        const bool finite = std::isfinite(x[i]);
        const double v = finite ? x[i] : 0.0;
        sum_[i + 1] = sum_[i] + v;
        sumSquares_[i + 1] = sumSquares_[i] + v * v;
        count_[i + 1] = count_[i] + (finite ? 1 : 0);
    }
}

int WindowSums::count(std::size_t end, int window) const
{
    if (end + 1 < static_cast<std::size_t>(window))
        return 0;
    return count_[end + 1] - count_[end + 1 - static_cast<std::size_t>(window)];
}

bool WindowSums::covered(std::size_t end, int window, int minCount) const
{
    return end + 1 >= static_cast<std::size_t>(window) && count(end, window) >= minCount && count(end, window) > 0;
}

double WindowSums::mean(std::size_t end, int window, int minCount) const
{
    if (!covered(end, window, minCount))
        return kNaN;
    const std::size_t begin = end + 1 - static_cast<std::size_t>(window);
    return (sum_[end + 1] - sum_[begin]) / count(end, window);
}

double WindowSums::populationStd(std::size_t end, int window, int minCount) const
{
    if (!covered(end, window, minCount))
        return kNaN;
    const std::size_t begin = end + 1 - static_cast<std::size_t>(window);
    const double n = count(end, window);
    const double s = sum_[end + 1] - sum_[begin];
    const double ss = sumSquares_[end + 1] - sumSquares_[begin];
    return std::sqrt(std::max(0.0, (ss - s * s / n) / n));
}

double WindowSums::sampleStd(std::size_t end, int window, int minCount) const
{
    if (!covered(end, window, minCount) || count(end, window) < 2)
        return kNaN;
    const std::size_t begin = end + 1 - static_cast<std::size_t>(window);
    const double n = count(end, window);
    const double s = sum_[end + 1] - sum_[begin];
    const double ss = sumSquares_[end + 1] - sumSquares_[begin];
    return std::sqrt(std::max(0.0, (ss - s * s / n) / (n - 1.0)));
}

WindowCovariance::WindowCovariance(const Column& x, const Column& y) : prefix_(x.size() + 1)
{
    for (std::size_t i = 0; i < x.size(); ++i) {
        Moments m = prefix_[i];
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            m.n += 1.0;
            m.sx += x[i];
            m.sy += y[i];
            m.sxx += x[i] * x[i];
            m.syy += y[i] * y[i];
            m.sxy += x[i] * y[i];
        }
        prefix_[i + 1] = m;
    }
}

bool WindowCovariance::window(std::size_t end, int window, int minCount, Moments& out) const
{
    if (end + 1 < static_cast<std::size_t>(window))
        return false;
    const Moments& a = prefix_[end + 1];
    const Moments& b = prefix_[end + 1 - static_cast<std::size_t>(window)];
    out = {a.n - b.n, a.sx - b.sx, a.sy - b.sy, a.sxx - b.sxx, a.syy - b.syy, a.sxy - b.sxy};
    return out.n >= std::max(minCount, 2);
}

double WindowCovariance::slopeOfYOnX(std::size_t end, int windowLength, int minCount) const
{
    Moments m;
    if (!window(end, windowLength, minCount, m))
        return kNaN;
    const double varX = m.sxx - m.sx * m.sx / m.n;
    if (!(varX > 0.0))
        return kNaN;
    return (m.sxy - m.sx * m.sy / m.n) / varX;
}

double WindowCovariance::correlation(std::size_t end, int windowLength, int minCount) const
{
    Moments m;
    if (!window(end, windowLength, minCount, m))
        return kNaN;
    const double varX = m.sxx - m.sx * m.sx / m.n;
    const double varY = m.syy - m.sy * m.sy / m.n;
    if (!(varX > 0.0) || !(varY > 0.0))
        return kNaN;
    return (m.sxy - m.sx * m.sy / m.n) / std::sqrt(varX * varY);
}

namespace {

// Monotonic-deque sliding extremum; `better(a, b)` is true when a should evict b.
template <typename Better>
Column slidingExtremum(const Column& x, int window, Better better)
{
    Column out(x.size(), kNaN);
    std::deque<std::size_t> candidates;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isfinite(x[i])) {
            while (!candidates.empty() && better(x[i], x[candidates.back()]))
                candidates.pop_back();
            candidates.push_back(i);
        }
        while (!candidates.empty() && candidates.front() + static_cast<std::size_t>(window) <= i)
            candidates.pop_front();
        if (i + 1 >= static_cast<std::size_t>(window) && !candidates.empty())
            out[i] = x[candidates.front()];
    }
    return out;
}

}  // namespace

Column rollingMax(const Column& x, int window)
{
    return slidingExtremum(x, window, [](double a, double b) { return a >= b; });
}

Column rollingMin(const Column& x, int window)
{
    return slidingExtremum(x, window, [](double a, double b) { return a <= b; });
}

Column shift(const Column& x, int lag)
{
    Column out(x.size(), kNaN);
    for (std::size_t i = static_cast<std::size_t>(lag); i < x.size(); ++i)
        out[i] = x[i - static_cast<std::size_t>(lag)];
    return out;
}

namespace {

template <typename Step>
Column seededSmoothing(const Column& x, int period, Step step)
{
    Column out(x.size(), kNaN);
    std::size_t i = 0;
    while (i < x.size() && !std::isfinite(x[i]))
        ++i;
    double seedSum = 0.0;
    int seen = 0;
    for (; i < x.size() && seen < period; ++i) {
        if (!std::isfinite(x[i]))
            return out;  // a gap inside the seed window: no valid start
        seedSum += x[i];
        ++seen;
    }
    if (seen < period)
        return out;
    double state = seedSum / period;
    out[i - 1] = state;
    for (; i < x.size(); ++i) {
        state = step(state, x[i]);
        out[i] = state;
    }
    return out;
}

}  // namespace

Column ema(const Column& x, int period)
{
    const double alpha = 2.0 / (period + 1.0);
    return seededSmoothing(x, period, [alpha](double s, double v) { return s + alpha * (v - s); });
}

Column wilder(const Column& x, int period)
{
    return seededSmoothing(x, period, [period](double s, double v) { return (s * (period - 1) + v) / period; });
}

}  // namespace aegis::engines
