#include "app/cli/commands.h"
#include "app/cli/pipeline_data.h"
#include "app/cli/terminal_progress.h"

#include "data/universe/universe.h"
#include "engines/pipeline/trained_engines.h"
#include "engines/report/report_json.h"

#include <QDateTime>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aegis::cli {

namespace {

QString number(const std::optional<double>& value, int decimals)
{
    return value ? QString::number(*value, 'f', decimals) : QStringLiteral("n/a");
}

QString percent(const std::optional<double>& value)
{
    return value ? QString::number(*value * 100.0, 'f', 1) + QLatin1Char('%') : QStringLiteral("n/a");
}

void printSummary(QTextStream& out, const engines::report::TickerReport& report)
{
    const auto& meta = report.meta;
    out << meta.ticker << " — " << meta.name << " (" << meta.kind << ", " << meta.dataSource.toUpper() << " data as of "
        << meta.dataAsOf.toString(Qt::ISODate) << ", models " << meta.modelGeneration << ")\n";
    for (const QString& warning : meta.warnings)
        out << "  ! " << warning << "\n";
    out << "Spot " << QString::number(report.market.spot, 'f', 2) << " (" << QString::number(report.market.spotChangePct * 100.0, 'f', 2)
        << "%), India VIX " << number(report.market.vix, 2) << ", regime " << (report.market.regime.isEmpty() ? QStringLiteral("not measurable") : report.market.regime) << "\n\n";
    out << "Direction (calibrated; base rate where no edge was demonstrated)\n";
    out << "  today        " << report.direction.today.direction << "  conviction " << percent(report.direction.today.conviction)
        << "  (" << report.direction.today.basis << ")\n";
    const bool inRupees = engines::report::movesInRupees(meta);  // an index moves in points
    for (const auto& horizon : report.direction.horizons) {
        out << "  " << horizon.label.leftJustified(12) << " " << horizon.call.direction.leftJustified(7) << " conviction "
            << percent(horizon.call.conviction).rightJustified(6)
            << (inRupees ? "  move ₹" : "  move ") << number(horizon.call.expectedMovePoints, 1).rightJustified(8)
            << (inRupees ? "" : " pts") << (horizon.call.expectedMoveBasis == engines::report::kTypicalMove ? " typical  " : "          ")
            << (horizon.call.edge.demonstrated ? "edge demonstrated" : "no demonstrated edge");
        if (engines::report::isUpDownTie(horizon.call))
            out << " (UP = DOWN " << percent(horizon.call.probUp) << ")";
        out << "\n";
    }
    out << "  risk score   " << percent(report.direction.riskScore) << "\n\n";
    const auto& seller = report.seller;
    out << "Seller: " << seller.sellerFlag.label << "  safe range 30d " << number(seller.safeRange.lower, 1) << " – "
        << number(seller.safeRange.upper, 1) << " (breach " << percent(seller.safeRange.breachProbability);
    if (seller.breachCalibration && std::abs(seller.breachCalibration->tickerOffset) >= engines::report::BreachCalibration::kNotableShift)
        out << ", shifted by its own record: log-odds " << number(seller.breachCalibration->tickerOffset, 2);
    out << ")";
    if (engines::report::sellerMeasuredFromAnotherPrice(report))
        out << " from the " << seller.referenceSession.toString(Qt::ISODate) << " close " << number(seller.referenceClose, 2);
    if (const auto& observed = seller.sessionSoFar; observed && seller.safeRange.breachedSoFar) {
        out << "; " << observed->session.toString(Qt::ISODate) << " so far " << number(observed->low, 2) << " – "
            << number(observed->high, 2) << (*seller.safeRange.breachedSoFar ? ", outside it" : ", inside it");
    }
    if (seller.maxPain.strike)
        out << "  max pain " << number(seller.maxPain.strike, 0) << " PCR " << number(seller.maxPain.putCallRatio, 2);
    else
        out << "  max pain n/a: " << seller.maxPain.reason;
    out << "\n";
    for (const QString& reason : seller.sellerFlag.reasons)
        out << "  - " << reason << "\n";
    const auto& buyer = report.buyer;
    const QString nextSession = buyer.breakoutToday.session.isValid()
                                    ? QStringLiteral(" (%1)").arg(buyer.breakoutToday.session.toString(Qt::ISODate))
                                    : QString();
    QString soFar;
    if (const auto& range = buyer.breakoutTodaySoFar) {
        soFar = QStringLiteral(" (%1range so far %2 x ATR14, a breakout is over %3x)")
                    .arg(range->brokenOut ? QStringLiteral("broken out: ") : QString(), QString::number(range->rangeAtr, 'f', 2),
                         QString::number(range->thresholdAtr, 'g', 3));
    }
    out << "Buyer: " << buyer.buyerEnvironment.label << "  breakout next session" << nextSession << " "
        << percent(buyer.breakoutToday.score) << soFar << "  theta edge "
        << buyer.thetaEdge.label << "  regime " << buyer.regime << "\n";
    for (const QString& reason : buyer.buyerEnvironment.reasons)
        out << "  - " << reason << "\n";
    out << "Execution: " << report.execution.regime;
    for (const auto& row : report.execution.slippage)
        out << "  ₹" << QString::number(row.orderValueInr / 1e5, 'g', 3) << "L " << number(row.q50Bps, 1) << "/" << number(row.q90Bps, 1) << " bps";
    out << "\nVerdict: " << report.execution.verdict.direction << " — " << report.execution.verdict.explanation << "\n";
}

// A universe ticker by symbol, Yahoo symbol, former symbol or name. A history stored under a symbol
// outside the universe has no report (nothing trains on it), so it resolves to nothing either.
QString resolveSymbol(const QString& typed)
{
    const data::TickerLookup found = data::Universe::builtIn().lookup(typed);
    if (found.match)
        return found.match->symbol;
    if (found.candidates.size() > 1) {
        constexpr std::size_t kListed = 8;
        QStringList listed;
        for (std::size_t i = 0; i < std::min(kListed, found.candidates.size()); ++i)
            listed << QStringLiteral("%1 (%2)").arg(found.candidates[i].symbol, found.candidates[i].name);
        if (found.candidates.size() > kListed)
            listed << QStringLiteral("%1 more").arg(found.candidates.size() - kListed);
        throw UsageError(QStringLiteral("'%1' could be any of: %2; give its symbol").arg(typed.simplified(), listed.join(QStringLiteral(", ")))
                             .toStdString());
    }
    throw UsageError("no ticker has the symbol or name '" + typed.simplified().toStdString() + "'");
}

}  // namespace

