#include "engines/seller/breach_model.h"

#include "engines/core/pooled_rows.h"
#include "engines/features/daily_bars.h"
#include "engines/seller/breach_excursion.h"

#include "data/calendar/nse_calendar.h"
#include "data/calendar/scheduled_events.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

namespace aegis::engines {

namespace ev = models::evaluation;
using nlohmann::json;

namespace {

constexpr const char* kModelName = "seller_breach";
constexpr const char* kMetaName = "seller_breach_meta.json";
constexpr double kClimatologyBinWidth = 0.2;

struct Draw {
    std::size_t base;   // row of the base pool
    int sessions;
    double multiple;
    double label;
    std::string group;  // breachEventGroup() of its sessions
};

double uniform01(std::mt19937_64& random)
{
    return double(random() >> 11) * 0x1.0p-53;
}

std::vector<double> curveGrid()
{
    std::vector<double> grid;
    const int steps = int(std::lround((kBreachMultipleMax - kBreachMultipleMin) / kBreachCurveStep));
    for (int i = 0; i <= steps; ++i)
        grid.push_back(kBreachMultipleMin + kBreachCurveStep * i);
    return grid;
}

const DailyBars& cleanBarsOf(const UniverseData& universe, std::vector<std::optional<DailyBars>>& cache, int ticker)
{
    std::optional<DailyBars>& slot = cache[std::size_t(ticker)];
    if (!slot) {
        const TickerData& data = universe.tickers[std::size_t(ticker)];
        slot = cleanDailyBars(data.daily);
        if (slot->dates != data.labels.dates)
            throw std::logic_error("cleaned bars and label rows differ for " + data.ticker.symbol.toStdString());
    }
    return *slot;
}

std::vector<Draw> drawBands(const UniverseData& universe, const PooledRows& base, const BreachTrainingOptions& options)
{
    std::mt19937_64 random(options.seed);
    std::vector<std::optional<DailyBars>> cache(universe.tickers.size());
    std::vector<Draw> draws;
    draws.reserve(base.size() * std::size_t(options.drawsPerRow));
    for (std::size_t i = 0; i < base.size(); ++i) {
        const TickerData& ticker = universe.tickers[std::size_t(base.ticker[i])];
        const DailyBars& bars = cleanBarsOf(universe, cache, base.ticker[i]);
        const std::size_t t = std::size_t(base.row[i]);
        const double sigma = ticker.labels.value(int(t), "sigma_annual").value_or(std::numeric_limits<double>::quiet_NaN());
        const int available = int(bars.size()) - 1 - int(t);
        for (int d = 0; d < options.drawsPerRow; ++d) {
            const int drawn = 1 + int(random() % kBreachSessionsMax);
            const double multiple = kBreachMultipleMin + (kBreachMultipleMax - kBreachMultipleMin) * uniform01(random);
            const int sessions = std::min(drawn, available);
            if (sessions < 1)
                continue;
            const double excursion = breachExcursion(bars, sigma, t, sessions);
            if (!std::isfinite(excursion))
                continue;
            draws.push_back({i, sessions, multiple, excursion >= multiple ? 1.0 : 0.0, breachEventGroup(bars.dates, t, sessions)});
        }
    }
    return draws;
}

// The curve of one ticker from the booster's probabilities on the k grid (starting at `first`): shifted
// by the ticker's offset, then made non-increasing.
BreachCurve curveOnGrid(const std::vector<double>& grid, std::vector<double>::const_iterator first,
                        const ev::GroupLogitOffsets& tickerOffsets, const QString& symbol)
{
    const std::string group = symbol.toStdString();
    BreachCurve curve;
    curve.multiples = grid;
    for (auto probability = first; probability != first + std::ptrdiff_t(grid.size()); ++probability)
        curve.probabilities.push_back(tickerOffsets.apply(group, *probability));
    makeNonIncreasing(curve.probabilities);
    return curve;
}

// One safe-range quote of the walk-forward track record.
struct Quote {
    int ticker;
    int row;
    std::int64_t time;  // session index, for the hit rate's block bootstrap
    int horizon;  // sessions in the next kSafeRangeCalendarDays
    double sigma;
    std::string group;  // breachEventGroup() of those sessions
};

// A (ticker, row) dated in a fold's test window, with its session index.
struct WindowRow {
    int ticker;
    int row;
    std::int64_t time;
};

// Every ticker's rows dated in the fold's test window, ticker by ticker in row order: the rows the
// walk-forward quotes and band draws are taken from.
std::vector<WindowRow> testWindowRows(const UniverseData& universe, const std::vector<QDate>& sessions, const ev::Fold& fold)
{
    std::vector<WindowRow> window;
    for (std::size_t t = 0; t < universe.tickers.size(); ++t) {
        const std::vector<QDate>& dates = universe.tickers[t].features.dates;
        for (int row = 0; row < int(dates.size()); ++row) {
            const std::int64_t time = sessionIndex(sessions, dates[std::size_t(row)]);
            if (time > fold.trainEnd && time <= fold.testEnd)
                window.push_back({int(t), row, time});
        }
    }
    return window;
}

// Every kHitRateQuoteStride-th session of the test window, for every ticker, whose 30-day path is known.
std::vector<Quote> quotesInWindow(const UniverseData& universe, std::vector<std::optional<DailyBars>>& barsCache,
                                  const std::vector<WindowRow>& window)
{
    const data::NseCalendar& calendar = data::NseCalendar::instance();
    std::vector<Quote> quotes;
    for (const WindowRow& candidate : window) {
        if (candidate.time % kHitRateQuoteStride != 0)
            continue;
        const TickerData& ticker = universe.tickers[std::size_t(candidate.ticker)];
        const DailyBars& bars = cleanBarsOf(universe, barsCache, candidate.ticker);
        const QDate date = ticker.features.dates[std::size_t(candidate.row)];
        const int horizon = calendar.sessionCount(date, date.addDays(kSafeRangeCalendarDays));
        const std::optional<double> sigma = ticker.labels.value(candidate.row, "sigma_annual");
        if (horizon >= 1 && horizon <= kBreachSessionsMax && sigma && int(bars.size()) - 1 - candidate.row >= horizon)
            quotes.push_back({candidate.ticker, candidate.row, candidate.time, horizon, *sigma,
                              breachEventGroup(bars.dates, std::size_t(candidate.row), horizon)});
    }
    return quotes;
}

// The 30-day safe range the fold's model would have quoted for each quote, and whether the path over
// those sessions stayed inside. The quote is the engine's: the smallest grid k with P(breach) <= target
// on the non-increasing curve, else the widest k. Predicted in chunks: few large calls, bounded memory.
void quoteSafeRanges(const UniverseData& universe, std::vector<std::optional<DailyBars>>& barsCache,
                     const std::vector<WindowRow>& window, const FoldPredictor& predict,
                     const ev::GroupLogitOffsets& tickerOffsets, SafeRangeHitRates& hitRates)
{
    constexpr std::size_t kQuotesPerChunk = 1024;
    const std::vector<Quote> quotes = quotesInWindow(universe, barsCache, window);
    const std::vector<double> grid = curveGrid();
    const Eigen::Index gridSize = Eigen::Index(grid.size());
    for (std::size_t begin = 0; begin < quotes.size(); begin += kQuotesPerChunk) {
        const std::size_t end = std::min(quotes.size(), begin + kQuotesPerChunk);
        models::xgb::FeatureMatrixF gridRows;
        std::vector<std::string> gridGroups;
        for (std::size_t q = begin; q < end; ++q) {
            gridGroups.insert(gridGroups.end(), grid.size(), quotes[q].group);
            const models::xgb::FeatureMatrixF base = modelRows(universe.tickers[std::size_t(quotes[q].ticker)].features, {quotes[q].row});
            if (gridRows.size() == 0)
                gridRows.resize(Eigen::Index(end - begin) * gridSize, base.cols() + 2);
            for (Eigen::Index i = 0; i < gridSize; ++i) {
                const Eigen::Index at = Eigen::Index(q - begin) * gridSize + i;
                gridRows.row(at).head(base.cols()) = base.row(0);
                gridRows(at, base.cols()) = float(grid[std::size_t(i)]);
                gridRows(at, base.cols() + 1) = float(quotes[q].horizon);
            }
        }
        const std::vector<double> probabilities = predict(gridRows, gridGroups);
        for (std::size_t q = begin; q < end; ++q) {
            const Quote& quote = quotes[q];
            const BreachCurve curve = curveOnGrid(grid, probabilities.begin() + std::ptrdiff_t((q - begin) * grid.size()),
                                                  tickerOffsets, universe.tickers[std::size_t(quote.ticker)].ticker.symbol);
            const double multiple = curve.multipleFor(kSafeRangeBreachTarget).value_or(curve.multiples.back());
            const double excursion = breachExcursion(*barsCache[std::size_t(quote.ticker)], quote.sigma,
                                                     std::size_t(quote.row), quote.horizon);
            if (std::isfinite(excursion))
                hitRates.add(universe.tickers[std::size_t(quote.ticker)].ticker.symbol, *curve.probabilityAt(multiple),
                             excursion >= multiple, quote.time);
        }
    }
}

// The fixed-band record's rows: out-of-fold forecasts with k in the edge band and their outcomes.
struct BandRecord {
    std::vector<ev::GroupForecast> boosterForecasts;  // before the ticker offsets: what the offsets are fitted on
    std::vector<double> probabilities;                // as the product would have shown them
    std::vector<int> labels;
    std::vector<std::int64_t> times;
    std::vector<double> climatology;  // the band's breach frequency among the draws the fold trained on
};

// The breach frequency of the training draws whose k lies in the edge band: the base rate a forecaster
// knew for a band quote before the fold's test window.
double bandBreachFrequency(const std::vector<Draw>& draws, const std::vector<std::size_t>& trainRows)
{
    double hits = 0.0;
    double count = 0.0;
    for (std::size_t row : trainRows) {
        if (draws[row].multiple >= kEdgeBandLow && draws[row].multiple <= kEdgeBandHigh) {
            hits += draws[row].label;
            count += 1.0;
        }
    }
    if (count == 0.0)
        throw std::invalid_argument("seller_breach: a fold trained on no draw in the edge band");
    return hits / count;
}

// Scores the fold's model on band draws of its own: every `stride`-th row of the test window (ticker by
// ticker) draws k uniform in the edge band and H in 1..kBreachSessionsMax (as the training draws
// do), the stride holding a fold to about kBandDrawsPerFold. Only ~10 % of the pooled draws land in
// the band (3,225 on the real files), and on those the ECE moved by ±0.008 with the sampling seed.
void scoreBandDraws(const UniverseData& universe, std::vector<std::optional<DailyBars>>& barsCache,
                    const std::vector<WindowRow>& window, const FoldPredictor& predict,
                    const ev::GroupLogitOffsets& tickerOffsets, std::mt19937_64& random, BandRecord& record)
{
    const std::size_t stride = std::max<std::size_t>(1, (window.size() + kBandDrawsPerFold - 1) / kBandDrawsPerFold);
    std::vector<WindowRow> chosen;
    std::vector<Draw> draws;
    for (std::size_t c = 0; c < window.size(); c += stride) {
        const WindowRow& candidate = window[c];
        const TickerData& ticker = universe.tickers[std::size_t(candidate.ticker)];
        const DailyBars& bars = cleanBarsOf(universe, barsCache, candidate.ticker);
        const int sessionsDrawn = 1 + int(random() % kBreachSessionsMax);
        const double multiple = kEdgeBandLow + (kEdgeBandHigh - kEdgeBandLow) * uniform01(random);
        const std::optional<double> sigma = ticker.labels.value(candidate.row, "sigma_annual");
        if (!sigma || int(bars.size()) - 1 - candidate.row < sessionsDrawn)
            continue;
        const double excursion = breachExcursion(bars, *sigma, std::size_t(candidate.row), sessionsDrawn);
        if (!std::isfinite(excursion))
            continue;
        chosen.push_back(candidate);
        draws.push_back({0, sessionsDrawn, multiple, excursion >= multiple ? 1.0 : 0.0,
                         breachEventGroup(bars.dates, std::size_t(candidate.row), sessionsDrawn)});
    }
    if (chosen.empty())
        return;
    models::xgb::FeatureMatrixF features;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const models::xgb::FeatureMatrixF row = modelRows(universe.tickers[std::size_t(chosen[i].ticker)].features, {chosen[i].row});
        if (features.size() == 0)
            features.resize(Eigen::Index(chosen.size()), row.cols() + 2);
        features.row(Eigen::Index(i)).head(row.cols()) = row.row(0);
        features(Eigen::Index(i), row.cols()) = float(draws[i].multiple);
        features(Eigen::Index(i), row.cols() + 1) = float(draws[i].sessions);
    }
    std::vector<std::string> groups;
    for (const Draw& draw : draws)
        groups.push_back(draw.group);
    const std::vector<double> probabilities = predict(features, groups);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const std::string symbol = universe.tickers[std::size_t(chosen[i].ticker)].ticker.symbol.toStdString();
        record.boosterForecasts.push_back({symbol, chosen[i].time, probabilities[i], int(draws[i].label)});
        record.probabilities.push_back(tickerOffsets.apply(symbol, probabilities[i]));
        record.labels.push_back(int(draws[i].label));
        record.times.push_back(chosen[i].time);
    }
}

