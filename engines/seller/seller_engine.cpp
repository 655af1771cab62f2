#include "engines/seller/seller_engine.h"

#include "engines/core/pooled_rows.h"
#include "engines/features/daily_bars.h"
#include "engines/seller/breach_excursion.h"
#include "engines/core/report_edge.h"
#include "engines/core/session_so_far.h"
#include "engines/seller/seller_rules.h"

#include "data/calendar/nse_calendar.h"
#include "data/calendar/scheduled_events.h"
#include "models/store/generation_writer.h"
#include "models/store/model_store.h"

#include <nlohmann/json.hpp>

#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aegis::engines {

namespace {

using nlohmann::json;

constexpr const char* kMetaName = "seller_meta.json";
const QString kEngine = QStringLiteral("seller");

std::vector<std::optional<double>> columnOf(const NamedFrame& frame, std::string_view name)
{
    std::vector<std::optional<double>> values(std::size_t(frame.rows()));
    for (int r = 0; r < frame.rows(); ++r)
        values[std::size_t(r)] = frame.value(r, name);
    return values;
}

report::MaxPainView maxPainView(const ChainAnalysis& chain)
{
    report::MaxPainView view;
    if (!chain.analytics) {
        view.reason = chain.reason;
        return view;
    }
    const ExpiryAnalytics& analytics = *chain.analytics;
    view.lower = analytics.maxPain.lower;
    view.upper = analytics.maxPain.upper;
    view.confidence = analytics.maxPain.confidence;
    view.strike = analytics.maxPain.strike;
    view.putCallRatio = analytics.putCallRatio;
    for (const OiHeavyStrike& wall : analytics.callWalls)
        view.callWalls.push_back(wall.strike);
    for (const OiHeavyStrike& wall : analytics.putWalls)
        view.putWalls.push_back(wall.strike);
    view.expiry = analytics.expiry;
    return view;
}

report::Skew skewView(const ChainAnalysis& chain, const DailyBars& bars)
{
    report::Skew skew;
    if (chain.analytics && chain.analytics->skew) {
        skew.putSkew = chain.analytics->skew->putSkew;
        skew.callSkew = chain.analytics->skew->callSkew;
        skew.netSkew = chain.analytics->skew->netSkew;
        skew.source = QStringLiteral("chain");
        return skew;
    }
    if (const std::optional<SkewValues> realised = realisedSkew(bars.close)) {
        skew.putSkew = realised->put;
        skew.callSkew = realised->call;
        skew.netSkew = realised->net;
        skew.source = QStringLiteral("realised");
        return skew;
    }
    skew.reason = QStringLiteral("no chain implied vols and fewer than 61 sessions for a realised skew");
    return skew;
}

bool modelledHorizon(int sessions)
{
    return sessions >= 1 && sessions <= kBreachSessionsMax;
}

// The band whose breach probability is the target, from the curve of its horizon. The curve's k is in
// units of the labels' σ; z re-expresses the same band in the quoted σ.
report::SafeRange safeRangeFrom(const BreachCurve* curve, std::optional<double> labelSigma,
                                const std::optional<VolatilityChoice>& volatility, double spot, int sessions, int horizonDays)
{
    report::SafeRange range;
    range.horizonDays = horizonDays;
    range.sessions = std::max(0, sessions);
    if (!volatility || !labelSigma) {
        range.reason = QStringLiteral("no volatility known for the last session: fewer than 21 sessions of history, or a "
                                      "price that has not moved in 20 sessions");
        return range;
    }
    range.sigma = volatility->sigma;
    range.sigmaSource = volatility->source;
    if (!curve) {
        range.reason = QStringLiteral("%1 sessions is outside the breach model's 1..%2").arg(sessions).arg(kBreachSessionsMax);
        return range;
    }
    const double multiple = curve->multipleFor(kSafeRangeBreachTarget).value_or(curve->multiples.back());
    const double z = multiple * *labelSigma / volatility->sigma;
    const PriceBand band = safeRangeBounds(spot, volatility->sigma, z, sessions);
    range.lower = band.lower;
    range.upper = band.upper;
    range.z = z;
    range.breachProbability = curve->probabilityAt(multiple);
    return range;
}

std::optional<report::BreachCalibration> breachCalibrationOf(const BreachModel& breach, const QString& symbol)
{
    if (!breach.edgeDemonstrated())
        return std::nullopt;
    report::BreachCalibration calibration;
    const auto& groups = breach.tickerOffsets().groups();
    const auto found = groups.find(symbol.toStdString());
    if (found == groups.end()) {
        calibration.reason = QStringLiteral("no out-of-sample band forecasts of %1: the pooled booster's curve").arg(symbol);
        return calibration;
    }
    calibration.tickerOffset = found->second.applied;
    calibration.fittedOffset = found->second.fitted;
    calibration.standardError = found->second.standardError;
    calibration.bandForecasts = std::int64_t(found->second.forecasts);
    calibration.family = QString::fromStdString(found->second.family);
    return calibration;
}

}  // namespace

