#include "engines/features/daily_bars.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace aegis::engines {

namespace {

bool hasValidPrices(const data::Bar& bar)
{
    for (double price : {bar.open, bar.high, bar.low, bar.close}) {
        if (!std::isfinite(price) || price <= 0.0)
            return false;
    }
    return bar.high >= bar.low;
}

}  // namespace

bool isPlaceholderBar(const data::Bar& bar)
{
    return bar.open == bar.high && bar.high == bar.low && bar.low == bar.close && bar.volume == 0.0;
}

DailyBars cleanDailyBars(const data::BarSeries& series)
{
    DailyBars out;
    const std::size_t n = series.bars.size();
    for (auto* column : {&out.open, &out.high, &out.low, &out.close, &out.volume})
        column->reserve(n);
    out.dates.reserve(n);

    for (const data::Bar& bar : series.bars) {
        if (!bar.final) {
            out.dropped.push_back({bar.session, DropReason::NotFinal});
            continue;
        }
        if (!hasValidPrices(bar)) {
            out.dropped.push_back({bar.session, DropReason::InvalidPrices});
            continue;
        }
        if (isPlaceholderBar(bar)) {
            out.dropped.push_back({bar.session, DropReason::Placeholder});
            continue;
        }
        if (!bar.session.isValid() || (!out.dates.empty() && bar.session <= out.dates.back())) {
            out.dropped.push_back({bar.session, DropReason::OutOfOrder});
            continue;
        }
        out.dates.push_back(bar.session);
        out.open.push_back(bar.open);
        out.close.push_back(bar.close);
        out.high.push_back(std::max({bar.high, bar.open, bar.close}));
        out.low.push_back(std::min({bar.low, bar.open, bar.close}));
        const bool volumeKnown = std::isfinite(bar.volume) && bar.volume >= 0.0;
        out.volume.push_back(volumeKnown ? bar.volume : std::numeric_limits<double>::quiet_NaN());
    }
    for (auto [prices, logs] : {std::pair{&out.open, &out.logOpen}, std::pair{&out.high, &out.logHigh},
                                std::pair{&out.low, &out.logLow}, std::pair{&out.close, &out.logClose}}) {
        logs->resize(prices->size());
        std::transform(prices->begin(), prices->end(), logs->begin(), [](double p) { return std::log(p); });
    }
    return out;
}

}  // namespace aegis::engines
