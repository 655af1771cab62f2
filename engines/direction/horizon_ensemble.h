#pragma once

// The mixture of XGBoost and BiLSTM direction probabilities for one horizon, and its calibration.
//   weights:    minimise the mixture's log loss on the VALIDATION window (second-to-last walk-forward
//               fold) where both members predict out of sample, less its last h + embargo sessions,
//               whose labels end inside the test window (the last fold's training cutoff);
//   blend:      the mixture shrunk toward the class frequencies known before the test window by the
//               Brier-optimal weight on the validation window less its standard error over blocks of
//               max(5, h) sessions (climatology_blend.h; none when the
//               BiLSTM's weight is 0: XGBoost's out-of-fold probabilities are shrunk already). It
//               replaced a one-vs-rest Platt map fitted on the validation window, which carried that
//               window's class frequencies into the forecast: on the real NSE files ECE 0.049 / 0.085 /
//               0.035 at t+3 / t+5 / t+10 with Platt, 0.030 / 0.016 / 0.016 with the blend;
//   track record: the calibrated mixture scored on the TEST window (last fold), which neither the
//               members, the weights nor the blend saw. Its AUC is DIRECTIONAL: how well
//               P(UP) - P(DOWN) separates sessions that went UP from those that went DOWN (NEUTRAL
//               outcomes left out) — a macro one-vs-rest AUC would also reward predicting NEUTRAL,
//               which volatility clustering allows with no view on direction at all. Brier skill,
//               ECE and reliability stay three-class. An edge counts as demonstrated only when the
//               directional AUC interval lies above 0.5, the Brier skill is positive, the window
//               spans at least 6 non-overlapping horizons (fewer independent outcomes make a
//               block-bootstrap interval meaningless), AND the forecasts beat their time-shift
//               placebo (placebo_scoring.h) at the same family-wise level;
//   shipped blend: refitted on validation + test once the record is taken, toward every row's class
//               frequencies.
// Classes are 0 DOWN, 1 NEUTRAL, 2 UP throughout.

#include "engines/core/calibrated_models.h"
#include "engines/labels/label_table.h"

#include "models/evaluation/climatology_blend.h"

#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <iterator>
#include <optional>
#include <vector>

namespace aegis::engines {

inline constexpr int kMinimumIndependentPeriods = 6;

// Six horizons are tested and all are shown, so one of them clears a 95% interval by chance far more
// often than 5% of the time (the driftless DEMO market showed "edges" at t+5 and t+20). Every direction
// record (ensemble and XGBoost member) takes its interval at 1 - 0.05/6 (Bonferroni: at most a 5%
// chance of any false edge) and its placebo at alpha 0.05/6, with enough resamples to place the tails.
inline constexpr double kDirectionFamilyConfidence = 1.0 - 0.05 / double(std::size(kDirectionHorizons));
inline constexpr int kDirectionFamilyResamples = 1000;

// Direction edges are scored on DOWN (0) versus UP (2): see pairwise_auc.h.
inline constexpr ClassPair kDownVersusUp{0, 2};

struct EnsembleWindow {
    Eigen::MatrixXd xgb;                  // rows x 3, calibrated out-of-fold XGBoost probabilities
    std::optional<Eigen::MatrixXd> lstm;  // rows x 3, BiLSTM probabilities (absent: no BiLSTM)
    std::vector<int> labels;
    std::vector<std::int64_t> times;
    std::vector<int> tickers;
};

class HorizonEnsemble {
public:
    // `testClimatology`: class frequencies of the rows the test fold's models trained on (Brier skill
    // and the evaluated blend's anchor); `baseRate`: every row's (the shipped blend's anchor).
    static HorizonEnsemble fit(const EnsembleWindow& validation, const EnsembleWindow& test,
                               const std::vector<double>& testClimatology, const std::vector<double>& baseRate,
                               int bootstrapResamples, int horizon);

    // `lstm` may be null only when the BiLSTM weight is 0. Rows sum to 1.
    Eigen::MatrixXd predict(const Eigen::MatrixXd& xgb, const Eigen::MatrixXd* lstm) const;

    double lstmWeight() const { return weights_.size() > 1 ? weights_[1] : 0.0; }
    const std::vector<double>& weights() const { return weights_; }
    const std::vector<double>& validationLogLoss() const { return validationLogLoss_; }  // mixture, xgb, lstm
    const TrackRecord& trackRecord() const { return record_; }

    nlohmann::json toJson() const;
    static HorizonEnsemble fromJson(const nlohmann::json& json);

private:
    HorizonEnsemble(std::vector<double> weights, std::vector<double> validationLogLoss,
                    std::optional<models::evaluation::ClimatologyBlend> blend, TrackRecord record);

    std::vector<double> weights_;  // {xgb, lstm}
    std::vector<double> validationLogLoss_;
    std::optional<models::evaluation::ClimatologyBlend> blend_;
    TrackRecord record_;
};

}  // namespace aegis::engines
