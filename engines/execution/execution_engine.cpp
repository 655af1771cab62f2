#include "engines/execution/execution_engine.h"

#include "engines/core/report_edge.h"

#include "engines/execution/slippage_rows.h"
#include "engines/labels/label_table.h"
#include "engines/labels/labels.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace aegis::engines {

namespace {

constexpr const char* kRegimeModelName = "execution_regime";
constexpr const char* kSlippageModelName = "execution_slippage";
constexpr double kSlippageQuantiles[] = {0.5, 0.9};
constexpr double kCoverageTolerance = 0.03;
constexpr std::int64_t kLabelHorizon = 1;  // exec_cost_* and exec_regime describe session t+1
constexpr std::int64_t kEmbargo = 5;
constexpr std::int64_t kCalibrationSessions = 60;

WalkForwardSpec walkForwardOf(const ExecutionTrainingOptions& options)
{
    WalkForwardSpec spec;
    spec.folds = options.folds;
    spec.labelHorizon = kLabelHorizon;
    spec.embargo = kEmbargo;
    spec.validationSessions = kCalibrationSessions;
    spec.tickerGroups = options.tickerGroups;
    spec.bootstrapResamples = options.bootstrapResamples;
    return spec;
}

double seconds(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) * 1e-9;
}

std::vector<report::Slippage> emptySlippage()
{
    std::vector<report::Slippage> rows;
    for (double size : kOrderSizesInr)
        rows.push_back({size, std::nullopt, std::nullopt});
    return rows;
}

}  // namespace

ExecutionEngine::ExecutionEngine(CalibratedForest regime, QuantileModel slippage)
    : regime_(std::move(regime)), slippage_(std::move(slippage))
{
}

ExecutionEngine ExecutionEngine::train(const UniverseData& universe, const RunControl& control)
{
    return train(universe, ExecutionTrainingOptions{}, control);
}

ExecutionEngine ExecutionEngine::train(const UniverseData& universe, const ExecutionTrainingOptions& options,
                                       const RunControl& control)
{
    QElapsedTimer total, stage;
    total.start();
    stage.start();
    control.report(0.0, QStringLiteral("Execution: pooling stock sessions"));
    PoolOptions pool;
    pool.featureSet = FeatureSet::Execution;
    for (double size : kOrderSizesInr)
        pool.requiredLabels.push_back(execCostName(size));
    pool.requiredLabels.push_back("exec_regime");
    pool.maxRows = options.maxRows;
    pool.seed = options.seed;
    // An index's traded value is its constituents' sum: nobody pays that instrument's spread.
    pool.includeTicker = [](const TickerData& ticker) { return ticker.ticker.kind == data::TickerKind::Stock; };
    const PooledRows base = poolRows(universe, pool);
    if (base.size() == 0) {
        const auto stocks = std::count_if(universe.tickers.begin(), universe.tickers.end(),
                                          [](const TickerData& ticker) { return ticker.ticker.kind == data::TickerKind::Stock; });
        throw std::invalid_argument(
            "execution: no stock session has execution-cost labels; the execution regime ranks a session's cost among at least "
            + std::to_string(kExecRegimeMinimumTickers) + " stocks trading that day and the store holds " + std::to_string(stocks)
            + " stock(s) - add stocks (aegis import / fetch, or a DEMO market with more symbols)");
    }
    const SlippageRows slippage = slippageRows(universe, base);
    const double poolingSeconds = seconds(stage);
    control.throwIfCancelled();

    stage.restart();
    ForestSpec regimeSpec;
    regimeSpec.name = kRegimeModelName;
    regimeSpec.trees = options.forestTrees;
    regimeSpec.seed = std::uint32_t(options.seed);
    regimeSpec.walkForward = walkForwardOf(options);
    CalibratedForest regime = CalibratedForest::train(base, base.label(universe, "exec_regime"), kRegimeCount, regimeSpec,
                                                      control.stage(0.05, 0.45));
    const double regimeSeconds = seconds(stage);

    stage.restart();
    ModelSpec slippageSpec;
    slippageSpec.name = kSlippageModelName;
    slippageSpec.tree = defaultTreeParams(std::uint32_t(options.seed + 1));
    slippageSpec.walkForward = walkForwardOf(options);
    QuantileModel quantiles = QuantileModel::train(slippage.rows, slippage.targets,
                                                   std::vector<double>(std::begin(kSlippageQuantiles), std::end(kSlippageQuantiles)),
                                                   slippageSpec, control.stage(0.45, 1.0));

    ExecutionEngine engine(std::move(regime), std::move(quantiles));
    engine.timings_ = {poolingSeconds, regimeSeconds, seconds(stage), seconds(total)};
    return engine;
}

