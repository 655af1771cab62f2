// The seller engine on a small DEMO universe: breach labels reproduced by the excursion, a calibrated
// breach model with a demonstrated edge, √T safe ranges, max pain with and without a chain, every
// label state reachable, schema-valid NaN-free reports, save → load identity and cancellation.
#include "data/calendar/nse_calendar.h"
#include "engines/seller/breach_excursion.h"
#include "engines/seller/breach_model.h"
#include "engines/seller/seller_engine.h"
#include "engines/seller/seller_rules.h"

#include "engines/features/daily_bars.h"
#include "engines/labels/label_table.h"
#include "engines/report/json_schema.h"
#include "engines/report/report_json.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"

#include "engines/seller/demo_universe_fixture.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <set>

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

nlohmann::json sellerSchema()
{
    const nlohmann::json& full = report::reportSchema();
    nlohmann::json schema = full.at("properties").at("seller");
    schema["definitions"] = full.at("definitions");
    return schema;
}

nlohmann::json sellerJson(const SellerEngine& engine, const UniverseData& universe, const TickerData& ticker)
{
    report::TickerReport report;
    engine.fill(universe, ticker, 0, report);
    return report::toJson(report).at("seller");
}

}  // namespace

class EnginesSellerTest : public QObject {
    Q_OBJECT

