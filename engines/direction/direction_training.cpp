#include "engines/direction/direction_engine.h"
#include "engines/core/pooled_rows.h"
#include "engines/core/run_lanes.h"
#include "engines/core/walk_forward_rows.h"
#include "engines/direction/direction_climatology.h"
#include "engines/direction/direction_horizon_models.h"
#include "engines/direction/direction_sequences.h"
#include "engines/features/feature_table.h"

#include "engines/labels/label_table.h"

#include "models/evaluation/walk_forward.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace aegis::engines {

namespace ev = models::evaluation;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kLongestHorizon = 40;
constexpr int kClasses = 3;
// The calibration tail a member's climatology blend is weighed on spans at least this many
// non-overlapping label windows. The default 60 sessions hold 1.5 outcomes of a t+40 label: the
// weights swung between folds (0, 0, 0.66) and t+40 scored ECE 0.044, Brier skill -0.033 on the real
// NSE files; with this tail 0.019 and -0.008 (t+20: 0.035 -> 0.027). A short history caps it at a
// third of the first fold's training window, leaving the booster most of the window to fit on.
constexpr std::int64_t kBlendTailLabelWindows = 6;
constexpr std::int64_t kBlendTailMaxShareDivisor = 3;
// From a month ahead the booster learns from the ticker's own inputs only. The market-context inputs
// (NIFTY, India VIX, the calendar) are one series shared by every ticker, and five years hold only
// ~60 independent 20-session (~30 40-session) market moves: boosters fitted the few swings of their
// training years and carried them into years that turned (real NSE files, t+20: walk-forward AUC
// 0.38, Brier skill -0.009 [-0.023, 0.000]).
constexpr int kTickerInputsOnlyFromHorizon = 20;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

ModelSpec specFor(const std::string& name, int horizon, const DirectionOptions& options)
{
    ModelSpec spec;
    spec.name = name;
    spec.tree = defaultTreeParams(std::uint32_t(options.seed + std::uint64_t(horizon)));
    spec.walkForward.folds = options.folds;
    // options.folds whatever the history's length: the ensemble is weighed on the second-last fold and
    // scored on the last, and the BiLSTM, the retrain's largest cost, trains once per fold.
    spec.walkForward.maxTestSessions = 0;
    spec.walkForward.labelHorizon = horizon;
    spec.walkForward.embargo = options.embargo;
    spec.walkForward.bootstrapResamples = options.bootstrapResamples;
    return spec;
}

// The same folds MulticlassModel::train plans for these rows and this spec (time-only walk-forward).
std::vector<ev::Fold> foldsOf(const PooledRows& rows, const WalkForwardSpec& spec)
{
    const ev::PurgeSpec purge{spec.labelHorizon, spec.embargo};
    return ev::makeWalkForwardFolds(rows.time, ev::planExpandingWindow(rows.time, spec.folds, spec.initialTrainFraction, purge));
}

// The pooled rows one horizon trains on: every row with direction_h and a scale-free move_h.
struct HorizonPool {
    int horizon = 1;
    PooledRows rows;
    Eigen::VectorXd classes;      // 0 DOWN, 1 NEUTRAL, 2 UP
    Eigen::VectorXd scaledMoves;  // move_h / (sd_20 sqrt h)
    std::vector<ev::Fold> folds;
};

// Sessions of the calibration tail a member weighs its climatology blend on (kBlendTailLabelWindows).
std::int64_t blendTailSessions(const HorizonPool& pool, std::int64_t defaultSessions)
{
    const std::int64_t firstTime = *std::min_element(pool.rows.time.begin(), pool.rows.time.end());
    const std::int64_t firstWindow = pool.folds.front().trainEnd - firstTime;
    return std::max(defaultSessions, std::min(kBlendTailLabelWindows * pool.horizon, firstWindow / kBlendTailMaxShareDivisor));
}

