#pragma once

// One SQLite database (WAL) holding bars, option-chain snapshots and the fetch log.
// A MarketStore is one connection and is used from one thread; open one per thread (the GUI reads
// through its own while the worker writes through another: WAL lets readers run beside one writer).

#include "data/core/market_types.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace aegis::data {

// What happened when the database was opened. A file that failed its integrity check was moved
// aside (never deleted) and a new store was created; the user must be told.
struct StoreOpenReport {
    bool recovered = false;
    // SQLite's quick_check ran; skipped for a file this program closed that nothing changed since
    // (integrity_stamp.h).
    bool integrityChecked = true;
    QString movedAsidePath;
    QString reason;
    int schemaVersion = 0;
};

// What to tell the user after a recovery ("the market store ... was moved to ..."); empty when the
// store opened normally.
QString recoveryMessage(const StoreOpenReport& report);

struct SeriesSummary {
    QString symbol;
    Interval interval = Interval::Daily;
    DataSource source = DataSource::Demo;
    std::int64_t rows = 0;
    std::int64_t nonDemoRows = 0;  // bars from a real source (a series mixing them with DEMO ones reads as DEMO)
    QDate firstFinal;   // first and last session with a final bar
    QDate lastFinal;
    bool hasForming = false;  // a not-yet-final bar of an open session is stored
};

enum class FetchOutcome { Success, NotModified, Failed };

struct FetchLogEntry {
    QString source;       // "yahoo", "nse", "csv", "demo"
    QString symbol;
    Interval interval = Interval::Daily;
    QDateTime atUtc;
    FetchOutcome outcome = FetchOutcome::Success;
    QString message;      // what failed, or a short summary ("42 bars")
};

class MarketStore {
public:
    // Opens (creating if needed) the database at `path`, runs migrations and an integrity check.
    // Throws std::runtime_error when the file cannot be opened or recreated at all.
    explicit MarketStore(const QString& path);
    ~MarketStore();
    MarketStore(const MarketStore&) = delete;
    MarketStore& operator=(const MarketStore&) = delete;

    static QString defaultFileName() { return QStringLiteral("market.sqlite"); }
    const StoreOpenReport& openReport() const;
    QString path() const;

    // Inserts or replaces the series' bars in one transaction (all or nothing). A final bar replaces
    // a forming one at the same timestamp; the series' source is recorded per bar. Throws, writing
    // nothing, when DEMO bars would join real ones in one series or the other way round: appended to
    // a synthetic history, real bars make fake moves (and the series reads as DEMO for good).
    void upsertBars(const BarSeries& series);
    // Bars of one symbol/interval, ascending; `from`/`to` are inclusive session dates when valid.
    BarSeries loadBars(const QString& symbol, Interval interval, QDate from = {}, QDate to = {}) const;
    std::optional<std::int64_t> lastFinalBarUtc(const QString& symbol, Interval interval) const;
    std::vector<SeriesSummary> summaries() const;
    // Whether any bar comes from the DEMO market: real data is then fetched or imported elsewhere.
    bool holdsDemoBars() const;
    std::vector<QString> symbols(Interval interval) const;
    // Removes every bar of the symbol at the interval (used before re-importing a file wholesale).
    void deleteSeries(const QString& symbol, Interval interval);

    // A cache of values derived from many symbols' daily bars. Every write of daily bars (upsertBars,
    // deleteSeries) moves dailyBarsVersion() on; a payload is returned only for the version it was
    // cached with.
    std::int64_t dailyBarsVersion() const;
    std::optional<QString> cachedDerived(const QString& key, std::int64_t dailyBarsVersion) const;
    void cacheDerived(const QString& key, std::int64_t dailyBarsVersion, const QString& payload);

    void saveOptionChain(const OptionChain& chain);
    std::optional<OptionChain> latestOptionChain(const QString& symbol) const;
    // Deletes the symbol's option-chain snapshots except the `keepNewest` most recent (by the time
    // they were taken), whatever their source, in one transaction; returns how many were deleted.
    // 0 deletes them all (used before a wholesale replacement). Throws std::invalid_argument for a
    // negative count or an invalid symbol.
    int pruneOptionChains(const QString& symbol, int keepNewest);

    // Runs `work` (any calls on this store) as one transaction: other connections see all of its
    // writes or none. When `work` throws, everything it wrote is rolled back and the exception
    // propagates. Calls that are transactions of their own nest inside it; a batch nested in a
    // batch is part of the outer one. Holds the write lock for as long as `work` runs.
    void writeBatch(const std::function<void()>& work);

    void logFetch(const FetchLogEntry& entry);
    std::vector<FetchLogEntry> fetchLog(const QString& symbol, int limit = 20) const;
    std::optional<FetchLogEntry> lastFetch(const QString& symbol, Interval interval) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aegis::data
