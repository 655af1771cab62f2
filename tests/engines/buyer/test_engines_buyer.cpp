// The buyer engine on a small DEMO universe: calibrated breakout models with a demonstrated edge (from
// volatility clustering), every label and flag state reachable, regime statistics on constructed
// paths, gamma windows with and without intraday bars, schema-valid NaN-free reports, save → load
// identity and cancellation.
#include "data/calendar/nse_calendar.h"
#include "engines/buyer/buyer_engine.h"
#include "engines/buyer/buyer_rules.h"
#include "engines/buyer/gamma_windows.h"
#include "engines/buyer/session_range.h"
#include "engines/core/pooled_rows.h"
#include "engines/labels/label_table.h"

#include "engines/report/json_schema.h"
#include "engines/report/report_json.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"

#include "engines/seller/demo_universe_fixture.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>
#include <ctime>

using namespace aegis;
using namespace aegis::engines;

namespace {

// Process CPU time (all threads): wall time on a shared machine says little about the cost.
double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

constexpr int kStocks = 45;
constexpr int kYears = 4;

nlohmann::json buyerSchema()
{
    const nlohmann::json& full = report::reportSchema();
    nlohmann::json schema = full.at("properties").at("buyer");
    schema["definitions"] = full.at("definitions");
    return schema;
}

std::int64_t afterLastClose(const TickerData& ticker)
{
    return ticker.intraday.bars.back().utc + 3600;
}

nlohmann::json buyerJson(const BuyerEngine& engine, const UniverseData& universe, const TickerData& ticker)
{
    report::TickerReport report;
    engine.fill(universe, ticker, ticker.intraday.empty() ? 0 : afterLastClose(ticker), report);
    return report::toJson(report).at("buyer");
}

std::vector<double> geometricPath(const std::vector<double>& returns)
{
    std::vector<double> closes{100.0};
    for (double r : returns)
        closes.push_back(closes.back() * std::exp(r));
    return closes;
}

}  // namespace

class EnginesBuyerTest : public QObject {
    Q_OBJECT

