#pragma once

#include <stdexcept>
#include <string>

namespace aegis::models::xgb {

// A failed XGBoost C API call. what() names the call, the model it was made for and XGBoost's own
// message (without its timestamp and stack trace).
class XgbError : public std::runtime_error {
public:
    XgbError(std::string call, std::string model, const std::string& xgboostMessage);

    const std::string& call() const noexcept { return call_; }
    const std::string& model() const noexcept { return model_; }

private:
    std::string call_;
    std::string model_;
};

// Model bytes that are not a usable XGBoost JSON/UBJSON model: empty, legacy binary, truncated,
// structurally inconsistent trees. Raised instead of handing such bytes to code that could crash on them.
class ModelFormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Training stopped because the cancellation hook asked for it; no partial model is returned.
class TrainingCancelled : public std::runtime_error {
public:
    TrainingCancelled(const std::string& model, int completedRounds);

    int completedRounds() const noexcept { return completedRounds_; }

private:
    int completedRounds_;
};

}  // namespace aegis::models::xgb
