#include "engines/core/pairwise_auc.h"

#include "models/evaluation/rank_metrics.h"

namespace aegis::engines {

namespace ev = models::evaluation;

PairwiseScores pairwiseScores(const Eigen::MatrixXd& probabilities, const std::vector<int>& labels, ClassPair pair)
{
    PairwiseScores out;
    out.scores.reserve(labels.size());
    out.outcomes.reserve(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        out.scores.push_back(probabilities(Eigen::Index(i), pair.positive) - probabilities(Eigen::Index(i), pair.negative));
        out.outcomes.push_back(labels[i] == pair.positive ? 1 : labels[i] == pair.negative ? 0 : -1);
    }
    return out;
}

void scorePairwiseAuc(const PairwiseScores& pairwise, const std::vector<std::int64_t>& times,
                      const ev::BootstrapOptions& bootstrap, ev::MetricsReport& metrics)
{
    std::vector<double> scores;
    std::vector<int> positive;
    std::vector<std::int64_t> pairTimes;
    for (std::size_t i = 0; i < pairwise.outcomes.size(); ++i) {
        if (pairwise.outcomes[i] < 0)
            continue;
        scores.push_back(pairwise.scores[i]);
        positive.push_back(pairwise.outcomes[i]);
        pairTimes.push_back(times[i]);
    }
    metrics.auc = ev::rocAuc(scores, positive);
    const std::optional<ev::BootstrapInterval> interval = ev::bootstrapAucInterval(scores, positive, bootstrap, pairTimes);
    metrics.aucCi = interval ? std::optional<ev::ConfidenceInterval>(interval->interval) : std::nullopt;
}

}  // namespace aegis::engines
