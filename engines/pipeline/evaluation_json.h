#pragma once

// The walk-forward record of a generation travels as evaluation.json inside it; this reads it back.

#include "engines/report/report_model.h"

#include <nlohmann/json_fwd.hpp>

namespace aegis::engines {

// The inverse of report::toJson(const Evaluation&). Throws nlohmann::json::exception on a malformed document.
report::Evaluation evaluationFromJson(const nlohmann::json& document);

}  // namespace aegis::engines
