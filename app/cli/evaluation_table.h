#pragma once

#include "engines/report/report_model.h"

#include <QTextStream>

namespace aegis::cli {

// One line per model: engine, target, horizon, rows, AUC with its interval, Brier skill, ECE or
// coverage, and whether an edge was demonstrated.
void printEvaluationTable(QTextStream& out, const engines::report::Evaluation& evaluation);

}  // namespace aegis::cli
