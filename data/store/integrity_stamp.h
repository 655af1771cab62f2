#pragma once

// What the store file looked like when this program last left it consistent: closed by a
// MarketStore, so every write had committed and the log was checkpointed. A file that still matches
// (same size and modification time, no write-ahead log pending) has not been touched since, by a
// crash, another tool or a restore, and its open may skip SQLite's quick_check, which reads every
// page (0.4 s on a 150 MB store, paid by every start of the window and every `aegis` command).
//
// The stamp is `<database>.checked`, one line "size mtime_ns". A change within the filesystem's
// timestamp granularity (a few ms) of the close that keeps the size is not seen; outside tests,
// nothing writes the file that soon after the program closed it.

#include <QString>

namespace aegis::data::integrity_stamp {

// Records the database's current size and modification time. Never throws: a stamp that cannot be
// written only means the next open checks the file.
void record(const QString& databasePath) noexcept;

// Whether the database is as last recorded and has no write-ahead log with content.
bool matches(const QString& databasePath);

}  // namespace aegis::data::integrity_stamp
