#include "engines/buyer/buyer_engine.h"

#include "data/calendar/nse_calendar.h"
#include "data/calendar/scheduled_events.h"
#include "engines/buyer/buyer_rules.h"
#include "engines/buyer/gamma_windows.h"
#include "engines/buyer/session_range.h"
#include "engines/core/pooled_rows.h"
#include "engines/features/daily_bars.h"
#include "engines/labels/label_table.h"
#include "engines/core/report_edge.h"
#include "engines/core/test_window_scoring.h"
#include "engines/seller/volatility_choice.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace aegis::engines {

namespace {

const QString kEngine = QStringLiteral("buyer");

std::string breakoutModelName(int day)
{
    return "buyer_breakout_" + std::to_string(day);
}
std::string thetaModelName()
{
    return "buyer_theta_edge_" + std::to_string(kThetaHoldingSessions);
}
constexpr const char* kSpikeName = "buyer_spike_up";

// The breakout models' row group for a target session that is the first to trade a Union Budget or a
// general election's exit polls or results (data/calendar/scheduled_events.h): every stock moves at
// once on those days, which no daily feature announces.
constexpr const char* kScheduledEventGroup = "scheduled_event";

std::string eventGroup(QDate previousSession, QDate session)
{
    return data::scheduledEventsFirstTradedOn(previousSession, session).empty() ? std::string() : kScheduledEventGroup;
}

QString eventNames(QDate previousSession, QDate session)
{
    QStringList names;
    for (const data::ScheduledEvent& event : data::scheduledEventsFirstTradedOn(previousSession, session))
        names << data::scheduledEventName(event.kind);
    return names.join(QStringLiteral(", "));
}

// The group of a forecast made at `row` for the breakout `day` sessions after it, from the ticker's own
// sessions.
RowGroupOf breakoutRowGroupOf(int day)
{
    return [day](const TickerData& ticker, int row) {
        const std::vector<QDate>& dates = ticker.features.dates;
        const std::size_t target = std::size_t(row + day);
        return target < dates.size() ? eventGroup(dates[target - 1], dates[target]) : std::string();
    };
}

// Each pooled row's group; none without `groupOf`.
RowGroups rowGroupsOf(const UniverseData& universe, const PooledRows& rows, const RowGroupOf& groupOf)
{
    RowGroups groups;
    for (std::size_t i = 0; groupOf && i < rows.size(); ++i)
        groups.push_back(groupOf(universe.tickers[std::size_t(rows.ticker[i])], rows.row[i]));
    return groups;
}

ModelSpec specFor(const std::string& name, int horizon, const BuyerTrainingOptions& options)
{
    ModelSpec spec;
    spec.name = name;
    spec.tree = defaultTreeParams(std::uint32_t(options.seed));
    spec.walkForward.labelHorizon = horizon;
    spec.walkForward.bootstrapResamples = options.bootstrapResamples;
    return spec;
}

double shown(const BinaryModel& model, double probability)
{
    return shownProbability(probability, model.trackRecord().edgeDemonstrated, model.baseRate());
}

// The share of the ticker's past breakout sessions that closed above their open, and how many there were.
void fillHistoricalSpikeRate(const TickerData& ticker, report::Buyer& buyer)
{
    const int column = ticker.labels.schema.indexOf("spike_up");
    double ups = 0.0;
    int breakouts = 0;
    for (int r = 0; r < ticker.labels.rows(); ++r) {
        if (column < 0 || ticker.labels.missing(r, column))
            continue;
        ups += ticker.labels.values(r, column);
        ++breakouts;
    }
    buyer.historicalSpikeBreakouts = breakouts;
    buyer.historicalSpikeRate = breakouts < kMinimumSpikeSessions ? std::nullopt : std::optional<double>(ups / breakouts);
}

}  // namespace

BuyerEngine::BuyerEngine(std::vector<BinaryModel> breakout, std::vector<BinaryModel> spike, std::vector<BinaryModel> theta)
    : breakout_(std::move(breakout)), spike_(std::move(spike)), theta_(std::move(theta))
{
}

BuyerEngine BuyerEngine::train(const UniverseData& universe, const RunControl& control)
{
    return train(universe, BuyerTrainingOptions{}, control);
}