CliCommand predictCommand()
{
    return CliCommand{
        QStringLiteral("predict"),
        QStringLiteral("Show one ticker's forecasts from the current model generation."),
        [](QCommandLineParser& parser) {
            parser.addPositionalArgument(QStringLiteral("SYMBOL"), QStringLiteral("NSE symbol (NIFTY, M&M), Yahoo symbol (^NSEBANK) or name (\"NIFTY BANK\")."));
            parser.addOption({QStringLiteral("json"), QStringLiteral("Print the report as aegismatrix.json instead.")});
        },
        [](const CliContext& context, const QCommandLineParser& parser) {
            if (parser.positionalArguments().size() != 1)
                throw UsageError("predict takes exactly one SYMBOL");
            const QString symbol = resolveSymbol(parser.positionalArguments().front());
            TerminalProgress progress;
            const PipelineData data = loadPipelineData(context, {symbol}, progress.control());
            const engines::TrainedEngines trained = engines::TrainedEngines::loadCurrent(models::ModelStore(modelsDirectory(data)));
            const engines::report::TickerReport report =
                trained.infer(data.universe, data.universe.tickers.front(), QDateTime::currentSecsSinceEpoch());
            progress.finish();
            if (parser.isSet(QStringLiteral("json"))) {
                const QByteArray bytes = engines::report::serialise(engines::report::toJson(report));
                std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
            } else {
                QTextStream out(stdout);
                printSummary(out, report);
            }
            return kExitSuccess;
        },
    };
}

}  // namespace aegis::cli
