#include "data/csvimport/csv_import.h"

#include "data/core/symbol.h"
#include "data/csvimport/file_name_symbols.h"
#include "data/store/market_store.h"
#include "data/universe/universe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <exception>

namespace aegis::data {

namespace {

// Real OHLCV files are a few MB at most; anything far larger is not one and is not read whole.
constexpr qint64 kMaxFileBytes = 256LL * 1024 * 1024;

FileImportResult rejected(const QString& file, int line, const QString& reason)
{
    FileImportResult result;
    result.file = file;
    result.error = line > 0 ? QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(reason)
                            : QStringLiteral("%1: %2").arg(file, reason);
    return result;
}

// A file saved under a symbol NSE has since renamed belongs to the current ticker; a symbol outside the
// universe is stored as asked, but nothing trains on it or predicts it, which the person should know.
QString storedSymbol(const QString& symbol, QStringList& notes)
{
    const Universe universe = Universe::builtIn();
    if (universe.find(symbol))
        return symbol;
    if (const std::optional<SymbolRename> rename = universe.renameOf(symbol)) {
        notes << QStringLiteral("stored as %1: NSE renamed %2 to %1 (same ISIN %3)").arg(rename->symbol, symbol, rename->isin);
        return rename->symbol;
    }
    notes << QStringLiteral("%1 is not one of the universe's tickers: stored, but not trained on or predicted").arg(symbol);
    return symbol;
}

// Whether Yahoo's `ticker` ("M&M.NS", "^NSEI", "ZOMATO.NS") is `symbol`, a universe ticker or not.
bool declaresSymbol(const QString& ticker, const QString& symbol)
{
    const Universe universe = Universe::builtIn();
    if (const std::optional<Ticker> known = universe.findByYahooSymbol(ticker))
        return known->symbol == symbol;
    QString bare = ticker.trimmed().toUpper();
    if (bare.endsWith(QLatin1String(".NS")))
        bare.chop(3);
    if (const std::optional<SymbolRename> rename = universe.renameOf(bare))
        return rename->symbol == symbol;
    return bare == symbol;
}

QString joinDates(const std::vector<QDate>& dates)
{
    QStringList texts;
    for (QDate date : dates)
        texts << date.toString(Qt::ISODate);
    return texts.join(QStringLiteral(", "));
}

}  // namespace

int FileImportResult::skippedCount() const
{
    int count = 0;
    for (const SkippedRows& rows : skipped)
        count += int(rows.sessions.size());
    return count;
}

QString FileImportResult::summary() const
{
    if (!imported)
        return error;
    QString line = QStringLiteral("%1: %2 %3: %4 rows imported, %5 to %6")
                       .arg(file, symbol, toString(interval))
                       .arg(rowsImported)
                       .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate));
    QStringList parts = notes;
    if (formingBars > 0)
        parts << QStringLiteral("%1 not final (taken before its session's close)").arg(formingBars);
    if (placeholdersKept > 0)
        parts << QStringLiteral("kept %1 flat zero-volume placeholder(s) of real sessions").arg(placeholdersKept);
    if (offCalendarRows > 0)
        parts << QStringLiteral("%1 on days without an NSE session").arg(offCalendarRows);
    for (const SkippedRows& rows : skipped)
        parts << QStringLiteral("skipped %1 %2 (%3)").arg(rows.sessions.size()).arg(rows.reason, joinDates(rows.sessions));
    if (!parts.isEmpty())
        line += QStringLiteral("; ") + parts.join(QStringLiteral("; "));
    return line;
}

