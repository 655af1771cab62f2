#include "data/providers/market_data_refresher.h"

#include "data/calendar/nse_calendar.h"

#include <spdlog/spdlog.h>

#include <QTimeZone>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <optional>
#include <utility>

namespace aegis::data {

namespace {

const QString kYahooSource = QStringLiteral("yahoo");
const QString kNseSource = QStringLiteral("nse");
constexpr int kFetchLogLookback = 500;

QString utcText(const QDateTime& instant)
{
    return instant.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

bool hasOptions(const Ticker& ticker)
{
    return ticker.kind != TickerKind::Volatility;
}

int formingBarCount(const BarSeries& series)
{
    return int(std::count_if(series.bars.begin(), series.bars.end(), [](const Bar& bar) { return !bar.final; }));
}

// The source, not this ticker, is the problem: another ticker would fail the same way.
bool isUnreachable(const ProviderError& error)
{
    switch (error.kind) {
    case ProviderErrorKind::Timeout:
    case ProviderErrorKind::Network:
        return true;
    case ProviderErrorKind::HttpStatus:
        return error.httpStatus == 429 || error.httpStatus >= 500;
    default:
        return false;
    }
}

// Why a history fetched again after a split cannot replace the stored one (empty when it can): it
// replaces every stored bar, so it must reach back to where they start, unless Yahoo's intraday window
// clamped it (those older bars are documented to go).
QString historyShortfall(const BarSeries& history, std::optional<std::int64_t> storedFirstUtc, bool clampedByYahoo)
{
    if (history.bars.empty())
        return QStringLiteral("holds no bars");
    if (clampedByYahoo || !storedFirstUtc)
        return {};
    const QDate storedFirst = NseCalendar::istDate(*storedFirstUtc);
    const QDate fetchedFirst = NseCalendar::istDate(history.bars.front().utc);
    if (fetchedFirst > storedFirst) {  // by session date: a CSV's midnight stamp and Yahoo's 09:15 are one session
        return QStringLiteral("starts on %1, after the stored bars' first session %2")
            .arg(fetchedFirst.toString(Qt::ISODate), storedFirst.toString(Qt::ISODate));
    }
    return {};
}

}  // namespace

int RefreshReport::failureCount() const
{
    int failed = 0;
    for (const RefreshOutcome& outcome : outcomes)
        failed += outcome.ok ? 0 : outcome.series;
    return failed;
}

int RefreshReport::seriesCount() const
{
    int series = 0;
    for (const RefreshOutcome& outcome : outcomes)
        series += outcome.series;
    return series;
}

MarketDataRefresher::MarketDataRefresher(MarketStore& store, YahooChartProvider& yahoo,
                                         NseOptionChainProvider* optionChains, UtcClock clock)
    : store_(store), yahoo_(yahoo), optionChains_(optionChains), clock_(std::move(clock))
{
}

void MarketDataRefresher::log(const QString& source, const QString& symbol, Interval interval, FetchOutcome result,
                              const QString& message)
{
    FetchLogEntry entry;
    entry.source = source;
    entry.symbol = symbol;
    entry.interval = interval;
    entry.atUtc = QDateTime::fromSecsSinceEpoch(clock_(), QTimeZone::utc());
    entry.outcome = result;
    entry.message = message;
    try {
        store_.logFetch(entry);
    } catch (const std::exception& error) {
        // The fetch's own outcome still reaches the caller; only the history is incomplete.
        spdlog::error("could not write the fetch log for {}: {}", symbol.toStdString(), error.what());
    }
}

QDateTime MarketDataRefresher::failingSince(const QString& source, const QString& symbol, Interval interval) const
{
    std::vector<FetchLogEntry> entries;
    try {
        entries = store_.fetchLog(symbol, kFetchLogLookback);
    } catch (const std::exception& error) {
        spdlog::error("could not read the fetch log for {}: {}", symbol.toStdString(), error.what());
        return {};
    }
    // Newest first; the store already breaks ties by insertion order, which stable_sort keeps.
    std::stable_sort(entries.begin(), entries.end(),
                     [](const FetchLogEntry& a, const FetchLogEntry& b) { return a.atUtc > b.atUtc; });
    QDateTime since;
    for (const FetchLogEntry& entry : entries) {
        if (entry.source != source || entry.interval != interval)
            continue;
        if (entry.outcome != FetchOutcome::Failed)
            break;
        since = entry.atUtc;
    }
    return since;
}

void MarketDataRefresher::recordFailure(RefreshOutcome& outcome, const QString& source, Interval interval,
                                        const QString& cached)
{
    outcome.ok = false;
    log(source, outcome.symbol, interval, FetchOutcome::Failed, outcome.message);
    outcome.failingSinceUtc = failingSince(source, outcome.symbol, interval);
    if (outcome.failingSinceUtc.isValid())
        outcome.message += QStringLiteral("; failing since %1").arg(utcText(outcome.failingSinceUtc));
    outcome.message += QStringLiteral("; ") + cached;
}

RefreshOutcome MarketDataRefresher::refreshBars(const Ticker& ticker, const RefreshOptions& options,
                                                const CancellationToken& cancel)
{
    RefreshOutcome outcome;
    outcome.symbol = ticker.symbol;
    outcome.what = QStringLiteral("yahoo ") + toString(options.interval);

    std::optional<std::int64_t> lastFinal;
    try {
        lastFinal = store_.lastFinalBarUtc(ticker.symbol, options.interval);
    } catch (const std::exception& error) {
        outcome.message = QStringLiteral("%1 %2: cannot read the store: %3")
                              .arg(ticker.symbol, toString(options.interval), QString::fromUtf8(error.what()));
        recordFailure(outcome, kYahooSource, options.interval, QStringLiteral("nothing was fetched"));
        return outcome;
    }
    const QString cached = lastFinal ? QStringLiteral("cached bars kept (last final bar %1)")
                                           .arg(utcText(QDateTime::fromSecsSinceEpoch(*lastFinal, QTimeZone::utc())))
                                     : QStringLiteral("no cached bars");

    YahooChartRequest request;
    request.symbol = ticker.symbol;
    request.yahooSymbol = ticker.yahooSymbol;
    request.interval = options.interval;
    request.fromUtc = lastFinal ? *lastFinal + 1 : clock_() - std::int64_t(options.firstFetchDays) * 86400;

    Outcome<YahooChartFetch> fetched = yahoo_.fetchBars(request, cancel);
    if (!fetched) {
        outcome.message = fetched.error().message;
        outcome.sourceUnreachable = isUnreachable(fetched.error());
        outcome.toldToWaitLonger = fetched.error().toldToWaitLonger;
        if (fetched.error().kind == ProviderErrorKind::Cancelled)
            return outcome;  // the user stopped it: not a failure of the source, nothing to log
        recordFailure(outcome, kYahooSource, options.interval, cached);
        return outcome;
    }

    const std::vector<YahooSplit>& splits = fetched.value().splits;
    if (lastFinal && !splits.empty() && splits.back().utc > *lastFinal)
        return replaceAfterSplit(ticker, request, splits.back(), cached, cancel);

    BarSeries& series = fetched.value().series;
    // Yahoo may hand back the boundary bar again; bars at or before the last final one are settled.
    if (lastFinal)
        std::erase_if(series.bars, [&](const Bar& bar) { return bar.utc <= *lastFinal; });
    outcome.skippedNullBars = fetched.value().skippedNullBars;
    outcome.storedBars = int(series.bars.size());
    outcome.formingBars = formingBarCount(series);
    if (!series.bars.empty()) {
        try {
            store_.upsertBars(series);
        } catch (const std::exception& error) {
            outcome.storedBars = 0;
            outcome.formingBars = 0;
            outcome.message = QStringLiteral("%1 %2: storing %3 bars failed: %4")
                                  .arg(ticker.symbol, toString(options.interval))
                                  .arg(series.bars.size())
                                  .arg(QString::fromUtf8(error.what()));
            recordFailure(outcome, kYahooSource, options.interval, cached);
            return outcome;
        }
    }

    outcome.ok = true;
    outcome.message = QStringLiteral("%1 new bars").arg(outcome.storedBars);
    if (outcome.formingBars > 0)
        outcome.message += QStringLiteral(" (%1 forming)").arg(outcome.formingBars);
    if (outcome.skippedNullBars > 0)
        outcome.message += QStringLiteral(", %1 bars with null prices skipped").arg(outcome.skippedNullBars);
    if (fetched.value().skippedImplausibleBars > 0) {
        outcome.message += QStringLiteral(", %1 implausible bars skipped (first %2)")
                               .arg(fetched.value().skippedImplausibleBars)
                               .arg(fetched.value().firstImplausible);
    }
    if (fetched.value().skippedPlaceholderBars > 0) {
        outcome.message += QStringLiteral(", %1 flat zero-volume placeholders on days with no NSE session skipped (first %2)")
                               .arg(fetched.value().skippedPlaceholderBars)
                               .arg(fetched.value().firstPlaceholder.toString(Qt::ISODate));
    }
    if (!fetched.value().clampNote.isEmpty())
        outcome.message += QStringLiteral("; ") + fetched.value().clampNote;
    log(kYahooSource, ticker.symbol, options.interval,
        outcome.storedBars > 0 ? FetchOutcome::Success : FetchOutcome::NotModified, outcome.message);
    return outcome;
}

RefreshOutcome MarketDataRefresher::replaceAfterSplit(const Ticker& ticker, const YahooChartRequest& request,
                                                      const YahooSplit& split, const QString& cached,
                                                      const CancellationToken& cancel)
{
    RefreshOutcome outcome;
    outcome.symbol = ticker.symbol;
    outcome.what = QStringLiteral("yahoo ") + toString(request.interval);
    const QString splitText = QStringLiteral("split %1:%2 on %3")
                                  .arg(split.numerator)
                                  .arg(split.denominator)
                                  .arg(NseCalendar::istDate(split.utc).toString(Qt::ISODate));
    YahooChartRequest whole = request;
    std::optional<std::int64_t> storedFirstUtc;
    try {
        const BarSeries stored = store_.loadBars(ticker.symbol, request.interval);
        if (!stored.bars.empty())
            storedFirstUtc = stored.bars.front().utc;
        whole.fromUtc = storedFirstUtc.value_or(request.fromUtc);
    } catch (const std::exception& error) {
        outcome.message = QStringLiteral("%1: %2, and the store cannot be read to fetch the history again: %3")
                              .arg(ticker.symbol, splitText, QString::fromUtf8(error.what()));
        recordFailure(outcome, kYahooSource, request.interval, cached);
        return outcome;
    }
    Outcome<YahooChartFetch> history = yahoo_.fetchBars(whole, cancel);
    if (!history) {
        outcome.message = QStringLiteral("%1: %2 puts the stored bars in the old units; fetching the history again "
                                         "failed, so nothing was stored: %3")
                              .arg(ticker.symbol, splitText, history.error().message);
        if (history.error().kind != ProviderErrorKind::Cancelled)
            recordFailure(outcome, kYahooSource, request.interval, cached);
        return outcome;
    }
    const BarSeries& series = history.value().series;
    if (const QString shortfall = historyShortfall(series, storedFirstUtc, !history.value().clampNote.isEmpty());
        !shortfall.isEmpty()) {
        outcome.message = QStringLiteral("%1: %2 puts the stored bars in the old units, but the history fetched again %3: "
                                         "nothing was replaced or stored; import an adjusted history to bring it up to date")
                              .arg(ticker.symbol, splitText, shortfall);
        recordFailure(outcome, kYahooSource, request.interval, cached);
        return outcome;
    }
    try {
        store_.writeBatch([&] {
            store_.deleteSeries(ticker.symbol, request.interval);
            if (!series.bars.empty())
                store_.upsertBars(series);
        });
    } catch (const std::exception& error) {
        outcome.message = QStringLiteral("%1: %2: replacing the history failed: %3")
                              .arg(ticker.symbol, splitText, QString::fromUtf8(error.what()));
        recordFailure(outcome, kYahooSource, request.interval, cached);
        return outcome;
    }
    outcome.ok = true;
    outcome.storedBars = int(series.bars.size());
    outcome.formingBars = formingBarCount(series);
    outcome.skippedNullBars = history.value().skippedNullBars;
    outcome.message = QStringLiteral("%1: history fetched again in the new units (%2 bars replace the stored ones)")
                          .arg(splitText)
                          .arg(outcome.storedBars);
    if (!history.value().clampNote.isEmpty())
        outcome.message += QStringLiteral("; ") + history.value().clampNote + QStringLiteral(", older bars dropped");
    log(kYahooSource, ticker.symbol, request.interval, FetchOutcome::Success, outcome.message);
    return outcome;
}

RefreshOutcome MarketDataRefresher::refreshOptionChain(const Ticker& ticker, const CancellationToken& cancel)
{
    RefreshOutcome outcome;
    outcome.symbol = ticker.symbol;
    outcome.what = QStringLiteral("nse option chain");
    // Option-chain fetches are logged under the daily interval: a snapshot belongs to a session.
    const Interval logInterval = Interval::Daily;
    if (!optionChains_) {
        outcome.message = QStringLiteral("%1: no NSE provider configured").arg(ticker.symbol);
        return outcome;
    }

    Outcome<OptionChain> chain = optionChains_->fetchOptionChain(ticker.symbol, cancel);
    if (!chain) {
        outcome.message = chain.error().message;
        outcome.sourceUnreachable = isUnreachable(chain.error());
        if (chain.error().kind == ProviderErrorKind::Cancelled)
            return outcome;
        recordFailure(outcome, kNseSource, logInterval, QStringLiteral("the last stored snapshot is kept"));
        return outcome;
    }
    try {
        store_.writeBatch([&] {
            store_.saveOptionChain(chain.value());
            store_.pruneOptionChains(ticker.symbol, kOptionChainSnapshotsKept);
        });
    } catch (const std::exception& error) {
        outcome.message = QStringLiteral("%1: storing the option chain failed: %2").arg(ticker.symbol, QString::fromUtf8(error.what()));
        recordFailure(outcome, kNseSource, logInterval, QStringLiteral("the last stored snapshot is kept"));
        return outcome;
    }
    outcome.ok = true;
    outcome.message = QStringLiteral("option chain with %1 strikes over %2 expiries, underlying %3")
                          .arg(chain.value().strikes.size())
                          .arg(chain.value().expiries.size())
                          .arg(chain.value().underlyingValue, 0, 'f', 2);
    log(kNseSource, ticker.symbol, logInterval, FetchOutcome::Success, outcome.message);
    return outcome;
}

RefreshReport MarketDataRefresher::refresh(const std::vector<Ticker>& tickers, const RefreshOptions& options,
                                           const RefreshProgress& progress, const CancellationToken& cancel)
{
    RefreshReport report;
    std::size_t steps = tickers.size();
    if (options.optionChains)
        steps += std::size_t(std::count_if(tickers.begin(), tickers.end(), hasOptions));
    std::size_t done = 0;
    const auto step = [&](const RefreshOutcome& outcome) {
        ++done;
        if (progress)
            progress(double(done) / double(std::max<std::size_t>(steps, 1)),
                     QStringLiteral("[%1/%2] %3 %4: %5%6")
                         .arg(done).arg(steps)
                         .arg(outcome.symbol, outcome.what, outcome.ok ? QString() : QStringLiteral("FAILED "), outcome.message));
    };

    int unreachableInARow = 0;
    // NSE down: each chain took four timed-out attempts (~40 s), hours over the universe. After as many
    // unreachable chains in a row as stop a Yahoo run, the bars go on and the other chains are not tried.
    int chainsUnreachableInARow = 0;
    int chainsNotTried = 0;
    for (std::size_t index = 0; index < tickers.size(); ++index) {
        const Ticker& ticker = tickers[index];
        if (cancel.isCancelled())
            break;
        // A fetch that completed before the cancellation is reported; the one it interrupted is not.
        RefreshOutcome bars = refreshBars(ticker, options, cancel);
        if (!bars.ok && cancel.isCancelled())
            break;
        unreachableInARow = bars.sourceUnreachable ? unreachableInARow + 1 : 0;
        const bool toldToWait = bars.toldToWaitLonger;
        step(bars);
        report.outcomes.push_back(std::move(bars));
        // Asked to pause longer than the client waits, the next tickers' requests would only be
        // refused too: four more came within two seconds of a 'Retry-After: 120'.
        if (toldToWait && index + 1 < tickers.size()) {
            report.stoppedEarly = QStringLiteral("Yahoo Finance asked for a pause longer than this client waits, so the other %1 "
                                                 "tickers were not tried; their cached bars are kept (last: %2)")
                                      .arg(tickers.size() - index - 1)
                                      .arg(report.outcomes.back().message);
            break;
        }
        if (unreachableInARow >= kUnreachableTickersBeforeStopping && index + 1 < tickers.size()) {
            report.stoppedEarly = QStringLiteral("Yahoo Finance could not be reached for %1 tickers in a row, so the other %2 "
                                                 "were not tried; their cached bars are kept (last: %3)")
                                      .arg(unreachableInARow)
                                      .arg(tickers.size() - index - 1)
                                      .arg(report.outcomes.back().message);
            break;
        }

        if (options.optionChains && hasOptions(ticker) && !cancel.isCancelled()) {
            if (chainsUnreachableInARow >= kUnreachableTickersBeforeStopping) {
                ++chainsNotTried;
                continue;
            }
            RefreshOutcome chain = refreshOptionChain(ticker, cancel);
            if (!chain.ok && cancel.isCancelled())
                break;
            chainsUnreachableInARow = chain.sourceUnreachable ? chainsUnreachableInARow + 1 : 0;
            step(chain);
            report.outcomes.push_back(std::move(chain));
        }
    }
    if (chainsNotTried > 0) {
        RefreshOutcome skipped;
        skipped.symbol = QStringLiteral("%1 more tickers").arg(chainsNotTried);
        skipped.what = QStringLiteral("nse option chain");
        skipped.series = chainsNotTried;
        skipped.message = QStringLiteral("not tried: NSE could not be reached for %1 option chains in a row; their stored "
                                         "snapshots are kept")
                              .arg(kUnreachableTickersBeforeStopping);
        done += std::size_t(chainsNotTried - 1);
        step(skipped);
        report.outcomes.push_back(std::move(skipped));
    }
    report.cancelled = cancel.isCancelled();
    return report;
}

}  // namespace aegis::data
