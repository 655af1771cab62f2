#pragma once

// The 503 pickable tickers: NIFTY, BANKNIFTY, FINNIFTY and the NIFTY 500 constituents, plus India VIX
// as the market volatility series (stored, never pickable).

#include <QString>

#include <optional>
#include <vector>

namespace aegis::data {

enum class TickerKind { Index, Stock, Volatility };

QString toString(TickerKind kind);  // "index", "stock", "vix"
std::optional<TickerKind> tickerKindFromString(const QString& text);

struct Ticker {
    QString symbol;       // NSE symbol, validated: "NIFTY", "M&M", "BAJAJ-AUTO"
    QString yahooSymbol;  // "^NSEI", "M&M.NS", "NIFTY_FIN_SERVICE.NS"
    QString name;
    QString industry;     // NSE macro-sector; "Index" for indices
    TickerKind kind = TickerKind::Stock;
};

// An NSE symbol change that kept the company and its ISIN (ZOMATO became ETERNAL in 2025): files and
// histories saved under the former symbol are the current ticker's.
struct SymbolRename {
    QString formerSymbol;
    QString symbol;
    QString isin;
};

inline const QString kNiftySymbol = QStringLiteral("NIFTY");
inline const QString kBankNiftySymbol = QStringLiteral("BANKNIFTY");
inline const QString kFinNiftySymbol = QStringLiteral("FINNIFTY");
inline const QString kVixSymbol = QStringLiteral("INDIAVIX");

// What a user typed ("NIFTY BANK", "^NSEBANK", "bajaj auto", "ZOMATO") resolved to pickable tickers:
// one `match`, or none and the `candidates` it could mean (empty: nothing like it).
struct TickerLookup {
    std::optional<Ticker> match;
    std::vector<Ticker> candidates;
};

class Universe {
public:
    Universe() = default;  // empty: no tickers, an empty VIX

    // The universe shipped in resources/universe/universe.csv (compiled in as a Qt resource).
    static Universe builtIn();
    // From a file in the built-in format: header `symbol,yahoo_symbol,name,industry,kind`, kinds
    // `index` / `stock` / `vix`, exactly one `vix` row. Throws std::runtime_error with `file:line: reason`.
    static Universe fromUniverseCsv(const QString& path);
    // From NSE's published `ind_nifty500list.csv` (Company Name,Industry,Symbol,Series,ISIN Code),
    // plus the three indices and VIX of the built-in universe. Throws std::runtime_error with
    // `file:line: reason` on a malformed file.
    static Universe fromNifty500Csv(const QString& path);

    const std::vector<Ticker>& pickable() const { return pickable_; }  // 503 in the built-in universe
    const Ticker& vix() const { return vix_; }
    // Pickable tickers plus VIX: everything the data layer fetches and stores.
    std::vector<Ticker> allSeries() const;

    std::optional<Ticker> find(const QString& symbol) const;  // pickable or VIX
    std::optional<Ticker> findByYahooSymbol(const QString& yahooSymbol) const;
    // The rename that took `formerSymbol` to a pickable ticker; none for current or unknown symbols.
    // The built-in universe ships resources/universe/renamed_symbols.csv; a universe read from a file has none.
    std::optional<SymbolRename> renameOf(const QString& formerSymbol) const;
    // A pickable ticker by, in this order: its symbol, its Yahoo symbol, a former symbol, its whole
    // name (case and spacing ignored); failing those, the tickers whose symbol or name contains the
    // text, a match when there is exactly one.
    TickerLookup lookup(const QString& text) const;

private:
    Universe(std::vector<Ticker> pickable, Ticker vix, std::vector<SymbolRename> renames = {});

    std::vector<Ticker> pickable_;
    Ticker vix_;
    std::vector<SymbolRename> renames_;
};

}  // namespace aegis::data