FileImportResult importCsvFile(MarketStore& store, const QString& path, const CsvImportOptions& options)
{
    BarParseOptions parseOptions;
    parseOptions.nowUtc = options.nowUtc.isValid() ? options.nowUtc : QDateTime::currentDateTimeUtc();
    QString symbol;
    if (!options.symbol.isEmpty()) {
        const std::optional<QString> normalised = normalisedSymbol(options.symbol);
        if (!normalised)
            return rejected(path, 0, QStringLiteral("'%1' is not a valid NSE symbol").arg(options.symbol));
        symbol = *normalised;
        parseOptions.intervalHint = intervalFromFileName(path);
    } else {
        const std::optional<FileNameSymbol> fromName = symbolFromFileName(path);
        if (!fromName) {
            return rejected(path, 0, QStringLiteral("the file name '%1' is not an NSE symbol; name the symbol with --symbol")
                                         .arg(QFileInfo(path).fileName()));
        }
        symbol = fromName->symbol;
        parseOptions.intervalHint = fromName->intervalHint;
    }
    QStringList notes;
    symbol = storedSymbol(symbol, notes);

    QFile file(path);
    if (!QFileInfo(path).isFile())
        return rejected(path, 0, QStringLiteral("not a file"));
    if (file.size() > kMaxFileBytes)
        return rejected(path, 0, QStringLiteral("too large for an OHLCV file (%1 bytes)").arg(file.size()));
    if (!file.open(QIODevice::ReadOnly))
        return rejected(path, 0, QStringLiteral("cannot read: %1").arg(file.errorString()));
    const QByteArray content = file.readAll();

    ParsedBars parsed;
    try {
        parsed = parseBarCsv(content, parseOptions);
    } catch (const CsvRejection& rejection) {
        return rejected(path, rejection.line(), rejection.reason());
    }

    // A yfinance file names its ticker: RELIANCE's rows saved as WIPRO.csv were stored as WIPRO.
    if (!parsed.declaredTicker.isEmpty() && !declaresSymbol(parsed.declaredTicker, symbol)) {
        const QString declared = parsed.declaredTicker.trimmed().toUpper();
        const qsizetype dot = declared.lastIndexOf(QLatin1Char('.'));
        // RELIANCE.BO is RELIANCE on BSE: no file name makes its prices NSE's.
        const bool otherExchange = dot > 0 && declared.left(dot) == symbol && declared.mid(dot) != QLatin1String(".NS");
        const QString reason = otherExchange ? QStringLiteral("the yfinance header names %1, a listing other than NSE's %2.NS")
                                                   .arg(parsed.declaredTicker, symbol)
                                             : QStringLiteral("the yfinance header names %1, not %2").arg(parsed.declaredTicker, symbol);
        if (options.symbol.isEmpty())
            return rejected(path, 2, otherExchange ? reason : reason + QStringLiteral(": rename the file, or name the symbol with --symbol"));
        notes << reason + QStringLiteral(" (stored as %1, as --symbol asked)").arg(symbol);
    }

    BarSeries series{symbol, parsed.interval, DataSource::Csv, std::move(parsed.bars)};
    try {
        store.upsertBars(series);
    } catch (const std::exception& error) {
        return rejected(path, 0, QStringLiteral("could not be stored: %1").arg(QString::fromUtf8(error.what())));
    }

    FileImportResult result;
    result.file = path;
    result.imported = true;
    result.symbol = symbol;
    if (parsed.corporateActionColumns) {
        notes << QStringLiteral("Dividends/Stock Splits columns ignored; such yfinance history() prices are usually "
                                "adjusted for dividends too, unlike Yahoo's chart close");
    }
    result.notes = std::move(notes);
    result.interval = series.interval;
    result.rowsImported = int(series.bars.size());
    result.placeholdersKept = parsed.placeholdersKept;
    result.formingBars = parsed.formingBars;
    result.offCalendarRows = parsed.offCalendarRows;
    result.skipped = std::move(parsed.skipped);
    result.first = series.bars.front().session;
    result.last = series.bars.back().session;

    store.logFetch({QStringLiteral("csv"), symbol, series.interval, parseOptions.nowUtc, FetchOutcome::Success,
                    QStringLiteral("%1 bars from %2").arg(result.rowsImported).arg(QFileInfo(path).fileName())});
    return result;
}

std::vector<FileImportResult> importCsvPaths(MarketStore& store, const QStringList& paths,
                                             const CsvImportOptions& options, const BeforeCsvFile& beforeFile)
{
    QStringList files;  // folders expanded; a missing path stays, to be rejected in its place
    for (const QString& path : paths) {
        if (!QFileInfo(path).isDir()) {
            files << path;
            continue;
        }
        const QDir folder(path);
        for (const QString& name : folder.entryList({QStringLiteral("*.csv"), QStringLiteral("*.CSV")}, QDir::Files, QDir::Name))
            files << folder.filePath(name);
    }
    std::vector<FileImportResult> results;
    for (int i = 0; i < files.size(); ++i) {
        if (beforeFile)
            beforeFile(i, int(files.size()), files[i]);
        results.push_back(QFileInfo::exists(files[i]) ? importCsvFile(store, files[i], options)
                                                      : rejected(files[i], 0, QStringLiteral("no such file or folder")));
    }
    return results;
}

}  // namespace aegis::data
