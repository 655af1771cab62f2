#include "data/demo/demo_market.h"

#include "data/calendar/nse_calendar.h"
#include "data/demo/demo_calendar_view.h"
#include "data/demo/demo_generator.h"

#include <algorithm>
#include <stdexcept>

namespace aegis::data {

const DemoSeries* DemoMarket::find(const QString& symbol) const
{
    const auto it = std::find_if(series.begin(), series.end(),
                                 [&](const DemoSeries& s) { return s.ticker.symbol == symbol; });
    return it == series.end() ? nullptr : &*it;
}

const OptionChain* DemoMarket::findChain(const QString& symbol) const
{
    const auto it = std::find_if(optionChains.begin(), optionChains.end(),
                                 [&](const OptionChain& chain) { return chain.symbol == symbol; });
    return it == optionChains.end() ? nullptr : &*it;
}

QDate defaultDemoEndDate(const QDateTime& nowUtc)
{
    return NseCalendar::instance().lastCompletedSession(nowUtc);
}

DemoMarket generateDemoMarket(DemoOptions options)
{
    if (options.years < 1)
        throw std::invalid_argument("the DEMO market needs at least one year of history");
    const NseCalendar& calendar = NseCalendar::instance();
    if (!options.endDate.isValid())
        options.endDate = defaultDemoEndDate(QDateTime::currentDateTimeUtc());
    if (!calendar.isSession(options.endDate))
        options.endDate = calendar.previousSession(options.endDate);
    if (!options.endDate.isValid())
        throw std::invalid_argument("the DEMO market has no session to end on");
    const Universe universe = Universe::builtIn();
    return demo::generateDemoMarket(options, universe.pickable(), universe.vix(),
                                    demo::nseCalendarView(options.endDate.addYears(-options.years), options.endDate));
}

namespace demo {

DemoCalendarView nseCalendarView(QDate from, QDate to)
{
    const NseCalendar& calendar = NseCalendar::instance();
    DemoCalendarView view;
    for (const QDate& date : calendar.sessionsBetween(from, to)) {
        const std::optional<SessionTimes> times = calendar.sessionTimes(date);
        if (!times)
            continue;
        view.sessions.push_back({date, times->openUtc.toSecsSinceEpoch(), times->closeUtc.toSecsSinceEpoch()});
    }
    view.nearestExpiry = [&calendar](const QString& underlying, QDate onOrAfter) {
        return calendar.nearestExpiry(underlying, onOrAfter);
    };
    view.nextExpiry = [&calendar](const QString& underlying, QDate onOrAfter, ExpiryCycle cycle) {
        return calendar.nextExpiry(underlying, onOrAfter, cycle);
    };
    return view;
}

}  // namespace demo

}  // namespace aegis::data