BuyerEngine BuyerEngine::train(const UniverseData& universe, const BuyerTrainingOptions& options, const RunControl& control)
{
    // One pool for the five breakout days and the theta edge: breakout_5 known implies 1..4 are.
    control.report(0.0, QStringLiteral("Buyer: pooling rows"));
    const std::string thetaLabel = "theta_edge_" + std::to_string(kThetaHoldingSessions);
    PoolOptions pool;
    pool.requiredLabels = {"breakout_" + std::to_string(kBreakoutDays), thetaLabel};
    pool.maxRows = options.maxRows == 0 ? 0  // every row
                                        : std::max(options.maxRows, options.minRowsPerSession * universeSessions(universe).size());
    pool.seed = options.seed;
    const PooledRows rows = poolRows(universe, pool);
    const int models = kBreakoutDays + 2;

    // Each model's record is scored on every row of its test windows, not only the pool's sample of
    // them (test_window_scoring.h).
    const std::vector<PoolCandidate> candidates = poolCandidates(universe, pool);
    const auto trainScoredOnTestWindows = [&](const std::string& label, const ModelSpec& spec, const RunControl& stage,
                                              const RowGroupOf& groupOf) {
        const Eigen::VectorXd labels = rows.label(universe, label);
        TestWindowScoring scoring(universe, candidates, pool.featureSet, label, groupOf);
        BinaryModel model = BinaryModel::train(rows, labels, spec, stage, scoring.observer(labels),
                                               rowGroupsOf(universe, rows, groupOf));
        model.replaceTrackRecord(scoring.record(spec, model.trackRecord()));
        return model;
    };
    std::vector<BinaryModel> breakout;
    for (int day = 1; day <= kBreakoutDays; ++day) {
        control.throwIfCancelled();
        ModelSpec spec = specFor(breakoutModelName(day), day, options);
        spec.tree.minChildWeight = kRareLabelMinChildWeight;
        breakout.push_back(trainScoredOnTestWindows("breakout_" + std::to_string(day), spec,
                                                    control.stage(double(day - 1) / models, double(day) / models),
                                                    breakoutRowGroupOf(day)));
    }

    control.throwIfCancelled();
    std::vector<BinaryModel> theta;
    theta.push_back(trainScoredOnTestWindows(thetaLabel, specFor(thetaModelName(), kThetaHoldingSessions, options),
                                             control.stage(double(models - 2) / models, double(models - 1) / models), {}));

    // Direction of a spike, learnt on breakout sessions only (spike_up is missing elsewhere). It is a
    // sign-of-move label like the direction models', where boosters learn their training years' trend,
    // so it gets their shrinkage toward the base rate: on the real files its forecasts without it
    // scored below the base rate (Brier skill -0.004 [-0.019, 0.012]); with it, 0.000. Volatility-driven
    // labels (breakouts, theta, the risk score) lost ranking across folds with it (breakout day 5 AUC
    // 0.612 -> 0.586; risk 0.578 -> 0.545) and keep their calibrated boosters.
    control.throwIfCancelled();
    PoolOptions spikePool = pool;
    spikePool.requiredLabels = {"spike_up"};
    const PooledRows spikeRows = poolRows(universe, spikePool).withoutInputs(inputsSignModelsLeaveOut());
    ModelSpec spikeSpec = specFor(kSpikeName, 1, options);
    spikeSpec.shrinkTowardClimatology = true;
    std::vector<BinaryModel> spike;
    spike.push_back(BinaryModel::train(spikeRows, spikeRows.label(universe, "spike_up"), spikeSpec,
                                       control.stage(double(models - 1) / models, 1.0)));
    control.report(1.0, QStringLiteral("Buyer: trained"));
    return BuyerEngine(std::move(breakout), std::move(spike), std::move(theta));
}

void BuyerEngine::save(models::GenerationWriter& writer) const
{
    for (const BinaryModel& model : breakout_)
        model.save(writer);
    spike_.front().save(writer);
    theta_.front().save(writer);
}

BuyerEngine BuyerEngine::load(const models::LoadedGeneration& generation)
{
    std::vector<BinaryModel> breakout;
    for (int day = 1; day <= kBreakoutDays; ++day)
        breakout.push_back(BinaryModel::load(generation, breakoutModelName(day)));
    std::vector<BinaryModel> spike;
    spike.push_back(BinaryModel::load(generation, kSpikeName));
    std::vector<BinaryModel> theta;
    theta.push_back(BinaryModel::load(generation, thetaModelName()));
    return BuyerEngine(std::move(breakout), std::move(spike), std::move(theta));
}

