#include "data/demo/demo_indices.h"

#include "data/demo/demo_model_parameters.h"
#include "data/demo/demo_price_grid.h"
#include "data/demo/demo_random.h"
#include "data/universe/universe.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aegis::data::demo {

namespace {

const QString kFinancialServices = QStringLiteral("Financial Services");

bool isBank(const Ticker& ticker)
{
    return ticker.industry == kFinancialServices
           && (ticker.name.contains(QStringLiteral("Bank")) || ticker.symbol.contains(QStringLiteral("BANK")));
}

std::vector<std::size_t> largestFirst(const std::vector<StockProfile>& stocks, bool (*eligible)(const StockProfile&),
                                      bool niftyNamesFirst, int count)
{
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < stocks.size(); ++i) {
        if (eligible(stocks[i]))
            candidates.push_back(i);
    }
    std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
        if (niftyNamesFirst && stocks[a].niftyListed != stocks[b].niftyListed)
            return stocks[a].niftyListed;
        return stocks[a].marketCapCrore > stocks[b].marketCapCrore;
    });
    candidates.resize(std::min<std::size_t>(candidates.size(), static_cast<std::size_t>(count)));
    std::sort(candidates.begin(), candidates.end());
    return candidates;
}

}  // namespace

IndexDefinition defineIndex(const QString& symbol, const std::vector<StockProfile>& stocks)
{
    IndexDefinition index;
    index.symbol = symbol;
    if (symbol == kNiftySymbol) {
        index.members = largestFirst(stocks, [](const StockProfile&) { return true; }, true, kNiftyMembers);
        index.firstLevel = kNiftyFirstLevel;
    } else if (symbol == kBankNiftySymbol) {
        index.members = largestFirst(stocks, [](const StockProfile& s) { return isBank(s.ticker); }, false,
                                     kBankNiftyMembers);
        index.firstLevel = kBankNiftyFirstLevel;
    } else if (symbol == kFinNiftySymbol) {
        index.members = largestFirst(
            stocks, [](const StockProfile& s) { return s.ticker.industry == kFinancialServices; }, false,
            kFinNiftyMembers);
        index.firstLevel = kFinNiftyFirstLevel;
    } else {
        throw std::invalid_argument("the DEMO market has no model for the index " + symbol.toStdString());
    }
    if (index.members.empty())
        throw std::invalid_argument("the DEMO universe has no constituents for " + symbol.toStdString());
    return index;
}

std::vector<Bar> indexDailyBars(const IndexDefinition& index, const std::vector<StockProfile>& stocks,
                                const std::vector<std::vector<Bar>>& stockBars)
{
    std::vector<double> shares;
    double firstValue = 0.0;
    for (const std::size_t member : index.members) {
        shares.push_back(stocks[member].marketCapCrore / stockBars[member].front().close);
        firstValue += stocks[member].marketCapCrore;
    }
    const double divisor = firstValue / index.firstLevel;

    const std::vector<Bar>& firstMember = stockBars[index.members.front()];
    std::vector<Bar> bars;
    bars.reserve(firstMember.size());
    for (std::size_t t = 0; t < firstMember.size(); ++t) {
        double open = 0.0, high = 0.0, low = 0.0, close = 0.0, volume = 0.0;
        for (std::size_t m = 0; m < index.members.size(); ++m) {
            const Bar& member = stockBars[index.members[m]][t];
            open += shares[m] * member.open;
            high += shares[m] * member.high;
            low += shares[m] * member.low;
            close += shares[m] * member.close;
            volume += member.volume;
        }
        open /= divisor;
        high /= divisor;
        low /= divisor;
        close /= divisor;
        const double top = std::max(open, close);
        const double bottom = std::min(open, close);

        Bar bar;
        bar.utc = firstMember[t].utc;
        bar.session = firstMember[t].session;
        bar.open = roundToGrid(open, kEquityTicksPerRupee);
        bar.close = roundToGrid(close, kEquityTicksPerRupee);
        bar.high = roundToGrid(top + kIndexWickShare * (high - top), kEquityTicksPerRupee);
        bar.low = roundToGrid(bottom - kIndexWickShare * (bottom - low), kEquityTicksPerRupee);
        bar.volume = volume;
        bars.push_back(bar);
    }
    return bars;
}

std::vector<Bar> indiaVixDailyBars(std::uint64_t seed, const std::vector<Bar>& niftyBars)
{
    DemoRandom random(seed, QStringLiteral("vix"));
    const double longRunVariance = kVixNiftyGarch.longRunVol * kVixNiftyGarch.longRunVol;
    const double persistence = kVixNiftyGarch.alpha + kVixNiftyGarch.beta;
    const double omega = longRunVariance * (1.0 - persistence);
    // Average of the GARCH variance forecasts over the horizon: deviations decay by `persistence` a session.
    const double horizonDecay = (1.0 - std::pow(persistence, kVixHorizonSessions))
                                / (kVixHorizonSessions * (1.0 - persistence));

    std::vector<Bar> bars;
    bars.reserve(niftyBars.size());
    double variance = longRunVariance;
    double premiumDeviation = 0.0;
    double previousClose = 0.0;
    for (std::size_t t = 0; t < niftyBars.size(); ++t) {
        const double niftyReturn = t == 0 ? 0.0 : std::log(niftyBars[t].close / niftyBars[t - 1].close);
        variance = omega + kVixNiftyGarch.alpha * niftyReturn * niftyReturn + kVixNiftyGarch.beta * variance;
        const double horizonVariance = longRunVariance + (variance - longRunVariance) * horizonDecay;
        premiumDeviation = kVixPremiumPersistence * premiumDeviation + kVixPremiumNoise * random.normal();
        const double premium = std::clamp(kVixPremiumMean + premiumDeviation, kVixPremiumLow, kVixPremiumHigh);
        const double close = 100.0 * std::sqrt(252.0 * horizonVariance) * premium;
        const double open = t == 0 ? close * std::exp(kVixOpenNoise * random.normal())
                                   : previousClose * std::exp(0.5 * std::log(close / previousClose)
                                                              + kVixOpenNoise * random.normal());
        const double high = std::max(open, close) * std::exp(kVixWick * std::abs(random.normal()));
        const double low = std::min(open, close) * std::exp(-kVixWick * std::abs(random.normal()));
        previousClose = close;

        Bar bar;
        bar.utc = niftyBars[t].utc;
        bar.session = niftyBars[t].session;
        bar.open = roundToGrid(open, kVixTicksPerPoint);
        bar.high = roundToGrid(high, kVixTicksPerPoint);
        bar.low = roundToGrid(low, kVixTicksPerPoint);
        bar.close = roundToGrid(close, kVixTicksPerPoint);
        bar.volume = 0.0;  // NSE publishes no traded volume for an index of volatility
        bars.push_back(bar);
    }
    return bars;
}

}  // namespace aegis::data::demo
