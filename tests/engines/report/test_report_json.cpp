// aegismatrix.json: the dashboard's field names survive, the schema holds, NaN never leaks, and folder
// exports replace the previous one only when complete.
#include "engines/report/json_schema.h"
#include "engines/report/report_json.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace aegis::engines::report;
using nlohmann::json;

namespace {

Edge sampleEdge(bool demonstrated)
{
    Edge edge;
    edge.demonstrated = demonstrated;
    edge.auc = demonstrated ? 0.64 : 0.51;
    edge.aucLow = demonstrated ? 0.61 : 0.48;
    edge.aucHigh = demonstrated ? 0.67 : 0.54;
    edge.brierSkill = 0.02;
    edge.ece = 0.015;
    edge.eceFloor = 0.009;
    edge.eceP = 0.35;
    edge.evaluatedRows = 12000;
    return edge;
}

TickerReport sampleReport(const QString& ticker = QStringLiteral("NIFTY"))
{
    TickerReport r;
    r.generatedAt = QDateTime(QDate(2025, 11, 28), QTime(10, 17, 55), Qt::UTC);
    r.meta = {ticker, QStringLiteral("NIFTY 50"), QStringLiteral("index"), QStringLiteral("demo"),
              QDateTime(QDate(2025, 11, 27), QTime(10, 0), Qt::UTC), QStringLiteral("20251128T100000Z-abc123"),
              QStringLiteral("0.1.0"), {QStringLiteral("DEMO data: synthetic market")}};
    r.market = {26204.55, -11.0, -0.00042, 11.24, -0.55, -0.0464, QStringLiteral("LOW_VOL_BULL"), QDate(2025, 11, 27),
                QDate(2025, 11, 27)};
    r.direction.today = {QStringLiteral("NEUTRAL"), 0.41, 30.0, kMoveFromModel, 0.86, r.generatedAt, QStringLiteral("open"),
                         QStringLiteral("opening-range and VWAP position")};
    const std::vector<std::tuple<const char*, const char*, int>> horizons{
        {"t1", "Tomorrow", 1}, {"t3", "Next 3 Days", 3}, {"t5", "This Week", 5},
        {"t10", "Next Week", 10}, {"t20", "This Month", 20}, {"t40", "Next Month", 40}};
    for (const auto& [key, label, sessions] : horizons) {
        Horizon h{QString::fromLatin1(key), QString::fromLatin1(label), sessions, {}};
        h.call = {QStringLiteral("UP"), 0.45, 0.45, 0.30, 0.25, 50.0 * std::sqrt(sessions),
                  sessions == 10 ? kTypicalMove : kMoveFromModel, sampleEdge(sessions == 1)};
        r.direction.horizons.push_back(h);
    }
    r.direction.riskScore = 0.12;
    r.direction.riskDefinition = QStringLiteral("P(adverse move >= 2 sigma over 5 sessions)");

    SafeRange range{25100.0, 27300.0, 30, 21, 0.11, QStringLiteral("india_vix"), 1.64, 0.10, {}, {}};
    r.seller.safeRange = range;
    r.seller.safeRangeExpiry = range;
    r.seller.safeRangeExpiry.horizonDays = 4;
    r.seller.maxPain = {26000.0, 26300.0, 0.7, 26200.0, 0.92, {26500.0, 27000.0}, {26000.0, 25500.0}, QDate(2025, 12, 2),
                        QDateTime(QDate(2025, 11, 27), QTime(10, 0), Qt::UTC), {}};
    r.seller.trap = {0.28, QStringLiteral("LOW"), 0.15, 0.13, {}};
    r.seller.skew = {0.012, -0.004, 0.016, QStringLiteral("chain"), {}};
    r.seller.expiryStress = {0.2, QStringLiteral("CALM")};
    r.seller.sessionsToExpiry = 2;
    r.seller.nextExpiry = QDate(2025, 12, 2);
    for (double pct : {0.5, 1.0, 1.5, 2.0, 3.0})
        r.seller.breachProbabilities.push_back({pct, 26204.55 * pct / 100.0, 0.5 / pct, {}});
    r.seller.sellerFlag = {QStringLiteral("FAVOURABLE"), QStringLiteral("GREEN"), {QStringLiteral("VIX in its lowest quintile")}};
    r.seller.historicalHitRate = 0.91;
    r.seller.breachEdge = sampleEdge(true);

    const std::vector<QDate> sessions{QDate(2025, 11, 28), QDate(2025, 12, 1), QDate(2025, 12, 2), QDate(2025, 12, 3),
                                      QDate(2025, 12, 4)};
    for (int d = 1; d <= 5; ++d)
        r.buyer.breakoutNext.push_back({d, 0.2, QStringLiteral("LOW"), sessions[std::size_t(d - 1)],
                                        d == 3 ? QStringLiteral("Union Budget") : QString(), d != 4});
    r.buyer.breakoutToday = {0, 0.2, QStringLiteral("LOW"), sessions.front(), {}};
    r.buyer.spikeUpProb = 0.55;
    r.buyer.spikeDownProb = 0.45;
    r.buyer.breakoutLevels = {26500.0, 25900.0};
    for (const char* window : {"09:15-09:45", "09:45-10:45", "10:45-12:00", "12:00-14:00", "14:00-15:00", "15:00-15:30"})
        r.buyer.gammaWindows.push_back({QString::fromLatin1(window), 0.55, 1.1});
    r.buyer.gammaWindowsBasis = QStringLiteral("2025-11-27 vs the 20 sessions before");
    r.buyer.thetaEdge = {0.8, QStringLiteral("DONT_WASTE_PREMIUM")};
    r.buyer.regime = QStringLiteral("MEAN_REVERT");
    r.buyer.buyerEnvironment = {QStringLiteral("UNFAVOURABLE"), QStringLiteral("RED"), {QStringLiteral("implied move exceeds expected realised move")}};
    r.buyer.historicalSpikeRate = 0.52;
    r.buyer.historicalSpikeBreakouts = 125;
    r.buyer.breakoutEdge = sampleEdge(true);

    r.execution.regime = QStringLiteral("LOW");
    r.execution.regimeProbability = 0.8;
    for (double value : {1e5, 2.5e5, 5e5, 1e6})
        r.execution.slippage.push_back({value, 1.0, 2.5});
    r.execution.verdict = {QStringLiteral("NEUTRAL"), std::nullopt, 0.4, QStringLiteral("no horizon shows a demonstrated edge")};

    r.evaluation.from = QDate(2021, 1, 1);
    r.evaluation.to = QDate(2025, 11, 27);
    ModelEvaluation model;
    model.engine = QStringLiteral("direction");
    model.target = QStringLiteral("direction_up");
    model.horizon = 1;
    model.n = 1000;
    model.auc = 0.51;
    model.aucLow = 0.48;
    model.aucHigh = 0.54;
    model.brierSkill = 0.0;
    model.ece = 0.02;
    model.eceFloor = 0.011;
    model.eceP = 0.04;
    r.evaluation.models.push_back(model);
    return r;
}

// Every key path of `reference` ("seller.max_pain.lower", arrays as "[]") with its JSON kind.
void collectPaths(const json& node, const std::string& path, std::map<std::string, std::string>& out)
{
    if (node.is_object()) {
        for (const auto& [key, value] : node.items())
            collectPaths(value, path.empty() ? key : path + "." + key, out);
    } else if (node.is_array()) {
        for (const json& item : node)
            collectPaths(item, path + "[]", out);
    } else {
        out[path] = node.is_number() ? "number" : node.type_name();
    }
}

}  // namespace

class ReportJsonTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void completeReportMatchesSchema()
    {
        const auto errors = validateAgainstSchema(reportSchema(), toJson(sampleReport()));
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }

    void breakoutDaysNameTheirSessions()
    {
        TickerReport report = sampleReport();
        json document = toJson(report);
        QCOMPARE(document["buyer"]["breakout_today"]["session"].get<std::string>(), std::string("2025-11-28"));
        QCOMPARE(document["buyer"]["breakout_next"][1]["session"].get<std::string>(), std::string("2025-12-01"));
        report.buyer.breakoutNext[1].session = QDate();  // unknown: null, still valid
        document = toJson(report);
        QVERIFY(document["buyer"]["breakout_next"][1]["session"].is_null());
        // A scheduled event is named on the day that first trades it, null on the others.
        QCOMPARE(document["buyer"]["breakout_next"][2]["event"].get<std::string>(), std::string("Union Budget"));
        QVERIFY(document["buyer"]["breakout_next"][1]["event"].is_null());
        QVERIFY(document["buyer"]["breakout_today"]["event"].is_null());
        const auto errors = validateAgainstSchema(reportSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }

    // Every probability the buyer shows says whether its model has an edge: without one it is a base rate.
    void buyerProbabilitiesCarryTheirEdge()
    {
        TickerReport report = sampleReport();
        report.buyer.spikeEdge.demonstrated = false;
        report.buyer.spikeEdge.auc = 0.50;
        report.buyer.thetaEdgeRecord.demonstrated = true;
        report.buyer.thetaEdgeRecord.auc = 0.60;
        const json document = toJson(report);
        const json& buyer = document["buyer"];
        QCOMPARE(buyer["breakout_next"][2]["edge"].get<std::string>(), std::string("demonstrated"));
        QCOMPARE(buyer["breakout_next"][3]["edge"].get<std::string>(), std::string("none demonstrated"));
        QCOMPARE(buyer["spike_direction_bias"]["edge"].get<std::string>(), std::string("none demonstrated"));
        QCOMPARE(buyer["spike_direction_bias"]["evaluation"]["auc"].get<double>(), 0.50);
        QCOMPARE(buyer["theta_edge"]["edge"].get<std::string>(), std::string("demonstrated"));
        QCOMPARE(buyer["theta_edge"]["evaluation"]["auc"].get<double>(), 0.60);
        const auto errors = validateAgainstSchema(reportSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }

    // The dashboard draws gamma window scores on 0..1 (its busiest window was 1.0); the unbounded
    // variance ratio travels beside them and a score above 1 is refused.
    void gammaWindowScoresStayOnTheDashboardScale()
    {
        json document = toJson(sampleReport());
        const json& window = document["buyer"]["gamma_windows"][0];
        QCOMPARE(window["score"].get<double>(), 0.55);
        QCOMPARE(window["ratio"].get<double>(), 1.1);
        auto errors = validateAgainstSchema(reportSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
        document["buyer"]["gamma_windows"][0]["score"] = 51.0;
        errors = validateAgainstSchema(reportSchema(), document);
        QCOMPARE(errors.size(), std::size_t(1));
        QVERIFY(errors.front().find("$.buyer.gamma_windows[0].score") != std::string::npos);
    }

    // A label or regime that could not be determined is null with its object's reason, as the issue
    // asks of anything not computable; "" is outside every value set.
    void anUndeterminedLabelIsNullWithAReason()
    {
        TickerReport report = sampleReport();
        report.seller.trap = {std::nullopt, QString(), std::nullopt, std::nullopt, QStringLiteral("no implied-vol history for RELIANCE")};
        report.execution.regime.clear();
        report.execution.regimeProbability.reset();
        report.execution.reason = QStringLiteral("NIFTY is an index: no order book of its own");
        report.buyer.regime.clear();
        json document = toJson(report);
        QVERIFY(document["seller"]["trap"]["label"].is_null());
        QCOMPARE(document["seller"]["trap"]["reason"].get<std::string>(), std::string("no implied-vol history for RELIANCE"));
        QVERIFY(document["execution"]["regime"].is_null());
        QVERIFY(document["buyer"]["regime"].is_null());
        auto errors = validateAgainstSchema(reportSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
        document["seller"]["trap"]["label"] = "";
        errors = validateAgainstSchema(reportSchema(), document);
        QCOMPARE(errors.size(), std::size_t(1));
    }

    // The close the seller's ranges are measured from, with its session; null without one.
    void sellerNamesItsReferenceClose()
    {
        TickerReport report = sampleReport();
        report.seller.referenceClose = 26215.55;
        report.seller.referenceSession = QDate(2025, 11, 27);
        json document = toJson(report);
        QCOMPARE(document["seller"]["reference_close"].get<double>(), 26215.55);
        QCOMPARE(document["seller"]["reference_session"].get<std::string>(), std::string("2025-11-27"));
        report.seller.referenceClose.reset();
        report.seller.referenceSession = QDate();
        document = toJson(report);
        QVERIFY(document["seller"]["reference_close"].is_null());
        QVERIFY(document["seller"]["reference_session"].is_null());
        const auto errors = validateAgainstSchema(reportSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }

    // India VIX and the regime carry the session they are from, so a reader can tell an old VIX from
    // today's; null when there is none.
    void marketFiguresNameTheirSession()
    {
        TickerReport report = sampleReport();
        report.market.vixAsOf = QDate(2025, 11, 21);
        json document = toJson(report);
        QCOMPARE(document["market"]["vix_as_of"].get<std::string>(), std::string("2025-11-21"));
        QCOMPARE(document["market"]["regime_as_of"].get<std::string>(), std::string("2025-11-27"));
        report.market.vix.reset();
        report.market.vixChange.reset();
        report.market.vixChangePct.reset();
        report.market.vixAsOf = QDate();
        document = toJson(report);
        QVERIFY(document["market"]["vix_as_of"].is_null());
        const auto errors = validateAgainstSchema(reportSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }

    void calibrationComesWithItsSamplingFloor()
    {
        TickerReport report = sampleReport();
        json document = toJson(report);
        QCOMPARE(document["evaluation"]["models"][0]["ece_floor"].get<double>(), 0.011);
        QCOMPARE(document["direction"]["horizons"]["t1"]["evaluation"]["ece_floor"].get<double>(), 0.009);
        QCOMPARE(document["evaluation"]["models"][0]["ece_p"].get<double>(), 0.04);
        QCOMPARE(document["direction"]["horizons"]["t1"]["evaluation"]["ece_p"].get<double>(), 0.35);
        // A generation saved before the floor existed has none: null, never a made-up number.
        report.evaluation.models[0].eceFloor.reset();
        report.evaluation.models[0].eceP.reset();
        document = toJson(report);
        QVERIFY(document["evaluation"]["models"][0]["ece_floor"].is_null());
        QVERIFY(document["evaluation"]["models"][0]["ece_p"].is_null());
        const auto errors = validateAgainstSchema(reportSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }

    void unavailableValuesAreNullWithAReason()
    {
        TickerReport report = sampleReport(QStringLiteral("RELIANCE"));
        report.meta.kind = QStringLiteral("stock");
        report.seller.maxPain = {};
        report.seller.maxPain.reason = QStringLiteral("no option chain stored for RELIANCE");
        report.seller.skew = {std::nullopt, std::nullopt, std::nullopt, QString(), QStringLiteral("no implied volatility")};
        const json document = toJson(report);
        QVERIFY(document["seller"]["max_pain"]["lower"].is_null());
        QCOMPARE(document["seller"]["max_pain"]["reason"].get<std::string>(), std::string("no option chain stored for RELIANCE"));
        QVERIFY(!document["seller"]["trap"].contains("reason"));
        const auto errors = validateAgainstSchema(reportSchema(), document);
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }

    void keepsEveryFieldTheDashboardReads()
    {
        QFile file(QStringLiteral(AEGIS_SHARED_REFERENCE_DIR "/aegismatrix.example.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "reference aegismatrix.example.json not found beside the project");
        const QByteArray bytes = file.readAll();
        std::map<std::string, std::string> reference, ours;
        collectPaths(json::parse(bytes.constBegin(), bytes.constEnd()), "", reference);
        collectPaths(toJson(sampleReport()), "", ours);
        for (const auto& [path, kind] : reference) {
            QVERIFY2(ours.count(path), ("missing dashboard field " + path).c_str());
            QVERIFY2(ours[path] == kind, ("dashboard field " + path + " changed kind: " + kind + " -> " + ours[path]).c_str());
        }
    }

    // The dashboard reads no `meta`: a DEMO report says so first in both flags' reasons, a real one not.
    void demoIsNamedInTheFieldsTheDashboardReads()
    {
        TickerReport report = sampleReport();
        const json demo = toJson(report);
        for (const json& reasons : {demo["seller"]["seller_flag"]["reasons"], demo["buyer"]["buyer_environment"]["reasons"]}) {
            QCOMPARE(reasons.size(), std::size_t{2});
            QCOMPARE(reasons[0].get<std::string>(), std::string(kDemoFlagReason));
        }
        QCOMPARE(demo["seller"]["seller_flag"]["reasons"][1].get<std::string>(), std::string("VIX in its lowest quintile"));
        report.meta.dataSource = QStringLiteral("csv");
        const json real = toJson(report);
        QCOMPARE(real["seller"]["seller_flag"]["reasons"].size(), std::size_t{1});
        QCOMPARE(real["buyer"]["buyer_environment"]["reasons"].size(), std::size_t{1});
    }

    void validatorReportsViolations()
    {
        json document = toJson(sampleReport());
        document["direction"]["horizons"]["t1"]["direction"] = "SIDEWAYS";
        document["seller"]["trap"]["score"] = 1.5;
        document["market"].erase("spot");
        document["buyer"]["surprise"] = 1;
        const auto errors = validateAgainstSchema(reportSchema(), document);
        QCOMPARE(errors.size(), std::size_t(4));
        auto mentions = [&](const std::string& fragment) {
            return std::any_of(errors.begin(), errors.end(), [&](const std::string& e) { return e.find(fragment) != std::string::npos; });
        };
        QVERIFY(mentions("$.direction.horizons.t1.direction"));
        QVERIFY(mentions("$.seller.trap.score"));
        QVERIFY(mentions("missing required field 'spot'"));
        QVERIFY(mentions("$.buyer.surprise"));
    }

    void nonFiniteNumbersAreRefusedWithTheirPath()
    {
        TickerReport report = sampleReport();
        report.seller.safeRange.lower = std::numeric_limits<double>::quiet_NaN();
        try {
            serialise(toJson(report));
            QFAIL("NaN was serialised");
        } catch (const std::domain_error& error) {
            QVERIFY2(std::string(error.what()).find("seller.safe_range.lower") != std::string::npos, error.what());
        }
    }

    // A folder export prints the evaluation its reports share once; every file must still be exactly
    // what serialise(toJson(report)) gives, and a different evaluation, or a NaN in one, must show.
    void sharedEvaluationIsPrintedOnceWithTheSameBytes()
    {
        ReportSerialiser serialiser;
        const TickerReport nifty = sampleReport();
        QVERIFY(!nifty.evaluation.models.empty());
        QCOMPARE(serialiser.serialise(nifty), serialise(toJson(nifty)));
        TickerReport mm = sampleReport(QStringLiteral("M&M"));
        mm.seller.historicalHitRate = 0.83;
        QCOMPARE(serialiser.serialise(mm), serialise(toJson(mm)));

        TickerReport retrained = sampleReport(QStringLiteral("TCS"));
        retrained.evaluation.models.front().auc = 0.71;
        QCOMPARE(serialiser.serialise(retrained), serialise(toJson(retrained)));
        TickerReport unevaluated = sampleReport(QStringLiteral("SBIN"));
        unevaluated.evaluation = {};
        QCOMPARE(serialiser.serialise(unevaluated), serialise(toJson(unevaluated)));
        QCOMPARE(serialiser.serialise(nifty), serialise(toJson(nifty)));

        TickerReport broken = sampleReport(QStringLiteral("ITC"));
        broken.evaluation.models.front().ece = std::numeric_limits<double>::quiet_NaN();
        try {
            serialiser.serialise(broken);
            QFAIL("NaN in the evaluation was serialised");
        } catch (const std::domain_error& error) {
            QVERIFY2(std::string(error.what()).find("evaluation.models[0].ece") != std::string::npos, error.what());
        }
        broken = sampleReport(QStringLiteral("ITC"));
        broken.market.vix = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(std::domain_error, serialiser.serialise(broken));
    }

    void reportFileRoundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("aegismatrix.json"));
        writeReportFile(path, sampleReport());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(json::parse(bytes.constBegin(), bytes.constEnd()) == toJson(sampleReport()));
    }

    void folderExportIsReplacedOnlyWhenComplete()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("reports"));
        const std::vector<UnreportedTicker> unreported{
            {QStringLiteral("ACC"), QStringLiteral("ACC Ltd."), QStringLiteral("119 final daily bars, at least 120 needed")}};
        writeReportFolder(folder, {sampleReport(QStringLiteral("NIFTY")), sampleReport(QStringLiteral("M&M"))}, unreported);
        QVERIFY(QFile::exists(folder + QStringLiteral("/M&M.json")));
        QFile index(folder + QStringLiteral("/index.json"));
        QVERIFY(index.open(QIODevice::ReadOnly));
        const QByteArray indexBytes = index.readAll();
        const json indexDocument = json::parse(indexBytes.constBegin(), indexBytes.constEnd());
        QCOMPARE(indexDocument["count"].get<int>(), 2);
        QCOMPARE(indexDocument["reports"].size(), std::size_t(2));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/ACC.json")));
        QVERIFY(indexDocument["unreported"]
                == json::parse(R"([{"ticker": "ACC", "name": "ACC Ltd.", "reason": "119 final daily bars, at least 120 needed"}])"));

        TickerReport broken = sampleReport(QStringLiteral("SBIN"));
        broken.market.vix = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(std::domain_error, writeReportFolder(folder, {sampleReport(QStringLiteral("TCS")), broken}, {}));
        QVERIFY(QFile::exists(folder + QStringLiteral("/M&M.json")));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/TCS.json")));

        writeReportFolder(folder, {sampleReport(QStringLiteral("TCS"))}, {});
        QVERIFY(QFile::exists(folder + QStringLiteral("/TCS.json")));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/M&M.json")));
        QVERIFY(!QDir(folder + QStringLiteral(".staging")).exists() && !QDir(folder + QStringLiteral(".previous")).exists());
    }

    // `--out-dir ~/Documents` used to delete the folder and everything in it.
    void folderExportNeverReplacesWhatIsNotAnExport()
    {
        QTemporaryDir dir;
        const std::vector<TickerReport> reports{sampleReport()};
        const auto writeFile = [](const QString& path, const QByteArray& bytes) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        };
        const QString documents = dir.filePath(QStringLiteral("documents"));
        QVERIFY(QDir().mkpath(documents + QStringLiteral("/drafts")));
        writeFile(documents + QStringLiteral("/thesis.txt"), "precious");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeReportFolder(documents, reports, {}));
        QVERIFY(QFile::exists(documents + QStringLiteral("/thesis.txt")));
        QVERIFY(QDir(documents + QStringLiteral("/drafts")).exists());
        QVERIFY(!QDir(documents + QStringLiteral(".staging")).exists());

        // JSON files that are not an export (no index.json), a regular file, and no folder at all.
        const QString settings = dir.filePath(QStringLiteral("settings"));
        QVERIFY(QDir().mkpath(settings));
        writeFile(settings + QStringLiteral("/layout.json"), "{}");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeReportFolder(settings, reports, {}));
        QVERIFY(QFile::exists(settings + QStringLiteral("/layout.json")));
        const QString plain = dir.filePath(QStringLiteral("notes.json"));
        writeFile(plain, "{}");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeReportFolder(plain, reports, {}));
        QVERIFY(QFileInfo(plain).isFile());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeReportFolder(QString(), reports, {}));

        // A sibling named like the staging folder but holding someone's files is not removed either.
        const QString reportsFolder = dir.filePath(QStringLiteral("reports"));
        QVERIFY(QDir().mkpath(reportsFolder + QStringLiteral(".staging")));
        writeFile(reportsFolder + QStringLiteral(".staging/keep.txt"), "mine");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeReportFolder(reportsFolder, reports, {}));
        QVERIFY(QFile::exists(reportsFolder + QStringLiteral(".staging/keep.txt")));

        // An empty folder and an earlier export are replaced.
        const QString empty = dir.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        writeReportFolder(empty, reports, {});
        QVERIFY(QFile::exists(empty + QStringLiteral("/index.json")));
        writeReportFolder(empty, {sampleReport(QStringLiteral("TCS"))}, {});
        QVERIFY(QFile::exists(empty + QStringLiteral("/TCS.json")));

        // A snapshot saved beside an earlier export is not in its index: the folder is no longer only an export.
        writeFile(empty + QStringLiteral("/reliance_monday.json"), "{}");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeReportFolder(empty, reports, {}));
        QVERIFY(QFile::exists(empty + QStringLiteral("/reliance_monday.json")));
        QVERIFY(QFile::exists(empty + QStringLiteral("/TCS.json")));
    }

    void hostileTickerNamesNeverBecomeFileNames()
    {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 writeReportFolder(dir.filePath(QStringLiteral("out")), {sampleReport(QStringLiteral("../x"))}, {}));
    }
};

QTEST_GUILESS_MAIN(ReportJsonTest)
#include "test_report_json.moc"
