#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace aegis::data::csv {

// Splits one CSV record (RFC 4180: comma-separated, fields optionally in double quotes, "" inside
// quotes is a literal quote). Records spanning several lines are not supported: market data files
// never have them. Returns nothing when a quote is left open or text follows a closing quote.
std::optional<QStringList> splitLine(QStringView line);

}  // namespace aegis::data::csv
