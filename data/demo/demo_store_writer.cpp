#include "data/demo/demo_store_writer.h"

#include <QDateTime>

#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

namespace aegis::data {

namespace {

std::vector<const BarSeries*> seriesOf(const DemoSeries& series)
{
    return {&series.daily, &series.fiveMinute, &series.oneMinute};
}

void refuseToMixWithRealData(const DemoMarket& market, const std::vector<SeriesSummary>& existing)
{
    std::set<std::pair<QString, Interval>> demoWrites;
    for (const DemoSeries& series : market.series) {
        for (const BarSeries* bars : seriesOf(series))
            demoWrites.emplace(bars->symbol, bars->interval);
    }
    int conflicts = 0;
    QString example;
    for (const SeriesSummary& summary : existing) {
        // Counted by bar: a series that mixes real bars with DEMO ones reads as DEMO, and rewriting it
        // would delete the real ones with the rest.
        if (summary.nonDemoRows == 0 || demoWrites.count({summary.symbol, summary.interval}) == 0)
            continue;
        if (conflicts++ == 0)
            example = QStringLiteral("%1 %2 (%3 non-DEMO bars)").arg(summary.symbol, toString(summary.interval)).arg(summary.nonDemoRows);
    }
    if (conflicts > 0) {
        throw std::runtime_error(QStringLiteral("the store holds %1 series of non-DEMO data (e.g. %2); DEMO data "
                                                "is never mixed with it: use another data directory")
                                     .arg(conflicts)
                                     .arg(example)
                                     .toStdString());
    }
}

// Writing a DEMO chain deletes the symbol's earlier snapshots, so a real one must not be among them.
// A real snapshot older than the newest DEMO one cannot exist: it would have been pruned when that
// DEMO chain was written.
void refuseToReplaceRealChains(const DemoMarket& market, const MarketStore& store)
{
    for (const OptionChain& chain : market.optionChains) {
        const std::optional<OptionChain> stored = store.latestOptionChain(chain.symbol);
        if (stored && stored->source != DataSource::Demo) {
            throw std::runtime_error(QStringLiteral("the store holds a %1 option chain of %2; DEMO data is never "
                                                    "mixed with it: use another data directory")
                                         .arg(toString(stored->source), chain.symbol)
                                         .toStdString());
        }
    }
}

DemoWriteSummary writeInsideTransaction(const DemoMarket& market, MarketStore& store,
                                        const DemoWriteProgress& progress)
{
    const std::vector<SeriesSummary> existing = store.summaries();
    refuseToMixWithRealData(market, existing);
    refuseToReplaceRealChains(market, store);

    DemoWriteSummary summary;
    for (const SeriesSummary& old : existing) {
        if (old.source != DataSource::Demo || old.nonDemoRows > 0)  // real bars are never deleted
            continue;
        store.deleteSeries(old.symbol, old.interval);
        ++summary.seriesRemoved;
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString seedNote = QStringLiteral("DEMO seed %1").arg(market.options.seed);
    const int tickersTotal = static_cast<int>(market.series.size());
    int tickersWritten = 0;
    for (const DemoSeries& series : market.series) {
        for (const BarSeries* bars : seriesOf(series)) {
            if (bars->empty())
                continue;
            store.upsertBars(*bars);
            ++summary.seriesWritten;
            summary.barsWritten += static_cast<std::int64_t>(bars->size());
            store.logFetch({QStringLiteral("demo"), bars->symbol, bars->interval, now, FetchOutcome::Success,
                            seedNote + QStringLiteral(": %1 bars").arg(bars->size())});
        }
        if (progress)
            progress(++tickersWritten, tickersTotal);
    }
    for (const OptionChain& chain : market.optionChains) {
        // Pruned first, not after: a DEMO market ending earlier than the last one has an older chain,
        // which "keep the newest" would throw away.
        store.pruneOptionChains(chain.symbol, 0);
        store.saveOptionChain(chain);
        ++summary.chainsWritten;
    }
    return summary;
}

}  // namespace

DemoWriteSummary writeDemoMarket(const DemoMarket& market, MarketStore& store, const DemoWriteProgress& progress)
{
    DemoWriteSummary summary;
    store.writeBatch([&] { summary = writeInsideTransaction(market, store, progress); });
    return summary;
}

}  // namespace aegis::data
