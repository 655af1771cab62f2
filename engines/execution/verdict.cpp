#include "engines/execution/verdict.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace aegis::engines {

namespace {

constexpr double kRupeesPerLakh = 1e5;

// The verdict reads a report it did not compute: a non-finite number is treated as missing, never
// printed as "inf pts" or "nan bps".
std::optional<double> finiteOrNothing(const std::optional<double>& value)
{
    return value && std::isfinite(*value) ? value : std::nullopt;
}

QString percent(double fraction)
{
    return QStringLiteral("%1 %").arg(100.0 * fraction, 0, 'f', 0);
}

QString moveText(const report::Meta& meta, double move)
{
    const QString number = QString::number(move, 'f', std::abs(move) >= 100.0 ? 0 : 1);
    return report::movesInRupees(meta) ? QStringLiteral("₹") + number : number + QStringLiteral(" pts");
}

QString bpsText(double bps)
{
    return QStringLiteral("%1 bps").arg(bps, 0, 'f', bps >= 10.0 ? 0 : 1);
}

QString sessionsText(int sessions)
{
    return sessions == 1 ? QStringLiteral("1 session") : QStringLiteral("%1 sessions").arg(sessions);
}

const report::Horizon* nearestHorizon(const std::vector<report::Horizon>& horizons, bool requireEdge)
{
    const report::Horizon* nearest = nullptr;
    for (const report::Horizon& horizon : horizons) {
        if (requireEdge && !horizon.call.edge.demonstrated)
            continue;
        if (!nearest || horizon.sessions < nearest->sessions)
            nearest = &horizon;
    }
    return nearest;
}

QString aucText(const report::Edge& edge)
{
    if (!edge.auc)
        return QStringLiteral("walk-forward");
    if (edge.aucLow && edge.aucHigh)
        return QStringLiteral("walk-forward AUC %1, interval %2-%3").arg(*edge.auc, 0, 'f', 2).arg(*edge.aucLow, 0, 'f', 2).arg(*edge.aucHigh, 0, 'f', 2);
    return QStringLiteral("walk-forward AUC %1").arg(*edge.auc, 0, 'f', 2);
}

// "round-trip cost ≈ 12 bps at ₹5 L (up to 30 bps one time in ten)", with the round trip in bps;
// nothing when the report has no cost at that size.
struct RoundTrip {
    double bps = 0.0;
    QString text;
};

std::optional<RoundTrip> roundTripAt(const report::Execution& execution, double orderValueInr)
{
    const std::optional<report::Slippage> slippage = slippageAt(execution, orderValueInr);
    if (!slippage || !finiteOrNothing(slippage->q50Bps))
        return std::nullopt;
    RoundTrip roundTrip{2.0 * *slippage->q50Bps, {}};
    roundTrip.text = QStringLiteral("round-trip cost ≈ %1 at %2").arg(bpsText(roundTrip.bps), orderValueText(orderValueInr));
    if (finiteOrNothing(slippage->q90Bps))
        roundTrip.text += QStringLiteral(" (up to %1 one time in ten)").arg(bpsText(2.0 * *slippage->q90Bps));
    return roundTrip;
}

QString missingCostSentence(const report::Execution& execution, double orderValueInr)
{
    const QString why = execution.reason.isEmpty() ? QString() : QStringLiteral(": %1").arg(execution.reason);
    return QStringLiteral("The round-trip cost at %1 is not estimated%2.").arg(orderValueText(orderValueInr), why);
}

QString costSentence(const report::Execution& execution, double orderValueInr)
{
    const std::optional<RoundTrip> roundTrip = roundTripAt(execution, orderValueInr);
    if (!roundTrip)
        return missingCostSentence(execution, orderValueInr);
    QString sentence = roundTrip->text + QLatin1Char('.');
    sentence[0] = sentence[0].toUpper();
    return sentence;
}

// The expected move set against the round-trip cost, both in bps of spot.
// A typical move (its magnitude model showed no edge) is named as such: a size, not a forecast of one.
QString moveAgainstCostSentence(const report::TickerReport& report, const std::optional<double>& movePoints,
                                const QString& moveBasis, int sessions, double orderValueInr)
{
    const double spot = report.market.spot;
    if (!movePoints || !(spot > 0.0))
        return QStringLiteral("Expected move not available.") + QLatin1Char(' ') + costSentence(report.execution, orderValueInr);
    const bool typical = moveBasis == report::kTypicalMove;
    const QString move = QStringLiteral("%1 %2 (%3 %) over %4")
                             .arg(typical ? QStringLiteral("Typical move (no demonstrated edge for its size)")
                                          : QStringLiteral("Expected move"),
                                  moveText(report.meta, *movePoints))
                             .arg(100.0 * *movePoints / spot, 0, 'f', 2)
                             .arg(sessionsText(sessions));
    const std::optional<RoundTrip> roundTrip = roundTripAt(report.execution, orderValueInr);
    if (!roundTrip)
        return move + QStringLiteral(". ") + missingCostSentence(report.execution, orderValueInr);
    QString sentence = QStringLiteral("%1 vs %2.").arg(move, roundTrip->text);
    if (1e4 * *movePoints / spot <= roundTrip->bps)
        sentence += typical ? QStringLiteral(" The typical move does not cover the round-trip cost at this size.")
                            : QStringLiteral(" The expected move does not cover the round-trip cost at this size.");
    return sentence;
}

QString contextSentence(const report::TickerReport& report)
{
    QStringList parts;
    if (!report.execution.regime.isEmpty()) {
        QString regime = QStringLiteral("next-session execution regime %1").arg(report.execution.regime);
        if (report.execution.regimeProbability)
            regime += QStringLiteral(" (probability %1)").arg(percent(*report.execution.regimeProbability));
        parts << regime;
    }
    if (!report.seller.sellerFlag.label.isEmpty())
        parts << QStringLiteral("option seller flag %1").arg(report.seller.sellerFlag.label);
    if (!report.buyer.buyerEnvironment.label.isEmpty())
        parts << QStringLiteral("option buyer environment %1").arg(report.buyer.buyerEnvironment.label);
    if (parts.isEmpty())
        return {};
    QString sentence = parts.join(QStringLiteral("; ")) + QLatin1Char('.');
    sentence[0] = sentence[0].toUpper();
    return sentence;
}

// Scheduled market-wide events among the next five sessions, with the breakout probability the buyer
// quotes for each: the day a position is most likely to be tested.
QString scheduledEventsSentence(const report::Buyer& buyer)
{
    QStringList events;
    for (const report::DayScore& day : buyer.breakoutNext) {
        if (day.event.isEmpty() || !day.session.isValid())
            continue;
        QString event = QStringLiteral("%1 on %2").arg(day.event, day.session.toString(QStringLiteral("ddd d MMM")));
        if (day.score && std::isfinite(*day.score))
            event += QStringLiteral(" (breakout probability %1)").arg(percent(*day.score));
        events << event;
    }
    return events.isEmpty() ? QString() : QStringLiteral("Scheduled: %1.").arg(events.join(QStringLiteral("; ")));
}

QString otherEdgesSentence(const std::vector<report::Horizon>& horizons, const report::Horizon& chosen)
{
    QStringList others;
    for (const report::Horizon& horizon : horizons) {
        if (&horizon != &chosen && horizon.call.edge.demonstrated)
            others << QStringLiteral("%1 over %2").arg(horizon.call.direction, sessionsText(horizon.sessions));
    }
    return others.isEmpty() ? QString() : QStringLiteral("Other horizons with an edge: %1.").arg(others.join(QStringLiteral(", ")));
}

QString join(const QStringList& sentences)
{
    QStringList kept;
    for (const QString& sentence : sentences) {
        if (!sentence.isEmpty())
            kept << sentence;
    }
    return kept.join(QLatin1Char(' '));
}

// The base rate's call; a NEUTRAL one that stands for a tie between UP and DOWN (direction_choice.h)
// says so, or "NEUTRAL 23 %" would read as the likeliest outcome.
QString baseRateText(const report::DirectionCall& call)
{
    if (report::isUpDownTie(call))
        return QStringLiteral("UP and DOWN equally likely, %1 each (NEUTRAL %2)").arg(percent(call.probUp), percent(call.probNeutral));
    return QStringLiteral("%1 %2").arg(call.direction, percent(std::clamp(call.conviction, 0.0, 1.0)));
}

report::Verdict noCall(const report::TickerReport& report, double orderValueInr)
{
    report::Verdict verdict;
    verdict.direction = QStringLiteral("NO_CALL");
    const report::Horizon* nearest = nearestHorizon(report.direction.horizons, false);
    if (!nearest) {
        verdict.explanation = join({QStringLiteral("No call: no direction forecast is available for this ticker, so no "
                                                   "edge was demonstrated."),
                                    costSentence(report.execution, orderValueInr), contextSentence(report)});
        return verdict;
    }
    const QString baseRate = QStringLiteral("Base rate over %1: %2 (past frequencies, with the training years' trend "
                                            "discounted by its sampling error).")
                                 .arg(sessionsText(nearest->sessions), baseRateText(nearest->call));
    verdict.explanation = join({QStringLiteral("No call: no edge was demonstrated at any horizon (every walk-forward AUC "
                                               "interval includes 0.5), so the models' direction probabilities are not "
                                               "a signal here."),
                                baseRate, costSentence(report.execution, orderValueInr),
                                contextSentence(report), scheduledEventsSentence(report.buyer)});
    return verdict;
}

}  // namespace

