#include "engines/core/universe_data.h"

#include "data/store/market_store.h"
#include "engines/features/daily_bars.h"

#include <QCryptographicHash>

#include <algorithm>
#include <exception>

namespace aegis::engines {

namespace {

const QString kNoStoredBars = QStringLiteral("no stored daily bars");

int finalBarCount(const data::BarSeries& series)
{
    return int(std::count_if(series.bars.begin(), series.bars.end(), [](const data::Bar& bar) { return bar.final; }));
}

// Placeholders are not sessions to learn from: 120 of them made a report of a ticker with no trade.
int tradedFinalBarCount(const data::BarSeries& series)
{
    return int(std::count_if(series.bars.begin(), series.bars.end(),
                             [](const data::Bar& bar) { return bar.final && !isPlaceholderBar(bar); }));
}

void noteSource(QStringList& sources, data::DataSource source)
{
    const QString name = data::toString(source);
    if (sources.contains(name))
        return;
    if (source == data::DataSource::Demo)
        sources.prepend(name);
    else
        sources.append(name);
}

}  // namespace

QStringList UniverseData::unreportedSummary() const
{
    QStringList lines;
    QStringList withoutBars;
    for (const report::UnreportedTicker& entry : unreported) {
        if (entry.reason == kNoStoredBars)
            withoutBars << entry.ticker;
        else
            lines << entry.ticker + QStringLiteral(": ") + entry.reason;
    }
    // Listing hundreds of unfetched stocks one by one would drown the real problems.
    if (!withoutBars.isEmpty()) {
        lines << (withoutBars.size() <= 10 ? QStringLiteral("no stored bars: %1").arg(withoutBars.join(QStringLiteral(", ")))
                                           : QStringLiteral("no stored bars for %1 tickers (first: %2)")
                                                 .arg(withoutBars.size()).arg(withoutBars.mid(0, 5).join(QStringLiteral(", "))));
    }
    return lines;
}

const TickerData* UniverseData::find(const QString& symbol) const
{
    const int index = indexOf(symbol);
    return index < 0 ? nullptr : &tickers[std::size_t(index)];
}

int UniverseData::indexOf(const QString& symbol) const
{
    for (std::size_t i = 0; i < tickers.size(); ++i) {
        if (tickers[i].ticker.symbol == symbol)
            return int(i);
    }
    return -1;
}

UniverseData buildUniverseData(std::vector<TickerSeries> series, data::BarSeries nifty, data::BarSeries vix,
                               const UniverseOptions& options, const RunControl& control, const StockBreadth* breadth)
{
    UniverseData universe;
    universe.nifty = std::move(nifty);
    universe.vix = std::move(vix);
    universe.market = MarketContext::build(universe.nifty, universe.vix);
    if (breadth) {
        universe.market.breadth = *breadth;
    } else {
        std::vector<const data::BarSeries*> stocks;
        for (const TickerSeries& input : series) {
            if (input.ticker.kind == data::TickerKind::Stock)
                stocks.push_back(&input.daily);
        }
        universe.market.breadth = StockBreadth::build(stocks);
    }
    universe.impliedVolatility = ImpliedVolatility::fromVix(universe.vix);
    if (!universe.nifty.empty())
        noteSource(universe.sources, universe.nifty.source);

    universe.tickers.reserve(series.size());
    for (std::size_t i = 0; i < series.size(); ++i) {
        control.throwIfCancelled();
        TickerSeries& input = series[i];
        const QString& symbol = input.ticker.symbol;
        const int finalBars = tradedFinalBarCount(input.daily);
        if (finalBars < options.minimumSessions) {
            const int placeholders = finalBarCount(input.daily) - finalBars;
            QString reason = QStringLiteral("%1 final daily bars, at least %2 needed").arg(finalBars).arg(options.minimumSessions);
            if (placeholders > 0)
                reason += QStringLiteral(" (%1 flat zero-volume placeholders not counted)").arg(placeholders);
            universe.unreported.push_back({symbol, input.ticker.name, reason});
            continue;
        }

        TickerData data;
        data.ticker = input.ticker;
        data.features = buildDailyFeatures(input.daily, universe.market);
        data.execution = buildExecutionFeatures(input.daily);
        LabelInputs labelInputs;
        // India VIX is NIFTY's implied volatility; other tickers have no implied-vol history and
        // their breach and theta labels use realised volatility (documented in docs/labels.md).
        if (symbol == data::kNiftySymbol)
            labelInputs.impliedVolatility = &universe.impliedVolatility;
        data.labels = buildLabels(input.daily, labelInputs);
        noteSource(universe.sources, input.daily.source);
        data.daily = std::move(input.daily);
        data.intraday = std::move(input.intraday);
        data.chain = std::move(input.chain);
        if (data.features.rows() > 0) {
            if (!universe.firstSession.isValid() || data.features.dates.front() < universe.firstSession)
                universe.firstSession = data.features.dates.front();
            if (!universe.lastSession.isValid() || data.features.dates.back() > universe.lastSession)
                universe.lastSession = data.features.dates.back();
        }
        universe.tickers.push_back(std::move(data));
        control.report(double(i + 1) / double(series.size()), QStringLiteral("Features and labels: %1").arg(symbol));
    }

    std::vector<LabelFrame> labels;
    labels.reserve(universe.tickers.size());
    for (TickerData& ticker : universe.tickers)
        labels.push_back(std::move(ticker.labels));
    assignExecRegimes(labels);
    for (std::size_t i = 0; i < universe.tickers.size(); ++i)
        universe.tickers[i].labels = std::move(labels[i]);
    return universe;
}

namespace {

StockBreadth computeStockBreadth(const data::MarketStore& store, const data::Universe& universe)
{
    std::vector<data::BarSeries> stocks;
    for (const data::Ticker& ticker : universe.pickable()) {
        if (ticker.kind != data::TickerKind::Stock)
            continue;
        data::BarSeries daily = store.loadBars(ticker.symbol, data::Interval::Daily);
        if (!daily.empty())
            stocks.push_back(std::move(daily));
    }
    std::vector<const data::BarSeries*> pointers;
    for (const data::BarSeries& stock : stocks)
        pointers.push_back(&stock);
    return StockBreadth::build(pointers);
}

}  // namespace

QString stockBreadthCacheKey(const data::Universe& universe)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const data::Ticker& ticker : universe.pickable()) {
        if (ticker.kind == data::TickerKind::Stock)
            hash.addData(ticker.symbol.toUtf8() + '\n');
    }
    return QStringLiteral("stock_breadth/1/%1/%2/").arg(kMinimumBreadthStocks).arg(kBreadthAverageSessions)
           + QString::fromLatin1(hash.result().toHex());
}

