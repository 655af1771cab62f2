#include "data/store/market_store.h"

#include "data/core/symbol.h"
#include "data/store/integrity_stamp.h"
#include "data/store/sqlite_connection.h"
#include "data/store/store_recovery.h"
#include "data/store/store_schema.h"

#include <sqlite3.h>

#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <stdexcept>
#include <string>

namespace aegis::data {

namespace {

using sqlite::Connection;
using sqlite::StatementScope;
using sqlite::Transaction;

// Long enough for a writer to commit one series (or a whole import file) while a reader waits.
constexpr int kBusyTimeoutMs = 10000;

// The file opened but is not usable: SQLite's quick_check found damage.
class DamagedStore : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws DamagedStore, or sqlite::Error whose meansCorruptFile() says whether the file is damaged.
// `checkIntegrity` false skips quick_check for a file this program closed and nothing changed since
// (integrity_stamp.h); the header is read either way.
void configureAndCheck(Connection& connection, bool checkIntegrity)
{
    sqlite3_busy_timeout(connection.handle(), kBusyTimeoutMs);
    // The first statements read the file header: a file that is not a database fails here with
    // SQLITE_NOTADB, which the caller treats as damage.
    connection.queryText("PRAGMA journal_mode = WAL");
    connection.execute("PRAGMA synchronous = NORMAL");
    if (!checkIntegrity)
        return;
    const QString check = connection.queryText("PRAGMA quick_check");
    if (check != QLatin1String("ok"))
        throw DamagedStore("integrity check failed: " + check.toStdString());
}

// Closing normally would checkpoint the write-ahead log into the damaged file and delete the log:
// both would change the bytes that are about to be kept aside for the user.
void closeWithoutTouchingTheFiles(std::unique_ptr<Connection>& connection)
{
    if (connection)
        sqlite3_db_config(connection->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    connection.reset();
}

std::string context(const QString& symbol, Interval interval)
{
    return symbol.toStdString() + " " + toString(interval).toStdString();
}

void requireValidSymbol(const QString& symbol, const char* operation)
{
    if (!isValidSymbol(symbol))
        throw std::runtime_error(std::string("market store: ") + operation + ": invalid symbol '" + symbol.toStdString()
                                 + "'");
}

void requireFinite(double value, const char* what, const std::string& where)
{
    if (!std::isfinite(value))
        throw std::runtime_error("market store: " + where + ": " + what + " is not a finite number");
}

QString isoDate(QDate date)
{
    return date.toString(Qt::ISODate);
}

// Session dates are stored as "YYYY-MM-DD"; parsing them by hand keeps loading a long series fast.
QDate parseIsoDate(const char* text, int length)
{
    if (length != 10 || text[4] != '-' || text[7] != '-')
        return {};
    const auto digits = [text](int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; ++i)
            value = value * 10 + (text[i] - '0');
        return value;
    };
    return QDate(digits(0, 4), digits(5, 2), digits(8, 2));
}

QString outcomeText(FetchOutcome outcome)
{
    switch (outcome) {
    case FetchOutcome::Success: return QStringLiteral("success");
    case FetchOutcome::NotModified: return QStringLiteral("not-modified");
    case FetchOutcome::Failed: return QStringLiteral("failed");
    }
    return {};
}

FetchOutcome outcomeFromText(const QString& text)
{
    if (text == QLatin1String("success"))
        return FetchOutcome::Success;
    if (text == QLatin1String("not-modified"))
        return FetchOutcome::NotModified;
    return FetchOutcome::Failed;
}

// A series mixing DEMO bars with real ones is labelled DEMO: fabricated data must never pass as real.
DataSource seriesSource(bool anyDemo, const QString& latestSource)
{
    if (anyDemo)
        return DataSource::Demo;
    return dataSourceFromString(latestSource).value_or(DataSource::Csv);
}

void validateSeries(const BarSeries& series)
{
    requireValidSymbol(series.symbol, "upserting bars");
    const std::string where = context(series.symbol, series.interval);
    for (std::size_t i = 0; i < series.bars.size(); ++i) {
        const Bar& bar = series.bars[i];
        const std::string at = where + " bar " + std::to_string(i) + " (utc " + std::to_string(bar.utc) + ")";
        if (!bar.session.isValid())
            throw std::runtime_error("market store: " + at + ": session date is missing");
        requireFinite(bar.open, "open", at);
        requireFinite(bar.high, "high", at);
        requireFinite(bar.low, "low", at);
        requireFinite(bar.close, "close", at);
        requireFinite(bar.volume, "volume", at);
        if (const std::optional<QString> reason = implausibleBarReason(bar))
            throw std::runtime_error("market store: " + at + ": " + reason->toStdString());
        if (i > 0 && bar.utc <= series.bars[i - 1].utc)
            throw std::runtime_error("market store: " + at + ": bars are not in strictly ascending time order");
        if (i > 0 && series.interval == Interval::Daily && bar.session == series.bars[i - 1].session)
            throw std::runtime_error("market store: " + at + ": a second daily bar for session "
                                     + isoDate(bar.session).toStdString());
    }
}

}  // namespace

QString recoveryMessage(const StoreOpenReport& report)
{
    if (!report.recovered)
        return {};
    return QStringLiteral("the market store was damaged (%1); it was moved aside to %2 (nothing was deleted) "
                          "and a new, empty store was created")
        .arg(report.reason, report.movedAsidePath);
}

struct MarketStore::Impl {
    QString path;
    StoreOpenReport report;
    std::unique_ptr<Connection> connection;

