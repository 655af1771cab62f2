#pragma once

// A multi-class XGBoost random forest (BoosterParams::randomForestClassifier) with calibrated
// probabilities and its walk-forward track record. engines/core's MulticlassModel builds boosted
// trees only, so this mirrors its procedure exactly for a forest:
//   1. expanding-window folds over session time, purged by the label horizon plus an embargo
//      (with WalkForwardSpec::tickerGroups >= 2 the test tickers are also held out of training);
//   2. in each fold the forest grows on the training window minus its last `validationSessions`
//      (purged); that tail's predictions fit a one-vs-rest calibrator (a forest has no early stopping,
//      so the tail serves calibration only) and the calibrated forest predicts the test window;
//   3. the track record (macro AUC with a session-block bootstrap CI, Brier skill against the first
//      training window's climatology, ECE) is measured on those out-of-fold predictions;
//   4. the shipped forest is made by step 2 on every row.

#include "engines/core/calibrated_models.h"
#include "engines/core/pooled_rows.h"
#include "engines/core/run_control.h"

#include "models/evaluation/one_vs_rest_calibrator.h"
#include "models/xgb/booster.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>

namespace aegis::engines {

struct ForestSpec {
    std::string name;                  // artifact stem: "<name>.ubj" and "<name>.json"
    int trees = 40;
    int maxDepth = 6;
    double minChildWeight = 5.0;       // hessian sum; multi-class hessians are p (1 - p) <= 1/4 per row
    int maxBin = 64;
    std::uint32_t seed = 1;
    WalkForwardSpec walkForward;
    models::evaluation::CalibrationMethod calibration = models::evaluation::CalibrationMethod::Platt;
};

class CalibratedForest {
public:
    // `labels` are class indices in [0, classCount). Throws std::invalid_argument when the history is
    // too short for the walk-forward, OperationCancelled when cancelled.
    static CalibratedForest train(const PooledRows& rows, const Eigen::VectorXd& labels, int classCount,
                                  const ForestSpec& spec, const RunControl& control);

    Eigen::MatrixXd predict(const models::xgb::FeatureMatrixF& features) const;  // calibrated, rows sum to 1
    const std::vector<double>& climatology() const { return record_.climatology; }
    const TrackRecord& trackRecord() const { return record_; }
    const OutOfFold& outOfFold() const { return outOfFold_; }  // empty after load()
    const std::string& name() const { return name_; }
    int classCount() const { return int(record_.climatology.size()); }

    void save(models::GenerationWriter& writer) const;
    static CalibratedForest load(const models::LoadedGeneration& generation, const std::string& name);

private:
    CalibratedForest(std::string name, models::xgb::Booster forest, models::evaluation::OneVsRestCalibrator calibrator,
                     TrackRecord record, OutOfFold outOfFold);

    std::string name_;
    models::xgb::Booster forest_;
    models::evaluation::OneVsRestCalibrator calibrator_;
    TrackRecord record_;
    OutOfFold outOfFold_;
};

}  // namespace aegis::engines
