#pragma once

#include "models/evaluation/identity_calibrator.h"
#include "models/evaluation/isotonic_calibrator.h"
#include "models/evaluation/platt_calibrator.h"

#include <nlohmann/json_fwd.hpp>

#include <span>
#include <string_view>
#include <variant>
#include <vector>

namespace aegis::models::evaluation {

enum class CalibrationMethod { Isotonic, Platt, Identity };

std::string_view calibrationMethodName(CalibrationMethod method);

// Any calibrator behind one type, so the model store can keep "whichever was chosen" as one JSON
// object whose "method" field says which. Inputs are probabilities in [0, 1].
class BinaryCalibrator {
public:
    static BinaryCalibrator fit(CalibrationMethod method, std::span<const double> outOfFoldProbabilities,
                                std::span<const int> outOfFoldLabels);
    explicit BinaryCalibrator(IsotonicCalibrator calibrator) : calibrator_(std::move(calibrator)) {}
    explicit BinaryCalibrator(PlattCalibrator calibrator) : calibrator_(std::move(calibrator)) {}
    explicit BinaryCalibrator(IdentityCalibrator calibrator) : calibrator_(std::move(calibrator)) {}

    CalibrationMethod method() const;
    double calibrate(double probability) const;
    std::vector<double> calibrate(std::span<const double> probabilities) const;

    nlohmann::json toJson() const;
    static BinaryCalibrator fromJson(const nlohmann::json& json);

private:
    std::variant<IsotonicCalibrator, PlattCalibrator, IdentityCalibrator> calibrator_;
};

}  // namespace aegis::models::evaluation