HorizonPool horizonPool(const UniverseData& universe, const PooledRows& all, int horizon, const WalkForwardSpec& spec)
{
    const Eigen::VectorXd directions = all.label(universe, "direction_" + std::to_string(horizon));
    std::vector<std::size_t> keep;
    std::vector<double> classes, moves;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const double direction = directions[Eigen::Index(i)];
        const double move = scaledMove(universe.tickers[std::size_t(all.ticker[i])], all.row[i], horizon);
        if (!std::isfinite(direction) || !std::isfinite(move))
            continue;
        keep.push_back(i);
        classes.push_back(directionClass(direction));
        moves.push_back(move);
    }
    HorizonPool pool;
    pool.horizon = horizon;
    pool.rows = all.subset(keep);
    pool.classes = Eigen::Map<const Eigen::VectorXd>(classes.data(), Eigen::Index(classes.size()));
    pool.scaledMoves = Eigen::Map<const Eigen::VectorXd>(moves.data(), Eigen::Index(moves.size()));
    pool.folds = foldsOf(pool.rows, spec);
    if (pool.folds.size() < 3) {
        throw std::invalid_argument("direction t+" + std::to_string(horizon) + ": " + std::to_string(pool.folds.size())
                                    + " walk-forward folds, at least 3 needed (train, validation, test)");
    }
    return pool;
}

std::vector<std::size_t> allRows(std::size_t n)
{
    std::vector<std::size_t> rows(n);
    for (std::size_t i = 0; i < n; ++i)
        rows[i] = i;
    return rows;
}

// Every k-th row, k chosen so at most `limit` remain: the move's scale is learnt from volatility
// clustering, which needs far fewer rows than the direction signal.
std::vector<std::size_t> stridedRows(std::size_t n, std::size_t limit)
{
    const std::size_t stride = limit == 0 ? 1 : std::max<std::size_t>(1, (n + limit - 1) / limit);
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < n; i += stride)
        rows.push_back(i);
    return rows;
}

// ---- BiLSTM -------------------------------------------------------------------------------------------

struct TimedRef {
    models::SequenceRef ref;
    std::int64_t time = 0;
};

struct LstmTraining {
    std::optional<models::BiLstmModel> model;
    LstmStatus status;
};

// Trains on sequences whose 40-session labels end before `cutoff` + 40, early-stopping on the purged
// tail of that span.
LstmTraining trainLstm(const UniverseData& universe, const models::SequenceDataset& dataset,
                       const std::vector<QDate>& sessions, std::int64_t cutoff, const DirectionOptions& options,
                       const RunControl& control)
{
    LstmTraining result;
    if (!options.useBiLstm) {
        result.status.reason = QStringLiteral("disabled in the training options");
        return result;
    }
    std::vector<TimedRef> refs;
    std::int64_t firstTime = cutoff;
    for (std::size_t s = 0; s < universe.tickers.size(); ++s) {
        const std::vector<QDate>& dates = universe.tickers[s].features.dates;
        for (int r = kFirstModelRow; r < int(dates.size()); ++r) {
            const std::int64_t time = sessionIndex(sessions, dates[std::size_t(r)]);
            if (time > cutoff)
                break;
            refs.push_back({{int(s), r}, time});
            firstTime = std::min(firstTime, time);
        }
    }
    const std::int64_t validationLength = std::max<std::int64_t>(20, (cutoff - firstTime) / 6);
    const std::int64_t validationStart = cutoff - validationLength;
    const std::int64_t fitCutoff = validationStart - kLongestHorizon - options.embargo;
    std::vector<models::SequenceRef> fit, validation;
    for (const TimedRef& timed : refs) {
        if (timed.time <= fitCutoff)
            fit.push_back(timed.ref);
        else if (timed.time > validationStart)
            validation.push_back(timed.ref);
    }
    if (fit.empty() || validation.empty()) {
        result.status.reason = QStringLiteral("too little history before the validation fold to train the BiLSTM");
        return result;
    }

    models::BiLstmTrainingOptions training;
    training.windowLength = kSequenceWindow;
    training.maxEpochs = options.lstmMaxEpochs;
    training.cpuBudgetSeconds = options.lstmCpuBudgetSeconds;
    training.maxTrainingSequences = options.lstmMaxTrainingSequences;
    training.maxValidationSequences = options.lstmMaxValidationSequences;
    training.seed = options.seed;
    models::BiLstmTrainingHooks hooks;
    hooks.isCancelled = [&control] { return control.isCancelled(); };
    hooks.onProgress = [&control, &options](const models::BiLstmTrainingProgress& progress) {
        const double batches = double(progress.epoch - 1) + double(progress.batch) / double(progress.batchesPerEpoch);
        control.report(batches / double(options.lstmMaxEpochs),
                       QStringLiteral("Direction: BiLSTM epoch %1, batch %2 of %3")
                           .arg(progress.epoch).arg(progress.batch).arg(progress.batchesPerEpoch));
    };
    try {
        models::BiLstmTrainingResult trained = models::BiLstmModel::train(dataset, fit, validation, training, hooks);
        result.status.trained = true;
        result.status.trainingSequences = trained.report.trainingSequences;
        result.status.validationSequences = trained.report.validationSequences;
        result.status.epochs = trained.report.epochsCompleted;
        result.status.seconds = trained.report.elapsedSeconds;
        result.status.stoppedByTimeBudget = trained.report.stopReason == models::TrainingStopReason::CpuBudget;
        result.model.emplace(std::move(trained.model));
    } catch (const models::TrainingCancelled&) {
        throw OperationCancelled();
    } catch (const models::NonFiniteTraining& error) {
        result.status.reason = QStringLiteral("training diverged (%1); XGBoost alone is used").arg(QString::fromUtf8(error.what()));
    }
    return result;
}

