// The engine core on a small DEMO universe: pooling, walk-forward calibrated models that find the
// planted signal and nothing without it, quantile coverage, save/load, cancellation and the progress
// of lanes that run at once.
#include "engines/core/calibrated_models.h"
#include "engines/core/run_lanes.h"
#include "engines/core/pooled_rows.h"
#include "engines/core/test_window_scoring.h"
#include "engines/core/universe_data.h"
#include "engines/core/walk_forward_rows.h"

#include "data/demo/demo_market.h"
#include "models/evaluation/quantile_metrics.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"
#include "models/xgb/booster.h"
#include "models/xgb/training.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>

using namespace aegis;
using namespace aegis::engines;

namespace {

constexpr int kStocks = 40;

UniverseData demoUniverse(bool planted)
{
    data::DemoOptions options;
    options.seed = 7;
    options.years = 3;
    options.endDate = QDate(2025, 11, 28);
    options.plantedSignal = planted;
    data::DemoMarket market = data::generateDemoMarket(options);

    std::vector<TickerSeries> series;
    for (const data::DemoSeries& demo : market.series) {
        if (demo.ticker.kind == data::TickerKind::Stock && int(series.size()) < kStocks)
            series.push_back({demo.ticker, demo.daily, demo.fiveMinute, std::nullopt});
    }
    return buildUniverseData(std::move(series), market.find(data::kNiftySymbol)->daily,
                             market.find(data::kVixSymbol)->daily, {}, {});
}

Eigen::VectorXd upLabels(const UniverseData& universe, const PooledRows& rows)
{
    const Eigen::VectorXd direction = rows.label(universe, "direction_1");
    return (direction.array() > 0.5).cast<double>();
}

ModelSpec spec(const std::string& name)
{
    ModelSpec spec;
    spec.name = name;
    spec.tree = defaultTreeParams(11);
    spec.walkForward.labelHorizon = 1;
    return spec;
}

}  // namespace

class EnginesCoreTest : public QObject {
    Q_OBJECT

