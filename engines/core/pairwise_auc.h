#pragma once

// A multi-class model scored on two of its classes: how well P(positive) − P(negative) separates the
// rows whose outcome was one of them. Direction uses it for DOWN vs UP, because a macro one-vs-rest
// AUC would also reward predicting NEUTRAL — which volatility clustering allows with no view on
// direction at all.

#include "models/evaluation/bootstrap.h"
#include "models/evaluation/metrics_report.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace aegis::engines {

struct ClassPair {
    int negative = 0;
    int positive = 0;
};

// Every row's P(positive) − P(negative), and its outcome: 1 positive, 0 negative, -1 another class.
struct PairwiseScores {
    std::vector<double> scores;
    std::vector<int> outcomes;
};

PairwiseScores pairwiseScores(const Eigen::MatrixXd& probabilities, const std::vector<int>& labels, ClassPair pair);

// Replaces metrics.auc and metrics.aucCi with the pairwise AUC and its (time-block) bootstrap interval;
// `times` has one entry per row of `pairwise`.
void scorePairwiseAuc(const PairwiseScores& pairwise, const std::vector<std::int64_t>& times,
                      const models::evaluation::BootstrapOptions& bootstrap, models::evaluation::MetricsReport& metrics);

}  // namespace aegis::engines