std::int64_t rowKey(int ticker, int row)
{
    return std::int64_t(ticker) * 1'000'000 + row;
}

// BiLSTM probabilities of the pooled rows later than `after` (every k-th of them, so at most `limit`),
// by (ticker, row). The ensemble's windows keep the rows predicted here.
class LstmPredictions {
public:
    LstmPredictions(const models::BiLstmModel& model, const models::SequenceDataset& dataset, const PooledRows& rows,
                    std::int64_t after, std::size_t limit)
    {
        std::vector<std::size_t> later;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows.time[i] > after)
                later.push_back(i);
        }
        std::vector<models::SequenceRef> refs;
        for (std::size_t k : stridedRows(later.size(), limit)) {
            const std::size_t i = later[k];
            index_[rowKey(rows.ticker[i], rows.row[i])] = int(refs.size());
            refs.push_back({rows.ticker[i], rows.row[i]});
        }
        predictions_ = model.predict(dataset, refs);
    }

    bool has(int ticker, int row) const { return index_.count(rowKey(ticker, row)) > 0; }

    Eigen::MatrixXd probabilities(const PooledRows& rows, const std::vector<std::size_t>& indices, int horizonIndex) const
    {
        Eigen::MatrixXd out(Eigen::Index(indices.size()), kClasses);
        for (std::size_t i = 0; i < indices.size(); ++i) {
            const int at = index_.at(rowKey(rows.ticker[indices[i]], rows.row[indices[i]]));
            for (int c = 0; c < kClasses; ++c)
                out(Eigen::Index(i), c) = predictions_.probability(at, horizonIndex, models::DirectionClass(c));
        }
        return out;
    }

private:
    std::unordered_map<std::int64_t, int> index_;
    models::BiLstmPredictions predictions_;
};

// The XGBoost out-of-fold probabilities and labels of one fold's test rows.
// `latestTime`: the last row time whose label may be used; the validation window's last h + embargo
// sessions have labels that end inside the test window after it.
EnsembleWindow windowOf(const HorizonPool& pool, const MulticlassModel& xgb, const ev::Fold& fold,
                        const LstmPredictions* lstm, int horizonIndex, ev::TimeIndex latestTime)
{
    std::unordered_map<std::size_t, Eigen::Index> position;
    const OutOfFold& outOfFold = xgb.outOfFold();
    for (std::size_t i = 0; i < outOfFold.rows.size(); ++i)
        position[outOfFold.rows[i]] = Eigen::Index(i);
    std::vector<std::size_t> rows;
    for (std::size_t row : fold.testRows) {
        if (pool.rows.time[row] > latestTime)
            continue;
        if (lstm == nullptr || lstm->has(pool.rows.ticker[row], pool.rows.row[row]))
            rows.push_back(row);
    }
    EnsembleWindow window;
    window.xgb.resize(Eigen::Index(rows.size()), kClasses);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t row = rows[i];
        window.xgb.row(Eigen::Index(i)) = outOfFold.probabilities.row(position.at(row));
        window.labels.push_back(int(pool.classes[Eigen::Index(row)]));
        window.times.push_back(pool.rows.time[row]);
        window.tickers.push_back(pool.rows.ticker[row]);
    }
    if (lstm != nullptr)
        window.lstm = lstm->probabilities(pool.rows, rows, horizonIndex);
    return window;
}

}  // namespace

