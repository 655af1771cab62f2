#pragma once

// The volatility trap: implied vol looks rich (implied >= 1.2 x rv_20, known at t: the `trap_setup`
// label) and realised vol then expands over the next 10 sessions (`trap`). The first half is a rule, so
// there is no trap on a day without the setup and the score is 0 there. Only the second half is
// forecast: P(expansion | setup) from a booster trained on setup days alone, shown when it demonstrates
// an edge on them, else the setup days' historical trap frequency.
//
// Why split it: a booster on every day scored AUC 0.81 on the real NSE files, but on the setup days
// alone it ranks no better than chance (AUC 0.48 on 312 days). Its skill was the rule's, and pooling
// the two squeezed the setup days' probabilities (0.25 predicted where 0.49 happened).
//
// Two track records: "trap" scores the shown number on every evaluated day (0 without the setup); the
// booster's own, on setup days, is "trap_given_setup".

#include "engines/core/calibrated_models.h"
#include "engines/core/run_control.h"
#include "engines/core/universe_data.h"
#include "engines/report/report_model.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace aegis::models {
class GenerationWriter;
struct LoadedGeneration;
}  // namespace aegis::models

namespace aegis::engines {

struct TrapCall {
    std::optional<double> score;  // P(trap); nullopt without implied vol at the row
    QString label;                // LOW, MEDIUM, HIGH against the every-day trap frequency
    QString reason;               // why the score is 0, the base rate, or missing
    bool scoreIsBaseRate = false; // the setup days' trap frequency: the given-setup model shows no edge
};

class TrapModel {
public:
    // Throws std::invalid_argument when the universe has too few setup days, or one class among them.
    static TrapModel train(const UniverseData& universe, std::uint64_t seed, int bootstrapResamples,
                           const RunControl& control);
    void save(models::GenerationWriter& writer) const;
    static TrapModel load(const models::LoadedGeneration& generation);

    TrapCall call(const TickerData& ticker, int row) const;
    std::vector<report::ModelEvaluation> evaluations(const QString& engine) const;

    double everyDayRate() const { return everyDayRate_; }
    const TrackRecord& shownRecord() const { return shownRecord_; }
    const BinaryModel& givenSetup() const { return givenSetup_; }

private:
    TrapModel(BinaryModel givenSetup, double everyDayRate, TrackRecord shownRecord);

    BinaryModel givenSetup_;
    double everyDayRate_ = 0.0;   // P(trap) over every pooled day with implied vol
    TrackRecord shownRecord_;
};

}  // namespace aegis::engines
