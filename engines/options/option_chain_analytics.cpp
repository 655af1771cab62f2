#include "engines/options/option_chain_analytics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aegis::engines {

namespace {

constexpr double kMaxPainZoneTolerance = 0.05;  // strikes within 5% of the minimum payout
constexpr double kCentralOiShare = 0.90;        // width of the book: strikes holding the central 90% of OI
constexpr std::size_t kWallCount = 3;
constexpr double kSessionsPerYear = 252.0;

std::vector<const data::OptionStrike*> strikesOf(const data::OptionChain& chain, QDate expiry)
{
    std::vector<const data::OptionStrike*> strikes;
    for (const data::OptionStrike& strike : chain.strikes) {
        if (strike.expiry == expiry && std::isfinite(strike.strike) && strike.strike > 0.0)
            strikes.push_back(&strike);
    }
    std::sort(strikes.begin(), strikes.end(), [](const auto* a, const auto* b) { return a->strike < b->strike; });
    return strikes;
}

double openInterest(const std::optional<data::OptionQuote>& quote)
{
    return quote && std::isfinite(quote->openInterest) && quote->openInterest > 0.0 ? quote->openInterest : 0.0;
}

double payoutAt(const std::vector<const data::OptionStrike*>& strikes, double settlement)
{
    double payout = 0.0;
    for (const data::OptionStrike* s : strikes) {
        payout += openInterest(s->call) * std::max(settlement - s->strike, 0.0);
        payout += openInterest(s->put) * std::max(s->strike - settlement, 0.0);
    }
    return payout;
}

// The strikes between which the central `share` of total open interest lies.
std::pair<double, double> centralOiRange(const std::vector<const data::OptionStrike*>& strikes, double share)
{
    std::vector<double> cumulative;
    double total = 0.0;
    for (const data::OptionStrike* s : strikes) {
        total += openInterest(s->call) + openInterest(s->put);
        cumulative.push_back(total);
    }
    const double tail = total * (1.0 - share) / 2.0;
    const auto lowIt = std::find_if(cumulative.begin(), cumulative.end(), [&](double c) { return c > tail; });
    const auto highIt = std::find_if(cumulative.begin(), cumulative.end(), [&](double c) { return c >= total - tail; });
    return {strikes[std::size_t(lowIt - cumulative.begin())]->strike, strikes[std::size_t(highIt - cumulative.begin())]->strike};
}

MaxPain computeMaxPain(const std::vector<const data::OptionStrike*>& strikes)
{
    std::vector<double> payouts;
    payouts.reserve(strikes.size());
    for (const data::OptionStrike* s : strikes)
        payouts.push_back(payoutAt(strikes, s->strike));

    // The payout is convex and piecewise linear in the settlement price with kinks at the strikes, so
    // its minimum is at a strike and the set within the tolerance is one contiguous run around it.
    const std::size_t best = std::size_t(std::min_element(payouts.begin(), payouts.end()) - payouts.begin());
    const double threshold = payouts[best] * (1.0 + kMaxPainZoneTolerance);
    std::size_t first = best;
    while (first > 0 && payouts[first - 1] <= threshold)
        --first;
    std::size_t last = best;
    while (last + 1 < payouts.size() && payouts[last + 1] <= threshold)
        ++last;

    MaxPain result;
    result.strike = strikes[best]->strike;
    result.lower = strikes[first]->strike;
    result.upper = strikes[last]->strike;
    result.minimumPayout = payouts[best];
    const auto [bookLow, bookHigh] = centralOiRange(strikes, kCentralOiShare);
    const double bookWidth = bookHigh - bookLow;
    const double zoneWidth = result.upper - result.lower;
    result.confidence = bookWidth > 0.0 ? std::clamp(1.0 - zoneWidth / bookWidth, 0.0, 1.0) : (zoneWidth == 0.0 ? 1.0 : 0.0);
    return result;
}

std::vector<OiHeavyStrike> walls(const std::vector<const data::OptionStrike*>& strikes, bool calls)
{
    std::vector<OiHeavyStrike> result;
    for (const data::OptionStrike* s : strikes) {
        const double oi = openInterest(calls ? s->call : s->put);
        if (oi > 0.0)
            result.push_back({s->strike, oi});
    }
    std::stable_sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.openInterest > b.openInterest; });
    if (result.size() > kWallCount)
        result.resize(kWallCount);
    return result;
}

