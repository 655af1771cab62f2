// Execution engine and verdict. On a DEMO universe (NIFTY + ~80 stocks spanning liquid and illiquid
// names, 3 years) the engine is trained on half the stocks and the first two thirds of the sessions;
// the other half, in the later sessions, is the external hold-out. Proves: the regime forest shows an
// edge on held-out tickers (its own grouped walk-forward and the external hold-out); Q50/Q90 coverage
// within 3 points on held-out tickers and later dates; a ticker-identity feature fools a plain time
// split but not the grouped one; slippage is ordered and monotone in order size; save -> load gives
// identical outputs; cancellation stops training; fill() never emits NaN and validates. The verdict
// is unit-tested branch by branch on constructed reports.

#include "demo_execution_universe.h"

#include "engines/execution/calibrated_forest.h"
#include "engines/execution/execution_engine.h"
#include "engines/execution/slippage_rows.h"
#include "engines/execution/verdict.h"

#include "engines/labels/label_table.h"
#include "engines/report/json_schema.h"
#include "engines/report/report_json.h"

#include "models/evaluation/metrics_report.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <iterator>
#include <memory>

using namespace aegis;
using namespace aegis::engines;
using nlohmann::json;

namespace {

constexpr int kStockStride = 6;  // every 6th of ~500 stocks: ~83 stocks
constexpr int kYears = 3;
constexpr std::uint64_t kSeed = 17;
constexpr double kCoverageTolerance = 0.03;
constexpr int kEmbargoSessions = 5;

ExecutionTrainingOptions testOptions()
{
    ExecutionTrainingOptions options;
    options.maxRows = 40000;
    return options;
}

json subSchema(const char* section)
{
    const json& full = report::reportSchema();
    json schema = full.at("properties").at(section);
    schema["definitions"] = full.at("definitions");
    return schema;
}

QStringList schemaErrors(const json& schema, const json& document)
{
    QStringList errors;
    for (const std::string& error : report::validateAgainstSchema(schema, document))
        errors << QString::fromStdString(error);
    return errors;
}

bool isHeldOut(int stockOrdinal)
{
    return stockOrdinal % 2 == 1;
}

// ---- constructed reports for the verdict ----

report::Horizon horizon(int sessions, const QString& direction, double conviction, bool edge, std::optional<double> points)
{
    report::Horizon h;
    h.key = QStringLiteral("t%1").arg(sessions);
    h.label = h.key;
    h.sessions = sessions;
    h.call.direction = direction;
    h.call.conviction = conviction;
    h.call.expectedMovePoints = points;
    h.call.edge.demonstrated = edge;
    if (edge) {
        h.call.edge.auc = 0.56;
        h.call.edge.aucLow = 0.53;
        h.call.edge.aucHigh = 0.59;
    }
    return h;
}

report::TickerReport constructedReport()
{
    report::TickerReport report;
    report.market.spot = 24000.0;
    report.direction.horizons = {horizon(1, QStringLiteral("NEUTRAL"), 0.41, false, 90.0),
                                 horizon(5, QStringLiteral("NEUTRAL"), 0.38, false, 210.0),
                                 horizon(20, QStringLiteral("UP"), 0.40, false, 420.0)};
    for (double size : kOrderSizesInr)
        report.execution.slippage.push_back({size, 2.0 + size / 1e5, 5.0 + 2.0 * size / 1e5});
    report.execution.regime = QStringLiteral("NORMAL");
    report.execution.regimeProbability = 0.38;
    report.seller.sellerFlag.label = QStringLiteral("CAUTION");
    report.buyer.buyerEnvironment.label = QStringLiteral("SPECULATIVE_ONLY");
    return report;
}

}  // namespace

class EnginesExecutionTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<testing::DemoExecutionMarket> market_;
    std::unique_ptr<UniverseData> full_;       // every ticker, every session
    std::unique_ptr<UniverseData> training_;   // NIFTY + even stocks, sessions up to cut_
    std::unique_ptr<ExecutionEngine> engine_;  // trained on training_
    QDate cut_;

    // The external hold-out: odd stocks of full_, sessions after cut_ + embargo, forecast in one batch.
    std::vector<ForecastPoint> heldOutRows_;
    std::vector<ExecutionForecast> heldOutForecasts_;

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        market_ = std::make_unique<testing::DemoExecutionMarket>(testing::demoExecutionMarket(kStockStride, kYears, kSeed));
        const qint64 generated = timer.restart();
        full_ = std::make_unique<UniverseData>(
            testing::demoExecutionUniverse(*market_, QDate(9999, 1, 1), [](const data::Ticker&) { return true; }));
        const qint64 built = timer.restart();
        QVERIFY(full_->tickers.size() >= 60);

        const std::vector<QDate>& sessions = full_->find(data::kNiftySymbol)->features.dates;
        cut_ = sessions[sessions.size() * 2 / 3];
        QHash<QString, int> ordinal;
        int stocks = 0;
        for (const TickerData& ticker : full_->tickers) {
            if (ticker.ticker.kind == data::TickerKind::Stock)
                ordinal.insert(ticker.ticker.symbol, stocks++);
        }
        training_ = std::make_unique<UniverseData>(testing::demoExecutionUniverse(*market_, cut_, [&](const data::Ticker& ticker) {
            return ticker.kind != data::TickerKind::Stock || !isHeldOut(ordinal.value(ticker.symbol));
        }));
        const qint64 builtTraining = timer.restart();

        engine_ = std::make_unique<ExecutionEngine>(ExecutionEngine::train(*training_, testOptions(), RunControl()));
        const qint64 trained = timer.elapsed();
        const ExecutionTimings& t = engine_->timings();
        qInfo("DEMO market %lld ms, universe (%zu tickers) %lld ms, training universe (%zu tickers to %s) %lld ms",
              generated, full_->tickers.size(), built, training_->tickers.size(), qPrintable(cut_.toString(Qt::ISODate)),
              builtTraining);
        qInfo("execution training %lld ms: pooling %.2f s, regime forest %.2f s, slippage quantiles %.2f s",
              trained, t.poolingSeconds, t.regimeSeconds, t.slippageSeconds);

        const QDate firstEvaluated = [&] {
            const auto after = std::upper_bound(sessions.begin(), sessions.end(), cut_);
            return *(after + kEmbargoSessions);
        }();
        for (const TickerData& ticker : full_->tickers) {
            if (ticker.ticker.kind != data::TickerKind::Stock || !isHeldOut(ordinal.value(ticker.ticker.symbol)))
                continue;
            for (int row = 0; row < ticker.execution.rows(); ++row) {
                if (ticker.execution.dates[std::size_t(row)] >= firstEvaluated)
                    heldOutRows_.push_back({&ticker, row});
            }
        }
        QVERIFY(heldOutRows_.size() > 5000);
        timer.restart();
        heldOutForecasts_ = engine_->forecast(heldOutRows_);
        qInfo("batched forecast of %zu held-out rows: %lld ms", heldOutRows_.size(), timer.elapsed());
    }

    void regimeForestShowsAnEdgeOnHeldOutTickers()
    {
        const TrackRecord& record = engine_->regimeModel().trackRecord();
        qInfo("regime forest, grouped walk-forward: n %zu, AUC %.3f [%.3f, %.3f], Brier skill %.3f, ECE %.4f, folds %d",
              record.metrics.n, *record.metrics.auc, record.metrics.aucCi->low, record.metrics.aucCi->high,
              *record.metrics.brierSkill, *record.metrics.ece, record.folds);
        QVERIFY(record.edgeDemonstrated);
        QVERIFY(*record.metrics.brierSkill > 0.0);
        QVERIFY(*record.metrics.ece < 0.05);

        // External hold-out: tickers never trained on, sessions after the training data ended.
        Eigen::MatrixXd probabilities(Eigen::Index(heldOutRows_.size()), kRegimeCount);
        std::vector<int> outcomes;
        Eigen::Index at = 0;
        std::vector<int> predictedCount(kRegimeCount, 0);
        for (std::size_t i = 0; i < heldOutRows_.size(); ++i) {
            const ForecastPoint& held = heldOutRows_[i];
            const std::optional<double> regime = held.ticker->labels.value(held.row, "exec_regime");
            if (!regime)
                continue;
            const ExecutionForecast& forecast = heldOutForecasts_[i];
            QCOMPARE(int(forecast.regimeProbabilities.size()), kRegimeCount);
            for (int c = 0; c < kRegimeCount; ++c)
                probabilities(at, c) = forecast.regimeProbabilities[std::size_t(c)];
            Eigen::Index best = 0;
            probabilities.row(at).maxCoeff(&best);
            ++predictedCount[std::size_t(best)];
            outcomes.push_back(int(*regime));
            ++at;
        }
        probabilities.conservativeResize(at, kRegimeCount);
        const models::evaluation::MetricsReport external = models::evaluation::evaluateMulticlassClassifier(
            probabilities, outcomes, engine_->regimeModel().climatology());
        qInfo("regime forest, external hold-out: n %lld, AUC %.3f, Brier skill %.3f, ECE %.4f; predicted LOW/NORMAL/HIGH/SEVERE "
              "%d/%d/%d/%d", static_cast<long long>(at), *external.auc, *external.brierSkill, *external.ece,
              predictedCount[0], predictedCount[1], predictedCount[2], predictedCount[3]);
        QVERIFY(*external.auc > 0.65);
        QVERIFY(*external.brierSkill > 0.0);
        for (int count : predictedCount)
            QVERIFY2(count > 0, "every regime must be reachable");
    }

    void slippageCoverageWithinThreePoints()
    {
        for (const QuantileTrackRecord& quantile : engine_->slippageModel().trackRecord()) {
            qInfo("slippage Q%.0f, grouped walk-forward: coverage %.4f over %zu rows, pinball %.4f",
                  100.0 * quantile.quantile, quantile.coverage, quantile.n, quantile.pinball);
            QVERIFY(std::abs(quantile.coverage - quantile.quantile) <= kCoverageTolerance);
        }

        // External hold-out, through forecast(): per quantile over all sizes, and per size.
        constexpr int sizes = int(std::size(kOrderSizesInr));
        int below50[sizes] = {}, below90[sizes] = {}, counted[sizes] = {};
        for (std::size_t i = 0; i < heldOutRows_.size(); ++i) {
            const ForecastPoint& held = heldOutRows_[i];
            const ExecutionForecast& forecast = heldOutForecasts_[i];
            for (int s = 0; s < sizes; ++s) {
                const std::optional<double> realised = held.ticker->labels.value(held.row, execCostName(kOrderSizesInr[s]));
                if (!realised)
                    continue;
                const report::Slippage& predicted = forecast.slippage[std::size_t(s)];
                QVERIFY(predicted.q50Bps && predicted.q90Bps);
                below50[s] += *realised <= *predicted.q50Bps;
                below90[s] += *realised <= *predicted.q90Bps;
                ++counted[s];
            }
        }
        int all50 = 0, all90 = 0, all = 0;
        for (int s = 0; s < sizes; ++s) {
            qInfo("slippage %s, external hold-out: Q50 coverage %.4f, Q90 coverage %.4f (n %d)",
                  qPrintable(orderValueText(kOrderSizesInr[s])), double(below50[s]) / counted[s], double(below90[s]) / counted[s],
                  counted[s]);
            QVERIFY(std::abs(double(below50[s]) / counted[s] - 0.5) <= 0.05);
            QVERIFY(std::abs(double(below90[s]) / counted[s] - 0.9) <= 0.05);
            all50 += below50[s];
            all90 += below90[s];
            all += counted[s];
        }
        qInfo("slippage, external hold-out over all sizes: Q50 %.4f, Q90 %.4f (n %d)", double(all50) / all, double(all90) / all, all);
        QVERIFY(std::abs(double(all50) / all - 0.5) <= kCoverageTolerance);
        QVERIFY(std::abs(double(all90) / all - 0.9) <= kCoverageTolerance);
    }

    // A column that is a constant per ticker (a shuffled ticker code: a pure lookup key) lets a
    // model memorise each ticker's usual regime. A plain time split tests the same tickers it trained
    // on and rewards that; the grouped split tests unseen tickers and exposes it.
    void tickerIdentityFoolsTimeSplitButNotGroupedSplit()
    {
        PoolOptions pool;
        pool.featureSet = FeatureSet::Execution;
        pool.requiredLabels = {"exec_regime"};
        pool.maxRows = 20000;
        pool.seed = 3;
        pool.includeTicker = [](const TickerData& ticker) { return ticker.ticker.kind == data::TickerKind::Stock; };
        const PooledRows honest = poolRows(*training_, pool);
        const Eigen::VectorXd labels = honest.label(*training_, "exec_regime");

        PooledRows leaky = honest;
        leaky.columns = {"ticker_code"};
        leaky.features.resize(Eigen::Index(honest.size()), 1);
        for (std::size_t i = 0; i < honest.size(); ++i)
            leaky.features(Eigen::Index(i), 0) = float((honest.ticker[i] * 7919) % 1009);

        // How much of the label the identity carries: between-ticker share of the label's variance.
        const double mean = labels.mean();
        std::map<int, std::pair<double, int>> byTicker;
        for (std::size_t i = 0; i < honest.size(); ++i) {
            byTicker[honest.ticker[i]].first += labels[Eigen::Index(i)];
            ++byTicker[honest.ticker[i]].second;
        }
        double between = 0.0;
        for (const auto& [ticker, sum] : byTicker)
            between += sum.second * std::pow(sum.first / sum.second - mean, 2.0);
        const double etaSquared = between / (labels.array() - mean).square().sum();
        qInfo("ticker identity explains %.2f of the regime label's variance", etaSquared);
        QVERIFY(etaSquared > 0.3);

        ForestSpec spec;
        spec.name = "leaky";
        spec.trees = 20;
        spec.walkForward.labelHorizon = 1;
        spec.walkForward.bootstrapResamples = 100;
        const CalibratedForest timeSplit = CalibratedForest::train(leaky, labels, kRegimeCount, spec, RunControl());
        spec.walkForward.tickerGroups = 2;
        const CalibratedForest grouped = CalibratedForest::train(leaky, labels, kRegimeCount, spec, RunControl());
        const CalibratedForest honestGrouped = CalibratedForest::train(honest, labels, kRegimeCount, spec, RunControl());

        const auto& time = timeSplit.trackRecord().metrics;
        const auto& held = grouped.trackRecord().metrics;
        const auto& real = honestGrouped.trackRecord().metrics;
        qInfo("leaky model: time split AUC %.3f [%.3f, %.3f] (edge %d); grouped AUC %.3f [%.3f, %.3f] (edge %d); "
              "honest model grouped AUC %.3f",
              *time.auc, time.aucCi->low, time.aucCi->high, timeSplit.trackRecord().edgeDemonstrated, *held.auc,
              held.aucCi->low, held.aucCi->high, grouped.trackRecord().edgeDemonstrated, *real.auc);
        QVERIFY(timeSplit.trackRecord().edgeDemonstrated);
        QVERIFY(*time.auc > 0.62);
        QVERIFY(!grouped.trackRecord().edgeDemonstrated);
        QVERIFY(*held.auc < *time.auc - 0.12);
        QVERIFY(*held.auc < 0.58);
        QVERIFY(*real.auc > *held.auc + 0.1);
    }

    void slippageIsOrderedAndMonotoneInOrderSize()
    {
        std::vector<report::Slippage> rows = {{1e5, 8.0, 20.0}, {2.5e5, 7.0, 25.0}, {5e5, 12.0, 11.0}, {1e6, std::nullopt, std::nullopt}};
        makeMonotoneInOrderSize(rows);
        QCOMPARE(*rows[1].q50Bps, 8.0);   // raised to the smaller order's Q50
        QCOMPARE(*rows[1].q90Bps, 25.0);
        QCOMPARE(*rows[2].q50Bps, 12.0);
        QCOMPARE(*rows[2].q90Bps, 25.0);  // raised to the running Q90, which already exceeds its Q50
        QVERIFY(!rows[3].q50Bps && !rows[3].q90Bps);

        int raisedAboveInputs = 0;
        for (const TickerData& ticker : full_->tickers) {
            const ExecutionForecast forecast = engine_->forecast(ticker, ticker.lastRow());
            QCOMPARE(int(forecast.slippage.size()), int(std::size(kOrderSizesInr)));
            if (ticker.ticker.kind != data::TickerKind::Stock) {
                QVERIFY(!forecast.slippage.front().q50Bps);
                QVERIFY(!forecast.reason.isEmpty());
                continue;
            }
            for (std::size_t s = 0; s < forecast.slippage.size(); ++s) {
                const report::Slippage& row = forecast.slippage[s];
                QCOMPARE(row.orderValueInr, kOrderSizesInr[s]);
                QVERIFY(row.q50Bps && row.q90Bps);
                QVERIFY(*row.q50Bps >= 0.0 && *row.q50Bps <= *row.q90Bps);
                if (s > 0) {
                    QVERIFY(*row.q50Bps >= *forecast.slippage[s - 1].q50Bps);
                    QVERIFY(*row.q90Bps >= *forecast.slippage[s - 1].q90Bps);
                }
            }
            raisedAboveInputs += *forecast.slippage.back().q50Bps > *forecast.slippage.front().q50Bps;
        }
        qInfo("%d stocks pay more at 10 L than at 1 L (Q50)", raisedAboveInputs);
        QVERIFY(raisedAboveInputs > 0);
    }

    void fillNeverEmitsNanAndValidates()
    {
        const json executionSchema = subSchema("execution");
        QElapsedTimer timer;
        timer.start();
        std::vector<report::TickerReport> reports;
        for (const TickerData& ticker : full_->tickers) {
            report::TickerReport report;
            engine_->fill(*full_, ticker, 0, report);
            report.execution.verdict = buildVerdict(report);
            reports.push_back(std::move(report));
        }
        qInfo("execution fill + verdict for %zu tickers one by one: %lld ms", reports.size(), timer.restart());
        const std::vector<ExecutionForecast> batch = engine_->forecastLatest(*full_);
        for (std::size_t i = 0; i < reports.size(); ++i) {
            report::TickerReport batched;
            engine_->fill(batch[i], batched);
            batched.execution.verdict = buildVerdict(batched);
            QCOMPARE(report::toJson(batched).at("execution").dump(), report::toJson(reports[i]).at("execution").dump());
        }
        qInfo("batched: forecastLatest + fill + verdict for %zu tickers: %lld ms", reports.size(), timer.elapsed());
        QSet<QString> regimes;
        for (const report::TickerReport& report : reports) {
            const json document = report::toJson(report).at("execution");
            const QStringList errors = schemaErrors(executionSchema, document);
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
            QVERIFY(!report::serialise(document).isEmpty());  // throws on NaN/inf
            regimes << report.execution.regime;
            if (report.execution.regime.isEmpty())
                QVERIFY(!report.execution.reason.isEmpty());
        }
        qInfo("regimes shown at the last session: %s", qPrintable(QStringList(regimes.values()).join(QLatin1Char(' '))));
        QVERIFY(regimes.size() >= 3);

        report::Evaluation evaluation;
        evaluation.from = training_->firstSession;
        evaluation.to = training_->lastSession;
        evaluation.models = engine_->evaluations();
        QCOMPARE(int(evaluation.models.size()), 3);
        // Each report says, beside its slippage, whether that quantile beat one constant cost.
        for (const report::ModelEvaluation& model : evaluation.models) {
            const bool* shown = model.target == QLatin1String("exec_cost_q50")   ? &reports.front().execution.slippageQ50EdgeDemonstrated
                                : model.target == QLatin1String("exec_cost_q90") ? &reports.front().execution.slippageQ90EdgeDemonstrated
                                                                                 : nullptr;
            if (shown)
                QCOMPARE(*shown, model.edgeDemonstrated);
        }
        const QStringList errors = schemaErrors(subSchema("evaluation"), report::toJson(evaluation));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    }

    void indexAndShortHistoryGetNullsWithReasons()
    {
        report::TickerReport report;
        engine_->fill(*full_, *full_->find(data::kNiftySymbol), 0, report);
        QVERIFY(report.execution.regime.isEmpty());
        QVERIFY(!report.execution.regimeProbability);
        QVERIFY(report.execution.reason.contains(QStringLiteral("index")));
        for (const report::Slippage& row : report.execution.slippage)
            QVERIFY(!row.q50Bps && !row.q90Bps);

        const TickerData* stock = nullptr;
        for (const TickerData& ticker : full_->tickers) {
            if (ticker.ticker.kind == data::TickerKind::Stock) {
                stock = &ticker;
                break;
            }
        }
        const ExecutionForecast early = engine_->forecast(*stock, 3);  // ADV needs 20 sessions
        QVERIFY(early.regimeProbabilities.empty());
        QVERIFY(!early.slippage.front().q50Bps);
        QVERIFY(early.reason.contains(QStringLiteral("traded value")));
    }

    void saveLoadGivesIdenticalOutputs()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const models::ModelStore store(directory.path());
        models::GenerationWriter writer = store.beginGeneration();
        engine_->save(writer);
        writer.commit();
        const models::LoadedGeneration generation = store.current(QString());
        for (const auto& [name, bytes] : generation.artifacts)
            QVERIFY2(name.startsWith(QStringLiteral("execution_")), qPrintable(name));
        const ExecutionEngine loaded = ExecutionEngine::load(generation);
        for (std::size_t i = 0; i < full_->tickers.size(); i += 5) {
            report::TickerReport original, restored;
            engine_->fill(*full_, full_->tickers[i], 0, original);
            loaded.fill(*full_, full_->tickers[i], 0, restored);
            original.execution.verdict = buildVerdict(original);
            restored.execution.verdict = buildVerdict(restored);
            QCOMPARE(report::toJson(restored).at("execution").dump(), report::toJson(original).at("execution").dump());
        }
        QCOMPARE(report::toJson(report::Evaluation{{}, {}, loaded.evaluations()}).dump(),
                 report::toJson(report::Evaluation{{}, {}, engine_->evaluations()}).dump());
    }

    void cancellationStopsTraining()
    {
        CancellationToken token;
        int reports = 0;
        const RunControl control(token, [&](double, const QString&) {
            if (++reports == 2)
                token.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, ExecutionEngine::train(*training_, testOptions(), control));
        qInfo("cancelled after %lld ms", timer.elapsed());
        QVERIFY(timer.elapsed() < 0.5 * 1000.0 * engine_->timings().totalSeconds + 2000.0);
    }

    // ---- verdict ----

    void verdictWithoutHorizonsIsNoCall()
    {
        report::TickerReport report = constructedReport();
        report.direction.horizons.clear();
        const report::Verdict verdict = buildVerdict(report);
        QCOMPARE(verdict.direction, QStringLiteral("NO_CALL"));
        QVERIFY(!verdict.points);
        QVERIFY(!verdict.confidence);
        QVERIFY(verdict.explanation.contains(QStringLiteral("no direction forecast")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("no edge was demonstrated")));
    }

    void verdictWithoutEdgeIsNoCallAtTheBaseRate()
    {
        const report::TickerReport report = constructedReport();
        const report::Verdict verdict = buildVerdict(report);
        QCOMPARE(verdict.direction, QStringLiteral("NO_CALL"));
        QVERIFY(!verdict.points);
        QVERIFY(!verdict.confidence);  // no call, no confidence: the base rate is in the text
        QVERIFY(verdict.explanation.startsWith(QStringLiteral("No call: no edge was demonstrated")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("Base rate over 1 session: NEUTRAL 41 % (past frequencies, with the training years' trend discounted")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("Round-trip cost ≈ 14 bps at ₹5 L (up to 30 bps one time in ten)")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("execution regime NORMAL (probability 38 %)")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("option seller flag CAUTION")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("option buyer environment SPECULATIVE_ONLY")));
        QVERIFY(!verdict.explanation.contains(QStringLiteral("UP")));

        // A base rate with no lean left is a tie, shown as one.
        report::TickerReport symmetric = constructedReport();
        report::DirectionCall& call = symmetric.direction.horizons.front().call;
        call.probDown = call.probUp = 0.383475;
        call.probNeutral = 0.23305;
        call.conviction = call.probNeutral;
        const report::Verdict tie = buildVerdict(symmetric);
        QCOMPARE(tie.direction, QStringLiteral("NO_CALL"));
        QVERIFY2(tie.explanation.contains(QStringLiteral("Base rate over 1 session: UP and DOWN equally likely, 38 % each (NEUTRAL 23 %)")),
                 qPrintable(tie.explanation));
    }

    void verdictTakesTheNearestHorizonWithAnEdge()
    {
        report::TickerReport report = constructedReport();
        report.direction.horizons.push_back(horizon(40, QStringLiteral("DOWN"), 0.45, true, 700.0));
        report.direction.horizons[1] = horizon(5, QStringLiteral("UP"), 0.46, true, 85.0);
        const report::Verdict verdict = buildVerdict(report);
        QCOMPARE(verdict.direction, QStringLiteral("UP"));
        QCOMPARE(*verdict.points, 85.0);
        QCOMPARE(verdict.confidence.value_or(-1.0), 0.46);
        QVERIFY(verdict.explanation.startsWith(QStringLiteral("UP over 5 sessions, the nearest horizon with a demonstrated edge "
                                                              "(walk-forward AUC 0.56, interval 0.53-0.59): probability 46 %.")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("Expected move 85.0 pts (0.35 %) over 5 sessions vs round-trip cost "
                                                            "≈ 14 bps at ₹5 L")));
        QVERIFY(!verdict.explanation.contains(QStringLiteral("does not cover")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("Other horizons with an edge: DOWN over 40 sessions.")));
        // A stock's move is in rupees, not index points.
        report.meta.kind = QStringLiteral("stock");
        QVERIFY(buildVerdict(report).explanation.contains(QStringLiteral("Expected move ₹85.0 (0.35 %) over 5 sessions")));
    }

    // A Budget among the next five sessions closes the verdict, with or without a call; none, nothing.
    void verdictNamesAScheduledEvent()
    {
        report::TickerReport report = constructedReport();
        QVERIFY(!buildVerdict(report).explanation.contains(QStringLiteral("Scheduled")));
        for (int day = 1; day <= 5; ++day)
            report.buyer.breakoutNext.push_back({day, 0.1, QStringLiteral("LOW"), QDate(2025, 1, 29).addDays(day), {}});
        report.buyer.breakoutNext[2].session = QDate(2025, 2, 1);
        report.buyer.breakoutNext[2].event = QStringLiteral("Union Budget");
        report.buyer.breakoutNext[2].score = 0.46;
        QVERIFY(buildVerdict(report).explanation.endsWith(
            QStringLiteral("Scheduled: Union Budget on Sat 1 Feb (breakout probability 46 %).")));
        report.direction.horizons[0] = horizon(1, QStringLiteral("DOWN"), 0.44, true, 24.0);
        QVERIFY(buildVerdict(report).explanation.endsWith(
            QStringLiteral("Scheduled: Union Budget on Sat 1 Feb (breakout probability 46 %).")));
        report.buyer.breakoutNext[2].score.reset();
        QVERIFY(buildVerdict(report).explanation.endsWith(QStringLiteral("Scheduled: Union Budget on Sat 1 Feb.")));
    }

    void verdictSaysWhenTheMoveDoesNotCoverCosts()
    {
        report::TickerReport report = constructedReport();
        report.direction.horizons[0] = horizon(1, QStringLiteral("DOWN"), 0.44, true, 24.0);  // 10 bps < 14 bps round trip
        const report::Verdict verdict = buildVerdict(report);
        QCOMPARE(verdict.direction, QStringLiteral("DOWN"));
        QCOMPARE(*verdict.points, 24.0);
        QVERIFY(verdict.explanation.contains(QStringLiteral("over 1 session vs round-trip cost")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("The expected move does not cover the round-trip cost at this size.")));
        // Where the magnitude model showed no edge, the move is the typical one, and named so.
        report.direction.horizons[0].call.expectedMoveBasis = report::kTypicalMove;
        const QString typical = buildVerdict(report).explanation;
        QVERIFY2(typical.contains(QStringLiteral("Typical move (no demonstrated edge for its size) 24.0 pts (0.10 %) over 1 session vs ")),
                 qPrintable(typical));
        QVERIFY(typical.contains(QStringLiteral("The typical move does not cover the round-trip cost at this size.")));
    }

    void verdictTreatsNonFiniteInputsAsMissing()
    {
        report::TickerReport report = constructedReport();
        report.direction.horizons[0] = horizon(1, QStringLiteral("DOWN"), 0.44, true, std::numeric_limits<double>::infinity());
        for (report::Slippage& row : report.execution.slippage)
            row.q90Bps = std::numeric_limits<double>::quiet_NaN();
        const report::Verdict verdict = buildVerdict(report);
        QCOMPARE(verdict.direction, QStringLiteral("DOWN"));
        QVERIFY(!verdict.points);
        QVERIFY(verdict.explanation.contains(QStringLiteral("Expected move not available. Round-trip cost ≈ 14 bps at ₹5 L.")));
        QVERIFY2(!verdict.explanation.contains(QStringLiteral("inf")) && !verdict.explanation.contains(QStringLiteral("nan")),
                 qPrintable(verdict.explanation));
    }

    void verdictQuotesTheChosenOrderSize()
    {
        report::TickerReport report = constructedReport();
        report.direction.horizons[1] = horizon(5, QStringLiteral("UP"), 0.46, true, 85.0);
        const report::Verdict verdict = buildVerdict(report, 1e6);
        QVERIFY(verdict.explanation.contains(QStringLiteral("round-trip cost ≈ 24 bps at ₹10 L (up to 50 bps one time in ten)")));
        QCOMPARE(orderValueText(2.5e5), QStringLiteral("₹2.5 L"));
        QCOMPARE(orderValueText(1e5), QStringLiteral("₹1 L"));
        QVERIFY(!slippageAt(report.execution, 3e5));
    }

    void verdictNamesMissingCostsAndMoves()
    {
        report::TickerReport report = constructedReport();
        report.direction.horizons[1] = horizon(5, QStringLiteral("UP"), 0.46, true, std::nullopt);
        for (report::Slippage& row : report.execution.slippage)
            row.q50Bps = row.q90Bps = std::nullopt;
        report.execution.reason = QStringLiteral("NIFTY is an index");
        report.execution.regime.clear();
        report.execution.regimeProbability.reset();
        report.seller.sellerFlag.label.clear();
        report.buyer.buyerEnvironment.label.clear();
        const report::Verdict verdict = buildVerdict(report);
        QCOMPARE(verdict.direction, QStringLiteral("UP"));
        QVERIFY(!verdict.points);
        QVERIFY(verdict.explanation.contains(QStringLiteral("Expected move not available.")));
        QVERIFY(verdict.explanation.contains(QStringLiteral("The round-trip cost at ₹5 L is not estimated: NIFTY is an index.")));
        QVERIFY(!verdict.explanation.contains(QStringLiteral("regime")));
        QVERIFY(!verdict.explanation.contains(QStringLiteral("option")));

        report.direction.horizons[1].call.expectedMovePoints = 85.0;
        QVERIFY(buildVerdict(report).explanation.contains(
            QStringLiteral("Expected move 85.0 pts (0.35 %) over 5 sessions. The round-trip cost at ₹5 L is not estimated")));
    }

    void verdictNeutralSaysNoDirectionalTrade()
    {
        report::TickerReport report = constructedReport();
        report.direction.horizons[0] = horizon(1, QStringLiteral("NEUTRAL"), 0.52, true, 90.0);
        const report::Verdict verdict = buildVerdict(report);
        QCOMPARE(verdict.direction, QStringLiteral("NEUTRAL"));
        QCOMPARE(verdict.confidence.value_or(-1.0), 0.52);
        QVERIFY(verdict.explanation.contains(QStringLiteral("no directional trade is suggested")));
    }

    void verdictConfidenceStaysAProbabilityAndValidates()
    {
        report::TickerReport report = constructedReport();
        report.direction.horizons[2] = horizon(20, QStringLiteral("UP"), 1.2, true, 420.0);
        const report::Verdict verdict = buildVerdict(report);
        QCOMPARE(verdict.confidence.value_or(-1.0), 1.0);
        report.execution.verdict = verdict;
        const QStringList errors = schemaErrors(subSchema("execution"), report::toJson(report).at("execution"));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        report.execution.verdict = buildVerdict(constructedReport());
        QVERIFY(schemaErrors(subSchema("execution"), report::toJson(report).at("execution")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(EnginesExecutionTest)
#include "test_engines_execution.moc"
