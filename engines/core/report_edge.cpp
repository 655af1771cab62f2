#include "engines/core/report_edge.h"

namespace aegis::engines {

report::Edge edgeOf(const models::evaluation::MetricsReport& metrics, bool demonstrated)
{
    report::Edge edge;
    edge.demonstrated = demonstrated;
    edge.auc = metrics.auc;
    if (metrics.aucCi) {
        edge.aucLow = metrics.aucCi->low;
        edge.aucHigh = metrics.aucCi->high;
    }
    edge.brierSkill = metrics.brierSkill;
    edge.ece = metrics.ece;
    if (metrics.placebo)
        edge.placeboP = metrics.placebo->pValue;
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
    evaluation.auc = metrics.auc;
    if (metrics.aucCi) {
        evaluation.aucLow = metrics.aucCi->low;
        evaluation.aucHigh = metrics.aucCi->high;
    }
    evaluation.brierSkill = metrics.brierSkill;
    evaluation.ece = metrics.ece;
    if (metrics.placebo)
        evaluation.placeboP = metrics.placebo->pValue;
    evaluation.edgeDemonstrated = demonstrated;
    for (const models::evaluation::ReliabilityBin& bin : metrics.reliability)
        evaluation.reliability.push_back({bin.lower, bin.upper, std::int64_t(bin.count), bin.meanPredicted, bin.observedFrequency});
    return evaluation;
}

double shownProbability(double modelProbability, bool edgeDemonstrated, double baseRate)
{
    return edgeDemonstrated ? modelProbability : baseRate;
}

}  // namespace aegis::engines
