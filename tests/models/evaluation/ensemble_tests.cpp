#include "synthetic_data.h"

#include "models/evaluation/probability_ensemble.h"
#include "models/evaluation/probability_metrics.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <limits>
#include <stdexcept>

using namespace aegis::models::evaluation;
using namespace aegis::models::evaluation::testing;

namespace {

// Labels from sigmoid(signal); each "model" sees the signal through its own amount of noise.
struct ValidationSet {
    std::vector<int> labels;
    std::vector<std::vector<double>> memberProbabilities;
};

ValidationSet validationSet(std::size_t n, const std::vector<double>& memberNoise, std::uint64_t seed)
{
    SyntheticSource source(seed);
    ValidationSet set;
    set.memberProbabilities.resize(memberNoise.size());
    for (std::size_t i = 0; i < n; ++i) {
        const double signal = source.normal(0.0, 1.5);
        set.labels.push_back(source.bernoulli(sigmoid(signal)));
        for (std::size_t m = 0; m < memberNoise.size(); ++m)
            set.memberProbabilities[m].push_back(sigmoid(signal + source.normal(0.0, memberNoise[m])));
    }
    return set;
}

}  // namespace

class EnsembleTests : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void weightFavoursTheBetterModel()
    {
        const ValidationSet set = validationSet(6000, {0.2, 3.0}, 21);
        const auto ensemble = ProbabilityEnsemble::fitOnValidation(set.memberProbabilities, set.labels);
        QVERIFY2(ensemble.weights()[0] > 0.8, qPrintable(QString::number(ensemble.weights()[0])));
        QVERIFY(std::abs(ensemble.weights()[0] + ensemble.weights()[1] - 1.0) < 1e-12);
        QVERIFY(ensemble.validationLogLoss().has_value());
        QVERIFY(*ensemble.validationLogLoss() <= ensemble.memberValidationLogLoss()[0] + 1e-12);
        QVERIFY(*ensemble.validationLogLoss() <= ensemble.memberValidationLogLoss()[1] + 1e-12);

        // Swapping the members swaps the weights.
        const auto swapped = ProbabilityEnsemble::fitOnValidation(
            std::vector<std::vector<double>>{set.memberProbabilities[1], set.memberProbabilities[0]}, set.labels);
        QVERIFY(std::abs(swapped.weights()[1] - ensemble.weights()[0]) < 1e-4);
    }

    void equallyGoodIndependentModelsAreMixed()
    {
        const ValidationSet set = validationSet(20000, {1.0, 1.0}, 22);
        const auto ensemble = ProbabilityEnsemble::fitOnValidation(set.memberProbabilities, set.labels);
        QVERIFY2(std::abs(ensemble.weights()[0] - 0.5) < 0.1, qPrintable(QString::number(ensemble.weights()[0])));
        const double mixed = logLoss(ensemble.combine(set.memberProbabilities), set.labels);
        QVERIFY(std::abs(mixed - *ensemble.validationLogLoss()) < 1e-12);
        QVERIFY(mixed < ensemble.memberValidationLogLoss()[0]);
        QVERIFY(mixed < ensemble.memberValidationLogLoss()[1]);
    }

    void uselessMemberGetsNoWeight()
    {
        ValidationSet set = validationSet(5000, {0.3}, 23);
        set.memberProbabilities.push_back(std::vector<double>(set.labels.size(), 0.5));
        const auto ensemble = ProbabilityEnsemble::fitOnValidation(set.memberProbabilities, set.labels);
        QVERIFY(ensemble.weights()[0] > 0.95);
    }

    void gridSearchForThreeMembers()
    {
        const ValidationSet set = validationSet(6000, {3.0, 0.2, 3.0}, 24);
        const auto ensemble = ProbabilityEnsemble::fitOnValidation(set.memberProbabilities, set.labels);
        QCOMPARE(ensemble.weights().size(), std::size_t{3});
        QVERIFY(ensemble.weights()[1] >= 0.8);
        double sum = 0.0;
        for (double weight : ensemble.weights())
            sum += weight;
        QVERIFY(std::abs(sum - 1.0) < 1e-12);
    }

    void multiclassMembersAreWeighted()
    {
        SyntheticSource source(25);
        const Eigen::Index n = 4000;
        Eigen::MatrixXd sharp(n, 3);
        Eigen::MatrixXd vague = Eigen::MatrixXd::Constant(n, 3, 1.0 / 3.0);
        std::vector<int> labels;
        for (Eigen::Index row = 0; row < n; ++row) {
            const int label = static_cast<int>(source.uniform() * 3.0);
            labels.push_back(label);
            sharp.row(row).setConstant(0.15);
            sharp(row, label) = 0.7;
        }
        const auto ensemble =
            ProbabilityEnsemble::fitOnValidation(std::vector<Eigen::MatrixXd>{vague, sharp}, labels);
        QVERIFY(ensemble.weights()[1] > 0.99);
        const Eigen::MatrixXd combined = ensemble.combine(std::vector<Eigen::MatrixXd>{vague, sharp});
        QVERIFY(std::abs(combined.row(0).sum() - 1.0) < 1e-12);
    }

    void roundTripsThroughJson()
    {
        const ValidationSet set = validationSet(2000, {0.5, 1.5}, 26);
        const auto ensemble = ProbabilityEnsemble::fitOnValidation(set.memberProbabilities, set.labels);
        const auto restored = ProbabilityEnsemble::fromJson(nlohmann::json::parse(ensemble.toJson().dump()));
        QCOMPARE(restored.weights(), ensemble.weights());
        QCOMPARE(restored.validationLogLoss(), ensemble.validationLogLoss());
        QCOMPARE(restored.memberValidationLogLoss(), ensemble.memberValidationLogLoss());
        const ProbabilityEnsemble explicitWeights(std::vector<double>{0.25, 0.75});
        QVERIFY(!ProbabilityEnsemble::fromJson(explicitWeights.toJson()).validationLogLoss().has_value());
    }

    void badInputIsRejected()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<int> labels{0, 1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 ProbabilityEnsemble::fitOnValidation(
                                     std::vector<std::vector<double>>{{0.2, nan}, {0.3, 0.6}}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ProbabilityEnsemble::fitOnValidation(
                                                            std::vector<std::vector<double>>{{0.2, 0.7}}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 ProbabilityEnsemble::fitOnValidation(
                                     std::vector<std::vector<double>>{{0.2, 0.7}, {0.3}}, labels));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ProbabilityEnsemble(std::vector<double>{0.5, 0.6}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ProbabilityEnsemble(std::vector<double>{1.5, -0.5}));
        const ProbabilityEnsemble ensemble(std::vector<double>{0.5, 0.5});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 ensemble.combine(std::vector<std::vector<double>>{{0.2, 0.7}, {0.3, nan}}));
    }
};

int runEnsembleTests(int argc, char** argv)
{
    EnsembleTests tests;
    return QTest::qExec(&tests, argc, argv);
}

#include "ensemble_tests.moc"
