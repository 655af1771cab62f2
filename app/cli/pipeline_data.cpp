#include "app/cli/pipeline_data.h"

#include "data/store/market_store.h"
#include "data/universe/universe.h"

#include <QTextStream>

namespace aegis::cli {

PipelineData loadPipelineData(const CliContext& context, const QStringList& symbols, const engines::RunControl& control)
{
    PipelineData data;
    data.directory = context.openDataDirectory(app::DataDirectoryUse::ReadExisting);
    data::MarketStore store(data.directory.store() + QLatin1Char('/') + data::MarketStore::defaultFileName());
    if (store.openReport().recovered)
        QTextStream(stderr) << "aegis: " << store.openReport().reason << "\n";
    engines::UniverseOptions options;
    options.symbols = symbols;
    data.universe = engines::loadUniverseDataCachingBreadth(store, data::Universe::builtIn(), options, control);
    if (data.universe.tickers.empty() && symbols.size() == 1 && data.universe.unreported.size() == 1) {
        const engines::report::UnreportedTicker& only = data.universe.unreported.front();
        throw std::runtime_error(only.ticker.toStdString() + " has no report: " + only.reason.toStdString()
                                 + "; import or fetch more of its daily history first (`aegis import`, `aegis fetch`)");
    }
    if (data.universe.tickers.empty()) {
        throw std::runtime_error("the store holds no ticker with enough history (" + data.universe.unreportedSummary().join(QStringLiteral("; ")).toStdString()
                                 + "); run `aegis demo`, `aegis import` or `aegis fetch` first");
    }
    return data;
}

QString modelsDirectory(const PipelineData& data)
{
    return data.directory.models();
}

QStringList storedOutsideUniverse(const PipelineData& data)
{
    const data::MarketStore store(data.directory.store() + QLatin1Char('/') + data::MarketStore::defaultFileName());
    const data::Universe& universe = data::Universe::builtIn();
    QStringList symbols;
    for (const data::SeriesSummary& series : store.summaries()) {
        if (series.interval == data::Interval::Daily && series.symbol != data::kVixSymbol && !universe.find(series.symbol)
            && !symbols.contains(series.symbol))
            symbols << series.symbol;
    }
    return symbols;
}

QString outsideUniverseNote(const QStringList& symbols)
{
    if (symbols.isEmpty())
        return {};
    return QStringLiteral("note: stored, but not a universe ticker, so neither trained on nor evaluated: %1\n")
        .arg(symbols.join(QStringLiteral(", ")));
}

}  // namespace aegis::cli
