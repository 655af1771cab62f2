#pragma once

#include <cstddef>
#include <map>
#include <string>

namespace aegis::models::xgb::detail {

struct ModelSummary {
    std::string objective;  // XGBoost objective name, e.g. "binary:logistic"
    int numClass = 0;       // XGBoost's num_class (0 for single-output models)
    int numFeature = 0;
    std::map<std::string, std::string> attributes;
};

// Parses model bytes (JSON, or UBJSON when the byte after '{' is not JSON syntax) with nlohmann's
// bounds-checked readers and checks the tree structure: array sizes, child indices in range, no cycles,
// split features below num_feature, finite thresholds and leaf values, numerical splits only.
// XGBoost 1.7 must never see unchecked bytes: its UBJSON reader copies strings past the end of a
// truncated buffer (a crash, found by this area's tests) and its predictor trusts child indices.
// Throws ModelFormatError describing the first defect.
ModelSummary validateModelBytes(const char* data, std::size_t size);

}  // namespace aegis::models::xgb::detail
