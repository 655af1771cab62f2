#include "data/demo/demo_intraday.h"

#include "data/demo/demo_model_parameters.h"
#include "data/demo/demo_price_grid.h"
#include "data/demo/demo_random.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aegis::data::demo {

namespace {

constexpr int kMinutesPerFiveMinuteBar = 5;

// Activity over the day in [0, 1]: highest at the open, lowest around midday, rising into the close.
double uShape(double dayFraction)
{
    const double centred = 2.0 * dayFraction - 1.0;
    return 0.45 + 1.6 * centred * centred + 0.6 * std::exp(-dayFraction * 25.0);
}

// Maps the segment [fromLow, fromHigh] onto [toLow, toHigh] linearly, pinning the endpoints exactly.
double mapSegment(double x, double fromLow, double fromHigh, double toLow, double toHigh)
{
    if (x <= fromLow)
        return toLow;
    if (x >= fromHigh)
        return toHigh;
    return toLow + (x - fromLow) / (fromHigh - fromLow) * (toHigh - toLow);
}

// A random path of `minutes` steps from the daily open to the daily close whose minimum is the daily
// low and maximum the daily high: a Brownian bridge with U-shaped step sizes, bent onto the bar by a
// monotone piecewise-linear map that leaves the open and close where they are.
std::vector<double> pricePath(DemoRandom& random, const Bar& daily, int minutes)
{
    std::vector<double> walk(static_cast<std::size_t>(minutes) + 1, 0.0);
    for (int k = 1; k <= minutes; ++k)
        walk[k] = walk[k - 1] + std::sqrt(uShape((k - 0.5) / minutes)) * random.normal();
    const double end = walk.back();
    const double bottom = std::min(daily.open, daily.close);
    const double top = std::max(daily.open, daily.close);
    const double scale = std::max(daily.high - daily.low, top - bottom) / std::sqrt(static_cast<double>(minutes));
    std::vector<double> path(walk.size());
    for (std::size_t k = 0; k < walk.size(); ++k) {
        const double share = static_cast<double>(k) / minutes;
        path[k] = daily.open + (daily.close - daily.open) * share + scale * (walk[k] - share * end);
    }
    // Where the path does not reach a wick it is pulled there along a tent a tenth of the session wide,
    // so that the map below only ever compresses. Mapping a path that stayed inside, or barely left,
    // onto the wick stretched one minute into a flash move to the daily low and straight back (2 % on
    // a stock's first minute; 1.7 % on a NIFTY minute, fifty times the usual variance of its window).
    if (minutes >= 3) {
        const int halfWidth = std::max(1, minutes / 10);
        // Centres a whole half-width inside the session, so that no tent is cut short by the open or close.
        const auto centre = [&] { return halfWidth + static_cast<int>(random.uniform() * (minutes - 2 * halfWidth + 1)); };
        const auto pullTo = [&](int at, double target) {
            const double height = target - path[static_cast<std::size_t>(at)];
            for (int k = at - halfWidth + 1; k < at + halfWidth; ++k)
                path[static_cast<std::size_t>(k)] += height * (1.0 - std::abs(k - at) / static_cast<double>(halfWidth));
        };
        if (daily.high > top && *std::max_element(path.begin(), path.end()) < daily.high)
            pullTo(centre(), daily.high);
        if (daily.low < bottom && *std::min_element(path.begin(), path.end()) > daily.low) {
            // Out of the reach of the path's peak, which must stay where the high is.
            const auto peakIndex = static_cast<int>(std::max_element(path.begin(), path.end()) - path.begin());
            int lowered = centre();
            while (std::abs(lowered - peakIndex) < halfWidth)
                lowered = centre();
            pullTo(lowered, daily.low);
        }
    }

    const double pathHigh = *std::max_element(path.begin(), path.end());
    const double pathLow = *std::min_element(path.begin(), path.end());
    for (double& price : path) {
        if (price > top)
            price = mapSegment(price, top, pathHigh, top, daily.high);
        else if (price < bottom)
            price = mapSegment(price, pathLow, bottom, daily.low, bottom);
    }
    return path;
}

Bar mergeBars(const std::vector<Bar>& bars, std::size_t first, std::size_t last)
{
    Bar merged = bars[first];
    for (std::size_t k = first + 1; k < last; ++k) {
        merged.high = std::max(merged.high, bars[k].high);
        merged.low = std::min(merged.low, bars[k].low);
        merged.close = bars[k].close;
        merged.volume += bars[k].volume;
    }
    return merged;
}

}  // namespace

