#include "engines/pipeline/market_panel.h"

#include "data/calendar/nse_calendar.h"
#include "engines/labels/label_table.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace aegis::engines {

namespace {

// The latest bar, and the last final bar before it: spot and the close it changed from.
struct LastTwo {
    const data::Bar* latest = nullptr;
    const data::Bar* previousClose = nullptr;
};

LastTwo lastTwo(const data::BarSeries& series)
{
    LastTwo result;
    if (series.empty())
        return result;
    result.latest = &series.bars.back();
    for (auto it = series.bars.rbegin() + 1; it != series.bars.rend(); ++it) {
        if (it->final && it->session < result.latest->session) {
            result.previousClose = &*it;
            break;
        }
    }
    return result;
}

// NSE's price bands hold most stocks within 20 % a session, and the real files' largest move is
// ADANIENT's −28 % (February 2023): a close that nearly doubles or halves in one session is far likelier
// an unadjusted split or bonus than a trade. Looked for over the longest window the volatility-based
// figures measure on (60 returns: the realised skew).
constexpr double kSplitLikeLogMove = 0.5878;  // ln 1.8
constexpr int kSplitLookbackReturns = 60;

std::optional<QString> splitLikeMoveWarning(const data::BarSeries& daily)
{
    const data::Bar* after = nullptr;
    const data::Bar* worstFrom = nullptr;
    const data::Bar* worstTo = nullptr;
    double worst = kSplitLikeLogMove;
    int returns = 0;
    for (auto it = daily.bars.rbegin(); it != daily.bars.rend() && returns < kSplitLookbackReturns; ++it) {
        if (!it->final || !(it->close > 0.0))
            continue;
        if (after) {
            ++returns;
            const double move = std::abs(std::log(after->close / it->close));
            if (move > worst) {
                worst = move;
                worstFrom = &*it;
                worstTo = after;
            }
        }
        after = &*it;
    }
    if (!worstTo)
        return std::nullopt;
    return QStringLiteral("the close moved x%1 in one session on %2 (%3 to %4), beyond NSE's price bands for most stocks: "
                          "likely an unadjusted split or bonus. The volatility, safe ranges, expected moves and breakout "
                          "levels measured across it are distorted; import a split-adjusted history")
        .arg(QString::number(worstTo->close / worstFrom->close, 'f', 2), worstTo->session.toString(Qt::ISODate),
             QString::number(worstFrom->close, 'f', 2), QString::number(worstTo->close, 'f', 2));
}

// Final bars after the last row the engines use (a suspended stock's flat zero-volume rows, Yahoo's
// filler): the forecasts are of that older session, which neither spot nor the stale-data check shows.
std::optional<QString> setAsideTailWarning(const TickerData& ticker)
{
    if (ticker.features.dates.empty())
        return std::nullopt;
    const QDate used = ticker.features.dates.back();
    int count = 0;
    QDate first, last;
    QString reason;
    for (const DroppedBar& dropped : ticker.features.dropped) {
        if (dropped.session <= used || dropped.reason == DropReason::NotFinal)
            continue;
        ++count;
        first = first.isValid() ? std::min(first, dropped.session) : dropped.session;
        last = last.isValid() ? std::max(last, dropped.session) : dropped.session;
        reason = toString(dropped.reason);
    }
    if (count == 0)
        return std::nullopt;
    return QStringLiteral("the last %1 final bar(s), %2 to %3, were set aside (%4): the forecasts are made as of the %5 close")
        .arg(count)
        .arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate), reason, used.toString(Qt::ISODate));
}

// When the latest daily bar is final, the data is as of that session's close; a forming bar is as of
// the last intraday bar of its session, else now while its session trades, else (a snapshot of a
// session that has since closed and was never completed) the bar's own stamp: now would date a
// year-old price today.
QDateTime dataAsOf(const TickerData& ticker, std::int64_t nowUtc)
{
    const data::NseCalendar& calendar = data::NseCalendar::instance();
    const data::Bar& latest = ticker.daily.bars.back();
    const auto times = calendar.sessionTimes(latest.session);
    if (latest.final)
        return times ? times->closeUtc : QDateTime::fromSecsSinceEpoch(latest.utc, Qt::UTC);
    if (!ticker.intraday.empty() && ticker.intraday.bars.back().session == latest.session) {
        const data::Bar& bar = ticker.intraday.bars.back();
        return QDateTime::fromSecsSinceEpoch(std::min(bar.utc + data::intervalSeconds(ticker.intraday.interval), nowUtc), Qt::UTC);
    }
    const QDate completed = calendar.lastCompletedSession(QDateTime::fromSecsSinceEpoch(nowUtc, Qt::UTC));
    if (completed.isValid() && latest.session <= completed)
        return QDateTime::fromSecsSinceEpoch(std::min(latest.utc, nowUtc), Qt::UTC);
    return QDateTime::fromSecsSinceEpoch(nowUtc, Qt::UTC);
}