std::optional<report::Slippage> slippageAt(const report::Execution& execution, double orderValueInr)
{
    for (const report::Slippage& row : execution.slippage) {
        if (std::abs(row.orderValueInr - orderValueInr) <= 1e-6 * orderValueInr)
            return row;
    }
    return std::nullopt;
}

QString orderValueText(double orderValueInr)
{
    return QStringLiteral("₹%1 L").arg(QString::number(orderValueInr / kRupeesPerLakh, 'g', 4));
}

report::Verdict buildVerdict(const report::TickerReport& report, double orderValueInr)
{
    const report::Horizon* chosen = nearestHorizon(report.direction.horizons, true);
    if (!chosen)
        return noCall(report, orderValueInr);

    const report::DirectionCall& call = chosen->call;
    report::Verdict verdict;
    verdict.direction = call.direction;
    const std::optional<double> movePoints = finiteOrNothing(call.expectedMovePoints);
    verdict.points = movePoints;
    verdict.confidence = std::clamp(call.conviction, 0.0, 1.0);
    QString headline = QStringLiteral("%1 over %2, the nearest horizon with a demonstrated edge (%3): probability %4.")
                        .arg(call.direction, sessionsText(chosen->sessions), aucText(call.edge), percent(*verdict.confidence));
    if (call.direction == QStringLiteral("NEUTRAL"))
        headline += QStringLiteral(" The close is expected to stay inside the no-trend band, so no directional trade is suggested.");
    verdict.explanation = join({headline, moveAgainstCostSentence(report, movePoints, call.expectedMoveBasis, chosen->sessions, orderValueInr),
                                otherEdgesSentence(report.direction.horizons, *chosen), contextSentence(report),
                                scheduledEventsSentence(report.buyer)});
    return verdict;
}

}  // namespace aegis::engines