SellerEngine::SellerEngine(BreachModel breach, std::optional<TrapModel> trap, QString trapReason)
    : breach_(std::move(breach)), trap_(std::move(trap)), trapReason_(std::move(trapReason))
{
}

SellerEngine SellerEngine::train(const UniverseData& universe, const RunControl& control)
{
    return train(universe, SellerTrainingOptions{}, control);
}

SellerEngine SellerEngine::train(const UniverseData& universe, const SellerTrainingOptions& options, const RunControl& control)
{
    BreachModel breach = BreachModel::train(universe, options.breach, control.stage(0.0, 0.85));

    // The trap label exists only where implied vol does (NIFTY, through India VIX).
    control.throwIfCancelled();
    std::optional<TrapModel> trap;
    QString trapReason;
    try {
        trap = TrapModel::train(universe, options.seed, options.bootstrapResamples, control.stage(0.85, 1.0));
    } catch (const std::invalid_argument& error) {
        trapReason = QStringLiteral("no trap model: %1").arg(QString::fromStdString(error.what()));
    }
    control.report(1.0, QStringLiteral("Seller: trained"));
    return SellerEngine(std::move(breach), std::move(trap), trapReason);
}

void SellerEngine::save(models::GenerationWriter& writer) const
{
    breach_.save(writer);
    if (trap_)
        trap_->save(writer);
    const std::string text = json{{"trap_model", trap_.has_value()}, {"trap_reason", trapReason_.toStdString()}}.dump(1);
    writer.addArtifact(QString::fromLatin1(kMetaName), QByteArray(text.data(), qsizetype(text.size())));
}

SellerEngine SellerEngine::load(const models::LoadedGeneration& generation)
{
    const QByteArray& bytes = generation.artifact(QString::fromLatin1(kMetaName));
    const json meta = json::parse(bytes.constBegin(), bytes.constEnd());
    std::optional<TrapModel> trap;
    if (meta.at("trap_model").get<bool>())
        trap = TrapModel::load(generation);
    return SellerEngine(BreachModel::load(generation), std::move(trap),
                        QString::fromStdString(meta.at("trap_reason").get<std::string>()));
}

report::Trap SellerEngine::trap(const TickerData& ticker, int row) const
{
    report::Trap trap;
    trap.rvPercentile = trailingPercentile(columnOf(ticker.features, "rv_20"), row);
    const bool implied = ticker.labels.value(row, "sigma_is_implied").value_or(0.0) > 0.5;
    if (implied)
        trap.ivPercentile = ticker.features.value(row, "vix_percentile_252");
    if (!trap_) {
        trap.reason = trapReason_;
        return trap;
    }
    const TrapCall call = trap_->call(ticker, row);
    trap.score = call.score;
    trap.label = call.label;
    trap.reason = call.reason;
    trap.scoreIsBaseRate = call.scoreIsBaseRate;
    return trap;
}

namespace {

// The ranges are measured from the last completed close; the session after it may already be trading.
// A breach is a touch, so a range its high or low has crossed has been breached, whatever the close.
QStringList markRangesLeftSoFar(report::Seller& seller, const TickerData& ticker, QDate trading, std::int64_t nowUtc)
{
    seller.sessionSoFar = sessionSoFar(ticker.daily, ticker.intraday, trading, nowUtc);
    QStringList left;
    if (!seller.sessionSoFar)
        return left;
    const report::SessionSoFar& observed = *seller.sessionSoFar;
    const auto mark = [&](report::SafeRange& range, const QString& name) {
        if (!range.lower || !range.upper)
            return;
        range.breachedSoFar = observed.low < *range.lower || observed.high > *range.upper;
        const auto price = [](double value) { return QString::number(value, 'f', 2); };
        if (observed.low < *range.lower)
            left << QStringLiteral("%1: low %2 under %3").arg(name, price(observed.low), price(*range.lower));
        else if (observed.high > *range.upper)
            left << QStringLiteral("%1: high %2 over %3").arg(name, price(observed.high), price(*range.upper));
    };
    mark(seller.safeRange, QStringLiteral("30-day safe range"));
    mark(seller.safeRangeExpiry, QStringLiteral("safe range to expiry"));
    return left;
}

}  // namespace

