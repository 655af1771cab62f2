#pragma once

// The models' record, so a trader can judge how far to trust each number: per model the walk-forward
// metrics (AUC with its interval, Brier skill, ECE or quantile coverage, rows, whether an edge is
// demonstrated), a reliability diagram for the selected model, and the stored generations with a
// "Switch to this generation" button (the window performs the rollback on rollbackRequested()).
//
// Object names: "generationLabel", "trainedAtLabel", "dataRangeLabel", "trainingDataLabel",
// "metricsTable" (rows = models in evaluation order; columns Model, n, AUC (interval), Brier skill,
// ECE / coverage, Edge; row data Qt::UserRole = modelKey()), "reliabilityChart" (QChartView; series
// "reliabilityCurve", "reliabilityPoints", "reliabilityDiagonal"), "reliabilityMessage",
// "generationTable" (columns Generation, Trained, Training data, Status), "switchGenerationButton".

#include "models/evaluation/probability_metrics.h"
#include "models/store/model_store.h"
#include "ui/panels/report_panel.h"

#include <map>
#include <vector>

class QChart;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QTableWidget;

namespace aegis::ui {

class ModelCardPanel : public ReportPanel {
    Q_OBJECT
public:
    // Edge second: the verdict on each model stays in view when the wide score columns scroll.
    enum MetricsColumn { ModelColumn, EdgeColumn, RowsColumn, AucColumn, BrierSkillColumn, CalibrationColumn, MetricsColumnCount };
    enum GenerationColumn { IdColumn, TrainedColumn, TrainingDataColumn, StatusColumn, GenerationColumnCount };

    explicit ModelCardPanel(QWidget* parent = nullptr);

    // "engine/target" plus "/h<sessions>" when the model has a horizon: "direction/direction_up/h1".
    static QString modelKey(const engines::report::ModelEvaluation& model);

    // An invalid trainedAt shows "—" (the report itself does not carry the training time).
    void showEvaluation(const engines::report::Evaluation& evaluation, const QString& generationId, const QDateTime& trainedAt);
    // Reliability bins for one model; an empty vector means the model has none to show.
    void setReliability(const QString& modelKey, std::vector<models::evaluation::ReliabilityBin> bins);
    void setGenerations(const std::vector<models::GenerationListing>& generations);

    QString selectedModelKey() const;
    void selectModel(const QString& modelKey);

    static QString noReliabilityText() { return QStringLiteral("no reliability data for this model"); }

Q_SIGNALS:
    void rollbackRequested(QString generationId);

protected:
    void render(const engines::report::TickerReport& report) override;
    void rerender() override;

private:
    struct Shown {
        engines::report::Evaluation evaluation;
        QString generationId;
        QDateTime trainedAt;
    };

    void renderEvaluation();
    void renderReliability();
    void renderGenerations();
    void updateSwitchButton();
    int selectedGenerationRow() const;  // -1 when none
    const models::GenerationListing* findGeneration(const QString& id) const;

    std::optional<Shown> shown_;
    std::map<QString, std::vector<models::evaluation::ReliabilityBin>> reliability_;
    std::vector<models::GenerationListing> generations_;

    QLabel* generationLabel_ = nullptr;
    QLabel* trainedAtLabel_ = nullptr;
    QLabel* dataRangeLabel_ = nullptr;
    QLabel* trainingDataLabel_ = nullptr;
    QTableWidget* metricsTable_ = nullptr;
    QChart* reliabilityChart_ = nullptr;
    QLineSeries* reliabilityCurve_ = nullptr;
    QScatterSeries* reliabilityPoints_ = nullptr;
    QLineSeries* reliabilityDiagonal_ = nullptr;
    QLabel* reliabilityMessage_ = nullptr;
    QTableWidget* generationTable_ = nullptr;
    QPushButton* switchButton_ = nullptr;
};

}  // namespace aegis::ui
