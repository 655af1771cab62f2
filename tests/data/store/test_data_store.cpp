// MarketStore: round trips, upsert rules for forming/final bars, all-or-nothing transactions,
// schema migration, recovery from a damaged file and a reader beside a writer (speed: bench/data_bench).
#include "data/store/market_store.h"

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>

using namespace aegis::data;

// aegis::data::toString(Interval) returns a QString and is found by argument-dependent lookup
// inside QCOMPARE, so enums of aegis::data are compared through their text instead.
#define COMPARE_AS_TEXT(actual, expected) QCOMPARE(toString(actual), toString(expected))

namespace {

constexpr std::int64_t kDay = 24 * 60 * 60;
// 2024-01-01 03:45:00 UTC = 09:15 IST, a session open.
const std::int64_t kFirstOpenUtc = QDateTime(QDate(2024, 1, 1), QTime(3, 45), Qt::UTC).toSecsSinceEpoch();

Bar dailyBar(int dayIndex, double close, bool final = true)
{
    Bar bar;
    bar.utc = kFirstOpenUtc + dayIndex * kDay;
    bar.session = QDate(2024, 1, 1).addDays(dayIndex);
    bar.open = close - 1.0;
    bar.high = close + 2.0;
    bar.low = close - 3.0;
    bar.close = close;
    bar.volume = 1000.0 + dayIndex;
    bar.final = final;
    return bar;
}

BarSeries dailySeries(const QString& symbol, int count, double closeBase = 100.0, DataSource source = DataSource::Csv)
{
    BarSeries series;
    series.symbol = symbol;
    series.interval = Interval::Daily;
    series.source = source;
    for (int i = 0; i < count; ++i)
        series.bars.push_back(dailyBar(i, closeBase + i));
    return series;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

// Raw SQL on a store file, outside MarketStore, to build old or hostile states.
void executeRaw(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    const QString message = error ? QString::fromUtf8(error) : QString();
    sqlite3_free(error);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(message));
}

// A single number from a store file, read outside MarketStore (e.g. rows left behind).
std::int64_t queryRawInt(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    sqlite3_stmt* statement = nullptr;
    std::int64_t value = -1;
    if (sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK
        && sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
        value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

// Stored REAL values come back bit for bit, so exact comparison is the right tolerance here.
bool sameQuote(const std::optional<OptionQuote>& a, const std::optional<OptionQuote>& b)
{
    if (!a || !b)
        return !a && !b;
    return a->openInterest == b->openInterest && a->changeInOpenInterest == b->changeInOpenInterest
           && a->totalTradedVolume == b->totalTradedVolume && a->impliedVolatility == b->impliedVolatility
           && a->lastPrice == b->lastPrice && a->bidPrice == b->bidPrice && a->askPrice == b->askPrice;
}

OptionChain sampleChain(std::int64_t takenAt, double underlying)
{
    OptionChain chain;
    chain.symbol = QStringLiteral("NIFTY");
    chain.takenAtUtc = takenAt;
    chain.underlyingValue = underlying;
    chain.expiries = {QDate(2025, 12, 2), QDate(2025, 12, 9)};
    OptionStrike withBoth;
    withBoth.strike = 26000.0;
    withBoth.expiry = QDate(2025, 12, 2);
    withBoth.call = OptionQuote{120000, -500, 90000, 11.5, 210.25, 210.0, 210.5};
    withBoth.put = OptionQuote{98000, 1500, 85000, 12.25, 95.5, 95.0, 96.0};
    OptionStrike callOnly;
    callOnly.strike = 26500.0;
    callOnly.expiry = QDate(2025, 12, 9);
    callOnly.call = OptionQuote{5000, 0, 100, 0.0, 12.0, 11.5, 12.5};
    chain.strikes = {withBoth, callOnly};
    return chain;
}

}  // namespace

class MarketStoreTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString storePath(const QString& name = MarketStore::defaultFileName()) { return dir_.filePath(name); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(dir_.isValid());
        for (const QString& entry : QDir(dir_.path()).entryList(QDir::Files))
            QVERIFY(QFile::remove(dir_.filePath(entry)));
    }

    void newStoreIsAtTheCurrentSchemaInWalMode()
    {
        MarketStore store(storePath());
        QCOMPARE(store.openReport().recovered, false);
        QVERIFY(recoveryMessage(store.openReport()).isEmpty());
        QCOMPARE(store.openReport().schemaVersion, 3);
        QCOMPARE(store.path(), QFileInfo(storePath()).absoluteFilePath());
        QVERIFY(store.summaries().empty());
        QVERIFY(QFile::exists(storePath() + QStringLiteral("-wal")));
    }

    void barsRoundTrip()
    {
        MarketStore store(storePath());
        BarSeries series = dailySeries(QStringLiteral("M&M"), 10);
        series.bars[3].close = 101.23000000000001;  // doubles come back bit-exact
        series.bars[9].final = false;
        store.upsertBars(series);

        const BarSeries loaded = store.loadBars(QStringLiteral("M&M"), Interval::Daily);
        QCOMPARE(loaded.symbol, QStringLiteral("M&M"));
        COMPARE_AS_TEXT(loaded.interval, Interval::Daily);
        COMPARE_AS_TEXT(loaded.source, DataSource::Csv);
        QCOMPARE(loaded.bars.size(), series.bars.size());
        for (std::size_t i = 0; i < series.bars.size(); ++i)
            QVERIFY2(loaded.bars[i] == series.bars[i], qPrintable(QString::number(i)));

        const BarSeries window = store.loadBars(QStringLiteral("M&M"), Interval::Daily, QDate(2024, 1, 3), QDate(2024, 1, 5));
        QCOMPARE(window.bars.size(), std::size_t(3));
        QCOMPARE(window.bars.front().session, QDate(2024, 1, 3));
        QCOMPARE(window.bars.back().session, QDate(2024, 1, 5));

        QVERIFY(store.loadBars(QStringLiteral("M&M"), Interval::FiveMinute).empty());
        QVERIFY(store.loadBars(QStringLiteral("../x"), Interval::Daily).empty());
        QCOMPARE(store.lastFinalBarUtc(QStringLiteral("M&M"), Interval::Daily), series.bars[8].utc);
        QVERIFY(!store.lastFinalBarUtc(QStringLiteral("TCS"), Interval::Daily));

        const std::vector<SeriesSummary> summaries = store.summaries();
        QCOMPARE(summaries.size(), std::size_t(1));
        QCOMPARE(summaries[0].symbol, QStringLiteral("M&M"));
        QCOMPARE(summaries[0].rows, std::int64_t(10));
        QCOMPARE(summaries[0].firstFinal, QDate(2024, 1, 1));
        QCOMPARE(summaries[0].lastFinal, QDate(2024, 1, 9));
        QCOMPARE(summaries[0].hasForming, true);
        COMPARE_AS_TEXT(summaries[0].source, DataSource::Csv);
        QCOMPARE(store.symbols(Interval::Daily), std::vector<QString>{QStringLiteral("M&M")});
        QVERIFY(store.symbols(Interval::OneMinute).empty());
    }

    void upsertReplacesBarsAtTheSameTime()
    {
        MarketStore store(storePath());
        store.upsertBars(dailySeries(QStringLiteral("TCS"), 5, 100.0));
        BarSeries update = dailySeries(QStringLiteral("TCS"), 7, 500.0, DataSource::Yahoo);
        update.bars.erase(update.bars.begin(), update.bars.begin() + 3);  // days 3..6
        store.upsertBars(update);

        const BarSeries loaded = store.loadBars(QStringLiteral("TCS"), Interval::Daily);
        QCOMPARE(loaded.bars.size(), std::size_t(7));
        QCOMPARE(loaded.bars[2].close, 102.0);  // untouched
        QCOMPARE(loaded.bars[3].close, 503.0);  // replaced
        QCOMPARE(loaded.bars[6].close, 506.0);  // added
        COMPARE_AS_TEXT(loaded.source, DataSource::Yahoo);  // the latest bar's source
    }

    // DEMO and real bars never share a series: a write that would mix them is refused whole, either way
    // round (real bars appended to a synthetic history made fake moves). A series an older build mixed
    // reads as DEMO: fabricated data never passes as real.
    void demoAndRealBarsNeverShareASeries()
    {
        MarketStore store(storePath());
        store.upsertBars(dailySeries(QStringLiteral("TCS"), 3, 100.0, DataSource::Demo));
        BarSeries real = dailySeries(QStringLiteral("TCS"), 5, 100.0, DataSource::Yahoo);
        real.bars.erase(real.bars.begin(), real.bars.begin() + 3);
        try {
            store.upsertBars(real);
            QFAIL("real bars were written into a DEMO series");
        } catch (const std::runtime_error& error) {
            QVERIFY2(QString::fromUtf8(error.what()).startsWith(QStringLiteral("TCS 1d holds DEMO (synthetic) bars")), error.what());
        }
        QCOMPARE(store.loadBars(QStringLiteral("TCS"), Interval::Daily).size(), std::size_t(3));

        store.upsertBars(dailySeries(QStringLiteral("INFY"), 3, 100.0, DataSource::Csv));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(dailySeries(QStringLiteral("INFY"), 5, 100.0, DataSource::Demo)));
        const BarSeries infy = store.loadBars(QStringLiteral("INFY"), Interval::Daily);
        QCOMPARE(infy.size(), std::size_t(3));
        COMPARE_AS_TEXT(infy.source, DataSource::Csv);

        executeRaw(storePath(), "UPDATE bars SET source = 'yahoo' WHERE symbol = 'TCS' AND utc = "
                                "(SELECT MAX(utc) FROM bars WHERE symbol = 'TCS')");
        COMPARE_AS_TEXT(store.loadBars(QStringLiteral("TCS"), Interval::Daily).source, DataSource::Demo);
        const std::vector<SeriesSummary> summaries = store.summaries();
        const auto tcs = std::find_if(summaries.begin(), summaries.end(), [](const SeriesSummary& summary) {
            return summary.symbol == QLatin1String("TCS");
        });
        QVERIFY(tcs != summaries.end());
        COMPARE_AS_TEXT(tcs->source, DataSource::Demo);
        QCOMPARE(tcs->nonDemoRows, std::int64_t(1));
    }

