#pragma once

// How often past safe ranges held, per ticker: of the breach model's walk-forward safe-range quotes
// (P(breach) within kSafeRangeBreachTarget ± kHitRateWindow, each from a fold's model on its own test
// window), the share whose band was not breached. A ticker with fewer than kTickerHitRateMinimum quotes
// gets no rate (a reason instead): a handful says nothing about one stock. Formula: docs/engine-seller.md.

#include "engines/report/report_model.h"
#include "models/evaluation/bootstrap.h"

#include <nlohmann/json_fwd.hpp>

#include <QString>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace aegis::engines {

inline constexpr std::size_t kTickerHitRateMinimum = 30;

struct HitCount {
    std::size_t held = 0;
    std::size_t evaluated = 0;

    std::optional<double> rate() const;
    bool operator==(const HitCount&) const = default;
};

class SafeRangeHitRates {
public:
    // One walk-forward quote made at session index `time`: counted only when its predicted breach
    // probability is at the safe-range target.
    void add(const QString& symbol, double outOfFoldProbability, bool breached, std::int64_t time);
    // The pooled rate's interval, a block bootstrap over the counted quotes' sessions (their ranges
    // overlap, so blocks spanning the longest range; the block length counts distinct quote sessions).
    // Call once every quote is in; it lets the quotes go.
    void scorePooledInterval(const models::evaluation::BootstrapOptions& bootstrap);

    const HitCount& pooled() const { return pooled_; }
    const std::optional<models::evaluation::ConfidenceInterval>& pooledInterval() const { return pooledInterval_; }
    const std::map<QString, HitCount>& tickers() const { return tickers_; }
    HitCount ticker(const QString& symbol) const;
    // The ticker's own rate; nothing below kTickerHitRateMinimum evaluated draws.
    std::optional<double> tickerRate(const QString& symbol) const;
    // The counts behind tickerRate, the reason when it is null, and the pooled rate labelled as such.
    report::HitRateBasis basisFor(const QString& symbol) const;

    nlohmann::json toJson() const;
    static SafeRangeHitRates fromJson(const nlohmann::json& document);
    // A generation saved before per-ticker counts existed: only the pooled count is known.
    static SafeRangeHitRates pooledOnly(HitCount pooled);

    bool operator==(const SafeRangeHitRates&) const = default;

private:
    HitCount pooled_;
    std::optional<models::evaluation::ConfidenceInterval> pooledInterval_;  // null before it existed
    std::map<QString, HitCount> tickers_;
    std::vector<std::int64_t> pooledTimes_;  // the counted quotes, until scorePooledInterval
    std::vector<double> pooledHeld_;
    bool perTicker_ = true;  // false for a generation that predates per-ticker counts
};

}  // namespace aegis::engines
