// The pipeline end to end: DEMO data → train → generation → reports that validate; a retrain of one
// engine keeps the others; a cancelled retrain changes nothing; and the quality the engines reach on
// the real NSE files, measured walk-forward.
#include "engines/buyer/buyer_engine.h"
#include "engines/features/daily_features.h"
#include "engines/features/feature_table.h"
#include "engines/pipeline/market_panel.h"
#include "engines/pipeline/trained_engines.h"
#include "engines/report/json_schema.h"
#include "engines/report/report_json.h"

#include "data/calendar/nse_calendar.h"
#include "data/csvimport/csv_import.h"
#include "data/demo/demo_market.h"
#include "data/demo/demo_store_writer.h"
#include "data/store/market_store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace aegis;
using namespace aegis::engines;

namespace {

constexpr int kDemoStocks = 30;

QStringList demoSymbols()
{
    QStringList symbols{data::kNiftySymbol, data::kBankNiftySymbol};
    const data::Universe universe = data::Universe::builtIn();
    for (const data::Ticker& ticker : universe.pickable()) {
        if (ticker.kind == data::TickerKind::Stock && symbols.size() < kDemoStocks + 2)
            symbols << ticker.symbol;
    }
    return symbols;
}

UniverseData demoUniverse(int years = 3)
{
    data::DemoOptions options;
    options.seed = 11;
    options.years = years;
    options.endDate = QDate(2025, 11, 21);
    const data::DemoMarket market = data::generateDemoMarket(options);
    const QStringList wanted = demoSymbols();
    std::vector<TickerSeries> series;
    for (const data::DemoSeries& demo : market.series) {
        if (!wanted.contains(demo.ticker.symbol))
            continue;
        const data::OptionChain* chain = market.findChain(demo.ticker.symbol);
        series.push_back({demo.ticker, demo.daily, demo.oneMinute, chain ? std::optional(*chain) : std::nullopt});
    }
    return buildUniverseData(std::move(series), market.find(data::kNiftySymbol)->daily, market.find(data::kVixSymbol)->daily,
                             {}, {});
}

// Noon IST of the day after the data ends, so the reports are as of a real morning.
std::int64_t morningAfter(const UniverseData& universe)
{
    return QDateTime(universe.lastSession.addDays(3), QTime(4, 0), Qt::UTC).toSecsSinceEpoch();
}

void requireValid(const report::TickerReport& report)
{
    const nlohmann::json document = report::toJson(report);
    const auto errors = report::validateAgainstSchema(report::reportSchema(), document);
    QVERIFY2(errors.empty(), qPrintable(report.meta.ticker + QStringLiteral(": ") + QString::fromStdString(errors.empty() ? "" : errors.front())));
    report::serialise(document);  // throws on NaN/inf
}

const report::ModelEvaluation* findModel(const report::Evaluation& evaluation, const QString& engine, const QString& target)
{
    for (const report::ModelEvaluation& model : evaluation.models) {
        if (model.engine == engine && model.target == target)
            return &model;
    }
    return nullptr;
}

}  // namespace

class EnginesPipelineTest : public QObject {
    Q_OBJECT