// The σ source of each ticker's bands, as the family its offset is drawn from: implied (India VIX for
// NIFTY) when most of its label rows use it, else realised.
ev::GroupFamilies bandSigmaFamilies(const UniverseData& universe)
{
    ev::GroupFamilies families;
    for (const TickerData& ticker : universe.tickers) {
        int implied = 0;
        for (int row = 0; row < ticker.labels.rows(); ++row)
            implied += ticker.labels.value(row, "sigma_is_implied").value_or(0.0) > 0.5 ? 1 : 0;
        families[ticker.ticker.symbol.toStdString()] = 2 * implied > ticker.labels.rows() ? "implied_sigma" : "realised_sigma";
    }
    return families;
}

// Each ticker's logit offset from the band forecasts of earlier test windows whose outcome was known
// by `cutoff` (a fold's trainCutoff: the purge that keeps training labels out of its test window).
ev::GroupLogitOffsets tickerOffsetsKnownBy(const BandRecord& band, std::int64_t cutoff, const ev::GroupFamilies& families)
{
    std::vector<ev::GroupForecast> known;
    for (const ev::GroupForecast& forecast : band.boosterForecasts) {
        if (forecast.time <= cutoff)
            known.push_back(forecast);
    }
    return ev::GroupLogitOffsets::fit(known, kBreachSessionsMax, families);
}

