#include "data/demo/demo_store_writer.h"

#include <QDateTime>

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
        if (summary.source == DataSource::Demo || demoWrites.count({summary.symbol, summary.interval}) == 0)
            continue;
        if (conflicts++ == 0)
            example = summary.symbol + QLatin1Char(' ') + toString(summary.interval) + QLatin1Char(' ')
                      + toString(summary.source);
    }
    if (conflicts > 0) {
        throw std::runtime_error(QStringLiteral("the store holds %1 series of non-DEMO data (e.g. %2); DEMO data "
                                                "is never mixed with it: use another data directory")
                                     .arg(conflicts)
                                     .arg(example)
                                     .toStdString());
    }
}

}  // namespace

DemoWriteSummary writeDemoMarket(const DemoMarket& market, MarketStore& store)
{
    const std::vector<SeriesSummary> existing = store.summaries();
    refuseToMixWithRealData(market, existing);

    DemoWriteSummary summary;
    for (const SeriesSummary& old : existing) {
        if (old.source != DataSource::Demo)
            continue;
        store.deleteSeries(old.symbol, old.interval);
        ++summary.seriesRemoved;
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString seedNote = QStringLiteral("DEMO seed %1").arg(market.options.seed);
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
    }
    for (const OptionChain& chain : market.optionChains) {
        store.saveOptionChain(chain);
        ++summary.chainsWritten;
    }
    return summary;
}

}  // namespace aegis::data
