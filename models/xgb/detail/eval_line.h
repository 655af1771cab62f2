#pragma once

#include <map>
#include <string>
#include <string_view>

namespace aegis::models::xgb::detail {

// Parses XGBoosterEvalOneIter's "[12]\ttrain-logloss:0.25\tvalid-logloss:0.31" into
// {"train-logloss": 0.25, "valid-logloss": 0.31} with std::from_chars, so the process locale (a decimal
// comma) cannot change the numbers. Throws std::runtime_error on anything else.
std::map<std::string, double> parseEvalLine(std::string_view line);

}  // namespace aegis::models::xgb::detail