void ExecutionEngine::save(models::GenerationWriter& writer) const
{
    regime_.save(writer);
    slippage_.save(writer);
}

ExecutionEngine ExecutionEngine::load(const models::LoadedGeneration& generation)
{
    return ExecutionEngine(CalibratedForest::load(generation, kRegimeModelName),
                           QuantileModel::load(generation, kSlippageModelName));
}

std::vector<ExecutionForecast> ExecutionEngine::forecast(std::span<const ForecastPoint> points) const
{
    std::vector<ExecutionForecast> forecasts(points.size());
    std::vector<std::size_t> modelled;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const TickerData& ticker = *points[i].ticker;
        const int row = points[i].row;
        ExecutionForecast& forecast = forecasts[i];
        forecast.slippage = emptySlippage();
        if (ticker.ticker.kind != data::TickerKind::Stock) {
            forecast.reason = QStringLiteral("%1 is an index: it is not traded itself, so it has no spread or impact cost "
                                             "(trade its futures or constituents)").arg(ticker.ticker.symbol);
        } else if (row < 0 || row >= ticker.execution.rows()) {
            forecast.reason = QStringLiteral("%1 has no completed session to forecast from").arg(ticker.ticker.symbol);
        } else if (!ticker.execution.value(row, "adv_ln_20")) {
            forecast.reason = QStringLiteral("%1 has no 20-session traded value on %2: costs cannot be scaled to an order size")
                                  .arg(ticker.ticker.symbol, ticker.execution.dates[std::size_t(row)].toString(Qt::ISODate));
        } else {
            modelled.push_back(i);
        }
    }
    if (modelled.empty())
        return forecasts;

    constexpr Eigen::Index sizes = Eigen::Index(std::size(kOrderSizesInr));
    const Eigen::Index regimeColumns = Eigen::Index(modelColumns(points[modelled.front()].ticker->execution.schema).size());
    models::xgb::FeatureMatrixF regimeInputs(Eigen::Index(modelled.size()), regimeColumns);
    models::xgb::FeatureMatrixF slippageInputsAll(Eigen::Index(modelled.size()) * sizes, regimeColumns + 2);
    for (std::size_t m = 0; m < modelled.size(); ++m) {
        const ForecastPoint& point = points[modelled[m]];
        regimeInputs.row(Eigen::Index(m)) = modelRows(point.ticker->execution, {point.row}).row(0);
        slippageInputsAll.middleRows(Eigen::Index(m) * sizes, sizes) = slippageInputs(point.ticker->execution, point.row, kOrderSizesInr);
    }
    const Eigen::MatrixXd regime = regime_.predict(regimeInputs);
    const Eigen::MatrixXd slippage = slippage_.predict(slippageInputsAll);
    for (std::size_t m = 0; m < modelled.size(); ++m) {
        ExecutionForecast& forecast = forecasts[modelled[m]];
        if (regime.row(Eigen::Index(m)).allFinite())
            forecast.regimeProbabilities.assign(regime.row(Eigen::Index(m)).begin(), regime.row(Eigen::Index(m)).end());
        for (Eigen::Index s = 0; s < sizes; ++s) {
            const Eigen::Index at = Eigen::Index(m) * sizes + s;
            if (!std::isfinite(slippage(at, 0)) || !std::isfinite(slippage(at, 1)))
                continue;
            forecast.slippage[std::size_t(s)].q50Bps = costFromTarget(slippage(at, 0));
            forecast.slippage[std::size_t(s)].q90Bps = costFromTarget(slippage(at, 1));
        }
        makeMonotoneInOrderSize(forecast.slippage);
    }
    return forecasts;
}

