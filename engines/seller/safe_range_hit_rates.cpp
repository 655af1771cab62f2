#include "engines/seller/safe_range_hit_rates.h"

#include "engines/seller/breach_model.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>
#include <stdexcept>

namespace aegis::engines {

using nlohmann::json;

namespace {

json countToJson(const HitCount& count)
{
    return {{"held", count.held}, {"evaluated", count.evaluated}};
}

HitCount countFromJson(const json& document)
{
    const HitCount count{document.at("held").get<std::size_t>(), document.at("evaluated").get<std::size_t>()};
    if (count.held > count.evaluated)
        throw std::runtime_error("seller hit counts: more ranges held than were evaluated");
    return count;
}

}  // namespace

std::optional<double> HitCount::rate() const
{
    return evaluated > 0 ? std::optional<double>(double(held) / double(evaluated)) : std::nullopt;
}

void SafeRangeHitRates::add(const QString& symbol, double outOfFoldProbability, bool breached, std::int64_t time)
{
    if (!std::isfinite(outOfFoldProbability) || std::abs(outOfFoldProbability - kSafeRangeBreachTarget) > kHitRateWindow)
        return;
    for (HitCount* count : {&pooled_, &tickers_[symbol]}) {
        ++count->evaluated;
        if (!breached)
            ++count->held;
    }
    pooledTimes_.push_back(time);
    pooledHeld_.push_back(breached ? 0.0 : 1.0);
}

void SafeRangeHitRates::scorePooledInterval(const models::evaluation::BootstrapOptions& bootstrap)
{
    pooledInterval_.reset();
    // Quotes on no more sessions than a block holds (a short history) leave nothing to resample.
    const std::set<std::int64_t> sessions(pooledTimes_.begin(), pooledTimes_.end());
    if (!pooledHeld_.empty() && sessions.size() > std::size_t(bootstrap.blockLength)) {
        if (const auto interval = models::evaluation::bootstrapMeanInterval(pooledHeld_, bootstrap, pooledTimes_))
            pooledInterval_ = interval->interval;
    }
    pooledTimes_ = {};
    pooledHeld_ = {};
}

HitCount SafeRangeHitRates::ticker(const QString& symbol) const
{
    const auto found = tickers_.find(symbol);
    return found == tickers_.end() ? HitCount{} : found->second;
}

std::optional<double> SafeRangeHitRates::tickerRate(const QString& symbol) const
{
    const HitCount own = ticker(symbol);
    return perTicker_ && own.evaluated >= kTickerHitRateMinimum ? own.rate() : std::nullopt;
}

report::HitRateBasis SafeRangeHitRates::basisFor(const QString& symbol) const
{
    const HitCount own = ticker(symbol);
    report::HitRateBasis basis;
    basis.held = int(own.held);
    basis.evaluated = int(own.evaluated);
    basis.minimum = int(kTickerHitRateMinimum);
    basis.pooledRate = pooled_.rate();
    if (pooledInterval_) {
        basis.pooledRateLow = pooledInterval_->low;
        basis.pooledRateHigh = pooledInterval_->high;
    }
    if (!perTicker_)
        basis.reason = QStringLiteral("this model generation predates per-ticker hit rates; retrain to get them");
    else if (own.evaluated < kTickerHitRateMinimum)
        basis.reason = QStringLiteral("only %1 of %2's walk-forward safe-range quotes were evaluated (minimum %3); "
                                      "pooled_rate is all tickers together")
                           .arg(own.evaluated).arg(symbol).arg(kTickerHitRateMinimum);
    return basis;
}

json SafeRangeHitRates::toJson() const
{
    json tickers = json::object();
    for (const auto& [symbol, count] : tickers_)
        tickers[symbol.toStdString()] = countToJson(count);
    const json interval = pooledInterval_ ? json::array({pooledInterval_->low, pooledInterval_->high}) : json(nullptr);
    return {{"pooled", countToJson(pooled_)}, {"pooled_ci", interval}, {"tickers", tickers}};
}

SafeRangeHitRates SafeRangeHitRates::fromJson(const json& document)
{
    SafeRangeHitRates rates;
    rates.pooled_ = countFromJson(document.at("pooled"));
    // Absent in generations saved before it existed.
    if (const json interval = document.value("pooled_ci", json(nullptr)); !interval.is_null()) {
        const bool pair = interval.is_array() && interval.size() == 2 && interval[0].is_number() && interval[1].is_number();
        const double low = pair ? interval[0].get<double>() : 0.0;
        const double high = pair ? interval[1].get<double>() : -1.0;
        if (!(low >= 0.0 && low <= high && high <= 1.0))
            throw std::runtime_error("seller hit counts: the pooled interval is not an interval of rates");
        rates.pooledInterval_ = models::evaluation::ConfidenceInterval{low, high};
    }
    for (const auto& [symbol, count] : document.at("tickers").items())
        rates.tickers_[QString::fromStdString(symbol)] = countFromJson(count);
    return rates;
}

SafeRangeHitRates SafeRangeHitRates::pooledOnly(HitCount pooled)
{
    SafeRangeHitRates rates;
    rates.pooled_ = pooled;
    rates.perTicker_ = false;
    return rates;
}

}  // namespace aegis::engines
