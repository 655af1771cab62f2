#include "data/universe/universe_parsing.h"

#include "data/core/csv.h"
#include "data/core/symbol.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>

#include <stdexcept>

namespace aegis::data::universe_parsing {

namespace {

// NSE's list is ~33 kB; anything this large is not a universe file.
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;

[[noreturn]] void failAt(const QString& label, int line, const QString& reason)
{
    throw std::runtime_error(QStringLiteral("%1:%2: %3").arg(label).arg(line).arg(reason).toStdString());
}

[[noreturn]] void failFile(const QString& label, const QString& reason)
{
    throw std::runtime_error(QStringLiteral("%1: %2").arg(label, reason).toStdString());
}

// Yahoo spellings: "^NSEI", "M&M.NS", "NIFTY_FIN_SERVICE.NS". They end up in URLs, so nothing else passes.
bool isValidYahooSymbol(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\^?[A-Z0-9](?:[A-Z0-9&_-]{0,28}[A-Z0-9])?(?:\\.NS)?$"));
    return pattern.match(text).hasMatch();
}

bool hasControlCharacter(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

// A human-readable text field: trimmed, non-empty, single line.
QString textField(const QString& raw, const QString& what, const QString& label, int line)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        failAt(label, line, QStringLiteral("empty %1").arg(what));
    if (hasControlCharacter(text))
        failAt(label, line, QStringLiteral("%1 contains a control character or line break").arg(what));
    return text;
}

QString quoted(const QString& text) { return QLatin1Char('"') + text + QLatin1Char('"'); }

// Reads records after checking the header; calls `onRecord(fields, line)` for each data record.
template <typename OnRecord>
void forEachRecord(QStringView text, const QString& label, const QStringList& expectedHeader, OnRecord onRecord)
{
    csv::Reader reader(text);
    const std::optional<QStringList> header = reader.next();
    if (!header) {
        if (!reader.error().isEmpty())
            failAt(label, reader.recordLine(), reader.error());
        failFile(label, QStringLiteral("empty file, expected the header %1").arg(quoted(expectedHeader.join(u','))));
    }
    if (*header != expectedHeader)
        failAt(label, reader.recordLine(),
               QStringLiteral("expected the header %1, found %2")
                   .arg(quoted(expectedHeader.join(u',')), quoted(csv::joinRecord(*header))));
    while (const std::optional<QStringList> fields = reader.next()) {
        if (fields->size() != expectedHeader.size())
            failAt(label, reader.recordLine(),
                   QStringLiteral("expected %1 fields, found %2").arg(expectedHeader.size()).arg(fields->size()));
        onRecord(*fields, reader.recordLine());
    }
    if (!reader.error().isEmpty())
        failAt(label, reader.recordLine(), reader.error());
}

// Remembers where each symbol was first seen, to reject repeats with both line numbers.
class UniqueSymbols {
public:
    void add(const QString& symbol, const QString& label, int line, const QString& what = QStringLiteral("symbol"))
    {
        const auto existing = firstLine_.constFind(symbol);
        if (existing != firstLine_.constEnd())
            failAt(label, line, QStringLiteral("duplicate %1 %2 (first on line %3)").arg(what, quoted(symbol)).arg(*existing));
        firstLine_.insert(symbol, line);
    }

private:
    QHash<QString, int> firstLine_;
};

}  // namespace

QString readUtf8File(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        failFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    if (file.size() > kMaxFileBytes)
        failFile(path, QStringLiteral("%1 bytes is too large for a universe file").arg(file.size()));
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        failFile(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        failFile(path, QStringLiteral("not valid UTF-8 text"));
    return text;
}

ParsedUniverse parseUniverseCsv(QStringView text, const QString& label)
{
    ParsedUniverse parsed;
    bool vixSeen = false;
    UniqueSymbols symbols;
    UniqueSymbols yahooSymbols;
    const QStringList header = {QStringLiteral("symbol"), QStringLiteral("yahoo_symbol"), QStringLiteral("name"),
                                QStringLiteral("industry"), QStringLiteral("kind")};
    forEachRecord(text, label, header, [&](const QStringList& fields, int line) {
        Ticker ticker;
        ticker.symbol = fields[0];
        if (!isValidSymbol(ticker.symbol))
            failAt(label, line, QStringLiteral("invalid NSE symbol %1").arg(quoted(ticker.symbol)));
        ticker.yahooSymbol = fields[1];
        if (!isValidYahooSymbol(ticker.yahooSymbol))
            failAt(label, line, QStringLiteral("invalid Yahoo symbol %1").arg(quoted(ticker.yahooSymbol)));
        ticker.name = textField(fields[2], QStringLiteral("name"), label, line);
        ticker.industry = textField(fields[3], QStringLiteral("industry"), label, line);
        const std::optional<TickerKind> kind = tickerKindFromString(fields[4]);
        if (!kind)
            failAt(label, line, QStringLiteral("unknown kind %1 (expected index, stock or vix)").arg(quoted(fields[4])));
        ticker.kind = *kind;
        if (ticker.kind == TickerKind::Stock && ticker.yahooSymbol != ticker.symbol + QStringLiteral(".NS"))
            failAt(label, line, QStringLiteral("a stock's Yahoo symbol must be %1").arg(quoted(ticker.symbol + QStringLiteral(".NS"))));
        symbols.add(ticker.symbol, label, line);
        yahooSymbols.add(ticker.yahooSymbol, label, line, QStringLiteral("Yahoo symbol"));
        if (ticker.kind == TickerKind::Volatility) {
            if (vixSeen)
                failAt(label, line, QStringLiteral("a second vix row"));
            vixSeen = true;
            parsed.vix = ticker;
        } else {
            parsed.pickable.push_back(ticker);
        }
    });
    if (!vixSeen)
        failFile(label, QStringLiteral("no vix row"));
    if (parsed.pickable.empty())
        failFile(label, QStringLiteral("no pickable tickers"));
    return parsed;
}

std::vector<Ticker> parseNifty500Csv(QStringView text, const QString& label, const QSet<QString>& reservedSymbols)
{
    static const QRegularExpression seriesPattern(QStringLiteral("^[A-Z0-9]{2}$"));
    static const QRegularExpression isinPattern(QStringLiteral("^IN[A-Z0-9]{10}$"));
    std::vector<Ticker> stocks;
    UniqueSymbols symbols;
    UniqueSymbols isins;
    const QStringList header = {QStringLiteral("Company Name"), QStringLiteral("Industry"), QStringLiteral("Symbol"),
                                QStringLiteral("Series"), QStringLiteral("ISIN Code")};
    forEachRecord(text, label, header, [&](const QStringList& fields, int line) {
        Ticker ticker;
        ticker.name = textField(fields[0], QStringLiteral("company name"), label, line);
        ticker.industry = textField(fields[1], QStringLiteral("industry"), label, line);
        const std::optional<QString> symbol = normalisedSymbol(fields[2]);
        if (!symbol)
            failAt(label, line, QStringLiteral("invalid NSE symbol %1").arg(quoted(fields[2])));
        ticker.symbol = *symbol;
        if (reservedSymbols.contains(ticker.symbol))
            failAt(label, line, QStringLiteral("symbol %1 is reserved for an index").arg(quoted(ticker.symbol)));
        const QString series = fields[3].trimmed();
        if (!seriesPattern.match(series).hasMatch())
            failAt(label, line, QStringLiteral("invalid series %1").arg(quoted(fields[3])));
        const QString isin = fields[4].trimmed();
        if (!isinPattern.match(isin).hasMatch())
            failAt(label, line, QStringLiteral("invalid ISIN %1").arg(quoted(fields[4])));
        symbols.add(ticker.symbol, label, line);
        isins.add(isin, label, line, QStringLiteral("ISIN"));
        ticker.yahooSymbol = ticker.symbol + QStringLiteral(".NS");
        ticker.kind = TickerKind::Stock;
        stocks.push_back(ticker);
    });
    if (stocks.empty())
        failFile(label, QStringLiteral("no constituents"));
    return stocks;
}

std::vector<SymbolRename> parseRenamedSymbols(QStringView text, const QString& label, const std::vector<Ticker>& pickable)
{
    static const QRegularExpression isinPattern(QStringLiteral("^IN[A-Z0-9]{10}$"));
    QSet<QString> current;
    for (const Ticker& ticker : pickable)
        current.insert(ticker.symbol);
    std::vector<SymbolRename> renames;
    UniqueSymbols formerSymbols;
    const QStringList header = {QStringLiteral("former_symbol"), QStringLiteral("symbol"), QStringLiteral("isin")};
    forEachRecord(text, label, header, [&](const QStringList& fields, int line) {
        SymbolRename rename{fields[0], fields[1], fields[2]};
        if (!isValidSymbol(rename.formerSymbol))
            failAt(label, line, QStringLiteral("invalid NSE symbol %1").arg(quoted(rename.formerSymbol)));
        if (current.contains(rename.formerSymbol))
            failAt(label, line, QStringLiteral("%1 is a current ticker, not a former symbol").arg(quoted(rename.formerSymbol)));
        if (!current.contains(rename.symbol))
            failAt(label, line, QStringLiteral("%1 is not a ticker of the universe").arg(quoted(rename.symbol)));
        if (!isinPattern.match(rename.isin).hasMatch())
            failAt(label, line, QStringLiteral("invalid ISIN %1").arg(quoted(rename.isin)));
        formerSymbols.add(rename.formerSymbol, label, line, QStringLiteral("former symbol"));
        renames.push_back(std::move(rename));
    });
    return renames;
}

}  // namespace aegis::data::universe_parsing