DirectionEngine DirectionEngine::train(const UniverseData& universe, const RunControl& control, const DirectionOptions& options)
{
    const Clock::time_point start = Clock::now();
    DirectionEngine engine;
    control.throwIfCancelled();

    // Rows are sampled once, so every horizon (and the BiLSTM's evaluation) sees the same sessions;
    // longer horizons drop the rows whose label is not known yet.
    PoolOptions poolOptions;
    poolOptions.warmupRows = kFirstModelRow;
    poolOptions.requiredLabels = {"direction_1", "move_1"};
    poolOptions.maxRows = options.maxRowsPerHorizon;
    poolOptions.seed = options.seed;
    const PooledRows all = poolRows(universe, poolOptions);
    std::vector<HorizonPool> pools;
    for (int horizon : kDirectionHorizons)
        pools.push_back(horizonPool(universe, all, horizon, specFor("", horizon, options).walkForward));
    engine.timings_.poolingSeconds = secondsSince(start);
    control.report(0.03, QStringLiteral("Direction: pooled %1 rows").arg(all.size()));

    // The BiLSTM's labels (up to 40 sessions ahead) must end before every horizon's validation fold.
    std::int64_t cutoff = std::numeric_limits<std::int64_t>::max();
    for (const HorizonPool& pool : pools)
        cutoff = std::min(cutoff, pool.folds[pool.folds.size() - 2].trainEnd - kLongestHorizon - options.embargo);

    // The BiLSTM and the boosters need nothing from each other until the ensembles, so they train at
    // once: beside the other engines' lane, the direction lane was the retrain's longest by 15 s (its
    // BiLSTM's time) and left a core idle at the end. Each part is seeded as before, so the models are
    // those of one part after the other.
    std::optional<models::SequenceDataset> dataset;
    std::optional<LstmPredictions> lstmPredictions;
    std::vector<MulticlassModel> boosters;
    std::vector<QuantileModel> magnitudes;
    const auto trainSequenceModel = [&](const RunControl& lane) {
        const Clock::time_point lstmStart = Clock::now();
        dataset.emplace(buildSequenceDataset(universe, true));
        LstmTraining lstm = trainLstm(universe, *dataset, universeSessions(universe), cutoff, options, lane);
        if (lstm.model)
            lstmPredictions.emplace(*lstm.model, *dataset, all, cutoff, options.lstmMaxEvaluationRows);
        engine.lstmStatus_ = lstm.status;
        engine.lstm_ = std::move(lstm.model);
        engine.timings_.lstmSeconds = secondsSince(lstmStart);
    };
    // Risk: P(the close 5 sessions ahead is >= 2 sd_20 sqrt(5) below today's), from the t+5 rows.
    const auto trainRisk = [&](const RunControl& lane) {
        const Clock::time_point riskStart = Clock::now();
        const HorizonPool& riskPool =
            *std::find_if(pools.begin(), pools.end(), [](const HorizonPool& p) { return p.horizon == kRiskHorizon; });
        Eigen::VectorXd adverse(riskPool.classes.size());
        for (Eigen::Index i = 0; i < adverse.size(); ++i)
            adverse[i] = riskPool.classes[i] == 0 && riskPool.scaledMoves[i] >= kRiskSigmas ? 1.0 : 0.0;
        engine.riskBaseRate_ = adverse.mean();
        try {
            ModelSpec riskSpec = specFor(kRiskArtifactName, kRiskHorizon, options);
            riskSpec.tree.minChildWeight = kRareLabelMinChildWeight;
            engine.risk_.emplace(BinaryModel::train(riskPool.rows, adverse, riskSpec, lane));
        } catch (const std::invalid_argument& error) {
            engine.riskReason_ = QStringLiteral("no risk model: %1").arg(QString::fromUtf8(error.what()));
        }
        engine.timings_.riskSeconds = secondsSince(riskStart);
    };
    const auto trainBoosters = [&](const RunControl& lane) {
        const double perHorizon = 0.9 / double(pools.size());
        for (std::size_t h = 0; h < pools.size(); ++h) {
            const HorizonPool& pool = pools[h];
            const double from = perHorizon * double(h);
            Clock::time_point stepStart = Clock::now();
            ModelSpec xgbSpec = specFor(xgbArtifactName(pool.horizon), pool.horizon, options);
            xgbSpec.pairwiseAuc = kDownVersusUp;
            // A booster can learn its training years' trend and carry it into years that turned: shrink
            // toward the base rate as far as the calibration tail says its spread is not earned.
            xgbSpec.shrinkTowardClimatology = true;
            xgbSpec.walkForward.validationSessions = blendTailSessions(pool, xgbSpec.walkForward.validationSessions);
            xgbSpec.walkForward.confidenceLevel = kDirectionFamilyConfidence;
            xgbSpec.walkForward.bootstrapResamples = std::max(options.bootstrapResamples, kDirectionFamilyResamples);
            const PooledRows xgbRows = (pool.horizon >= kTickerInputsOnlyFromHorizon
                                            ? pool.rows.withInputsHeldConstant(dailyFeaturesOf(FeatureGroup::Market))
                                            : pool.rows)
                                           .withoutInputs(inputsSignModelsLeaveOut());
            boosters.push_back(MulticlassModel::train(xgbRows, pool.classes, kClasses, xgbSpec,
                                                      lane.stage(from, from + 0.8 * perHorizon)));
            engine.timings_.xgbSeconds += secondsSince(stepStart);

            stepStart = Clock::now();
            const std::vector<std::size_t> magnitudeRows = stridedRows(pool.rows.size(), options.maxMagnitudeRows);
            magnitudes.push_back(QuantileModel::train(pool.rows.subset(magnitudeRows), selectValues(pool.scaledMoves, magnitudeRows),
                                                      {0.5}, specFor(magnitudeArtifactName(pool.horizon), pool.horizon, options),
                                                      lane.stage(from + 0.8 * perHorizon, from + perHorizon)));
            engine.timings_.magnitudeSeconds += secondsSince(stepStart);
        }
        trainRisk(lane.stage(0.9, 1.0));
    };
    // Shares in proportion to their measured times (BiLSTM 15 s, boosters and risk 38 s on the DEMO).
    runInLanes({{0.3, trainSequenceModel}, {0.7, trainBoosters}}, control.stage(0.03, 0.97));

    for (std::size_t h = 0; h < pools.size(); ++h) {
        const HorizonPool& pool = pools[h];
        const LstmPredictions* lstmForHorizon = lstmPredictions ? &*lstmPredictions : nullptr;
        const std::size_t folds = pool.folds.size();
        const auto climatologyOf = [&pool](const std::vector<std::size_t>& rows) {
            const std::vector<std::int64_t> times = rowTimes(pool.rows, rows);
            return driftDiscountedClimatology(pool.classes, rows, times, sessionBlockLength(pool.horizon));
        };
        std::vector<double> baseRate = climatologyOf(allRows(pool.rows.size()));
        const ev::Fold& validation = pool.folds[folds - 2];
        const ev::Fold& test = pool.folds[folds - 1];
        HorizonEnsemble ensemble = HorizonEnsemble::fit(
            windowOf(pool, boosters[h], validation, lstmForHorizon, int(h), test.trainCutoff),
            windowOf(pool, boosters[h], test, lstmForHorizon, int(h), test.testEnd),
            climatologyOf(test.trainRows), baseRate, options.bootstrapResamples,
            pool.horizon);
        engine.horizons_.push_back(
            {pool.horizon, std::move(boosters[h]), std::move(magnitudes[h]), std::move(ensemble), std::move(baseRate)});
    }
    engine.timings_.totalSeconds = secondsSince(start);
    control.report(1.0, QStringLiteral("Direction: trained"));
    return engine;
}

}  // namespace aegis::engines