    UniverseData universe_ = UniverseData();
    std::vector<BuyerEngine> engine_;

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        universe_ = testing::smallDemoUniverse(kStocks, kYears, false);
        qInfo("DEMO universe of %zu tickers x %d years built in %lld ms", universe_.tickers.size(), kYears, timer.elapsed());
        timer.restart();
        const double cpu = cpuSeconds();
        engine_.push_back(BuyerEngine::train(universe_, {}));
        qInfo("buyer trained in %lld ms wall, %.1f s CPU", timer.elapsed(), cpuSeconds() - cpu);
    }

    void breakoutModelsAreCalibratedWithAnEdge()
    {
        const BuyerEngine& engine = engine_.front();
        for (const BinaryModel& model : engine.breakoutModels()) {
            const auto& metrics = model.trackRecord().metrics;
            qInfo("%s: n %zu base %.3f AUC %.3f [%.3f, %.3f] ECE %.4f Brier skill %.3f", model.name().c_str(), metrics.n,
                  model.baseRate(), *metrics.auc, metrics.aucCi->low, metrics.aucCi->high, *metrics.ece, *metrics.brierSkill);
            QVERIFY(model.trackRecord().edgeDemonstrated);
            QVERIFY(*metrics.ece <= 0.03);
            // Brier skill is printed, not asserted: against the first window's climatology it sits near 0
            // (the breakout base rate drifts between windows), while the ranking edge is clear.
        }
        for (const BinaryModel* model : {&engine.spikeModel(), &engine.thetaModel()}) {
            const auto& metrics = model->trackRecord().metrics;
            qInfo("%s: n %zu base %.3f AUC %.3f [%.3f, %.3f] ECE %.4f edge %d", model->name().c_str(), metrics.n,
                  model->baseRate(), *metrics.auc, metrics.aucCi->low, metrics.aucCi->high, *metrics.ece,
                  int(model->trackRecord().edgeDemonstrated));
        }
        QVERIFY(*engine.thetaModel().trackRecord().metrics.ece <= 0.03);
        // Without the planted signal DEMO log prices are martingales: a spike's direction is not
        // predictable, the spike model must not claim an edge, and the report shows its base rate.
        QVERIFY(!engine.spikeModel().trackRecord().edgeDemonstrated);
        report::TickerReport report;
        engine.fill(universe_, universe_.tickers.front(), 0, report);
        QCOMPARE(*report.buyer.spikeUpProb, engine.spikeModel().baseRate());
    }

    // A long history keeps at least minRowsPerSession pooled rows per session: the fixed cap spread
    // over 15 years was too thin for the breakout models to show an edge.
    void thePoolGrowsWithTheHistory()
    {
        const std::size_t sessions = universeSessions(universe_).size();
        BuyerTrainingOptions capped;
        capped.maxRows = 6000;
        capped.minRowsPerSession = 0;
        BuyerTrainingOptions perSession = capped;
        perSession.minRowsPerSession = 15;
        QVERIFY(perSession.minRowsPerSession * sessions > 2 * capped.maxRows);
        const BuyerEngine cappedEngine = BuyerEngine::train(universe_, capped, {});
        const BuyerEngine grownEngine = BuyerEngine::train(universe_, perSession, {});
        const BinaryModel& cappedModel = cappedEngine.breakoutModels().front();
        const BinaryModel& grownModel = grownEngine.breakoutModels().front();
        // The pool's own walk-forward test rows are a fixed share of it, so they scale with it.
        const std::size_t cappedRows = cappedModel.outOfFold().rows.size();
        const std::size_t grownRows = grownModel.outOfFold().rows.size();
        const double expected = double(perSession.minRowsPerSession * sessions) / double(capped.maxRows);
        const double ratio = double(grownRows) / double(cappedRows);
        qInfo("%zu sessions: pooled test rows %zu with 6,000 pooled, %zu with 15 per session (ratio %.2f, pool ratio %.2f); "
              "records scored on %zu and %zu test-window rows",
              sessions, cappedRows, grownRows, ratio, expected, cappedModel.trackRecord().metrics.n, grownModel.trackRecord().metrics.n);
        QVERIFY2(std::abs(ratio / expected - 1.0) < 0.1, qPrintable(QString::number(ratio)));
        // The records score the test windows' rows whatever the pool sampled (test_window_scoring.h).
        QCOMPARE(cappedModel.trackRecord().metrics.n, grownModel.trackRecord().metrics.n);
        QVERIFY(cappedModel.trackRecord().metrics.n > grownRows);
    }

    void everyLabelStateIsReachable()
    {
        QCOMPARE(breakoutLabel(0.40, 0.30), QStringLiteral("HIGH"));
        QCOMPARE(breakoutLabel(0.30, 0.30), QStringLiteral("MEDIUM"));
        QCOMPARE(breakoutLabel(0.20, 0.30), QStringLiteral("LOW"));
        QCOMPARE(thetaEdgeLabel(0.55), QStringLiteral("EDGE_JUSTIFIES_PREMIUM"));
        QCOMPARE(thetaEdgeLabel(0.45), QStringLiteral("BORDERLINE"));
        QCOMPARE(thetaEdgeLabel(0.30), QStringLiteral("DONT_WASTE_PREMIUM"));

        const report::Flag friendly = buyerEnvironment({QStringLiteral("EDGE_JUSTIFIES_PREMIUM"), QStringLiteral("HIGH"),
                                                        QStringLiteral("TREND_FOLLOWING")});
        QCOMPARE(friendly.label, QStringLiteral("PREMIUM_FRIENDLY"));
        QCOMPARE(friendly.color, QStringLiteral("GREEN"));
        const report::Flag choppy = buyerEnvironment({QStringLiteral("EDGE_JUSTIFIES_PREMIUM"), QStringLiteral("HIGH"),
                                                      QStringLiteral("CHOPPY")});
        QCOMPARE(choppy.label, QStringLiteral("SPECULATIVE_ONLY"));
        QCOMPARE(choppy.color, QStringLiteral("AMBER"));
        const report::Flag bad = buyerEnvironment({QStringLiteral("DONT_WASTE_PREMIUM"), QStringLiteral("LOW"),
                                                   QStringLiteral("MEAN_REVERT")});
        QCOMPARE(bad.label, QStringLiteral("UNFAVOURABLE"));
        QCOMPARE(bad.color, QStringLiteral("RED"));
        QCOMPARE(bad.reasons.size(), 3);
        QCOMPARE(buyerEnvironment({}).label, QStringLiteral("SPECULATIVE_ONLY"));
        // A straddle priced at realised vol cannot justify the implied premium a buyer pays.
        const report::Flag realised = buyerEnvironment({QStringLiteral("EDGE_JUSTIFIES_PREMIUM"), QStringLiteral("HIGH"),
                                                        QStringLiteral("TREND_FOLLOWING"), true});
        QCOMPARE(realised.label, QStringLiteral("SPECULATIVE_ONLY"));
        QVERIFY(realised.reasons.front().contains(QStringLiteral("priced at realised vol")));
        QCOMPARE(buyerEnvironment({QStringLiteral("DONT_WASTE_PREMIUM"), QStringLiteral("LOW"), QStringLiteral("MEAN_REVERT"), true}).label,
                 QStringLiteral("UNFAVOURABLE"));
    }

    void regimeComesFromMeasuredStatistics()
    {
        // Alternating returns: strong negative autocorrelation.
        std::vector<double> alternating;
        for (int i = 0; i < 60; ++i)
            alternating.push_back(i % 2 == 0 ? 0.01 : -0.01);
        const std::optional<RegimeStatistics> reverting = regimeStatistics(geometricPath(alternating));
        QVERIFY(reverting.has_value());
        QVERIFY(reverting->lag1Autocorrelation < -0.9);
        QCOMPARE(buyerRegime(*reverting), QStringLiteral("MEAN_REVERT"));

        // Steady drift with small noise: a trend t-statistic far above 2.
        std::vector<double> drifting;
        for (int i = 0; i < 60; ++i)
            drifting.push_back(0.004 + (i % 3 == 0 ? 0.003 : -0.0015));
        const std::optional<RegimeStatistics> trending = regimeStatistics(geometricPath(drifting));
        QVERIFY(trending->trendStrength > 2.0);
        QCOMPARE(buyerRegime(*trending), QStringLiteral("TREND_FOLLOWING"));

        // On a random walk VR5 averages 1 (the plain ratio averaged 0.93 at 60 returns).
        std::mt19937_64 random(7);
        std::normal_distribution<double> shock(0.0, 0.01);
        double ratioSum = 0.0;
        constexpr int kWalks = 2000;
        for (int walk = 0; walk < kWalks; ++walk) {
            std::vector<double> steps(60);
            for (double& step : steps)
                step = shock(random);
            ratioSum += regimeStatistics(geometricPath(steps))->varianceRatio5;
        }
        QVERIFY2(std::abs(ratioSum / kWalks - 1.0) < 0.02, qPrintable(QString::number(ratioSum / kWalks)));

        QCOMPARE(buyerRegime({0.0, 1.0, 0.5}), QStringLiteral("CHOPPY"));
        QCOMPARE(buyerRegime({0.2, 1.4, 0.5}), QStringLiteral("TREND_FOLLOWING"));
        QVERIFY(!regimeStatistics({100.0, 101.0}).has_value());
    }

    void breakoutLevelsUseTheWiderOfAtrAndImpliedMove()
    {
        const report::LevelRange fromAtr = breakoutLevels(1000.0, 30.0, 0.16);  // 1σ day = 10.08
        QCOMPARE(*fromAtr.upper, 1030.0);
        QCOMPARE(*fromAtr.lower, 970.0);
        const report::LevelRange fromSigma = breakoutLevels(1000.0, 5.0, 0.16);
        QVERIFY(std::abs(*fromSigma.upper - (1000.0 + 160.0 / std::sqrt(252.0))) < 1e-9);
        QVERIFY(!breakoutLevels(1000.0, std::nullopt, std::nullopt).upper);
        const report::LevelRange pastZero = breakoutLevels(1000.0, 1200.0, 0.16);  // an unadjusted split's ATR
        QVERIFY(!pastZero.lower && !pastZero.upper);
    }

    void gammaWindowsNeedIntradayBars()
    {
        const TickerData& nifty = *universe_.find(data::kNiftySymbol);
        QVERIFY(!nifty.intraday.empty());
        const GammaWindowsView view = gammaWindows(nifty.ticker.symbol, nifty.intraday, afterLastClose(nifty));
        QCOMPARE(int(view.windows.size()), 6);
        // The score is the share of the 4 earlier sessions that moved less (quarters, ties half of one);
        // the ratio compares with their mean, so it orders the same way within a window.
        for (const report::GammaWindow& window : view.windows) {
            QVERIFY(window.score.has_value() && window.ratio.has_value() && *window.ratio > 0.0);
            QVERIFY(*window.score >= 0.0 && *window.score <= 1.0);
            QVERIFY2(std::abs(*window.score * 8.0 - std::round(*window.score * 8.0)) < 1e-12, qPrintable(window.window));
            if (*window.score == 1.0)
                QVERIFY(*window.ratio > 1.0);
            if (*window.score == 0.0)
                QVERIFY(*window.ratio < 1.0);
        }
        QVERIFY(view.basis.contains(QStringLiteral("4 earlier sessions")));
        QVERIFY(view.basis.contains(QStringLiteral("(complete")));
        qInfo("%s", qPrintable(view.basis));

        // The last session's bars stop at 12:00 IST: seen after the close, the windows that follow are
        // null and the basis says where the data ends instead of calling the session complete.
        data::BarSeries stopped = nifty.intraday;
        const QDate last = stopped.bars.back().session;
        const std::int64_t noonUtc = data::NseCalendar::instance().sessionTimes(last)->openUtc.toSecsSinceEpoch() + 165 * 60;
        std::erase_if(stopped.bars, [&](const data::Bar& bar) { return bar.session == last && bar.utc >= noonUtc; });
        const GammaWindowsView early = gammaWindows(nifty.ticker.symbol, stopped, afterLastClose(nifty));
        QVERIFY2(early.basis.contains(QStringLiteral("closed; its bars end at 12:00 IST")), qPrintable(early.basis));
        QVERIFY(early.windows[2].score.has_value());    // 10:45-12:00, covered
        QVERIFY(!early.windows[3].score.has_value());   // 12:00-14:00, not in the data
        QVERIFY(!early.windows[3].ratio.has_value());

        const GammaWindowsView none = gammaWindows(QStringLiteral("X"), data::BarSeries{}, afterLastClose(nifty));
        QVERIFY(none.windows.empty());
        QVERIFY(none.basis.contains(QStringLiteral("no intraday bars")));
    }

    void reportsAreCompleteFiniteAndValid()
    {
        const nlohmann::json schema = buyerSchema();
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuSeconds();
        std::vector<report::TickerReport> reports(universe_.tickers.size());
        for (std::size_t i = 0; i < universe_.tickers.size(); ++i) {
            const TickerData& ticker = universe_.tickers[i];
            engine_.front().fill(universe_, ticker, ticker.intraday.empty() ? 0 : afterLastClose(ticker), reports[i]);
        }
        qInfo("buyer fill for %zu tickers: %lld ms wall, %.3f s CPU", universe_.tickers.size(), timer.elapsed(), cpuSeconds() - cpu);
        QStringList regimes;
        for (std::size_t i = 0; i < reports.size(); ++i) {
            const report::TickerReport& report = reports[i];
            const report::Buyer& buyer = report.buyer;
            QCOMPARE(int(buyer.breakoutNext.size()), 5);
            QVERIFY(buyer.breakoutToday.score.has_value());
            QCOMPARE(*buyer.breakoutToday.score, *buyer.breakoutNext.front().score);
            // Day d is the d-th NSE session after the model's row (the last completed session).
            QDate expected = universe_.tickers[i].features.dates.back();
            for (const report::DayScore& day : buyer.breakoutNext) {
                expected = data::NseCalendar::instance().nextSession(expected);
                QCOMPARE(day.session, expected);
            }
            QCOMPARE(buyer.breakoutToday.session, buyer.breakoutNext.front().session);
            QVERIFY(!buyer.breakoutTodaySoFar);  // that session has no bars yet
            QVERIFY(std::abs(*buyer.spikeUpProb + *buyer.spikeDownProb - 1.0) < 1e-12);
            QVERIFY(buyer.historicalSpikeRate.has_value());
            QVERIFY(buyer.historicalSpikeBreakouts >= kMinimumSpikeSessions);
            const double ups = *buyer.historicalSpikeRate * buyer.historicalSpikeBreakouts;
            QVERIFY(std::abs(ups - std::round(ups)) < 1e-9);  // a share of whole sessions
            QVERIFY(buyer.breakoutLevels.lower && *buyer.breakoutLevels.lower < *buyer.breakoutLevels.upper);
            regimes << buyer.regime;
            const nlohmann::json document = report::toJson(report).at("buyer");
            const std::vector<std::string> errors = report::validateAgainstSchema(schema, document);
            QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
            QVERIFY(!report::serialise(document).isEmpty());  // throws on NaN/inf
        }
        regimes.removeDuplicates();
        qInfo("regimes seen: %s", qPrintable(regimes.join(QStringLiteral(", "))));
        QCOMPARE(int(engine_.front().evaluations().size()), 7);
    }

    // While the forecast session trades, the report shows what it has done so far from its complete
    // intraday bars and its forming daily bar, in the label's ATR14 units; a later bar is not used.
    void theSessionTradingNowShowsItsRangeSoFar()
    {
        TickerData nifty = *universe_.find(data::kNiftySymbol);
        const QDate session = data::NseCalendar::instance().nextSession(nifty.features.dates.back());
        const std::int64_t openUtc = data::NseCalendar::instance().sessionTimes(session)->openUtc.toSecsSinceEpoch();
        const double close = nifty.daily.bars.back().close;
        const double atr = *nifty.features.value(nifty.lastRow(), "atr14_frac") * close;
        // Four 5-minute bars, each 0.1 ATR14 wide, stepping up by 0.1 ATR14; the fourth is still forming.
        nifty.intraday = data::BarSeries{nifty.ticker.symbol, data::Interval::FiveMinute, nifty.intraday.source, {}};
        for (int i = 0; i < 4; ++i) {
            const double low = close + 0.1 * i * atr;
            nifty.intraday.bars.push_back({openUtc + 300 * i, session, low, low + 0.1 * atr, low, low + 0.05 * atr, 0.0, i < 3});
        }
        const std::int64_t nowUtc = openUtc + 3 * 300 + 60;

        report::TickerReport report;
        engine_.front().fill(universe_, nifty, nowUtc, report);
        QVERIFY(report.buyer.breakoutTodaySoFar.has_value());
        const report::RangeSoFar& range = *report.buyer.breakoutTodaySoFar;
        QVERIFY(std::abs(range.atr - atr) < 1e-9 * atr);
        QVERIFY(std::abs(range.observed.low - close) < 1e-9 * close);
        QVERIFY(std::abs(range.observed.high - (close + 0.3 * atr)) < 1e-9 * close);  // three complete bars
        QVERIFY(std::abs(range.rangeAtr - 0.3) < 1e-9);
        QCOMPARE(range.thresholdAtr, 1.5);
        QVERIFY(!range.brokenOut);
        QCOMPARE(range.observed.asOf.toSecsSinceEpoch(), openUtc + 3 * 300);
        QCOMPARE(range.observed.session, session);
        QCOMPARE(range.observed.basis, QStringLiteral("5m bars to 09:30 IST"));
        // The forecast itself is the one made at the last close: the bars do not move it.
        report::TickerReport beforeBars;
        engine_.front().fill(universe_, *universe_.find(data::kNiftySymbol), nowUtc, beforeBars);
        QCOMPARE(*report.buyer.breakoutToday.score, *beforeBars.buyer.breakoutToday.score);
        QVERIFY(!beforeBars.buyer.breakoutTodaySoFar);

        // Yahoo's forming daily bar has the session's range so far: past 1.5 ATR14 it is a breakout that happened.
        nifty.daily.bars.push_back({openUtc, session, close, close + 1.2 * atr, close - 0.4 * atr, close, 0.0, false});
        report::TickerReport brokenOut;
        engine_.front().fill(universe_, nifty, nowUtc, brokenOut);
        QVERIFY(brokenOut.buyer.breakoutTodaySoFar.has_value());
        QVERIFY(std::abs(brokenOut.buyer.breakoutTodaySoFar->rangeAtr - 1.6) < 1e-9);
        QVERIFY(brokenOut.buyer.breakoutTodaySoFar->brokenOut);
        QCOMPARE(brokenOut.buyer.breakoutTodaySoFar->observed.basis, QStringLiteral("5m bars to 09:30 IST and the session's daily bar so far"));
        const nlohmann::json document = report::toJson(brokenOut).at("buyer");
        const std::vector<std::string> errors = report::validateAgainstSchema(buyerSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
        QCOMPARE(document.at("breakout_today").at("so_far").at("broken_out").get<bool>(), true);
        QCOMPARE(document.at("breakout_today").at("so_far").at("threshold_atr").get<double>(), 1.5);

        // Before the session opens nothing is observed.
        QVERIFY(!rangeSoFar(nifty.daily, nifty.intraday, session, atr, openUtc - 1));
        QVERIFY(!rangeSoFar(nifty.daily, nifty.intraday, session, 0.0, nowUtc));
    }

    // The five sessions after Wednesday 29 Jan 2025 include the Saturday Budget session: that day is
    // named, and its forecast is the model's for the scheduled-event group. The DEMO market has no
    // Budget days: the shift fitted on them is downward noise, and none is applied.
    void aBudgetSessionIsNamedAndForecastAsOne()
    {
        const UniverseData beforeBudget = testing::smallDemoUniverse(2, 1, false, 5, QDate(2025, 1, 29));
        const TickerData& ticker = beforeBudget.tickers.back();
        QCOMPARE(ticker.features.dates.back(), QDate(2025, 1, 29));
        report::TickerReport report;
        engine_.front().fill(beforeBudget, ticker, 0, report);
        const auto& days = report.buyer.breakoutNext;
        QCOMPARE(int(days.size()), kBreakoutDays);
        QCOMPARE(days[2].session, QDate(2025, 2, 1));
        for (const report::DayScore& day : days)
            QCOMPARE(day.event, day.dayOffset == 3 ? QStringLiteral("Union Budget") : QString());
        QVERIFY(report.buyer.breakoutToday.event.isEmpty());

        const BinaryModel& model = engine_.front().breakoutModels()[2];
        const models::evaluation::GroupOffset& shift = model.groupOffsets().groups().at("scheduled_event");
        qInfo("DEMO scheduled-event shift: fitted %.3f (se %.3f, %zu rows), applied %.3f", shift.fitted, shift.standardError,
              shift.forecasts, shift.applied);
        QVERIFY(shift.forecasts > 50);
        QVERIFY(shift.applied >= 0.0 && shift.applied < 0.5);
        const std::string group = "scheduled_event";
        const double expected = model.predict(modelRows(ticker.features, {ticker.lastRow()}), std::span(&group, 1)).front();
        QVERIFY(model.trackRecord().edgeDemonstrated);
        QCOMPARE(*days[2].score, expected);
    }

    void saveLoadGivesIdenticalOutput()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const models::ModelStore store(directory.path());
        models::GenerationWriter writer = store.beginGeneration();
        engine_.front().save(writer);
        writer.commit();
        const BuyerEngine loaded = BuyerEngine::load(store.current(QString()));
        for (const TickerData& ticker : universe_.tickers)
            QVERIFY(buyerJson(loaded, universe_, ticker) == buyerJson(engine_.front(), universe_, ticker));
    }

    void cancellationStopsTraining()
    {
        CancellationToken token;
        int reports = 0;
        const RunControl control(token, [&](double, const QString&) {
            if (++reports == 2)
                token.cancel();  // inside the first breakout model's walk-forward
        });
        QElapsedTimer timer;
        timer.start();
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, BuyerEngine::train(universe_, control));
        qInfo("cancelled after %lld ms", timer.elapsed());
        QVERIFY(reports >= 2);
    }
};

QTEST_GUILESS_MAIN(EnginesBuyerTest)
#include "test_engines_buyer.moc"
