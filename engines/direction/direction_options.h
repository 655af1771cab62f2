#pragma once

// Budget knobs of the direction engine's training. The defaults fit the full DEMO universe (503 tickers
// x 5 years) into roughly 15 s on 2 cores; tests shrink them further.

#include <cstddef>
#include <cstdint>

namespace aegis::engines {

struct DirectionOptions {
    std::size_t maxRowsPerHorizon = 40000;  // pooled (ticker, session) rows per horizon model, seeded sample
    std::size_t maxMagnitudeRows = 12000;   // the move quantile model: a strided subset of those rows
    std::uint64_t seed = 20240611;
    int folds = 3;                          // expanding walk-forward folds; the last two are validation and test
    std::int64_t embargo = 5;
    int bootstrapResamples = 200;
    bool useBiLstm = true;
    int lstmMaxTrainingSequences = 20000;
    int lstmMaxValidationSequences = 4000;
    double lstmBudgetSeconds = 10.0;
    std::size_t lstmMaxEvaluationRows = 8000;  // pooled rows the BiLSTM predicts for the ensemble's validation and test
    int lstmMaxEpochs = 30;
};

}  // namespace aegis::engines
