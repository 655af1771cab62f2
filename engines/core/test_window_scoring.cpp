#include "engines/core/test_window_scoring.h"

#include "engines/core/placebo_scoring.h"
#include "engines/core/walk_forward_rows.h"

#include "models/evaluation/metrics_report.h"

#include <stdexcept>

namespace aegis::engines {

namespace ev = models::evaluation;

TestWindowScoring::TestWindowScoring(const UniverseData& universe, const std::vector<PoolCandidate>& candidates,
                                     FeatureSet featureSet, std::string label, RowGroupOf groupOf)
    : universe_(universe), featureSet_(featureSet), candidates_(candidates), label_(std::move(label)), groupOf_(std::move(groupOf))
{
    for (const TickerData& ticker : universe.tickers) {
        labelColumns_.push_back(ticker.labels.schema.indexOf(label_));
        if (labelColumns_.back() < 0)
            throw std::invalid_argument("test-window scoring: unknown label column " + label_);
    }
}

FoldObserver TestWindowScoring::observer(const Eigen::VectorXd& poolLabels)
{
    return [this, &poolLabels](const ev::Fold& fold, const FoldPredictor& predict) {
        std::vector<const PoolCandidate*> window;
        for (const PoolCandidate& candidate : candidates_) {
            if (candidate.time > fold.trainEnd && candidate.time <= fold.testEnd && !labelMissing(candidate))
                window.push_back(&candidate);
        }
        if (window.empty() || fold.trainRows.empty())
            return;
        const std::size_t stride = (window.size() + kScoredRowsPerWindow - 1) / kScoredRowsPerWindow;
        std::vector<const PoolCandidate*> chosen;
        for (std::size_t i = 0; i < window.size(); i += stride)
            chosen.push_back(window[i]);

        // The candidates come ticker by ticker: one modelRows() call per ticker's run of rows.
        models::xgb::FeatureMatrixF features;
        std::vector<std::string> groups;
        for (std::size_t begin = 0, end = 0; begin < chosen.size(); begin = end) {
            const TickerData& ticker = universe_.tickers[std::size_t(chosen[begin]->ticker)];
            std::vector<int> rows;
            for (end = begin; end < chosen.size() && chosen[end]->ticker == chosen[begin]->ticker; ++end) {
                rows.push_back(chosen[end]->row);
                groups.push_back(groupOf_ ? groupOf_(ticker, chosen[end]->row) : std::string());
            }
            const models::xgb::FeatureMatrixF block = modelRows(frameOf(ticker, featureSet_), rows);
            if (features.size() == 0)
                features.resize(Eigen::Index(chosen.size()), block.cols());
            features.middleRows(Eigen::Index(begin), block.rows()) = block;
        }
        double trainingEvents = 0.0;
        for (std::size_t row : fold.trainRows)
            trainingEvents += poolLabels[Eigen::Index(row)];
        const double baseRate = trainingEvents / double(fold.trainRows.size());

        const std::vector<double> probabilities = predict(features, groups);
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const std::size_t t = std::size_t(chosen[i]->ticker);
            probabilities_.push_back(probabilities[i]);
            climatology_.push_back(baseRate);
            outcomes_.push_back(int(universe_.tickers[t].labels.values(chosen[i]->row, labelColumns_[t])));
            tickers_.push_back(chosen[i]->ticker);
            times_.push_back(chosen[i]->time);
        }
    };
}

bool TestWindowScoring::labelMissing(const PoolCandidate& candidate) const
{
    const std::size_t t = std::size_t(candidate.ticker);
    return universe_.tickers[t].labels.missing(candidate.row, labelColumns_[t]);
}

TrackRecord TestWindowScoring::record(const ModelSpec& spec, const TrackRecord& pooled) const
{
    if (probabilities_.empty())
        throw std::logic_error("test-window scoring: no fold was scored");
    TrackRecord record;
    record.folds = pooled.folds;
    record.climatology = pooled.climatology;
    const ev::EvaluationOptions options = evaluationOptions(spec.walkForward);
    record.metrics = ev::evaluateBinaryClassifier(probabilities_, outcomes_, climatology_, options, times_);
    if (spec.timeShiftPlacebo)
        scorePlacebo(probabilities_, outcomes_, tickers_, times_, spec.walkForward.labelHorizon, options.bootstrap.confidenceLevel,
                     record.metrics);
    record.edgeDemonstrated = ev::edgeDemonstrated(record.metrics);
    return record;
}

}  // namespace aegis::engines
