#include "ui/window/training_summary_text.h"

#include <QStringList>

#include <map>

namespace aegis::ui {

namespace {

struct EngineRecord {
    double aucSum = 0.0;
    int withAuc = 0;
    int withEdge = 0;
    int models = 0;
};

std::map<QString, EngineRecord> recordsByEngine(const engines::report::Evaluation& evaluation)
{
    std::map<QString, EngineRecord> records;
    for (const engines::report::ModelEvaluation& model : evaluation.models) {
        EngineRecord& record = records[model.engine];
        ++record.models;
        if (model.auc) {
            record.aucSum += *model.auc;
            ++record.withAuc;
        }
        if (model.edgeDemonstrated)
            ++record.withEdge;
    }
    return records;
}

QString describeRecord(const EngineRecord& record)
{
    const QString auc = record.withAuc > 0 ? QString::number(record.aucSum / record.withAuc, 'f', 3) : QStringLiteral("—");
    return QStringLiteral("mean AUC %1, edge on %2/%3").arg(auc).arg(record.withEdge).arg(record.models);
}

// Two engines train at once (engines/core/run_lanes.h), so their times add up to more than the whole.
QString timingText(const QStringList& timing)
{
    if (timing.isEmpty())
        return {};
    if (timing.size() == 1)
        return QStringLiteral(" (%1)").arg(timing.front());
    return QStringLiteral(" (each engine's own time, two at once: %1)").arg(timing.join(QStringLiteral(", ")));
}

}  // namespace

QString describeTrainingSummary(const TrainingSummary& summary)
{
    QStringList timing;
    for (const auto& [engine, seconds] : summary.engineSeconds)
        timing << QStringLiteral("%1 %2 s").arg(engine, QString::number(seconds, 'f', 1));
    QStringList lines;
    lines << QStringLiteral("Retrained in %1 s%2. Generation %3 is now current%4.")
                 .arg(QString::number(summary.seconds, 'f', 1),
                      timingText(timing),
                      summary.generationId,
                      summary.previousGenerationId.isEmpty() ? QString()
                                                             : QStringLiteral(" (was %1)").arg(summary.previousGenerationId));

    const std::map<QString, EngineRecord> now = recordsByEngine(summary.evaluation);
    const std::map<QString, EngineRecord> before = recordsByEngine(summary.previousEvaluation);
    QStringList engines;
    for (const auto& [engine, record] : now) {
        const auto previous = before.find(engine);
        engines << QStringLiteral("%1: %2%3").arg(engine, describeRecord(record),
                                                  previous == before.end() ? QString()
                                                                           : QStringLiteral(" (was %1)").arg(describeRecord(previous->second)));
    }
    if (!engines.isEmpty())
        lines << engines.join(QStringLiteral("; ")) + QLatin1Char('.');
    return lines.join(QLatin1Char('\n'));
}

}  // namespace aegis::ui
