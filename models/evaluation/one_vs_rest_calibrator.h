#pragma once

#include "models/evaluation/binary_calibrator.h"

#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>

#include <span>
#include <vector>

namespace aegis::models::evaluation {

// Multi-class calibration: column k is calibrated as "class k versus the rest" with its own binary
// calibrator, then each row is divided by its sum so the classes again add up to 1. Renormalising
// keeps the ranking within a row only approximately; it is the standard compromise (Zadrozny & Elkan).
class OneVsRestCalibrator {
public:
    // `outOfFoldProbabilities` is n × K (rows sum to 1), `outOfFoldLabels` the class index of each row.
    static OneVsRestCalibrator fit(CalibrationMethod method, const Eigen::MatrixXd& outOfFoldProbabilities,
                                   std::span<const int> outOfFoldLabels);

    Eigen::MatrixXd calibrate(const Eigen::MatrixXd& probabilities) const;
    Eigen::Index classCount() const { return static_cast<Eigen::Index>(perClass_.size()); }
    const BinaryCalibrator& classCalibrator(Eigen::Index classIndex) const;

    nlohmann::json toJson() const;
    static OneVsRestCalibrator fromJson(const nlohmann::json& json);

private:
    explicit OneVsRestCalibrator(std::vector<BinaryCalibrator> perClass);

    std::vector<BinaryCalibrator> perClass_;
};

}  // namespace aegis::models::evaluation
