#include "models/xgb/xgb_error.h"

namespace aegis::models::xgb {

XgbError::XgbError(std::string call, std::string model, const std::string& xgboostMessage)
    : std::runtime_error("XGBoost call " + call + " failed for model '" + model + "': " + xgboostMessage),
      call_(std::move(call)),
      model_(std::move(model))
{
}

TrainingCancelled::TrainingCancelled(const std::string& model, int completedRounds)
    : std::runtime_error("training of model '" + model + "' cancelled after " + std::to_string(completedRounds)
                         + " rounds"),
      completedRounds_(completedRounds)
{
}

}  // namespace aegis::models::xgb
