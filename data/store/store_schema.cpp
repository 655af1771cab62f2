#include "data/store/store_schema.h"

#include "data/store/sqlite_connection.h"

#include <iterator>
#include <stdexcept>
#include <string>

namespace aegis::data::store_schema {

namespace {

struct Migration {
    int toVersion;
    const char* sql;
};

// Released migrations: append only.
constexpr Migration kMigrations[] = {
    {1, R"sql(
        -- One row per bar. `session` is the IST trading date (ISO text); `final` is 0 for the
        -- still-forming bar of an open session; `source` is where this bar came from.
        CREATE TABLE bars (
            symbol   TEXT    NOT NULL,
            interval TEXT    NOT NULL,
            utc      INTEGER NOT NULL,
            session  TEXT    NOT NULL,
            open     REAL    NOT NULL,
            high     REAL    NOT NULL,
            low      REAL    NOT NULL,
            close    REAL    NOT NULL,
            volume   REAL    NOT NULL,
            final    INTEGER NOT NULL,
            source   TEXT    NOT NULL,
            PRIMARY KEY (symbol, interval, utc)
        ) WITHOUT ROWID;

        CREATE TABLE fetch_log (
            id       INTEGER PRIMARY KEY,
            source   TEXT    NOT NULL,
            symbol   TEXT    NOT NULL,
            interval TEXT    NOT NULL,
            at_utc_ms INTEGER NOT NULL,
            outcome  TEXT    NOT NULL,
            message  TEXT    NOT NULL
        );
    )sql"},
    {2, R"sql(
        -- Option chains, normalised: one snapshot row, one row per (snapshot, expiry, strike).
        -- A side (call/put) NSE did not quote has NULL in all its columns.
        CREATE TABLE option_snapshots (
            id               INTEGER PRIMARY KEY,
            symbol           TEXT    NOT NULL,
            taken_at_utc     INTEGER NOT NULL,
            underlying_value REAL    NOT NULL,
            expiries         TEXT    NOT NULL,
            source           TEXT    NOT NULL,
            UNIQUE (symbol, taken_at_utc)
        );

        CREATE TABLE option_rows (
            snapshot_id    INTEGER NOT NULL,
            expiry         TEXT    NOT NULL,
            strike         REAL    NOT NULL,
            call_oi        REAL, call_change_oi REAL, call_volume REAL, call_iv REAL,
            call_ltp       REAL, call_bid       REAL, call_ask    REAL,
            put_oi         REAL, put_change_oi  REAL, put_volume  REAL, put_iv  REAL,
            put_ltp        REAL, put_bid        REAL, put_ask     REAL,
            PRIMARY KEY (snapshot_id, expiry, strike)
        ) WITHOUT ROWID;

        -- `aegis status` asks for the last fetch of every series.
        CREATE INDEX fetch_log_by_series ON fetch_log (symbol, interval, at_utc_ms);
    )sql"},
    {3, R"sql(
        -- Values derived from the daily bars of many symbols (the engines' stock breadth), cached
        -- against the version of the daily bars they were computed from. Every write of daily bars
        -- moves the version on, so a cached value is used only while its inputs are unchanged.
        CREATE TABLE store_state (
            id                 INTEGER PRIMARY KEY CHECK (id = 1),
            daily_bars_version INTEGER NOT NULL
        );
        INSERT INTO store_state (id, daily_bars_version) VALUES (1, 0);

        CREATE TABLE derived_cache (
            key                TEXT    PRIMARY KEY,
            daily_bars_version INTEGER NOT NULL,
            payload            TEXT    NOT NULL
        );
    )sql"},
};

}  // namespace

int currentVersion()
{
    return std::prev(std::end(kMigrations))->toVersion;
}

int migrate(sqlite::Connection& connection)
{
    const auto checkNotNewer = [&](int version) {
        if (version > currentVersion()) {
            throw std::runtime_error("market store " + connection.path().toStdString() + ": schema version "
                                     + std::to_string(version) + " is newer than this build understands ("
                                     + std::to_string(currentVersion()) + "); use a newer AegisMatrix");
        }
    };
    const int found = int(connection.queryInt("PRAGMA user_version"));
    checkNotNewer(found);
    if (found == currentVersion())
        return found;

    // Another connection may be migrating the same new file right now: take the write lock, then
    // read the version again, so each migration runs exactly once.
    sqlite::Transaction transaction(connection);
    const int locked = int(connection.queryInt("PRAGMA user_version"));
    checkNotNewer(locked);
    for (const Migration& migration : kMigrations) {
        if (migration.toVersion <= locked)
            continue;
        connection.execute(migration.sql);
        const std::string bump = "PRAGMA user_version = " + std::to_string(migration.toVersion);
        connection.execute(bump.c_str());
    }
    transaction.commit();
    return found;
}

}  // namespace aegis::data::store_schema
