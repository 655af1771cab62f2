#pragma once

// Internal to models/xgb: the only place besides the .cpp files that sees the XGBoost C API.

#include <xgboost/c_api.h>

#include <memory>
#include <string>
#include <string_view>

namespace aegis::models::xgb::detail {

// Throws XgbError naming `call` and `model` when `returnCode` is not 0. XGBGetLastError is
// thread-local in XGBoost, so this must run on the thread that made the call, right after it.
void check(int returnCode, std::string_view call, std::string_view model);

// XGBoost's last error without the "[hh:mm:ss] " prefix and the stack trace it appends.
std::string cleanedLastError();

struct DMatrixFree {
    void operator()(void* handle) const noexcept { XGDMatrixFree(handle); }
};
struct BoosterFree {
    void operator()(void* handle) const noexcept { XGBoosterFree(handle); }
};
using DMatrixOwner = std::unique_ptr<void, DMatrixFree>;
using BoosterOwner = std::unique_ptr<void, BoosterFree>;

}  // namespace aegis::models::xgb::detail