PooledRows stackDraws(const PooledRows& base, const std::vector<Draw>& draws)
{
    PooledRows stacked;
    stacked.columns = base.columns;
    stacked.columns.push_back("breach_k");
    stacked.columns.push_back("breach_sessions");
    const Eigen::Index baseCols = base.features.cols();
    stacked.features.resize(Eigen::Index(draws.size()), baseCols + 2);
    for (std::size_t i = 0; i < draws.size(); ++i) {
        const Draw& draw = draws[i];
        stacked.features.row(Eigen::Index(i)).head(baseCols) = base.features.row(Eigen::Index(draw.base));
        stacked.features(Eigen::Index(i), baseCols) = float(draw.multiple);
        stacked.features(Eigen::Index(i), baseCols + 1) = float(draw.sessions);
        stacked.ticker.push_back(base.ticker[draw.base]);
        stacked.row.push_back(base.row[draw.base]);
        stacked.time.push_back(base.time[draw.base]);
    }
    return stacked;
}

// Breach frequency of all draws by k bin: what is known without any feature.
BreachCurve climatologyOf(const std::vector<Draw>& draws)
{
    const int bins = int(std::lround((kBreachMultipleMax - kBreachMultipleMin) / kClimatologyBinWidth));
    std::vector<double> hits(std::size_t(bins), 0.0);
    std::vector<double> counts(std::size_t(bins), 0.0);
    for (const Draw& draw : draws) {
        const int bin = std::clamp(int((draw.multiple - kBreachMultipleMin) / kClimatologyBinWidth), 0, bins - 1);
        hits[std::size_t(bin)] += draw.label;
        counts[std::size_t(bin)] += 1.0;
    }
    BreachCurve curve;
    for (int b = 0; b < bins; ++b) {
        if (counts[std::size_t(b)] == 0.0)
            continue;
        curve.multiples.push_back(kBreachMultipleMin + kClimatologyBinWidth * (b + 0.5));
        curve.probabilities.push_back(hits[std::size_t(b)] / counts[std::size_t(b)]);
    }
    if (curve.multiples.size() < 2)
        throw std::invalid_argument("too few breach draws for a climatology");
    makeNonIncreasing(curve.probabilities);
    return curve;
}

