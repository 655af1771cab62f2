// `aegis import` and `aegis status` as a user meets them: real files in, one line per file,
// `file:line: reason` on stderr for rejected ones, and a JSON status that scripts can read.
#include "cli_process.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using aegis::testing::CliResult;

namespace {

const QString kDataDir = QStringLiteral(AEGIS_SHARED_DATA_DIR);

QString realFile(const QString& name)
{
    return kDataDir + QLatin1Char('/') + name;
}

}  // namespace

class CliDataTest : public QObject {
    Q_OBJECT

    QTemporaryDir dataDir_;
    QTemporaryDir inputDir_;

    CliResult runAegis(const QStringList& arguments)
    {
        return aegis::testing::runCli(QStringList{QStringLiteral("--data-dir"), dataDir_.path()} + arguments);
    }

    QString writeInput(const QString& name, const QByteArray& content)
    {
        const QString path = inputDir_.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(content);
        return path;
    }

    QString storePath() const { return dataDir_.filePath(QStringLiteral("store/market.sqlite")); }

    QJsonObject statusEntry(const QJsonArray& symbols, const QString& symbol, const QString& interval)
    {
        for (const QJsonValue& value : symbols) {
            const QJsonObject entry = value.toObject();
            if (entry.value(QStringLiteral("symbol")).toString() == symbol
                && entry.value(QStringLiteral("interval")).toString() == interval)
                return entry;
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(dataDir_.isValid() && inputDir_.isValid());
        QDir(dataDir_.path()).removeRecursively();
        QDir(inputDir_.path()).removeRecursively();
        QVERIFY(QDir().mkpath(dataDir_.path()) && QDir().mkpath(inputDir_.path()));
    }

    void importPrintsOneLinePerFile()
    {
        const CliResult result = runAegis({QStringLiteral("import"), realFile(QStringLiteral("NSEI_daily.csv")),
                                         realFile(QStringLiteral("M&M.csv"))});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith(realFile(QStringLiteral("NSEI_daily.csv")) + QStringLiteral(": NIFTY 1d: 1236 rows imported, "
                                                                                               "2020-12-01 to 2025-11-28")),
                 qPrintable(lines[0]));
        QVERIFY(lines[0].contains(QStringLiteral("1 not final (taken before its session's close)")));
        QVERIFY2(lines[1].contains(QStringLiteral("M&M 1d: 1236 rows imported")), qPrintable(lines[1]));
        QVERIFY2(lines[1].contains(QStringLiteral("skipped 1 flat zero-volume placeholder on a day with no NSE session "
                                                  "(2026-01-15)")),
                 qPrintable(lines[1]));
        QVERIFY(QFile::exists(storePath()));
    }

    void rejectedFilesFailTheRunButOthersStillImport()
    {
        const QByteArray header("Date,Open,High,Low,Close,Volume\n");
        writeInput(QStringLiteral("TCS.csv"), header + "2024-01-01,10,12,9,11,1000\n");
        const QString bad = writeInput(QStringLiteral("INFY.csv"), header + "2024-01-01,10,12,9,11,1000\n"
                                                                            "2024-01-02,11,9,10,10,1000\n");
        const CliResult result = runAegis({QStringLiteral("import"), inputDir_.path()});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.err.trimmed(), bad + QStringLiteral(":3: High 9 is below Low 10"));
        QVERIFY2(result.out.contains(QStringLiteral("TCS 1d: 1 rows imported")), qPrintable(result.out));
        QVERIFY(!result.out.contains(QStringLiteral("INFY")));

        const CliResult status = runAegis({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(status.exitCode, 0);
        const QJsonArray symbols = QJsonDocument::fromJson(status.out.toUtf8()).object().value(QStringLiteral("symbols")).toArray();
        QCOMPARE(symbols.size(), 1);
        QCOMPARE(symbols[0].toObject().value(QStringLiteral("symbol")).toString(), QStringLiteral("TCS"));
    }

    // A history saved under a symbol NSE has since renamed lands on the current ticker; a symbol
    // outside the universe is stored, and both import and status say that nothing will use it.
    void renamedAndOutsideSymbolsAreExplained()
    {
        const QByteArray rows("Date,Open,High,Low,Close,Volume\n2024-01-01,10,12,9,11,1000\n");
        writeInput(QStringLiteral("ZOMATO.csv"), rows);
        writeInput(QStringLiteral("HDFC.csv"), rows);
        const CliResult result = runAegis({QStringLiteral("import"), inputDir_.path()});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("ETERNAL 1d: 1 rows imported"))
                     && result.out.contains(QStringLiteral("NSE renamed ZOMATO to ETERNAL")),
                 qPrintable(result.out));
        QVERIFY2(result.out.contains(QStringLiteral("HDFC is not one of the universe's tickers")), qPrintable(result.out));

