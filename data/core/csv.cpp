#include "data/core/csv.h"

namespace aegis::data::csv {

namespace {
constexpr QChar kQuote = u'"';
constexpr QChar kComma = u',';
constexpr QChar kLineFeed = u'\n';
constexpr QChar kCarriageReturn = u'\r';
constexpr QChar kByteOrderMark = QChar(0xFEFF);
}  // namespace

Reader::Reader(QStringView text) : text_(text)
{
    if (!text_.isEmpty() && text_.front() == kByteOrderMark)
        position_ = 1;
}

std::optional<QStringList> Reader::next()
{
    const qsizetype size = text_.size();
    const auto lineBreakLength = [&](qsizetype at) -> qsizetype {
        if (at < size && text_[at] == kLineFeed)
            return 1;
        if (at + 1 < size && text_[at] == kCarriageReturn && text_[at + 1] == kLineFeed)
            return 2;
        return 0;
    };
    const auto fail = [&](int field, const QString& reason) -> std::optional<QStringList> {
        error_ = QStringLiteral("field %1: %2").arg(field).arg(reason);
        position_ = size;
        return std::nullopt;
    };

    if (!error_.isEmpty())
        return std::nullopt;
    while (const qsizetype skip = lineBreakLength(position_)) {
        position_ += skip;
        ++line_;
    }
    if (position_ >= size)
        return std::nullopt;

    recordLine_ = line_;
    QStringList fields;
    for (;;) {
        const int fieldNumber = static_cast<int>(fields.size()) + 1;
        QString field;
        if (position_ < size && text_[position_] == kQuote) {
            const int openedOn = line_;
            ++position_;
            for (;;) {
                if (position_ >= size)
                    return fail(fieldNumber, QStringLiteral("quoted field opened on line %1 is never closed").arg(openedOn));
                const QChar c = text_[position_];
                if (c == kQuote) {
                    if (position_ + 1 < size && text_[position_ + 1] == kQuote) {
                        field += kQuote;
                        position_ += 2;
                        continue;
                    }
                    ++position_;
                    break;
                }
                if (c == kLineFeed)
                    ++line_;
                field += c;
                ++position_;
            }
            if (position_ < size && text_[position_] != kComma && lineBreakLength(position_) == 0)
                return fail(fieldNumber, QStringLiteral("text after the closing quote"));
        } else {
            const qsizetype start = position_;
            while (position_ < size && text_[position_] != kComma && lineBreakLength(position_) == 0) {
                if (text_[position_] == kQuote)
                    return fail(fieldNumber, QStringLiteral("quote inside an unquoted field"));
                ++position_;
            }
            field = text_.mid(start, position_ - start).toString();
        }
        fields.push_back(field);

        if (position_ >= size)
            return fields;
        if (text_[position_] == kComma) {
            ++position_;
            continue;
        }
        position_ += lineBreakLength(position_);
        ++line_;
        return fields;
    }
}

std::optional<QStringList> splitRecord(QStringView line, QString* error)
{
    if (line.isEmpty())
        return QStringList{QString()};
    Reader reader(line);
    std::optional<QStringList> fields = reader.next();
    QString reason = reader.error();
    if (fields && reader.next())
        reason = QStringLiteral("line break outside quotes");
    if (!reason.isEmpty()) {
        if (error)
            *error = reason;
        return std::nullopt;
    }
    return fields;
}

QString escapeField(const QString& field)
{
    const bool needsQuotes = field.contains(kComma) || field.contains(kQuote) || field.contains(kLineFeed) ||
                             field.contains(kCarriageReturn) || field.startsWith(u' ') || field.endsWith(u' ');
    if (!needsQuotes)
        return field;
    QString quoted = field;
    quoted.replace(kQuote, QStringLiteral("\"\""));
    return kQuote + quoted + kQuote;
}

QString joinRecord(const QStringList& fields)
{
    QStringList escaped;
    escaped.reserve(fields.size());
    for (const QString& field : fields)
        escaped.push_back(escapeField(field));
    return escaped.join(kComma);
}

}  // namespace aegis::data::csv
