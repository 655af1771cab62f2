#include "data/demo/demo_generator.h"

#include "data/demo/demo_daily_model.h"
#include "data/demo/demo_indices.h"
#include "data/demo/demo_intraday.h"
#include "data/demo/demo_option_chains.h"
#include "data/demo/demo_price_grid.h"
#include "data/demo/demo_random.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

namespace aegis::data::demo {

namespace {

constexpr int kRealisedVolSessions = 20;
constexpr double kStockImpliedOverRealised = 1.10;

struct IndexOptionStyle {
    QString symbol;
    double vixMultiple;  // ATM vol over India VIX
    double openInterestScale;
};

const std::vector<IndexOptionStyle>& indexOptionStyles()
{
    static const std::vector<IndexOptionStyle> styles{
        {kNiftySymbol, 1.00, 120000.0},
        {kBankNiftySymbol, 1.15, 30000.0},
        {kFinNiftySymbol, 1.10, 8000.0},
    };
    return styles;
}

BarSeries makeSeries(const QString& symbol, Interval interval, std::vector<Bar> bars)
{
    BarSeries series;
    series.symbol = symbol;
    series.interval = interval;
    series.source = DataSource::Demo;
    series.bars = std::move(bars);
    return series;
}

double annualisedRealisedVol(const std::vector<Bar>& bars, int sessions)
{
    const std::size_t count = std::min(bars.size() - 1, static_cast<std::size_t>(sessions));
    double sumSquares = 0.0;
    for (std::size_t t = bars.size() - count; t < bars.size(); ++t) {
        const double r = std::log(bars[t].close / bars[t - 1].close);
        sumSquares += r * r;
    }
    return count == 0 ? 0.0 : std::sqrt(252.0 * sumSquares / static_cast<double>(count));
}

std::vector<QDate> chainExpiries(const DemoCalendarView& calendar, const QString& symbol, QDate after)
{
    std::set<QDate> expiries;
    if (const auto nearest = calendar.nearestExpiry(symbol, after.addDays(1)))
        expiries.insert(*nearest);
    if (const auto monthly = calendar.nextExpiry(symbol, after.addDays(1), ExpiryCycle::Monthly))
        expiries.insert(*monthly);
    return {expiries.begin(), expiries.end()};
}

void addIntraday(DemoSeries& series, std::uint64_t seed, const std::vector<DemoSession>& sessions, double ticksPerUnit)
{
    DemoRandom random(seed, QStringLiteral("intraday:") + series.ticker.symbol);
    std::vector<Bar> oneMinute;
    std::vector<Bar> fiveMinute;
    const std::size_t count = sessions.size();
    const std::size_t first = count - std::min<std::size_t>(count, kIntradaySessions);
    for (std::size_t t = first; t < count; ++t) {
        IntradayBars day = intradayBars(random, series.daily.bars[t], sessions[t], ticksPerUnit);
        oneMinute.insert(oneMinute.end(), day.oneMinute.begin(), day.oneMinute.end());
        fiveMinute.insert(fiveMinute.end(), day.fiveMinute.begin(), day.fiveMinute.end());
    }
    series.oneMinute = makeSeries(series.ticker.symbol, Interval::OneMinute, std::move(oneMinute));
    series.fiveMinute = makeSeries(series.ticker.symbol, Interval::FiveMinute, std::move(fiveMinute));
}

}  // namespace

DemoMarket generateDemoMarket(const DemoOptions& options, const std::vector<Ticker>& pickable, const Ticker& vix,
                              const DemoCalendarView& calendar)
{
    const std::vector<DemoSession>& sessions = calendar.sessions;
    if (sessions.size() < 2)
        throw std::invalid_argument("the DEMO market needs at least two sessions");
    const std::uint64_t seed = options.seed;

    std::vector<Ticker> stockTickers;
    for (const Ticker& ticker : pickable) {
        if (ticker.kind == TickerKind::Stock)
            stockTickers.push_back(ticker);
    }
    const StockUniverseProfile universe = makeStockProfiles(seed, stockTickers, options.plantedSignal);

    DemoRandom marketRandom(seed, QStringLiteral("market-factor"));
    const GarchPath market = simulateGarch(marketRandom, sessions.size(), kMarketGarch, kMarketJumps);
    std::vector<GarchPath> industries;
    for (const IndustryProfile& industry : universe.industries) {
        DemoRandom random(seed, QStringLiteral("industry-factor:") + industry.name);
        industries.push_back(simulateGarch(random, sessions.size(), {industry.longRunVol, kIndustryAlpha, kIndustryBeta},
                                           {0.0, 0.0}));
    }

    std::vector<std::vector<Bar>> stockBars;
    stockBars.reserve(universe.stocks.size());
    for (const StockProfile& stock : universe.stocks) {
        const StockDailyPath path = simulateStockReturns(seed, stock, market, industries[stock.industry]);
        stockBars.push_back(stockDailyBars(seed, stock, path, sessions));
    }

    DemoMarket result;
    result.options = options;
    result.firstSession = sessions.front().date;
    result.lastSession = sessions.back().date;
    std::map<QString, std::size_t> stockIndex;
    for (std::size_t i = 0; i < universe.stocks.size(); ++i)
        stockIndex[universe.stocks[i].ticker.symbol] = i;

    for (const Ticker& ticker : pickable) {
        DemoSeries series;
        series.ticker = ticker;
        if (ticker.kind == TickerKind::Stock) {
            series.daily = makeSeries(ticker.symbol, Interval::Daily, stockBars[stockIndex.at(ticker.symbol)]);
        } else {
            const IndexDefinition index = defineIndex(ticker.symbol, universe.stocks);
            series.daily = makeSeries(ticker.symbol, Interval::Daily, indexDailyBars(index, universe.stocks, stockBars));
        }
        addIntraday(series, seed, sessions, kEquityTicksPerRupee);
        result.series.push_back(std::move(series));
    }

    const DemoSeries* nifty = result.find(kNiftySymbol);
    if (nifty == nullptr)
        throw std::invalid_argument("the DEMO market derives India VIX from NIFTY, which the universe lacks");
    DemoSeries vixSeries;
    vixSeries.ticker = vix;
    vixSeries.daily = makeSeries(vix.symbol, Interval::Daily, indiaVixDailyBars(seed, nifty->daily.bars));
    addIntraday(vixSeries, seed, sessions, kVixTicksPerPoint);
    const double vixLevel = vixSeries.daily.bars.back().close;
    result.series.push_back(std::move(vixSeries));

    const std::int64_t takenAtUtc = sessions.back().closeUtc;
    for (const IndexOptionStyle& style : indexOptionStyles()) {
        const QString& symbol = style.symbol;
        const DemoSeries* index = result.find(symbol);
        if (index == nullptr)
            continue;
        const OptionUnderlying underlying{symbol, true, index->daily.bars.back().close, style.vixMultiple * vixLevel / 100.0,
                                          style.openInterestScale};
        result.optionChains.push_back(
            demoOptionChain(seed, underlying, chainExpiries(calendar, symbol, result.lastSession), takenAtUtc));
    }

    std::vector<const StockProfile*> optionStocks;
    for (const StockProfile& stock : universe.stocks) {
        if (stock.niftyListed)
            optionStocks.push_back(&stock);
    }
    std::stable_sort(optionStocks.begin(), optionStocks.end(),
                     [](const StockProfile* a, const StockProfile* b) { return a->tradedValue > b->tradedValue; });
    optionStocks.resize(std::min<std::size_t>(optionStocks.size(), kOptionStocks));
    for (const StockProfile* stock : optionStocks) {
        const std::vector<Bar>& bars = stockBars[stockIndex.at(stock->ticker.symbol)];
        const double atmVol = std::clamp(kStockImpliedOverRealised * annualisedRealisedVol(bars, kRealisedVolSessions),
                                         0.15, 0.90);
        const double openInterestScale = 4000.0 * std::sqrt(stock->tradedValue / 5.0e9);
        const OptionUnderlying underlying{stock->ticker.symbol, false, bars.back().close, atmVol, openInterestScale};
        result.optionChains.push_back(demoOptionChain(
            seed, underlying, chainExpiries(calendar, stock->ticker.symbol, result.lastSession), takenAtUtc));
    }
    return result;
}

}  // namespace aegis::data::demo
