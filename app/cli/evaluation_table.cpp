#include "app/cli/evaluation_table.h"

namespace aegis::cli {

namespace {

QString number(const std::optional<double>& value, int decimals)
{
    return value ? QString::number(*value, 'f', decimals) : QStringLiteral("-");
}

QString skillText(const std::optional<double>& skill, const std::optional<double>& low, const std::optional<double>& high)
{
    return low && high ? QStringLiteral("%1 [%2, %3]").arg(number(skill, 3), number(low, 3), number(high, 3)) : number(skill, 3);
}

}  // namespace

void printEvaluationTable(QTextStream& out, const engines::report::Evaluation& evaluation)
{
    // The data range the walk-forward ran over, not its test windows (those start later, per model).
    out << "Walk-forward evaluation on data from " << evaluation.from.toString(Qt::ISODate) << " to "
        << evaluation.to.toString(Qt::ISODate) << "\n";
    // Direction ensembles' intervals are Bonferroni-wide (99.2%), the others 95%; see docs/engines.md.
    // "floor": the ECE a perfectly calibrated forecaster would show on the same rows; "ECE p": how often
    // it shows one at least as large as observed (calibration_floor.h). "skill": Brier skill for
    // classifiers, pinball skill against each fold's training quantile for quantile models. Coverage
    // (quantile models, safe ranges) comes with its interval and after "/" its nominal level.
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
               .arg(QStringLiteral("engine"), -10).arg(QStringLiteral("target"), -22).arg(QStringLiteral("h"), 3)
               .arg(QStringLiteral("n"), 8).arg(QStringLiteral("AUC [interval]"), -22).arg(QStringLiteral("skill [interval]"), -24)
               .arg(QStringLiteral("ECE or coverage"), -27).arg(QStringLiteral("floor"), 6).arg(QStringLiteral("ECE p"), 6)
               .arg(QStringLiteral("placebo"), 7).arg(QStringLiteral("edge"));
    for (const engines::report::ModelEvaluation& model : evaluation.models) {
        const QString auc = model.auc ? QStringLiteral("%1 [%2, %3]").arg(number(model.auc, 3), number(model.aucLow, 3), number(model.aucHigh, 3))
                                      : QStringLiteral("-");
        const QString skill = model.pinballSkill ? skillText(model.pinballSkill, model.pinballSkillLow, model.pinballSkillHigh)
                                                 : skillText(model.brierSkill, model.brierSkillLow, model.brierSkillHigh);
        const QString calibration = model.coverage
            ? QStringLiteral("%1 / %2").arg(skillText(model.coverage, model.coverageLow, model.coverageHigh), number(model.nominalCoverage, 2))
            : number(model.ece, 3);
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
                   .arg(model.engine, -10).arg(model.target, -22)
                   .arg(model.horizon ? QString::number(*model.horizon) : QStringLiteral("-"), 3)
                   .arg(model.n, 8).arg(auc, -22).arg(skill, -24).arg(calibration, -27)
                   .arg(number(model.eceFloor, 3), 6).arg(number(model.eceP, 2), 6).arg(number(model.placeboP, 3), 7)
                   .arg(model.edgeDemonstrated ? QStringLiteral("demonstrated") : QStringLiteral("none demonstrated"));
    }
}

}  // namespace aegis::cli
