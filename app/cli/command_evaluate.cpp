#include "app/cli/commands.h"
#include "app/cli/evaluation_table.h"
#include "app/cli/pipeline_data.h"
#include "app/cli/terminal_progress.h"

#include "data/core/atomic_file.h"
#include "engines/pipeline/trained_engines.h"
#include "engines/report/report_json.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QTextStream>

#include <stdexcept>

namespace aegis::cli {

namespace {

// Checked before the minute of evaluation, not after it.
void requireWritableFile(const QString& path)
{
    const QFileInfo target(path);
    if (target.isDir())
        throw std::runtime_error(("cannot write the evaluation to " + path + ": it is a folder").toStdString());
    const QString folder = target.absolutePath();
    if (!QDir().mkpath(folder))
        throw std::runtime_error(("cannot write the evaluation to " + path + ": cannot create the folder " + folder).toStdString());
    QTemporaryFile probe(folder + QStringLiteral("/.aegis-evaluate-XXXXXX"));
    if (!probe.open())
        throw std::runtime_error(("cannot write the evaluation to " + path + ": " + probe.errorString()).toStdString());
}

}  // namespace

CliCommand evaluateCommand()
{
    return CliCommand{
        QStringLiteral("evaluate"),
        QStringLiteral("Walk-forward evaluation of every engine on the stored data (nothing is saved as a model)."),
        [](QCommandLineParser& parser) {
            parser.addOption({QStringLiteral("json"), QStringLiteral("Also write the results as JSON to FILE."), QStringLiteral("FILE")});
        },
        [](const CliContext& context, const QCommandLineParser& parser) {
            if (parser.isSet(QStringLiteral("json")))
                requireWritableFile(parser.value(QStringLiteral("json")));
            TerminalProgress progress;
            const engines::RunControl control = progress.control();
            const PipelineData data = loadPipelineData(context, {}, control.stage(0.0, 0.08));
            const engines::TrainingOutcome outcome =
                engines::trainEngines(data.universe, engines::allEngines(), nullptr, control.stage(0.08, 1.0));
            progress.finish();
            QTextStream out(stdout);
            out << data.universe.tickers.size() << " tickers, " << data.universe.sources.join(QStringLiteral(", ")) << " data\n";
            printEvaluationTable(out, outcome.evaluation);
            for (const QString& note : outcome.notes)
                out << "note: " << note << "\n";
            const QStringList outsideUniverse = storedOutsideUniverse(data);
            out << outsideUniverseNote(outsideUniverse);
            if (parser.isSet(QStringLiteral("json"))) {
                nlohmann::json document = engines::report::toJson(outcome.evaluation);
                nlohmann::json symbols = nlohmann::json::array();
                for (const engines::TickerData& ticker : data.universe.tickers)
                    symbols.push_back(ticker.ticker.symbol.toStdString());
                document["symbols"] = symbols;
                document["unreported"] = engines::report::toJson(data.universe.unreported);
                nlohmann::json outside = nlohmann::json::array();
                for (const QString& symbol : outsideUniverse)
                    outside.push_back(symbol.toStdString());
                document["outside_universe"] = outside;
                nlohmann::json sources = nlohmann::json::array();
                for (const QString& source : data.universe.sources)
                    sources.push_back(source.toStdString());
                document["data_sources"] = sources;
                document["seconds"] = outcome.seconds;
                data::writeFileAtomically(parser.value(QStringLiteral("json")), engines::report::serialise(document));
                out << "Wrote " << parser.value(QStringLiteral("json")) << "\n";
            }
            return kExitSuccess;
        },
    };
}

}  // namespace aegis::cli
