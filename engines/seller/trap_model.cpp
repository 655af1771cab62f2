#include "engines/seller/trap_model.h"

#include "data/universe/universe.h"
#include "engines/core/placebo_scoring.h"
#include "engines/core/pooled_rows.h"
#include "engines/core/report_edge.h"
#include "engines/labels/labels.h"
#include "engines/seller/seller_rules.h"

#include "models/evaluation/metrics_report.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace aegis::engines {

namespace {

namespace ev = models::evaluation;
using nlohmann::json;

constexpr const char* kGivenSetupName = "seller_trap_given_setup";
constexpr const char* kRecordName = "seller_trap.json";

ModelSpec givenSetupSpec(std::uint64_t seed, int bootstrapResamples)
{
    ModelSpec spec;
    spec.name = kGivenSetupName;
    spec.tree = defaultTreeParams(std::uint32_t(seed));
    // The defaults regularise for ~30k pooled rows; here there are a few hundred setup days of one
    // ticker, where a leaf needing a hessian of 50 leaves the trees flat.
    spec.tree.minChildWeight = 5.0;
    spec.tree.lambda = 1.0;
    spec.tree.maxDepth = 3;
    spec.walkForward.labelHorizon = kTrapHorizon;
    spec.walkForward.bootstrapResamples = bootstrapResamples;
    // And its spread is shrunk toward the setup days' base rate as far as the held-out tail supports
    // (climatology_blend.h): on a few hundred days the booster's spread was mostly noise. Walk-forward,
    // real NSE files: ECE 0.058 -> 0.044 (floor 0.044), Brier skill +0.011 -> 0.000; 503-ticker DEMO:
    // ECE 0.103 -> 0.021, Brier skill -0.027 -> +0.011. No edge either way.
    spec.shrinkTowardClimatology = true;
    return spec;
}

// The trap frequency over every day whose label was known before `testStart` (its 10 sessions ended).
// Every row is looked at: pooled rows are ordered by ticker, then time, so a second ticker with
// implied vol would start again from its first session.
double trapRateBefore(const PooledRows& all, const Eigen::VectorXd& trap, std::int64_t testStart)
{
    double traps = 0.0, days = 0.0;
    for (std::size_t row = 0; row < all.size(); ++row) {
        if (all.time[row] >= testStart - kTrapHorizon)
            continue;
        traps += trap[Eigen::Index(row)];
        days += 1.0;
    }
    if (days == 0.0)
        throw std::invalid_argument("trap: no day before the evaluated window to take the climatology from");
    return traps / days;
}

// The shown score on every day of the booster's evaluated window: 0 without the setup; with it, the
// booster's out-of-fold probability when it demonstrated an edge, else the setup days' frequency in
// that fold's training window (`knownRate`, by setup-day row): the base rate the product would have
// quoted then. Each day's Brier skill reference is the every-day trap frequency known before its
// fold's test window (`foldTestStarts`, ascending).
TrackRecord shownRecordOf(const PooledRows& all, const Eigen::VectorXd& setup, const Eigen::VectorXd& trap,
                          const std::vector<std::size_t>& setupRows, const BinaryModel& givenSetup,
                          const std::unordered_map<std::size_t, double>& knownRate,
                          const std::vector<std::int64_t>& foldTestStarts, int bootstrapResamples)
{
    const OutOfFold& outOfFold = givenSetup.outOfFold();
    std::unordered_map<std::size_t, double> setupProbability;
    std::int64_t first = all.time[setupRows[outOfFold.rows.front()]];
    std::int64_t last = first;
    for (std::size_t i = 0; i < outOfFold.rows.size(); ++i) {
        const std::size_t row = setupRows[outOfFold.rows[i]];
        setupProbability[row] = givenSetup.trackRecord().edgeDemonstrated ? outOfFold.probabilities(Eigen::Index(i), 0)
                                                                          : knownRate.at(outOfFold.rows[i]);
        first = std::min(first, all.time[row]);
        last = std::max(last, all.time[row]);
    }
    std::vector<double> foldRates;
    for (std::int64_t start : foldTestStarts)
        foldRates.push_back(trapRateBefore(all, trap, start));
    std::vector<double> probabilities;
    std::vector<double> climatology;
    std::vector<int> outcomes;
    std::vector<int> tickers;
    std::vector<std::int64_t> times;
    for (std::size_t row = 0; row < all.size(); ++row) {
        const std::int64_t time = all.time[row];
        if (time < first || time > last)
            continue;
        const bool isSetup = setup[Eigen::Index(row)] == 1.0;
        const auto found = setupProbability.find(row);
        if (isSetup && found == setupProbability.end())
            continue;  // a setup day the booster did not evaluate
        probabilities.push_back(isSetup ? found->second : 0.0);
        const auto fold = std::upper_bound(foldTestStarts.begin(), foldTestStarts.end(), time);
        climatology.push_back(foldRates.at(std::size_t(std::max<std::ptrdiff_t>(0, fold - foldTestStarts.begin() - 1))));
        outcomes.push_back(int(trap[Eigen::Index(row)]));
        tickers.push_back(all.ticker[row]);
        times.push_back(time);
    }
    TrackRecord record;
    record.folds = givenSetup.trackRecord().folds;
    record.climatology = {1.0 - foldRates.front(), foldRates.front()};
    ev::EvaluationOptions options;
    options.bootstrap.resamples = bootstrapResamples;
    options.bootstrap.blockLength = kTrapHorizon;
    record.metrics = ev::evaluateBinaryClassifier(probabilities, outcomes, climatology, options, times);
    scorePlacebo(probabilities, outcomes, tickers, times, kTrapHorizon, options.bootstrap.confidenceLevel, record.metrics);
    record.edgeDemonstrated = ev::edgeDemonstrated(record.metrics);
    return record;
}

}  // namespace