std::vector<double> splitWholeNumber(double total, const std::vector<double>& weights)
{
    const double weightSum = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<double> parts(weights.size(), 0.0);
    if (weights.empty() || total <= 0.0 || weightSum <= 0.0)
        return parts;
    std::vector<std::pair<double, std::size_t>> remainders;
    double assigned = 0.0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double exact = total * weights[i] / weightSum;
        parts[i] = std::floor(exact);
        assigned += parts[i];
        remainders.emplace_back(exact - parts[i], i);
    }
    // Largest remainders first; ties by position so the split is deterministic.
    std::sort(remainders.begin(), remainders.end(),
              [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    auto leftover = static_cast<std::size_t>(std::llround(total - assigned));
    for (std::size_t i = 0; i < leftover && i < remainders.size(); ++i)
        parts[remainders[i].second] += 1.0;
    return parts;
}

IntradayBars intradayBars(DemoRandom& random, const Bar& daily, const DemoSession& session, double ticksPerUnit)
{
    const int minutes = std::max(1, static_cast<int>((session.closeUtc - session.openUtc) / 60));
    const std::vector<double> path = pricePath(random, daily, minutes);
    const double typicalStep = std::max(daily.high - daily.low, 1.0 / ticksPerUnit) / std::sqrt(static_cast<double>(minutes));

    IntradayBars result;
    result.oneMinute.reserve(static_cast<std::size_t>(minutes));
    std::vector<double> volumeWeights;
    volumeWeights.reserve(static_cast<std::size_t>(minutes));
    for (int k = 0; k < minutes; ++k) {
        const double open = roundToGrid(path[k], ticksPerUnit);
        const double close = roundToGrid(path[k + 1], ticksPerUnit);
        const double wickUp = 0.3 * typicalStep * std::abs(random.normal());
        const double wickDown = 0.3 * typicalStep * std::abs(random.normal());
        Bar bar;
        bar.utc = session.openUtc + 60LL * k;
        bar.session = daily.session;
        bar.open = open;
        bar.close = close;
        bar.high = roundToGrid(std::min(daily.high, std::max(open, close) + wickUp), ticksPerUnit);
        bar.low = roundToGrid(std::max(daily.low, std::min(open, close) - wickDown), ticksPerUnit);
        result.oneMinute.push_back(bar);
        // Busier minutes move more: weight by the U-shape, the minute's move, and noise.
        const double move = std::abs(path[k + 1] - path[k]) / typicalStep;
        volumeWeights.push_back(uShape((k + 0.5) / minutes) * (1.0 + 0.5 * move)
                                * std::exp(kIntradayVolumeNoise * random.normal()));
    }
    const std::vector<double> volumes = splitWholeNumber(daily.volume, volumeWeights);
    for (std::size_t k = 0; k < volumes.size(); ++k)
        result.oneMinute[k].volume = volumes[k];

    for (std::size_t first = 0; first < result.oneMinute.size(); first += kMinutesPerFiveMinuteBar) {
        const std::size_t last = std::min(first + kMinutesPerFiveMinuteBar, result.oneMinute.size());
        result.fiveMinute.push_back(mergeBars(result.oneMinute, first, last));
    }
    return result;
}

}  // namespace aegis::data::demo
