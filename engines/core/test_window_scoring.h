#pragma once

// A pooled model's walk-forward record scored on the rows of each test window, not only on the pooled
// sample's test rows.
//
// The pool samples rows for training (a retrain budget: 30,000 for the buyer), and BinaryModel scores
// each fold's model on the sample's test rows alone: an arbitrary subset of the outcomes that model
// faced. On the real NSE files the buyer's pool held about 15,700 of the ~20,800 test-window rows, and
// breakout day 2 ranked 0.624 on them against 0.618 on all of them (0.614-0.618 over three seeds).
// The rows scored are those poolRows() considers (same warm-up, required labels and tickers); a window
// with more than kScoredRowsPerWindow of them keeps every k-th (tickers in order, rows ascending), so a
// 503-ticker universe costs about what its pool does. Each forecast is scored against the base rate of
// its fold's own training rows, as BinaryModel's record is.

#include "engines/core/calibrated_models.h"
#include "engines/core/pooled_rows.h"
#include "engines/core/universe_data.h"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace aegis::engines {

inline constexpr std::size_t kScoredRowsPerWindow = 12000;

// The row group (BinaryModel row groups) a forecast made at `row` of `ticker` carries; "" for none.
using RowGroupOf = std::function<std::string(const TickerData& ticker, int row)>;

class TestWindowScoring {
public:
    // `candidates`: poolCandidates() of the pool the model trains on, computed once for all the models
    // sharing that pool; they and `universe` must outlive the scoring. `label`: the model's 0/1 label
    // column. Throws std::invalid_argument for a label the universe does not have.
    TestWindowScoring(const UniverseData& universe, const std::vector<PoolCandidate>& candidates, FeatureSet featureSet,
                      std::string label, RowGroupOf groupOf = {});

    // For BinaryModel::train, which must be given the same `poolLabels` (one per pooled training row):
    // each evaluated fold adds its forecasts. The scoring and the labels must outlive the training.
    FoldObserver observer(const Eigen::VectorXd& poolLabels);

    // The record of every forecast added: metrics, the time-shift placebo (when `spec` asks for it),
    // edge. Keeps `pooled`'s fold count and first-window climatology. Throws std::logic_error when no
    // fold added a forecast.
    TrackRecord record(const ModelSpec& spec, const TrackRecord& pooled) const;

    std::size_t scored() const { return probabilities_.size(); }

private:
    bool labelMissing(const PoolCandidate& candidate) const;

    const UniverseData& universe_;
    FeatureSet featureSet_;
    const std::vector<PoolCandidate>& candidates_;
    std::string label_;
    std::vector<int> labelColumns_;  // the label's column in each ticker's label frame
    RowGroupOf groupOf_;
    std::vector<double> probabilities_;
    std::vector<double> climatology_;
    std::vector<int> outcomes_;
    std::vector<int> tickers_;
    std::vector<std::int64_t> times_;
};

}  // namespace aegis::engines
