#include "app/cli/commands.h"
#include "app/cli/store_recovery_note.h"

#include "data/csvimport/csv_import.h"
#include "data/store/market_store.h"

#include <QDir>
#include <QTextStream>

namespace aegis::cli {

CliCommand importCommand()
{
    return CliCommand{
        QStringLiteral("import"),
        QStringLiteral("Import OHLCV CSV files or folders of them into the store."),
        [](QCommandLineParser& parser) {
            parser.addPositionalArgument(QStringLiteral("paths"),
                                         QStringLiteral("CSV files, or folders whose *.csv files are imported."),
                                         QStringLiteral("PATH..."));
            parser.addOption({QStringLiteral("symbol"),
                              QStringLiteral("NSE symbol for every file (default: from each file's name, "
                                             "e.g. NSEI_daily.csv -> NIFTY)."),
                              QStringLiteral("SYM")});
        },
        [](const CliContext& context, const QCommandLineParser& parser) {
            const QStringList paths = parser.positionalArguments();
            if (paths.isEmpty())
                throw UsageError("name at least one CSV file or folder to import");

            const app::DataDirectory directory = context.openDataDirectory();
            data::MarketStore store(QDir(directory.store()).filePath(data::MarketStore::defaultFileName()));
            QTextStream out(stdout);
            QTextStream err(stderr);
            noteStoreRecovery(QStringLiteral("import"), store);

            data::CsvImportOptions options;
            options.symbol = parser.value(QStringLiteral("symbol"));
            bool anyRejected = false;
            for (const data::FileImportResult& result : data::importCsvPaths(store, paths, options)) {
                // Rejections go to stderr as `file:line: reason`, the form editors and CI jump to.
                if (result.imported) {
                    out << result.summary() << "\n";
                    out.flush();
                } else {
                    anyRejected = true;
                    err << result.error << "\n";
                    err.flush();
                }
            }
            return anyRejected ? kExitFailure : kExitSuccess;
        },
    };
}

}  // namespace aegis::cli
