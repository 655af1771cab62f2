#pragma once

// Brings the store up to date from the providers: for each ticker, asks Yahoo only for bars after the
// last final one stored, stores forming bars as not final (replaced once final), fetches the whole
// series again when Yahoo reports a split after the stored bars, optionally stores an NSE option-chain
// snapshot, and writes every attempt to the store's fetch log. A fetch that finally
// fails leaves the cached data untouched; its outcome says what failed and since when.

#include "data/core/market_types.h"
#include "data/providers/cancellation.h"
#include "data/providers/nse_option_chain_provider.h"
#include "data/providers/yahoo_chart_provider.h"
#include "data/store/market_store.h"
#include "data/universe/universe.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace aegis::data {

// Option-chain snapshots kept per symbol after each fetch. Only the newest is read (max pain, skew, ATM
// IV); a few earlier ones stay so a suspicious snapshot can be compared by hand, and the store no
// longer grows by a whole chain per ticker on every refresh.
inline constexpr int kOptionChainSnapshotsKept = 5;

// Consecutive tickers whose bars the source could not be reached for (timeouts, refused connections,
// HTTP 429 or 5xx after every retry) before a run stops: with Yahoo down, trying all 503 tickers
// four times each at one request a second took half an hour to say so.
inline constexpr int kUnreachableTickersBeforeStopping = 5;

struct RefreshOptions {
    Interval interval = Interval::Daily;
    bool optionChains = false;       // also fetch an option-chain snapshot per ticker that has options
    int firstFetchDays = 20 * 365;   // how far back an empty series starts (intraday is clamped by Yahoo's window)
};

// One fetch of one ticker: its bars, or its option chain.
struct RefreshOutcome {
    QString symbol;
    QString what;           // "yahoo 1d", "nse option chain"
    bool ok = false;
    int storedBars = 0;     // bars written, forming ones included
    int formingBars = 0;
    int skippedNullBars = 0;
    QString message;        // the summary, or on failure what failed, since when, and what stays cached
    QDateTime failingSinceUtc;  // on failure: the first failure after the last success in the fetch log
    bool sourceUnreachable = false;  // failed because the source did not answer usefully (see above)
    bool toldToWaitLonger = false;   // the source asked (Retry-After) for a longer pause than the client waits
    int series = 1;                  // the series it stands for: the option chains not tried are one outcome
};

struct RefreshReport {
    std::vector<RefreshOutcome> outcomes;
    bool cancelled = false;
    // Set when the run stopped after kUnreachableTickersBeforeStopping unreachable tickers in a row:
    // how many tickers were not attempted, and why.
    QString stoppedEarly;
    int failureCount() const;  // series, not outcomes
    int seriesCount() const;
};

// fraction in [0, 1] of the whole run, and a line for the person watching.
using RefreshProgress = std::function<void(double fraction, const QString& message)>;

class MarketDataRefresher {
public:
    // `optionChains` may be null when no option chains are wanted. The store, providers and refresher
    // belong to the thread that calls refresh().
    MarketDataRefresher(MarketStore& store, YahooChartProvider& yahoo, NseOptionChainProvider* optionChains = nullptr,
                        UtcClock clock = systemUtcClock());

    RefreshReport refresh(const std::vector<Ticker>& tickers, const RefreshOptions& options,
                          const RefreshProgress& progress = {},
                          const CancellationToken& cancel = CancellationToken::never());

    RefreshOutcome refreshBars(const Ticker& ticker, const RefreshOptions& options,
                               const CancellationToken& cancel = CancellationToken::never());
    RefreshOutcome refreshOptionChain(const Ticker& ticker, const CancellationToken& cancel = CancellationToken::never());

private:
    // A split after the last stored bar leaves the stored history in the old units: the whole series
    // is fetched again and replaces it in one transaction, or nothing is stored.
    RefreshOutcome replaceAfterSplit(const Ticker& ticker, const YahooChartRequest& request, const YahooSplit& split,
                                     const QString& cached, const CancellationToken& cancel);
    void recordFailure(RefreshOutcome& outcome, const QString& source, Interval interval, const QString& what);
    void log(const QString& source, const QString& symbol, Interval interval, FetchOutcome result, const QString& message);
    QDateTime failingSince(const QString& source, const QString& symbol, Interval interval) const;

    MarketStore& store_;
    YahooChartProvider& yahoo_;
    NseOptionChainProvider* optionChains_;
    UtcClock clock_;
};

}  // namespace aegis::data
