// CSV import: every real file in the shared data folder with the counts its README documents,
// the accepted Yahoo/yfinance variants, exact `file:line: reason` rejections, all-or-nothing
// behaviour, and symbols taken from file names.
#include "data/calendar/nse_calendar.h"
#include "data/csvimport/csv_import.h"
#include "data/csvimport/csv_line.h"
#include "data/csvimport/file_name_symbols.h"
#include "data/store/market_store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace aegis::data;

namespace {

const QString kDataDir = QStringLiteral(AEGIS_SHARED_DATA_DIR);
// After every file's last session, so nothing in the fixtures is "today".
const QDateTime kNow(QDate(2026, 11, 21), QTime(6, 0), Qt::UTC);

const QStringList kStocks = {
    "ADANIENT", "ADANIPORTS", "ASIANPAINT", "AXISBANK", "BAJAJFINSV", "BAJFINANCE", "BHARTIARTL", "CIPLA",
    "DRREDDY",  "EICHERMOT",  "GRASIM",     "HCLTECH",  "HDFCBANK",   "HINDALCO",   "HINDUNILVR", "ICICIBANK",
    "INFY",     "ITC",        "KOTAKBANK",  "LT",       "M&M",        "MARUTI",     "NESTLEIND",  "NTPC",
    "ONGC",     "POWERGRID",  "RELIANCE",   "SBIN",     "SUNPHARMA",  "TCS",        "TECHM",      "ULTRACEMCO"};

std::int64_t utcOf(QDate date, QTime time)
{
    return QDateTime(date, time, Qt::UTC).toSecsSinceEpoch();
}

const Bar* findSession(const BarSeries& series, QDate session)
{
    for (const Bar& bar : series.bars) {
        if (bar.session == session)
            return &bar;
    }
    return nullptr;
}

}  // namespace

class CsvImportTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString writeFile(const QString& name, const QByteArray& content)
    {
        const QString path = dir_.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(content);
        return path;
    }

    CsvImportOptions options(const QString& symbol = {}) const { return CsvImportOptions{symbol, kNow}; }