TrapModel::TrapModel(BinaryModel givenSetup, double everyDayRate, TrackRecord shownRecord)
    : givenSetup_(std::move(givenSetup)), everyDayRate_(everyDayRate), shownRecord_(std::move(shownRecord))
{
}

TrapModel TrapModel::train(const UniverseData& universe, std::uint64_t seed, int bootstrapResamples, const RunControl& control)
{
    PoolOptions pool;
    pool.requiredLabels = {"trap", "trap_setup"};
    pool.seed = seed;
    const PooledRows all = poolRows(universe, pool);
    if (all.size() == 0)
        throw std::invalid_argument("no day has implied vol");
    const Eigen::VectorXd setup = all.label(universe, "trap_setup");
    const Eigen::VectorXd trap = all.label(universe, "trap");
    std::vector<std::size_t> setupRows;
    for (std::size_t row = 0; row < all.size(); ++row) {
        if (setup[Eigen::Index(row)] == 1.0)
            setupRows.push_back(row);
    }
    if (setupRows.empty())
        throw std::invalid_argument("implied vol was never rich (>= 1.2 x rv_20)");
    const PooledRows setupDays = all.subset(setupRows);
    const Eigen::VectorXd trapGivenSetup = setupDays.label(universe, "trap");
    std::unordered_map<std::size_t, double> knownRate;
    std::vector<std::int64_t> foldTestStarts;
    const auto recordKnownRate = [&](const models::evaluation::Fold& fold, const FoldPredictor&) {
        foldTestStarts.push_back(fold.trainEnd + 1);
        double traps = 0.0;
        for (std::size_t row : fold.trainRows)
            traps += trapGivenSetup[Eigen::Index(row)];
        for (std::size_t row : fold.testRows)
            knownRate[row] = traps / double(fold.trainRows.size());
    };
    BinaryModel givenSetup = BinaryModel::train(setupDays, trapGivenSetup, givenSetupSpec(seed, bootstrapResamples),
                                                control, recordKnownRate);
    TrackRecord shown = shownRecordOf(all, setup, trap, setupRows, givenSetup, knownRate, foldTestStarts, bootstrapResamples);
    return TrapModel(std::move(givenSetup), trap.mean(), std::move(shown));
}

void TrapModel::save(models::GenerationWriter& writer) const
{
    givenSetup_.save(writer);
    const std::string text = json{{"every_day_rate", everyDayRate_}, {"shown_record", toJson(shownRecord_)}}.dump(1);
    writer.addArtifact(QString::fromLatin1(kRecordName), QByteArray(text.data(), qsizetype(text.size())));
}

TrapModel TrapModel::load(const models::LoadedGeneration& generation)
{
    const QByteArray& bytes = generation.artifact(QString::fromLatin1(kRecordName));
    const json record = json::parse(bytes.constBegin(), bytes.constEnd());
    return TrapModel(BinaryModel::load(generation, kGivenSetupName), record.at("every_day_rate").get<double>(),
                     trackRecordFromJson(record.at("shown_record")));
}

TrapCall TrapModel::call(const TickerData& ticker, int row) const
{
    TrapCall call;
    const std::optional<double> setup = ticker.labels.value(row, "trap_setup");
    if (!setup) {
        call.reason = ticker.ticker.symbol == data::kNiftySymbol
                          ? QStringLiteral("the trap needs implied volatility: no India VIX is stored for this session")
                          : QStringLiteral("the trap needs implied volatility; only NIFTY has its history (India VIX)");
        return call;
    }
    if (*setup != 1.0) {
        call.score = 0.0;
        call.reason = QStringLiteral("implied vol is not rich (below 1.2 x realised rv_20): no trap is set up");
    } else {
        const TrackRecord& record = givenSetup_.trackRecord();
        const double probability = givenSetup_.predict(modelRows(ticker.features, {row})).front();
        call.score = shownProbability(probability, record.edgeDemonstrated, givenSetup_.baseRate());
        if (!record.edgeDemonstrated) {
            call.scoreIsBaseRate = true;
            call.reason = QStringLiteral("implied vol is rich; no model edge on such days, so their historical trap "
                                         "frequency is shown");
        }
    }
    call.label = trapLabel(*call.score, everyDayRate_);
    return call;
}

std::vector<report::ModelEvaluation> TrapModel::evaluations(const QString& engine) const
{
    return {modelEvaluationOf(engine, QStringLiteral("trap"), kTrapHorizon, shownRecord_.metrics, shownRecord_.edgeDemonstrated),
            modelEvaluationOf(engine, QStringLiteral("trap_given_setup"), kTrapHorizon, givenSetup_.trackRecord().metrics,
                              givenSetup_.trackRecord().edgeDemonstrated)};
}

}  // namespace aegis::engines
