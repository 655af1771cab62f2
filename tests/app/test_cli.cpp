// The `aegis` executable as a user meets it: help, version, exit codes.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class CliTest : public QObject {
    Q_OBJECT

    struct Result {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Result runAegis(const QStringList& arguments)
    {
        QProcess process;
        process.start(QStringLiteral(AEGIS_CLI_PATH), arguments);
        if (!process.waitForFinished(60000)) {
            process.kill();
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
    }

private Q_SLOTS:
    void helpListsCommandsAndExitsZero()
    {
        const Result result = runAegis({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("Usage: aegis")), qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral("version")));
        QVERIFY(result.out.contains(QStringLiteral("--data-dir")));
    }

    void versionPrintsTheVersion()
    {
        const Result result = runAegis({QStringLiteral("version")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(QStringLiteral("aegis 0.")), qPrintable(result.out));
        QVERIFY(result.err.isEmpty());
    }

    void commandHelpExitsZero()
    {
        const Result result = runAegis({QStringLiteral("version"), QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("Usage: aegis [--data-dir DIR] version")), qPrintable(result.out));
    }

    void unknownCommandIsAUsageError()
    {
        const Result result = runAegis({QStringLiteral("frobnicate")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("unknown command 'frobnicate'")), qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("aegis --help")));
        QVERIFY(result.out.isEmpty());
    }

    void unknownOptionIsAUsageError()
    {
        const Result result = runAegis({QStringLiteral("version"), QStringLiteral("--no-such-option")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("no-such-option")), qPrintable(result.err));
    }

    void missingCommandIsAUsageError()
    {
        const Result result = runAegis({});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(QStringLiteral("Commands:")));
    }

    void dataDirWithoutValueIsAUsageError()
    {
        const Result result = runAegis({QStringLiteral("--data-dir")});
        QCOMPARE(result.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
