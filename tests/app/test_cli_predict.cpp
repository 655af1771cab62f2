// `aegis train` and `aegis predict` as a user meets them: real NSE files imported, every engine trained,
// then one ticker's summary in words and as aegismatrix.json; tickers without a report say why, and a
// stored history outside the universe is named where it is left out.
#include "cli_process.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using aegis::testing::CliResult;

namespace {

const QString kDataDir = QStringLiteral(AEGIS_SHARED_DATA_DIR);
// The shift the summary names (engines/report BreachCalibration::kNotableShift, log-odds); this test
// runs the command-line tool and links no engine library.
constexpr double kNotableShift = 0.05;
QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QString kOutsideNote = QStringLiteral("note: stored, but not a universe ticker, so neither trained on nor evaluated: HDFC\n");

}  // namespace

class CliPredictTest : public QObject {
    Q_OBJECT

    QTemporaryDir dataDir_;

    CliResult runAegis(const QStringList& arguments, int timeoutMs = 60000)
    {
        return aegis::testing::runCli(QStringList{QStringLiteral("--data-dir"), dataDir_.path()} + arguments, timeoutMs);
    }

private Q_SLOTS:
    // NIFTY with India VIX and five stocks: enough for every engine, a few seconds to train.
    void initTestCase()
    {
        QVERIFY(dataDir_.isValid());
        QStringList files;
        for (const char* name : {"NSEI_daily.csv", "INDIAVIX_daily.csv", "RELIANCE.csv", "TCS.csv", "INFY.csv", "ITC.csv", "SBIN.csv"})
            files << kDataDir + QLatin1Char('/') + QLatin1String(name);
        // ACC as a recent listing: LT's last 60 sessions, too few for the models.
        QFile source(kDataDir + QStringLiteral("/LT.csv"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = source.readAll().trimmed().split('\n');
        QFile shortFile(dataDir_.filePath(QStringLiteral("ACC.csv")));
        QVERIFY(shortFile.open(QIODevice::WriteOnly));
        shortFile.write(lines.front() + '\n' + lines.mid(lines.size() - 60).join('\n') + '\n');
        shortFile.close();
        files << shortFile.fileName();
        // HDFC Ltd., merged into HDFC Bank in 2023: a history under a symbol the universe no longer has.
        const QString outsideFile = dataDir_.filePath(QStringLiteral("HDFC.csv"));
        QVERIFY(QFile::copy(kDataDir + QStringLiteral("/HDFCBANK.csv"), outsideFile));
        files << outsideFile;
        const CliResult imported = runAegis(QStringList{QStringLiteral("import")} + files);
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        const CliResult trained = runAegis({QStringLiteral("train")}, 240000);
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
        QVERIFY(trained.out.contains(QStringLiteral("breach_band")));
        QVERIFY2(trained.out.contains(kOutsideNote), qPrintable(trained.out));
    }

    void summaryNamesEveryEngine()
    {
        const CliResult result = runAegis({QStringLiteral("predict"), QStringLiteral("NIFTY")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString& out = result.out;
        QVERIFY2(out.startsWith(QStringLiteral("NIFTY — NIFTY 50 (index, CSV data as of ")), qPrintable(out.left(200)));
        for (const QString& label : {QStringLiteral("Tomorrow"), QStringLiteral("Next 3 Days"), QStringLiteral("This Week"),
                                     QStringLiteral("Next Week"), QStringLiteral("This Month"), QStringLiteral("Next Month")})
            QVERIFY2(out.contains(QStringLiteral("\n  ") + label), qPrintable(label));
        QVERIFY(out.contains(QStringLiteral("\nSeller: ")) && out.contains(QStringLiteral("safe range 30d ")));
        QVERIFY(out.contains(QStringLiteral("\nBuyer: ")) && out.contains(QStringLiteral("\nExecution: ")));
        QVERIFY(out.contains(QStringLiteral("\nVerdict: ")));
        // The files end in 2025-2026 and today is later: the summary says the data is stale.
        QVERIFY(out.contains(QStringLiteral("! stale data")));
    }

    // The words and the JSON tell the same story: the Seller line names the breach curve's own-record
    // shift exactly when the report carries a notable one. On these files both happen (measured: INFY
    // +0.32 and ITC -0.29, NIFTY's VIX bands and RELIANCE within 0.05 of the pooled booster).
    void summaryAgreesWithTheJson()
    {
        int named = 0, unnamed = 0;
        for (const QString& ticker : {QStringLiteral("NIFTY"), QStringLiteral("RELIANCE"), QStringLiteral("TCS"),
                                      QStringLiteral("INFY"), QStringLiteral("ITC"), QStringLiteral("SBIN")}) {
            const CliResult json = runAegis({QStringLiteral("predict"), ticker, QStringLiteral("--json")});
            QVERIFY2(json.exitCode == 0, qPrintable(json.err));
            QJsonParseError error;
            const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8(), &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
            QCOMPARE(report.value(QStringLiteral("meta")).toObject().value(QStringLiteral("ticker")).toString(), ticker);
            const QJsonObject seller = report.value(QStringLiteral("seller")).toObject();
            QVERIFY(seller.value(QStringLiteral("historical_hit_rate_basis")).toObject().value(QStringLiteral("evaluated")).toInt() > 0);
            // On these files the breach model has an edge: every ticker's curve carries its own offset.
            const QJsonObject calibration = seller.value(QStringLiteral("breach_calibration")).toObject();
            QCOMPARE(calibration.value(QStringLiteral("family")).toString(),
                     ticker == QStringLiteral("NIFTY") ? QStringLiteral("implied_sigma") : QStringLiteral("realised_sigma"));
            const double shift = calibration.value(QStringLiteral("ticker_offset")).toDouble();
            const CliResult text = runAegis({QStringLiteral("predict"), ticker});
            QVERIFY2(text.exitCode == 0, qPrintable(text.err));
            const bool notable = std::abs(shift) >= kNotableShift;
            QCOMPARE(text.out.contains(QStringLiteral("shifted by its own record: log-odds %1").arg(shift, 0, 'f', 2)), notable);
            QCOMPARE(text.out.contains(QStringLiteral("shifted by its own record")), notable);
            ++(notable ? named : unnamed);
        }
        QVERIFY(named > 0 && unnamed > 0);
    }

    void aTickerWithoutDataIsAClearError()
    {
        const CliResult result = runAegis({QStringLiteral("predict"), QStringLiteral("HDFCBANK")});
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.err.contains(QStringLiteral("HDFCBANK has no report: no stored daily bars")), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    // A trader types a name or a Yahoo symbol as often as an NSE symbol.
    void aTickerIsFoundByNameOrYahooSymbol()
    {
        const CliResult byName = runAegis({QStringLiteral("predict"), QStringLiteral("reliance industries")});
        QVERIFY2(byName.exitCode == 0, qPrintable(byName.err));
        QVERIFY2(byName.out.startsWith(QStringLiteral("RELIANCE — Reliance Industries Ltd. (stock")), qPrintable(byName.out.left(200)));
        const CliResult byYahoo = runAegis({QStringLiteral("predict"), QStringLiteral("^NSEI")});
        QVERIFY2(byYahoo.exitCode == 0, qPrintable(byYahoo.err));
        QVERIFY(byYahoo.out.startsWith(QStringLiteral("NIFTY — NIFTY 50 (index")));
        const CliResult ambiguous = runAegis({QStringLiteral("predict"), QStringLiteral("hdfc")});
        QCOMPARE(ambiguous.exitCode, 2);
        QVERIFY2(ambiguous.err.contains(QStringLiteral("'hdfc' could be any of: ")) && ambiguous.err.contains(QStringLiteral("HDFCBANK (HDFC Bank Ltd.)")),
                 qPrintable(ambiguous.err));
        const CliResult unknown = runAegis({QStringLiteral("predict"), QStringLiteral("no such company")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("no ticker has the symbol or name 'no such company'")), qPrintable(unknown.err));
        const CliResult unknownSymbol = runAegis({QStringLiteral("predict"), QStringLiteral("QQQZ")});
        QCOMPARE(unknownSymbol.exitCode, 2);
        QVERIFY2(unknownSymbol.err.contains(QStringLiteral("no ticker has the symbol or name 'QQQZ'")), qPrintable(unknownSymbol.err));
    }

    // A mistyped --data-dir is an error that creates nothing, not an empty data tree.
    void aMissingDataDirectoryIsAnErrorAndStaysMissing()
    {
        const QString missing = dataDir_.filePath(QStringLiteral("no-such-dir"));
        const CliResult result = aegis::testing::runCli({QStringLiteral("--data-dir"), missing, QStringLiteral("predict"), QStringLiteral("NIFTY")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("no data directory at ") + missing), qPrintable(result.err));
        QVERIFY(!QFileInfo::exists(missing));

        // An existing folder that is no data directory (a home directory) is left as it was.
        const QString unrelated = dataDir_.filePath(QStringLiteral("unrelated"));
        QVERIFY(QDir().mkpath(unrelated));
        const CliResult status = aegis::testing::runCli({QStringLiteral("--data-dir"), unrelated, QStringLiteral("status")});
        QCOMPARE(status.exitCode, 1);
        QVERIFY2(status.err.contains(QStringLiteral("no data directory at ") + unrelated + QStringLiteral(" (the folder has no store/)")),
                 qPrintable(status.err));
        QVERIFY(QDir(unrelated).isEmpty());
    }

    void aTickerWithTooShortAHistoryIsAClearError()
    {
        const CliResult result = runAegis({QStringLiteral("predict"), QStringLiteral("ACC")});
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.err.contains(QStringLiteral("ACC has no report: 60 final daily bars, at least 120 needed")),
                 qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("import or fetch more of its daily history")), qPrintable(result.err));
    }

    // `kill` or `systemctl stop` during a retrain: the run stops at its next check and says so; the
    // current generation stays current and no staging folder is left (a killed process left one).
    void terminatingATrainingRunKeepsTheCurrentGeneration()
    {
        const QDir models(dataDir_.filePath(QStringLiteral("models")));
        const QStringList generationsBefore = models.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden);
        const QByteArray currentBefore = readFile(models.filePath(QStringLiteral("CURRENT")));
        QVERIFY(!currentBefore.isEmpty());

        QProcess train;
        train.setReadChannel(QProcess::StandardError);
        train.start(QStringLiteral(AEGIS_CLI_PATH), {QStringLiteral("--data-dir"), dataDir_.path(), QStringLiteral("train")});
        QVERIFY(train.waitForStarted());
        // Past reading the store (the first 8 %): inside the engines' training.
        static const QRegularExpression progressLine(QStringLiteral("^\\[\\s*(\\d+)%\\]"), QRegularExpression::MultilineOption);
        QByteArray err;
        int percent = 0;
        while (percent < 10 && train.state() == QProcess::Running) {
            train.waitForReadyRead(1000);
            err += train.readAllStandardError();
            for (QRegularExpressionMatchIterator match = progressLine.globalMatch(QString::fromUtf8(err)); match.hasNext();)
                percent = std::max(percent, match.next().captured(1).toInt());
        }
        QVERIFY2(train.state() == QProcess::Running, err.constData());
        train.terminate();  // SIGTERM
        QVERIFY(train.waitForFinished(120000));
        err += train.readAllStandardError();

        QCOMPARE(train.exitStatus(), QProcess::NormalExit);
        QCOMPARE(train.exitCode(), 1);
        QVERIFY2(err.contains("training cancelled; the current model generation is unchanged"), err.constData());
        QCOMPARE(readFile(models.filePath(QStringLiteral("CURRENT"))), currentBefore);
        QCOMPARE(models.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden), generationsBefore);
    }

    // A --json target that cannot be written is refused before the walk-forward run (tens of seconds on
    // the whole store), not after it, and nothing is left behind.
    void evaluateRefusesAnUnwritableTargetUpFront()
    {
        QTemporaryDir elsewhere;
        QVERIFY(elsewhere.isValid());
        QElapsedTimer timer;
        timer.start();
        CliResult result = runAegis({QStringLiteral("evaluate"), QStringLiteral("--json"), elsewhere.path()});
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.err.contains(QStringLiteral("cannot write the evaluation to %1: it is a folder").arg(elsewhere.path())),
                 qPrintable(result.err));
        const QString underAFile = dataDir_.filePath(QStringLiteral("ACC.csv/evaluation.json"));
        result = runAegis({QStringLiteral("evaluate"), QStringLiteral("--json"), underAFile});
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.err.contains(QStringLiteral("cannot write the evaluation to %1: cannot create the folder").arg(underAFile)),
                 qPrintable(result.err));
        QVERIFY2(!result.out.contains(QStringLiteral("Walk-forward")) && !result.out.contains(QStringLiteral("auc")), qPrintable(result.out));
        QCOMPARE(QDir(elsewhere.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden).size(), 0);
        qInfo("both refusals took %lld ms", timer.elapsed());
    }

    // `aegis evaluate --json`: the walk-forward record of every model in the fields scripts rely on,
    // the data range and the tickers evaluated, and which were left out and why.
    void evaluateWritesEveryModelsRecord()
    {
        const QString file = dataDir_.filePath(QStringLiteral("evaluation.json"));
        const CliResult result = runAegis({QStringLiteral("evaluate"), QStringLiteral("--json"), file}, 240000);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.out.contains(QStringLiteral("note: ACC: 60 final daily bars, at least 120 needed")), qPrintable(result.out));
        QVERIFY2(result.out.contains(kOutsideNote), qPrintable(result.out));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QJsonObject document = QJsonDocument::fromJson(written.readAll()).object();
        const QJsonObject range = document.value(QStringLiteral("data_range")).toObject();
        QCOMPARE(range.value(QStringLiteral("from")).toString(), QStringLiteral("2020-12-01"));
        QVERIFY(range.value(QStringLiteral("to")).toString() >= QStringLiteral("2025-11-27"));
        QCOMPARE(document.value(QStringLiteral("symbols")).toArray().size(), 6);
        QCOMPARE(document.value(QStringLiteral("unreported")).toArray().size(), 503 - 6);
        QCOMPARE(document.value(QStringLiteral("outside_universe")).toArray(), QJsonArray{QStringLiteral("HDFC")});

        const QJsonArray models = document.value(QStringLiteral("models")).toArray();
        QStringList engines;
        int classifiers = 0, quantiles = 0;
        for (const QJsonValue value : models) {
            const QJsonObject model = value.toObject();
            const QString target = model.value(QStringLiteral("target")).toString();
            QVERIFY2(!target.isEmpty() && model.contains(QStringLiteral("horizon")), qPrintable(target));
            QVERIFY2(model.value(QStringLiteral("n")).toInt() > 0, qPrintable(target));
            const QString engine = model.value(QStringLiteral("engine")).toString();
            if (!engines.contains(engine))
                engines << engine;
            // A classifier has an ECE and no coverage, a quantile model the other way round.
            const bool classifier = model.value(QStringLiteral("ece")).isDouble();
            QVERIFY2(classifier != model.value(QStringLiteral("coverage")).isDouble(), qPrintable(target));
            if (classifier) {
                ++classifiers;
                QCOMPARE(model.value(QStringLiteral("auc_ci")).toArray().size(), 2);
                QVERIFY2(model.value(QStringLiteral("auc")).isDouble() && model.value(QStringLiteral("brier_skill")).isDouble(),
                         qPrintable(target));
            } else {
                ++quantiles;
            }
        }
        QVERIFY(classifiers >= 20 && quantiles >= 6);
        engines.sort();
        QCOMPARE(engines, (QStringList{QStringLiteral("buyer"), QStringLiteral("direction"), QStringLiteral("execution"),
                                       QStringLiteral("seller")}));
    }

    // The folder's index names every ticker of the universe that got no report, and why.
    void exportAllListsTheTickersWithoutAReport()
    {
        const QString folder = dataDir_.filePath(QStringLiteral("all"));
        const CliResult result = runAegis({QStringLiteral("export"), QStringLiteral("--all"), QStringLiteral("--out-dir"), folder});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QFile indexFile(folder + QStringLiteral("/index.json"));
        QVERIFY(indexFile.open(QIODevice::ReadOnly));
        const QJsonObject index = QJsonDocument::fromJson(indexFile.readAll()).object();
        QCOMPARE(index.value(QStringLiteral("count")).toInt(), 6);  // NIFTY and five stocks
        QHash<QString, QString> reasons;
        for (const QJsonValue entry : index.value(QStringLiteral("unreported")).toArray())
            reasons.insert(entry[QStringLiteral("ticker")].toString(), entry[QStringLiteral("reason")].toString());
        QCOMPARE(reasons.size(), 503 - 6);
        QCOMPARE(reasons.value(QStringLiteral("ACC")), QStringLiteral("60 final daily bars, at least 120 needed"));
        QCOMPARE(reasons.value(QStringLiteral("HDFCBANK")), QStringLiteral("no stored daily bars"));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/ACC.json")));
    }
};

QTEST_GUILESS_MAIN(CliPredictTest)
#include "test_cli_predict.moc"
