#pragma once

// The execution engine: for every stock, the execution-cost regime of the next session (LOW / NORMAL /
// HIGH / SEVERE: the quartile of its cost among the universe that session) with its calibrated
// probability, and the Q50 / Q90 slippage in bps of ₹1 L, 2.5 L, 5 L and 10 L orders. Both are global
// models on the scale-free execution features (FeatureSet::Execution: no ticker identity), evaluated
// on tickers held out of training in later windows. docs/engine-execution.md gives every formula.

#include "engines/core/calibrated_models.h"
#include "engines/core/run_control.h"
#include "engines/core/universe_data.h"
#include "engines/execution/calibrated_forest.h"
#include "engines/report/report_model.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace aegis::models {
class GenerationWriter;
struct LoadedGeneration;
}  // namespace aegis::models

namespace aegis::engines {

inline constexpr int kRegimeCount = 4;
inline constexpr const char* kRegimeNames[kRegimeCount] = {"LOW", "NORMAL", "HIGH", "SEVERE"};

struct ExecutionTrainingOptions {
    std::size_t maxRows = 60000;     // pooled (ticker, session) rows, seeded even sample
    std::uint64_t seed = 31;
    int folds = 3;
    int tickerGroups = 2;            // >= 2: every evaluated test ticker is held out of training
    int bootstrapResamples = 200;
    int forestTrees = 40;
};

struct ExecutionTimings {
    double poolingSeconds = 0.0;
    double regimeSeconds = 0.0;
    double slippageSeconds = 0.0;
    double totalSeconds = 0.0;
};

// What the models say at one row's close about the next session.
struct ExecutionForecast {
    std::vector<double> regimeProbabilities;  // calibrated, LOW..SEVERE; empty when not computable
    std::vector<report::Slippage> slippage;   // the four order sizes, ascending, monotone; nulls when not computable
    QString reason;                           // why something is missing, when it is
};

struct ForecastPoint {
    const TickerData* ticker = nullptr;
    int row = 0;                              // row of the ticker's execution frame
};

class ExecutionEngine {
public:
    // Throws OperationCancelled when cancelled, std::invalid_argument when the universe is too small
    // or too short for the grouped walk-forward.
    static ExecutionEngine train(const UniverseData& universe, const RunControl& control);
    static ExecutionEngine train(const UniverseData& universe, const ExecutionTrainingOptions& options,
                                 const RunControl& control);
    void save(models::GenerationWriter& writer) const;  // artifacts "execution_*"
    static ExecutionEngine load(const models::LoadedGeneration& generation);

    // Fills report.execution (all but the verdict, which buildVerdict() makes from the whole report)
    // from the ticker's latest row; warns in report.meta when a slippage quantile's walk-forward
    // coverage missed its nominal level by more than 3 points.
    void fill(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc,
              report::TickerReport& report) const;
    // The same from a forecast already made, e.g. by forecastLatest().
    void fill(const ExecutionForecast& forecast, report::TickerReport& report) const;
    std::vector<report::ModelEvaluation> evaluations() const;

    // One prediction per model for all points together: XGBoost's fixed cost per call (~0.1-0.3 ms
    // here) dominates a one-row prediction, so a universe is forecast in one batch.
    std::vector<ExecutionForecast> forecast(std::span<const ForecastPoint> points) const;
    ExecutionForecast forecast(const TickerData& ticker, int row) const;
    // Every ticker's latest row, in the order of universe.tickers.
    std::vector<ExecutionForecast> forecastLatest(const UniverseData& universe) const;

    const CalibratedForest& regimeModel() const { return regime_; }
    const QuantileModel& slippageModel() const { return slippage_; }
    const ExecutionTimings& timings() const { return timings_; }

private:
    ExecutionEngine(CalibratedForest regime, QuantileModel slippage);

    CalibratedForest regime_;
    QuantileModel slippage_;
    ExecutionTimings timings_;
};

}  // namespace aegis::engines