private Q_SLOTS:
    void init()
    {
        QVERIFY(dir_.isValid());
        QDir(dir_.path()).removeRecursively();
        QVERIFY(QDir().mkpath(dir_.path()));
    }

    void realFilesImportWithTheDocumentedCounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("interval");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("forming");
        QTest::addColumn<int>("placeholders");
        QTest::addColumn<QString>("skipped");  // dates, comma-separated
        QTest::addColumn<QDate>("first");
        QTest::addColumn<QDate>("last");

        // README: 1,236 rows, the last a partial snapshot (2025-11-28 08:22:29).
        QTest::newRow("NSEI_daily") << "NSEI_daily.csv" << "NIFTY" << "1d" << 1236 << 1 << 0 << "" << QDate(2020, 12, 1)
                                    << QDate(2025, 11, 28);
        QTest::newRow("INDIAVIX_daily") << "INDIAVIX_daily.csv" << "INDIAVIX" << "1d" << 1221 << 1 << 0 << ""
                                        << QDate(2020, 12, 1) << QDate(2025, 11, 28);
        // 75 bars on three full days, 74 on 2025-11-26, 57 (NIFTY) / 48 (VIX) on the partial 2025-11-28;
        // the off-grid snapshot and the bar it falls in are not final.
        QTest::newRow("NSEI_5m") << "NSEI_5m.csv" << "NIFTY" << "5m" << 356 << 2 << 0 << "" << QDate(2025, 11, 24)
                                 << QDate(2025, 11, 28);
        QTest::newRow("INDIAVIX_5m") << "INDIAVIX_5m.csv" << "INDIAVIX" << "5m" << 347 << 2 << 0 << ""
                                     << QDate(2025, 11, 24) << QDate(2025, 11, 28);
        QTest::newRow("NSEBANK") << "NSEBANK.csv" << "BANKNIFTY" << "1d" << 1233 << 0 << 0 << "" << QDate(2021, 6, 24)
                                 << QDate(2026, 6, 23);
        // Stocks: 1,237 rows less the 2026-01-15 placeholder (an NSE holiday); the 2025-03-18
        // placeholder is a real session and stays (ITC has none there, M&M one more on 2025-09-08).
        for (const QString& stock : kStocks) {
            const int placeholders = stock == QLatin1String("ITC") ? 0 : stock == QLatin1String("M&M") ? 2 : 1;
            QTest::newRow(qPrintable(stock)) << stock + ".csv" << stock << "1d" << 1236 << 0 << placeholders
                                             << "2026-01-15" << QDate(2021, 4, 26) << QDate(2026, 4, 24);
        }
    }

    void realFilesImportWithTheDocumentedCounts()
    {
        QFETCH(QString, file);
        QFETCH(QString, symbol);
        QFETCH(QString, interval);
        QFETCH(int, rows);
        QFETCH(int, forming);
        QFETCH(int, placeholders);
        QFETCH(QString, skipped);
        QFETCH(QDate, first);
        QFETCH(QDate, last);

        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const FileImportResult result = importCsvFile(store, kDataDir + QLatin1Char('/') + file, options());
        QVERIFY2(result.imported, qPrintable(result.error));
        QCOMPARE(result.symbol, symbol);
        QCOMPARE(toString(result.interval), interval);
        QCOMPARE(result.rowsImported, rows);
        QCOMPARE(result.formingBars, forming);
        QCOMPARE(result.placeholdersKept, placeholders);
        QCOMPARE(result.offCalendarRows, 0);
        QStringList skippedDates;
        for (const SkippedRows& group : result.skipped) {
            for (QDate date : group.sessions)
                skippedDates << date.toString(Qt::ISODate);
        }
        QCOMPARE(skippedDates.join(QLatin1Char(',')), skipped);
        QCOMPARE(result.first, first);
        QCOMPARE(result.last, last);

        const BarSeries stored = store.loadBars(symbol, *intervalFromString(interval));
        QCOMPARE(int(stored.bars.size()), rows);
        QVERIFY(stored.source == DataSource::Csv);
        int notFinal = 0;
        for (const Bar& bar : stored.bars)
            notFinal += bar.final ? 0 : 1;
        QCOMPARE(notFinal, forming);
        const std::optional<FetchLogEntry> logged = store.lastFetch(symbol, *intervalFromString(interval));
        QVERIFY(logged);
        QCOMPARE(logged->source, QStringLiteral("csv"));
        QVERIFY(logged->outcome == FetchOutcome::Success);
    }

    void realDailyIndexBarsKeepTheirStampsAndSessions()
    {
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        QVERIFY(importCsvFile(store, kDataDir + QStringLiteral("/NSEI_daily.csv"), options()).imported);
        const BarSeries nifty = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);

        const Bar& firstBar = nifty.bars.front();
        QCOMPARE(firstBar.utc, utcOf(QDate(2020, 12, 1), QTime(3, 45)));
        QCOMPARE(firstBar.close, 13109.0498046875);
        QCOMPARE(firstBar.volume, 583600.0);
        // Muhurat session stamped 12:45 UTC (18:15 IST): same IST date, final.
        const Bar* muhurat = findSession(nifty, QDate(2021, 11, 4));
        QVERIFY(muhurat);
        QCOMPARE(muhurat->utc, utcOf(QDate(2021, 11, 4), QTime(12, 45)));
        QVERIFY(muhurat->final);
        QVERIFY(findSession(nifty, QDate(2025, 2, 1)));  // Saturday budget session
        // Zero-volume index sessions are real sessions and stay.
        const Bar* zeroVolume = findSession(nifty, QDate(2021, 3, 8));
        QVERIFY(zeroVolume && zeroVolume->volume == 0.0 && zeroVolume->final);
        const Bar& partial = nifty.bars.back();
        QCOMPARE(partial.session, QDate(2025, 11, 28));
        QCOMPARE(partial.utc, utcOf(QDate(2025, 11, 28), QTime(8, 22, 29)));
        QVERIFY(!partial.final);

        const std::vector<SeriesSummary> summaries = store.summaries();
        QCOMPARE(summaries.size(), std::size_t(1));
        QCOMPARE(summaries[0].lastFinal, QDate(2025, 11, 27));
        QVERIFY(summaries[0].hasForming);
    }

    void realStockBarsSitAtTheirSessionsOpen()
    {
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        QVERIFY(importCsvFile(store, kDataDir + QStringLiteral("/M&M.csv"), options()).imported);
        const BarSeries mm = store.loadBars(QStringLiteral("M&M"), Interval::Daily);
        QCOMPARE(mm.bars.front().utc, utcOf(QDate(2021, 4, 26), QTime(3, 45)));
        QVERIFY(!findSession(mm, QDate(2026, 1, 15)));
        const Bar* placeholder = findSession(mm, QDate(2025, 3, 18));
        QVERIFY(placeholder && placeholder->volume == 0.0 && placeholder->open == placeholder->close);
        // Muhurat 2024-11-01 (a date-only row) sits at the calendar's evening open.
        const Bar* muhurat = findSession(mm, QDate(2024, 11, 1));
        QVERIFY(muhurat);
        QCOMPARE(QDateTime::fromSecsSinceEpoch(muhurat->utc, Qt::UTC),
                 NseCalendar::instance().sessionTimes(QDate(2024, 11, 1))->openUtc);
    }

    void importingTheSameFileTwiceChangesNothing()
    {
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const QString path = kDataDir + QStringLiteral("/NSEI_5m.csv");
        QVERIFY(importCsvFile(store, path, options()).imported);
        const BarSeries once = store.loadBars(QStringLiteral("NIFTY"), Interval::FiveMinute);
        QVERIFY(importCsvFile(store, path, options()).imported);
        const BarSeries twice = store.loadBars(QStringLiteral("NIFTY"), Interval::FiveMinute);
        QCOMPARE(twice.bars.size(), once.bars.size());
        QVERIFY(twice.bars == once.bars);
    }

    void acceptedVariantsOfTheFormat_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<double>("lastClose");
        QTest::addColumn<double>("lastVolume");
        QTest::addColumn<QString>("note");  // empty: the import has no note

        QTest::newRow("yahoo with Adj Close: Close is used")
            << QByteArray("Date,Open,High,Low,Close,Adj Close,Volume\n"
                          "2024-01-01,10,12,9,11,10.5,1000\n2024-01-02,11,13,10,12,11.5,2000\n")
            << 12.0 << 2000.0 << "";
        QTest::newRow("yfinance multi-index header, any column order")
            << QByteArray("Price,Close,High,Low,Open,Volume\n"
                          "Ticker,TCS.NS,TCS.NS,TCS.NS,TCS.NS,TCS.NS\n"
                          "Date,,,,,\n"
                          "2024-01-01,11,12,9,10,1000\n2024-01-02,12,13,10,11,2000\n")
            << 12.0 << 2000.0 << "";
        QTest::newRow("volumes as floats, CRLF, BOM, quoted fields")
            << QByteArray("\xEF\xBB\xBF\"Date\",Open,High,Low,Close,Volume\r\n"
                          "2024-01-01,10,12,9,11,1000.0\r\n\"2024-01-02\",11,13,10,\"12.25\",2000.0\r\n\r\n")
            << 12.25 << 2000.0 << "";
        QTest::newRow("yfinance daily stamps at IST midnight")
            << QByteArray("Datetime,Open,High,Low,Close,Volume\n"
                          "2024-01-01 00:00:00+05:30,10,12,9,11,1000\n2024-01-02 00:00:00+05:30,11,13,10,12,2000\n")
            << 12.0 << 2000.0 << "";
        QTest::newRow("yfinance history() with corporate-action columns")
            << QByteArray("Date,Open,High,Low,Close,Volume,Dividends,Stock Splits\n"
                          "2024-01-01 00:00:00+05:30,10,12,9,11,1000,0.0,0.0\n"
                          "2024-01-02 00:00:00+05:30,11,13,10,12,2000,0.5,0.0\n")
            << 12.0 << 2000.0
            << "Dividends/Stock Splits columns ignored; such yfinance history() prices are usually adjusted for dividends "
               "too, unlike Yahoo's chart close";
        QTest::newRow("rows out of order are sorted")
            << QByteArray("Date,Open,High,Low,Close,Volume\n2024-01-02,11,13,10,12,2000\n2024-01-01,10,12,9,11,1000\n")
            << 12.0 << 2000.0 << "";
    }

    void acceptedVariantsOfTheFormat()
    {
        QFETCH(QByteArray, content);
        QFETCH(double, lastClose);
        QFETCH(double, lastVolume);
        QFETCH(QString, note);
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const FileImportResult result = importCsvFile(store, writeFile(QStringLiteral("TCS.csv"), content), options());
        QVERIFY2(result.imported, qPrintable(result.error));
        QCOMPARE(result.rowsImported, 2);
        const BarSeries series = store.loadBars(QStringLiteral("TCS"), Interval::Daily);
        QCOMPARE(series.bars.size(), std::size_t(2));
        QCOMPARE(series.bars[0].session, QDate(2024, 1, 1));
        QCOMPARE(series.bars[0].utc, utcOf(QDate(2024, 1, 1), QTime(3, 45)));
        QCOMPARE(series.bars[1].close, lastClose);
        QCOMPARE(series.bars[1].volume, lastVolume);
        QVERIFY(series.bars[1].final);
        QCOMPARE(result.notes, note.isEmpty() ? QStringList() : QStringList{note});
    }

    void malformedFilesAreRejectedWithFileLineAndReason_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");  // after "<path>"

        const QByteArray header("Date,Open,High,Low,Close,Volume\n");
        const QByteArray good("2024-01-01,10,12,9,11,1000\n");
        QTest::newRow("non-numeric") << "TCS.csv" << header + good + "2024-01-02,abc,13,10,12,2000\n"
                                     << ":3: Open 'abc' is not a number";
        // RELIANCE's rows saved as WIPRO.csv were stored as WIPRO.
        QTest::newRow("yfinance header names another ticker")
            << "WIPRO.csv"
            << QByteArray("Price,Close,High,Low,Open,Volume\nTicker,RELIANCE.NS,RELIANCE.NS,RELIANCE.NS,RELIANCE.NS,RELIANCE.NS\n"
                          "Date,,,,,\n2024-01-01,11,12,9,10,1000\n")
            << ":2: the yfinance header names RELIANCE.NS, not WIPRO: rename the file, or name the symbol with --symbol";
        QTest::newRow("yfinance header names another exchange")
            << "RELIANCE.csv"
            << QByteArray("Price,Close,High,Low,Open,Volume\nTicker,RELIANCE.BO,RELIANCE.BO,RELIANCE.BO,RELIANCE.BO,RELIANCE.BO\n"
                          "Date,,,,,\n2024-01-01,11,12,9,10,1000\n")
            << ":2: the yfinance header names RELIANCE.BO, a listing other than NSE's RELIANCE.NS";
        QTest::newRow("NaN") << "TCS.csv" << header + "2024-01-01,10,12,9,nan,1000\n"
                             << ":2: Close 'nan' is not a finite number";
        QTest::newRow("empty cell") << "TCS.csv" << header + "2024-01-01,10,12,9,,1000\n" << ":2: Close is empty";
        QTest::newRow("null prices with a volume") << "TCS.csv" << header + good + "2024-01-02,null,null,null,null,500\n"
                                                   << ":3: Open 'null' is not a number";
        QTest::newRow("only rows without prices") << "TCS.csv" << header + "2024-01-01,null,null,null,null,null\n"
                                                  << ": no bars left to import after skipping placeholders and rows without prices";
        QTest::newRow("high below low") << "TCS.csv" << header + good + "2024-01-02,11,9,10,9.5,2000\n"
                                        << ":3: High 9 is below Low 10";
        QTest::newRow("close above high") << "TCS.csv" << header + good + "2024-01-02,11,13,10,13.5,2000\n"
                                          << ":3: Close 13.5 is outside the range Low 10 to High 13";
        QTest::newRow("open below low") << "TCS.csv" << header + good + "2024-01-02,9.5,13,10,12,2000\n"
                                        << ":3: Open 9.5 is outside the range Low 10 to High 13";
        QTest::newRow("negative price") << "TCS.csv" << header + "2024-01-01,10,12,-9,11,1000\n"
                                        << ":2: Low '-9' is not a positive price";
        QTest::newRow("negative volume") << "TCS.csv" << header + "2024-01-01,10,12,9,11,-5\n"
                                         << ":2: Volume '-5' is negative";
        // 1e300 used to be stored, then overflowed the models' float inputs and stopped every ticker's training.
        QTest::newRow("implausible price") << "TCS.csv" << header + good + "2024-01-02,11,1e300,10,12,2000\n"
                                           << ":3: High '1e300' is above 1e+08, not a plausible price";
        // 1e-40 passed as positive; its ATR / close (1e43) became inf in the float inputs the same way.
        QTest::newRow("price below the tick") << "VEDL.csv" << header + good + "2024-01-02,1e-40,1e-40,1e-40,1e-40,1000\n"
                                              << ":3: Open '1e-40' is below the ₹0.01 tick, not a plausible price";
        QTest::newRow("implausible volume") << "TCS.csv" << header + "2024-01-01,10,12,9,11,1e20\n"
                                            << ":2: Volume '1e20' is above 1e+15, not a plausible volume";
        QTest::newRow("future session") << "TCS.csv" << header + good + "2030-01-01,11,13,10,12,2000\n"
                                        << ":3: 2030-01-01 is after today (2026-11-21 IST)";
        QTest::newRow("future intraday bar")
            << "NSEI_5m.csv"
            << QByteArray("Date,Open,High,Low,Close,Volume\n2030-01-01 03:45:00,1,1,1,1,0\n2030-01-01 03:50:00,1,1,1,1,0\n")
            << ":2: 2030-01-01 03:45:00 UTC is in the future";
        QTest::newRow("duplicate date") << "TCS.csv" << header + good + "2024-01-02,11,13,10,12,2000\n" + good
                                        << ":4: duplicate date 2024-01-01 (also on line 2)";
        // Written twice at different times of day, a session read as an unknown interval at line 0.
        QByteArray stamped = header;
        for (int day = 1; day <= 12; ++day)
            stamped += QStringLiteral("2024-01-%1 09:15:00+05:30,10,12,9,11,1000\n").arg(day + 1, 2, 10, QLatin1Char('0')).toLatin1();
        stamped += "2024-01-05 12:45:00+05:30,10,12,9,11,1000\n";
        QTest::newRow("duplicate session at two times") << "TCS.csv" << stamped << ":14: duplicate date 2024-01-05 (also on line 5)";
        QTest::newRow("unknown column") << "TCS.csv" << QByteArray("Date,Open,High,Low,Close,Volume,Turnover\n") + good
                                        << ":1: unknown column 'Turnover'";
        QTest::newRow("missing column") << "TCS.csv" << QByteArray("Date,Open,High,Low,Close\n2024-01-01,10,12,9,11\n")
                                        << ":1: missing column 'Volume'";
        QTest::newRow("wrong column count") << "TCS.csv" << header + good + "2024-01-02,11,13,10,12\n"
                                            << ":3: wrong column count: expected 6, found 5";
        QTest::newRow("not a date") << "TCS.csv" << header + "2024-13-01,10,12,9,11,1000\n"
                                    << ":2: '2024-13-01' is not a date (YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS in UTC)";
        QTest::newRow("blank line inside") << "TCS.csv" << header + good + "\n2024-01-02,11,13,10,12,2000\n"
                                           << ":3: empty line";
        QTest::newRow("unbalanced quotes") << "TCS.csv" << header + "\"2024-01-01,10,12,9,11,1000\n"
                                           << ":2: unbalanced quotes";
        QTest::newRow("empty file") << "TCS.csv" << QByteArray("\n\n") << ":1: empty file: no header";
        QTest::newRow("header only") << "TCS.csv" << header << ":2: no data rows after the header";
        QTest::newRow("mid-session snapshot not last")
            << "NSEI_daily.csv"
            << QByteArray("Date,Open,High,Low,Close,Volume\n2024-01-01 08:22:29,10,12,9,11,0.0\n"
                          "2024-01-02 03:45:00,11,13,10,12,0.0\n")
            << ":2: time 08:22:29 UTC is not the session's open; only the last row may be a snapshot of a "
               "session in progress";
        QTest::newRow("intraday off the grid")
            << "NSEI_5m.csv"
            << QByteArray("Date,Open,High,Low,Close,Volume\n2024-01-01 03:45:00,1,1,1,1,0\n"
                          "2024-01-01 03:50:07,1,1,1,1,0\n2024-01-01 03:55:00,1,1,1,1,0\n2024-01-01 04:00:00,1,1,1,1,0\n"
                          "2024-01-01 04:05:00,1,1,1,1,0\n")
            << ":3: time 03:50:07 UTC is not on the 5m bar grid; only the last row may be a snapshot of a bar in "
               "progress";
        QTest::newRow("intraday in IST read as UTC")
            << "NSEI_5m.csv"
            << QByteArray("Date,Open,High,Low,Close,Volume\n2024-01-01 15:20:00,1,1,1,1,0\n"
                          "2024-01-01 15:25:00,1,1,1,1,0\n")
            << ":2: time 15:20:00 UTC (20:50 IST) is outside the session's hours 09:15-15:30 IST (timestamps "
               "without an offset are read as UTC)";
        QTest::newRow("file name contradicts the rows") << "TCS_5m.csv" << header + good + "2024-01-02,11,13,10,12,2000\n"
                                                        << ": the file name says 5m bars but the rows are 1d bars";
        QTest::newRow("unknown spacing")
            << "NSEI.csv"
            << QByteArray("Date,Open,High,Low,Close,Volume\n2024-01-01 03:45:00,1,1,1,1,0\n"
                          "2024-01-01 04:00:00,1,1,1,1,0\n2024-01-01 04:15:00,1,1,1,1,0\n")
            << ": cannot tell the interval: rows of one session are mostly 900 s apart (daily, 5-minute and "
               "1-minute bars can be imported)";
        QTest::newRow("hostile file name") << "A;B.csv" << header + good
                                           << ": the file name 'A;B.csv' is not an NSE symbol; name the symbol with --symbol";
    }

    void malformedFilesAreRejectedWithFileLineAndReason()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const QString path = writeFile(name, content);
        QVERIFY(!path.isEmpty());
        const FileImportResult result = importCsvFile(store, path, options());
        QVERIFY(!result.imported);
        QCOMPARE(result.error, path + expected);
        QCOMPARE(result.summary(), result.error);
        QVERIFY(store.summaries().empty());
    }

    void rejectedFileLeavesTheStoreUnchanged()
    {
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const QByteArray header("Date,Open,High,Low,Close,Volume\n");
        QVERIFY(importCsvFile(store, writeFile(QStringLiteral("TCS.csv"), header + "2024-01-01,10,12,9,11,1000\n"),
                              options())
                    .imported);
        const BarSeries before = store.loadBars(QStringLiteral("TCS"), Interval::Daily);
        const std::size_t logBefore = store.fetchLog(QStringLiteral("TCS")).size();

        // Valid rows first, a broken one last: nothing of it may reach the store.
        const FileImportResult result = importCsvFile(
            store,
            writeFile(QStringLiteral("TCS.csv"), header + "2024-01-01,50,52,49,51,5000\n2024-01-02,51,53,50,52,6000\n"
                                                          "2024-01-03,52,51,53,52,7000\n"),
            options());
        QVERIFY(!result.imported);
        QVERIFY2(result.error.endsWith(QStringLiteral(":4: High 51 is below Low 53")), qPrintable(result.error));
        const BarSeries after = store.loadBars(QStringLiteral("TCS"), Interval::Daily);
        QVERIFY(after.bars == before.bars);
        QCOMPARE(store.fetchLog(QStringLiteral("TCS")).size(), logBefore);
    }

    void explicitSymbolIsValidated()
    {
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const QString path = writeFile(QStringLiteral("whatever.csv"),
                                       "Date,Open,High,Low,Close,Volume\n2024-01-01,10,12,9,11,1000\n");
        for (const char* hostile : {"../x", "A;B", "x/../../etc", "NIFTY'--"}) {
            const FileImportResult result = importCsvFile(store, path, options(QString::fromLatin1(hostile)));
            QVERIFY(!result.imported);
            QCOMPARE(result.error, path + QStringLiteral(": '%1' is not a valid NSE symbol").arg(QLatin1String(hostile)));
        }
        QVERIFY(store.summaries().empty());

        const FileImportResult result = importCsvFile(store, path, options(QStringLiteral(" bajaj-auto ")));
        QVERIFY2(result.imported, qPrintable(result.error));
        QCOMPARE(result.symbol, QStringLiteral("BAJAJ-AUTO"));
    }

    void fileNamesMapToNseSymbols_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("symbol");  // empty: no valid symbol
        QTest::addColumn<QString>("interval");  // empty: no hint

        QTest::newRow("M&M") << "M&M.csv" << "M&M" << "";
        QTest::newRow("NSEI_daily") << "/some/where/NSEI_daily.csv" << "NIFTY" << "1d";
        QTest::newRow("NSEI_5m") << "NSEI_5m.csv" << "NIFTY" << "5m";
        QTest::newRow("NSEI_intraday") << "NSEI_intraday.csv" << "NIFTY" << "";
        QTest::newRow("INDIAVIX_daily") << "INDIAVIX_daily.csv" << "INDIAVIX" << "1d";
        QTest::newRow("NSEBANK") << "NSEBANK.csv" << "BANKNIFTY" << "";
        QTest::newRow("^NSEBANK") << "^NSEBANK.csv" << "BANKNIFTY" << "";
        QTest::newRow("fin service") << "NIFTY_FIN_SERVICE.NS.csv" << "FINNIFTY" << "";
        QTest::newRow("NIFTY50") << "nifty50.csv" << "NIFTY" << "";
        QTest::newRow("NIFTY_50_daily") << "NIFTY_50_daily.csv" << "NIFTY" << "1d";
        QTest::newRow("NIFTY_BANK") << "NIFTY_BANK.csv" << "BANKNIFTY" << "";
        QTest::newRow("INDIA_VIX") << "INDIA_VIX.csv" << "INDIAVIX" << "";
        QTest::newRow(".NS") << "reliance.ns.csv" << "RELIANCE" << "";
        QTest::newRow("1m") << "TCS_1m.CSV" << "TCS" << "1m";
        QTest::newRow("BAJAJ-AUTO") << "BAJAJ-AUTO.csv" << "BAJAJ-AUTO" << "";
        QTest::newRow("semicolon") << "A;B.csv" << "" << "";
        QTest::newRow("dots") << "..x.csv" << "" << "";
        QTest::newRow("space") << "TATA MOTORS.csv" << "" << "";
        QTest::newRow("empty") << ".csv" << "" << "";
    }

    void fileNamesMapToNseSymbols()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, symbol);
        QFETCH(QString, interval);
        const std::optional<FileNameSymbol> mapped = symbolFromFileName(fileName);
        if (symbol.isEmpty()) {
            QVERIFY(!mapped);
            return;
        }
        QVERIFY(mapped);
        QCOMPARE(mapped->symbol, symbol);
        QCOMPARE(mapped->intervalHint ? toString(*mapped->intervalHint) : QString(), interval);
    }

    void placeholdersAreSkippedOnlyWhereThereWasNoSession()
    {
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        // 2024-01-26 (Republic Day) is a holiday, 2024-01-27 a Saturday; 2024-01-25 a session.
        const QString path = writeFile(QStringLiteral("INFY.csv"), "Date,Open,High,Low,Close,Volume\n"
                                                                   "2024-01-24,10,12,9,11,1000\n"
                                                                   "2024-01-25,11,11,11,11,0\n"
                                                                   "2024-01-26,11,11,11,11,0\n"
                                                                   "2024-01-27,11,11,11,11,0\n"
                                                                   "2024-01-29,11,13,10,12,2000\n");
        const FileImportResult result = importCsvFile(store, path, options());
        QVERIFY2(result.imported, qPrintable(result.error));
        QCOMPARE(result.rowsImported, 3);
        QCOMPARE(result.placeholdersKept, 1);
        QCOMPARE(result.skippedCount(), 2);
        QVERIFY2(result.summary().contains(QStringLiteral(
                     "skipped 2 flat zero-volume placeholder on a day with no NSE session (2024-01-26, 2024-01-27)")),
                 qPrintable(result.summary()));
        QVERIFY(result.summary().contains(QStringLiteral("kept 1 flat zero-volume placeholder(s) of real sessions")));
    }

    void realRowsOnDaysWithoutASessionAreKeptAndCounted()
    {
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const QString path = writeFile(QStringLiteral("INFY.csv"), "Date,Open,High,Low,Close,Volume\n"
                                                                   "2024-01-25,10,12,9,11,1000\n"
                                                                   "2024-01-27,11,12,10,11.5,300\n");
        const FileImportResult result = importCsvFile(store, path, options());
        QVERIFY2(result.imported, qPrintable(result.error));
        QCOMPARE(result.rowsImported, 2);
        QCOMPARE(result.offCalendarRows, 1);
    }

    void specialSessionsBeforeTheCalendarKeepTheirStamps()
    {
        // Yahoo's longer NIFTY histories stamp Muhurat evenings with their 18:15 IST open, as the
        // 2021 and 2022 rows of the shared file are; before 2020 the calendar does not know them.
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const QString path = writeFile(QStringLiteral("NSEI_daily.csv"), "Date,Open,High,Low,Close,Volume\n"
                                                                         "2019-10-25 03:45:00,11600,11650,11550,11583,0.0\n"
                                                                         "2019-10-27 12:45:00,11630,11660,11620,11628,0.0\n"
                                                                         "2019-10-29 03:45:00,11640,11800,11630,11786,0.0\n");
        const FileImportResult result = importCsvFile(store, path, options());
        QVERIFY2(result.imported, qPrintable(result.error));
        QCOMPARE(result.rowsImported, 3);
        QCOMPARE(result.offCalendarRows, 1);  // a Sunday
        QCOMPARE(result.formingBars, 0);
        const BarSeries nifty = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);
        const Bar* muhurat = findSession(nifty, QDate(2019, 10, 27));
        QVERIFY(muhurat);
        QCOMPARE(muhurat->utc, utcOf(QDate(2019, 10, 27), QTime(12, 45)));
        QVERIFY(muhurat->final);
    }

    void formerSymbolsAreStoredUnderTheCurrentTicker()
    {
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const QByteArray rows("Date,Open,High,Low,Close,Volume\n2024-01-01,10,12,9,11,1000\n2024-01-02,11,13,10,12,2000\n");
        const FileImportResult renamed = importCsvFile(store, writeFile(QStringLiteral("ZOMATO.NS.csv"), rows), options());
        QVERIFY2(renamed.imported, qPrintable(renamed.error));
        QCOMPARE(renamed.symbol, QStringLiteral("ETERNAL"));
        QVERIFY2(renamed.summary().contains(QStringLiteral("ETERNAL 1d: 2 rows imported"))
                     && renamed.summary().contains(QStringLiteral("stored as ETERNAL: NSE renamed ZOMATO to ETERNAL (same ISIN INE758T01015)")),
                 qPrintable(renamed.summary()));
        QCOMPARE(store.loadBars(QStringLiteral("ETERNAL"), Interval::Daily).bars.size(), std::size_t(2));
        QVERIFY(store.loadBars(QStringLiteral("ZOMATO"), Interval::Daily).bars.empty());
        // --symbol gets the same treatment.
        const FileImportResult forced = importCsvFile(store, writeFile(QStringLiteral("x.csv"), rows), options(QStringLiteral("LTIM")));
        QCOMPARE(forced.symbol, QStringLiteral("LTM"));

        const FileImportResult outside = importCsvFile(store, writeFile(QStringLiteral("HDFC.csv"), rows), options());
        QVERIFY2(outside.imported, qPrintable(outside.error));
        QCOMPARE(outside.symbol, QStringLiteral("HDFC"));
        QVERIFY2(outside.summary().contains(QStringLiteral("HDFC is not one of the universe's tickers: stored, but not trained on or predicted")),
                 qPrintable(outside.summary()));
        const FileImportResult inside = importCsvFile(store, writeFile(QStringLiteral("TCS.csv"), rows), options());
        QVERIFY(inside.notes.isEmpty());
    }

    void rowsWithoutPricesAreSkippedAndCounted()
    {
        // Yahoo's CSV download writes `null` for a day it has no data for; yfinance writes empty cells.
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const QString path = writeFile(QStringLiteral("TCS.csv"), "Date,Open,High,Low,Close,Adj Close,Volume\n"
                                                                  "2024-01-01,10,12,9,11,10.5,1000\n"
                                                                  "2024-01-02,null,null,null,null,null,null\n"
                                                                  "2024-01-03,,,,,,0\n"
                                                                  "2024-01-04,11,13,10,12,11.5,2000\n");
        const FileImportResult result = importCsvFile(store, path, options());
        QVERIFY2(result.imported, qPrintable(result.error));
        QCOMPARE(result.rowsImported, 2);
        QCOMPARE(result.skippedCount(), 2);
        QVERIFY2(result.summary().contains(
                     QStringLiteral("skipped 2 row whose price cells are all null or empty (2024-01-02, 2024-01-03)")),
                 qPrintable(result.summary()));
        // The next return spans the missing day, as after any gap.
        const BarSeries series = store.loadBars(QStringLiteral("TCS"), Interval::Daily);
        QCOMPARE(series.bars.size(), std::size_t(2));
        QCOMPARE(series.bars[1].session, QDate(2024, 1, 4));
    }

    void lastRowOfASessionStillOpenIsNotFinal()
    {
        MarketStore store(dir_.filePath(QStringLiteral("market.sqlite")));
        const QString path = writeFile(QStringLiteral("INFY.csv"), "Date,Open,High,Low,Close,Volume\n"
                                                                   "2024-01-24,10,12,9,11,1000\n"
                                                                   "2024-01-25,11,12,10,11.5,300\n");
        // 2024-01-25 11:00 IST: the session of the last row is open.
        const QDateTime duringSession(QDate(2024, 1, 25), QTime(5, 30), Qt::UTC);
        const FileImportResult result = importCsvFile(store, path, CsvImportOptions{QString(), duringSession});
        QVERIFY2(result.imported, qPrintable(result.error));
        QCOMPARE(result.formingBars, 1);
        QVERIFY(!store.loadBars(QStringLiteral("INFY"), Interval::Daily).bars.back().final);
    }

    void foldersImportTheirCsvFilesInNameOrder()
    {
        const QByteArray good("Date,Open,High,Low,Close,Volume\n2024-01-01,10,12,9,11,1000\n");
        writeFile(QStringLiteral("TCS.csv"), good);
        writeFile(QStringLiteral("INFY.csv"), good);
        writeFile(QStringLiteral("bad;name.csv"), good);
        writeFile(QStringLiteral("notes.txt"), "not data");
        QVERIFY(QDir(dir_.path()).mkdir(QStringLiteral("sub")));
        writeFile(QStringLiteral("sub/SBIN.csv"), good);

        QTemporaryDir storeDir;
        MarketStore store(storeDir.filePath(QStringLiteral("market.sqlite")));
        const std::vector<FileImportResult> results =
            importCsvPaths(store, {dir_.path(), dir_.filePath(QStringLiteral("missing.csv"))}, options());
        QCOMPARE(results.size(), std::size_t(4));
        QCOMPARE(QFileInfo(results[0].file).fileName(), QStringLiteral("INFY.csv"));
        QVERIFY(results[0].imported);
        QCOMPARE(QFileInfo(results[1].file).fileName(), QStringLiteral("TCS.csv"));
        QVERIFY(results[1].imported);
        QCOMPARE(QFileInfo(results[2].file).fileName(), QStringLiteral("bad;name.csv"));
        QVERIFY(!results[2].imported);
        QCOMPARE(results[3].error, dir_.filePath(QStringLiteral("missing.csv")) + QStringLiteral(": no such file or folder"));
        QCOMPARE(store.summaries().size(), std::size_t(2));
    }

    // The hook before each file sees the progress over the expanded list; throwing from it stops the
    // import there, and the files before stay imported (how the window's Cancel works).
    void theHookBeforeEachFileReportsProgressAndCanStop()
    {
        const QByteArray good("Date,Open,High,Low,Close,Volume\n2024-01-01,10,12,9,11,1000\n");
        for (const char* name : {"INFY.csv", "SBIN.csv", "TCS.csv"})
            writeFile(QString::fromLatin1(name), good);
        QTemporaryDir storeDir;
        MarketStore store(storeDir.filePath(QStringLiteral("market.sqlite")));
        QStringList seen;
        struct Stop {};
        QVERIFY_THROWS_EXCEPTION(Stop, importCsvPaths(store, {dir_.path()}, options(), [&](int done, int total, const QString& path) {
            seen << QStringLiteral("%1/%2 %3").arg(done).arg(total).arg(QFileInfo(path).fileName());
            if (done == 2)
                throw Stop{};
        }));
        QCOMPARE(seen, (QStringList{QStringLiteral("0/3 INFY.csv"), QStringLiteral("1/3 SBIN.csv"), QStringLiteral("2/3 TCS.csv")}));
        QCOMPARE(store.summaries().size(), std::size_t(2));
    }

    void csvLineSplitting()
    {
        QCOMPARE(*csv::splitLine(u"a,b,,c"), (QStringList{"a", "b", "", "c"}));
        QCOMPARE(*csv::splitLine(u"\"a,b\",\"say \"\"hi\"\"\",x"), (QStringList{"a,b", "say \"hi\"", "x"}));
        QCOMPARE(*csv::splitLine(u""), QStringList{QString()});
        QVERIFY(!csv::splitLine(u"\"open"));
        QVERIFY(!csv::splitLine(u"\"a\"b,c"));
    }
};

QTEST_GUILESS_MAIN(CsvImportTest)
#include "test_data_csvimport.moc"