void SellerEngine::fill(const UniverseData&, const TickerData& ticker, std::int64_t nowUtc, report::TickerReport& report) const
{
    report::Seller& seller = report.seller;
    seller = report::Seller{};
    seller.breachEdge = edgeOf(breach_.bandMetrics(), breach_.edgeDemonstrated());
    seller.historicalHitRate = breach_.hitRates().tickerRate(ticker.ticker.symbol);
    seller.historicalHitRateBasis = breach_.hitRates().basisFor(ticker.ticker.symbol);
    seller.breachCalibration = breachCalibrationOf(breach_, ticker.ticker.symbol);
    const int row = ticker.lastRow();
    const DailyBars bars = cleanDailyBars(ticker.daily);
    if (row < 0 || bars.size() != std::size_t(ticker.features.rows())) {
        const QString reason = QStringLiteral("no completed daily session for %1").arg(ticker.ticker.symbol);
        seller.safeRange.reason = seller.safeRangeExpiry.reason = seller.maxPain.reason = reason;
        seller.trap.reason = seller.skew.reason = reason;
        seller.sellerFlag = sellerFlag({});
        return;
    }
    const data::NseCalendar& calendar = data::NseCalendar::instance();
    const QDate asOf = ticker.features.dates.back();
    const double spot = bars.close.back();
    seller.referenceClose = spot;
    seller.referenceSession = asOf;
    const ChainAnalysis chain = analyseLatestChain(ticker, asOf);
    const std::optional<VolatilityChoice> volatility = chooseVolatility(ticker, row, chain.analytics ? &*chain.analytics : nullptr);

    const std::optional<double> labelSigma = ticker.labels.value(row, "sigma_annual");
    const int monthSessions = calendar.sessionCount(asOf, asOf.addDays(kSafeRangeCalendarDays));
    const std::optional<QDate> expiry = calendar.nearestExpiry(ticker.ticker.symbol, asOf.addDays(1));
    const int expirySessions = expiry ? calendar.sessionCount(asOf, *expiry) : 0;
    std::vector<int> horizons;
    for (int sessions : {monthSessions, expirySessions}) {
        if (modelledHorizon(sessions))
            horizons.push_back(sessions);
    }
    const std::vector<BreachCurve> curves = breach_.curves(ticker, row, horizons);
    auto curveFor = [&](int sessions) -> const BreachCurve* {
        const auto found = std::find(horizons.begin(), horizons.end(), sessions);
        return found == horizons.end() ? nullptr : &curves[std::size_t(found - horizons.begin())];
    };

    seller.safeRange = safeRangeFrom(curveFor(monthSessions), labelSigma, volatility, spot, monthSessions, kSafeRangeCalendarDays);
    if (expiry) {
        seller.nextExpiry = *expiry;
        seller.sessionsToExpiry = expirySessions;
        seller.safeRangeExpiry = safeRangeFrom(curveFor(expirySessions), labelSigma, volatility, spot, expirySessions,
                                               int(asOf.daysTo(*expiry)));
    } else {
        seller.safeRangeExpiry.reason = QStringLiteral("the calendar has no expiry of %1 after %2")
                                            .arg(ticker.ticker.symbol, asOf.toString(Qt::ISODate));
    }

    const BreachCurve* expiryCurve = expiry && labelSigma ? curveFor(expirySessions) : nullptr;
    for (double pct : kBreachDistancesPct) {
        report::BreachPoint point;
        point.distancePct = pct;
        point.distancePoints = spot * pct / 100.0;
        if (!expiryCurve) {
            point.reason = seller.safeRangeExpiry.reason;
        } else {
            const double multiple = std::log1p(pct / 100.0) / (*labelSigma * std::sqrt(expirySessions / kSessionsPerYear));
            if (!std::isfinite(multiple)) {
                point.reason = QStringLiteral("realised volatility is 0 (the price has not moved in 20 sessions): a distance in "
                                              "units of sigma is undefined");
                seller.breachProbabilities.push_back(point);
                continue;
            }
            point.probability = expiryCurve->probabilityAt(multiple);
            if (!point.probability) {
                point.reason = QStringLiteral("%1 % from spot is %2 sigma x sqrt(T) with %3 session(s) to expiry, outside the "
                                              "bands the breach model learnt (%4 to %5); not extrapolated")
                                   .arg(pct)
                                   .arg(multiple, 0, 'f', 2)
                                   .arg(expirySessions)
                                   .arg(expiryCurve->multiples.front(), 0, 'f', 2)
                                   .arg(expiryCurve->multiples.back(), 0, 'f', 2);
            }
        }
        seller.breachProbabilities.push_back(point);
    }

    seller.maxPain = maxPainView(chain);
    if (chain.analytics && ticker.chain) {
        // The latest stored snapshot is used whatever its age: say when it was taken, and warn when
        // it predates the session the forecasts are made at.
        seller.maxPain.chainTakenAt = QDateTime::fromSecsSinceEpoch(ticker.chain->takenAtUtc, QTimeZone::utc());
        const QDate takenOn = data::NseCalendar::istDate(ticker.chain->takenAtUtc);
        if (takenOn < bars.dates.back()) {
            report.meta.warnings << QStringLiteral("the %1 option chain (max pain, PCR, skew, ATM IV) is from %2, before the last "
                                                   "session %3")
                                        .arg(ticker.ticker.symbol, takenOn.toString(Qt::ISODate), bars.dates.back().toString(Qt::ISODate));
        }
    }
    seller.skew = skewView(chain, bars);
    seller.trap = trap(ticker, row);

    ExpiryStressInputs stress;
    stress.sessionsToExpiry = seller.sessionsToExpiry;
    stress.volatilityPercentile = seller.trap.ivPercentile ? seller.trap.ivPercentile : seller.trap.rvPercentile;
    stress.volatilityIsImplied = seller.trap.ivPercentile.has_value();
    // The pin of the expiry the stress is about: a chain whose nearest expiry is another (the
    // calendar's is missing from it) would measure the distance against the wrong date's time.
    if (seller.maxPain.strike && expiry && seller.maxPain.expiry == *expiry && volatility && expirySessions > 0) {
        stress.maxPainDistanceSd = std::abs(std::log(spot / *seller.maxPain.strike))
                                 / (volatility->sigma * std::sqrt(expirySessions / kSessionsPerYear));
    }
    seller.expiryStress = expiryStress(stress);

    SellerFlagInputs flag;
    flag.trapLabel = seller.trap.label;
    flag.trapScoreIsBaseRate = seller.trap.scoreIsBaseRate;
    flag.stressLabel = seller.expiryStress.label;
    flag.stressReason = expiryStressReason(stress);
    flag.safeRangeBreach = seller.safeRange.breachProbability;
    flag.target = kSafeRangeBreachTarget;
    flag.breachEdgeDemonstrated = breach_.edgeDemonstrated();
    flag.netSkew = seller.skew.netSkew;
    // Events first traded on one of the range's sessions, as the breach model groups its bands
    // (breachEventGroup): a Sunday exit poll on the range's last calendar day trades after it.
    const QDate lastRangeSession = calendar.previousSession(asOf.addDays(kSafeRangeCalendarDays + 1));
    const auto rangeEvents = monthSessions > 0 ? data::scheduledEventsFirstTradedOn(asOf, lastRangeSession)
                                               : std::span<const data::ScheduledEvent>{};
    for (const data::ScheduledEvent& event : rangeEvents) {
        const QDate session = calendar.nextSession(event.date.addDays(-1));  // the first on or after it
        flag.scheduledEvents << QStringLiteral("%1 (session of %2)").arg(data::scheduledEventName(event.kind),
                                                                          session.toString(QStringLiteral("ddd d MMM yyyy")));
    }
    flag.rangesLeftSoFar = markRangesLeftSoFar(seller, ticker, calendar.nextSession(asOf), nowUtc);
    seller.sellerFlag = sellerFlag(flag);
}