ExecutionForecast ExecutionEngine::forecast(const TickerData& ticker, int row) const
{
    const ForecastPoint point{&ticker, row};
    return std::move(forecast(std::span<const ForecastPoint>(&point, 1)).front());
}

std::vector<ExecutionForecast> ExecutionEngine::forecastLatest(const UniverseData& universe) const
{
    std::vector<ForecastPoint> points;
    points.reserve(universe.tickers.size());
    for (const TickerData& ticker : universe.tickers)
        points.push_back({&ticker, ticker.lastRow()});
    return forecast(points);
}

void ExecutionEngine::fill(const UniverseData& /*universe*/, const TickerData& ticker, std::int64_t /*nowUtc*/,
                           report::TickerReport& report) const
{
    fill(forecast(ticker, ticker.lastRow()), report);
}

void ExecutionEngine::fill(const ExecutionForecast& forecast, report::TickerReport& report) const
{
    report::Execution& execution = report.execution;
    execution.slippage = forecast.slippage;
    execution.regime.clear();
    execution.regimeProbability.reset();
    QStringList reasons;
    if (!forecast.reason.isEmpty())
        reasons << forecast.reason;

    const TrackRecord& record = regime_.trackRecord();
    if (!forecast.regimeProbabilities.empty()) {
        if (record.edgeDemonstrated) {
            const auto best = std::max_element(forecast.regimeProbabilities.begin(), forecast.regimeProbabilities.end());
            execution.regime = QString::fromLatin1(kRegimeNames[best - forecast.regimeProbabilities.begin()]);
            execution.regimeProbability = std::clamp(*best, 0.0, 1.0);
        } else {
            reasons << QStringLiteral("execution regime: no edge demonstrated (%1); each regime is a quartile, base rate "
                                      "about 25 %").arg(walkForwardAucText(record, QStringLiteral("on held-out tickers")));
        }
    }
    execution.reason = reasons.join(QStringLiteral("; "));

    for (const QuantileTrackRecord& quantile : slippage_.trackRecord()) {
        if (quantile.quantile == kSlippageQuantiles[0])
            execution.slippageQ50EdgeDemonstrated = quantile.edgeDemonstrated;
        else if (quantile.quantile == kSlippageQuantiles[1])
            execution.slippageQ90EdgeDemonstrated = quantile.edgeDemonstrated;
        if (std::abs(quantile.coverage - quantile.quantile) > kCoverageTolerance) {
            report.meta.warnings << QStringLiteral("execution: slippage Q%1 covered %2 % of held-out outcomes walk-forward "
                                                   "(nominal %3 %)")
                                        .arg(std::lround(100.0 * quantile.quantile))
                                        .arg(100.0 * quantile.coverage, 0, 'f', 1)
                                        .arg(100.0 * quantile.quantile, 0, 'f', 0);
        }
    }
}

std::vector<report::ModelEvaluation> ExecutionEngine::evaluations() const
{
    std::vector<report::ModelEvaluation> out;
    const TrackRecord& record = regime_.trackRecord();
    const report::ModelEvaluation regime = modelEvaluationOf(QStringLiteral("execution"), QStringLiteral("exec_regime"),
                                                             int(kLabelHorizon), record.metrics, record.edgeDemonstrated);
    out.push_back(regime);
    for (const QuantileTrackRecord& quantile : slippage_.trackRecord()) {
        out.push_back(quantileEvaluationOf(QStringLiteral("execution"), QStringLiteral("exec_cost_q%1").arg(std::lround(100.0 * quantile.quantile)),
                                           int(kLabelHorizon), quantile));
    }
    return out;
}

}  // namespace aegis::engines