json curveToJson(const BreachCurve& curve)
{
    return {{"k", curve.multiples}, {"p", curve.probabilities}};
}

BreachCurve curveFromJson(const json& document)
{
    BreachCurve curve{document.at("k").get<std::vector<double>>(), document.at("p").get<std::vector<double>>()};
    if (curve.multiples.size() != curve.probabilities.size() || curve.multiples.size() < 2)
        throw std::runtime_error(std::string(kMetaName) + ": malformed climatology curve");
    return curve;
}

}  // namespace

std::string breachEventGroup(const std::vector<QDate>& sessions, std::size_t row, int horizon)
{
    if (row + 1 >= sessions.size())
        return {};
    const std::size_t last = std::min(sessions.size() - 1, row + std::size_t(std::max(horizon, 0)));
    for (std::size_t s = row + 1; s <= last; ++s) {
        if (!data::scheduledEventsFirstTradedOn(sessions[s - 1], sessions[s]).empty())
            return horizon <= 5 ? "scheduled_event_1_5" : horizon <= 12 ? "scheduled_event_6_12" : "scheduled_event_13_25";
    }
    return {};
}

void makeNonIncreasing(std::vector<double>& probabilities)
{
    for (std::size_t i = 1; i < probabilities.size(); ++i)
        probabilities[i] = std::min(probabilities[i], probabilities[i - 1]);
}