        const CliResult status = runAegis({QStringLiteral("status"), QStringLiteral("--json")});
        const QJsonArray symbols = QJsonDocument::fromJson(status.out.toUtf8()).object().value(QStringLiteral("symbols")).toArray();
        QCOMPARE(statusEntry(symbols, QStringLiteral("ETERNAL"), QStringLiteral("1d")).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("stock"));
        QCOMPARE(statusEntry(symbols, QStringLiteral("HDFC"), QStringLiteral("1d")).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("outside"));
        QVERIFY(statusEntry(symbols, QStringLiteral("ZOMATO"), QStringLiteral("1d")).isEmpty());
        const CliResult table = runAegis({QStringLiteral("status")});
        QVERIFY2(table.out.contains(QStringLiteral("KIND 'outside': not one of the universe's tickers")), qPrintable(table.out));
    }

    void hostileSymbolIsRejected()
    {
        const QString path = writeInput(QStringLiteral("x.csv"), "Date,Open,High,Low,Close,Volume\n2024-01-01,10,12,9,11,1\n");
        const CliResult result = runAegis({QStringLiteral("import"), QStringLiteral("--symbol"), QStringLiteral("../x"), path});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.err.trimmed(), path + QStringLiteral(": '../x' is not a valid NSE symbol"));
    }

    void importWithoutPathsIsAUsageError()
    {
        const CliResult result = runAegis({QStringLiteral("import")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("at least one CSV file")), qPrintable(result.err));
    }

    void statusJsonDescribesEverySeries()
    {
        const CliResult imported = runAegis({QStringLiteral("import"), realFile(QStringLiteral("NSEI_daily.csv")),
                                           realFile(QStringLiteral("NSEI_5m.csv")), realFile(QStringLiteral("INDIAVIX_daily.csv")),
                                           realFile(QStringLiteral("M&M.csv"))});
        QCOMPARE(imported.exitCode, 0);

        const CliResult result = runAegis({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject root = document.object();
        QCOMPARE(root.value(QStringLiteral("recovered")).toBool(true), false);
        const QJsonArray symbols = root.value(QStringLiteral("symbols")).toArray();
        QCOMPARE(symbols.size(), 4);

        const QJsonObject nifty = statusEntry(symbols, QStringLiteral("NIFTY"), QStringLiteral("1d"));
        QCOMPARE(nifty.value(QStringLiteral("kind")).toString(), QStringLiteral("index"));
        QCOMPARE(nifty.value(QStringLiteral("source")).toString(), QStringLiteral("csv"));
        QCOMPARE(nifty.value(QStringLiteral("rows")).toInt(), 1236);
        QCOMPARE(nifty.value(QStringLiteral("first")).toString(), QStringLiteral("2020-12-01"));
        QCOMPARE(nifty.value(QStringLiteral("last")).toString(), QStringLiteral("2025-11-27"));  // last final bar
        QCOMPARE(nifty.value(QStringLiteral("forming")).toBool(), true);
        // The fixtures end in 2025/2026; whatever today is, the market has completed sessions since.
        const QString lastCompleted = root.value(QStringLiteral("lastCompletedSession")).toString();
        QCOMPARE(nifty.value(QStringLiteral("stale")).toBool(), lastCompleted > QStringLiteral("2025-11-27"));
        QCOMPARE(nifty.value(QStringLiteral("lastFetch")).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("success"));

        const QJsonObject nifty5m = statusEntry(symbols, QStringLiteral("NIFTY"), QStringLiteral("5m"));
        QCOMPARE(nifty5m.value(QStringLiteral("rows")).toInt(), 356);
        QCOMPARE(statusEntry(symbols, QStringLiteral("INDIAVIX"), QStringLiteral("1d")).value(QStringLiteral("kind")).toString(),
                 QStringLiteral("vix"));
        const QJsonObject mm = statusEntry(symbols, QStringLiteral("M&M"), QStringLiteral("1d"));
        QCOMPARE(mm.value(QStringLiteral("kind")).toString(), QStringLiteral("stock"));
        QCOMPARE(mm.value(QStringLiteral("last")).toString(), QStringLiteral("2026-04-24"));
        QVERIFY(mm.value(QStringLiteral("stale")).isBool());

        const CliResult table = runAegis({QStringLiteral("status")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains(QStringLiteral("SYMBOL")) && table.out.contains(QStringLiteral("M&M")),
                 qPrintable(table.out));
    }

    void statusOfAnEmptyStoreSaysSo()
    {
        QVERIFY(QDir().mkpath(dataDir_.filePath(QStringLiteral("store"))));  // a data directory, its store not yet written
        const CliResult result = runAegis({QStringLiteral("status")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("No market data stored yet")), qPrintable(result.out));
        const CliResult json = runAegis({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("symbols")).toArray().size(), 0);
    }

    // Data imported, nothing trained yet: predict and export fail with the reason and the next step.
    void predictingBeforeTrainingSaysToTrain()
    {
        const CliResult imported = runAegis({QStringLiteral("import"), realFile(QStringLiteral("NSEI_daily.csv"))});
        QCOMPARE(imported.exitCode, 0);
        for (const QStringList& command : {QStringList{QStringLiteral("predict"), QStringLiteral("NIFTY")},
                                           QStringList{QStringLiteral("export"), QStringLiteral("--symbol"), QStringLiteral("NIFTY"),
                                                       QStringLiteral("--out"), inputDir_.filePath(QStringLiteral("nifty.json"))}}) {
            const CliResult result = runAegis(command);
            QCOMPARE(result.exitCode, 1);
            const QString reason = QStringLiteral("aegis %1: no model generation in %2 yet\n")
                                       .arg(command.front(), dataDir_.filePath(QStringLiteral("models")));
            QVERIFY2(result.err.contains(reason), qPrintable(result.err));
            QVERIFY2(result.err.contains(QStringLiteral("Train models on the stored data first: aegis [--data-dir DIR] train\n")),
                     qPrintable(result.err));
        }
        QVERIFY(!QFile::exists(inputDir_.filePath(QStringLiteral("nifty.json"))));
    }

    void damagedStoreIsReportedOnStderr()
    {
        QVERIFY(QDir().mkpath(dataDir_.filePath(QStringLiteral("store"))));
        QFile garbage(storePath());
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray("not a database at all\n").repeated(100));
        garbage.close();

        const CliResult result = runAegis({QStringLiteral("status")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.contains(QStringLiteral("the market store was damaged")), qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("moved aside to ") + storePath() + QStringLiteral(".corrupt-")));
        const QStringList aside =
            QDir(dataDir_.filePath(QStringLiteral("store"))).entryList({QStringLiteral("market.sqlite.corrupt-*")});
        QCOMPARE(aside.size(), 1);

        // fetch said nothing of it (and demo said it on stdout).
        QVERIFY(QFile::remove(storePath()));
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray("not a database at all\n").repeated(100));
        garbage.close();
        const CliResult fetched = runAegis({QStringLiteral("fetch"), QStringLiteral("TCS"), QStringLiteral("--yahoo-url"),
                                            QStringLiteral("http://127.0.0.1:9")});
        QVERIFY2(fetched.err.contains(QStringLiteral("aegis fetch: the market store was damaged")), qPrintable(fetched.err));
    }

    // Real bars are never mixed into the DEMO market's series: fetch refuses before its first request,
    // import refuses the file, and the store keeps only DEMO bars.
    void realDataIsNeverMixedIntoTheDemoMarket()
    {
        const CliResult demo = runAegis({QStringLiteral("demo"), QStringLiteral("--years"), QStringLiteral("1")});
        QCOMPARE(demo.exitCode, 0);
        // Generated without a word, a one-year market then failed to train.
        QVERIFY2(demo.out.contains(QStringLiteral("note: 1 year is too short to train on")), qPrintable(demo.out));
        const CliResult fetched = runAegis({QStringLiteral("fetch"), QStringLiteral("TCS"), QStringLiteral("--yahoo-url"),
                                            QStringLiteral("http://127.0.0.1:9")});
        QCOMPARE(fetched.exitCode, 1);
        QVERIFY2(fetched.err.contains(QStringLiteral("holds the synthetic DEMO market, and real data is never mixed into it")),
                 qPrintable(fetched.err));
        const QString csv = writeInput(QStringLiteral("TCS.csv"), "Date,Open,High,Low,Close,Volume\n2021-04-26,3102.05,3153,3088.05,3100.8,2490260\n");
        const CliResult imported = runAegis({QStringLiteral("import"), csv});
        QCOMPARE(imported.exitCode, 1);
        QVERIFY2(imported.err.contains(QStringLiteral("TCS 1d holds DEMO (synthetic) bars: real ones are never mixed into them")),
                 qPrintable(imported.err + imported.out));
        const CliResult status = runAegis({QStringLiteral("status"), QStringLiteral("--json")});
        QVERIFY2(!status.out.contains(QStringLiteral("\"csv\"")) && !status.out.contains(QStringLiteral("\"yahoo\"")), qPrintable(status.out.left(400)));
    }
};

QTEST_GUILESS_MAIN(CliDataTest)
#include "test_cli_data.moc"
