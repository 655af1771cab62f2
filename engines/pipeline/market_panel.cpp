#include "engines/pipeline/market_panel.h"

#include "data/calendar/nse_calendar.h"
#include "engines/labels/label_table.h"

#include <algorithm>

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
