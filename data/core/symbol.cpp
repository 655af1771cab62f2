#include "data/core/symbol.h"

#include <QRegularExpression>

namespace aegis::data {

namespace {
// First character a letter or digit; then letters, digits, '&' or '-'; at most 20 characters;
// never ending in a separator. '^' and '.' are Yahoo spellings, not NSE symbols, and are handled
// by the universe's Yahoo mapping rather than accepted here.
const QRegularExpression& symbolPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Z0-9](?:[A-Z0-9&-]{0,18}[A-Z0-9])?$"));
    return pattern;
}
}  // namespace

bool isValidSymbol(const QString& symbol)
{
    return symbolPattern().match(symbol).hasMatch();
}

std::optional<QString> normalisedSymbol(const QString& raw)
{
    const QString candidate = raw.trimmed().toUpper();
    if (!isValidSymbol(candidate))
        return std::nullopt;
    return candidate;
}

}  // namespace aegis::data