// The session the longest forecast horizon ends on: past the published calendar, session counts,
// expiry days and the named breakout sessions rest on assumed holidays.
QDate lastForecastSession(const data::NseCalendar& calendar, QDate latest)
{
    QDate session = latest;
    for (int step = 0; step < std::ranges::max(kDirectionHorizons); ++step)
        session = calendar.nextSession(session);
    return session;
}

}  // namespace

void fillMetaAndMarket(const UniverseData& universe, const TickerData& ticker, std::int64_t nowUtc,
                       report::TickerReport& report)
{
    report::Meta& meta = report.meta;
    meta.ticker = ticker.ticker.symbol;
    meta.name = ticker.ticker.name;
    meta.kind = data::toString(ticker.ticker.kind);
    meta.dataSource = data::toString(ticker.daily.source);
    if (ticker.daily.source == data::DataSource::Demo)
        meta.warnings << QStringLiteral("DEMO data: a synthetic market, not real prices");
    if (ticker.daily.empty())
        return;

    meta.dataAsOf = dataAsOf(ticker, nowUtc);
    const data::NseCalendar& calendar = data::NseCalendar::instance();
    const QDateTime now = QDateTime::fromSecsSinceEpoch(nowUtc, Qt::UTC);
    const QDate completed = calendar.lastCompletedSession(now);
    const data::Bar& latest = ticker.daily.bars.back();
    QDate lastFinal;
    for (auto it = ticker.daily.bars.rbegin(); it != ticker.daily.bars.rend() && !lastFinal.isValid(); ++it) {
        if (it->final)
            lastFinal = it->session;
    }
    if (lastFinal.isValid() && completed.isValid() && lastFinal < completed) {
        meta.warnings << QStringLiteral("stale data: the last final bar is %1, the market has completed %2 sessions since")
                             .arg(lastFinal.toString(Qt::ISODate)).arg(calendar.sessionCount(lastFinal, completed));
    }
    // A non-final bar of a session that has since closed is a snapshot taken during it (a CSV whose last
    // row was written while the market was open): "in progress" would be wrong, "not a close" is not.
    if (!latest.final && completed.isValid() && latest.session <= completed) {
        meta.warnings << QStringLiteral("the %1 bar was taken before that session's close and never completed: spot is "
                                        "its last price, not a close")
                             .arg(latest.session.toString(Qt::ISODate));
    } else if (!latest.final) {
        meta.warnings << QStringLiteral("session %1 in progress: spot is the latest price, not a close")
                             .arg(latest.session.toString(Qt::ISODate));
    }
    if (const std::optional<QString> warning = splitLikeMoveWarning(ticker.daily))
        meta.warnings << *warning;
    if (const std::optional<QString> warning = setAsideTailWarning(ticker))
        meta.warnings << *warning;
    if (lastForecastSession(calendar, latest.session) > calendar.lastCoveredDate()) {
        meta.warnings << QStringLiteral("NSE has not published its holidays after %1: later sessions assume only the "
                                        "closures made every year (Republic Day, Good Friday, ...)")
                             .arg(calendar.lastCoveredDate().toString(Qt::ISODate));
    }

    report::Market& market = report.market;
    const LastTwo spot = lastTwo(ticker.daily);
    market.spot = spot.latest->close;
    if (spot.previousClose) {
        market.spotChange = spot.latest->close - spot.previousClose->close;
        market.spotChangePct = market.spotChange / spot.previousClose->close;
    }
    const LastTwo vix = lastTwo(universe.vix);
    // `market` has no reason field: a null India VIX says why in the warnings.
    if (!vix.latest) {
        meta.warnings << QStringLiteral("no India VIX is stored: market.vix and its change are null");
    } else {
        market.vix = vix.latest->close;
        market.vixAsOf = vix.latest->session;
        if (vix.previousClose) {
            market.vixChange = vix.latest->close - vix.previousClose->close;
            market.vixChangePct = *market.vixChange / vix.previousClose->close;
        } else {
            meta.warnings << QStringLiteral("India VIX has no earlier close stored: its change is null");
        }
        if (vix.latest->session < latest.session)
            meta.warnings << QStringLiteral("India VIX is as of %1, older than the ticker's data")
                                 .arg(vix.latest->session.toString(Qt::ISODate));
    }
}

}  // namespace aegis::engines
