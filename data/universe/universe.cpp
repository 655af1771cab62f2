#include "data/universe/universe.h"

#include "data/core/symbol.h"
#include "data/universe/universe_parsing.h"

#include <QSet>

#include <algorithm>

// Q_INIT_RESOURCE must be used outside any namespace. Calling it makes the linker keep the resource
// object even when this library is linked statically, so no caller has to remember to do it.
static void registerUniverseResource()
{
    Q_INIT_RESOURCE(aegis_universe);
}

namespace aegis::data {

namespace {

const QString kBuiltInUniverse = QStringLiteral(":/aegis/universe/universe.csv");
const QString kBuiltInRenames = QStringLiteral(":/aegis/universe/renamed_symbols.csv");

}  // namespace

QString toString(TickerKind kind)
{
    switch (kind) {
    case TickerKind::Index:
        return QStringLiteral("index");
    case TickerKind::Stock:
        return QStringLiteral("stock");
    case TickerKind::Volatility:
        return QStringLiteral("vix");
    }
    return {};
}

std::optional<TickerKind> tickerKindFromString(const QString& text)
{
    for (const TickerKind kind : {TickerKind::Index, TickerKind::Stock, TickerKind::Volatility}) {
        if (text == toString(kind))
            return kind;
    }
    return std::nullopt;
}

Universe::Universe(std::vector<Ticker> pickable, Ticker vix, std::vector<SymbolRename> renames)
    : pickable_(std::move(pickable)), vix_(std::move(vix)), renames_(std::move(renames))
{
}

Universe Universe::builtIn()
{
    // Parsed once; a broken resource is a build defect, reported to every caller the same way.
    static const Universe universe = [] {
        registerUniverseResource();
        universe_parsing::ParsedUniverse parsed =
            universe_parsing::parseUniverseCsv(universe_parsing::readUtf8File(kBuiltInUniverse), kBuiltInUniverse);
        std::vector<SymbolRename> renames = universe_parsing::parseRenamedSymbols(
            universe_parsing::readUtf8File(kBuiltInRenames), kBuiltInRenames, parsed.pickable);
        return Universe(std::move(parsed.pickable), std::move(parsed.vix), std::move(renames));
    }();
    return universe;
}

Universe Universe::fromUniverseCsv(const QString& path)
{
    universe_parsing::ParsedUniverse parsed =
        universe_parsing::parseUniverseCsv(universe_parsing::readUtf8File(path), path);
    return Universe(std::move(parsed.pickable), std::move(parsed.vix));
}

Universe Universe::fromNifty500Csv(const QString& path)
{
    const Universe base = builtIn();
    std::vector<Ticker> pickable;
    QSet<QString> reserved = {base.vix().symbol};
    for (const Ticker& ticker : base.pickable()) {
        if (ticker.kind == TickerKind::Index) {
            pickable.push_back(ticker);
            reserved.insert(ticker.symbol);
        }
    }
    const std::vector<Ticker> stocks =
        universe_parsing::parseNifty500Csv(universe_parsing::readUtf8File(path), path, reserved);
    pickable.insert(pickable.end(), stocks.begin(), stocks.end());
    // A newer list keeps the renames whose current symbol it still has.
    std::vector<SymbolRename> renames;
    for (const SymbolRename& rename : base.renames_) {
        const bool listed = std::any_of(pickable.begin(), pickable.end(), [&](const Ticker& t) { return t.symbol == rename.symbol; });
        const bool reused = std::any_of(pickable.begin(), pickable.end(), [&](const Ticker& t) { return t.symbol == rename.formerSymbol; });
        if (listed && !reused)
            renames.push_back(rename);
    }
    return Universe(std::move(pickable), base.vix(), std::move(renames));
}

std::vector<Ticker> Universe::allSeries() const
{
    std::vector<Ticker> series = pickable_;
    if (!vix_.symbol.isEmpty())
        series.push_back(vix_);
    return series;
}

std::optional<Ticker> Universe::find(const QString& symbol) const
{
    const std::optional<QString> wanted = normalisedSymbol(symbol);
    if (!wanted)
        return std::nullopt;
    for (const Ticker& ticker : pickable_) {
        if (ticker.symbol == *wanted)
            return ticker;
    }
    if (!vix_.symbol.isEmpty() && vix_.symbol == *wanted)
        return vix_;
    return std::nullopt;
}

std::optional<SymbolRename> Universe::renameOf(const QString& formerSymbol) const
{
    const std::optional<QString> wanted = normalisedSymbol(formerSymbol);
    if (!wanted)
        return std::nullopt;
    for (const SymbolRename& rename : renames_) {
        if (rename.formerSymbol == *wanted)
            return rename;
    }
    return std::nullopt;
}

std::optional<Ticker> Universe::findByYahooSymbol(const QString& yahooSymbol) const
{
    const QString wanted = yahooSymbol.trimmed().toUpper();
    if (wanted.isEmpty())
        return std::nullopt;
    for (const Ticker& ticker : pickable_) {
        if (ticker.yahooSymbol == wanted)
            return ticker;
    }
    if (vix_.yahooSymbol == wanted)
        return vix_;
    return std::nullopt;
}

TickerLookup Universe::lookup(const QString& text) const
{
    TickerLookup result;
    const QString wanted = text.simplified().toUpper();
    if (wanted.isEmpty())
        return result;
    auto pickable = [&](const std::optional<Ticker>& ticker) { return ticker && ticker->kind != TickerKind::Volatility; };
    if (const std::optional<Ticker> bySymbol = find(wanted); pickable(bySymbol))
        result.match = bySymbol;
    else if (const std::optional<Ticker> byYahoo = findByYahooSymbol(wanted); pickable(byYahoo))
        result.match = byYahoo;
    else if (const std::optional<SymbolRename> rename = renameOf(wanted))
        result.match = find(rename->symbol);
    if (result.match)
        return result;
    for (const Ticker& ticker : pickable_) {
        const QString name = ticker.name.simplified().toUpper();
        if (name == wanted) {
            result.match = ticker;
            return result;
        }
        if (ticker.symbol.contains(wanted) || name.contains(wanted))
            result.candidates.push_back(ticker);
    }
    if (result.candidates.size() == 1) {
        result.match = result.candidates.front();
        result.candidates.clear();
    }
    return result;
}

}  // namespace aegis::data
