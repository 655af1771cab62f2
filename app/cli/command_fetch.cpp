#include "app/cli/commands.h"
#include "app/cli/terminal_progress.h"
#include "app/cli/store_recovery_note.h"

#include "data/core/symbol.h"
#include "data/providers/market_data_refresher.h"
#include "data/store/market_store.h"
#include "data/universe/universe.h"

#include <QDir>
#include <QTextStream>

#include <set>

namespace aegis::cli {

namespace {

QUrl serviceUrl(const QString& text, const char* option)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        throw UsageError(QStringLiteral("--%1 needs an http:// or https:// URL, got '%2'")
                             .arg(QLatin1String(option), text)
                             .toStdString());
    return url;
}

std::vector<data::Ticker> chosenTickers(const data::Universe& universe, const QStringList& symbols, bool all)
{
    if (all && !symbols.isEmpty())
        throw UsageError("give either symbols or --all, not both");
    if (all)
        return universe.allSeries();
    if (symbols.isEmpty())
        throw UsageError("name at least one symbol (e.g. NIFTY RELIANCE) or --all");

    std::vector<data::Ticker> tickers;
    std::set<QString> seen;
    for (const QString& raw : symbols) {
        const std::optional<QString> symbol = data::normalisedSymbol(raw);
        if (!symbol)
            throw UsageError(QStringLiteral("'%1' is not a valid NSE symbol").arg(raw).toStdString());
        const std::optional<data::Ticker> ticker = universe.find(*symbol);
        if (!ticker)
            throw UsageError(QStringLiteral("unknown symbol '%1': not NIFTY, BANKNIFTY, FINNIFTY, INDIAVIX or a NIFTY 500 stock")
                                 .arg(*symbol)
                                 .toStdString());
        if (seen.insert(ticker->symbol).second)
            tickers.push_back(*ticker);
    }
    return tickers;
}

}  // namespace

CliCommand fetchCommand()
{
    return CliCommand{
        QStringLiteral("fetch"),
        QStringLiteral("Fetch bars from Yahoo Finance (and option chains from NSE) into the store."),
        [](QCommandLineParser& parser) {
            parser.addPositionalArgument(QStringLiteral("symbols"), QStringLiteral("NSE symbols to fetch (NIFTY, M&M, ...)."),
                                         QStringLiteral("[SYMBOL...]"));
            parser.addOption({QStringLiteral("all"), QStringLiteral("Fetch every ticker of the universe and INDIAVIX.")});
            parser.addOption({QStringLiteral("interval"), QStringLiteral("Bar interval: 1d (default), 5m or 1m."),
                              QStringLiteral("INTERVAL"), QStringLiteral("1d")});
            parser.addOption({QStringLiteral("option-chain"),
                              QStringLiteral("Also store an NSE option-chain snapshot of each symbol that has options.")});
            parser.addOption({QStringLiteral("yahoo-url"), QStringLiteral("Yahoo Finance base URL."), QStringLiteral("URL"),
                              data::YahooChartProvider::defaultBaseUrl().toString()});
            parser.addOption({QStringLiteral("nse-url"), QStringLiteral("NSE base URL."), QStringLiteral("URL"),
                              data::NseOptionChainProvider::defaultBaseUrl().toString()});
        },
        [](const CliContext& context, const QCommandLineParser& parser) {
            const QString intervalText = parser.value(QStringLiteral("interval"));
            const std::optional<data::Interval> interval = data::intervalFromString(intervalText);
            if (!interval)
                throw UsageError(QStringLiteral("unknown interval '%1': use 1d, 5m or 1m").arg(intervalText).toStdString());
            const QUrl yahooUrl = serviceUrl(parser.value(QStringLiteral("yahoo-url")), "yahoo-url");
            const QUrl nseUrl = serviceUrl(parser.value(QStringLiteral("nse-url")), "nse-url");
            const bool optionChains = parser.isSet(QStringLiteral("option-chain"));
            const std::vector<data::Ticker> tickers =
                chosenTickers(data::Universe::builtIn(), parser.positionalArguments(), parser.isSet(QStringLiteral("all")));

            const app::DataDirectory directory = context.openDataDirectory();
            data::MarketStore store(QDir(directory.store()).filePath(data::MarketStore::defaultFileName()));
            noteStoreRecovery(QStringLiteral("fetch"), store);
            if (store.holdsDemoBars()) {
                throw std::runtime_error("the store in " + directory.root.toStdString()
                                         + " holds the synthetic DEMO market, and real data is never mixed into it: fetch "
                                           "into a data directory of its own (--data-dir DIR)");
            }
            data::YahooChartProvider yahoo(yahooUrl);
            data::NseOptionChainProvider nse(nseUrl);
            data::MarketDataRefresher refresher(store, yahoo, optionChains ? &nse : nullptr);
            data::RefreshOptions options;
            options.interval = *interval;
            options.optionChains = optionChains;

            QTextStream out(stdout);
            QTextStream err(stderr);
            // Stage and percentage on stderr: rewritten in place on a terminal, a line every 10% otherwise.
            // Ctrl+C or SIGTERM also cancels the refresher's own token, which stops a long `--all` run
            // between requests instead of killing it mid-write.
            TerminalProgress progress;
            const engines::RunControl display = progress.control();
            data::CancellationToken cancel;
            const StopSignals::AlsoCancelling signalsCancelFetch(cancel);
            const data::RefreshReport report = refresher.refresh(
                tickers, options,
                [&display](double fraction, const QString& message) { display.report(fraction, QStringLiteral("Fetching: ") + message); },
                cancel);

            progress.finish();
            for (const data::RefreshOutcome& outcome : report.outcomes) {
                if (!outcome.ok)
                    err << "aegis fetch: " << outcome.symbol << ' ' << outcome.what << " failed: " << outcome.message << '\n';
            }
            if (!report.stoppedEarly.isEmpty())
                err << "aegis fetch: " << report.stoppedEarly << '\n';
            const int failures = report.failureCount();
            out << QStringLiteral("done: %1 succeeded, %2 failed%3\n")
                       .arg(report.seriesCount() - failures)
                       .arg(failures)
                       .arg(report.cancelled ? QStringLiteral(" (cancelled before the end)") : QString());
            return failures > 0 || report.cancelled ? kExitFailure : kExitSuccess;
        },
    };
}

}  // namespace aegis::cli
