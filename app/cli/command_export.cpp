#include "app/cli/commands.h"
#include "app/cli/pipeline_data.h"
#include "app/cli/terminal_progress.h"

#include "data/core/symbol.h"
#include "data/universe/universe.h"
#include "engines/pipeline/trained_engines.h"
#include "engines/report/report_json.h"

#include <QDateTime>
#include <QDir>
#include <QTextStream>

namespace aegis::cli {

CliCommand exportCommand()
{
    return CliCommand{
        QStringLiteral("export"),
        QStringLiteral("Write aegismatrix.json for one ticker, or every ticker's report into a folder."),
        [](QCommandLineParser& parser) {
            parser.addOption({QStringLiteral("symbol"), QStringLiteral("Ticker to export (default NIFTY)."), QStringLiteral("SYMBOL"),
                              QStringLiteral("NIFTY")});
            parser.addOption({QStringLiteral("out"), QStringLiteral("Output file (default <data-dir>/exports/aegismatrix.json)."),
                              QStringLiteral("FILE")});
            parser.addOption({QStringLiteral("all"), QStringLiteral("Export every ticker into --out-dir, with index.json.")});
            parser.addOption({QStringLiteral("out-dir"),
                              QStringLiteral("Folder for --all (default <data-dir>/exports/reports): new, empty or an "
                                             "earlier export, replaced whole only once the new export is complete; "
                                             "any other folder is refused."),
                              QStringLiteral("DIR")});
        },
        [](const CliContext& context, const QCommandLineParser& parser) {
            const bool all = parser.isSet(QStringLiteral("all"));
            if (all && (parser.isSet(QStringLiteral("symbol")) || parser.isSet(QStringLiteral("out"))))
                throw UsageError("--all writes a folder: use --out-dir, not --symbol or --out");
            if (!all && parser.isSet(QStringLiteral("out-dir")))
                throw UsageError("--out-dir goes with --all");
            QStringList symbols;
            if (!all) {
                const auto symbol = data::normalisedSymbol(parser.value(QStringLiteral("symbol")));
                if (!symbol)
                    throw UsageError("not a valid NSE symbol: " + parser.value(QStringLiteral("symbol")).toStdString());
                // A bad value, as predict and fetch treat it (India VIX has no report of its own).
                const std::optional<data::Ticker> ticker = data::Universe::builtIn().find(*symbol);
                if (!ticker || ticker->kind == data::TickerKind::Volatility)
                    throw UsageError("not a ticker with a report: " + symbol->toStdString());
                symbols << *symbol;
            }

            TerminalProgress progress;
            const engines::RunControl control = progress.control();
            const PipelineData data = loadPipelineData(context, symbols, control.stage(0.0, 0.5));
            const engines::TrainedEngines trained = engines::TrainedEngines::loadCurrent(models::ModelStore(modelsDirectory(data)));
            const std::int64_t now = QDateTime::currentSecsSinceEpoch();
            QTextStream out(stdout);
            if (all) {
                const std::vector<engines::report::TickerReport> reports = trained.inferAll(data.universe, now, control.stage(0.5, 0.95));
                const QString directory = parser.isSet(QStringLiteral("out-dir")) ? parser.value(QStringLiteral("out-dir"))
                                                                                   : data.directory.exports() + QStringLiteral("/reports");
                engines::report::writeReportFolder(directory, reports, data.universe.unreported);
                progress.finish();
                out << "Wrote " << reports.size() << " reports and index.json to " << QDir(directory).absolutePath() << "\n";
            } else {
                const QString file = parser.isSet(QStringLiteral("out")) ? parser.value(QStringLiteral("out"))
                                                                          : data.directory.exports() + QStringLiteral("/aegismatrix.json");
                engines::report::writeReportFile(file, trained.infer(data.universe, data.universe.tickers.front(), now));
                progress.finish();
                out << "Wrote " << QDir().absoluteFilePath(file) << "\n";
            }
            if (data.universe.isDemo())
                out << "Note: this is DEMO data (a synthetic market); the export says so in meta.data_source.\n";
            return kExitSuccess;
        },
    };
}

}  // namespace aegis::cli
