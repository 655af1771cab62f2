#pragma once

// The DEMO generator behind generateDemoMarket(), with the universe and calendar passed in: the seam
// that lets the model be exercised on any ticker list and session list.

#include "data/demo/demo_calendar_view.h"
#include "data/demo/demo_market.h"

#include <vector>

namespace aegis::data::demo {

// `options.endDate` must be resolved; the sessions of `calendar` are the generated history. Throws
// std::invalid_argument when there is no session or no NIFTY to derive India VIX from.
DemoMarket generateDemoMarket(const DemoOptions& options, const std::vector<Ticker>& pickable, const Ticker& vix,
                              const DemoCalendarView& calendar);

}  // namespace aegis::data::demo