std::optional<double> BreachCurve::probabilityAt(double multiple) const
{
    if (multiples.empty() || !std::isfinite(multiple) || multiple < multiples.front() || multiple > multiples.back())
        return std::nullopt;
    const auto upper = std::lower_bound(multiples.begin(), multiples.end(), multiple);
    const std::size_t i = std::size_t(upper - multiples.begin());
    if (i == 0)
        return probabilities.front();
    const double weight = (multiple - multiples[i - 1]) / (multiples[i] - multiples[i - 1]);
    return probabilities[i - 1] + weight * (probabilities[i] - probabilities[i - 1]);
}

std::optional<double> BreachCurve::multipleFor(double target) const
{
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
        if (probabilities[i] > target)
            continue;
        if (i == 0)
            return multiples.front();
        const double drop = probabilities[i - 1] - probabilities[i];
        const double weight = drop > 0.0 ? (probabilities[i - 1] - target) / drop : 1.0;
        return multiples[i - 1] + weight * (multiples[i] - multiples[i - 1]);
    }
    return std::nullopt;
}

BreachModel::BreachModel(BinaryModel model, BreachCurve climatology, ev::MetricsReport bandMetrics, bool bandEdge,
                         SafeRangeHitRates hitRates, ev::GroupLogitOffsets tickerOffsets)
    : model_(std::move(model)), climatology_(std::move(climatology)), bandMetrics_(std::move(bandMetrics)),
      bandEdge_(bandEdge), hitRates_(std::move(hitRates)), tickerOffsets_(std::move(tickerOffsets))
{
}