// (strike, IV as a decimal) for the quotes that carry an implied volatility, ascending by strike.
std::vector<std::pair<double, double>> ivCurve(const std::vector<const data::OptionStrike*>& strikes, bool calls)
{
    std::vector<std::pair<double, double>> curve;
    for (const data::OptionStrike* s : strikes) {
        const auto& quote = calls ? s->call : s->put;
        if (quote && std::isfinite(quote->impliedVolatility) && quote->impliedVolatility > 0.0)
            curve.emplace_back(s->strike, quote->impliedVolatility / 100.0);
    }
    return curve;
}

// Linear interpolation inside the curve; nothing outside it (no extrapolation of a smile).
std::optional<double> interpolate(const std::vector<std::pair<double, double>>& curve, double strike)
{
    if (curve.empty() || strike < curve.front().first || strike > curve.back().first)
        return std::nullopt;
    const auto upper = std::lower_bound(curve.begin(), curve.end(), strike,
                                        [](const auto& point, double k) { return point.first < k; });
    if (upper->first == strike || upper == curve.begin())
        return upper->second;
    const auto lower = upper - 1;
    const double weight = (strike - lower->first) / (upper->first - lower->first);
    return lower->second + weight * (upper->second - lower->second);
}

// The call and put IVs interpolated at spot, averaged (one side when only one is quoted there).
std::optional<double> atmImpliedVol(const std::vector<const data::OptionStrike*>& strikes, double spot)
{
    const std::optional<double> callAtm = interpolate(ivCurve(strikes, true), spot);
    const std::optional<double> putAtm = interpolate(ivCurve(strikes, false), spot);
    if (!callAtm && !putAtm)
        return std::nullopt;
    return callAtm && putAtm ? (*callAtm + *putAtm) / 2.0 : callAtm.value_or(putAtm.value_or(0.0));
}

std::optional<ChainSkew> computeSkew(const std::vector<const data::OptionStrike*>& strikes, double spot, double atmIv,
                                     int sessionDays)
{
    const auto calls = ivCurve(strikes, true);
    const auto puts = ivCurve(strikes, false);
    ChainSkew skew;
    skew.atmIv = atmIv;
    const double standardDeviation = skew.atmIv * std::sqrt(std::max(sessionDays, 1) / kSessionsPerYear);
    skew.downStrike = spot * std::exp(-standardDeviation);
    skew.upStrike = spot * std::exp(standardDeviation);
    const std::optional<double> putIv = interpolate(puts, skew.downStrike);
    const std::optional<double> callIv = interpolate(calls, skew.upStrike);
    if (!putIv || !callIv)
        return std::nullopt;
    skew.putSkew = *putIv - skew.atmIv;
    skew.callSkew = *callIv - skew.atmIv;
    skew.netSkew = skew.putSkew - skew.callSkew;
    return skew;
}

}  // namespace

double holderPayoutAt(const data::OptionChain& chain, QDate expiry, double settlement)
{
    return payoutAt(strikesOf(chain, expiry), settlement);
}

std::variant<ExpiryAnalytics, ChainUnavailable> analyseExpiry(const data::OptionChain& chain, QDate expiry, int sessionDays)
{
    const auto strikes = strikesOf(chain, expiry);
    double callOi = 0.0;
    double putOi = 0.0;
    for (const data::OptionStrike* s : strikes) {
        callOi += openInterest(s->call);
        putOi += openInterest(s->put);
    }
    if (strikes.empty() || callOi + putOi <= 0.0)
        return ChainUnavailable{QStringLiteral("the %1 chain has no open interest for expiry %2")
                                    .arg(chain.symbol, expiry.toString(Qt::ISODate))};
    if (!std::isfinite(chain.underlyingValue) || chain.underlyingValue <= 0.0)
        return ChainUnavailable{QStringLiteral("the %1 chain has no underlying value").arg(chain.symbol)};

    ExpiryAnalytics analytics;
    analytics.expiry = expiry;
    analytics.spot = chain.underlyingValue;
    analytics.maxPain = computeMaxPain(strikes);
    if (callOi > 0.0)
        analytics.putCallRatio = putOi / callOi;
    analytics.callWalls = walls(strikes, true);
    analytics.putWalls = walls(strikes, false);
    analytics.atmIv = atmImpliedVol(strikes, analytics.spot);
    if (analytics.atmIv)
        analytics.skew = computeSkew(strikes, analytics.spot, *analytics.atmIv, sessionDays);
    return analytics;
}

}  // namespace aegis::engines
