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
report::ModelEvaluation quantileEvaluationOf(const QString& engine, const QString& target, int horizon,
                                             const QuantileTrackRecord& record);

// "walk-forward AUC 0.612 [0.590, 0.634]" for a reason text; `scoredOn` names what the AUC was measured
// on when it is not the usual later dates ("on held-out tickers").
QString walkForwardAucText(const TrackRecord& record, const QString& scoredOn = {});

// The probability the report may show: the model's when its edge is demonstrated, else the base rate.
double shownProbability(double modelProbability, bool edgeDemonstrated, double baseRate);

}  // namespace aegis::engines
