#pragma once

// The option seller's view of a ticker: calibrated safe ranges (30 calendar days and to the next
// expiry), breach probabilities at fixed distances, max pain, volatility trap, skew, expiry stress,
// the seller flag and the historical hit rate of past safe ranges. Formulas: docs/engine-seller.md.

#include "engines/core/calibrated_models.h"
#include "engines/core/run_control.h"
#include "engines/core/universe_data.h"
#include "engines/report/report_model.h"
#include "engines/seller/breach_model.h"
#include "engines/seller/trap_model.h"
#include "engines/seller/volatility_choice.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace aegis::models {
class GenerationWriter;
struct LoadedGeneration;
}  // namespace aegis::models

namespace aegis::engines {

inline constexpr double kBreachDistancesPct[] = {0.5, 1.0, 1.5, 2.0, 3.0};

struct SellerTrainingOptions {
    BreachTrainingOptions breach;
    std::uint64_t seed = 23;
    int bootstrapResamples = 200;
};

class SellerEngine {
public:
    static SellerEngine train(const UniverseData& universe, const RunControl& control);
    static SellerEngine train(const UniverseData& universe, const SellerTrainingOptions& options, const RunControl& control);
    void save(models::GenerationWriter& writer) const;   // artifacts prefixed "seller_"
    static SellerEngine load(const models::LoadedGeneration& generation);

    // Fills report.seller from the ticker's last completed session.
    void fill(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc, report::TickerReport& report) const;
    std::vector<report::ModelEvaluation> evaluations() const;

    const BreachModel& breachModel() const { return breach_; }
    const std::optional<TrapModel>& trapModel() const { return trap_; }
    const QString& trapUnavailableReason() const { return trapReason_; }

private:
    SellerEngine(BreachModel breach, std::optional<TrapModel> trap, QString trapReason);

    report::Trap trap(const TickerData& ticker, int row) const;

    BreachModel breach_;
    std::optional<TrapModel> trap_;
    QString trapReason_;  // why there is no trap model
};

}  // namespace aegis::engines
