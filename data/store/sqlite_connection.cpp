#include "data/store/sqlite_connection.h"

#include <sqlite3.h>

#include <QByteArray>

namespace aegis::data::sqlite {

namespace {

std::string describe(sqlite3* db, int code)
{
    // sqlite3_errmsg describes the most recent failure on the connection; sqlite3_errstr is the
    // generic text for a code when there is no connection (open failed before one existed).
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    return message + " (SQLite code " + std::to_string(code) + ")";
}

}  // namespace

bool Error::meansCorruptFile() const
{
    const int primary = code_ & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

Statement::Statement(Connection& connection, const char* sql) : connection_(connection), sql_(sql)
{
    const int rc = sqlite3_prepare_v3(connection_.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement_);
        statement_ = nullptr;
        connection_.fail(rc, "preparing \"" + sql_ + "\"");
    }
}

Statement::~Statement()
{
    sqlite3_finalize(statement_);
}

void Statement::bind(int index, std::int64_t value)
{
    const int rc = sqlite3_bind_int64(statement_, index, value);
    if (rc != SQLITE_OK)
        connection_.fail(rc, "binding parameter " + std::to_string(index) + " of \"" + sql_ + "\"");
}

void Statement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(statement_, index, value);
    if (rc != SQLITE_OK)
        connection_.fail(rc, "binding parameter " + std::to_string(index) + " of \"" + sql_ + "\"");
}

void Statement::bind(int index, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    const int rc = sqlite3_bind_text(statement_, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        connection_.fail(rc, "binding parameter " + std::to_string(index) + " of \"" + sql_ + "\"");
}

void Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(statement_, index);
    if (rc != SQLITE_OK)
        connection_.fail(rc, "binding parameter " + std::to_string(index) + " of \"" + sql_ + "\"");
}

bool Statement::step()
{
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    connection_.fail(rc, "running \"" + sql_ + "\"");
}

void Statement::run()
{
    while (step()) {
    }
}

void Statement::reset()
{
    // The result of sqlite3_reset repeats the last step's error, already reported by step().
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64At(int column) const
{
    return sqlite3_column_int64(statement_, column);
}

double Statement::doubleAt(int column) const
{
    return sqlite3_column_double(statement_, column);
}

QString Statement::textAt(int column) const
{
    int length = 0;
    const char* text = rawTextAt(column, &length);
    return QString::fromUtf8(text, length);
}

const char* Statement::rawTextAt(int column, int* length) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    *length = sqlite3_column_bytes(statement_, column);
    return text ? text : "";
}

Connection::Connection(const QString& path) : path_(path)
{
    // One connection per thread (MarketStore's contract), so SQLite's own per-connection mutex is
    // not needed.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = describe(db_, rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error("market store " + path.toStdString() + ": opening: " + message, rc);
    }
    sqlite3_extended_result_codes(db_, 1);
}

Connection::~Connection()
{
    cache_.clear();  // statements must be finalized before the connection can close
    sqlite3_close(db_);
}

void Connection::execute(const char* sql)
{
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        sqlite3_free(error);
        fail(rc, std::string("running \"") + sql + "\"");
    }
}

std::int64_t Connection::queryInt(const char* sql)
{
    Statement statement(*this, sql);
    return statement.step() ? statement.int64At(0) : 0;
}

QString Connection::queryText(const char* sql)
{
    Statement statement(*this, sql);
    return statement.step() ? statement.textAt(0) : QString();
}

StatementScope Connection::cached(const char* sql)
{
    auto found = cache_.find(sql);
    if (found == cache_.end())
        found = cache_.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
    return StatementScope(*found->second);
}

void Connection::fail(int code, const std::string& context) const
{
    throw Error("market store " + path_.toStdString() + ": " + context + ": " + describe(db_, code), code);
}

Transaction::Transaction(Connection& connection)
    : connection_(connection), nested_(sqlite3_get_autocommit(connection.handle()) == 0)
{
    connection_.execute(nested_ ? "SAVEPOINT aegis_nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!open_)
        return;
    // Undoing a savepoint's work leaves it on the stack: RELEASE removes it so the enclosing
    // transaction goes on as if the nested one never ran.
    const char* undo = nested_ ? "ROLLBACK TO aegis_nested; RELEASE aegis_nested" : "ROLLBACK";
    sqlite3_exec(connection_.handle(), undo, nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    connection_.execute(nested_ ? "RELEASE aegis_nested" : "COMMIT");
    open_ = false;
}

}  // namespace aegis::data::sqlite
