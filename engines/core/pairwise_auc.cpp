#include "engines/core/pairwise_auc.h"

#include "models/evaluation/rank_metrics.h"

namespace aegis::engines {

namespace ev = models::evaluation;

void scorePairwiseAuc(const Eigen::MatrixXd& probabilities, const std::vector<int>& labels,
                      const std::vector<std::int64_t>& times, ClassPair pair, const ev::BootstrapOptions& bootstrap,
                      ev::MetricsReport& metrics)
{
    std::vector<double> scores;
    std::vector<int> positive;
    std::vector<std::int64_t> pairTimes;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] != pair.negative && labels[i] != pair.positive)
            continue;
        scores.push_back(probabilities(Eigen::Index(i), pair.positive) - probabilities(Eigen::Index(i), pair.negative));
        positive.push_back(labels[i] == pair.positive ? 1 : 0);
        pairTimes.push_back(times[i]);
    }
    metrics.auc = ev::rocAuc(scores, positive);
    const std::optional<ev::BootstrapInterval> interval = ev::bootstrapAucInterval(scores, positive, bootstrap, pairTimes);
    metrics.aucCi = interval ? std::optional<ev::ConfidenceInterval>(interval->interval) : std::nullopt;
}

}  // namespace aegis::engines
