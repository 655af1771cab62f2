#pragma once

// RFC 4180 CSV reading and writing, for every CSV the data layer accepts or produces.
//
// Reading rules (RFC 4180, plus what real exports need):
//  * fields are separated by ',' and records by "\r\n" or "\n" (a lone "\r" is ordinary text);
//  * a field that starts with '"' is quoted: it runs to the next lone '"', may contain ',', '\r', '\n',
//    and a doubled '""' stands for one '"'; after the closing quote only ',' or the end of the record
//    may follow;
//  * a '"' inside an unquoted field is an error (such files are ambiguous, so they are rejected, not
//    guessed at);
//  * nothing is trimmed: " a " is the three characters between the commas;
//  * a UTF-8 byte-order mark at the very start is dropped; completely empty lines are skipped; the
//    last record needs no line break.

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace aegis::data::csv {

class Reader {
public:
    // `text` must outlive the reader.
    explicit Reader(QStringView text);

    // The next record's fields, or nothing at the end of the text or on malformed input; then
    // `error()` tells which (empty at a clean end). After an error the reader stays at its end.
    std::optional<QStringList> next();

    // 1-based line on which the record last returned (or the malformed one) starts.
    int recordLine() const { return recordLine_; }
    const QString& error() const { return error_; }

private:
    QStringView text_;
    qsizetype position_ = 0;
    int line_ = 1;
    int recordLine_ = 0;
    QString error_;
};

// Splits one record held in `line` (no line break outside quotes). Nothing on malformed input, with
// the reason in `*error` when given.
std::optional<QStringList> splitRecord(QStringView line, QString* error = nullptr);

// The field as written in a CSV file: quoted (with '"' doubled) only when it contains ',', '"',
// '\r' or '\n', or starts or ends with a space.
QString escapeField(const QString& field);

// Fields joined by ',' with escapeField; no line break.
QString joinRecord(const QStringList& fields);

}  // namespace aegis::data::csv