    UniverseData planted_ = UniverseData();
    UniverseData martingale_ = UniverseData();

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        planted_ = demoUniverse(true);
        martingale_ = demoUniverse(false);
        qInfo("two DEMO universes of %d stocks built in %lld ms", kStocks, timer.elapsed());
        QCOMPARE(int(planted_.tickers.size()), kStocks);
        QVERIFY(planted_.isDemo());
    }

    void pooledRowsAreFiniteAndTimeOrdered()
    {
        PoolOptions options;
        options.requiredLabels = {"direction_1"};
        const PooledRows rows = poolRows(planted_, options);
        QVERIFY(rows.size() > std::size_t(kStocks) * 500);
        QVERIFY(rows.features.allFinite());
        QCOMPARE(rows.columns.size(), std::size_t(rows.features.cols()));
        // Same date, same time index, whichever ticker.
        const QDate first = planted_.tickers[0].features.dates[std::size_t(rows.row[0])];
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const QDate date = planted_.tickers[std::size_t(rows.ticker[i])].features.dates[std::size_t(rows.row[i])];
            if (date == first)
                QCOMPARE(rows.time[i], rows.time[0]);
        }
        const PooledRows sample = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 5000, 3, {}});
        QCOMPARE(sample.size(), std::size_t(5000));
        const PooledRows again = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 5000, 3, {}});
        QVERIFY(sample.features == again.features);
    }

    void inputsHeldConstantAreZeroWithTheirMissingFlags()
    {
        const PooledRows rows = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 2000, 3, {}});
        const PooledRows held = rows.withInputsHeldConstant({"vix_level", "nifty_ret_1"});
        QCOMPARE(held.columns, rows.columns);
        QCOMPARE(held.time, rows.time);
        for (Eigen::Index c = 0; c < rows.features.cols(); ++c) {
            const std::string& name = rows.columns[std::size_t(c)];
            const bool heldColumn = name == "vix_level" || name == "vix_level_missing" || name == "nifty_ret_1"
                                    || name == "nifty_ret_1_missing";
            if (heldColumn)
                QVERIFY2(held.features.col(c).isZero(), name.c_str());
            else
                QVERIFY2(held.features.col(c) == rows.features.col(c), name.c_str());
        }
        QVERIFY(!rows.features.col(Eigen::Index(std::find(rows.columns.begin(), rows.columns.end(), "vix_level") - rows.columns.begin())).isZero());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rows.withInputsHeldConstant({"no_such_feature"}));
    }

    void inputsLeftOutLeaveTheOtherColumnsInOrder()
    {
        const PooledRows rows = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 2000, 3, {}});
        const PooledRows without = rows.withoutInputs({"vix_level", "nifty_ret_1"});
        QCOMPARE(without.columns.size(), rows.columns.size() - 4);
        QCOMPARE(without.features.cols(), rows.features.cols() - 4);
        QCOMPARE(without.time, rows.time);
        QCOMPARE(without.ticker, rows.ticker);
        Eigen::Index kept = 0;
        for (Eigen::Index c = 0; c < rows.features.cols(); ++c) {
            const std::string& name = rows.columns[std::size_t(c)];
            if (name == "vix_level" || name == "vix_level_missing" || name == "nifty_ret_1" || name == "nifty_ret_1_missing")
                continue;
            QCOMPARE(without.columns[std::size_t(kept)], name);
            QVERIFY2(without.features.col(kept) == rows.features.col(c), name.c_str());
            ++kept;
        }
        QCOMPARE(kept, without.features.cols());

        // A prediction row goes through the same selection as the rows the model trained on.
        const TickerData& ticker = planted_.tickers[std::size_t(rows.ticker[7])];
        const models::xgb::FeatureMatrixF inputs = modelRows(ticker.features, {rows.row[7]});
        QVERIFY(withoutInputs(inputs, rows.columns, {"vix_level", "nifty_ret_1"}) == without.features.row(7));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rows.withoutInputs({"no_such_feature"}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, withoutInputs(inputs, without.columns, {"rv_20"}));
    }

    void fitRowsPassConstantColumnsAsMissingAndKeepTheTrees()
    {
        const PooledRows rows = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 6000, 4, {}});
        std::vector<std::size_t> chosen;
        for (std::size_t i = 0; i < rows.size(); i += 2)
            chosen.push_back(i);
        const models::xgb::FeatureMatrixF ordinary = selectRows(rows.features, chosen);
        const models::xgb::FeatureMatrixF fit = fitRows(rows.features, chosen);
        int blanked = 0;
        for (Eigen::Index c = 0; c < ordinary.cols(); ++c) {
            const bool constant = (ordinary.col(c).array() == ordinary(0, c)).all();
            if (constant) {
                QVERIFY(fit.col(c).array().isNaN().all());
                ++blanked;
            } else {
                QVERIFY(fit.col(c) == ordinary.col(c));
            }
        }
        // The warm-up rows are out of the pool, so most `_missing` flags are constant here.
        QVERIFY2(blanked >= int(rows.columns.size()) / 4, qPrintable(QString::number(blanked)));

        // A column that is constant over the fit rows cannot be split on: the trees, and so every
        // prediction, are the same whether it is passed as its value or as missing.
        models::xgb::BoosterParams params;
        params.name = "fit_rows";
        params.tree = defaultTreeParams(5);
        params.tree.numRounds = 40;
        params.tree.earlyStoppingRounds = 0;
        const Eigen::VectorXd labels = selectValues(upLabels(planted_, rows), chosen);
        const models::xgb::Booster withValues =
            models::xgb::train(models::xgb::Matrix::withTargets(ordinary, labels), nullptr, params, {}).booster;
        const models::xgb::Booster withMissing =
            models::xgb::train(models::xgb::Matrix::withTargets(fit, labels), nullptr, params, {}).booster;
        const models::xgb::Matrix everyRow = models::xgb::Matrix::fromFeatures(rows.features);
        QCOMPARE(withMissing.predict(everyRow), withValues.predict(everyRow));
    }

    void findsThePlantedSignal()
    {
        // A sign label, so the inputs the engines' sign models leave out are left out here too: the stocks'
        // breakout shares take one value per date, and a booster splitting on them learns its training
        // dates' market direction (on this market AUC 0.579 with every input, 0.601 without those).
        const PooledRows rows = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 30000, 5, {}})
                                    .withoutInputs(inputsSignModelsLeaveOut());
        QElapsedTimer timer;
        timer.start();
        const BinaryModel model = BinaryModel::train(rows, upLabels(planted_, rows), spec("up_1"), {});
        qInfo("binary model on %zu rows: %lld ms", rows.size(), timer.elapsed());
        const TrackRecord& record = model.trackRecord();
        QVERIFY(record.metrics.auc.has_value());
        qInfo("planted: AUC %.3f [%.3f, %.3f], ECE %.4f", *record.metrics.auc, record.metrics.aucCi->low,
              record.metrics.aucCi->high, record.metrics.ece.value_or(-1));
        for (const auto& bin : record.metrics.reliability)
            qInfo("  bin [%.1f, %.1f): n %zu predicted %.3f observed %.3f", bin.lower, bin.upper, bin.count, bin.meanPredicted, bin.observedFrequency);
        QVERIFY(*record.metrics.auc >= 0.58);
        QVERIFY(record.edgeDemonstrated);
        QVERIFY(*record.metrics.ece <= 0.03);
        QVERIFY(*record.metrics.brierSkill > 0.0);
    }

    // Brier skill is scored fold by fold against the base rate of that fold's own training window (what
    // the report would have quoted then), not the first fold's for every fold.
    void brierSkillUsesEachFoldsOwnBaseRate()
    {
        const PooledRows rows = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 8000, 5, {}});
        const Eigen::VectorXd labels = upLabels(planted_, rows);
        const ModelSpec modelSpec = spec("up_1");
        const BinaryModel model = BinaryModel::train(rows, labels, modelSpec, {});
        const std::vector<models::evaluation::Fold> folds = planWalkForwardFolds(rows, modelSpec.walkForward);
        QVERIFY(folds.size() >= 2);
        double modelLoss = 0.0, ownFoldLoss = 0.0, firstFoldLoss = 0.0;
        std::size_t at = 0;
        const double firstRate = selectValues(labels, folds.front().trainRows).mean();
        for (const models::evaluation::Fold& fold : folds) {
            const double foldRate = selectValues(labels, fold.trainRows).mean();
            for (std::size_t row : fold.testRows) {
                QCOMPARE(model.outOfFold().rows[at], row);
                const double y = labels[Eigen::Index(row)];
                modelLoss += std::pow(model.outOfFold().probabilities(Eigen::Index(at), 0) - y, 2);
                ownFoldLoss += std::pow(foldRate - y, 2);
                firstFoldLoss += std::pow(firstRate - y, 2);
                ++at;
            }
        }
        QCOMPARE(at, model.outOfFold().rows.size());
        const double skill = *model.trackRecord().metrics.brierSkill;
        QVERIFY2(std::abs(skill - (1.0 - modelLoss / ownFoldLoss)) < 1e-12, qPrintable(QString::number(skill)));
        QVERIFY(std::abs(skill - (1.0 - modelLoss / firstFoldLoss)) > 1e-9);  // the folds' rates differ here
    }

    // The record scored on the test windows' rows: with every row pooled it is the model's own record,
    // forecast for forecast; with a sample pooled it covers the rows the sample left out as well.
    void testWindowScoringCoversTheRowsThePoolLeftOut()
    {
        const ModelSpec breakoutSpec = [] {
            ModelSpec s = spec("breakout_1");
            s.tree.minChildWeight = kRareLabelMinChildWeight;
            return s;
        }();
        struct Scored {
            PooledRows rows;
            BinaryModel model;
            TrackRecord record;
            std::size_t scored;
        };
        const auto trainScored = [&](const PoolOptions& pool) {
            PooledRows rows = poolRows(martingale_, pool);
            const Eigen::VectorXd labels = rows.label(martingale_, "breakout_1");
            const std::vector<PoolCandidate> candidates = poolCandidates(martingale_, pool);
            TestWindowScoring scoring(martingale_, candidates, pool.featureSet, "breakout_1");
            BinaryModel model = BinaryModel::train(rows, labels, breakoutSpec, {}, scoring.observer(labels));
            TrackRecord record = scoring.record(breakoutSpec, model.trackRecord());
            return Scored{std::move(rows), std::move(model), std::move(record), scoring.scored()};
        };

        PoolOptions everyRow;
        everyRow.requiredLabels = {"breakout_1"};
        const auto [allRows, allModel, allRecord, allScored] = trainScored(everyRow);
        const models::evaluation::MetricsReport& own = allModel.trackRecord().metrics;
        QCOMPARE(allScored, own.n);
        QCOMPARE(allRecord.metrics.n, own.n);
        QVERIFY(std::abs(*allRecord.metrics.auc - *own.auc) < 1e-12);
        QVERIFY(std::abs(*allRecord.metrics.brierSkill - *own.brierSkill) < 1e-12);
        QVERIFY(std::abs(*allRecord.metrics.ece - *own.ece) < 1e-12);
        QCOMPARE(allRecord.edgeDemonstrated, allModel.trackRecord().edgeDemonstrated);
        QCOMPARE(allRecord.folds, allModel.trackRecord().folds);

        PoolOptions sampled = everyRow;
        sampled.maxRows = allRows.size() / 2;
        sampled.seed = 5;
        const auto [rows, model, record, scored] = trainScored(sampled);
        const std::vector<PoolCandidate> candidates = poolCandidates(martingale_, sampled);
        std::size_t inWindows = 0;
        const std::vector<models::evaluation::Fold> folds = planWalkForwardFolds(rows, breakoutSpec.walkForward);
        for (const PoolCandidate& candidate : candidates) {
            for (const models::evaluation::Fold& fold : folds)
                inWindows += candidate.time > fold.trainEnd && candidate.time <= fold.testEnd ? 1 : 0;
        }
        qInfo("pooled test rows %zu, test-window rows scored %zu of %zu; AUC %.3f -> %.3f", model.trackRecord().metrics.n,
              scored, inWindows, *model.trackRecord().metrics.auc, *record.metrics.auc);
        QCOMPARE(scored, inWindows);
        QVERIFY(scored > model.trackRecord().metrics.n * 3 / 2);
        QCOMPARE(record.metrics.n, scored);

        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TestWindowScoring(martingale_, candidates, FeatureSet::Daily, "no_such_label"));
        TestWindowScoring unused(martingale_, candidates, FeatureSet::Daily, "breakout_1");
        QVERIFY_THROWS_EXCEPTION(std::logic_error, unused.record(breakoutSpec, model.trackRecord()));
    }

    // A long history gets more test windows, so no model is scored more than about a year past its
    // training window; five years keep the three the records were built on.
    void longHistoriesGetMoreTestWindows()
    {
        const auto span = [](std::int64_t sessions) {
            std::vector<std::int64_t> times(static_cast<std::size_t>(sessions));
            std::iota(times.begin(), times.end(), std::int64_t(100));
            return times;
        };
        WalkForwardSpec spec;
        QCOMPARE(walkForwardFoldCount(span(1240), spec), 3);      // five years: (1 - 0.5) * 1240 / 250 = 2.5
        QCOMPARE(walkForwardFoldCount(span(1500), spec), 3);      // exactly 750 test sessions
        QCOMPARE(walkForwardFoldCount(span(1502), spec), 4);
        QCOMPARE(walkForwardFoldCount(span(3750), spec), 8);      // fifteen years
        QCOMPARE(walkForwardFoldCount(span(10000), spec), 10);    // at most maxFolds
        QCOMPARE(walkForwardFoldCount({}, spec), 3);
        spec.folds = 5;
        QCOMPARE(walkForwardFoldCount(span(1240), spec), 5);      // never fewer than asked for
        spec.maxFolds = 4;
        QCOMPARE(walkForwardFoldCount(span(10000), spec), 5);
        spec.maxTestSessions = 0;
        QCOMPARE(walkForwardFoldCount(span(10000), spec), 5);     // off: the folds asked for

        // The planned folds follow it, and each test window is at most maxTestSessions long.
        PooledRows rows;
        rows.time = span(3750);
        rows.ticker.assign(rows.time.size(), 0);
        rows.row.assign(rows.time.size(), 0);
        const std::vector<models::evaluation::Fold> folds = planWalkForwardFolds(rows, WalkForwardSpec{});
        QCOMPARE(int(folds.size()), 8);
        for (const models::evaluation::Fold& fold : folds)
            QVERIFY2(fold.testRows.size() <= 250, qPrintable(QString::number(fold.testRows.size())));
    }

    void findsNothingWithoutASignal()
    {
        const PooledRows rows = poolRows(martingale_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 30000, 5, {}});
        const BinaryModel model = BinaryModel::train(rows, upLabels(martingale_, rows), spec("up_1"), {});
        const TrackRecord& record = model.trackRecord();
        qInfo("martingale: AUC %.3f [%.3f, %.3f]", *record.metrics.auc, record.metrics.aucCi->low, record.metrics.aucCi->high);
        QVERIFY(std::abs(*record.metrics.auc - 0.5) <= 0.03);
        QVERIFY(!record.edgeDemonstrated);
    }

    // Without a signal the booster's spread is noise: shrunk toward the class frequencies, its
    // forecasts sit much closer to them and score a better walk-forward Brier skill.
    void shrinkingWithoutASignalQuotesNearlyTheBaseRate()
    {
        const PooledRows rows = poolRows(martingale_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 20000, 5, {}});
        const Eigen::VectorXd classes = rows.label(martingale_, "direction_1").array() + 1.0;
        ModelSpec shrinking = spec("dir_shrunk");
        shrinking.shrinkTowardClimatology = true;
        const MulticlassModel plain = MulticlassModel::train(rows, classes, 3, spec("dir_plain"), {});
        const MulticlassModel shrunk = MulticlassModel::train(rows, classes, 3, shrinking, {});
        const Eigen::MatrixXd plainForecasts = plain.predict(rows.features);
        const Eigen::MatrixXd shrunkForecasts = shrunk.predict(rows.features);
        const auto spread = [](const Eigen::MatrixXd& forecasts) {
            return (forecasts.rowwise() - forecasts.colwise().mean()).squaredNorm() / double(forecasts.rows());
        };
        const double plainSkill = *plain.trackRecord().metrics.brierSkill;
        const double shrunkSkill = *shrunk.trackRecord().metrics.brierSkill;
        qInfo("martingale direction_1: spread %.2e -> %.2e, Brier skill %.4f -> %.4f, ECE %.4f -> %.4f",
              spread(plainForecasts), spread(shrunkForecasts), plainSkill, shrunkSkill,
              *plain.trackRecord().metrics.ece, *shrunk.trackRecord().metrics.ece);
        QVERIFY(spread(shrunkForecasts) < 0.5 * spread(plainForecasts));
        QVERIFY(shrunkSkill > plainSkill);
        QVERIFY(((shrunkForecasts.rowwise().sum().array() - 1.0).abs() < 1e-9).all());
    }

    // The same for a binary model: a sign-of-move label without a signal, shrunk toward each fold's base
    // rate, sits far closer to it than the plain booster and scores a better Brier skill.
    void shrinkingABinaryModelWithoutASignal()
    {
        const PooledRows rows = poolRows(martingale_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 20000, 5, {}});
        ModelSpec shrinking = spec("up_shrunk");
        shrinking.shrinkTowardClimatology = true;
        const BinaryModel plain = BinaryModel::train(rows, upLabels(martingale_, rows), spec("up_plain"), {});
        const BinaryModel shrunk = BinaryModel::train(rows, upLabels(martingale_, rows), shrinking, {});
        const auto spread = [](const std::vector<double>& forecasts) {
            const Eigen::Map<const Eigen::ArrayXd> p(forecasts.data(), Eigen::Index(forecasts.size()));
            return (p - p.mean()).square().mean();
        };
        const double plainSkill = *plain.trackRecord().metrics.brierSkill;
        const double shrunkSkill = *shrunk.trackRecord().metrics.brierSkill;
        const std::vector<double> plainForecasts = plain.predict(rows.features);
        const std::vector<double> shrunkForecasts = shrunk.predict(rows.features);
        qInfo("martingale up_1: spread %.2e -> %.2e, Brier skill %.4f -> %.4f", spread(plainForecasts),
              spread(shrunkForecasts), plainSkill, shrunkSkill);
        QVERIFY(spread(shrunkForecasts) < 0.5 * spread(plainForecasts));
        QVERIFY(shrunkSkill > plainSkill);
    }

    void quantilesCoverWhatTheyClaim()
    {
        const PooledRows rows = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"move_1"}, 20000, 9, {}});
        const Eigen::VectorXd move = rows.label(planted_, "move_1");
        const QuantileModel model = QuantileModel::train(rows, move, {0.5, 0.9}, spec("move_1_q"), {});
        for (const QuantileTrackRecord& record : model.trackRecord()) {
            QVERIFY(record.coverageLow && record.coverageHigh);
            qInfo("quantile %.2f: coverage %.3f [%.3f, %.3f] on %zu rows", record.quantile, record.coverage, *record.coverageLow,
                  *record.coverageHigh, record.n);
            QVERIFY(std::abs(record.coverage - record.quantile) <= 0.03);
            // The interval surrounds the coverage, and is at least as wide as independent rows would make it.
            QVERIFY(*record.coverageLow < record.coverage && record.coverage < *record.coverageHigh);
            const double independentWidth = 2.0 * 1.959964 * std::sqrt(record.quantile * (1.0 - record.quantile) / double(record.n));
            QVERIFY(*record.coverageHigh - *record.coverageLow > 0.9 * independentWidth);
        }
        const Eigen::MatrixXd predicted = model.predict(rows.features.topRows(100));
        QVERIFY((predicted.col(1).array() >= predicted.col(0).array()).all());
    }

    // Coverage cannot tell a quantile model from the constant its training rows give, which covers as
    // well; the pinball skill against that constant can. Targets the inputs know nothing about: no edge.
    // Targets scaled by a known input: skill and an edge. The record survives save and load.
    void aQuantileModelMustBeatItsTrainingConstant()
    {
        const PooledRows rows = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"move_1"}, 12000, 9, {}});
        std::mt19937_64 random(17);
        std::normal_distribution<double> normal;
        Eigen::VectorXd noise(Eigen::Index(rows.size()));
        for (Eigen::Index i = 0; i < noise.size(); ++i)
            noise[i] = normal(random);
        const QuantileModel blind = QuantileModel::train(rows, noise, {0.5, 0.9}, spec("noise_q"), {});
        for (const QuantileTrackRecord& record : blind.trackRecord()) {
            QVERIFY(record.pinballSkill && record.pinballSkillLow && record.pinballSkillHigh);
            qInfo("noise q%.2f: pinball skill %.4f [%.4f, %.4f]", record.quantile, *record.pinballSkill, *record.pinballSkillLow,
                  *record.pinballSkillHigh);
            QVERIFY(std::abs(*record.pinballSkill) < 0.02);
            QVERIFY(!record.edgeDemonstrated);
        }
        // What such a model's caller shows instead: every training row's own quantile.
        QCOMPARE(int(blind.trainingConstants().size()), 2);
        const std::vector<double> noiseValues(noise.data(), noise.data() + noise.size());
        QCOMPARE(blind.trainingConstants()[0], models::evaluation::pinballOptimalConstant(noiseValues, 0.5));
        QCOMPARE(blind.trainingConstants()[1], models::evaluation::pinballOptimalConstant(noiseValues, 0.9));
        QVERIFY(std::abs(blind.trainingConstants()[0]) < 0.05);            // N(0, 1): median 0
        QVERIFY(std::abs(blind.trainingConstants()[1] - 1.2816) < 0.05);   // 90th percentile 1.2816

        // |noise| times the ticker's own 20-session volatility: the inputs carry the scale.
        const auto column = std::find(rows.columns.begin(), rows.columns.end(), "rv_20");
        QVERIFY(column != rows.columns.end());
        const Eigen::Index rv = Eigen::Index(column - rows.columns.begin());
        Eigen::VectorXd scaled = noise.cwiseAbs();
        for (Eigen::Index i = 0; i < scaled.size(); ++i)
            scaled[i] *= double(rows.features(i, rv));
        const QuantileModel seeing = QuantileModel::train(rows, scaled, {0.5, 0.9}, spec("scaled_q"), {});
        for (const QuantileTrackRecord& record : seeing.trackRecord()) {
            qInfo("scaled q%.2f: pinball skill %.4f [%.4f, %.4f]", record.quantile, *record.pinballSkill, *record.pinballSkillLow,
                  *record.pinballSkillHigh);
            QVERIFY(*record.pinballSkillLow > 0.0);
            QVERIFY(record.edgeDemonstrated);
        }

        QTemporaryDir dir;
        models::ModelStore store(dir.path());
        models::GenerationWriter writer = store.beginGeneration();
        seeing.save(writer);
        writer.commit();
        const QuantileModel loaded = QuantileModel::load(store.current({}), "scaled_q");
        for (std::size_t q = 0; q < 2; ++q) {
            const QuantileTrackRecord& before = seeing.trackRecord()[q];
            const QuantileTrackRecord& after = loaded.trackRecord()[q];
            QCOMPARE(after.pinballSkill, before.pinballSkill);
            QCOMPARE(after.pinballSkillLow, before.pinballSkillLow);
            QCOMPARE(after.pinballSkillHigh, before.pinballSkillHigh);
            QCOMPARE(after.coverageLow, before.coverageLow);
            QCOMPARE(after.coverageHigh, before.coverageHigh);
            QVERIFY(after.coverageLow.has_value());
            QCOMPARE(after.edgeDemonstrated, before.edgeDemonstrated);
        }
        QCOMPARE(loaded.trainingConstants(), seeing.trainingConstants());
    }

    // Rows the features cannot single out (every ticker on one session in 25) whose outcomes differ:
    // up 90 % of the time. The group's shift, fitted on each window's own rows, carries that into the
    // test rows; the other rows' forecasts are exactly those of a model without groups, and the shift
    // survives save and load.
    void groupShiftsCarryWhatTheFeaturesCannotSee()
    {
        const PooledRows rows = poolRows(martingale_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 8000, 5, {}});
        Eigen::VectorXd labels = upLabels(martingale_, rows);
        RowGroups groups(rows.size());
        std::size_t grouped = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows.time[i] % 25 != 0)
                continue;
            groups[i] = "event";
            labels[Eigen::Index(i)] = (i * 7919) % 10 == 0 ? 0.0 : 1.0;
            ++grouped;
        }
        QVERIFY(grouped > 200);
        const BinaryModel plain = BinaryModel::train(rows, labels, spec("up_1"), {});
        // Each window's predictor shifts the rows it is given a group for, and only those.
        int observedFolds = 0;
        const auto groupsOfRows = [&groups](const std::vector<std::size_t>& chosen) {
            std::vector<std::string> named;
            for (std::size_t row : chosen)
                named.push_back(groups[row]);
            return named;
        };
        const BinaryModel shifted = BinaryModel::train(rows, labels, spec("up_1"), {},
                                                       [&](const models::evaluation::Fold& fold, const FoldPredictor& predict) {
                                                           const models::xgb::FeatureMatrixF test = selectRows(rows.features, fold.testRows);
                                                           const std::vector<std::string> testGroups = groupsOfRows(fold.testRows);
                                                           const std::vector<double> without = predict(test, {});
                                                           const std::vector<double> with = predict(test, testGroups);
                                                           for (std::size_t i = 0; i < with.size(); ++i) {
                                                               if (testGroups[i].empty() ? with[i] != without[i] : with[i] <= without[i])
                                                                   return;
                                                           }
                                                           ++observedFolds;
                                                       },
                                                       groups);
        QCOMPARE(observedFolds, shifted.trackRecord().folds);

        QVERIFY2(shifted.groupOffsets().offset("event") > 1.0, qPrintable(QString::number(shifted.groupOffsets().offset("event"))));
        QCOMPARE(plain.groupOffsets().offset("event"), 0.0);
        const OutOfFold& before = plain.outOfFold();
        const OutOfFold& after = shifted.outOfFold();
        QVERIFY(before.rows == after.rows);
        double eventForecast = 0.0, eventOutcome = 0.0;
        std::size_t events = 0;
        for (std::size_t i = 0; i < after.rows.size(); ++i) {
            const std::size_t row = after.rows[i];
            if (groups[row].empty()) {
                QCOMPARE(after.probabilities(Eigen::Index(i), 0), before.probabilities(Eigen::Index(i), 0));
                continue;
            }
            eventForecast += after.probabilities(Eigen::Index(i), 0);
            eventOutcome += labels[Eigen::Index(row)];
            ++events;
        }
        QVERIFY(events > 50);
        qInfo("grouped test rows: %zu, forecast %.3f, observed %.3f", events, eventForecast / events, eventOutcome / events);
        QVERIFY(std::abs(eventForecast / events - eventOutcome / events) < 0.1);
        QVERIFY(*shifted.trackRecord().metrics.auc > *plain.trackRecord().metrics.auc + 0.02);
        QVERIFY(*shifted.trackRecord().metrics.brierSkill > *plain.trackRecord().metrics.brierSkill);

        QTemporaryDir dir;
        models::ModelStore store(dir.path());
        models::GenerationWriter writer = store.beginGeneration();
        shifted.save(writer);
        writer.commit();
        const BinaryModel loaded = BinaryModel::load(store.current({}), "up_1");
        const auto features = rows.features.topRows(200);
        const RowGroups firstGroups(groups.begin(), groups.begin() + 200);
        QVERIFY(std::find(firstGroups.begin(), firstGroups.end(), "event") != firstGroups.end());
        QVERIFY(loaded.predict(features, firstGroups) == shifted.predict(features, firstGroups));
        QVERIFY(loaded.predict(features, firstGroups) != loaded.predict(features));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loaded.predict(features, std::span(groups.data(), 10)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 BinaryModel::train(rows, labels, spec("up_1"), {}, {}, RowGroups(rows.size() - 1)));
    }

    void savedModelsPredictIdentically()
    {
        const PooledRows rows = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 8000, 5, {}});
        const Eigen::VectorXd direction = rows.label(planted_, "direction_1");
        const Eigen::VectorXd classes = direction.array() + 1.0;  // -1/0/+1 -> 0/1/2
        const BinaryModel binary = BinaryModel::train(rows, upLabels(planted_, rows), spec("up_1"), {});
        const MulticlassModel multi = MulticlassModel::train(rows, classes, 3, spec("dir_1"), {});
        ModelSpec shrinking = spec("dir_1_shrunk");
        shrinking.shrinkTowardClimatology = true;
        const MulticlassModel shrunk = MulticlassModel::train(rows, classes, 3, shrinking, {});
        ModelSpec shrinkingBinary = spec("up_1_shrunk");
        shrinkingBinary.shrinkTowardClimatology = true;
        const BinaryModel shrunkBinary = BinaryModel::train(rows, upLabels(planted_, rows), shrinkingBinary, {});

        QTemporaryDir dir;
        models::ModelStore store(dir.path());
        models::GenerationWriter writer = store.beginGeneration();
        binary.save(writer);
        multi.save(writer);
        shrunk.save(writer);
        shrunkBinary.save(writer);
        writer.commit();
        const models::LoadedGeneration generation = store.current({});

        const auto features = rows.features.topRows(200);
        QVERIFY(BinaryModel::load(generation, "up_1").predict(features) == binary.predict(features));
        QVERIFY(MulticlassModel::load(generation, "dir_1").predict(features) == multi.predict(features));
        QVERIFY(MulticlassModel::load(generation, "dir_1_shrunk").predict(features) == shrunk.predict(features));
        QVERIFY(BinaryModel::load(generation, "up_1_shrunk").predict(features) == shrunkBinary.predict(features));
        QVERIFY(BinaryModel::load(generation, "up_1").trackRecord().metrics == binary.trackRecord().metrics);
        // The shown base rate is every training row's, not the first fold's climatology, and survives.
        QCOMPARE(binary.baseRate(), upLabels(planted_, rows).mean());
        QCOMPARE(BinaryModel::load(generation, "up_1").baseRate(), binary.baseRate());
        const Eigen::MatrixXd probabilities = multi.predict(features);
        QVERIFY(((probabilities.rowwise().sum().array() - 1.0).abs() < 1e-9).all());
    }

    void cancellationStopsTraining()
    {
        const PooledRows rows = poolRows(planted_, PoolOptions{FeatureSet::Daily, 60, {"direction_1"}, 8000, 5, {}});
        CancellationToken token;
        int reports = 0;
        const RunControl control(token, [&](double, const QString&) {
            if (++reports == 1)
                token.cancel();
        });
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, BinaryModel::train(rows, upLabels(planted_, rows), spec("up_1"), control));
    }

    void aLinkedTokenStopsWithItsParentButNotTheOtherWay()
    {
        const CancellationToken user;
        const CancellationToken lanes = user.linked();
        const CancellationToken nested = lanes.linked();
        QVERIFY(!lanes.isCancelled() && !nested.isCancelled());
        nested.cancel();
        QVERIFY(nested.isCancelled());
        QVERIFY(!lanes.isCancelled() && !user.isCancelled());
        const CancellationToken other = user.linked();
        user.cancel();
        QVERIFY(other.isCancelled() && lanes.isCancelled());
    }

    void laneProgressIsOneForwardMovingFraction()
    {
        std::vector<std::pair<double, QString>> seen;
        const RunControl overall(CancellationToken(), [&](double fraction, const QString& message) { seen.emplace_back(fraction, message); });
        LaneProgress progress(overall.stage(0.0, 0.5), {2.0, 3.0});
        const RunControl first = progress.lane(0, CancellationToken());
        const RunControl second = progress.lane(1, CancellationToken());
        first.report(0.5, QStringLiteral("a"));
        QCOMPARE(seen.back().second, QStringLiteral("a"));
        QVERIFY(std::abs(seen.back().first - 0.5 * 0.4 * 0.5) < 1e-12);
        second.stage(0.5, 1.0).report(0.0, QStringLiteral("b"));
        QVERIFY(std::abs(seen.back().first - 0.5 * (0.4 * 0.5 + 0.6 * 0.5)) < 1e-12);
        QCOMPARE(seen.back().second, QStringLiteral("a · b"));  // both running lanes, in lane order
        first.report(0.25, QStringLiteral("a again"));  // a lane going back does not move the bar back
        QVERIFY(std::abs(seen.back().first - 0.25) < 1e-12);
        QCOMPARE(seen.back().second, QStringLiteral("a again · b"));
        second.report(0.75, QString());  // no message: the lane's last one stands
        QCOMPARE(seen.back().second, QStringLiteral("a again · b"));
        first.report(1.0, QStringLiteral("a done"));  // a finished lane leaves the line
        QCOMPARE(seen.back().second, QStringLiteral("b"));
        second.report(1.0, QStringLiteral("b done"));
        QVERIFY(std::abs(seen.back().first - 0.5) < 1e-12);
        QCOMPARE(seen.back().second, QStringLiteral("b done"));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, progress.lane(2, CancellationToken()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LaneProgress(overall, {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LaneProgress(overall, {0.0, 0.0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LaneProgress(overall, {1.0, -1.0}));

        // Two lanes on their own threads: the run's reports arrive one at a time and never go back.
        std::vector<double> fractions;
        const RunControl counted(CancellationToken(), [&](double fraction, const QString&) { fractions.push_back(fraction); });
        LaneProgress concurrent(counted, {1.0, 1.0});
        const auto work = [&concurrent](std::size_t lane) {
            const RunControl control = concurrent.lane(lane, CancellationToken());
            for (int step = 1; step <= 2000; ++step)
                control.report(step / 2000.0, QString());
        };
        {
            const std::jthread other(work, 0);
            work(1);
        }
        QCOMPARE(fractions.size(), std::size_t{4000});
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);
    }

    void aFailedLaneStopsTheOthersAndItsErrorIsWhatTheCallerSees()
    {
        // A lane that would run for a minute unless cancelled, checking its token as training loops do.
        std::atomic<bool> sawCancellation = false;
        const auto patient = [&sawCancellation](const RunControl& control) {
            for (int step = 0; step < 60000; ++step) {
                if (control.isCancelled()) {
                    sawCancellation = true;
                    control.throwIfCancelled();
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        };
        const auto failing = [](const RunControl& control) {
            control.report(0.5, QStringLiteral("half way"));
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            throw std::runtime_error("the BiLSTM diverged");
        };
        QElapsedTimer timer;
        timer.start();
        for (const std::vector<Lane>& lanes : {std::vector<Lane>{{1.0, failing}, {1.0, patient}}, std::vector<Lane>{{1.0, patient}, {1.0, failing}}}) {
            sawCancellation = false;
            try {
                runInLanes(lanes, RunControl());
                QFAIL("runInLanes returned although a lane failed");
            } catch (const std::runtime_error& error) {
                QCOMPARE(QString::fromUtf8(error.what()), QStringLiteral("the BiLSTM diverged"));
            }
            QVERIFY(sawCancellation);
        }
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));

        // The user's cancel stops every lane, and the run ends cancelled; the user's token is only read.
        const CancellationToken user;
        const RunControl cancellable(user, {});
        user.cancel();
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, runInLanes({{1.0, patient}, {1.0, patient}}, cancellable));

        // Lanes that finish: each ran once, and the bar reached the end.
        std::atomic<int> runs = 0;
        double last = 0.0;
        const RunControl finishing(CancellationToken(), [&last](double fraction, const QString&) { last = fraction; });
        const auto quick = [&runs](const RunControl& control) {
            ++runs;
            control.report(1.0, QString());
        };
        runInLanes({{2.0, quick}, {1.0, quick}, {1.0, quick}}, finishing);
        QCOMPARE(runs.load(), 3);
        QCOMPARE(last, 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runInLanes({}, finishing));
    }
};

QTEST_GUILESS_MAIN(EnginesCoreTest)
#include "test_engines_core.moc"
