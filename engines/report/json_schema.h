#pragma once

// A validator for the part of JSON Schema draft-07 that resources/schema/aegismatrix.schema.json uses:
// type (one or several), properties, required, additionalProperties (boolean), items, enum, minimum,
// maximum, exclusiveMinimum, minItems, maxItems, minLength, pattern, and local "$ref" into
// "#/definitions/". A keyword outside that set is reported as an error rather than silently ignored,
// so the schema cannot drift beyond what is checked.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace aegis::engines::report {

// Every violation as "<path>: <what is wrong>"; empty when the document is valid.
std::vector<std::string> validateAgainstSchema(const nlohmann::json& schema, const nlohmann::json& document);

// The aegismatrix.json schema compiled into the application.
const nlohmann::json& reportSchema();

}  // namespace aegis::engines::report
