#pragma once

// Per-group corrections of a pooled binary model, learnt from the group's own out-of-sample record.
//
//     p' = σ(logit(p) + δ_g)
//
// A global model pools many tickers; a ticker whose outcomes sit apart from the pool's gets the pool's
// answer anyway. On the real NSE files the breach model put P(breach) of a one-σ band around NIFTY
// at 0.63 where 0.43 happened, in every walk-forward fold: NIFTY's band is India VIX, which runs above
// the realised volatility every other ticker's band uses, and an explicit "implied σ" input did not
// move the pooled booster (NIFTY is one ticker in 34). δ_g is the maximum-likelihood logit shift of
// group g's out-of-sample forecasts, so it uses nothing the forecasts did not already face.
//
// Each group's δ̂ is shrunk toward 0 as an empirical-Bayes posterior mean: δ = δ̂·τ²/(τ² + se²), τ² the
// spread of the true shifts across groups, estimated as mean(δ̂² − se²) (at least 0). A universe of 503
// tickers holds a few dozen band forecasts per ticker and window; their δ̂ are mostly noise, τ is small
// and little moves, while a group far outside the others keeps much of its shift. The one-standard-
// error rule of ClimatologyBlend, tried first, let noise move a third of such tickers, which cost the
// 503-ticker DEMO's band record Brier skill (0.086 → 0.081). se comes from the forecasts' session blocks
// (cluster-robust, G/(G−1) corrected): a group's forecasts share market days and overlapping outcomes.
// A group without both outcomes, or with fewer than two blocks, gets 0.
//
// τ is estimated per family of groups whose shifts are drawn alike. Tickers whose bands are India VIX
// wide are not exchangeable with those whose bands are their own realised vol: VIX carries the variance
// risk premium, so their shifts lie elsewhere, and NIFTY among 33 stocks would be shrunk to the stocks'
// small spread. A family of one group keeps δ̂ − se²/δ̂ when |δ̂| > se (τ² = δ̂² − se²), else 0.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aegis::models::evaluation {

struct GroupForecast {
    std::string group;
    std::int64_t time = 0;  // session index: forecasts in time / blockLength form one block
    double probability = 0.0;
    int outcome = 0;
};

struct GroupOffset {
    std::string family;           // the groups sharing one τ
    double fitted = 0.0;          // δ̂, the maximum-likelihood shift
    double standardError = 0.0;   // 0 when not measured
    double applied = 0.0;         // δ̂·τ²/(τ² + se²), τ that of the group's family
    std::size_t forecasts = 0;
};

// Group → family; a group not named belongs to the family "".
using GroupFamilies = std::map<std::string, std::string, std::less<>>;

// UpwardOnly: groups named because their outcomes are expected to be more frequent than the pooled
// forecasts say (a Budget session's breakouts). A negative δ̂ for such a group runs against the reason
// it exists and is taken as noise: it gets 0 (and still counts toward its family's τ).
enum class AllowedShift { Either, UpwardOnly };

class GroupLogitOffsets {
public:
    // Every forecast counts; the caller keeps out those whose outcome was not known at the time the
    // offsets are for. Throws std::invalid_argument on a non-finite or out-of-range probability, an
    // outcome other than 0/1, or a block length below 1.
    static GroupLogitOffsets fit(std::span<const GroupForecast> forecasts, int blockLength, const GroupFamilies& familyOf = {},
                                 AllowedShift allowed = AllowedShift::Either);

    // p shifted by the group's applied offset; unchanged for a group without one. Throws
    // std::invalid_argument on a probability outside [0, 1].
    double apply(std::string_view group, double probability) const;
    double offset(std::string_view group) const;  // applied δ, 0 when none
    double betweenGroupSd(std::string_view family = {}) const;  // τ of a family, 0 when unknown
    const std::map<std::string, GroupOffset, std::less<>>& groups() const { return groups_; }

    nlohmann::json toJson() const;
    static GroupLogitOffsets fromJson(const nlohmann::json& json);

private:
    std::map<std::string, GroupOffset, std::less<>> groups_;
    std::map<std::string, double, std::less<>> familySds_;
};

}  // namespace aegis::models::evaluation