StockBreadth readStockBreadth(data::MarketStore& store, const data::Universe& universe)
{
    // The version is read first: a write racing with the read below leaves a cache entry that is
    // older than the bars, which the next reader finds stale, never the other way round.
    const std::int64_t version = store.dailyBarsVersion();
    const QString key = stockBreadthCacheKey(universe);
    if (const std::optional<QString> cached = store.cachedDerived(key, version)) {
        if (std::optional<StockBreadth> breadth = StockBreadth::fromSerialised(*cached))
            return std::move(*breadth);
    }
    StockBreadth breadth = computeStockBreadth(store, universe);
    cacheStockBreadth(store, universe, version, breadth);
    return breadth;
}

void cacheStockBreadth(data::MarketStore& store, const data::Universe& universe, std::int64_t dailyBarsVersion,
                       const StockBreadth& breadth)
{
    const QString key = stockBreadthCacheKey(universe);
    try {
        // Bars unchanged since the entry was written (every start, a retrain): no write, which could
        // also wait on another process's write lock.
        if (!store.cachedDerived(key, dailyBarsVersion))
            store.cacheDerived(key, dailyBarsVersion, breadth.serialised());
    } catch (const std::exception&) {
        // A store another process keeps locked, say: the cache is only an optimisation.
    }
}

UniverseData loadUniverseData(const data::MarketStore& store, const data::Universe& universe,
                              const UniverseOptions& options, const RunControl& control, const StockBreadth* breadth)
{
    std::vector<data::Ticker> wanted;
    if (options.symbols.isEmpty()) {
        wanted = universe.pickable();
    } else {
        for (const QString& symbol : options.symbols) {
            const auto ticker = universe.find(symbol);
            if (!ticker || ticker->kind == data::TickerKind::Volatility)
                throw std::invalid_argument("not a pickable ticker: " + symbol.toStdString());
            wanted.push_back(*ticker);
        }
    }

    const RunControl reading = control.stage(0.0, 0.4);
    std::vector<TickerSeries> series;
    std::vector<data::Ticker> missing;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        reading.throwIfCancelled();
        const data::Ticker& ticker = wanted[i];
        TickerSeries input{ticker, store.loadBars(ticker.symbol, data::Interval::Daily), {}, {}};
        if (input.daily.empty()) {
            missing.push_back(ticker);
            continue;
        }
        input.intraday = store.loadBars(ticker.symbol, data::Interval::OneMinute);
        if (input.intraday.empty())
            input.intraday = store.loadBars(ticker.symbol, data::Interval::FiveMinute);
        input.chain = store.latestOptionChain(ticker.symbol);
        series.push_back(std::move(input));
        reading.report(double(i + 1) / double(wanted.size()), QStringLiteral("Reading stored bars: %1").arg(ticker.symbol));
    }

    // Some symbols only: the breadth still counts every stored stock, as a load of all of them does.
    std::optional<StockBreadth> readBreadth;
    if (!options.symbols.isEmpty() && !breadth)
        readBreadth = computeStockBreadth(store, universe);
    const StockBreadth* givenBreadth = options.symbols.isEmpty() ? nullptr : breadth ? breadth : &*readBreadth;
    UniverseData result = buildUniverseData(std::move(series), store.loadBars(data::kNiftySymbol, data::Interval::Daily),
                                            store.loadBars(data::kVixSymbol, data::Interval::Daily), options,
                                            control.stage(0.4, 1.0), givenBreadth);
    for (const data::Ticker& ticker : missing)
        result.unreported.push_back({ticker.symbol, ticker.name, kNoStoredBars});
    return result;
}

UniverseData loadUniverseDataCachingBreadth(data::MarketStore& store, const data::Universe& universe,
                                            const UniverseOptions& options, const RunControl& control)
{
    if (!options.symbols.isEmpty()) {
        const StockBreadth breadth = readStockBreadth(store, universe);
        return loadUniverseData(store, universe, options, control, &breadth);
    }
    // Read before the bars, as readStockBreadth does: a racing write leaves the entry stale, not wrong.
    const std::int64_t version = store.dailyBarsVersion();
    UniverseData loaded = loadUniverseData(store, universe, options, control);
    cacheStockBreadth(store, universe, version, loaded.market.breadth);
    return loaded;
}

}  // namespace aegis::engines
