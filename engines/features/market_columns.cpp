#include "engines/features/feature_table.h"
#include "engines/features/indicators.h"
#include "engines/features/ticker_columns.h"

#include <cmath>

namespace aegis::engines {

namespace {

constexpr int kBetaWindow = 60;
constexpr int kBetaMinPairs = 48;

// Listed companies publish quarterly results within 45 days of the quarter's end (60 for the fourth),
// most of them in its third and fourth weeks: on the real NSE files a stock's session ranged beyond
// 1.5 x ATR14 on 15.5 % of the sessions dated 20-29 days into a quarter against 7 % at 40-59 days.
int dayOfQuarter(const QDate& date)
{
    const QDate quarterStart(date.year(), ((date.month() - 1) / 3) * 3 + 1, 1);
    return int(quarterStart.daysTo(date));
}

}  // namespace

void addMarketColumns(const DailyBars& bars, const MarketContext& market, ColumnSink& sink)
{
    const std::size_t n = bars.size();
    const Column ret1 = lagDifference(bars.logClose, 1);
    const Column ret20 = lagDifference(bars.logClose, 20);
    const Column ret60 = lagDifference(bars.logClose, 60);

    Column sameDayNifty(n, kNaN), rs20(n, kNaN), rs60(n, kNaN), marketCarried(n, kNaN);
    Column niftyRet1(n, kNaN), niftyRet5(n, kNaN), niftyRet20(n, kNaN), niftyRv20(n, kNaN);
    Column vix(n, kNaN), vixChange(n, kNaN), vixPercentile(n, kNaN), ivRv(n, kNaN), vixCarried(n, kNaN);
    Column expiry(n, kNaN), weekday(n, kNaN), quarterDay(n, kNaN), yearDay(n, kNaN);
    Column breakoutShare(n, kNaN), breakoutShareAverage(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        if (const std::optional<std::size_t> b = market.breadth.rowOf(bars.dates[i])) {
            breakoutShare[i] = market.breadth.share[*b];
            breakoutShareAverage[i] = market.breadth.averageShare[*b];
        }
        weekday[i] = bars.dates[i].dayOfWeek();
        quarterDay[i] = double(dayOfQuarter(bars.dates[i]));
        yearDay[i] = double(bars.dates[i].dayOfYear());
        const MarketContext::Join join = market.join(bars.dates[i], i > 0 ? bars.dates[i - 1] : QDate());
        if (join.row < 0 || join.carried) {
            expiry[i] = sessionsToNiftyExpiry(bars.dates[i]);
        }
        if (join.row < 0)
            continue;
        const auto m = static_cast<std::size_t>(join.row);
        if (!join.carried) {
            sameDayNifty[i] = market.niftyReturn1[m];
            expiry[i] = market.sessionsToExpiry[m];
        }
        marketCarried[i] = join.carried ? 1.0 : 0.0;
        rs20[i] = ret20[i] - market.niftyReturn20[m];
        rs60[i] = ret60[i] - market.niftyReturn60[m];
        niftyRet1[i] = market.niftyReturn1[m];
        niftyRet5[i] = market.niftyReturn5[m];
        niftyRet20[i] = market.niftyReturn20[m];
        niftyRv20[i] = market.niftyRv20[m];
        vix[i] = market.vixLevel[m];
        vixChange[i] = market.vixChange5[m];
        vixPercentile[i] = market.vixPercentile252[m];
        ivRv[i] = market.ivRvRatio[m];
        vixCarried[i] = market.vixCarried[m];
    }

    // The market's implied one-session move against this ticker's ATR: a calm stock in a nervous market
    // (or the reverse) is where ranges leave their recent average.
    const Column atr = averageTrueRange(bars, 14);
    Column vixPerAtr(n, kNaN);
    for (std::size_t i = 0; i < n; ++i) {
        if (atr[i] > 0.0)
            vixPerAtr[i] = vix[i] / 100.0 / std::sqrt(kSessionsPerYear) / (atr[i] / bars.close[i]);
    }
    sink.put("vix_daily_per_atr", vixPerAtr);

    const WindowCovariance covariance(sameDayNifty, ret1);
    Column beta(n), correlation(n);
    for (std::size_t i = 0; i < n; ++i) {
        beta[i] = covariance.slopeOfYOnX(i, kBetaWindow, kBetaMinPairs);
        correlation[i] = covariance.correlation(i, kBetaWindow, kBetaMinPairs);
    }
    sink.put("beta_60", beta);
    sink.put("corr_60", correlation);
    sink.put("rs_20", rs20);
    sink.put("rs_60", rs60);
    sink.put("nifty_ret_1", niftyRet1);
    sink.put("nifty_ret_5", niftyRet5);
    sink.put("nifty_ret_20", niftyRet20);
    sink.put("nifty_rv_20", niftyRv20);
    sink.put("vix_level", vix);
    sink.put("vix_change_5", vixChange);
    sink.put("vix_percentile_252", vixPercentile);
    sink.put("iv_rv_ratio", ivRv);
    sink.put("vix_carried", vixCarried);
    sink.put("market_carried", marketCarried);
    sink.put(std::string(kStockBreakoutShareFeature), breakoutShare);
    sink.put(std::string(kStockBreakoutShareAverageFeature), breakoutShareAverage);
    sink.put("sessions_to_expiry", expiry);
    sink.put("weekday", weekday);
    sink.put("day_of_quarter", quarterDay);
    sink.put(std::string(kDayOfYearFeature), yearDay);
}

}  // namespace aegis::engines
