#include "engines/direction/direction_engine.h"
#include "engines/core/report_edge.h"
#include "engines/direction/direction_choice.h"
#include "engines/direction/direction_horizon_models.h"
#include "engines/direction/direction_sequences.h"
#include "engines/direction/horizon_moves.h"
#include "engines/direction/market_regime.h"
#include "engines/direction/today_bias.h"

#include <algorithm>
#include <cmath>

namespace aegis::engines {

namespace {

std::optional<double> closeOnRow(const TickerData& ticker, int row)
{
    const QDate date = ticker.features.dates[std::size_t(row)];
    for (auto it = ticker.daily.bars.rbegin(); it != ticker.daily.bars.rend(); ++it) {
        if (it->session == date && it->final && std::isfinite(it->close) && it->close > 0.0)
            return it->close;
        if (it->session < date)
            break;
    }
    return std::nullopt;
}

void setProbabilities(report::DirectionCall& call, const double* probabilities)
{
    call.probDown = std::clamp(probabilities[0], 0.0, 1.0);
    call.probNeutral = std::clamp(probabilities[1], 0.0, 1.0);
    call.probUp = std::clamp(probabilities[2], 0.0, 1.0);
    const DirectionChoice choice = chooseDirection({probabilities[0], probabilities[1], probabilities[2]});
    call.direction = choice.direction;
    call.conviction = choice.conviction;
}

void fillRegime(const UniverseData& universe, const TickerData& ticker, report::TickerReport& report)
{
    const QDate asOf = ticker.features.dates.empty() ? QDate() : ticker.features.dates.back();
    std::optional<RegimeInputs> inputs = measureRegime(universe.nifty, universe.market, asOf);
    // Say what a percentile needs, not one threshold: a NIFTY of 130 sessions passes the first check
    // yet has neither percentile.
    const QString requirement = QStringLiteral("India VIX's percentile needs %1 sessions of NIFTY with India VIX, a realised "
                                               "one %2 sessions")
                                    .arg(kVixPercentileMinKnown)
                                    .arg(kRealisedPercentileSessions);
    const QString niftyHistory = QStringLiteral("NIFTY's %1 sessions").arg(regimeHistorySessions(universe.nifty, asOf));
    const bool isNifty = ticker.ticker.symbol == QLatin1String("NIFTY");
    if (!inputs && !isNifty) {
        inputs = measureRegime(ticker.daily, MarketContext{}, asOf);
        if (inputs) {
            report.meta.warnings << QStringLiteral("market regime measured on %1's own bars: %2 give no volatility percentile (%3)")
                                        .arg(ticker.ticker.symbol, niftyHistory, requirement);
        }
    }
    if (!inputs) {
        // Null, not a regime made up to fill the field.
        const QString measured =
            isNifty ? QStringLiteral("%1 give no volatility percentile").arg(niftyHistory)
                    : QStringLiteral("neither %1 nor %2's %3 give a volatility percentile")
                          .arg(niftyHistory, ticker.ticker.symbol)
                          .arg(regimeHistorySessions(ticker.daily, asOf));
        report.meta.warnings << QStringLiteral("market regime not measurable: %1 (%2)").arg(measured, requirement);
        return;
    }
    // A NIFTY history that stops before the ticker's (files fetched or imported at different times)
    // gives the regime of its own last day: a trader must not read it as today's.
    if (inputs->asOf < asOf) {
        report.meta.warnings << QStringLiteral("market regime is NIFTY's as of %1, older than the ticker's data")
                                    .arg(inputs->asOf.toString(Qt::ISODate));
    }
    report.market.regime = toString(classifyRegime(*inputs));
    report.market.regimeAsOf = inputs->asOf;
}

}  // namespace

void DirectionEngine::fill(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc,
                           report::TickerReport& report) const
{
    const int lastRow = ticker.lastRow();
    const bool modelled = lastRow >= kFirstModelRow;
    if (!modelled) {
        report.meta.warnings << QStringLiteral("direction: %1 has %2 feature rows, the models need %3; base rates shown")
                                    .arg(ticker.ticker.symbol).arg(lastRow + 1).arg(kFirstModelRow + 1);
    }

    // Per horizon, where its expected move comes from: the magnitude model where its pinball skill
    // interval lies above 0, else the training rows' median scale-free move (what a model without inputs
    // says), so a number without a demonstrated edge is never shown as a forecast. Empty: neither (a
    // generation saved before the median was kept, whose model shows no edge).
    std::vector<QString> bases;
    for (const HorizonModels& models : horizons_) {
        if (models.magnitude.trackRecord().front().edgeDemonstrated)
            bases.push_back(report::kMoveFromModel);
        else if (!models.magnitude.trainingConstants().empty())
            bases.push_back(report::kTypicalMove);
        else
            bases.emplace_back();
    }
    // Each horizon's expected move in points at `row`'s close, made non-decreasing across the horizons
    // (horizon_moves.h).
    const auto expectedMoves = [this, &ticker, &bases](int row, const models::xgb::FeatureMatrixF& inputs) {
        std::vector<std::optional<double>> moves(horizons_.size());
        const std::optional<double> close = closeOnRow(ticker, row);
        if (!close)
            return moves;
        for (std::size_t h = 0; h < horizons_.size(); ++h) {
            if (bases[h].isEmpty())
                continue;
            const QuantileModel& magnitude = horizons_[h].magnitude;
            const double scale = moveScale(ticker, row, horizons_[h].horizon);
            const double scaled = bases[h] == report::kMoveFromModel ? magnitude.predict(inputs)(0, 0)
                                                                      : magnitude.trainingConstants().front();
            if (std::isfinite(scale) && std::isfinite(scaled))
                moves[h] = std::max(0.0, scaled) * scale;
        }
        moves = nonDecreasingMoves(moves);
        for (std::optional<double>& move : moves) {
            if (move)
                move = *close * (std::exp(*move) - 1.0);
        }
        return moves;
    };

    std::optional<models::xgb::FeatureMatrixF> inputs, signInputs;
    std::optional<models::BiLstmPredictions> sequencePredictions;
    if (modelled) {
        inputs = modelRows(ticker.features, {lastRow});
        signInputs = withoutInputs(*inputs, modelColumns(ticker.features.schema), inputsSignModelsLeaveOut());
        const bool lstmNeeded = lstm_ && std::any_of(horizons_.begin(), horizons_.end(), [](const HorizonModels& models) {
            return models.ensemble.trackRecord().edgeDemonstrated && models.ensemble.lstmWeight() > 0.0;
        });
        if (lstmNeeded)
            sequencePredictions = lstm_->predict(buildTickerSequences(ticker), {{0, lastRow}});
    }

    const std::vector<std::optional<double>> movesFromLastClose =
        modelled ? expectedMoves(lastRow, *inputs) : std::vector<std::optional<double>>(horizons_.size());
    report::Direction& direction = report.direction;
    direction.horizons.clear();
    for (std::size_t h = 0; h < horizons_.size(); ++h) {
        const HorizonModels& models = horizons_[h];
        report::Horizon horizon;
        horizon.key = horizonKey(models.horizon);
        horizon.label = horizonLabel(models.horizon);
        horizon.sessions = models.horizon;
        horizon.call.edge = edgeOf(models.ensemble.trackRecord());
        if (modelled && horizon.call.edge.demonstrated) {
            Eigen::MatrixXd lstmProbabilities(1, 3);
            if (sequencePredictions) {
                for (int c = 0; c < 3; ++c)
                    lstmProbabilities(0, c) = sequencePredictions->probability(0, int(h), models::DirectionClass(c));
            }
            const Eigen::MatrixXd probabilities = models.ensemble.predict(models.xgb.predict(*signInputs),
                                                                          sequencePredictions ? &lstmProbabilities : nullptr);
            const double row[3] = {probabilities(0, 0), probabilities(0, 1), probabilities(0, 2)};
            setProbabilities(horizon.call, row);
        } else {
            setProbabilities(horizon.call, models.baseRate.data());
        }
        horizon.call.expectedMovePoints = movesFromLastClose[h];
        if (horizon.call.expectedMovePoints)
            horizon.call.expectedMoveBasis = bases[h];
        direction.horizons.push_back(horizon);
    }

    const QString riskMeaning = QStringLiteral("P(close %1 sessions ahead <= today's close x exp(-%2 sd_20 sqrt(%1))), sd_20 = "
                                               "trailing 20-session daily volatility: a >= 2-sigma adverse move for a "
                                               "long holder")
                                    .arg(kRiskHorizon).arg(kRiskSigmas, 0, 'f', 0);
    if (!risk_) {
        direction.riskScore.reset();
        direction.riskDefinition = riskMeaning + QStringLiteral("; ") + riskReason_;
    } else if (modelled && risk_->trackRecord().edgeDemonstrated) {
        direction.riskScore = std::clamp(risk_->predict(*inputs).front(), 0.0, 1.0);
        direction.riskDefinition = riskMeaning + QStringLiteral("; calibrated, ") + walkForwardAucText(risk_->trackRecord());
    } else {
        direction.riskScore = riskBaseRate_;
        direction.riskDefinition = riskMeaning + QStringLiteral("; base rate shown, no edge demonstrated (")
                                   + walkForwardAucText(risk_->trackRecord()) + QStringLiteral(")");
    }

    const report::DirectionCall& tomorrowCall = direction.horizons.front().call;
    const ClassProbabilities nextSessionCall{tomorrowCall.probDown, tomorrowCall.probNeutral, tomorrowCall.probUp};
    direction.today = computeTodayBias(ticker, nowUtc, nextSessionCall, [&](QDate session) -> std::optional<double> {
        if (!session.isValid())
            return movesFromLastClose.front();
        const auto& dates = ticker.features.dates;
        const int row = int(std::lower_bound(dates.begin(), dates.end(), session) - dates.begin()) - 1;
        if (row < kFirstModelRow)
            return std::nullopt;
        return expectedMoves(row, modelRows(ticker.features, {row})).front();
    });
    if (direction.today.expectedMovePoints)
        direction.today.expectedMoveBasis = bases.front();
    if (std::any_of(bases.begin(), bases.end(), [](const QString& basis) { return basis.isEmpty(); })) {
        report.meta.warnings << QStringLiteral("direction: this model generation predates typical moves; horizons whose "
                                               "magnitude model shows no edge have no expected move until a retrain");
    }

    fillRegime(universe, ticker, report);
}

}  // namespace aegis::engines
