#pragma once

// The option buyer's view of a ticker: calibrated breakout probabilities for each of the next five
// sessions, spike direction, theta edge, breakout levels, gamma windows, regime, environment and the
// historical spike rate. Formulas and the definition of "today": docs/engine-buyer.md.

#include "engines/core/calibrated_models.h"
#include "engines/core/run_control.h"
#include "engines/core/universe_data.h"
#include "engines/report/report_model.h"

#include <cstdint>
#include <vector>

namespace aegis::models {
class GenerationWriter;
struct LoadedGeneration;
}  // namespace aegis::models

namespace aegis::engines {

inline constexpr int kThetaHoldingSessions = 5;
inline constexpr int kMinimumSpikeSessions = 10;

struct BuyerTrainingOptions {
    std::size_t maxRows = 30000;   // per model, raised on long histories to ...
    // ... this many rows per session of the universe. Five or six years (the DEMO, the real files) stay
    // at maxRows; on a 15-year DEMO 30,000 rows left days 1, 2, 4 and 5 without a demonstrated edge
    // (placebo p 0.05-0.14) where 75,000 demonstrate every day (p <= 0.011). 0 = every row.
    std::size_t minRowsPerSession = 20;
    std::uint64_t seed = 29;
    int bootstrapResamples = 200;
};

class BuyerEngine {
public:
    static BuyerEngine train(const UniverseData& universe, const RunControl& control);
    static BuyerEngine train(const UniverseData& universe, const BuyerTrainingOptions& options, const RunControl& control);
    void save(models::GenerationWriter& writer) const;   // artifacts prefixed "buyer_"
    static BuyerEngine load(const models::LoadedGeneration& generation);

    // Fills report.buyer from the ticker's last completed session (+ its intraday bars at nowUtc).
    void fill(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc, report::TickerReport& report) const;
    std::vector<report::ModelEvaluation> evaluations() const;

    const std::vector<BinaryModel>& breakoutModels() const { return breakout_; }
    const BinaryModel& spikeModel() const { return spike_.front(); }
    const BinaryModel& thetaModel() const { return theta_.front(); }

private:
    BuyerEngine(std::vector<BinaryModel> breakout, std::vector<BinaryModel> spike, std::vector<BinaryModel> theta);

    std::vector<BinaryModel> breakout_;  // breakout_1..5
    std::vector<BinaryModel> spike_;     // one model (a vector: BinaryModel has no default state)
    std::vector<BinaryModel> theta_;     // one model
};

}  // namespace aegis::engines