    Connection& db() const { return *connection; }
    void insertBar(const BarSeries& series, const Bar& bar);
    void refuseToMixDemoAndReal(const BarSeries& series) const;
    bool makeRoomForDailyBar(const QString& symbol, const Bar& bar);
    void removeSupersededIntradaySnapshots(const QString& symbol, Interval interval);
    std::vector<FetchLogEntry> readFetchLog(StatementScope& statement) const;
    void dailyBarsChanged();
};

void MarketStore::Impl::dailyBarsChanged()
{
    db().execute("UPDATE store_state SET daily_bars_version = daily_bars_version + 1 WHERE id = 1");
}

MarketStore::MarketStore(const QString& path) : impl_(std::make_unique<Impl>())
{
    impl_->path = QFileInfo(path).absoluteFilePath();
    const QString directory = QFileInfo(impl_->path).absolutePath();
    if (!QDir().mkpath(directory))
        throw std::runtime_error("market store: cannot create directory " + directory.toStdString());

    impl_->report.integrityChecked = !integrity_stamp::matches(impl_->path);
    try {
        impl_->connection = std::make_unique<Connection>(impl_->path);
        configureAndCheck(*impl_->connection, impl_->report.integrityChecked);
        store_schema::migrate(*impl_->connection);
    } catch (const DamagedStore& damage) {
        impl_->report.reason = QString::fromStdString(damage.what());
    } catch (const sqlite::Error& error) {
        if (!error.meansCorruptFile())
            throw;
        impl_->report.reason = QString::fromStdString(error.what());
    }

    if (!impl_->report.reason.isEmpty()) {
        closeWithoutTouchingTheFiles(impl_->connection);
        impl_->report.recovered = true;
        impl_->report.movedAsidePath = store_recovery::moveAside(impl_->path, QDateTime::currentDateTimeUtc());
        impl_->connection = std::make_unique<Connection>(impl_->path);
        impl_->report.integrityChecked = true;
        configureAndCheck(*impl_->connection, true);
        store_schema::migrate(*impl_->connection);
    }
    impl_->report.schemaVersion = int(impl_->connection->queryInt("PRAGMA user_version"));
}

MarketStore::~MarketStore()
{
    // Closing checkpoints the log into the file (when no other connection has it open): the file is
    // then as this program left it, which the next open need not check again.
    impl_->connection.reset();
    integrity_stamp::record(impl_->path);
}

const StoreOpenReport& MarketStore::openReport() const
{
    return impl_->report;
}

QString MarketStore::path() const
{
    return impl_->path;
}

void MarketStore::upsertBars(const BarSeries& series)
{
    validateSeries(series);
    Transaction transaction(impl_->db());
    impl_->refuseToMixDemoAndReal(series);
    for (const Bar& bar : series.bars) {
        if (series.interval == Interval::Daily && !impl_->makeRoomForDailyBar(series.symbol, bar))
            continue;
        impl_->insertBar(series, bar);
    }
    if (series.interval != Interval::Daily)
        impl_->removeSupersededIntradaySnapshots(series.symbol, series.interval);
    else
        impl_->dailyBarsChanged();
    transaction.commit();
}

void MarketStore::Impl::refuseToMixDemoAndReal(const BarSeries& series) const
{
    if (series.bars.empty())
        return;
    const bool writingDemo = series.source == DataSource::Demo;
    StatementScope other = db().cached(
        "SELECT 1 FROM bars WHERE symbol = ?1 AND interval = ?2 AND (source = 'demo') <> ?3 LIMIT 1");
    other->bind(1, series.symbol);
    other->bind(2, toString(series.interval));
    other->bind(3, writingDemo ? 1 : 0);
    if (!other->step())
        return;
    const QString where = series.symbol + QLatin1Char(' ') + toString(series.interval);
    throw std::runtime_error(
        (writingDemo ? QStringLiteral("%1 holds real bars: DEMO (synthetic) bars are never mixed into them; use a data "
                                      "directory of its own for the DEMO market")
                     : QStringLiteral("%1 holds DEMO (synthetic) bars: real ones are never mixed into them; put real data "
                                      "in a data directory of its own, whose store starts empty"))
            .arg(where)
            .toStdString());
}

// A final bar is never overwritten by a forming one at the same timestamp: the final one is the
// settled record, the forming one only a snapshot of it.
void MarketStore::Impl::insertBar(const BarSeries& series, const Bar& bar)
{
    StatementScope insert = db().cached(
        "INSERT INTO bars (symbol, interval, utc, session, open, high, low, close, volume, final, source) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
        "ON CONFLICT (symbol, interval, utc) DO UPDATE SET session = excluded.session, open = excluded.open, "
        "high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume, "
        "final = excluded.final, source = excluded.source "
        "WHERE excluded.final = 1 OR bars.final = 0");
    insert->bind(1, series.symbol);
    insert->bind(2, toString(series.interval));
    insert->bind(3, bar.utc);
    insert->bind(4, isoDate(bar.session));
    insert->bind(5, bar.open);
    insert->bind(6, bar.high);
    insert->bind(7, bar.low);
    insert->bind(8, bar.close);
    insert->bind(9, bar.volume);
    insert->bind(10, bar.final ? 1 : 0);
    insert->bind(11, toString(series.source));
    insert->run();
}

// A daily series holds one bar per session, but sources stamp the same session differently: Yahoo
// stamps a mid-session snapshot with the moment it was taken (08:22:29 UTC) and the settled bar
// with the open (03:45 UTC), and a Muhurat session may come at 03:45 from one source and at its
// evening open from another. Keeping both would count the session twice. So a final bar replaces
// every other bar of its session; a forming bar replaces other forming bars of its session and is
// dropped when the session already has a final bar. Returns whether `bar` should be written.
// The session's bars are found through the primary key: their `utc` lies within its IST day.
bool MarketStore::Impl::makeRoomForDailyBar(const QString& symbol, const Bar& bar)
{
    constexpr std::int64_t kIstOffsetSeconds = 5 * 3600 + 30 * 60;
    const std::int64_t dayStart =
        QDateTime(bar.session, QTime(0, 0), Qt::UTC).toSecsSinceEpoch() - kIstOffsetSeconds;
    const std::int64_t dayEnd = dayStart + intervalSeconds(Interval::Daily);
    const QString interval = toString(Interval::Daily);
    const QString session = isoDate(bar.session);

    if (!bar.final) {
        StatementScope settled = db().cached(
            "SELECT EXISTS (SELECT 1 FROM bars WHERE symbol = ?1 AND interval = ?2 AND utc >= ?3 AND utc < ?4 "
            "AND session = ?5 AND final = 1)");
        settled->bind(1, symbol);
        settled->bind(2, interval);
        settled->bind(3, dayStart);
        settled->bind(4, dayEnd);
        settled->bind(5, session);
        if (settled->step() && settled->int64At(0) != 0)
            return false;
    }
    StatementScope remove = db().cached(
        "DELETE FROM bars WHERE symbol = ?1 AND interval = ?2 AND utc >= ?3 AND utc < ?4 AND session = ?5 "
        "AND utc <> ?6");
    remove->bind(1, symbol);
    remove->bind(2, interval);
    remove->bind(3, dayStart);
    remove->bind(4, dayEnd);
    remove->bind(5, session);
    remove->bind(6, bar.utc);
    remove->run();
    return true;
}

// Intraday: a final bar replaces the snapshots taken inside its interval [utc, utc + length), e.g.
// Yahoo's 08:22:32 row once the settled 08:20 bar arrives.
void MarketStore::Impl::removeSupersededIntradaySnapshots(const QString& symbol, Interval interval)
{
    StatementScope remove = db().cached(
        "DELETE FROM bars WHERE symbol = ?1 AND interval = ?2 AND final = 0 AND EXISTS ("
        "SELECT 1 FROM bars AS other WHERE other.symbol = ?1 AND other.interval = ?2 AND other.final = 1 "
        "AND other.utc < bars.utc AND other.utc > bars.utc - ?3)");
    remove->bind(1, symbol);
    remove->bind(2, toString(interval));
    remove->bind(3, intervalSeconds(interval));
    remove->run();
}

BarSeries MarketStore::loadBars(const QString& symbol, Interval interval, QDate from, QDate to) const
{
    BarSeries series;
    series.symbol = symbol;
    series.interval = interval;
    series.source = DataSource::Csv;
    if (!isValidSymbol(symbol))
        return series;

    StatementScope select = impl_->db().cached(
        "SELECT utc, session, open, high, low, close, volume, final, source FROM bars "
        "WHERE symbol = ?1 AND interval = ?2 AND session >= ?3 AND session <= ?4 ORDER BY utc");
    select->bind(1, symbol);
    select->bind(2, toString(interval));
    // ISO dates compare as text; these bounds sit below and above every real date.
    select->bind(3, from.isValid() ? isoDate(from) : QStringLiteral("0000-00-00"));
    select->bind(4, to.isValid() ? isoDate(to) : QStringLiteral("9999-99-99"));

    bool anyDemo = false;
    std::string latestSource;
    while (select->step()) {
        Bar bar;
        bar.utc = select->int64At(0);
        int length = 0;
        const char* session = select->rawTextAt(1, &length);
        bar.session = parseIsoDate(session, length);
        bar.open = select->doubleAt(2);
        bar.high = select->doubleAt(3);
        bar.low = select->doubleAt(4);
        bar.close = select->doubleAt(5);
        bar.volume = select->doubleAt(6);
        bar.final = select->int64At(7) != 0;
        const char* source = select->rawTextAt(8, &length);
        latestSource.assign(source, std::size_t(length));
        anyDemo = anyDemo || latestSource == "demo";
        series.bars.push_back(bar);
    }
    if (!series.bars.empty())
        series.source = seriesSource(anyDemo, QString::fromStdString(latestSource));
    return series;
}

std::optional<std::int64_t> MarketStore::lastFinalBarUtc(const QString& symbol, Interval interval) const
{
    StatementScope select =
        impl_->db().cached("SELECT MAX(utc) FROM bars WHERE symbol = ?1 AND interval = ?2 AND final = 1");
    select->bind(1, symbol);
    select->bind(2, toString(interval));
    if (!select->step() || select->isNull(0))
        return std::nullopt;
    return select->int64At(0);
}

std::vector<SeriesSummary> MarketStore::summaries() const
{
    StatementScope select = impl_->db().cached(
        "SELECT symbol, interval, COUNT(*), MIN(CASE WHEN final = 1 THEN session END), "
        "MAX(CASE WHEN final = 1 THEN session END), MIN(final), MAX(source = 'demo'), SUM(source <> 'demo'), "
        "(SELECT latest.source FROM bars AS latest WHERE latest.symbol = bars.symbol "
        " AND latest.interval = bars.interval ORDER BY latest.utc DESC LIMIT 1) "
        "FROM bars GROUP BY symbol, interval ORDER BY symbol, interval");
    std::vector<SeriesSummary> result;
    while (select->step()) {
        const std::optional<Interval> interval = intervalFromString(select->textAt(1));
        if (!interval)
            continue;  // written by a newer build with an interval this one does not know
        SeriesSummary summary;
        summary.symbol = select->textAt(0);
        summary.interval = *interval;
        summary.rows = select->int64At(2);
        int length = 0;
        const char* first = select->rawTextAt(3, &length);
        summary.firstFinal = parseIsoDate(first, length);
        const char* last = select->rawTextAt(4, &length);
        summary.lastFinal = parseIsoDate(last, length);
        summary.hasForming = select->int64At(5) == 0;
        summary.nonDemoRows = select->int64At(7);
        summary.source = seriesSource(select->int64At(6) != 0, select->textAt(8));
        result.push_back(summary);
    }
    return result;
}

bool MarketStore::holdsDemoBars() const
{
    StatementScope select = impl_->db().cached("SELECT EXISTS (SELECT 1 FROM bars WHERE source = 'demo')");
    return select->step() && select->int64At(0) != 0;
}

std::vector<QString> MarketStore::symbols(Interval interval) const
{
    StatementScope select =
        impl_->db().cached("SELECT DISTINCT symbol FROM bars WHERE interval = ?1 ORDER BY symbol");
    select->bind(1, toString(interval));
    std::vector<QString> result;
    while (select->step())
        result.push_back(select->textAt(0));
    return result;
}

void MarketStore::deleteSeries(const QString& symbol, Interval interval)
{
    requireValidSymbol(symbol, "deleting a series");
    Transaction transaction(impl_->db());
    {
        StatementScope remove = impl_->db().cached("DELETE FROM bars WHERE symbol = ?1 AND interval = ?2");
        remove->bind(1, symbol);
        remove->bind(2, toString(interval));
        remove->run();
    }
    if (interval == Interval::Daily)
        impl_->dailyBarsChanged();
    transaction.commit();
}

std::int64_t MarketStore::dailyBarsVersion() const
{
    return impl_->db().queryInt("SELECT daily_bars_version FROM store_state WHERE id = 1");
}

std::optional<QString> MarketStore::cachedDerived(const QString& key, std::int64_t dailyBarsVersion) const
{
    StatementScope select = impl_->db().cached("SELECT payload FROM derived_cache WHERE key = ?1 AND daily_bars_version = ?2");
    select->bind(1, key);
    select->bind(2, dailyBarsVersion);
    if (!select->step())
        return std::nullopt;
    return select->textAt(0);
}

void MarketStore::cacheDerived(const QString& key, std::int64_t dailyBarsVersion, const QString& payload)
{
    StatementScope upsert = impl_->db().cached(
        "INSERT INTO derived_cache (key, daily_bars_version, payload) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (key) DO UPDATE SET daily_bars_version = excluded.daily_bars_version, payload = excluded.payload");
    upsert->bind(1, key);
    upsert->bind(2, dailyBarsVersion);
    upsert->bind(3, payload);
    upsert->run();
}

namespace {

void bindQuote(sqlite::Statement& statement, int firstIndex, const std::optional<OptionQuote>& quote)
{
    if (!quote) {
        for (int i = 0; i < 7; ++i)
            statement.bindNull(firstIndex + i);
        return;
    }
    const double values[] = {quote->openInterest, quote->changeInOpenInterest, quote->totalTradedVolume,
                             quote->impliedVolatility, quote->lastPrice, quote->bidPrice, quote->askPrice};
    for (int i = 0; i < 7; ++i)
        statement.bind(firstIndex + i, values[i]);
}

std::optional<OptionQuote> readQuote(const sqlite::Statement& statement, int firstColumn)
{
    if (statement.isNull(firstColumn))
        return std::nullopt;
    OptionQuote quote;
    quote.openInterest = statement.doubleAt(firstColumn);
    quote.changeInOpenInterest = statement.doubleAt(firstColumn + 1);
    quote.totalTradedVolume = statement.doubleAt(firstColumn + 2);
    quote.impliedVolatility = statement.doubleAt(firstColumn + 3);
    quote.lastPrice = statement.doubleAt(firstColumn + 4);
    quote.bidPrice = statement.doubleAt(firstColumn + 5);
    quote.askPrice = statement.doubleAt(firstColumn + 6);
    return quote;
}

void validateChain(const OptionChain& chain)
{
    requireValidSymbol(chain.symbol, "saving an option chain");
    const std::string where = chain.symbol.toStdString() + " option chain";
    requireFinite(chain.underlyingValue, "underlying value", where);
    for (const OptionStrike& strike : chain.strikes) {
        const std::string at = where + " strike " + std::to_string(strike.strike);
        requireFinite(strike.strike, "strike", where);
        if (!strike.expiry.isValid())
            throw std::runtime_error("market store: " + at + ": expiry is missing");
        for (const auto* quote : {&strike.call, &strike.put}) {
            if (!*quote)
                continue;
            for (double value : {(*quote)->openInterest, (*quote)->changeInOpenInterest, (*quote)->totalTradedVolume,
                                 (*quote)->impliedVolatility, (*quote)->lastPrice, (*quote)->bidPrice,
                                 (*quote)->askPrice})
                requireFinite(value, "quote value", at);
        }
    }
}

}  // namespace

void MarketStore::saveOptionChain(const OptionChain& chain)
{
    validateChain(chain);
    Connection& db = impl_->db();
    QStringList expiries;
    for (QDate expiry : chain.expiries)
        expiries << isoDate(expiry);

    Transaction transaction(db);
    {
        // Saving the same snapshot again replaces it whole.
        StatementScope removeRows = db.cached(
            "DELETE FROM option_rows WHERE snapshot_id IN "
            "(SELECT id FROM option_snapshots WHERE symbol = ?1 AND taken_at_utc = ?2)");
        removeRows->bind(1, chain.symbol);
        removeRows->bind(2, chain.takenAtUtc);
        removeRows->run();
    }
    {
        StatementScope removeSnapshot =
            db.cached("DELETE FROM option_snapshots WHERE symbol = ?1 AND taken_at_utc = ?2");
        removeSnapshot->bind(1, chain.symbol);
        removeSnapshot->bind(2, chain.takenAtUtc);
        removeSnapshot->run();
    }
    {
        StatementScope insertSnapshot = db.cached(
            "INSERT INTO option_snapshots (symbol, taken_at_utc, underlying_value, expiries, source) "
            "VALUES (?1, ?2, ?3, ?4, ?5)");
        insertSnapshot->bind(1, chain.symbol);
        insertSnapshot->bind(2, chain.takenAtUtc);
        insertSnapshot->bind(3, chain.underlyingValue);
        insertSnapshot->bind(4, expiries.join(QLatin1Char(',')));
        insertSnapshot->bind(5, toString(chain.source));
        insertSnapshot->run();
    }
    const std::int64_t snapshotId = sqlite3_last_insert_rowid(db.handle());
    {
        StatementScope insertRow = db.cached(
            "INSERT INTO option_rows (snapshot_id, expiry, strike, call_oi, call_change_oi, call_volume, call_iv, "
            "call_ltp, call_bid, call_ask, put_oi, put_change_oi, put_volume, put_iv, put_ltp, put_bid, put_ask) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
        for (const OptionStrike& strike : chain.strikes) {
            insertRow->bind(1, snapshotId);
            insertRow->bind(2, isoDate(strike.expiry));
            insertRow->bind(3, strike.strike);
            bindQuote(*insertRow, 4, strike.call);
            bindQuote(*insertRow, 11, strike.put);
            insertRow->run();
            insertRow->reset();
        }
    }
    transaction.commit();
}

std::optional<OptionChain> MarketStore::latestOptionChain(const QString& symbol) const
{
    Connection& db = impl_->db();
    // Both reads see one snapshot of the database, even with a writer saving chains meanwhile.
    // Inside a write batch they already do, and a second BEGIN would fail.
    const bool ownReadTransaction = sqlite3_get_autocommit(db.handle()) != 0;
    if (ownReadTransaction)
        db.execute("BEGIN");
    struct EndRead {
        Connection& db;
        bool own;
        ~EndRead()
        {
            if (own)
                sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr);
        }
    } endRead{db, ownReadTransaction};

    OptionChain chain;
    std::int64_t snapshotId = 0;
    {
        StatementScope select = db.cached(
            "SELECT id, taken_at_utc, underlying_value, expiries, source FROM option_snapshots "
            "WHERE symbol = ?1 ORDER BY taken_at_utc DESC LIMIT 1");
        select->bind(1, symbol);
        if (!select->step())
            return std::nullopt;
        snapshotId = select->int64At(0);
        chain.symbol = symbol;
        chain.takenAtUtc = select->int64At(1);
        chain.underlyingValue = select->doubleAt(2);
        const QString expiries = select->textAt(3);
        for (const QString& text : expiries.split(QLatin1Char(','), Qt::SkipEmptyParts))
            chain.expiries.push_back(QDate::fromString(text, Qt::ISODate));
        chain.source = dataSourceFromString(select->textAt(4)).value_or(DataSource::Nse);
    }
    StatementScope rows = db.cached(
        "SELECT expiry, strike, call_oi, call_change_oi, call_volume, call_iv, call_ltp, call_bid, call_ask, "
        "put_oi, put_change_oi, put_volume, put_iv, put_ltp, put_bid, put_ask FROM option_rows "
        "WHERE snapshot_id = ?1 ORDER BY expiry, strike");
    rows->bind(1, snapshotId);
    while (rows->step()) {
        OptionStrike strike;
        int length = 0;
        const char* expiry = rows->rawTextAt(0, &length);
        strike.expiry = parseIsoDate(expiry, length);
        strike.strike = rows->doubleAt(1);
        strike.call = readQuote(*rows, 2);
        strike.put = readQuote(*rows, 9);
        chain.strikes.push_back(strike);
    }
    return chain;
}

int MarketStore::pruneOptionChains(const QString& symbol, int keepNewest)
{
    if (!isValidSymbol(symbol))
        throw std::invalid_argument("market store: pruning option chains: invalid symbol '" + symbol.toStdString()
                                    + "'");
    if (keepNewest < 0)
        throw std::invalid_argument("market store: pruning option chains of " + symbol.toStdString()
                                    + ": the number of snapshots to keep must be 0 or more, not "
                                    + std::to_string(keepNewest));
    Connection& db = impl_->db();
    Transaction transaction(db);
    // LIMIT -1 OFFSET n: every snapshot after the n newest. taken_at_utc is unique per symbol, so
    // "newest" is never a tie.
    {
        StatementScope removeRows = db.cached(
            "DELETE FROM option_rows WHERE snapshot_id IN (SELECT id FROM option_snapshots WHERE symbol = ?1 "
            "ORDER BY taken_at_utc DESC LIMIT -1 OFFSET ?2)");
        removeRows->bind(1, symbol);
        removeRows->bind(2, keepNewest);
        removeRows->run();
    }
    int removed = 0;
    {
        StatementScope removeSnapshots = db.cached(
            "DELETE FROM option_snapshots WHERE id IN (SELECT id FROM option_snapshots WHERE symbol = ?1 "
            "ORDER BY taken_at_utc DESC LIMIT -1 OFFSET ?2)");
        removeSnapshots->bind(1, symbol);
        removeSnapshots->bind(2, keepNewest);
        removeSnapshots->run();
        removed = sqlite3_changes(db.handle());
    }
    transaction.commit();
    return removed;
}

void MarketStore::writeBatch(const std::function<void()>& work)
{
    Transaction transaction(impl_->db());
    work();
    transaction.commit();
}

void MarketStore::logFetch(const FetchLogEntry& entry)
{
    requireValidSymbol(entry.symbol, "logging a fetch");
    StatementScope insert = impl_->db().cached(
        "INSERT INTO fetch_log (source, symbol, interval, at_utc_ms, outcome, message) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert->bind(1, entry.source);
    insert->bind(2, entry.symbol);
    insert->bind(3, toString(entry.interval));
    insert->bind(4, static_cast<std::int64_t>(entry.atUtc.toMSecsSinceEpoch()));
    insert->bind(5, outcomeText(entry.outcome));
    insert->bind(6, entry.message);
    insert->run();
}

std::vector<FetchLogEntry> MarketStore::Impl::readFetchLog(StatementScope& select) const
{
    std::vector<FetchLogEntry> entries;
    while (select->step()) {
        FetchLogEntry entry;
        entry.source = select->textAt(0);
        entry.symbol = select->textAt(1);
        entry.interval = intervalFromString(select->textAt(2)).value_or(Interval::Daily);
        entry.atUtc = QDateTime::fromMSecsSinceEpoch(select->int64At(3), Qt::UTC);
        entry.outcome = outcomeFromText(select->textAt(4));
        entry.message = select->textAt(5);
        entries.push_back(entry);
    }
    return entries;
}

std::vector<FetchLogEntry> MarketStore::fetchLog(const QString& symbol, int limit) const
{
    StatementScope select = impl_->db().cached(
        "SELECT source, symbol, interval, at_utc_ms, outcome, message FROM fetch_log WHERE symbol = ?1 "
        "ORDER BY at_utc_ms DESC, id DESC LIMIT ?2");
    select->bind(1, symbol);
    select->bind(2, limit);
    return impl_->readFetchLog(select);
}

std::optional<FetchLogEntry> MarketStore::lastFetch(const QString& symbol, Interval interval) const
{
    StatementScope select = impl_->db().cached(
        "SELECT source, symbol, interval, at_utc_ms, outcome, message FROM fetch_log "
        "WHERE symbol = ?1 AND interval = ?2 ORDER BY at_utc_ms DESC, id DESC LIMIT 1");
    select->bind(1, symbol);
    select->bind(2, toString(interval));
    std::vector<FetchLogEntry> entries = impl_->readFetchLog(select);
    if (entries.empty())
        return std::nullopt;
    return entries.front();
}

}  // namespace aegis::data
