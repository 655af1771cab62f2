#include "engines/features/market_context.h"

#include "engines/features/daily_bars.h"
#include "engines/features/indicators.h"

#include "data/calendar/nse_calendar.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace aegis::engines {

namespace {

constexpr int kVixPercentileWindow = 252;

// VIX closes on NIFTY's dates, each carried forward at most one session.
void alignVix(const DailyBars& vix, MarketContext& market)
{
    const std::size_t n = market.dates.size();
    market.vixLevel.assign(n, kNaN);
    market.vixCarried.assign(n, kNaN);
    std::unordered_map<qint64, double> vixByDay;
    for (std::size_t i = 0; i < vix.size(); ++i)
        vixByDay.emplace(vix.dates[i].toJulianDay(), vix.close[i]);

    bool previousWasReal = false;
    for (std::size_t i = 0; i < n; ++i) {
        const auto found = vixByDay.find(market.dates[i].toJulianDay());
        if (found != vixByDay.end()) {
            market.vixLevel[i] = found->second;
            market.vixCarried[i] = 0.0;
            previousWasReal = true;
        } else if (i > 0 && previousWasReal) {
            market.vixLevel[i] = market.vixLevel[i - 1];
            market.vixCarried[i] = 1.0;
            previousWasReal = false;
        } else {
            previousWasReal = false;
        }
    }
}

Column trailingPercentile(const Column& x, int window, int minKnown)
{
    Column out(x.size(), kNaN);
    for (std::size_t i = static_cast<std::size_t>(window - 1); i < x.size(); ++i) {
        if (!std::isfinite(x[i]))
            continue;
        int known = 0;
        int atOrBelow = 0;
        for (std::size_t j = i + 1 - static_cast<std::size_t>(window); j <= i; ++j) {
            if (!std::isfinite(x[j]))
                continue;
            ++known;
            atOrBelow += x[j] <= x[i] ? 1 : 0;
        }
        if (known >= minKnown)
            out[i] = static_cast<double>(atOrBelow) / known;
    }
    return out;
}

}  // namespace

double sessionsToNiftyExpiry(QDate date)
{
    const data::NseCalendar& calendar = data::NseCalendar::instance();
    const std::optional<QDate> expiry = calendar.nearestExpiry(QStringLiteral("NIFTY"), date);
    if (!expiry)
        return kNaN;
    return calendar.sessionCount(date, *expiry);
}

MarketContext MarketContext::build(const data::BarSeries& nifty, const data::BarSeries& vix)
{
    const DailyBars niftyBars = cleanDailyBars(nifty);
    const DailyBars vixBars = cleanDailyBars(vix);

    MarketContext market;
    market.dates = niftyBars.dates;
    market.niftyDropped = niftyBars.dropped;
    market.vixDropped = vixBars.dropped;

    market.niftyReturn1 = lagDifference(niftyBars.logClose, 1);
    market.niftyReturn5 = lagDifference(niftyBars.logClose, 5);
    market.niftyReturn20 = lagDifference(niftyBars.logClose, 20);
    market.niftyReturn60 = lagDifference(niftyBars.logClose, 60);
    market.niftyRv20 = realisedVolatility(market.niftyReturn1, 20, true);

    alignVix(vixBars, market);
    market.vixChange5 = logRatioLag(market.vixLevel, 5);
    market.vixPercentile252 = trailingPercentile(market.vixLevel, kVixPercentileWindow, kVixPercentileMinKnown);
    market.ivRvRatio.resize(market.dates.size());
    for (std::size_t i = 0; i < market.dates.size(); ++i)
        market.ivRvRatio[i] = (market.vixLevel[i] / 100.0) / market.niftyRv20[i];

    market.sessionsToExpiry.resize(market.dates.size());
    for (std::size_t i = 0; i < market.dates.size(); ++i)
        market.sessionsToExpiry[i] = sessionsToNiftyExpiry(market.dates[i]);
    return market;
}

MarketContext::Join MarketContext::join(QDate date, QDate previousTickerDate) const
{
    const auto after = std::upper_bound(dates.begin(), dates.end(), date);
    if (after == dates.begin())
        return {};
    const int row = static_cast<int>(after - dates.begin()) - 1;
    const QDate found = dates[static_cast<std::size_t>(row)];
    if (found == date)
        return {row, false};
    if (previousTickerDate.isValid() && found >= previousTickerDate)
        return {row, true};
    return {};
}

}  // namespace aegis::engines