void BuyerEngine::fill(const UniverseData&, const TickerData& ticker, std::int64_t nowUtc, report::TickerReport& report) const
{
    report::Buyer& buyer = report.buyer;
    buyer = report::Buyer{};
    buyer.breakoutEdge = edgeOf(breakout_.front().trackRecord());
    buyer.spikeEdge = edgeOf(spike_.front().trackRecord());
    buyer.thetaEdgeRecord = edgeOf(theta_.front().trackRecord());
    fillHistoricalSpikeRate(ticker, buyer);
    const DailyBars bars = cleanDailyBars(ticker.daily);
    const int row = ticker.lastRow();

    const GammaWindowsView gamma = gammaWindows(ticker.ticker.symbol, ticker.intraday, nowUtc);
    buyer.gammaWindows = gamma.windows;
    buyer.gammaWindowsBasis = gamma.basis;

    if (row < 0 || bars.size() != std::size_t(ticker.features.rows())) {
        buyer.buyerEnvironment = buyerEnvironment({});
        return;
    }
    const models::xgb::FeatureMatrixF inputs = modelRows(ticker.features, {row});
    const data::NseCalendar& calendar = data::NseCalendar::instance();
    QDate session = ticker.features.dates[std::size_t(row)];
    for (int day = 1; day <= kBreakoutDays; ++day) {
        const BinaryModel& model = breakout_[std::size_t(day - 1)];
        const QDate previousSession = session;
        session = calendar.nextSession(session);
        const QString events = eventNames(previousSession, session);
        const std::string group = events.isEmpty() ? std::string() : kScheduledEventGroup;
        const double probability = shown(model, model.predict(inputs, std::span(&group, 1)).front());
        buyer.breakoutNext.push_back({day, probability, breakoutLabel(probability, model.baseRate()), session, events,
                                      model.trackRecord().edgeDemonstrated});
    }
    // "Today" is the next session to trade after the last completed one: day offset 1.
    buyer.breakoutToday = buyer.breakoutNext.front();
    buyer.breakoutToday.dayOffset = 0;

    const models::xgb::FeatureMatrixF signInputs = withoutInputs(inputs, modelColumns(ticker.features.schema), inputsSignModelsLeaveOut());
    const double up = shown(spike_.front(), spike_.front().predict(signInputs).front());
    buyer.spikeUpProb = up;
    buyer.spikeDownProb = 1.0 - up;

    const double thetaProbability = shown(theta_.front(), theta_.front().predict(inputs).front());
    buyer.thetaEdge.score = thetaProbability;
    buyer.thetaEdge.label = thetaEdgeLabel(thetaProbability);
    if (const std::optional<double> implied = ticker.labels.value(row, "sigma_is_implied"))
        buyer.thetaPremiumBasis = *implied > 0.5 ? report::kPremiumAtImplied : report::kPremiumAtRealised;

    const double spot = bars.close.back();
    const std::optional<double> atrFraction = ticker.features.value(row, "atr14_frac");
    const std::optional<double> atr = atrFraction ? std::optional<double>(*atrFraction * spot) : std::nullopt;
    if (atr)
        buyer.breakoutTodaySoFar = rangeSoFar(ticker.daily, ticker.intraday, buyer.breakoutToday.session, *atr, nowUtc);
    const ChainAnalysis chain = analyseLatestChain(ticker, ticker.features.dates.back());
    const std::optional<VolatilityChoice> volatility = chooseVolatility(ticker, row, chain.analytics ? &*chain.analytics : nullptr);
    buyer.breakoutLevels = breakoutLevels(spot, atr, volatility ? std::optional<double>(volatility->sigma) : std::nullopt);

    if (const std::optional<RegimeStatistics> statistics = regimeStatistics(bars.close))
        buyer.regime = buyerRegime(*statistics);
    buyer.buyerEnvironment = buyerEnvironment({buyer.thetaEdge.label, buyer.breakoutToday.label, buyer.regime,
                                               buyer.thetaPremiumBasis == report::kPremiumAtRealised});
}

std::vector<report::ModelEvaluation> BuyerEngine::evaluations() const
{
    std::vector<report::ModelEvaluation> out;
    for (int day = 1; day <= kBreakoutDays; ++day) {
        const TrackRecord& record = breakout_[std::size_t(day - 1)].trackRecord();
        out.push_back(modelEvaluationOf(kEngine, QStringLiteral("breakout_%1").arg(day), day, record.metrics, record.edgeDemonstrated));
    }
    const TrackRecord& spike = spike_.front().trackRecord();
    out.push_back(modelEvaluationOf(kEngine, QStringLiteral("spike_up"), 1, spike.metrics, spike.edgeDemonstrated));
    const TrackRecord& theta = theta_.front().trackRecord();
    out.push_back(modelEvaluationOf(kEngine, QStringLiteral("theta_edge_%1").arg(kThetaHoldingSessions), kThetaHoldingSessions,
                                    theta.metrics, theta.edgeDemonstrated));
    return out;
}

}  // namespace aegis::engines
