#pragma once

// The report's view of a model's walk-forward track record, shared by every engine so all of them
// word their evidence identically.

#include "engines/core/calibrated_models.h"
#include "engines/report/report_model.h"

#include "models/evaluation/metrics_report.h"

#include <QString>

#include <optional>

namespace aegis::engines {

report::Edge edgeOf(const models::evaluation::MetricsReport& metrics, bool demonstrated);
report::Edge edgeOf(const TrackRecord& record);

report::ModelEvaluation modelEvaluationOf(const QString& engine, const QString& target, std::optional<int> horizon,
                                          const models::evaluation::MetricsReport& metrics, bool demonstrated);

// The probability the report may show: the model's when its edge is demonstrated, else the base rate.
double shownProbability(double modelProbability, bool edgeDemonstrated, double baseRate);

}  // namespace aegis::engines
