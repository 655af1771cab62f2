#pragma once

#include "models/xgb/booster.h"
#include "models/xgb/booster_params.h"
#include "models/xgb/training.h"

#include <Eigen/Core>
#include <QByteArray>

#include <string>
#include <vector>

namespace aegis::models::xgb {

class Matrix;

struct QuantileParams {
    std::string name = "quantile";
    double quantile = 0.5;  // tau in (0, 1)
    TreeParams tree;
};

// A booster trained on the pinball loss for one quantile tau (XGBoost 1.7 has no reg:quantileerror, so
// the gradients come from detail/pinball.h through XGBoosterBoostOneIter). Several quantiles are
// separate QuantileBoosters; nothing forces their predictions not to cross.
class QuantileBooster {
public:
    explicit QuantileBooster(Booster booster);  // throws std::invalid_argument unless it is a pinball booster

    double quantile() const;
    Eigen::VectorXd predict(const Matrix& features) const;  // conditional tau-quantile per row, label units
    Eigen::VectorXd predict(const Eigen::Ref<const FeatureMatrixF>& features) const;  // the same, in place

    QByteArray save(ModelFormat format) const { return booster_.save(format); }
    static QuantileBooster load(const QByteArray& bytes) { return QuantileBooster(Booster::load(bytes)); }
    const Booster& booster() const { return booster_; }

private:
    Booster booster_;
};

struct TrainedQuantileBooster {
    QuantileBooster booster;
    TrainingReport report;  // metric "pinball": weighted mean pinball loss
    double baseScore = 0.0;  // weighted empirical tau-quantile of the training labels
    double stepScale = 0.0;  // label-unit scale applied to the gradient (see pinballStepScale)
};

TrainedQuantileBooster trainQuantile(const Matrix& train, const Matrix* valid, const QuantileParams& params,
                                     const TrainingHooks& hooks = {});

// One booster per entry of `quantiles`, all on the same Matrix (sharing its quantised features).
// Each is named "<params.name>_q<100*tau>".
std::vector<TrainedQuantileBooster> trainQuantiles(const Matrix& train, const Matrix* valid,
                                                   const std::vector<double>& quantiles,
                                                   const QuantileParams& params, const TrainingHooks& hooks = {});

}  // namespace aegis::models::xgb
