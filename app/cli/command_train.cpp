#include "app/cli/commands.h"
#include "app/cli/evaluation_table.h"
#include "app/cli/pipeline_data.h"
#include "app/cli/terminal_progress.h"

#include "engines/pipeline/trained_engines.h"

#include <QTextStream>

namespace aegis::cli {

CliCommand trainCommand()
{
    return CliCommand{
        QStringLiteral("train"),
        QStringLiteral("Train the engines on the stored data into a new model generation."),
        [](QCommandLineParser& parser) {
            parser.addOption({QStringLiteral("engine"),
                              QStringLiteral("direction, seller, buyer, execution or all (default). Engines not "
                                             "retrained are kept from the current generation."),
                              QStringLiteral("ENGINE"), QStringLiteral("all")});
        },
        [](const CliContext& context, const QCommandLineParser& parser) {
            const QString engine = parser.value(QStringLiteral("engine"));
            std::set<engines::EngineKind> which = engines::allEngines();
            if (engine != QLatin1String("all")) {
                const auto kind = engines::engineKindFromString(engine);
                if (!kind)
                    throw UsageError("unknown engine '" + engine.toStdString() + "': use direction, seller, buyer, execution or all");
                which = {*kind};
            }
            TerminalProgress progress;
            const engines::RunControl control = progress.control();
            const PipelineData data = loadPipelineData(context, {}, control.stage(0.0, 0.08));
            const models::ModelStore store(modelsDirectory(data));
            engines::TrainingOutcome outcome;
            try {
                outcome = engines::trainEngines(data.universe, which, &store, control.stage(0.08, 1.0));
            } catch (const engines::OperationCancelled&) {
                throw std::runtime_error("training cancelled; the current model generation is unchanged");
            }
            progress.finish();
            QTextStream out(stdout);
            out << "Trained " << data.universe.tickers.size() << " tickers (" << data.universe.sources.join(QStringLiteral(", "))
                << " data, " << data.universe.firstSession.toString(Qt::ISODate) << " to "
                << data.universe.lastSession.toString(Qt::ISODate) << ") in " << QString::number(outcome.seconds, 'f', 1) << " s\n";
            for (const auto& [name, seconds] : outcome.engineSeconds)
                out << "  " << name.leftJustified(10) << QString::number(seconds, 'f', 1) << " s\n";
            out << "Generation " << outcome.generationId << " is now current.\n\n";
            printEvaluationTable(out, outcome.evaluation);
            for (const QString& note : outcome.notes)
                out << "note: " << note << "\n";
            out << outsideUniverseNote(storedOutsideUniverse(data));
            return kExitSuccess;
        },
    };
}

}  // namespace aegis::cli
