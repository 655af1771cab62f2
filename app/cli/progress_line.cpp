#include "app/cli/progress_line.h"

#include <algorithm>

namespace aegis::cli {

QString progressLine(int percent, const QString& message, int columns)
{
    const QString prefix = QStringLiteral("[%1%] ").arg(percent, 3);
    const qsizetype width = (columns > 0 ? columns : kFallbackTerminalColumns) - 1;
    const qsizetype room = std::max<qsizetype>(width - prefix.size(), 0);
    if (message.size() <= room)
        return prefix + message;
    if (room == 0)
        return prefix.left(width);
    return prefix + message.left(room - 1) + QChar(0x2026);
}

}  // namespace aegis::cli
