#pragma once

// A store found damaged is set aside and a new, empty one created when it is opened: every command that
// opens one says so on stderr, before anything it prints about the (now empty) store.

#include "data/store/market_store.h"

#include <QString>
#include <QTextStream>

namespace aegis::cli {

inline void noteStoreRecovery(const QString& command, const data::MarketStore& store)
{
    if (const QString recovery = data::recoveryMessage(store.openReport()); !recovery.isEmpty())
        QTextStream(stderr) << "aegis " << command << ": " << recovery << "\n";
}

}  // namespace aegis::cli