    UniverseData universe_ = UniverseData();
    std::optional<SellerEngine> engine_;

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        universe_ = testing::smallDemoUniverse(kStocks, kYears, false);
        qInfo("DEMO universe of %zu tickers x %d years built in %lld ms", universe_.tickers.size(), kYears, timer.elapsed());
        timer.restart();
        const double cpu = cpuSeconds();
        engine_ = SellerEngine::train(universe_, {});
        qInfo("seller trained in %lld ms wall, %.1f s CPU", timer.elapsed(), cpuSeconds() - cpu);
    }

    void excursionReproducesTheBreachLabels()
    {
        int compared = 0;
        for (std::size_t t = 0; t < 5; ++t) {
            const TickerData& ticker = universe_.tickers[t];
            const DailyBars bars = cleanDailyBars(ticker.daily);
            for (int row = 30; row < ticker.labels.rows(); row += 7) {
                const std::optional<double> sigma = ticker.labels.value(row, "sigma_annual");
                for (int h : kBreachHorizons) {
                    for (double k : kBreachMultiples) {
                        const std::optional<double> label = ticker.labels.value(row, breachName(std::to_string(h), k));
                        if (!label || !sigma)
                            continue;
                        const double excursion = breachExcursion(bars, *sigma, std::size_t(row), h);
                        if (std::abs(excursion - k) < 1e-9)
                            continue;
                        QCOMPARE(excursion >= k ? 1.0 : 0.0, *label);
                        ++compared;
                    }
                }
            }
        }
        QVERIFY(compared > 1000);

        // A suspension of 30 sessions: a window across it is missing, as the labels are; one beside it is not.
        DailyBars suspended = cleanDailyBars(universe_.tickers.front().daily);
        const auto erase = [](auto& column) { column.erase(column.begin() + 200, column.begin() + 230); };
        erase(suspended.dates);
        erase(suspended.high);
        erase(suspended.low);
        erase(suspended.close);
        QVERIFY(std::isnan(breachExcursion(suspended, 0.2, 195, 10)));
        QVERIFY(std::isfinite(breachExcursion(suspended, 0.2, 185, 10)));
        QVERIFY(std::isfinite(breachExcursion(suspended, 0.2, 200, 10)));
    }

    void breachModelIsCalibratedAndHasAnEdge()
    {
        const BreachModel& model = engine_->breachModel();
        const auto& stacked = model.stackedRecord().metrics;
        const auto& band = model.bandMetrics();
        qInfo("breach stacked: n %zu AUC %.3f ECE %.4f; band k in [0.8,1.2]: n %zu AUC %.3f [%.3f, %.3f] ECE %.4f "
              "Brier skill %.3f; hit rate %.3f over %zu rows",
              stacked.n, *stacked.auc, *stacked.ece, band.n, *band.auc, band.aucCi->low, band.aucCi->high, *band.ece,
              *band.brierSkill, model.hitRates().pooled().rate().value_or(-1), model.hitRates().pooled().evaluated);
        QVERIFY(*stacked.ece <= 0.03);
        // Scored on band draws of its own (~20,000, measured 0.023): the band's calibration, not the noise
        // of the few pooled draws that happened to land in it.
        QVERIFY(band.n > 10000);
        QVERIFY(*band.ece <= 0.03);
        QVERIFY(model.edgeDemonstrated());
        QVERIFY(band.aucCi->low > 0.5);
        // Past ranges quoted at 10% ± 3% breach held about 90% of the time.
        QVERIFY(model.hitRates().pooled().rate().has_value());
        QVERIFY(std::abs(*model.hitRates().pooled().rate() - 0.90) <= 0.04);
        // The same count is the safe ranges' row in the evaluation, as an interval forecast's coverage.
        const std::vector<report::ModelEvaluation> evaluations = engine_->evaluations();
        const auto ranges = std::find_if(evaluations.begin(), evaluations.end(),
                                         [](const report::ModelEvaluation& e) { return e.target == QStringLiteral("safe_range_30d"); });
        QVERIFY(ranges != evaluations.end());
        QCOMPARE(ranges->n, std::int64_t(model.hitRates().pooled().evaluated));
        QCOMPARE(*ranges->coverage, *model.hitRates().pooled().rate());
        QCOMPARE(*ranges->nominalCoverage, 1.0 - kSafeRangeBreachTarget);
        QVERIFY(!ranges->edgeDemonstrated && !ranges->auc);
        // A curve is non-increasing and a wider band is quoted for a longer horizon.
        const TickerData& nifty = *universe_.find(data::kNiftySymbol);
        const BreachCurve curve = model.curves(nifty, nifty.lastRow(), {10}).front();
        for (std::size_t i = 1; i < curve.probabilities.size(); ++i)
            QVERIFY(curve.probabilities[i] <= curve.probabilities[i - 1]);
    }

    // Each ticker's curve is the pooled booster's shifted by the ticker's own out-of-sample record
    // (group_logit_offsets.h). DEMO stocks differ in their tails, so the shifts have a spread, and each
    // ticker keeps part of its fitted shift. NIFTY's bands are India VIX wide: its shift is drawn from
    // a family of its own.
    void tickerOffsetsShiftTheCurvesShown()
    {
        const BreachModel& model = engine_->breachModel();
        const auto& groups = model.tickerOffsets().groups();
        std::string largest;
        for (const TickerData& ticker : universe_.tickers) {
            const auto found = groups.find(ticker.ticker.symbol.toStdString());
            QVERIFY2(found != groups.end() && found->second.forecasts >= 100, qPrintable(ticker.ticker.symbol));
            const models::evaluation::GroupOffset& offset = found->second;
            QVERIFY(std::isfinite(offset.applied) && std::abs(offset.applied) <= std::abs(offset.fitted));
            QVERIFY(offset.applied * offset.fitted >= 0.0);
            if (largest.empty() || std::abs(offset.applied) > std::abs(groups.at(largest).applied))
                largest = found->first;
        }
        qInfo("stocks' between-ticker sd %.3f; NIFTY shifted by %.3f; largest shift %s by %.3f",
              model.tickerOffsets().betweenGroupSd("realised_sigma"), model.tickerOffsets().offset("NIFTY"), largest.c_str(),
              groups.at(largest).applied);
        QVERIFY(model.tickerOffsets().betweenGroupSd("realised_sigma") > 0.0);
        for (const auto& [symbol, offset] : groups)
            QCOMPARE(offset.family, std::string(symbol == "NIFTY" ? "implied_sigma" : "realised_sigma"));
        // The report says which shift its curve carries and what it rests on.
        const nlohmann::json calibration = sellerJson(*engine_, universe_, *universe_.find(QString::fromStdString(largest)))
                                               .at("breach_calibration");
        QCOMPARE(calibration.at("ticker_offset").get<double>(), groups.at(largest).applied);
        QCOMPARE(calibration.at("fitted_offset").get<double>(), groups.at(largest).fitted);
        QCOMPARE(calibration.at("band_forecasts").get<std::size_t>(), groups.at(largest).forecasts);
        QCOMPARE(calibration.at("family").get<std::string>(), std::string("realised_sigma"));
        QVERIFY(!calibration.contains("reason"));
        // The same row under a symbol without a record gets the booster's own curve.
        const TickerData& ticker = *universe_.find(QString::fromStdString(largest));
        TickerData unrecorded = ticker;
        unrecorded.ticker.symbol = QStringLiteral("UNRECORDED");
        const nlohmann::json none = sellerJson(*engine_, universe_, unrecorded).at("breach_calibration");
        QCOMPARE(none.at("ticker_offset").get<double>(), 0.0);
        QVERIFY(none.at("reason").get<std::string>().find("no out-of-sample band forecasts of UNRECORDED") != std::string::npos);
        const BreachCurve shown = model.modelCurves(ticker, ticker.lastRow(), {5}).front();
        const BreachCurve booster = model.modelCurves(unrecorded, unrecorded.lastRow(), {5}).front();
        for (std::size_t i = 0; i < shown.probabilities.size(); ++i)
            QVERIFY(std::abs(shown.probabilities[i] - model.tickerOffsets().apply(largest, booster.probabilities[i])) < 1e-12);
        QVERIFY(std::abs(*shown.probabilityAt(1.0) - *booster.probabilityAt(1.0)) > 0.02);
    }

    // Two synthetic tickers: a calm one whose 10% ranges held 38 of 40 times, a jumpy one 26 of 40;
    // quotes far from the 10% target are not safe ranges and do not count.
    void hitRatesAreCountedPerTickerByHand()
    {
        SafeRangeHitRates rates;
        for (int i = 0; i < 40; ++i) {
            rates.add(QStringLiteral("CALM"), 0.09, i < 2, i);
            rates.add(QStringLiteral("JUMPY"), 0.12, i < 14, i);
            rates.add(QStringLiteral("CALM"), 0.40, true, i);     // not quoted at the target
            rates.add(QStringLiteral("JUMPY"), 0.02, false, i);  // not quoted at the target
        }
        for (int i = 0; i < 12; ++i)
            rates.add(QStringLiteral("SPARSE"), 0.10, false, i);
        QVERIFY(!rates.pooledInterval());
        // Quotes on fewer sessions than a block holds: no interval, and no error.
        SafeRangeHitRates fewSessions;
        for (int i = 0; i < 3; ++i)
            fewSessions.add(QStringLiteral("NEW"), 0.10, i == 0, 10 * (i % 2));
        models::evaluation::BootstrapOptions threeSessionBlocks;
        threeSessionBlocks.blockLength = 3;
        fewSessions.scorePooledInterval(threeSessionBlocks);
        QVERIFY(!fewSessions.pooledInterval());
        QCOMPARE(fewSessions.pooled(), (HitCount{2, 3}));
        models::evaluation::BootstrapOptions bootstrap;
        bootstrap.blockLength = 1;  // a session's quotes are drawn together
        rates.scorePooledInterval(bootstrap);
        // 92 quotes held 76 times; 40 sessions drawn whole, the first 14 holding 0.63 of their quotes
        // and the rest 0.98, so the interval is near p ± 1.96·sd over sessions (about ±0.06).
        QVERIFY(rates.pooledInterval());
        const double pooledLow = rates.pooledInterval()->low;
        const double pooledHigh = rates.pooledInterval()->high;
        qInfo("pooled hit rate %.3f [%.3f, %.3f]", 76.0 / 92.0, pooledLow, pooledHigh);
        QVERIFY(pooledLow < 76.0 / 92.0 && 76.0 / 92.0 < pooledHigh);
        QVERIFY(pooledHigh - pooledLow > 0.06 && pooledHigh - pooledLow < 0.20);
        QCOMPARE(rates.ticker(QStringLiteral("CALM")), (HitCount{38, 40}));
        QCOMPARE(rates.ticker(QStringLiteral("JUMPY")), (HitCount{26, 40}));
        QCOMPARE(rates.pooled(), (HitCount{76, 92}));
        QCOMPARE(*rates.tickerRate(QStringLiteral("CALM")), 38.0 / 40.0);
        QCOMPARE(*rates.tickerRate(QStringLiteral("JUMPY")), 26.0 / 40.0);

        // Below the minimum: null with a reason, never the pooled number in its place.
        QVERIFY(!rates.tickerRate(QStringLiteral("SPARSE")));
        const report::HitRateBasis sparse = rates.basisFor(QStringLiteral("SPARSE"));
        QCOMPARE(sparse.evaluated, 12);
        QCOMPARE(sparse.minimum, int(kTickerHitRateMinimum));
        QVERIFY(sparse.reason.contains(QStringLiteral("minimum 30")));
        QCOMPARE(*sparse.pooledRate, 76.0 / 92.0);
        QCOMPARE(*sparse.pooledRateLow, pooledLow);
        QCOMPARE(*sparse.pooledRateHigh, pooledHigh);
        QVERIFY(!rates.tickerRate(QStringLiteral("UNSEEN")));
        QVERIFY(rates.basisFor(QStringLiteral("CALM")).reason.isEmpty());

        report::TickerReport report;
        report.seller.historicalHitRate = rates.tickerRate(QStringLiteral("SPARSE"));
        report.seller.historicalHitRateBasis = sparse;
        const nlohmann::json json = report::toJson(report).at("seller");
        QVERIFY(json.at("historical_hit_rate").is_null());
        QVERIFY(!json.at("historical_hit_rate_basis").at("reason").get<std::string>().empty());
        QVERIFY(json.at("historical_hit_rate_basis").at("pooled_rate_ci") == nlohmann::json::array({pooledLow, pooledHigh}));
        nlohmann::json basisSchema = sellerSchema().at("properties").at("historical_hit_rate_basis");
        basisSchema["definitions"] = report::reportSchema().at("definitions");
        QVERIFY(report::validateAgainstSchema(basisSchema, json.at("historical_hit_rate_basis")).empty());

        QVERIFY(SafeRangeHitRates::fromJson(rates.toJson()) == rates);
        nlohmann::json reversed = rates.toJson();
        reversed["pooled_ci"] = nlohmann::json::array({pooledHigh, pooledLow});
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, SafeRangeHitRates::fromJson(reversed));
        nlohmann::json older = rates.toJson();
        older.erase("pooled_ci");
        QVERIFY(!SafeRangeHitRates::fromJson(older).pooledInterval());
        QVERIFY(!SafeRangeHitRates::fromJson(older).basisFor(QStringLiteral("CALM")).pooledRateLow);
    }

    // The engine's per-ticker rates add up to the pooled one and reach the report as counted.
    void trainedHitRatesArePerTicker()
    {
        const SafeRangeHitRates& rates = engine_->breachModel().hitRates();
        HitCount sum;
        int rated = 0;
        int nulls = 0;
        std::set<double> distinct;
        for (const TickerData& ticker : universe_.tickers) {
            const HitCount own = rates.ticker(ticker.ticker.symbol);
            sum.held += own.held;
            sum.evaluated += own.evaluated;
            const nlohmann::json json = sellerJson(*engine_, universe_, ticker);
            const nlohmann::json& basis = json.at("historical_hit_rate_basis");
            QCOMPARE(basis.at("evaluated").get<std::size_t>(), own.evaluated);
            QCOMPARE(basis.at("held").get<std::size_t>(), own.held);
            if (own.evaluated >= kTickerHitRateMinimum) {
                QCOMPARE(json.at("historical_hit_rate").get<double>(), double(own.held) / double(own.evaluated));
                QVERIFY(!basis.contains("reason"));
                distinct.insert(json.at("historical_hit_rate").get<double>());
                ++rated;
            } else {
                QVERIFY(json.at("historical_hit_rate").is_null());
                QVERIFY(basis.contains("reason"));
                ++nulls;
            }
        }
        qInfo("per-ticker hit rates: %d tickers rated, %d below the minimum of %zu; %zu pooled quotes, %.3f held", rated,
              nulls, kTickerHitRateMinimum, rates.pooled().evaluated, rates.pooled().rate().value_or(-1.0));
        QCOMPARE(sum, rates.pooled());
        // The pooled rate comes with its interval, which the safe-range record carries too.
        QVERIFY(rates.pooledInterval());
        QVERIFY(rates.pooledInterval()->low < *rates.pooled().rate() && *rates.pooled().rate() < rates.pooledInterval()->high);
        const auto records = engine_->evaluations();
        const auto ranges = std::find_if(records.begin(), records.end(),
                                         [](const report::ModelEvaluation& m) { return m.target == QLatin1String("safe_range_30d"); });
        QVERIFY(ranges != records.end());
        QCOMPARE(*ranges->coverageLow, rates.pooledInterval()->low);
        QCOMPARE(*ranges->coverageHigh, rates.pooledInterval()->high);
        // Every ticker is quoted at every 10th session of each walk-forward test window, so each DEMO
        // ticker (4 years) has enough quotes for its own rate.
        QCOMPARE(rated, int(universe_.tickers.size()));
        QVERIFY(distinct.size() >= 2);  // not one number for every ticker
    }

    void safeRangeScalesWithSigmaAndSquareRootOfTime()
    {
        // 30 calendar days ≈ 21 sessions: the half-width is z·σ·√(21/252), not z·σ·√21 or z·σ·21/252.
        const PriceBand month = safeRangeBounds(100.0, 0.20, 1.0, 21);
        QVERIFY(std::abs(std::log(month.upper / 100.0) - 0.20 * std::sqrt(21.0 / 252.0)) < 1e-12);
        QVERIFY(std::abs(std::log(100.0 / month.lower) - 0.20 * std::sqrt(21.0 / 252.0)) < 1e-12);
        const PriceBand quarter = safeRangeBounds(100.0, 0.20, 1.0, 84);
        QVERIFY(std::abs(std::log(quarter.upper / 100.0) / std::log(month.upper / 100.0) - 2.0) < 1e-12);
        const PriceBand wilder = safeRangeBounds(100.0, 0.40, 1.0, 21);
        QVERIFY(std::abs(std::log(wilder.upper / 100.0) / std::log(month.upper / 100.0) - 2.0) < 1e-12);

        // The engine's NIFTY ranges obey the same formula with the σ and z they report.
        const TickerData& nifty = *universe_.find(data::kNiftySymbol);
        report::TickerReport report;
        engine_->fill(universe_, nifty, 0, report);
        const report::SafeRange& range = report.seller.safeRange;
        QVERIFY(range.lower && range.upper && range.z && range.sigma);
        QCOMPARE(range.sigmaSource, QStringLiteral("india_vix"));
        QVERIFY(range.sessions >= 19 && range.sessions <= 23);
        const double spot = cleanDailyBars(nifty.daily).close.back();
        QCOMPARE(*report.seller.referenceClose, spot);
        QCOMPARE(report.seller.referenceSession, nifty.features.dates.back());
        QCOMPARE(report.seller.breachProbabilities.front().distancePoints, spot * report.seller.breachProbabilities.front().distancePct / 100.0);
        const double halfWidth = std::log(*range.upper / spot);
        QVERIFY(std::abs(halfWidth - *range.z * *range.sigma * std::sqrt(range.sessions / 252.0)) < 1e-9);
        qInfo("NIFTY 30d safe range %.0f..%.0f (spot %.0f, sigma %.3f, z %.2f, P(breach) %.3f, %d sessions)",
              *range.lower, *range.upper, spot, *range.sigma, *range.z, range.breachProbability.value_or(-1), range.sessions);
        // A 10% breach range over a month is at least ±1σ√T wide: the ~16x-too-narrow bug would give ~0.06σ√T.
        QVERIFY(*range.z > 1.0 && *range.z < 3.0);
        QVERIFY(std::abs(*range.breachProbability - kSafeRangeBreachTarget) < 1e-6);

        const report::SafeRange& toExpiry = report.seller.safeRangeExpiry;
        QVERIFY(toExpiry.upper && toExpiry.sessions >= 1);
        QVERIFY(toExpiry.sessions < range.sessions);
        QVERIFY(*toExpiry.upper - *toExpiry.lower < *range.upper - *range.lower);
    }

    void maxPainNeedsAChain()
    {
        const TickerData& nifty = *universe_.find(data::kNiftySymbol);
        QVERIFY(nifty.chain.has_value());
        report::TickerReport report;
        engine_->fill(universe_, nifty, 0, report);
        const report::MaxPainView& pain = report.seller.maxPain;
        QVERIFY(pain.strike && pain.lower && pain.upper && pain.confidence && pain.putCallRatio);
        QVERIFY(*pain.lower <= *pain.strike && *pain.strike <= *pain.upper);
        QVERIFY(!pain.callWalls.empty() && !pain.putWalls.empty());
        QVERIFY(pain.reason.isEmpty());
        QCOMPARE(report.seller.skew.source, QStringLiteral("chain"));

        const TickerData* withoutChain = nullptr;
        for (const TickerData& ticker : universe_.tickers) {
            if (!ticker.chain) {
                withoutChain = &ticker;
                break;
            }
        }
        QVERIFY(withoutChain != nullptr);
        report::TickerReport stock;
        engine_->fill(universe_, *withoutChain, 0, stock);
        QVERIFY(!stock.seller.maxPain.strike && !stock.seller.maxPain.lower && !stock.seller.maxPain.confidence);
        QVERIFY(stock.seller.maxPain.reason.contains(QStringLiteral("no option chain")));
        QCOMPARE(stock.seller.skew.source, QStringLiteral("realised"));
        QCOMPARE(stock.seller.safeRange.sigmaSource, QStringLiteral("realised"));
        QVERIFY(!stock.seller.trap.score && !stock.seller.trap.reason.isEmpty());
    }

    // Expiry stress measures the distance to the pin of the expiry it is about; a chain whose nearest
    // expiry is another leaves that part out rather than scale it by the wrong time.
    void maxPainOfAnotherExpiryIsNotPartOfTheStress()
    {
        const auto stressReason = [](const report::TickerReport& report) {
            const QStringList found = report.seller.sellerFlag.reasons.filter(QStringLiteral("expiry stress"));
            return found.isEmpty() ? QString() : found.front();
        };
        const TickerData& nifty = *universe_.find(data::kNiftySymbol);
        report::TickerReport report;
        engine_->fill(universe_, nifty, 0, report);
        QCOMPARE(report.seller.maxPain.expiry, report.seller.nextExpiry);
        QVERIFY2(stressReason(report).contains(QStringLiteral("from max pain")), qPrintable(stressReason(report)));

        TickerData shifted = nifty;
        data::OptionChain& chain = *shifted.chain;
        std::erase(chain.expiries, report.seller.nextExpiry);
        std::erase_if(chain.strikes, [&](const data::OptionStrike& strike) { return strike.expiry == report.seller.nextExpiry; });
        QVERIFY(!chain.expiries.empty());
        report::TickerReport later;
        engine_->fill(universe_, shifted, 0, later);
        QVERIFY(later.seller.maxPain.strike.has_value());
        QVERIFY(later.seller.maxPain.expiry > later.seller.nextExpiry);
        QVERIFY2(!stressReason(later).isEmpty() && !stressReason(later).contains(QStringLiteral("max pain")),
                 qPrintable(stressReason(later)));
    }

    void trapIsZeroWithoutItsSetupAndForecastOnlyWithIt()
    {
        QVERIFY(engine_->trapModel().has_value());
        const TrapModel& trap = *engine_->trapModel();
        const TickerData& nifty = *universe_.find(data::kNiftySymbol);
        int setupDay = -1, quietDay = -1;
        for (int row = nifty.lastRow(); row >= 0 && (setupDay < 0 || quietDay < 0); --row) {
            const std::optional<double> setup = nifty.labels.value(row, "trap_setup");
            if (setup && *setup == 1.0 && setupDay < 0)
                setupDay = row;
            if (setup && *setup == 0.0 && quietDay < 0)
                quietDay = row;
        }
        QVERIFY(setupDay >= 0 && quietDay >= 0);
        // Without rich implied vol the label cannot be 1: the score is exactly 0, and says why.
        const TrapCall quiet = trap.call(nifty, quietDay);
        QCOMPARE(quiet.score.value_or(-1.0), 0.0);
        QCOMPARE(quiet.label, QStringLiteral("LOW"));
        QVERIFY(quiet.reason.contains(QStringLiteral("not rich")));
        // With it: the booster's probability when it has an edge on setup days, else their frequency.
        const TrapCall rich = trap.call(nifty, setupDay);
        QVERIFY(rich.score && *rich.score > 0.0 && *rich.score < 1.0);
        if (!trap.givenSetup().trackRecord().edgeDemonstrated)
            QCOMPARE(*rich.score, trap.givenSetup().baseRate());
        // A stock has no implied-vol history: no score at all.
        QVERIFY(!trap.call(universe_.tickers.back(), universe_.tickers.back().lastRow()).score);

        // Both records are reported; the shown score's covers every evaluated day, setup or not.
        const std::vector<report::ModelEvaluation> evaluations = engine_->evaluations();
        const auto find = [&](const QString& target) {
            return std::find_if(evaluations.begin(), evaluations.end(),
                                [&](const report::ModelEvaluation& e) { return e.target == target; });
        };
        QVERIFY(find(QStringLiteral("trap")) != evaluations.end());
        QVERIFY(find(QStringLiteral("trap_given_setup")) != evaluations.end());
        QVERIFY(find(QStringLiteral("trap"))->n > find(QStringLiteral("trap_given_setup"))->n);
        QVERIFY(trap.everyDayRate() > 0.0 && trap.everyDayRate() < trap.givenSetup().baseRate());
    }

    void everyLabelStateIsReachable()
    {
        QCOMPARE(trapLabel(0.30, 0.15), QStringLiteral("HIGH"));
        QCOMPARE(trapLabel(0.15, 0.15), QStringLiteral("MEDIUM"));
        QCOMPARE(trapLabel(0.05, 0.15), QStringLiteral("LOW"));

        QCOMPARE(expiryStress({10, 0.1, 0.1}).label, QStringLiteral("CALM"));
        QCOMPARE(expiryStress({3, 0.5, 0.5}).label, QStringLiteral("CAUTION"));
        QCOMPARE(expiryStress({1, 0.95, 2.5}).label, QStringLiteral("HOSTILE"));
        QVERIFY(!expiryStress({}).score.has_value());
        // The reason names what drives the score: here the time to expiry and the realised-vol percentile.
        QCOMPARE(expiryStressReason({2, 0.92, std::nullopt, false}),
                 QStringLiteral("expiry stress HOSTILE (0.76): 2 sessions to expiry (0.60), realised vol at percentile 92 of its "
                                "last year (0.92)"));
        QCOMPARE(expiryStressReason({10, 0.2, 0.5, true}),
                 QStringLiteral("expiry stress CALM (0.15): 10 sessions to expiry (0.00), implied vol at percentile 20 of its "
                                "last year (0.20), spot 0.50 expiry standard deviations from max pain (0.25)"));
        QCOMPARE(expiryStressReason({}), QStringLiteral("expiry stress unknown"));

        SellerFlagInputs calm{QStringLiteral("LOW"), QStringLiteral("CALM"), 0.10, 0.10, true, 0.0, {}, {}, {}};
        QCOMPARE(sellerFlag(calm).label, QStringLiteral("FAVOURABLE"));
        QCOMPARE(sellerFlag(calm).color, QStringLiteral("GREEN"));
        SellerFlagInputs medium = calm;
        medium.trapLabel = QStringLiteral("MEDIUM");
        QCOMPARE(sellerFlag(medium).label, QStringLiteral("CAUTION"));
        QCOMPARE(sellerFlag(medium).color, QStringLiteral("AMBER"));
        SellerFlagInputs noEdge = calm;
        noEdge.breachEdgeDemonstrated = false;
        QCOMPARE(sellerFlag(noEdge).label, QStringLiteral("CAUTION"));
        SellerFlagInputs trap = calm;
        trap.trapLabel = QStringLiteral("HIGH");
        QCOMPARE(sellerFlag(trap).label, QStringLiteral("HOSTILE"));
        QCOMPARE(sellerFlag(trap).color, QStringLiteral("RED"));
        QVERIFY(sellerFlag(trap).reasons.front().contains(QStringLiteral("the calibrated chance that realised vol then expands")));
        // Without a model edge the score is a frequency, and the reason says so (it claimed calibration).
        trap.trapScoreIsBaseRate = true;
        QVERIFY2(sellerFlag(trap).reasons.front().contains(QStringLiteral("how often realised vol then expanded after such days "
                                                                          "(no model edge)")),
                 qPrintable(sellerFlag(trap).reasons.front()));
        SellerFlagInputs wild = calm;
        wild.safeRangeBreach = 0.25;
        QCOMPARE(sellerFlag(wild).label, QStringLiteral("HOSTILE"));
        SellerFlagInputs stressed = calm;
        stressed.stressLabel = QStringLiteral("HOSTILE");
        stressed.stressReason = expiryStressReason({1, 0.95, 2.5});
        QCOMPARE(sellerFlag(stressed).label, QStringLiteral("HOSTILE"));
        QCOMPARE(sellerFlag(stressed).reasons.front(), stressed.stressReason);
        // A Budget inside the range's 30 days: the breach model cannot see it, so never FAVOURABLE.
        SellerFlagInputs budget = calm;
        budget.scheduledEvents = {QStringLiteral("Union Budget (session of Sun 1 Feb 2026)")};
        QCOMPARE(sellerFlag(budget).label, QStringLiteral("CAUTION"));
        QVERIFY(sellerFlag(budget).reasons.front().startsWith(QStringLiteral("Union Budget (session of Sun 1 Feb 2026), within")));
    }

    // The report of a ticker whose 30 days hold the Saturday 2025 Budget session names it in the flag's
    // reasons; one a year later has none.
    void aBudgetWithinTheRangeIsAReason()
    {
        const UniverseData beforeBudget = testing::smallDemoUniverse(2, 1, false, 5, QDate(2025, 1, 20));
        report::TickerReport report;
        engine_->fill(beforeBudget, beforeBudget.tickers.back(), 0, report);
        const QStringList& reasons = report.seller.sellerFlag.reasons;
        QVERIFY2(reasons.filter(QStringLiteral("Union Budget (session of Sat 1 Feb 2025), within the 30-day range")).size() == 1,
                 qPrintable(reasons.join(QStringLiteral(" | "))));
        QVERIFY(report.seller.sellerFlag.label != QStringLiteral("FAVOURABLE"));
        report::TickerReport later;
        engine_->fill(universe_, universe_.tickers.back(), 0, later);
        QVERIFY(later.seller.sellerFlag.reasons.filter(QStringLiteral("within the 30-day range")).isEmpty());
    }

    // A band spanning the first session to trade a scheduled event is grouped by its span: the Budget
    // of 2025 was read in a Saturday session (1 Feb). A band that starts on the event's own session
    // does not span it.
    // The 2024 exit polls (Sunday 2 June) first traded on Monday 3 June: inside a range that ends on
    // Monday 3 June, after one whose 30 days end on Sunday 2 June (its last session Friday 31 May).
    void anEventTradedAfterTheRangesLastSessionIsNotAReason()
    {
        const auto exitPollReasons = [&](QDate asOf) {
            const UniverseData universe = testing::smallDemoUniverse(2, 1, false, 5, asOf);
            report::TickerReport report;
            engine_->fill(universe, universe.tickers.back(), 0, report);
            return report.seller.sellerFlag.reasons.filter(QStringLiteral("exit polls"));
        };
        QCOMPARE(exitPollReasons(QDate(2024, 5, 3)).size(), 0);
        QCOMPARE(exitPollReasons(QDate(2024, 5, 6)).size(), 1);
    }

    void bandsSpanningAScheduledEventAreGroupedBySpan()
    {
        const data::NseCalendar& calendar = data::NseCalendar::instance();
        std::vector<QDate> sessions{QDate(2025, 1, 20)};
        while (sessions.size() < 40)
            sessions.push_back(calendar.nextSession(sessions.back()));
        const std::size_t budget = std::size_t(std::find(sessions.begin(), sessions.end(), QDate(2025, 2, 1)) - sessions.begin());
        QVERIFY(budget < sessions.size());
        QCOMPARE(budget, std::size_t(10));  // 21-24 and 27-31 January, then the Saturday
        QCOMPARE(breachEventGroup(sessions, 0, 9), std::string());
        QCOMPARE(breachEventGroup(sessions, 0, 10), std::string("scheduled_event_6_12"));
        QCOMPARE(breachEventGroup(sessions, 0, 13), std::string("scheduled_event_13_25"));
        QCOMPARE(breachEventGroup(sessions, budget - 1, 1), std::string("scheduled_event_1_5"));
        QCOMPARE(breachEventGroup(sessions, budget - 5, 5), std::string("scheduled_event_1_5"));
        QCOMPARE(breachEventGroup(sessions, budget, 5), std::string());
        QCOMPARE(breachEventGroup(sessions, budget + 1, 25), std::string());
        QCOMPARE(breachEventGroup(sessions, sessions.size() - 1, 5), std::string());  // no session after it
        QCOMPARE(breachEventGroup({}, 0, 5), std::string());
    }

    // While the session after the last close trades, its high and low so far say whether a safe range
    // has already been left: a breach is a touch, so the flag turns HOSTILE and names the range.
    void aRangeTheTradingSessionHasLeftIsBreachedAndHostile()
    {
        TickerData nifty = *universe_.find(data::kNiftySymbol);
        const QDate session = data::NseCalendar::instance().nextSession(nifty.features.dates.back());
        const std::int64_t openUtc = data::NseCalendar::instance().sessionTimes(session)->openUtc.toSecsSinceEpoch();
        const std::int64_t nowUtc = openUtc + 3600;
        report::TickerReport before;
        engine_->fill(universe_, nifty, nowUtc, before);
        QVERIFY(!before.seller.sessionSoFar);  // no bar of that session yet
        QVERIFY(!before.seller.safeRange.breachedSoFar && !before.seller.safeRangeExpiry.breachedSoFar);
        const double spot = *before.seller.referenceClose;
        const double lower = *before.seller.safeRangeExpiry.lower;
        QVERIFY(lower < spot);

        // A forming daily bar inside both ranges: observed, nothing left.
        nifty.daily.bars.push_back({openUtc, session, spot, spot * 1.001, spot * 0.999, spot, 0.0, false});
        report::TickerReport inside;
        engine_->fill(universe_, nifty, nowUtc, inside);
        QVERIFY(inside.seller.sessionSoFar.has_value());
        QCOMPARE(inside.seller.sessionSoFar->session, session);
        QCOMPARE(inside.seller.sessionSoFar->low, spot * 0.999);
        QCOMPARE(inside.seller.sessionSoFar->basis, QStringLiteral("the session's daily bar so far"));
        QVERIFY(!inside.seller.sessionSoFar->asOf.isValid());
        QCOMPARE(inside.seller.safeRange.breachedSoFar, std::optional<bool>(false));
        QCOMPARE(inside.seller.safeRangeExpiry.breachedSoFar, std::optional<bool>(false));
        QVERIFY(inside.seller.sellerFlag.reasons.filter(QStringLiteral("has already left it")).isEmpty());
        // The same models' ranges: the observation moves nothing but the verdict on it.
        QCOMPARE(*inside.seller.safeRangeExpiry.lower, lower);

        // Its low under the range to expiry's lower bound: that range is breached, the flag HOSTILE.
        nifty.daily.bars.back().low = lower * 0.999;
        report::TickerReport left;
        engine_->fill(universe_, nifty, nowUtc, left);
        QCOMPARE(left.seller.safeRangeExpiry.breachedSoFar, std::optional<bool>(true));
        QCOMPARE(left.seller.sellerFlag.label, QStringLiteral("HOSTILE"));
        QVERIFY2(left.seller.sellerFlag.reasons.filter(QStringLiteral("safe range to expiry: low")).size() == 1,
                 qPrintable(left.seller.sellerFlag.reasons.join(QStringLiteral(" | "))));
        const nlohmann::json document = report::toJson(left).at("seller");
        const std::vector<std::string> errors = report::validateAgainstSchema(sellerSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
        QCOMPARE(document.at("safe_range_expiry").at("breached_so_far").get<bool>(), true);
        QCOMPARE(document.at("session_so_far").at("session").get<std::string>(), session.toString(Qt::ISODate).toStdString());

        // A bar of that session after the report's time is not seen.
        report::TickerReport earlier;
        engine_->fill(universe_, nifty, openUtc - 60, earlier);
        QVERIFY(!earlier.seller.sessionSoFar);
    }

    void realisedSkewSeesAsymmetry()
    {
        std::vector<double> closes{100.0};
        for (int i = 0; i < 60; ++i)
            closes.push_back(closes.back() * (i % 4 == 0 ? 0.97 : 1.01));  // rare large falls, frequent small rises
        const std::optional<SkewValues> skew = realisedSkew(closes);
        QVERIFY(skew.has_value());
        QVERIFY(skew->net > 0.0 && skew->put > 0.0 && skew->call < 0.0);
        QVERIFY(!realisedSkew({100.0, 101.0}).has_value());
    }

    void everyReportIsFiniteAndValid()
    {
        const nlohmann::json schema = sellerSchema();
        QElapsedTimer timer;
        timer.start();
        const double cpu = cpuSeconds();
        std::vector<nlohmann::json> documents;
        for (const TickerData& ticker : universe_.tickers)
            documents.push_back(sellerJson(*engine_, universe_, ticker));
        qInfo("seller fill for %zu tickers: %lld ms wall, %.3f s CPU", universe_.tickers.size(), timer.elapsed(), cpuSeconds() - cpu);
        for (const nlohmann::json& document : documents) {
            const std::vector<std::string> errors = report::validateAgainstSchema(schema, document);
            QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
            QVERIFY(!report::serialise(document).isEmpty());  // throws on NaN/inf
            for (const nlohmann::json& point : document.at("breach_probabilities"))
                QCOMPARE(point.at("probability").is_null(), point.contains("reason"));  // null only with a reason
        }

        // Volatility so high that 0.5 % from spot is nearer than the narrowest band the model learnt:
        // that point is null, says why, and the farther ones are still quoted.
        TickerData wild = universe_.tickers.back();
        const int sigma = wild.labels.schema.indexOf("sigma_annual");
        wild.labels.values(wild.lastRow(), sigma) *= 40.0;
        const nlohmann::json document = sellerJson(*engine_, universe_, wild);
        const nlohmann::json& nearest = document.at("breach_probabilities").at(0);
        QVERIFY(nearest.at("probability").is_null());
        QVERIFY2(nearest.at("reason").get<std::string>().find("outside the bands the breach model learnt") != std::string::npos,
                 nearest.dump().c_str());
        QVERIFY(report::validateAgainstSchema(schema, document).empty());
        const std::vector<report::ModelEvaluation> evaluations = engine_->evaluations();
        QVERIFY(evaluations.size() >= 2);
    }

    void saveLoadGivesIdenticalOutput()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const models::ModelStore store(directory.path());
        models::GenerationWriter writer = store.beginGeneration();
        engine_->save(writer);
        writer.commit();
        const SellerEngine loaded = SellerEngine::load(store.current(QString()));
        QVERIFY(loaded.breachModel().hitRates() == engine_->breachModel().hitRates());
        for (const TickerData& ticker : universe_.tickers)
            QVERIFY(sellerJson(loaded, universe_, ticker) == sellerJson(*engine_, universe_, ticker));
    }

    void cancellationStopsTraining()
    {
        CancellationToken token;
        bool progressed = false;
        const RunControl control(token, [&](double, const QString&) {
            progressed = true;
            token.cancel();  // at the first progress report, while the breach rows are being pooled
        });
        QElapsedTimer timer;
        timer.start();
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, SellerEngine::train(universe_, control));
        QVERIFY(progressed);
        qInfo("cancelled after %lld ms", timer.elapsed());
    }
};

QTEST_GUILESS_MAIN(EnginesSellerTest)
#include "test_engines_seller.moc"