std::vector<report::ModelEvaluation> SellerEngine::evaluations() const
{
    std::vector<report::ModelEvaluation> out;
    const TrackRecord& stacked = breach_.stackedRecord();
    // Stable identifiers for scripts; docs/engine-seller.md explains both. The stacked record's AUC
    // mostly measures how band width k orders breaches; the band record (k in [0.8, 1.2]) measures
    // what the features add, and decides the edge.
    out.push_back(modelEvaluationOf(kEngine, QStringLiteral("breach_stacked"), std::nullopt, stacked.metrics,
                                    stacked.edgeDemonstrated));
    out.push_back(modelEvaluationOf(kEngine, QStringLiteral("breach_band"), std::nullopt, breach_.bandMetrics(),
                                    breach_.edgeDemonstrated()));
    // The walk-forward 30-day safe ranges scored as the interval forecasts they are: the share that held
    // against the share quoted. Coverage is not a ranking, so no edge is claimed.
    const HitCount& quotes = breach_.hitRates().pooled();
    if (const std::optional<double> held = quotes.rate()) {
        const auto& interval = breach_.hitRates().pooledInterval();
        report::ModelEvaluation ranges;
        ranges.engine = kEngine;
        ranges.target = QStringLiteral("safe_range_30d");
        ranges.n = std::int64_t(quotes.evaluated);
        ranges.coverage = held;
        if (interval) {
            ranges.coverageLow = interval->low;
            ranges.coverageHigh = interval->high;
        }
        ranges.nominalCoverage = 1.0 - kSafeRangeBreachTarget;
        out.push_back(ranges);
    }
    if (trap_) {
        for (report::ModelEvaluation& evaluation : trap_->evaluations(kEngine))
            out.push_back(std::move(evaluation));
    }
    return out;
}

}  // namespace aegis::engines