    void formingDailyBarIsReplacedByTheFinalBar()
    {
        MarketStore store(storePath());
        BarSeries series = dailySeries(QStringLiteral("NIFTY"), 3);
        // Yahoo's mid-session snapshot of day 3: stamped when taken (08:22:29 UTC), not final.
        Bar snapshot = dailyBar(3, 200.0, false);
        snapshot.utc += 4 * 3600 + 37 * 60 + 29;
        series.bars.push_back(snapshot);
        store.upsertBars(series);
        QCOMPARE(store.loadBars(QStringLiteral("NIFTY"), Interval::Daily).bars.size(), std::size_t(4));

        // A later snapshot of the same session replaces the earlier one.
        Bar laterSnapshot = snapshot;
        laterSnapshot.utc += 3600;
        laterSnapshot.close = 201.0;
        store.upsertBars(BarSeries{QStringLiteral("NIFTY"), Interval::Daily, DataSource::Yahoo, {laterSnapshot}});
        BarSeries loaded = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);
        QCOMPARE(loaded.bars.size(), std::size_t(4));
        QCOMPARE(loaded.bars.back().close, 201.0);

        // The settled bar, stamped at the session open, supersedes the snapshot.
        const Bar settled = dailyBar(3, 202.0, true);
        store.upsertBars(BarSeries{QStringLiteral("NIFTY"), Interval::Daily, DataSource::Yahoo, {settled}});
        loaded = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);
        QCOMPARE(loaded.bars.size(), std::size_t(4));
        QVERIFY(loaded.bars.back() == settled);
        QCOMPARE(store.summaries().at(0).hasForming, false);

        // A stale snapshot arriving afterwards does not come back, at its own time or the settled one's.
        Bar staleAtSameTime = settled;
        staleAtSameTime.final = false;
        staleAtSameTime.close = 200.5;
        store.upsertBars(BarSeries{QStringLiteral("NIFTY"), Interval::Daily, DataSource::Yahoo, {staleAtSameTime}});
        store.upsertBars(BarSeries{QStringLiteral("NIFTY"), Interval::Daily, DataSource::Yahoo, {snapshot}});
        loaded = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);
        QCOMPARE(loaded.bars.size(), std::size_t(4));
        QVERIFY(loaded.bars.back() == settled);
    }

    void aSessionStampedDifferentlyByTwoSourcesIsStoredOnce()
    {
        MarketStore store(storePath());
        // Muhurat 2024-11-01: one source stamps it at 09:15 IST, another at its 18:00 IST open.
        const QDate muhurat(2024, 11, 1);
        const auto bar = [&](QTime utcTime, double close) {
            return Bar{QDateTime(muhurat, utcTime, Qt::UTC).toSecsSinceEpoch(), muhurat, close, close, close, close, 1.0, true};
        };
        store.upsertBars(BarSeries{QStringLiteral("NIFTY"), Interval::Daily, DataSource::Yahoo, {bar(QTime(3, 45), 1.0)}});
        store.upsertBars(BarSeries{QStringLiteral("NIFTY"), Interval::Daily, DataSource::Csv, {bar(QTime(12, 30), 2.0)}});
        const BarSeries loaded = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);
        QCOMPARE(loaded.bars.size(), std::size_t(1));
        QVERIFY(loaded.bars[0] == bar(QTime(12, 30), 2.0));  // the latest write wins

        BarSeries twoForOneSession{QStringLiteral("NIFTY"), Interval::Daily, DataSource::Yahoo,
                                   {bar(QTime(3, 45), 1.0), bar(QTime(12, 30), 2.0)}};
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(twoForOneSession));
    }

    void formingIntradayBarIsReplacedByTheFinalBarCoveringIt()
    {
        MarketStore store(storePath());
        const std::int64_t open = kFirstOpenUtc;
        const auto bar = [](std::int64_t utc, double close, bool final) {
            return Bar{utc, QDate(2024, 1, 1), close, close, close, close, 0.0, final};
        };
        BarSeries series{QStringLiteral("NIFTY"), Interval::FiveMinute, DataSource::Yahoo,
                         {bar(open, 1.0, true), bar(open + 300, 2.0, false), bar(open + 300 + 152, 3.0, false)}};
        store.upsertBars(series);
        QCOMPARE(store.loadBars(QStringLiteral("NIFTY"), Interval::FiveMinute).bars.size(), std::size_t(3));

        store.upsertBars(BarSeries{QStringLiteral("NIFTY"), Interval::FiveMinute, DataSource::Yahoo,
                                   {bar(open + 300, 4.0, true), bar(open + 600, 5.0, false)}});
        const BarSeries loaded = store.loadBars(QStringLiteral("NIFTY"), Interval::FiveMinute);
        QCOMPARE(loaded.bars.size(), std::size_t(3));
        QCOMPARE(loaded.bars[1].utc, open + 300);
        QCOMPARE(loaded.bars[1].final, true);
        QCOMPARE(loaded.bars[1].close, 4.0);
        QCOMPARE(loaded.bars[2].utc, open + 600);
        QCOMPARE(loaded.bars[2].final, false);
    }

    void failureMidSeriesRollsBackEverything()
    {
        {
            MarketStore store(storePath());
            store.upsertBars(dailySeries(QStringLiteral("INFY"), 3, 100.0));
        }
        // Make the database itself refuse the 6th bar of the next write, after five were written.
        const std::string trigger = "CREATE TRIGGER refuse_sixth BEFORE INSERT ON bars WHEN NEW.utc = "
                                    + std::to_string(kFirstOpenUtc + 5 * kDay)
                                    + " BEGIN SELECT RAISE(ABORT, 'refused by test'); END;";
        executeRaw(storePath(), trigger.c_str());

        MarketStore store(storePath());
        try {
            store.upsertBars(dailySeries(QStringLiteral("INFY"), 8, 900.0));
            QFAIL("the upsert should have failed");
        } catch (const std::runtime_error& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains(QStringLiteral("refused by test")), qPrintable(message));
            QVERIFY2(message.contains(storePath()), qPrintable(message));
        }
        const BarSeries loaded = store.loadBars(QStringLiteral("INFY"), Interval::Daily);
        QCOMPARE(loaded.bars.size(), std::size_t(3));
        QCOMPARE(loaded.bars[0].close, 100.0);  // the replaced rows came back too
        // The connection is still usable after the rollback.
        store.upsertBars(dailySeries(QStringLiteral("INFY"), 5, 700.0));
        QCOMPARE(store.loadBars(QStringLiteral("INFY"), Interval::Daily).bars.size(), std::size_t(5));
    }

    void invalidInputIsRejectedBeforeWriting()
    {
        MarketStore store(storePath());
        store.upsertBars(dailySeries(QStringLiteral("SBIN"), 2));

        BarSeries withNaN = dailySeries(QStringLiteral("SBIN"), 4, 300.0);
        withNaN.bars[3].high = std::numeric_limits<double>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(withNaN));

        BarSeries withInfinity = dailySeries(QStringLiteral("SBIN"), 4, 300.0);
        withInfinity.bars[1].volume = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(withInfinity));

        // Whatever the path (import, fetch, DEMO), a bar no market trades is never stored.
        BarSeries zeroClose = dailySeries(QStringLiteral("SBIN"), 4, 300.0);
        zeroClose.bars[2].close = 0.0;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(zeroClose));
        BarSeries absurd = dailySeries(QStringLiteral("SBIN"), 4, 300.0);
        absurd.bars[2].high = 1e300;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(absurd));
        BarSeries subTick = dailySeries(QStringLiteral("SBIN"), 4, 300.0);
        subTick.bars[2].open = subTick.bars[2].high = subTick.bars[2].low = subTick.bars[2].close = 1e-40;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(subTick));
        BarSeries closeAboveHigh = dailySeries(QStringLiteral("SBIN"), 4, 300.0);
        closeAboveHigh.bars[2].close = closeAboveHigh.bars[2].high + 0.05;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(closeAboveHigh));

        BarSeries unsorted = dailySeries(QStringLiteral("SBIN"), 4, 300.0);
        std::swap(unsorted.bars[1], unsorted.bars[2]);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(unsorted));

        for (const char* hostile : {"../x", "A;B", "", "nifty'--"}) {
            BarSeries series = dailySeries(QString::fromLatin1(hostile), 1);
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(series));
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.deleteSeries(QStringLiteral("A;B"), Interval::Daily));

        const BarSeries loaded = store.loadBars(QStringLiteral("SBIN"), Interval::Daily);
        QCOMPARE(loaded.bars.size(), std::size_t(2));
        QCOMPARE(loaded.bars[1].close, 101.0);
    }

    void deleteSeriesRemovesOnlyThatSeries()
    {
        MarketStore store(storePath());
        store.upsertBars(dailySeries(QStringLiteral("ITC"), 3));
        store.upsertBars(dailySeries(QStringLiteral("LT"), 3));
        store.deleteSeries(QStringLiteral("ITC"), Interval::Daily);
        QVERIFY(store.loadBars(QStringLiteral("ITC"), Interval::Daily).empty());
        QCOMPARE(store.loadBars(QStringLiteral("LT"), Interval::Daily).bars.size(), std::size_t(3));
    }

    // A value derived from the daily bars is returned only while no daily bar has been written since.
    void derivedCacheLastsUntilDailyBarsChange()
    {
        MarketStore store(storePath());
        store.upsertBars(dailySeries(QStringLiteral("ITC"), 3));
        const std::int64_t version = store.dailyBarsVersion();
        QVERIFY(!store.cachedDerived(QStringLiteral("breadth"), version));
        store.cacheDerived(QStringLiteral("breadth"), version, QStringLiteral("payload 1"));
        QCOMPARE(*store.cachedDerived(QStringLiteral("breadth"), version), QStringLiteral("payload 1"));
        QVERIFY(!store.cachedDerived(QStringLiteral("other"), version));

        // Intraday bars and option chains leave it valid; daily bars and a deleted daily series do not.
        BarSeries intraday = dailySeries(QStringLiteral("ITC"), 2);
        intraday.interval = Interval::FiveMinute;
        store.upsertBars(intraday);
        store.saveOptionChain(sampleChain(1764300000, 26200.0));
        QCOMPARE(store.dailyBarsVersion(), version);
        store.upsertBars(dailySeries(QStringLiteral("LT"), 3));
        const std::int64_t afterUpsert = store.dailyBarsVersion();
        QVERIFY(afterUpsert != version);
        QVERIFY(!store.cachedDerived(QStringLiteral("breadth"), afterUpsert));
        store.cacheDerived(QStringLiteral("breadth"), afterUpsert, QStringLiteral("payload 2"));
        QCOMPARE(*store.cachedDerived(QStringLiteral("breadth"), afterUpsert), QStringLiteral("payload 2"));
        QVERIFY(!store.cachedDerived(QStringLiteral("breadth"), version));
        store.deleteSeries(QStringLiteral("LT"), Interval::Daily);
        QVERIFY(store.dailyBarsVersion() != afterUpsert);

        // Another connection (another process) sees the same version.
        const std::int64_t now = store.dailyBarsVersion();
        const MarketStore reopened(storePath());
        QCOMPARE(reopened.dailyBarsVersion(), now);
    }

    void migratesAVersionOneFile()
    {
        // The version-1 layout exactly as released: bars and the fetch log, no option chains.
        executeRaw(storePath(), R"sql(
            CREATE TABLE bars (symbol TEXT NOT NULL, interval TEXT NOT NULL, utc INTEGER NOT NULL,
                session TEXT NOT NULL, open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL,
                close REAL NOT NULL, volume REAL NOT NULL, final INTEGER NOT NULL, source TEXT NOT NULL,
                PRIMARY KEY (symbol, interval, utc)) WITHOUT ROWID;
            CREATE TABLE fetch_log (id INTEGER PRIMARY KEY, source TEXT NOT NULL, symbol TEXT NOT NULL,
                interval TEXT NOT NULL, at_utc_ms INTEGER NOT NULL, outcome TEXT NOT NULL, message TEXT NOT NULL);
            INSERT INTO bars VALUES ('NIFTY', '1d', 1606794300, '2020-12-01', 13062.2, 13128.4, 12962.8, 13109.05,
                583600, 1, 'csv');
            INSERT INTO fetch_log VALUES (1, 'csv', 'NIFTY', '1d', 1700000000000, 'success', '1 bar');
            PRAGMA user_version = 1;
        )sql");

        MarketStore store(storePath());
        QCOMPARE(store.openReport().schemaVersion, 3);
        QCOMPARE(store.openReport().recovered, false);
        const BarSeries nifty = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);
        QCOMPARE(nifty.bars.size(), std::size_t(1));
        QCOMPARE(nifty.bars[0].session, QDate(2020, 12, 1));
        QCOMPARE(nifty.bars[0].close, 13109.05);
        const std::optional<FetchLogEntry> fetch = store.lastFetch(QStringLiteral("NIFTY"), Interval::Daily);
        QVERIFY(fetch);
        QCOMPARE(fetch->message, QStringLiteral("1 bar"));
        // Version 2 brought the option-chain tables, version 3 the derived-value cache.
        store.saveOptionChain(sampleChain(1764300000, 26200.0));
        QVERIFY(store.latestOptionChain(QStringLiteral("NIFTY")));
        QCOMPARE(store.dailyBarsVersion(), std::int64_t(0));
        store.cacheDerived(QStringLiteral("k"), 0, QStringLiteral("v"));
        QCOMPARE(store.cachedDerived(QStringLiteral("k"), 0).value_or(QString()), QStringLiteral("v"));
    }

    void refusesAFileFromANewerBuild()
    {
        { MarketStore store(storePath()); }
        executeRaw(storePath(), "PRAGMA user_version = 99");
        const QByteArray before = readAll(storePath());
        try {
            MarketStore store(storePath());
            QFAIL("opening a newer store should fail");
        } catch (const std::runtime_error& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("schema version 99")), error.what());
        }
        QCOMPARE(readAll(storePath()), before);
        QCOMPARE(QDir(dir_.path()).entryList({QStringLiteral("*.corrupt-*")}).size(), 0);
    }

    void fileThatIsNotADatabaseIsMovedAside()
    {
        const QByteArray garbage = QByteArray("this is not a database, just text the user dropped here\n").repeated(200);
        writeAll(storePath(), garbage);

        MarketStore store(storePath());
        const StoreOpenReport& report = store.openReport();
        QVERIFY(report.recovered);
        QVERIFY2(report.reason.contains(QStringLiteral("not a database")), qPrintable(report.reason));
        QVERIFY2(report.movedAsidePath.startsWith(storePath() + QStringLiteral(".corrupt-")), qPrintable(report.movedAsidePath));
        QVERIFY(report.movedAsidePath.endsWith(QLatin1Char('Z')));
        QCOMPARE(readAll(report.movedAsidePath), garbage);
        QCOMPARE(report.schemaVersion, 3);
        const QString message = recoveryMessage(report);
        QVERIFY2(message.contains(report.movedAsidePath) && message.contains(QStringLiteral("nothing was deleted")),
                 qPrintable(message));

        store.upsertBars(dailySeries(QStringLiteral("TCS"), 4));
        QCOMPARE(store.loadBars(QStringLiteral("TCS"), Interval::Daily).bars.size(), std::size_t(4));
    }

    void truncatedDatabaseIsMovedAsideWithItsCompanions()
    {
        {
            MarketStore store(storePath());
            for (int s = 0; s < 20; ++s)
                store.upsertBars(dailySeries(QStringLiteral("S%1").arg(s), 400));
        }
        QVERIFY(!QFile::exists(storePath() + QStringLiteral("-wal")));  // checkpointed on close
        const QByteArray whole = readAll(storePath());
        QVERIFY(whole.size() > 64 * 1024);
        const QByteArray truncated = whole.left(whole.size() / 2);
        writeAll(storePath(), truncated);
        const QByteArray strayWal("stray write-ahead log");
        writeAll(storePath() + QStringLiteral("-wal"), strayWal);

        MarketStore store(storePath());
        const StoreOpenReport& report = store.openReport();
        QVERIFY2(report.recovered, qPrintable(report.reason));
        QVERIFY(!report.reason.isEmpty());
        QCOMPARE(readAll(report.movedAsidePath), truncated);
        QCOMPARE(readAll(report.movedAsidePath + QStringLiteral("-wal")), strayWal);
        QVERIFY(store.summaries().empty());
        store.upsertBars(dailySeries(QStringLiteral("TCS"), 4));
        QCOMPARE(store.summaries().size(), std::size_t(1));
    }

    // A file this program closed and nothing touched since opens without quick_check (it reads every
    // page); one changed since, by size, time or a pending log, is checked again, and damage found.
    void onlyAFileChangedSinceItsCloseIsCheckedAgain()
    {
        {
            MarketStore store(storePath());
            QVERIFY(store.openReport().integrityChecked);
            for (int s = 0; s < 20; ++s)
                store.upsertBars(dailySeries(QStringLiteral("S%1").arg(s), 400));
        }
        {
            MarketStore store(storePath());
            QVERIFY(!store.openReport().integrityChecked);
            QVERIFY(!store.openReport().recovered);
            QCOMPARE(store.loadBars(QStringLiteral("S7"), Interval::Daily).bars.size(), std::size_t(400));
        }
        // Another tool's write-ahead log waiting to be applied.
        writeAll(storePath() + QStringLiteral("-wal"), QByteArray());
        {
            MarketStore store(storePath());
            QVERIFY(!store.openReport().integrityChecked);  // an empty log holds nothing
        }

        // Pages overwritten in place: same size; the time moved on (by more than the filesystem's
        // timestamp granularity, which the stamp cannot see within).
        QByteArray bytes = readAll(storePath());
        const qsizetype middle = (bytes.size() / 2 / 4096) * 4096;
        for (qsizetype i = middle; i < middle + 3 * 4096; ++i)
            bytes[i] = char(0xA5 ^ (i & 0xFF));
        writeAll(storePath(), bytes);
        QFile file(storePath());
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(5), QFileDevice::FileModificationTime));
        file.close();
        MarketStore store(storePath());
        QVERIFY(store.openReport().integrityChecked);
        QVERIFY2(store.openReport().recovered, qPrintable(store.openReport().reason));
        QCOMPARE(readAll(store.openReport().movedAsidePath), bytes);
    }

    void twoDamagedFilesInTheSameSecondBothSurvive()
    {
        writeAll(storePath(), QByteArray("first garbage").repeated(100));
        QString firstAside;
        { MarketStore store(storePath()); firstAside = store.openReport().movedAsidePath; }
        QFile::remove(storePath());
        writeAll(storePath(), QByteArray("second garbage").repeated(100));
        MarketStore store(storePath());
        QVERIFY(store.openReport().recovered);
        QVERIFY(store.openReport().movedAsidePath != firstAside);
        QCOMPARE(readAll(firstAside), QByteArray("first garbage").repeated(100));
        QCOMPARE(readAll(store.openReport().movedAsidePath), QByteArray("second garbage").repeated(100));
    }

    void optionChainRoundTripAndLatest()
    {
        MarketStore store(storePath());
        QVERIFY(!store.latestOptionChain(QStringLiteral("NIFTY")));
        const OptionChain older = sampleChain(1764300000, 26100.0);
        const OptionChain newer = sampleChain(1764300300, 26150.5);
        store.saveOptionChain(newer);
        store.saveOptionChain(older);
        store.saveOptionChain(newer);  // same snapshot again: replaced, not duplicated

        const std::optional<OptionChain> loaded = store.latestOptionChain(QStringLiteral("NIFTY"));
        QVERIFY(loaded);
        QCOMPARE(loaded->takenAtUtc, newer.takenAtUtc);
        QCOMPARE(loaded->underlyingValue, 26150.5);
        COMPARE_AS_TEXT(loaded->source, DataSource::Nse);
        QCOMPARE(loaded->expiries, newer.expiries);
        QCOMPARE(loaded->strikes.size(), std::size_t(2));
        QCOMPARE(loaded->strikes[0].strike, 26000.0);
        QCOMPARE(loaded->strikes[0].expiry, QDate(2025, 12, 2));
        QVERIFY(loaded->strikes[0].call && loaded->strikes[0].put);
        QCOMPARE(loaded->strikes[0].call->changeInOpenInterest, -500.0);
        QCOMPARE(loaded->strikes[0].put->impliedVolatility, 12.25);
        QCOMPARE(loaded->strikes[0].put->askPrice, 96.0);
        QVERIFY(loaded->strikes[1].call);
        QVERIFY(!loaded->strikes[1].put);

        OptionChain hostile = newer;
        hostile.symbol = QStringLiteral("A;B");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.saveOptionChain(hostile));
        OptionChain withNaN = newer;
        withNaN.strikes[0].call->impliedVolatility = std::nan("");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.saveOptionChain(withNaN));
    }

    void pruneKeepsTheNewestSnapshotsOnly()
    {
        MarketStore store(storePath());
        const OptionChain oldest = sampleChain(1764300000, 26100.0);
        const OptionChain middle = sampleChain(1764300300, 26120.0);
        OptionChain newest = sampleChain(1764300600, 26150.5);
        newest.source = DataSource::Demo;
        // Saved out of time order: "newest" means taken last, not saved last.
        store.saveOptionChain(middle);
        store.saveOptionChain(newest);
        store.saveOptionChain(oldest);
        OptionChain otherSymbol = sampleChain(1764300000, 54000.0);
        otherSymbol.symbol = QStringLiteral("BANKNIFTY");
        store.saveOptionChain(otherSymbol);
        const std::optional<OptionChain> before = store.latestOptionChain(QStringLiteral("NIFTY"));
        QVERIFY(before);

        QCOMPARE(store.pruneOptionChains(QStringLiteral("NIFTY"), 1), 2);
        QCOMPARE(queryRawInt(storePath(), "SELECT COUNT(*) FROM option_snapshots WHERE symbol = 'NIFTY'"), 1);
        QCOMPARE(queryRawInt(storePath(), "SELECT taken_at_utc FROM option_snapshots WHERE symbol = 'NIFTY'"),
                 newest.takenAtUtc);
        // The pruned snapshots' strike rows went with them; the kept and the other symbol's stay.
        QCOMPARE(queryRawInt(storePath(), "SELECT COUNT(*) FROM option_rows"), 4);
        QCOMPARE(queryRawInt(storePath(), "SELECT COUNT(*) FROM option_rows WHERE snapshot_id NOT IN "
                                          "(SELECT id FROM option_snapshots)"),
                 0);

        const std::optional<OptionChain> after = store.latestOptionChain(QStringLiteral("NIFTY"));
        QVERIFY(after);
        QCOMPARE(after->takenAtUtc, before->takenAtUtc);
        QCOMPARE(after->underlyingValue, 26150.5);
        COMPARE_AS_TEXT(after->source, DataSource::Demo);
        QCOMPARE(after->expiries, before->expiries);
        QCOMPARE(after->strikes.size(), before->strikes.size());
        for (std::size_t i = 0; i < after->strikes.size(); ++i) {
            QCOMPARE(after->strikes[i].strike, before->strikes[i].strike);
            QCOMPARE(after->strikes[i].expiry, before->strikes[i].expiry);
            QVERIFY(sameQuote(after->strikes[i].call, before->strikes[i].call));
            QVERIFY(sameQuote(after->strikes[i].put, before->strikes[i].put));
        }
        QCOMPARE(store.latestOptionChain(QStringLiteral("BANKNIFTY"))->underlyingValue, 54000.0);

        QCOMPARE(store.pruneOptionChains(QStringLiteral("NIFTY"), 1), 0);  // nothing more to prune
        QCOMPARE(store.pruneOptionChains(QStringLiteral("NIFTY"), 5), 0);
        QCOMPARE(store.pruneOptionChains(QStringLiteral("NIFTY"), 0), 1);  // 0 keeps none
        QVERIFY(!store.latestOptionChain(QStringLiteral("NIFTY")));
        QCOMPARE(queryRawInt(storePath(), "SELECT COUNT(*) FROM option_rows"), 2);
    }

    void pruneRejectsInvalidArgumentsWithAClearMessage()
    {
        MarketStore store(storePath());
        store.saveOptionChain(sampleChain(1764300000, 26100.0));
        const auto messageOf = [&](const QString& symbol, int keep) {
            try {
                store.pruneOptionChains(symbol, keep);
            } catch (const std::invalid_argument& error) {
                return QString::fromUtf8(error.what());
            }
            return QString();
        };
        const QString negative = messageOf(QStringLiteral("NIFTY"), -1);
        QVERIFY2(negative.contains(QStringLiteral("0 or more, not -1")), qPrintable(negative));
        const QString hostile = messageOf(QStringLiteral("A;B"), 1);
        QVERIFY2(hostile.contains(QStringLiteral("invalid symbol 'A;B'")), qPrintable(hostile));
        QVERIFY(store.latestOptionChain(QStringLiteral("NIFTY")));  // nothing was touched
    }

    void writeBatchIsAllOrNothing()
    {
        MarketStore store(storePath());
        store.upsertBars(dailySeries(QStringLiteral("INFY"), 3, 100.0));
        store.saveOptionChain(sampleChain(1764300000, 26100.0));

        QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.writeBatch([&] {
            store.deleteSeries(QStringLiteral("INFY"), Interval::Daily);
            store.upsertBars(dailySeries(QStringLiteral("TCS"), 4, 300.0));
            store.pruneOptionChains(QStringLiteral("NIFTY"), 0);
            // A failing call inside the batch undoes only itself; the batch decides on the rest.
            BarSeries withNaN = dailySeries(QStringLiteral("WIPRO"), 2, 50.0);
            withNaN.bars[1].close = std::numeric_limits<double>::quiet_NaN();
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, store.upsertBars(withNaN));
            // Mid-batch reads see the batch's own writes, the chain read included.
            QVERIFY(!store.latestOptionChain(QStringLiteral("NIFTY")));
            QCOMPARE(store.symbols(Interval::Daily), std::vector<QString>{QStringLiteral("TCS")});
            throw std::runtime_error("cancelled by test");
        }));
        QCOMPARE(store.loadBars(QStringLiteral("INFY"), Interval::Daily).bars.size(), std::size_t(3));
        QVERIFY(store.loadBars(QStringLiteral("TCS"), Interval::Daily).empty());
        QVERIFY(store.latestOptionChain(QStringLiteral("NIFTY")));

        store.writeBatch([&] {
            store.upsertBars(dailySeries(QStringLiteral("TCS"), 4, 300.0));
            store.writeBatch([&] { store.deleteSeries(QStringLiteral("INFY"), Interval::Daily); });
        });
        QCOMPARE(store.symbols(Interval::Daily), std::vector<QString>{QStringLiteral("TCS")});
        // A second connection sees the committed batch.
        MarketStore reader(storePath());
        QCOMPARE(reader.loadBars(QStringLiteral("TCS"), Interval::Daily).bars.size(), std::size_t(4));
    }

    void fetchLogKeepsTheMostRecentFirst()
    {
        MarketStore store(storePath());
        const QDateTime t0(QDate(2025, 11, 28), QTime(10, 0), Qt::UTC);
        store.logFetch({QStringLiteral("yahoo"), QStringLiteral("NIFTY"), Interval::Daily, t0, FetchOutcome::Success,
                        QStringLiteral("42 bars")});
        store.logFetch({QStringLiteral("yahoo"), QStringLiteral("NIFTY"), Interval::FiveMinute, t0.addSecs(60),
                        FetchOutcome::Failed, QStringLiteral("HTTP 429")});
        store.logFetch({QStringLiteral("yahoo"), QStringLiteral("NIFTY"), Interval::Daily, t0.addSecs(120),
                        FetchOutcome::NotModified, QString()});

        const std::vector<FetchLogEntry> log = store.fetchLog(QStringLiteral("NIFTY"));
        QCOMPARE(log.size(), std::size_t(3));
        QCOMPARE(log[0].outcome, FetchOutcome::NotModified);
        QCOMPARE(log[1].message, QStringLiteral("HTTP 429"));
        COMPARE_AS_TEXT(log[1].interval, Interval::FiveMinute);
        QCOMPARE(log[2].atUtc, t0);
        QCOMPARE(store.fetchLog(QStringLiteral("NIFTY"), 1).size(), std::size_t(1));

        const std::optional<FetchLogEntry> last5m = store.lastFetch(QStringLiteral("NIFTY"), Interval::FiveMinute);
        QVERIFY(last5m);
        QCOMPARE(last5m->outcome, FetchOutcome::Failed);
        QVERIFY(!store.lastFetch(QStringLiteral("TCS"), Interval::Daily));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 store.logFetch({QStringLiteral("yahoo"), QStringLiteral("../x"), Interval::Daily, t0,
                                                 FetchOutcome::Success, QString()}));
    }

    void readerSeesWholeSeriesWhileAWriterUpserts()
    {
        constexpr int kBars = 1000;
        constexpr int kGenerations = 40;
        { MarketStore create(storePath()); create.upsertBars(dailySeries(QStringLiteral("NIFTY"), kBars, 1000.0)); }

        std::atomic<bool> writerDone{false};
        std::string writerError;
        std::thread writer([&] {
            try {
                MarketStore store(storePath());
                for (int generation = 1; generation <= kGenerations; ++generation) {
                    BarSeries series = dailySeries(QStringLiteral("NIFTY"), kBars);
                    for (Bar& bar : series.bars)
                        bar.open = bar.high = bar.low = bar.close = generation;
                    store.upsertBars(series);
                }
            } catch (const std::exception& error) {
                writerError = error.what();
            }
            writerDone = true;
        });

        int reads = 0;
        int inconsistent = 0;
        double lastGeneration = 0.0;
        bool wentBackwards = false;
        std::string readerError;
        std::thread reader([&] {
            try {
                MarketStore store(storePath());
                while (!writerDone || reads == 0) {
                    const BarSeries series = store.loadBars(QStringLiteral("NIFTY"), Interval::Daily);
                    ++reads;
                    if (series.bars.size() != std::size_t(kBars)) {
                        ++inconsistent;
                        continue;
                    }
                    const double generation = series.bars.front().close == 1000.0 ? 0.0 : series.bars.back().close;
                    for (const Bar& bar : series.bars) {
                        // Generation 0 has close = 1000 + index; later ones have every close = generation.
                        if (generation != 0.0 && bar.close != generation)
                            ++inconsistent;
                    }
                    wentBackwards = wentBackwards || generation < lastGeneration;
                    lastGeneration = generation;
                }
            } catch (const std::exception& error) {
                readerError = error.what();
            }
        });
        writer.join();
        reader.join();
        QVERIFY2(writerError.empty(), writerError.c_str());
        QVERIFY2(readerError.empty(), readerError.c_str());
        QVERIFY(reads > 0);
        QCOMPARE(inconsistent, 0);
        QVERIFY(!wentBackwards);
        MarketStore after(storePath());
        QCOMPARE(after.loadBars(QStringLiteral("NIFTY"), Interval::Daily).bars.back().close, double(kGenerations));
        qInfo("reader took %d consistent snapshots while the writer committed %d series", reads, kGenerations);
    }
};

QTEST_GUILESS_MAIN(MarketStoreTest)
#include "test_data_store.moc"
