#include "data/demo/demo_option_chains.h"

#include "data/demo/demo_model_parameters.h"
#include "data/demo/demo_price_grid.h"
#include "data/demo/demo_random.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace aegis::data::demo {

namespace {

constexpr double kSecondsPerYear = 365.0 * 86400.0;
constexpr double kShortExpiryYears = 14.0 / 365.0;
constexpr double kShortExpiryVolFactor = 0.95;  // the near weekly trades a little under the month
constexpr double kLaterExpiryOpenInterestShare = 0.6;
constexpr double kMaxStandardisedMoneyness = 4.0;

// Expiry-day close: 15:30 IST is 10:00 UTC.
std::int64_t expiryCloseUtc(QDate expiry)
{
    return QDateTime(expiry, QTime(10, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

double smileVol(double atmVol, double strike, double forward, double years)
{
    const double moneyness = std::clamp(std::log(strike / forward) / (atmVol * std::sqrt(years)),
                                        -kMaxStandardisedMoneyness, kMaxStandardisedMoneyness);
    return atmVol * (1.0 + kSmileSkew * moneyness + kSmileCurvature * moneyness * moneyness);
}

// Where open interest sits, in units of the round-strike spacing from spot: call writers cluster one
// to two round strikes above spot, and a logistic step thins out at-the-money and in-the-money
// strikes. Puts mirror calls below spot.
double callOpenInterestProfile(double distance)
{
    const double fromPeak = (distance - 1.2) / 1.5;
    const double outOfTheMoney = 1.0 / (1.0 + std::exp(-4.0 * (distance - 0.3)));
    return outOfTheMoney * std::exp(-0.5 * fromPeak * fromPeak) + 0.02 * std::exp(-std::abs(distance) / 4.0);
}

double roundStrikeBoost(long long strikeInSteps, int stepsPerRoundStrike)
{
    if (strikeInSteps % (2 * stepsPerRoundStrike) == 0)
        return 4.0;
    if (strikeInSteps % stepsPerRoundStrike == 0)
        return 2.5;
    return 1.0;
}

OptionQuote quote(DemoRandom& random, double price, double impliedVol, double openInterestMean, double moneynessDistance)
{
    OptionQuote q;
    q.lastPrice = roundToGrid(price, kEquityTicksPerRupee);
    const double halfSpread = std::max(0.05, 0.005 * q.lastPrice);
    q.bidPrice = roundToGrid(q.lastPrice - halfSpread, kEquityTicksPerRupee);
    q.askPrice = roundToGrid(q.lastPrice + halfSpread, kEquityTicksPerRupee);
    q.impliedVolatility = std::round(impliedVol * 10000.0) / 100.0;
    q.openInterest = std::round(openInterestMean * std::exp(0.15 * random.normal()));
    q.changeInOpenInterest = std::round(q.openInterest * (0.08 + 0.2 * random.normal()));
    q.totalTradedVolume = std::round(q.openInterest * (0.5 + 2.5 * std::exp(-std::abs(moneynessDistance)))
                                     * std::exp(0.3 * random.normal()));
    return q;
}

}  // namespace

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

double blackScholesPrice(bool isCall, double spot, double strike, double years, double rate, double dividendYield,
                         double vol)
{
    const double deviation = vol * std::sqrt(years);
    const double d1 = (std::log(spot / strike) + (rate - dividendYield + 0.5 * vol * vol) * years) / deviation;
    const double d2 = d1 - deviation;
    const double discountedSpot = spot * std::exp(-dividendYield * years);
    const double discountedStrike = strike * std::exp(-rate * years);
    return isCall ? discountedSpot * normalCdf(d1) - discountedStrike * normalCdf(d2)
                  : discountedStrike * normalCdf(-d2) - discountedSpot * normalCdf(-d1);
}

double strikeStep(const QString& symbol, bool isIndex, double spot)
{
    if (isIndex)
        return symbol == QStringLiteral("BANKNIFTY") ? 100.0 : 50.0;
    if (spot < 50.0)
        return 1.0;
    if (spot < 100.0)
        return 2.5;
    if (spot < 250.0)
        return 5.0;
    if (spot < 500.0)
        return 10.0;
    if (spot < 1000.0)
        return 20.0;
    if (spot < 2500.0)
        return 50.0;
    if (spot < 5000.0)
        return 100.0;
    return 250.0;
}

OptionChain demoOptionChain(std::uint64_t seed, const OptionUnderlying& underlying, const std::vector<QDate>& expiries,
                            std::int64_t takenAtUtc)
{
    DemoRandom random(seed, QStringLiteral("options:") + underlying.symbol);
    OptionChain chain;
    chain.symbol = underlying.symbol;
    chain.takenAtUtc = takenAtUtc;
    chain.underlyingValue = underlying.spot;
    chain.expiries = expiries;
    chain.source = DataSource::Demo;

    const double step = strikeStep(underlying.symbol, underlying.isIndex, underlying.spot);
    const int stepsPerRoundStrike = underlying.isIndex ? 10 : 5;
    const int strikesEachSide = underlying.isIndex ? kIndexStrikesEachSide : kStockStrikesEachSide;
    const double dividendYield = underlying.isIndex ? kIndexDividendYield : 0.0;
    const long long atmInSteps = std::llround(underlying.spot / step);

    for (std::size_t e = 0; e < expiries.size(); ++e) {
        const double years = static_cast<double>(expiryCloseUtc(expiries[e]) - takenAtUtc) / kSecondsPerYear;
        const double atmVol = underlying.atmVol * (years < kShortExpiryYears ? kShortExpiryVolFactor : 1.0);
        const double forward = underlying.spot * std::exp((kRiskFreeRate - dividendYield) * years);
        const double expiryShare = e == 0 ? 1.0 : kLaterExpiryOpenInterestShare;
        for (long long inSteps = atmInSteps - strikesEachSide; inSteps <= atmInSteps + strikesEachSide; ++inSteps) {
            if (inSteps <= 0)
                continue;
            const double strike = static_cast<double>(inSteps) * step;
            const double vol = smileVol(atmVol, strike, forward, years);
            const double distance = (strike - underlying.spot) / (step * stepsPerRoundStrike);
            const double boost = roundStrikeBoost(inSteps, stepsPerRoundStrike);
            const double base = underlying.openInterestScale * expiryShare * boost;

            OptionStrike row;
            row.strike = strike;
            row.expiry = expiries[e];
            row.call = quote(random, blackScholesPrice(true, underlying.spot, strike, years, kRiskFreeRate, dividendYield, vol),
                             vol, base * callOpenInterestProfile(distance), distance);
            row.put = quote(random, blackScholesPrice(false, underlying.spot, strike, years, kRiskFreeRate, dividendYield, vol),
                            vol, base * callOpenInterestProfile(-distance), distance);
            chain.strikes.push_back(row);
        }
    }
    return chain;
}

}  // namespace aegis::data::demo
