#pragma once

// The DEMO market: a deterministic, seeded, entirely synthetic market for every pickable ticker of
// the built-in universe plus India VIX, on the real NSE calendar. It lets the workstation be tried
// without a network and gives the ML tests a market whose predictability is known exactly.
// Every record is labelled DataSource::Demo. Model and parameters: docs/data-demo-market.md.

#include "data/core/market_types.h"
#include "data/universe/universe.h"

#include <QDate>
#include <QDateTime>

#include <cstdint>
#include <vector>

namespace aegis::data {

struct DemoOptions {
    std::uint64_t seed = 42;
    int years = 5;
    QDate endDate;  // last session generated; invalid means the calendar's last completed session now
    // true: every stock's daily log return gets a documented lag-1 autocorrelation of about 0.30
    // (a weak but learnable signal). false: log prices are martingales, nothing is predictable
    // beyond volatility clustering.
    bool plantedSignal = false;
};

struct DemoSeries {
    Ticker ticker;
    BarSeries daily;
    BarSeries fiveMinute;  // the last kIntradaySessions sessions
    BarSeries oneMinute;
};

struct DemoMarket {
    DemoOptions options;  // with endDate resolved
    QDate firstSession;
    QDate lastSession;
    std::vector<DemoSeries> series;  // the pickable tickers in universe order, then INDIAVIX
    std::vector<OptionChain> optionChains;

    const DemoSeries* find(const QString& symbol) const;
    const OptionChain* findChain(const QString& symbol) const;
};

// Generates the market for Universe::builtIn() on NseCalendar::instance(). Throws
// std::invalid_argument for years < 1 or an endDate with no session on or before it.
DemoMarket generateDemoMarket(DemoOptions options);

// The CLI's default end date: the last session completed at `nowUtc`.
QDate defaultDemoEndDate(const QDateTime& nowUtc);

}  // namespace aegis::data
