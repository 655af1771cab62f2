#include "models/xgb/runtime_settings.h"

#include "models/xgb/detail/xgb_call.h"

#include <atomic>
#include <stdexcept>
#include <string>

namespace aegis::models::xgb {

namespace {
std::atomic<int> configuredThreads{0};
}

void RuntimeSettings::setThreadCount(int threads)
{
    if (threads < 0)
        throw std::invalid_argument("XGBoost thread count must be >= 0 (0 = all cores), got "
                                    + std::to_string(threads));
    configuredThreads.store(threads);
}

int RuntimeSettings::threadCount()
{
    return configuredThreads.load();
}

void RuntimeSettings::setVerbosity(int level)
{
    if (level < 0 || level > 3)
        throw std::invalid_argument("XGBoost verbosity must be 0..3, got " + std::to_string(level));
    const std::string config = "{\"verbosity\":" + std::to_string(level) + "}";
    detail::check(XGBSetGlobalConfig(config.c_str()), "XGBSetGlobalConfig", "(global)");
}

}  // namespace aegis::models::xgb
