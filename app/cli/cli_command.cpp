#include "app/cli/cli_command.h"

#include "app/common/logging.h"
#include "models/store/model_store.h"

#include "aegis/version.h"

#include <spdlog/spdlog.h>

#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <exception>

namespace aegis::cli {

namespace {

QTextStream& standardOutput()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& standardError()
{
    static QTextStream stream(stderr);
    return stream;
}

QString generalHelp()
{
    QString text = QStringLiteral("Usage: aegis [--data-dir DIR] <command> [options]\n\n"
                                  "%1 %2, headless command-line tool.\n\n"
                                  "Global options:\n"
                                  "  --data-dir DIR  where the store, models, logs and exports live\n"
                                  "                  (default: the per-user application data directory)\n"
                                  "  -h, --help      this help; `aegis <command> --help` for a command\n"
                                  "  -v, --version   print the version\n\n"
                                  "Commands:\n")
                       .arg(QString::fromLatin1(kAppName), QString::fromLatin1(kAppVersion));
    qsizetype width = 0;
    for (const CliCommand& command : allCommands())
        width = std::max(width, command.name.size());
    for (const CliCommand& command : allCommands())
        text += QStringLiteral("  %1  %2\n").arg(command.name.leftJustified(width), command.summary);
    text += QStringLiteral("\nExit codes: 0 success, 1 runtime failure, 2 usage error.\n");
    return text;
}

const CliCommand* findCommand(const QString& name)
{
    for (const CliCommand& command : allCommands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

int usageError(const QString& message, const QString& helpHint)
{
    standardError() << "aegis: " << message << "\n" << helpHint << "\n";
    standardError().flush();
    return kExitUsage;
}

// A command that failed at run time: its reason on one line, then what to do about it when known.
int runtimeFailure(const QString& command, const char* reason, const QString& nextStep = QString())
{
    spdlog::debug("aegis {} failed: {}", command.toStdString(), reason);
    standardError() << "aegis " << command << ": " << reason << "\n";
    if (!nextStep.isEmpty())
        standardError() << nextStep << "\n";
    standardError().flush();
    return kExitFailure;
}

}  // namespace

app::DataDirectory CliContext::openDataDirectory(app::DataDirectoryUse use) const
{
    const app::DataDirectory directory = app::openDataDirectory(dataDirOverride, use);
    app::initialiseLogging(directory.logs(), QStringLiteral("aegis"), app::ConsoleLogLevel::Quiet);
    spdlog::debug("aegis data directory: {}", directory.root.toStdString());
    return directory;
}

int runCli(const QStringList& arguments)
{
    // Global options come before the command name; everything from the command on belongs to it.
    CliContext context;
    qsizetype index = 1;
    while (index < arguments.size()) {
        const QString& argument = arguments[index];
        if (argument == QLatin1String("--data-dir")) {
            if (index + 1 >= arguments.size())
                return usageError(QStringLiteral("--data-dir needs a directory"), QStringLiteral("Try 'aegis --help'."));
            context.dataDirOverride = arguments[index + 1];
            index += 2;
        } else if (argument.startsWith(QLatin1String("--data-dir="))) {
            context.dataDirOverride = argument.mid(int(qstrlen("--data-dir=")));
            ++index;
        } else if (argument == QLatin1String("-h") || argument == QLatin1String("--help")) {
            standardOutput() << generalHelp();
            return kExitSuccess;
        } else if (argument == QLatin1String("-v") || argument == QLatin1String("--version")) {
            standardOutput() << "aegis " << kAppVersion << "\n";
            return kExitSuccess;
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return usageError(QStringLiteral("unknown option '%1'").arg(argument), QStringLiteral("Try 'aegis --help'."));
        } else {
            break;
        }
    }
    if (index >= arguments.size()) {
        standardError() << generalHelp();
        return kExitUsage;
    }

    const QString name = arguments[index];
    const CliCommand* command = findCommand(name);
    if (!command) {
        QStringList names;
        for (const CliCommand& known : allCommands())
            names << known.name;
        return usageError(QStringLiteral("unknown command '%1'. Commands: %2").arg(name, names.join(QStringLiteral(", "))),
                          QStringLiteral("Try 'aegis --help'."));
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(helpOption);
    if (command->declareOptions)
        command->declareOptions(parser);

    const QString helpHint = QStringLiteral("Try 'aegis %1 --help'.").arg(name);
    const QStringList commandArguments = arguments.mid(index);
    if (!parser.parse(commandArguments))
        return usageError(parser.errorText(), helpHint);
    // Qt lists an "Arguments:" section only for a command that declared positional arguments.
    const bool takesArguments = parser.helpText().contains(QStringLiteral("\nArguments:"));
    if (parser.isSet(helpOption)) {
        // helpText() names the executable path in its first line; users type `aegis <command>`.
        QString help = parser.helpText();
        help = help.mid(help.indexOf(QLatin1Char('\n')) + 1);
        const QString positional = takesArguments ? QStringLiteral(" [arguments]") : QString();
        standardOutput() << "Usage: aegis [--data-dir DIR] " << name << " [options]" << positional << "\n" << help;
        return kExitSuccess;
    }
    // Ignored, they misled: `aegis export RELIANCE` wrote NIFTY's report and exited 0.
    if (!takesArguments && !parser.positionalArguments().isEmpty()) {
        return usageError(QStringLiteral("unexpected argument '%1': aegis %2 takes options only")
                              .arg(parser.positionalArguments().first(), name),
                          helpHint);
    }

    try {
        return command->run(context, parser);
    } catch (const UsageError& error) {
        return usageError(QString::fromStdString(error.what()), helpHint);
    } catch (const models::NoUsableGeneration& error) {
        // Models trained on other features, damaged or never trained: what to do is always the same.
        return runtimeFailure(name, error.what(), QStringLiteral("Train models on the stored data first: aegis [--data-dir DIR] train"));
    } catch (const std::exception& error) {
        return runtimeFailure(name, error.what());
    }
}

}  // namespace aegis::cli