BreachModel BreachModel::train(const UniverseData& universe, const BreachTrainingOptions& options, const RunControl& control)
{
    control.report(0.0, QStringLiteral("Seller: pooling breach rows"));
    PoolOptions pool;
    pool.requiredLabels = {"sigma_annual"};
    pool.maxRows = options.baseRows;
    pool.seed = options.seed;
    const PooledRows base = poolRows(universe, pool);
    const std::vector<Draw> draws = drawBands(universe, base, options);
    control.throwIfCancelled();
    const PooledRows stacked = stackDraws(base, draws);
    Eigen::VectorXd labels(Eigen::Index(draws.size()));
    RowGroups groups;
    for (std::size_t i = 0; i < draws.size(); ++i) {
        labels[Eigen::Index(i)] = draws[i].label;
        groups.push_back(draws[i].group);
    }

    ModelSpec spec;
    spec.name = kModelName;
    spec.tree = defaultTreeParams(std::uint32_t(options.seed));
    spec.walkForward.labelHorizon = kBreachSessionsMax;
    spec.walkForward.bootstrapResamples = options.bootstrapResamples;
    // Several rows per ticker and session, each a different band: a shifted outcome is another band's.
    spec.timeShiftPlacebo = false;
    SafeRangeHitRates hitRates;
    std::vector<std::optional<DailyBars>> barsCache(universe.tickers.size());
    const std::vector<QDate> sessions = universeSessions(universe);
    BandRecord band;
    const ev::GroupFamilies families = bandSigmaFamilies(universe);
    std::mt19937_64 bandRandom(options.seed + 1);
    BinaryModel model = BinaryModel::train(stacked, labels, spec, control.stage(0.05, 1.0),
                                           [&](const ev::Fold& fold, const FoldPredictor& predict) {
                                               const std::vector<WindowRow> window = testWindowRows(universe, sessions, fold);
                                               const ev::GroupLogitOffsets offsets = tickerOffsetsKnownBy(band, fold.trainCutoff, families);
                                               quoteSafeRanges(universe, barsCache, window, predict, offsets, hitRates);
                                               control.throwIfCancelled();
                                               scoreBandDraws(universe, barsCache, window, predict, offsets, bandRandom, band);
                                               band.climatology.resize(band.labels.size(),
                                                                       bandBreachFrequency(draws, fold.trainRows));
                                           },
                                           groups);

    // The edge at a fixed band width: the band draws of the evaluated folds, each scored against the
    // band's breach frequency among the draws its fold trained on.
    if (band.times.empty())
        throw std::invalid_argument("seller_breach: no band draw inside the evaluated folds");
    ev::EvaluationOptions evaluation;
    evaluation.bootstrap.resamples = options.bootstrapResamples;
    evaluation.bootstrap.blockLength = kBreachSessionsMax;
    // The quotes' sessions are kHitRateQuoteStride apart: blocks of that many quote sessions span the
    // longest range (blocks of kBreachSessionsMax quote sessions would span most of a test window).
    ev::BootstrapOptions quoteBootstrap = evaluation.bootstrap;
    quoteBootstrap.blockLength = (kBreachSessionsMax + kHitRateQuoteStride - 1) / kHitRateQuoteStride;
    hitRates.scorePooledInterval(quoteBootstrap);
    const ev::MetricsReport bandMetrics = ev::evaluateBinaryClassifier(band.probabilities, band.labels, band.climatology,
                                                                       evaluation, band.times);
    return BreachModel(std::move(model), climatologyOf(draws), bandMetrics, ev::edgeDemonstrated(bandMetrics),
                       std::move(hitRates), tickerOffsetsKnownBy(band, std::numeric_limits<std::int64_t>::max(), families));
}

