#include "models/xgb/detail/eval_line.h"

#include "models/xgb/detail/number_text.h"

#include <stdexcept>

namespace aegis::models::xgb::detail {

std::map<std::string, double> parseEvalLine(std::string_view line)
{
    const auto malformed = [&line](const std::string& why) {
        return std::runtime_error("cannot parse XGBoost evaluation line '" + std::string(line) + "': " + why);
    };
    if (line.empty() || line.front() != '[')
        throw malformed("it does not start with [iteration]");
    const auto close = line.find(']');
    if (close == std::string_view::npos || !parseInteger(line.substr(1, close - 1)))
        throw malformed("bad iteration marker");

    std::map<std::string, double> metrics;
    std::string_view rest = line.substr(close + 1);
    while (!rest.empty()) {
        const auto tab = rest.find('\t');
        const std::string_view field = rest.substr(0, tab);
        rest = tab == std::string_view::npos ? std::string_view() : rest.substr(tab + 1);
        if (field.empty())
            continue;
        const auto colon = field.rfind(':');
        if (colon == std::string_view::npos || colon == 0)
            throw malformed("field '" + std::string(field) + "' is not name:value");
        const auto value = parseDouble(field.substr(colon + 1));
        if (!value)
            throw malformed("value in '" + std::string(field) + "' is not a number");
        metrics[std::string(field.substr(0, colon))] = *value;
    }
    if (metrics.empty())
        throw malformed("no metrics");
    return metrics;
}

}  // namespace aegis::models::xgb::detail
