#pragma once

// The store's schema as an ordered list of migrations. `PRAGMA user_version` holds the number of the
// last migration applied; opening a store applies the missing ones in order, together with the
// version bumps, in one transaction, so a crash leaves the file at the version it had.
// Adding version N+1 means appending one migration; an existing migration is never edited once
// released, because files in users' hands were built from it.

namespace aegis::data::sqlite {
class Connection;
}

namespace aegis::data::store_schema {

// The version a store has after opening with this build.
int currentVersion();

// Brings the database up to currentVersion(). Returns the version found before migrating (0 for a
// new file). Throws std::runtime_error when the file is newer than this build understands: it is
// left untouched, since an older build must not guess at a newer layout.
int migrate(sqlite::Connection& connection);

}  // namespace aegis::data::store_schema
