#include "engines/core/report_edge.h"

namespace aegis::engines {

namespace {

// The scores report::Edge and report::ModelEvaluation both carry, under the same names.
template <typename Scores>
void copyScores(const models::evaluation::MetricsReport& metrics, Scores& out)
{
    out.auc = metrics.auc;
    if (metrics.aucCi) {
        out.aucLow = metrics.aucCi->low;
        out.aucHigh = metrics.aucCi->high;
    }
    out.brierSkill = metrics.brierSkill;
    if (metrics.brierSkillCi) {
        out.brierSkillLow = metrics.brierSkillCi->low;
        out.brierSkillHigh = metrics.brierSkillCi->high;
    }
    out.ece = metrics.ece;
    out.eceFloor = metrics.eceFloor;
    out.eceP = metrics.eceP;
    if (metrics.placebo)
        out.placeboP = metrics.placebo->pValue;
}

}  // namespace

report::Edge edgeOf(const models::evaluation::MetricsReport& metrics, bool demonstrated)
{
    report::Edge edge;
    edge.demonstrated = demonstrated;
    copyScores(metrics, edge);
    edge.evaluatedRows = std::int64_t(metrics.n);
    return edge;
}

report::Edge edgeOf(const TrackRecord& record)
{
    return edgeOf(record.metrics, record.edgeDemonstrated);
}

report::ModelEvaluation modelEvaluationOf(const QString& engine, const QString& target, std::optional<int> horizon,
                                          const models::evaluation::MetricsReport& metrics, bool demonstrated)
{
    report::ModelEvaluation evaluation;
    evaluation.engine = engine;
    evaluation.target = target;
    evaluation.horizon = horizon;
    evaluation.n = std::int64_t(metrics.n);
    copyScores(metrics, evaluation);
    evaluation.edgeDemonstrated = demonstrated;
    for (const models::evaluation::ReliabilityBin& bin : metrics.reliability)
        evaluation.reliability.push_back({bin.lower, bin.upper, std::int64_t(bin.count), bin.meanPredicted, bin.observedFrequency});
    return evaluation;
}

report::ModelEvaluation quantileEvaluationOf(const QString& engine, const QString& target, int horizon,
                                             const QuantileTrackRecord& record)
{
    report::ModelEvaluation evaluation;
    evaluation.engine = engine;
    evaluation.target = target;
    evaluation.horizon = horizon;
    evaluation.n = std::int64_t(record.n);
    evaluation.coverage = record.coverage;
    evaluation.coverageLow = record.coverageLow;
    evaluation.coverageHigh = record.coverageHigh;
    evaluation.nominalCoverage = record.quantile;
    evaluation.pinballSkill = record.pinballSkill;
    evaluation.pinballSkillLow = record.pinballSkillLow;
    evaluation.pinballSkillHigh = record.pinballSkillHigh;
    evaluation.edgeDemonstrated = record.edgeDemonstrated;
    return evaluation;
}

QString walkForwardAucText(const TrackRecord& record, const QString& scoredOn)
{
    const QString measure = scoredOn.isEmpty() ? QStringLiteral("walk-forward AUC") : QStringLiteral("walk-forward AUC ") + scoredOn;
    if (!record.metrics.auc || !record.metrics.aucCi)
        return measure + QStringLiteral(" undefined");
    return measure + QStringLiteral(" %1 [%2, %3]")
                         .arg(*record.metrics.auc, 0, 'f', 3)
                         .arg(record.metrics.aucCi->low, 0, 'f', 3)
                         .arg(record.metrics.aucCi->high, 0, 'f', 3);
}

double shownProbability(double modelProbability, bool edgeDemonstrated, double baseRate)
{
    return edgeDemonstrated ? modelProbability : baseRate;
}

}  // namespace aegis::engines
