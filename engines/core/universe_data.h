#pragma once

// Everything the engines learn from and infer on, for the whole universe at once: every ticker's bars,
// its daily and execution features and its forward labels (same rows), plus the market series (NIFTY,
// India VIX) they are joined with. Built once per run from the store, or from series in memory (tests,
// benchmarks, the DEMO market).

#include "engines/core/run_control.h"
#include "engines/features/daily_features.h"
#include "engines/features/market_context.h"
#include "engines/labels/labels.h"
#include "engines/report/report_model.h"

#include "data/core/market_types.h"
#include "data/universe/universe.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace aegis::data {
class MarketStore;
}

namespace aegis::engines {

struct TickerData {
    data::Ticker ticker;
    data::BarSeries daily;
    data::BarSeries intraday;                 // the finest stored intraday bars (1m, else 5m); may be empty
    std::optional<data::OptionChain> chain;   // the latest stored snapshot
    FeatureFrame features;                    // buildDailyFeatures(daily, market)
    FeatureFrame execution;                   // buildExecutionFeatures(daily)
    LabelFrame labels;                        // buildLabels(daily, ...): same rows as `features`

    int lastRow() const { return features.rows() - 1; }
};

struct TickerSeries {
    data::Ticker ticker;
    data::BarSeries daily;
    data::BarSeries intraday;
    std::optional<data::OptionChain> chain;
};

struct UniverseOptions {
    QStringList symbols;           // empty: every pickable ticker the source has
    int minimumSessions = 120;     // fewer final daily bars than this and the ticker is skipped, with the reason
};

struct UniverseData {
    std::vector<TickerData> tickers;
    data::BarSeries nifty;
    data::BarSeries vix;
    MarketContext market;
    ImpliedVolatility impliedVolatility;  // India VIX, for NIFTY's labels
    std::vector<report::UnreportedTicker> unreported;  // asked for (or pickable) but without enough stored bars
    QStringList sources;                  // distinct data sources, "demo" first when present
    QDate firstSession;                   // earliest and latest feature row over all tickers
    QDate lastSession;

    const TickerData* find(const QString& symbol) const;
    int indexOf(const QString& symbol) const;  // -1 when absent
    bool isDemo() const { return sources.contains(QStringLiteral("demo")); }
    // `unreported` for people: "SYMBOL: reason" per ticker, the tickers without stored bars in one line.
    QStringList unreportedSummary() const;
};

// Builds features and labels for every ticker. Reports progress per ticker; cancellable. The market's
// stock breadth (stock_breadth.h) is `breadth` when given, else built from every stock of `series`
// (whatever its history).
UniverseData buildUniverseData(std::vector<TickerSeries> series, data::BarSeries nifty, data::BarSeries vix,
                               const UniverseOptions& options, const RunControl& control,
                               const StockBreadth* breadth = nullptr);

// The stock breadth of every stock of `universe` the store holds daily bars for: what a load of all
// of them builds. Reading every stock's daily bars takes ~0.3 s for 500 stocks, so the result is cached
// in the store until its daily bars change (MarketStore::cachedDerived).
StockBreadth readStockBreadth(data::MarketStore& store, const data::Universe& universe);
// Caches `breadth` for readStockBreadth: the breadth of a load of every ticker of `universe` that
// began when the store's daily bars were at `dailyBarsVersion` (read before the load). Nothing is
// written when an entry for that version is already there; a failed write is ignored.
void cacheStockBreadth(data::MarketStore& store, const data::Universe& universe, std::int64_t dailyBarsVersion,
                       const StockBreadth& breadth);
// The cache's key: it names the definition and the stocks counted, so that a breadth cached for
// another universe or an older definition is never read for this one.
QString stockBreadthCacheKey(const data::Universe& universe);

// Reads NIFTY, INDIAVIX and the pickable tickers (daily bars, intraday bars, latest option chain) from
// the store, then builds as above. Tickers with no stored bars are skipped with the reason. Asked for
// some symbols, the breadth is still every stored stock's: `breadth` when given (readStockBreadth of
// this store), else computed here from every stock's daily bars.
UniverseData loadUniverseData(const data::MarketStore& store, const data::Universe& universe,
                              const UniverseOptions& options, const RunControl& control,
                              const StockBreadth* breadth = nullptr);

// loadUniverseData through the store's breadth cache: a load of some symbols takes the breadth from
// it (readStockBreadth), and a load of every ticker leaves the breadth it built there, so that the
// next one-ticker load (the window's first paint after a scheduled refresh, `aegis predict`) need not
// read every stock's bars.
UniverseData loadUniverseDataCachingBreadth(data::MarketStore& store, const data::Universe& universe,
                                            const UniverseOptions& options, const RunControl& control);

}  // namespace aegis::engines
