#pragma once

#include "models/xgb/booster_params.h"
#include "models/xgb/matrix.h"

#include <Eigen/Core>
#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <string>

namespace aegis::models::xgb {

enum class ModelFormat { Json, Ubjson };

// An owned XGBoost booster plus what is needed to use it correctly: its objective, class count and the
// best iteration found by early stopping (prediction uses trees [0, bestIteration] only).
//
// XGBoost keeps per-booster prediction buffers and caches, so prediction is not thread-safe per booster.
// Every call on a Booster takes its internal mutex; concurrent predict() calls are serialised.
class Booster {
public:
    struct Impl;
    explicit Booster(std::unique_ptr<Impl> impl);  // used by the training code of this area
    Booster(Booster&&) noexcept;
    Booster& operator=(Booster&&) noexcept;
    ~Booster();

    // Rows x 1 for binary (P(label = 1)) and regression, rows x classCount for multi-class.
    // Throws std::invalid_argument on a column-count mismatch and std::runtime_error if XGBoost
    // returns a non-finite value.
    Eigen::MatrixXd predict(const Matrix& features) const;
    // The same predictions straight from dense features (NaN = missing), through XGBoost's in-place
    // prediction: no DMatrix is built, which on a few rows costs more than the trees. The features pass
    // the checks Matrix::fromFeatures makes (std::invalid_argument).
    Eigen::MatrixXd predict(const Eigen::Ref<const FeatureMatrixF>& features) const;
    Eigen::MatrixXd predict(const Eigen::Ref<const FeatureMatrixD>& features) const;

    // XGBoost's own JSON or UBJSON model document (trees + learner parameters + our attributes).
    QByteArray save(ModelFormat format) const;
    void saveToFile(const QString& path, ModelFormat format) const;  // atomic: temp file + rename

    // Accepts JSON or UBJSON produced by save(). Empty, legacy-binary, truncated or structurally
    // inconsistent bytes raise ModelFormatError/XgbError; they are never handed to the predictor.
    static Booster load(const QByteArray& bytes);
    static Booster loadFromFile(const QString& path);

    const std::string& name() const;
    ObjectiveKind objective() const;
    int classCount() const;               // 1 for regression and pinball, 2 for binary
    int featureCount() const;
    int boostedRounds() const;
    int bestIteration() const;            // 0-based round whose model is used for prediction
    std::optional<double> quantile() const;  // set for pinball boosters

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace aegis::models::xgb
