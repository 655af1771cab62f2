#include "models/xgb/detail/xgb_call.h"

#include "models/xgb/xgb_error.h"

namespace aegis::models::xgb::detail {

std::string cleanedLastError()
{
    const char* raw = XGBGetLastError();
    std::string message = raw ? raw : "";
    if (const auto trace = message.find("\nStack trace:"); trace != std::string::npos)
        message.erase(trace);
    if (message.size() > 11 && message[0] == '[' && message[9] == ']' && message[10] == ' ')
        message.erase(0, 11);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    return message.empty() ? "no error message from XGBoost" : message;
}

void check(int returnCode, std::string_view call, std::string_view model)
{
    if (returnCode != 0)
        throw XgbError(std::string(call), std::string(model), cleanedLastError());
}

}  // namespace aegis::models::xgb::detail
