#pragma once

// The direction engine: for every ticker, calibrated DOWN / NEUTRAL / UP probabilities at t+1, 3, 5,
// 10, 20 and 40 sessions, the expected move in points per horizon, today's intraday bias, a 5-session
// risk score and the market regime. docs/engine-direction.md gives every formula.
//
// Per horizon h (global models, all tickers pooled):
//   - XGBoost MulticlassModel on direction_h (walk-forward, nested calibration);
//   - one BiLSTM with a head per horizon, trained once on sequences whose labels end before the
//     validation fold (purged by 40 sessions + embargo);
//   - HorizonEnsemble: weights on the validation fold, calibrated there, scored on the test fold;
//   - QuantileModel Q50 of the scale-free move (move_h / (sd_20 sqrt h)), times spot -> points.
// Where the test fold's AUC interval includes 0.5 the horizon shows the base rate (climatology).

#include "engines/core/calibrated_models.h"
#include "engines/core/run_control.h"
#include "engines/core/universe_data.h"
#include "engines/direction/direction_options.h"
#include "engines/direction/horizon_ensemble.h"
#include "engines/report/report_model.h"

#include "models/bilstm/bilstm_model.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace aegis::models {
class GenerationWriter;
struct LoadedGeneration;
}  // namespace aegis::models

namespace aegis::engines {

struct DirectionTimings {
    double poolingSeconds = 0.0;
    double lstmSeconds = 0.0;        // BiLSTM training and its validation/test predictions
    double xgbSeconds = 0.0;         // the six direction models
    double magnitudeSeconds = 0.0;
    double riskSeconds = 0.0;
    double totalSeconds = 0.0;
};

// What the BiLSTM contributed: trained or not (and why), and its training report.
struct LstmStatus {
    bool trained = false;
    QString reason;                  // why it is absent, when it is
    int trainingSequences = 0;
    int validationSequences = 0;
    int epochs = 0;
    double seconds = 0.0;
    bool stoppedByTimeBudget = false;  // the CPU-time guard, not the epoch count, ended training
};

class DirectionEngine {
public:
    struct HorizonModels;

    DirectionEngine(DirectionEngine&&) noexcept;
    DirectionEngine& operator=(DirectionEngine&&) noexcept;
    ~DirectionEngine();

    // Throws OperationCancelled when cancelled, std::invalid_argument when the universe is too small
    // for three walk-forward folds.
    static DirectionEngine train(const UniverseData& universe, const RunControl& control,
                                 const DirectionOptions& options = {});
    void save(models::GenerationWriter& writer) const;  // artifacts "direction_*"
    static DirectionEngine load(const models::LoadedGeneration& generation);

    // Fills report.direction and report.market.regime from the ticker's latest row (and today's
    // intraday bars); appends to report.meta.warnings when something had to fall back.
    void fill(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc,
              report::TickerReport& report) const;
    std::vector<report::ModelEvaluation> evaluations() const;

    const HorizonEnsemble& ensemble(int horizonIndex) const;
    // DOWN, NEUTRAL, UP: what a horizon without an edge quotes (direction_climatology.h).
    const std::vector<double>& baseRate(int horizonIndex) const;
    const LstmStatus& lstmStatus() const { return lstmStatus_; }
    const DirectionTimings& timings() const { return timings_; }

private:
    DirectionEngine();

    std::vector<HorizonModels> horizons_;
    std::optional<BinaryModel> risk_;
    double riskBaseRate_ = 0.0;
    QString riskReason_;                       // why there is no risk model, when there is none
    std::optional<models::BiLstmModel> lstm_;
    LstmStatus lstmStatus_;
    DirectionTimings timings_;
};

}  // namespace aegis::engines
