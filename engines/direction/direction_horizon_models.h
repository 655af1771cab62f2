#pragma once

// The models of one horizon inside DirectionEngine (private to the engine's .cpp files).

#include "engines/core/calibrated_models.h"
#include "engines/direction/direction_engine.h"
#include "engines/direction/horizon_ensemble.h"

#include <vector>

namespace aegis::engines {

struct DirectionEngine::HorizonModels {
    int horizon = 1;
    MulticlassModel xgb;
    QuantileModel magnitude;     // Q50 of move_h / (sd_20 sqrt h)
    HorizonEnsemble ensemble;
    // DOWN, NEUTRAL, UP over every pooled training row, the UP - DOWN lean discounted by its standard
    // error (direction_climatology.h); generations saved before that carry the plain frequencies.
    std::vector<double> baseRate;
};

QString horizonKey(int horizon);    // "t1"
QString horizonLabel(int horizon);  // "Tomorrow", ...
std::string xgbArtifactName(int horizon);
std::string magnitudeArtifactName(int horizon);
inline const std::string kRiskArtifactName = "direction_risk_adverse_2sd_5";
inline const QString kLstmArchiveName = QStringLiteral("direction_bilstm.pt");
inline const QString kLstmSidecarName = QStringLiteral("direction_bilstm.json");
inline const QString kEngineSidecarName = QStringLiteral("direction_engine.json");
inline constexpr int kRiskHorizon = 5;
inline constexpr double kRiskSigmas = 2.0;

}  // namespace aegis::engines
