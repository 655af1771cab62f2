#include "synthetic_data.h"

#include "models/evaluation/metrics_report.h"
#include "models/evaluation/missing_labels.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <limits>
#include <stdexcept>

using namespace aegis::models::evaluation;
using namespace aegis::models::evaluation::testing;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct BinarySample {
    std::vector<double> probabilities;
    std::vector<int> labels;
};

// Labels from sigmoid(strength * x); the model reports exactly that probability.
BinarySample calibratedSample(std::size_t n, double strength, std::uint64_t seed)
{
    SyntheticSource source(seed);
    BinarySample sample;
    for (std::size_t i = 0; i < n; ++i) {
        const double p = sigmoid(strength * source.normal());
        sample.probabilities.push_back(p);
        sample.labels.push_back(source.bernoulli(p));
    }
    return sample;
}

}  // namespace

class ReportTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void binaryReportFillsEveryClassifierField()
    {
        const BinarySample sample = calibratedSample(3000, 2.0, 41);
        EvaluationOptions options;
        options.bootstrap.resamples = 300;
        options.skippedMissingLabels = 7;
        const MetricsReport report = evaluateBinaryClassifier(sample.probabilities, sample.labels, 0.5, options);
        QCOMPARE(report.n, std::size_t{3000});
        QCOMPARE(report.skippedMissingLabels, std::size_t{7});
        QVERIFY(report.auc && report.aucCi && report.brier && report.brierSkill && report.logLoss && report.ece);
        QVERIFY(report.aucCi->low < *report.auc && *report.auc < report.aucCi->high);
        QVERIFY(*report.brierSkill > 0.0);
        QVERIFY(report.brierSkillCi && report.brierSkillCi->low < *report.brierSkill && *report.brierSkill < report.brierSkillCi->high);
        QVERIFY(report.brierSkillCi->low > 0.0);
        QVERIFY(*report.ece < 0.05);
        QVERIFY(*report.accuracy > *report.baselineAccuracy);
        QVERIFY(!report.reliability.empty());
        QVERIFY(!report.coverage && !report.pinball && !report.spearmanIc);
        QVERIFY(edgeDemonstrated(report));

        // The same forecasts fail when their time-shifted placebo does as well as they do.
        MetricsReport lucky = report;
        lucky.placebo = PlaceboTest{0.2, 0.05, 99};
        QVERIFY(!edgeDemonstrated(lucky));
        lucky.placebo->pValue = 0.01;
        QVERIFY(edgeDemonstrated(lucky));
    }

    void noEdgeWithoutSignal()
    {
        SyntheticSource source(42);
        std::vector<double> probabilities;
        std::vector<int> labels;
        for (int i = 0; i < 2000; ++i) {
            probabilities.push_back(source.uniform());
            labels.push_back(source.bernoulli(0.5));
        }
        const MetricsReport report = evaluateBinaryClassifier(probabilities, labels, 0.5);
        QVERIFY(report.aucCi->low < 0.5);
        QVERIFY(!edgeDemonstrated(report));

        // One class only: AUC undefined, so no interval and no edge; the other metrics are still there.
        const MetricsReport oneClass =
            evaluateBinaryClassifier(std::vector<double>{0.7, 0.8}, std::vector<int>{1, 1}, 0.5);
        QVERIFY(!oneClass.auc && !oneClass.aucCi && oneClass.brier);
        QVERIFY(!edgeDemonstrated(oneClass));
        QVERIFY(!edgeDemonstrated(MetricsReport{}));
    }

    void rankingWithoutSkillIsNoEdge()
    {
        // Ranks well (scores separate the classes) but every probability is far too confident, so it
        // loses to quoting the base rate: no edge may be claimed for such probabilities.
        SyntheticSource source(7);
        std::vector<double> probabilities;
        std::vector<int> labels;
        for (int i = 0; i < 3000; ++i) {
            const int label = source.bernoulli(0.5);
            const double score = 0.5 + (label == 1 ? 0.1 : -0.1) + 0.25 * (source.uniform() - 0.5);
            probabilities.push_back(score > 0.5 ? 0.999 : 0.001);
            labels.push_back(source.uniform() < 0.7 ? label : 1 - label);
        }
        const MetricsReport report = evaluateBinaryClassifier(probabilities, labels, 0.5);
        QVERIFY(report.aucCi->low > 0.5);
        QVERIFY(*report.brierSkill < 0.0);
        QVERIFY(!edgeDemonstrated(report));
    }

    void jsonUsesTheProductFieldNamesAndRoundTrips()
    {
        const BinarySample sample = calibratedSample(1500, 1.0, 43);
        EvaluationOptions options;
        options.bootstrap.resamples = 100;
        options.binning = ReliabilityBinning::EqualMass;
        MetricsReport report = evaluateBinaryClassifier(sample.probabilities, sample.labels, 0.45, options);
        report.spearmanIc = 0.125;
        report.placebo = PlaceboTest{0.015, 0.05, 180};
        const nlohmann::json json = toJson(report);
        for (const char* key : {"n", "auc", "auc_ci", "brier", "brier_skill", "log_loss", "ece", "ece_floor",
                                "ece_p", "reliability", "accuracy", "baseline_accuracy", "coverage", "pinball", "spearman_ic", "placebo"})
            QVERIFY2(json.contains(key), key);
        QVERIFY(json.at("auc_ci").is_array() && json.at("auc_ci").size() == 2);
        QVERIFY(json.at("coverage").is_null());
        const nlohmann::json& firstBin = json.at("reliability").at(0);
        for (const char* key : {"lower", "upper", "count", "mean_predicted", "observed_frequency"})
            QVERIFY2(firstBin.contains(key), key);

        const MetricsReport restored = metricsReportFromJson(nlohmann::json::parse(json.dump()));
        QVERIFY(restored == report);
        // Generations written before the placebo existed still load, without one.
        nlohmann::json older = json;
        older.erase("placebo");
        QVERIFY(!metricsReportFromJson(older).placebo);
        older.erase("ece_floor");
        older.erase("ece_p");
        QVERIFY(!metricsReportFromJson(older).eceFloor);
        QVERIFY(!metricsReportFromJson(older).eceP);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, metricsReportFromJson(nlohmann::json{{"auc", 0.5}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 metricsReportFromJson(nlohmann::json{{"n", 3}, {"auc", "high"}}));
    }

    void multiclassQuantileAndMagnitudeReports()
    {
        SyntheticSource source(44);
        const Eigen::Index n = 900;
        Eigen::MatrixXd probabilities(n, 3);
        std::vector<int> labels;
        for (Eigen::Index row = 0; row < n; ++row) {
            const int label = static_cast<int>(source.uniform() * 3.0);
            labels.push_back(label);
            probabilities.row(row).setConstant(0.25);
            probabilities(row, label) = 0.5;
        }
        EvaluationOptions options;
        options.bootstrap.resamples = 100;
        const MetricsReport multiclass =
            evaluateMulticlassClassifier(probabilities, labels, std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3}, options);
        QCOMPARE(*multiclass.auc, 1.0);
        QCOMPARE(*multiclass.accuracy, 1.0);
        QVERIFY(*multiclass.brierSkill > 0.0);
        QVERIFY(edgeDemonstrated(multiclass));

        const std::vector<double> realised = source.normals(5000);
        const MetricsReport interval =
            evaluateQuantileInterval(realised, std::vector<double>(realised.size(), -1.2815515655446004),
                                     std::vector<double>(realised.size(), 1.2815515655446004), 0.1, 0.9);
        QVERIFY(std::abs(*interval.coverage - 0.8) < 0.03);
        QVERIFY(std::abs(*interval.nominalCoverage - 0.8) < 1e-12);
        QVERIFY(interval.pinball && !interval.auc);

        std::vector<double> predicted;
        for (double value : realised)
            predicted.push_back(std::abs(value) + source.normal(0.0, 0.3));
        std::vector<double> absolute;
        for (double value : realised)
            absolute.push_back(std::abs(value));
        const MetricsReport magnitude = evaluateMagnitudeForecast(predicted, absolute);
        QVERIFY(*magnitude.spearmanIc > 0.7);
        QCOMPARE(magnitude.n, realised.size());
    }

    void blockBootstrapThroughTheReport()
    {
        const BinarySample sample = calibratedSample(1000, 1.5, 45);
        std::vector<std::int64_t> times;
        for (std::size_t row = 0; row < sample.labels.size(); ++row)
            times.push_back(static_cast<std::int64_t>(row / 5));
        EvaluationOptions options;
        options.bootstrap.resamples = 200;
        options.bootstrap.blockLength = 10;
        const MetricsReport report = evaluateBinaryClassifier(sample.probabilities, sample.labels, 0.5, options, times);
        QVERIFY(report.aucCi && report.aucCi->low < *report.auc && *report.auc < report.aucCi->high);
    }

    void missingLabelsAreSkippedAndCounted()
    {
        const std::vector<double> labels{1.0, kNaN, 0.0, 1.0, kNaN};
        const KnownLabelRows known = keepRowsWithKnownLabels(labels);
        QCOMPARE(known.rows, (std::vector<std::size_t>{0, 2, 3}));
        QCOMPARE(known.labels, (std::vector<int>{1, 0, 1}));
        QCOMPARE(known.skippedMissingLabels, std::size_t{2});
        const std::vector<double> probabilities{0.9, 0.5, 0.2, 0.6, 0.4};
        QCOMPARE(selectRows(probabilities, known.rows), (std::vector<double>{0.9, 0.2, 0.6}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, keepRowsWithKnownLabels(std::vector<double>{0.5}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 keepRowsWithKnownLabels(std::vector<double>{std::numeric_limits<double>::infinity()}));
        QCOMPARE(keepRowsWithKnownLabels(std::vector<double>{2.0, kNaN}, 3).labels, (std::vector<int>{2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, selectRows(probabilities, std::vector<std::size_t>{5}));
    }

    void nanPredictionsAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 evaluateBinaryClassifier(std::vector<double>{0.2, kNaN}, std::vector<int>{0, 1}, 0.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 evaluateBinaryClassifier(std::vector<double>{0.2, 0.7}, std::vector<int>{0, 1}, kNaN));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 evaluateQuantileInterval(std::vector<double>{kNaN}, std::vector<double>{0.0},
                                                          std::vector<double>{1.0}, 0.1, 0.9));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 evaluateMagnitudeForecast(std::vector<double>{1.0, kNaN}, std::vector<double>{1.0, 2.0}));
    }
};

int runReportTests(int argc, char** argv)
{
    ReportTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "report_tests.moc"
