#include "engines/direction/today_bias.h"

#include "engines/direction/direction_choice.h"
#include "engines/features/intraday_features.h"
#include "engines/labels/labels.h"

#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace aegis::engines {

namespace {

constexpr double kSessionsPerYear = 252.0;

double normalCdf(double x)
{
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

void setCall(report::TodayBias& bias, const ClassProbabilities& probabilities)
{
    const DirectionChoice choice = chooseDirection(probabilities);
    bias.direction = choice.direction;
    bias.conviction = choice.conviction;
}

// The latest final daily close dated before `session`.
std::optional<double> previousClose(const data::BarSeries& daily, QDate session)
{
    for (auto it = daily.bars.rbegin(); it != daily.bars.rend(); ++it) {
        if (it->final && it->session < session && it->close > 0.0 && std::isfinite(it->close))
            return it->close;
    }
    return std::nullopt;
}

// rv_20 / sqrt(252) at the last feature row dated before `session`.
std::optional<double> dailySdBefore(const TickerData& ticker, QDate session)
{
    const auto& dates = ticker.features.dates;
    const int row = int(std::lower_bound(dates.begin(), dates.end(), session) - dates.begin()) - 1;
    if (row < 0)
        return std::nullopt;
    const std::optional<double> rv20 = ticker.features.value(row, "rv_20");
    if (!rv20 || !(*rv20 > 0.0))
        return std::nullopt;
    return *rv20 / std::sqrt(kSessionsPerYear);
}

struct LastBar {
    double close = 0.0;
    std::int64_t endUtc = 0;
};

std::optional<LastBar> lastCompleteBar(const data::BarSeries& bars, QDate session, std::int64_t nowUtc)
{
    const std::int64_t length = data::intervalSeconds(bars.interval);
    std::optional<LastBar> last;
    for (const data::Bar& bar : bars.bars) {
        if (bar.session == session && bar.utc + length <= nowUtc && bar.close > 0.0 && std::isfinite(bar.close))
            last = LastBar{bar.close, bar.utc + length};
    }
    return last;
}

// The features are log returns; a reader compares the text with the header's percentage change, so it
// shows exp(r) - 1 (a -3.17 % log return is a -3.12 % change).
QString signedPercentChange(double logReturn)
{
    const double change = std::expm1(logReturn);
    return QStringLiteral("%1%2%").arg(change >= 0 ? "+" : "").arg(100.0 * change, 0, 'f', 2);
}

QString orbText(const NamedFrame& frame)
{
    const std::optional<double> sign = frame.value(0, "orb30_sign");
    if (!sign)
        return QStringLiteral("opening range (09:15-09:45) not complete");
    if (*sign > 0.5)
        return QStringLiteral("above the 09:15-09:45 range");
    if (*sign < -0.5)
        return QStringLiteral("below the 09:15-09:45 range");
    return QStringLiteral("inside the 09:15-09:45 range");
}

QString vwapText(const NamedFrame& frame)
{
    const std::optional<double> distance = frame.value(0, "vwap_dist");
    return distance ? QStringLiteral("%1 vs VWAP").arg(signedPercentChange(*distance)) : QStringLiteral("no VWAP (no volume)");
}

QString gapText(const NamedFrame& frame)
{
    const std::optional<double> gap = frame.value(0, "gap_prev_close");
    return gap ? QStringLiteral("gap %1").arg(signedPercentChange(*gap)) : QStringLiteral("gap unknown");
}

report::TodayBias nextSessionBias(const ClassProbabilities& nextSessionCall, const QString& sessionState, const QString& why,
                                  std::optional<double> expectedMove)
{
    report::TodayBias bias;
    setCall(bias, nextSessionCall);
    bias.sessionState = sessionState;
    bias.expectedMovePoints = expectedMove;
    bias.basis = why + QStringLiteral(": shown is the Tomorrow call made at the last close (calibrated where an edge is "
                                      "demonstrated, else the base rate), not a forecast from intraday trading");
    return bias;
}

}  // namespace

ClassProbabilities sessionCloseProbabilities(double returnSoFar, double dailySd, double progress)
{
    const double deadZone = kDirectionDeadZone * dailySd;
    const double remaining = dailySd * std::sqrt(std::clamp(1.0 - progress, 0.0, 1.0));
    ClassProbabilities p{};
    if (remaining <= 0.0) {
        p[returnSoFar < -deadZone ? 0 : (returnSoFar > deadZone ? 2 : 1)] = 1.0;
        return p;
    }
    p[2] = 1.0 - normalCdf((deadZone - returnSoFar) / remaining);
    p[0] = normalCdf((-deadZone - returnSoFar) / remaining);
    p[1] = std::max(0.0, 1.0 - p[0] - p[2]);
    return p;
}

report::TodayBias computeTodayBias(const TickerData& ticker, std::int64_t nowUtc, const ClassProbabilities& nextSessionCall,
                                   const std::function<std::optional<double>(QDate)>& expectedMoveBefore)
{
    if (ticker.intraday.empty())
        return nextSessionBias(nextSessionCall, QStringLiteral("no intraday bars"),
                               QStringLiteral("No intraday bars stored for %1").arg(ticker.ticker.symbol), expectedMoveBefore(QDate()));

    const IntradayFeatures features = buildIntradayFeatures(ticker.intraday, nowUtc);
    if (!features.session.isValid())
        return nextSessionBias(nextSessionCall, QStringLiteral("no intraday bars"),
                               QStringLiteral("No intraday bar of %1 is complete yet").arg(ticker.ticker.symbol),
                               expectedMoveBefore(QDate()));

    const QString sessionText = features.session.toString(Qt::ISODate);
    const QString state = features.sessionComplete ? QStringLiteral("closed: describes %1").arg(sessionText) : QStringLiteral("open");
    const std::optional<double> reference = previousClose(ticker.daily, features.session);
    const std::optional<double> sd = dailySdBefore(ticker, features.session);
    const std::optional<LastBar> last = lastCompleteBar(ticker.intraday, features.session, nowUtc);
    const std::optional<double> progress = features.frame.value(0, "session_progress");
    if (!reference || !sd || !last || !progress)
        return nextSessionBias(nextSessionCall, state,
                               QStringLiteral("%1 %2: no previous close or trailing volatility to measure the session against")
                                   .arg(ticker.ticker.symbol, sessionText),
                               expectedMoveBefore(features.session));

    const double returnSoFar = std::log(last->close / *reference);
    if (features.sessionComplete) {
        const QString outcome =
            features.endsBeforeClose
                ? QStringLiteral("The session of %1 has closed, but its stored bars end at %2 IST (%3 vs the previous close "
                                 "by then); its close is not in the data")
                      .arg(sessionText, cutoffClockText(features),
                           signedPercentChange(returnSoFar))
                : QStringLiteral("The session of %1 has closed, %2 vs the previous close; its outcome is known")
                      .arg(sessionText, signedPercentChange(returnSoFar));
        report::TodayBias bias = nextSessionBias(nextSessionCall, state, outcome, expectedMoveBefore(QDate()));
        bias.lastUpdate = QDateTime::fromSecsSinceEpoch(last->endUtc, QTimeZone::utc());
        bias.intradayVolatilityScore = features.frame.value(0, "rv_tod_ratio");
        return bias;
    }
    report::TodayBias bias;
    setCall(bias, sessionCloseProbabilities(returnSoFar, *sd, *progress));
    bias.sessionState = state;
    bias.lastUpdate = QDateTime::fromSecsSinceEpoch(last->endUtc, QTimeZone::utc());
    bias.expectedMovePoints = expectedMoveBefore(features.session);
    bias.intradayVolatilityScore = features.frame.value(0, "rv_tod_ratio");
    bias.basis = QStringLiteral("%1 bars of %2 up to %3% of the session: %4 vs the previous close (%5 sd_20); %6, %7, %8. "
                                "P(close UP/NEUTRAL/DOWN) from the return so far plus a normal remainder with "
                                "sd_20 = %9% x sqrt(1 - progress), dead zone 0.3 sd_20")
                     .arg(ticker.intraday.interval == data::Interval::FiveMinute ? QStringLiteral("5-minute") : QStringLiteral("1-minute"),
                          sessionText)
                     .arg(100.0 * *progress, 0, 'f', 0)
                     .arg(signedPercentChange(returnSoFar))
                     .arg(returnSoFar / *sd, 0, 'f', 2)
                     .arg(orbText(features.frame), vwapText(features.frame), gapText(features.frame))
                     .arg(100.0 * *sd, 0, 'f', 2);
    return bias;
}

}  // namespace aegis::engines
