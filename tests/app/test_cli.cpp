// The `aegis` executable as a user meets it: help, version, exit codes.
#include "cli_process.h"

#include <QTemporaryDir>
#include <QTest>

using aegis::testing::CliResult;

class CliTest : public QObject {
    Q_OBJECT

    CliResult runAegis(const QStringList& arguments) { return aegis::testing::runCli(arguments); }

private Q_SLOTS:
    void helpListsCommandsAndExitsZero()
    {
        const CliResult result = runAegis({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("Usage: aegis")), qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral("version")));
        QVERIFY(result.out.contains(QStringLiteral("--data-dir")));
    }

    void versionPrintsTheVersion()
    {
        const CliResult result = runAegis({QStringLiteral("version")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(QStringLiteral("aegis 0.")), qPrintable(result.out));
        QVERIFY(result.err.isEmpty());
    }

    void commandHelpExitsZero()
    {
        const CliResult result = runAegis({QStringLiteral("version"), QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("Usage: aegis [--data-dir DIR] version")), qPrintable(result.out));
    }

    void unknownCommandIsAUsageError()
    {
        const CliResult result = runAegis({QStringLiteral("frobnicate")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("unknown command 'frobnicate'")), qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("aegis --help")));
        QVERIFY(result.out.isEmpty());
    }

    void unknownOptionIsAUsageError()
    {
        const CliResult result = runAegis({QStringLiteral("version"), QStringLiteral("--no-such-option")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("no-such-option")), qPrintable(result.err));
    }

    // A command without positional arguments refuses them: `aegis export RELIANCE` wrote NIFTY's report
    // and exited 0. An unknown --symbol is a bad value (2), as for predict and fetch.
    void unexpectedArgumentsAndUnknownSymbolsAreUsageErrors()
    {
        QTemporaryDir dataDir;
        CliResult result = runAegis({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("export"), QStringLiteral("RELIANCE")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("unexpected argument 'RELIANCE': aegis export takes options only")),
                 qPrintable(result.err));
        result = runAegis({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("export"), QStringLiteral("--symbol"),
                           QStringLiteral("NOSUCHCO")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("not a ticker with a report: NOSUCHCO")), qPrintable(result.err));
        result = runAegis({QStringLiteral("version"), QStringLiteral("extra")});
        QCOMPARE(result.exitCode, 2);
    }

    void missingCommandIsAUsageError()
    {
        const CliResult result = runAegis({});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(QStringLiteral("Commands:")));
    }

    void dataDirWithoutValueIsAUsageError()
    {
        const CliResult result = runAegis({QStringLiteral("--data-dir")});
        QCOMPARE(result.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
