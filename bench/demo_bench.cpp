// Times the DEMO market generator over the whole built-in universe and prints the figures as JSON.
// Budget: all 503 tickers plus India VIX in at most 5 s.
#include "data/demo/demo_market.h"

#include <QElapsedTimer>

#include <cstdio>

int main()
{
    aegis::data::DemoOptions options;
    options.endDate = QDate(2025, 11, 21);  // fixed, so every run times the same work

    QElapsedTimer timer;
    timer.start();
    const aegis::data::DemoMarket market = aegis::data::generateDemoMarket(options);
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;

    long long bars = 0;
    for (const aegis::data::DemoSeries& series : market.series)
        bars += static_cast<long long>(series.daily.size() + series.fiveMinute.size() + series.oneMinute.size());
    std::printf("{\"benchmark\": \"demo_market_generation\", \"series\": %zu, \"bars\": %lld, "
                "\"option_chains\": %zu, \"seconds\": %.3f, \"budget_seconds\": 5.0, \"within_budget\": %s}\n",
                market.series.size(), bars, market.optionChains.size(), seconds, seconds <= 5.0 ? "true" : "false");
    return 0;
}
