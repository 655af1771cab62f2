#pragma once

#include "models/xgb/booster.h"
#include "models/xgb/detail/xgb_call.h"

#include <Eigen/Core>

#include <mutex>
#include <optional>
#include <string>

namespace aegis::models::xgb {

// Names of the booster attributes this area stores inside the XGBoost model document.
namespace attribute {
inline constexpr const char* modelName = "aegis_model_name";
inline constexpr const char* bestIteration = "aegis_best_iteration";
inline constexpr const char* quantile = "aegis_quantile";
}  // namespace attribute

struct Booster::Impl {
    detail::BoosterOwner handle;
    mutable std::mutex mutex;
    // The proxy XGBoost's in-place prediction reads dense features through, made on first use and kept:
    // each new proxy (and each DMatrix) constructs an XGBoost context, which reads the cgroup CPU quota
    // files, and on one-row predictions that cost more than the trees.
    mutable detail::DMatrixOwner inplaceProxy;
    std::string name;
    ObjectiveKind objective = ObjectiveKind::BinaryLogistic;
    int classCount = 1;
    int featureCount = 0;
    int boostedRounds = 0;
    int bestIteration = 0;
    std::optional<double> quantile;

    enum class Output { Transformed, Margin };
    enum class Trees { UpToBest, All };
    struct PredictionRequest {
        Output output = Output::Transformed;
        Trees trees = Trees::UpToBest;
        bool training = false;  // true only inside a training loop (lets XGBoost reuse its prediction cache)
    };

    // std::invalid_argument naming the model unless `columns` is the count it was trained on.
    void requireFeatureCount(Eigen::Index columns) const;

    // Caller holds `mutex` and the Matrix's mutex. Returns rows x groups, checked finite.
    Eigen::MatrixXd predictLocked(DMatrixHandle matrix, Eigen::Index rows, const PredictionRequest& request) const;
    // Caller holds `mutex`. `features`: rows x cols floats, row-major and contiguous. The same trees and
    // output as predictLocked on a DMatrix of them, without building one.
    Eigen::MatrixXd predictDenseLocked(const float* features, Eigen::Index rows, Eigen::Index cols) const;

    // Stores name, best iteration and quantile as XGBoost attributes so they travel with the model.
    void writeAttributes();
};

}  // namespace aegis::models::xgb
