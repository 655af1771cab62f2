#include "data/csvimport/csv_line.h"

namespace aegis::data::csv {

std::optional<QStringList> splitLine(QStringView line)
{
    QStringList fields;
    QString field;
    bool quoted = false;        // inside a quoted field
    bool afterQuoted = false;   // a quoted field just closed: only a comma may follow
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c != QLatin1Char('"')) {
                field += c;
            } else if (i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else {
                quoted = false;
                afterQuoted = true;
            }
        } else if (c == QLatin1Char(',')) {
            fields << field;
            field.clear();
            afterQuoted = false;
        } else if (afterQuoted) {
            return std::nullopt;
        } else if (c == QLatin1Char('"') && field.isEmpty()) {
            quoted = true;
        } else {
            field += c;
        }
    }
    if (quoted)
        return std::nullopt;
    fields << field;
    return fields;
}

}  // namespace aegis::data::csv
