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
        if (ticker.labels.schema.indexOf(label_) < 0)
            throw std::invalid_argument("test-window scoring: unknown label column " + label_);
    }
}

FoldObserver TestWindowScoring::observer(const Eigen::VectorXd& poolLabels)
{
    return [this, &poolLabels](const ev::Fold& fold, const FoldPredictor& predict) {
        std::vector<const PoolCandidate*> window;
        for (const PoolCandidate& candidate : candidates_) {
            const TickerData& ticker = universe_.tickers[std::size_t(candidate.ticker)];
            if (candidate.time > fold.trainEnd && candidate.time <= fold.testEnd && ticker.labels.value(candidate.row, label_))
                window.push_back(&candidate);
        }
        if (window.empty() || fold.trainRows.empty())
            return;
        const std::size_t stride = (window.size() + kScoredRowsPerWindow - 1) / kScoredRowsPerWindow;
        std::vector<const PoolCandidate*> chosen;
        for (std::size_t i = 0; i < window.size(); i += stride)
            chosen.push_back(window[i]);

        models::xgb::FeatureMatrixF features;
        std::vector<std::string> groups;
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const TickerData& ticker = universe_.tickers[std::size_t(chosen[i]->ticker)];
            const models::xgb::FeatureMatrixF row = modelRows(frameOf(ticker, featureSet_), {chosen[i]->row});
            if (features.size() == 0)
                features.resize(Eigen::Index(chosen.size()), row.cols());
            features.row(Eigen::Index(i)) = row.row(0);
            groups.push_back(groupOf_ ? groupOf_(ticker, chosen[i]->row) : std::string());
        }
        double trainingEvents = 0.0;
        for (std::size_t row : fold.trainRows)
            trainingEvents += poolLabels[Eigen::Index(row)];
        const double baseRate = trainingEvents / double(fold.trainRows.size());

        const std::vector<double> probabilities = predict(features, groups);
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const TickerData& ticker = universe_.tickers[std::size_t(chosen[i]->ticker)];
            probabilities_.push_back(probabilities[i]);
            climatology_.push_back(baseRate);
            outcomes_.push_back(int(*ticker.labels.value(chosen[i]->row, label_)));
            tickers_.push_back(chosen[i]->ticker);
            times_.push_back(chosen[i]->time);
        }
    };
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
