#pragma once

#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <span>
#include <vector>

namespace aegis::models::evaluation {

struct EnsembleSearchOptions {
    // Two members: golden-section search on the first member's weight w in [0, 1] (the second gets 1 - w)
    // down to this interval width. Log loss of a mixture is convex in w, so the search finds the optimum.
    double goldenSectionTolerance = 1e-5;
    // Three or more: every weight vector on the simplex whose entries are multiples of 1 / gridResolution.
    int gridResolution = 20;
};

// Weighted average of probability sources (e.g. BiLSTM and XGBoost) with non-negative weights summing to 1.
//
// The weights are chosen by minimising log loss on VALIDATION predictions only: rows the members never
// trained on and that are not part of any test window. The fitting API takes nothing else, so a test set
// cannot leak into the weights unless a caller passes it in by name.
class ProbabilityEnsemble {
public:
    // Binary: `validationProbabilities[m][i]` is member m's P(label = 1) for validation row i.
    static ProbabilityEnsemble fitOnValidation(const std::vector<std::vector<double>>& validationProbabilities,
                                               std::span<const int> validationLabels,
                                               const EnsembleSearchOptions& options = {});
    // Multi-class: member m gives an n × K matrix of class probabilities; labels are class indices.
    static ProbabilityEnsemble fitOnValidation(const std::vector<Eigen::MatrixXd>& validationProbabilities,
                                               std::span<const int> validationLabels,
                                               const EnsembleSearchOptions& options = {});
    explicit ProbabilityEnsemble(std::vector<double> weights);

    std::vector<double> combine(const std::vector<std::vector<double>>& memberProbabilities) const;
    Eigen::MatrixXd combine(const std::vector<Eigen::MatrixXd>& memberProbabilities) const;

    const std::vector<double>& weights() const { return weights_; }
    // Log loss of the chosen mixture and of each member alone on the validation rows (empty when the
    // ensemble was built from explicit weights).
    std::optional<double> validationLogLoss() const { return validationLogLoss_; }
    const std::vector<double>& memberValidationLogLoss() const { return memberValidationLogLoss_; }

    nlohmann::json toJson() const;
    static ProbabilityEnsemble fromJson(const nlohmann::json& json);

private:
    static ProbabilityEnsemble fitOnOutcomeProbabilities(const Eigen::MatrixXd& outcomeProbabilities,
                                                         const EnsembleSearchOptions& options);

    std::vector<double> weights_;
    std::optional<double> validationLogLoss_;
    std::vector<double> memberValidationLogLoss_;
};

}  // namespace aegis::models::evaluation