    QTemporaryDir modelsDir_;
    UniverseData universe_;
    QString firstGeneration_;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(modelsDir_.isValid());
        universe_ = demoUniverse();
        QCOMPARE(int(universe_.tickers.size()), kDemoStocks + 2);
    }

    // A non-final last bar is "in progress" only while its session runs; once that session has closed it
    // is a snapshot that never completed (the real NIFTY file's last row, written at 13:52 IST).
    void aNeverCompletedBarIsNotCalledInProgress()
    {
        TickerData ticker;
        ticker.ticker = *data::Universe::builtIn().find(data::kNiftySymbol);
        ticker.daily.source = data::DataSource::Csv;
        for (const auto& [day, final] : {std::pair{QDate(2025, 11, 26), true}, {QDate(2025, 11, 27), true},
                                         {QDate(2025, 11, 28), false}}) {
            data::Bar bar;
            bar.session = day;
            // The snapshot's own stamp (13:52 IST) on the last row, the session's open on the others.
            bar.utc = QDateTime(day, final ? QTime(3, 45) : QTime(8, 22), Qt::UTC).toSecsSinceEpoch();
            bar.open = bar.high = bar.low = bar.close = 26000.0;
            bar.final = final;
            ticker.daily.bars.push_back(bar);
        }
        const UniverseData empty;
        const auto reportAt = [&](QDateTime now) {
            report::TickerReport report;
            fillMetaAndMarket(empty, ticker, now.toSecsSinceEpoch(), report);
            return report;
        };
        const QDateTime duringNow(QDate(2025, 11, 28), QTime(8, 30), Qt::UTC);  // 14:00 IST
        const report::TickerReport during = reportAt(duringNow);
        const QString duringWarnings = during.meta.warnings.join(QStringLiteral(" | "));
        QVERIFY2(duringWarnings.contains(QStringLiteral("session 2025-11-28 in progress")), qPrintable(duringWarnings));
        QCOMPARE(during.meta.dataAsOf, duringNow);
        // A year on, the data is as of the snapshot, not of the moment the report was made.
        const report::TickerReport later = reportAt(QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC));
        const QString laterWarnings = later.meta.warnings.join(QStringLiteral(" | "));
        QVERIFY2(laterWarnings.contains(QStringLiteral("the 2025-11-28 bar was taken before that session's close")),
                 qPrintable(laterWarnings));
        QVERIFY2(!laterWarnings.contains(QStringLiteral("in progress")), qPrintable(laterWarnings));
        QCOMPARE(later.meta.dataAsOf, QDateTime(QDate(2025, 11, 28), QTime(8, 22), Qt::UTC));
        // `market` has no reason field: a missing India VIX is said in the warnings.
        QVERIFY(!later.market.vix);
        QVERIFY2(laterWarnings.contains(QStringLiteral("no India VIX is stored: market.vix and its change are null")),
                 qPrintable(laterWarnings));
    }

    // Forecasts reaching past the last published NSE year rest on assumed holidays, and say so.
    void forecastsPastThePublishedCalendarSaySo()
    {
        TickerData ticker;
        ticker.ticker = *data::Universe::builtIn().find(data::kNiftySymbol);
        ticker.daily.source = data::DataSource::Csv;
        const auto warningsWithLastSession = [&](QDate day) {
            data::Bar bar;
            bar.session = day;
            bar.utc = QDateTime(day, QTime(10, 0), Qt::UTC).toSecsSinceEpoch();
            bar.open = bar.high = bar.low = bar.close = 26000.0;
            ticker.daily.bars = {bar};
            report::TickerReport report;
            fillMetaAndMarket(UniverseData{}, ticker, QDateTime(day, QTime(12, 0), Qt::UTC).toSecsSinceEpoch(), report);
            return report.meta.warnings.join(QStringLiteral(" | "));
        };
        const QString calendarWarning = QStringLiteral("NSE has not published its holidays after 2026-12-31");
        // 40 sessions after 2026-10-23 end on 2026-12-22; after 2026-11-20, on 2027-01-19.
        QVERIFY(!warningsWithLastSession(QDate(2026, 10, 23)).contains(calendarWarning));
        const QString november = warningsWithLastSession(QDate(2026, 11, 20));
        QVERIFY2(november.contains(calendarWarning), qPrintable(november));
    }

    // India VIX is the market's latest close with its session; one older than the ticker's data is
    // named both in the field and in a warning.
    void vixCarriesItsSession()
    {
        const auto barOn = [](QDate day, double close) {
            data::Bar bar;
            bar.session = day;
            bar.utc = QDateTime(day, QTime(10, 0), Qt::UTC).toSecsSinceEpoch();
            bar.open = bar.high = bar.low = bar.close = close;
            return bar;
        };
        TickerData ticker;
        ticker.ticker = *data::Universe::builtIn().find(data::kNiftySymbol);
        ticker.daily.source = data::DataSource::Csv;
        ticker.daily.bars = {barOn(QDate(2025, 11, 27), 26000.0), barOn(QDate(2025, 11, 28), 26100.0)};
        UniverseData universe;
        universe.vix.bars = {barOn(QDate(2025, 11, 26), 12.0), barOn(QDate(2025, 11, 27), 11.5)};
        report::TickerReport report;
        fillMetaAndMarket(universe, ticker, QDateTime(QDate(2025, 11, 28), QTime(12, 0), Qt::UTC).toSecsSinceEpoch(), report);
        QCOMPARE(report.market.vix.value_or(0.0), 11.5);
        QCOMPARE(report.market.vixAsOf, QDate(2025, 11, 27));
        QVERIFY2(report.meta.warnings.contains(QStringLiteral("India VIX is as of 2025-11-27, older than the ticker's data")),
                 qPrintable(report.meta.warnings.join(QStringLiteral(" | "))));
        universe.vix.bars.push_back(barOn(QDate(2025, 11, 28), 11.0));
        report = {};
        fillMetaAndMarket(universe, ticker, QDateTime(QDate(2025, 11, 28), QTime(12, 0), Qt::UTC).toSecsSinceEpoch(), report);
        QCOMPARE(report.market.vixAsOf, QDate(2025, 11, 28));
        QVERIFY(!report.meta.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("India VIX")));
    }

    // A close that halves in one session (a bonus downloaded unadjusted) made every volatility-based
    // figure absurd without a word; ADANIENT's real −28 % day stays unflagged. Trailing flat zero-volume
    // rows (a suspension) left the forecasts months older than the header's date, unsaid.
    void oddTailsAreWarnedOf()
    {
        const std::vector<QDate> sessions = data::NseCalendar::instance().sessionsBetween(QDate(2025, 8, 1), QDate(2025, 11, 28));
        const auto stock = [&](double lastRatio, std::size_t placeholders) {
            TickerData ticker;
            ticker.ticker = *data::Universe::builtIn().find(QStringLiteral("TITAN"));
            ticker.daily.source = data::DataSource::Csv;
            double close = 1200.0;
            for (std::size_t i = 0; i < sessions.size(); ++i) {
                data::Bar bar;
                bar.session = sessions[i];
                bar.utc = QDateTime(sessions[i], QTime(3, 45), Qt::UTC).toSecsSinceEpoch();
                bar.volume = i + placeholders >= sessions.size() ? 0.0 : 1000.0;
                if (bar.volume > 0.0)
                    close *= i + 1 == sessions.size() ? lastRatio : (i % 2 == 0 ? 1.01 : 1.0 / 1.01);
                bar.open = bar.high = bar.low = bar.close = close;
                ticker.daily.bars.push_back(bar);
            }
            ticker.features = buildDailyFeatures(ticker.daily, MarketContext{});
            return ticker;
        };
        const auto warningsFor = [](const TickerData& ticker) {
            report::TickerReport report;
            fillMetaAndMarket(UniverseData{}, ticker, QDateTime(QDate(2025, 11, 29), QTime(6, 0), Qt::UTC).toSecsSinceEpoch(), report);
            return report.meta.warnings.join(QStringLiteral(" | "));
        };
        const QString bonus = warningsFor(stock(0.5, 0));
        QVERIFY2(bonus.contains(QStringLiteral("the close moved x0.50 in one session on 2025-11-28")), qPrintable(bonus));
        QVERIFY2(bonus.contains(QStringLiteral("likely an unadjusted split or bonus")), qPrintable(bonus));
        const QString crash = warningsFor(stock(0.72, 0));
        QVERIFY2(!crash.contains(QStringLiteral("one session")) && !crash.contains(QStringLiteral("set aside")), qPrintable(crash));

        const QString suspended = warningsFor(stock(1.0, 5));
        const QString expected = QStringLiteral("the last 5 final bar(s), %1 to %2, were set aside (flat placeholder row (O=H=L=C, "
                                                "volume 0)): the forecasts are made as of the %3 close")
                                     .arg(sessions[sessions.size() - 5].toString(Qt::ISODate),
                                          sessions.back().toString(Qt::ISODate),
                                          sessions[sessions.size() - 6].toString(Qt::ISODate));
        QVERIFY2(suspended.contains(expected), qPrintable(suspended));
    }

    void trainsAGenerationWhoseReportsValidate()
    {
        const models::ModelStore store(modelsDir_.path());
        std::vector<double> fractions;
        const RunControl control(CancellationToken(), [&](double fraction, const QString&) { fractions.push_back(fraction); });
        QElapsedTimer timer;
        timer.start();
        const TrainingOutcome outcome = trainEngines(universe_, allEngines(), &store, control);
        qInfo("trained %zu tickers in %.1f s", universe_.tickers.size(), double(timer.elapsed()) / 1000.0);
        for (const auto& [engine, seconds] : outcome.engineSeconds)
            qInfo("  %s %.1f s", qPrintable(engine), seconds);
        QVERIFY(!outcome.generationId.isEmpty());
        QCOMPARE(store.currentId().value_or(QString()), outcome.generationId);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);
        for (const QString& engine : {QStringLiteral("direction"), QStringLiteral("seller"), QStringLiteral("buyer"), QStringLiteral("execution")}) {
            QVERIFY2(std::any_of(outcome.evaluation.models.begin(), outcome.evaluation.models.end(),
                                 [&](const report::ModelEvaluation& model) { return model.engine == engine; }),
                     qPrintable(engine));
        }
        firstGeneration_ = outcome.generationId;

        const TrainedEngines trained = TrainedEngines::loadCurrent(store);
        QCOMPARE(trained.generationId(), outcome.generationId);
        timer.restart();
        const std::vector<report::TickerReport> reports = trained.inferAll(universe_, morningAfter(universe_), {});
        qInfo("inferred %zu reports in %lld ms", reports.size(), timer.elapsed());
        QCOMPARE(reports.size(), universe_.tickers.size());
        for (const report::TickerReport& report : reports) {
            requireValid(report);
            QCOMPARE(report.meta.dataSource, QStringLiteral("demo"));
            QVERIFY(report.meta.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("DEMO")));
            QCOMPARE(report.meta.modelGeneration, outcome.generationId);
            QVERIFY(report.market.spot > 0.0);
            QCOMPARE(report.direction.horizons.size(), std::size_t(6));
        }
        // One inference equals the batched one.
        const report::TickerReport single = trained.infer(universe_, universe_.tickers[3], morningAfter(universe_));
        QVERIFY(report::toJson(single) == report::toJson(reports[3]));
    }

    void retrainingOneEngineKeepsTheOthers()
    {
        QVERIFY(!firstGeneration_.isEmpty());
        const models::ModelStore store(modelsDir_.path());
        const TrainingOutcome outcome = trainEngines(universe_, {EngineKind::Seller}, &store, {});
        QVERIFY(outcome.generationId != firstGeneration_);
        QVERIFY(outcome.notes.join(QLatin1Char(' ')).contains(QStringLiteral("kept from generation")));
        const TrainedEngines before = TrainedEngines::load(store, firstGeneration_);
        const TrainedEngines after = TrainedEngines::loadCurrent(store);
        const std::int64_t now = morningAfter(universe_);
        const report::TickerReport a = before.infer(universe_, universe_.tickers[0], now);
        const report::TickerReport b = after.infer(universe_, universe_.tickers[0], now);
        QVERIFY(report::toJson(a)["direction"] == report::toJson(b)["direction"]);
        QVERIFY(report::toJson(a)["execution"] == report::toJson(b)["execution"]);
    }

    void aCancelledRetrainLeavesTheCurrentGeneration()
    {
        const models::ModelStore store(modelsDir_.path());
        const QString current = store.currentId().value_or(QString());
        QVERIFY(!current.isEmpty());
        CancellationToken token;
        const RunControl control(token, [&](double fraction, const QString&) {
            if (fraction > 0.2)
                token.cancel();
        });
        QVERIFY_THROWS_EXCEPTION(OperationCancelled, trainEngines(universe_, allEngines(), &store, control));
        QCOMPARE(store.currentId().value_or(QString()), current);
        const QStringList leftovers = QDir(modelsDir_.path()).entryList({QStringLiteral(".staging-*")}, QDir::Dirs | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
        TrainedEngines::loadCurrent(store);
    }

    // A year of history cannot hold t+40's first training window; the user is told so in words they
    // can act on ("validation tail: nothing left to fit on" was all they saw), and nothing is written.
    void tooShortAHistoryIsSaidPlainly()
    {
        const models::ModelStore store(modelsDir_.path());
        const QString current = store.currentId().value_or(QString());
        QVERIFY(!current.isEmpty());
        const UniverseData year = demoUniverse(1);
        try {
            trainEngines(year, allEngines(), &store, {});
            QFAIL("a one-year history trained");
        } catch (const std::runtime_error& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.startsWith(QStringLiteral("the stored history is too short to train every model (")), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("aegis demo --years 2 or more")), qPrintable(message));
        }
        QCOMPARE(store.currentId().value_or(QString()), current);
    }

    // The real NIFTY, NIFTY BANK, India VIX and 32 stock files, evaluated walk-forward. Prints every
    // figure; asserts what the engines reach and that nothing without an edge is shown as one.
    void qualityOnTheRealNseFiles()
    {
        QTemporaryDir dir;
        data::MarketStore store(dir.filePath(QStringLiteral("market.sqlite")));
        QStringList files;
        for (const QString& name : QDir(QStringLiteral(AEGIS_SHARED_DATA_DIR)).entryList({QStringLiteral("*.csv")})) {
            // Price files are named by symbol (upper case); the constituent lists and provenance are not.
            const QString stem = QFileInfo(name).completeBaseName();
            const bool priceFile = stem.toUpper() == stem || stem.startsWith(QStringLiteral("NSEI")) || stem.startsWith(QStringLiteral("INDIAVIX"));
            if (priceFile)
                files << QStringLiteral(AEGIS_SHARED_DATA_DIR "/") + name;
        }
        QVERIFY2(files.size() >= 36, qPrintable(files.join(QLatin1Char(' '))));
        data::CsvImportOptions options;
        options.nowUtc = QDateTime(QDate(2026, 11, 21), QTime(6, 0), Qt::UTC);
        for (const data::FileImportResult& result : data::importCsvPaths(store, files, options))
            QVERIFY2(result.imported, qPrintable(result.error));

        const UniverseData real = loadUniverseData(store, data::Universe::builtIn(), {}, {});
        QCOMPARE(int(real.tickers.size()), 34);  // NIFTY, BANKNIFTY and 32 stocks
        QVERIFY(!real.isDemo());
        // One ticker loaded alone (`aegis predict`, the window's first paint) gets the features it has in
        // the whole universe: the stocks' breakout breadth still counts all 32 stocks.
        UniverseOptions justOne;
        justOne.symbols = {QStringLiteral("RELIANCE")};
        const UniverseData alone = loadUniverseData(store, data::Universe::builtIn(), justOne, {});
        QCOMPARE(int(alone.tickers.size()), 1);
        const FeatureFrame& together = real.find(QStringLiteral("RELIANCE"))->features;
        QCOMPARE(alone.tickers.front().features.dates, together.dates);
        QVERIFY(alone.tickers.front().features.values == together.values);
        QVERIFY((alone.tickers.front().features.missing == together.missing).all());
        const int share = together.schema.indexOf(kStockBreakoutShareFeature);
        QVERIFY(share >= 0 && !together.missing(together.rows() - 1, share));
        // The window and `aegis predict` take that breadth from the store's cache: computed once, then
        // read back bit for bit until daily bars are written.
        const QString wholeUniverse = real.market.breadth.serialised();
        const QString cacheKey = stockBreadthCacheKey(data::Universe::builtIn());
        QVERIFY(!store.cachedDerived(cacheKey, store.dailyBarsVersion()));
        QCOMPARE(readStockBreadth(store, data::Universe::builtIn()).serialised(), wholeUniverse);
        QCOMPARE(store.cachedDerived(cacheKey, store.dailyBarsVersion()).value_or(QString()), wholeUniverse);
        QCOMPARE(readStockBreadth(store, data::Universe::builtIn()).serialised(), wholeUniverse);
        // Any write of daily bars retires it; a whole-universe load through the cache (the window's
        // refresh, a scheduled run, `aegis train`) leaves what it built there, under the version read
        // before that load, and a one-ticker load through the cache reads it back.
        const std::int64_t beforeWrite = store.dailyBarsVersion();
        store.upsertBars(store.loadBars(QStringLiteral("RELIANCE"), data::Interval::Daily));
        QVERIFY(!store.cachedDerived(cacheKey, store.dailyBarsVersion()));
        QVERIFY(store.dailyBarsVersion() != beforeWrite);
        const UniverseData reloaded = loadUniverseDataCachingBreadth(store, data::Universe::builtIn(), {}, {});
        QCOMPARE(int(reloaded.tickers.size()), 34);
        QCOMPARE(store.cachedDerived(cacheKey, store.dailyBarsVersion()).value_or(QString()), wholeUniverse);
        const UniverseData aloneFromCache = loadUniverseDataCachingBreadth(store, data::Universe::builtIn(), justOne, {});
        QVERIFY(aloneFromCache.tickers.front().features.values == together.values);
        store.upsertBars(store.loadBars(QStringLiteral("RELIANCE"), data::Interval::Daily));
        cacheStockBreadth(store, data::Universe::builtIn(), store.dailyBarsVersion(), real.market.breadth);
        QCOMPARE(store.cachedDerived(cacheKey, store.dailyBarsVersion()).value_or(QString()), wholeUniverse);
        QElapsedTimer timer;
        timer.start();
        const models::ModelStore modelStore(dir.filePath(QStringLiteral("models")));
        const TrainingOutcome outcome = trainEngines(real, allEngines(), &modelStore, {});
        qInfo("real data %s..%s, evaluated in %.1f s", qPrintable(real.firstSession.toString(Qt::ISODate)),
              qPrintable(real.lastSession.toString(Qt::ISODate)), double(timer.elapsed()) / 1000.0);
        for (const report::ModelEvaluation& model : outcome.evaluation.models) {
            qInfo("  %-9s %-22s n %6lld auc %s [%s, %s] bss %s ece %s coverage %s edge %s", qPrintable(model.engine),
                  qPrintable(model.target), qlonglong(model.n), qPrintable(model.auc ? QString::number(*model.auc, 'f', 3) : QStringLiteral("-")),
                  qPrintable(model.aucLow ? QString::number(*model.aucLow, 'f', 3) : QStringLiteral("-")),
                  qPrintable(model.aucHigh ? QString::number(*model.aucHigh, 'f', 3) : QStringLiteral("-")),
                  qPrintable(model.brierSkill ? QString::number(*model.brierSkill, 'f', 3) : QStringLiteral("-")),
                  qPrintable(model.ece ? QString::number(*model.ece, 'f', 3) : QStringLiteral("-")),
                  qPrintable(model.coverage ? QString::number(*model.coverage, 'f', 3) : QStringLiteral("-")),
                  model.edgeDemonstrated ? "yes" : "no");
            // Honesty invariant: an edge is claimed only with a ranking better than chance,
            // probabilities better than the base rate and, where a placebo ran, better than the same
            // forecasts against time-shifted outcomes; a quantile model's only with a pinball skill
            // interval above 0 (better than its training rows' constant).
            const bool quantileModel = model.target.startsWith(QStringLiteral("move_")) || model.target.startsWith(QStringLiteral("exec_cost_"));
            QCOMPARE(bool(model.pinballSkill), quantileModel);
            // Every coverage comes with its interval, which surrounds it.
            QCOMPARE(bool(model.coverageLow && model.coverageHigh), bool(model.coverage));
            if (model.coverage) {
                qInfo("            coverage %.3f [%.3f, %.3f]", *model.coverage, *model.coverageLow, *model.coverageHigh);
                QVERIFY(*model.coverageLow <= *model.coverage && *model.coverage <= *model.coverageHigh);
            }
            if (quantileModel) {
                qInfo("            pinball skill %.3f [%.3f, %.3f]", *model.pinballSkill, model.pinballSkillLow.value_or(-9),
                      model.pinballSkillHigh.value_or(-9));
                QCOMPARE(model.edgeDemonstrated, model.pinballSkillLow && *model.pinballSkillLow > 0.0);
            } else if (model.edgeDemonstrated) {
                QVERIFY(model.aucLow && *model.aucLow > 0.5);
                QVERIFY(model.brierSkill && *model.brierSkill > 0.0);
                QVERIFY(!model.placeboP || *model.placeboP <= 0.05);
            }
        }
        // Every classifier's probabilities score at least as well as the base rate it would have quoted
        // (Brier skill >= 0; the direction ensembles and trap_given_setup quote theirs, 0.000). Every
        // direction ensemble, each on its drift-discounted base rate here, is calibrated within 0.03
        // or within what a calibrated forecaster scores on its one test window (t+40: 0.041, floor
        // 0.052; 0.079 when the base rate carried the training years' trend).
        for (const report::ModelEvaluation& model : outcome.evaluation.models) {
            if (model.brierSkill)
                QVERIFY2(*model.brierSkill >= -1e-9, qPrintable(model.target));
            if (model.engine == QStringLiteral("direction") && model.ece && !model.target.endsWith(QStringLiteral("_xgb"))) {
                QVERIFY(model.eceFloor);
                QVERIFY2(*model.ece <= std::max(0.03, *model.eceFloor), qPrintable(model.target));
            }
        }
        const report::ModelEvaluation* band = findModel(outcome.evaluation, QStringLiteral("seller"), QStringLiteral("breach_band"));
        QVERIFY(band && band->auc);
        QVERIFY2(*band->auc >= 0.62, qPrintable(QString::number(*band->auc)));
        QVERIFY2(band->ece && *band->ece <= 0.03, qPrintable(QString::number(band->ece.value_or(-1))));
        // Every breakout day ranks above the 0.62, scored on every test-window row: 0.649 /
        // 0.628 / 0.636 / 0.636 / 0.642 with this seed, 0.626-0.644 with two others (docs/engine-buyer.md;
        // day 2 read 0.614-0.618 before the stocks' breakout breadth). Every breakout day and the theta
        // edge are calibrated (the booster's own probabilities, not a map fitted on a 60-session tail) and
        // beat chance, the base rate and their time-shift placebo; the theta edge ranks above 0.59.
        for (const QString& target : {QStringLiteral("breakout_1"), QStringLiteral("breakout_2"), QStringLiteral("breakout_3"),
                                      QStringLiteral("breakout_4"), QStringLiteral("breakout_5"), QStringLiteral("theta_edge_5")}) {
            const report::ModelEvaluation* buyer = findModel(outcome.evaluation, QStringLiteral("buyer"), target);
            QVERIFY(buyer && buyer->auc && buyer->brierSkill && buyer->ece);
            QVERIFY2(*buyer->ece <= 0.03, qPrintable(target));
            QVERIFY2(*buyer->auc >= (target.startsWith(QStringLiteral("breakout_")) ? 0.62 : 0.59), qPrintable(target));
            QVERIFY2(buyer->edgeDemonstrated && *buyer->brierSkill > 0.0, qPrintable(target));
        }
        // Budget, exit-poll and election-result sessions broke out on about half of the tickers, where
        // the boosters alone quoted ~11 %: every day's model learnt a clear shift for them.
        const BuyerEngine buyer = BuyerEngine::load(modelStore.current({}));
        for (const BinaryModel& model : buyer.breakoutModels()) {
            const models::evaluation::GroupOffset& shift = model.groupOffsets().groups().at("scheduled_event");
            qInfo("  %s scheduled-event shift %.2f (fitted %.2f ± %.2f, %zu rows)", model.name().c_str(), shift.applied,
                  shift.fitted, shift.standardError, shift.forecasts);
            QVERIFY2(shift.applied > 1.0 && shift.forecasts > 100, model.name().c_str());
        }
        // The shown trap score (NIFTY only, ~550 evaluated sessions: 0 without rich implied vol, the
        // setup days' frequency each fold knew with it) ranks, beats the base rate and is calibrated
        // (ECE 0.025). The booster on setup days alone is reported too, whatever it finds.
        const report::ModelEvaluation* trap = findModel(outcome.evaluation, QStringLiteral("seller"), QStringLiteral("trap"));
        QVERIFY(trap && trap->auc && trap->brierSkill && trap->ece);
        QVERIFY2(*trap->auc >= 0.75 && trap->edgeDemonstrated, qPrintable(QString::number(*trap->auc)));
        QVERIFY2(*trap->ece <= 0.03, qPrintable(QString::number(*trap->ece)));
        QVERIFY(findModel(outcome.evaluation, QStringLiteral("seller"), QStringLiteral("trap_given_setup")));
        for (const QString& target : {QStringLiteral("exec_cost_q50"), QStringLiteral("exec_cost_q90")}) {
            const report::ModelEvaluation* cost = findModel(outcome.evaluation, QStringLiteral("execution"), target);
            QVERIFY(cost && cost->coverage && cost->nominalCoverage);
            QVERIFY2(std::abs(*cost->coverage - *cost->nominalCoverage) <= 0.03, qPrintable(target));
        }
        // Past 30-day safe ranges, quoted to hold 90% of the time, held 87.3% (2,032 quotes).
        const report::ModelEvaluation* ranges = findModel(outcome.evaluation, QStringLiteral("seller"), QStringLiteral("safe_range_30d"));
        QVERIFY(ranges && ranges->coverage && ranges->nominalCoverage);
        QVERIFY2(std::abs(*ranges->coverage - *ranges->nominalCoverage) <= 0.03, qPrintable(QString::number(*ranges->coverage)));
    }
};

QTEST_GUILESS_MAIN(EnginesPipelineTest)
#include "test_engines_pipeline.moc"