std::vector<BreachCurve> BreachModel::modelCurves(const TickerData& ticker, int row, const std::vector<int>& sessions) const
{
    const models::xgb::FeatureMatrixF baseRow = modelRows(ticker.features, {row});
    const std::vector<double> grid = curveGrid();
    const Eigen::Index baseCols = baseRow.cols();
    const Eigen::Index gridSize = Eigen::Index(grid.size());
    // The row's session and the NSE sessions after it: the ones whose scheduled events a band spans.
    std::vector<QDate> coming{ticker.features.dates[std::size_t(row)]};
    for (int s = 0; s < kBreachSessionsMax; ++s)
        coming.push_back(data::NseCalendar::instance().nextSession(coming.back()));
    models::xgb::FeatureMatrixF rows(gridSize * Eigen::Index(sessions.size()), baseCols + 2);
    std::vector<std::string> groups;
    for (std::size_t h = 0; h < sessions.size(); ++h) {
        const int horizon = std::clamp(sessions[h], 1, kBreachSessionsMax);
        groups.insert(groups.end(), grid.size(), breachEventGroup(coming, 0, horizon));
        for (Eigen::Index i = 0; i < gridSize; ++i) {
            const Eigen::Index at = Eigen::Index(h) * gridSize + i;
            rows.row(at).head(baseCols) = baseRow.row(0);
            rows(at, baseCols) = float(grid[std::size_t(i)]);
            rows(at, baseCols + 1) = float(horizon);
        }
    }
    const std::vector<double> probabilities = sessions.empty() ? std::vector<double>{} : model_.predict(rows, groups);
    std::vector<BreachCurve> curves;
    for (std::size_t h = 0; h < sessions.size(); ++h)
        curves.push_back(curveOnGrid(grid, probabilities.begin() + std::ptrdiff_t(h * grid.size()), tickerOffsets_, ticker.ticker.symbol));
    return curves;
}

std::vector<BreachCurve> BreachModel::curves(const TickerData& ticker, int row, const std::vector<int>& sessions) const
{
    return bandEdge_ ? modelCurves(ticker, row, sessions) : std::vector<BreachCurve>(sessions.size(), climatology_);
}

void BreachModel::save(models::GenerationWriter& writer) const
{
    model_.save(writer);
    const json meta{
        {"climatology", curveToJson(climatology_)},
        {"band_metrics", ev::toJson(bandMetrics_)},
        {"band_edge", bandEdge_},
        {"hit_counts", hitRates_.toJson()},
        {"ticker_offsets", tickerOffsets_.toJson()},
    };
    const std::string text = meta.dump(1);
    writer.addArtifact(QString::fromLatin1(kMetaName), QByteArray(text.data(), qsizetype(text.size())));
}

BreachModel BreachModel::load(const models::LoadedGeneration& generation)
{
    const QByteArray& bytes = generation.artifact(QString::fromLatin1(kMetaName));
    const json meta = json::parse(bytes.constBegin(), bytes.constEnd());
    // Generations saved before per-ticker counts kept only the pooled rate and its row count.
    SafeRangeHitRates hitRates;
    if (meta.contains("hit_counts")) {
        hitRates = SafeRangeHitRates::fromJson(meta.at("hit_counts"));
    } else {
        const json& rate = meta.at("hit_rate");
        const std::size_t rows = meta.at("hit_rate_rows").get<std::size_t>();
        hitRates = SafeRangeHitRates::pooledOnly(
            {rate.is_null() ? 0 : std::size_t(std::llround(rate.get<double>() * double(rows))), rate.is_null() ? 0 : rows});
    }
    // Generations saved before ticker offsets were evaluated, and are shown, without them.
    ev::GroupLogitOffsets tickerOffsets;
    if (meta.contains("ticker_offsets"))
        tickerOffsets = ev::GroupLogitOffsets::fromJson(meta.at("ticker_offsets"));
    return BreachModel(BinaryModel::load(generation, kModelName), curveFromJson(meta.at("climatology")),
                       ev::metricsReportFromJson(meta.at("band_metrics")), meta.at("band_edge").get<bool>(),
                       std::move(hitRates), std::move(tickerOffsets));
}

}  // namespace aegis::engines
