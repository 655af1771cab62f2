#pragma once

// The parts of a report that come straight from data: who the ticker is, where its data came from and
// how fresh it is, and the spot/VIX panel.

#include "engines/core/universe_data.h"
#include "engines/report/report_model.h"

#include <cstdint>

namespace aegis::engines {

// Fills report.meta (except the model generation and app version) and report.market (except the
// regime, which the direction engine measures). Warns when the data is DEMO, stale or mid-session.
void fillMetaAndMarket(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc,
                       report::TickerReport& report);

}  // namespace aegis::engines
