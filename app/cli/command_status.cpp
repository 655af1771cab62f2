#include "app/cli/commands.h"
#include "app/cli/store_recovery_note.h"

#include "data/calendar/nse_calendar.h"
#include "data/store/market_store.h"
#include "data/universe/universe.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>

namespace aegis::cli {

namespace {

struct SeriesStatus {
    data::SeriesSummary summary;
    QString kind;
    bool stale = true;
    std::optional<data::FetchLogEntry> lastFetch;
};

QString outcomeText(data::FetchOutcome outcome)
{
    switch (outcome) {
    case data::FetchOutcome::Success: return QStringLiteral("success");
    case data::FetchOutcome::NotModified: return QStringLiteral("not-modified");
    case data::FetchOutcome::Failed: return QStringLiteral("failed");
    }
    return {};
}

QString isoOrEmpty(QDate date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

// A stored symbol that is not one of the universe's tickers (imported under its own name).
const QString kOutsideKind = QStringLiteral("outside");

std::vector<SeriesStatus> collectStatus(const data::MarketStore& store, QDate lastCompletedSession)
{
    const data::Universe universe = data::Universe::builtIn();
    std::vector<SeriesStatus> result;
    for (const data::SeriesSummary& summary : store.summaries()) {
        SeriesStatus status;
        status.summary = summary;
        const std::optional<data::Ticker> ticker = universe.find(summary.symbol);
        status.kind = ticker ? data::toString(ticker->kind) : kOutsideKind;
        // Stale: the newest settled bar is older than the last session the market has completed.
        status.stale = !summary.lastFinal.isValid() || summary.lastFinal < lastCompletedSession;
        status.lastFetch = store.lastFetch(summary.symbol, summary.interval);
        result.push_back(status);
    }
    return result;
}

QJsonObject toJson(const SeriesStatus& status)
{
    QJsonObject entry{
        {QStringLiteral("symbol"), status.summary.symbol},
        {QStringLiteral("kind"), status.kind},
        {QStringLiteral("source"), data::toString(status.summary.source)},
        {QStringLiteral("interval"), data::toString(status.summary.interval)},
        {QStringLiteral("rows"), double(status.summary.rows)},
        {QStringLiteral("first"), isoOrEmpty(status.summary.firstFinal)},
        {QStringLiteral("last"), isoOrEmpty(status.summary.lastFinal)},
        {QStringLiteral("forming"), status.summary.hasForming},
        {QStringLiteral("stale"), status.stale},
    };
    if (status.lastFetch) {
        entry.insert(QStringLiteral("lastFetch"),
                     QJsonObject{{QStringLiteral("at"), status.lastFetch->atUtc.toString(Qt::ISODate)},
                                 {QStringLiteral("source"), status.lastFetch->source},
                                 {QStringLiteral("outcome"), outcomeText(status.lastFetch->outcome)},
                                 {QStringLiteral("message"), status.lastFetch->message}});
    } else {
        entry.insert(QStringLiteral("lastFetch"), QJsonValue::Null);
    }
    return entry;
}

void printTable(QTextStream& out, const std::vector<SeriesStatus>& rows, QDate lastCompletedSession)
{
    out << "Last completed NSE session: " << lastCompletedSession.toString(Qt::ISODate) << "\n";
    if (rows.empty()) {
        out << "No market data stored yet: try `aegis import PATH` or `aegis fetch`.\n";
        return;
    }
    const auto row = [&out](const QStringList& cells) {
        static const int widths[] = {12, 6, 4, 6, 7, 11, 11, 14};
        for (int i = 0; i < cells.size(); ++i)
            out << (i < 8 ? cells[i].leftJustified(widths[i]) + QLatin1Char(' ') : cells[i]);
        out << "\n";
    };
    row({"SYMBOL", "KIND", "INT", "SOURCE", "ROWS", "FIRST", "LAST", "STATE", "LAST FETCH"});
    for (const SeriesStatus& status : rows) {
        QString state = status.stale ? QStringLiteral("stale") : QStringLiteral("up to date");
        if (status.summary.hasForming)
            state += QStringLiteral("+");
        QString fetch = QStringLiteral("-");
        if (status.lastFetch) {
            fetch = QStringLiteral("%1 %2 %3").arg(status.lastFetch->atUtc.toString(QStringLiteral("yyyy-MM-dd HH:mm'Z'")),
                                                   status.lastFetch->source, outcomeText(status.lastFetch->outcome));
            if (!status.lastFetch->message.isEmpty())
                fetch += QStringLiteral(": ") + status.lastFetch->message;
        }
        row({status.summary.symbol, status.kind, data::toString(status.summary.interval),
             data::toString(status.summary.source), QString::number(status.summary.rows),
             isoOrEmpty(status.summary.firstFinal), isoOrEmpty(status.summary.lastFinal), state, fetch});
    }
    out << "FIRST/LAST are settled (final) bars; '+' marks a stored bar of a session still in progress.\n";
    if (std::any_of(rows.begin(), rows.end(), [](const SeriesStatus& status) { return status.kind == kOutsideKind; }))
        out << "KIND 'outside': not one of the universe's tickers; stored, but not trained on or predicted.\n";
}

}  // namespace

CliCommand statusCommand()
{
    return CliCommand{
        QStringLiteral("status"),
        QStringLiteral("Show what the store holds per symbol and interval, and what is stale."),
        [](QCommandLineParser& parser) {
            parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.")});
        },
        [](const CliContext& context, const QCommandLineParser& parser) {
            const app::DataDirectory directory = context.openDataDirectory(app::DataDirectoryUse::ReadExisting);
            const data::MarketStore store(QDir(directory.store()).filePath(data::MarketStore::defaultFileName()));
            noteStoreRecovery(QStringLiteral("status"), store);

            const QDate lastCompleted =
                data::NseCalendar::instance().lastCompletedSession(QDateTime::currentDateTimeUtc());
            const std::vector<SeriesStatus> rows = collectStatus(store, lastCompleted);
            QTextStream out(stdout);
            if (parser.isSet(QStringLiteral("json"))) {
                QJsonArray symbols;
                for (const SeriesStatus& status : rows)
                    symbols.append(toJson(status));
                const QJsonObject document{
                    {QStringLiteral("store"), store.path()},
                    {QStringLiteral("recovered"), store.openReport().recovered},
                    {QStringLiteral("lastCompletedSession"), lastCompleted.toString(Qt::ISODate)},
                    {QStringLiteral("symbols"), symbols},
                };
                out << QJsonDocument(document).toJson(QJsonDocument::Indented);
            } else {
                printTable(out, rows, lastCompleted);
            }
            return kExitSuccess;
        },
    };
}

}  // namespace aegis::cli
