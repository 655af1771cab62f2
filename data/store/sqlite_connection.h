#pragma once

// A thin RAII layer over the SQLite C API used by MarketStore: one connection, a cache of prepared
// statements reused across calls, and errors turned into std::runtime_error carrying SQLite's message,
// its result code and what the store was doing.

#include <QString>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace aegis::data::sqlite {

// Thrown for every SQLite failure; `code()` is the extended result code so callers can tell a
// corrupt file (SQLITE_CORRUPT, SQLITE_NOTADB) from a busy or read-only one.
class Error : public std::runtime_error {
public:
    Error(const std::string& message, int code) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }
    bool meansCorruptFile() const;

private:
    int code_;
};

class Connection;

// One prepared statement. Bind indices are 1-based like SQLite's; column indices 0-based.
class Statement {
public:
    Statement(Connection& connection, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
    void bind(int index, double value);
    void bind(int index, const QString& text);
    void bindNull(int index);

    // Advances; true while a row is available. Throws on any error.
    bool step();
    // Runs a statement that returns no rows (or whose rows are not needed).
    void run();
    // Makes the statement reusable: clears the cursor and every binding.
    void reset();

    bool isNull(int column) const;
    std::int64_t int64At(int column) const;
    double doubleAt(int column) const;
    QString textAt(int column) const;
    // The UTF-8 bytes of a text column without a QString conversion (valid until the next step).
    const char* rawTextAt(int column, int* length) const;

private:
    Connection& connection_;
    sqlite3_stmt* statement_ = nullptr;
    std::string sql_;
};

// Resets a cached statement when the scope ends, also when an exception leaves it half-run.
class StatementScope {
public:
    explicit StatementScope(Statement& statement) : statement_(statement) {}
    ~StatementScope() { statement_.reset(); }
    StatementScope(const StatementScope&) = delete;
    StatementScope& operator=(const StatementScope&) = delete;
    Statement* operator->() { return &statement_; }
    Statement& operator*() { return statement_; }

private:
    Statement& statement_;
};

class Connection {
public:
    // Opens (creating when missing) the database file; throws Error when SQLite cannot.
    explicit Connection(const QString& path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* handle() const { return db_; }
    const QString& path() const { return path_; }

    // Runs one or more statements separated by ';' (DDL, pragmas without results).
    void execute(const char* sql);
    // A single-value query such as "PRAGMA user_version".
    std::int64_t queryInt(const char* sql);
    QString queryText(const char* sql);

    // The prepared statement for `sql`, prepared on first use and reused afterwards. `sql` must be
    // a string literal: statements are cached by its address, so a lookup costs no hashing of text.
    StatementScope cached(const char* sql);

    [[noreturn]] void fail(int code, const std::string& context) const;

private:
    QString path_;
    sqlite3* db_ = nullptr;
    std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front so a busy database is waited for
// by busy_timeout instead of failing mid-way); ROLLBACK on destruction unless committed.
// Opened inside another transaction it is a SAVEPOINT instead: committing it releases the savepoint
// (its work becomes part of the enclosing transaction), destroying it uncommitted undoes only its
// own work. That lets one store call be all-or-nothing both alone and inside a larger batch.
class Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& connection_;
    bool nested_ = false;
    bool open_ = true;
};

}  // namespace aegis::data::sqlite
