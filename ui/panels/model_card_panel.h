#pragma once

// The models' record, so a trader can judge how far to trust each number: per model the walk-forward
// metrics (AUC with its interval, Brier skill, ECE or quantile coverage, rows, whether an edge is
// demonstrated), a reliability diagram for the selected model, and the stored generations with a
// "Switch to this generation" button (the window performs the rollback on rollbackRequested()).
//
// Object names: "generationLabel", "trainedAtLabel", "dataRangeLabel", "trainingDataLabel",
// "metricsTable" (rows = models in evaluation order; columns as MetricsColumn; row data Qt::UserRole =
// modelKey()), "reliabilityChart" (QChartView titled with the selected model's name; series
// "reliabilityCurve", "reliabilityPoints", "reliabilityDiagonal"), "reliabilityMessage",
// "reliabilityBox" and "generationsBox" (side by side, or pages of "modelCardBottomTabs" when the panel is
// narrow), "generationTable" (columns as GenerationColumn), "switchGenerationButton".

#include "models/evaluation/probability_metrics.h"
#include "models/store/model_store.h"
#include "ui/panels/report_panel.h"

#include <map>
#include <optional>
#include <vector>

class QChart;
class QGroupBox;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QSplitter;
class QTabWidget;
class QTableWidget;
class QTableWidgetItem;

namespace aegis::ui {

class ModelCardPanel : public ReportPanel {
    Q_OBJECT
public:
    // Edge second: the verdict on each model stays in view when the wide score columns scroll.
    enum MetricsColumn { ModelColumn, EdgeColumn, RowsColumn, AucColumn, BrierSkillColumn, CalibrationColumn, MetricsColumnCount };
    // Status second: whether a generation is current or usable stays in view on a laptop-width pane.
    enum GenerationColumn { IdColumn, StatusColumn, TrainedColumn, TrainingDataColumn, GenerationColumnCount };

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

    // The share of the records / details split's height the details take (0: dragged shut), for the
    // window to save. Nothing before the split has been on screen, unless a saved share waits.
    std::optional<double> detailsShare() const;
    // A share saved by an earlier start: applied once the split is on screen and laid out (before, its
    // default height would rescale it), now if it already is.
    void restoreDetailsShare(double share);

    static QString noReliabilityText() { return QStringLiteral("no reliability data for this model"); }
    static QString reliabilityTitle() { return QStringLiteral("Reliability"); }
    static QString generationsTitle() { return QStringLiteral("Generations"); }

Q_SIGNALS:
    void rollbackRequested(QString generationId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void render(const engines::report::TickerReport& report) override;
    void rerender() override;

private:
    struct Shown {
        engines::report::Evaluation evaluation;
        QString generationId;
        QDateTime trainedAt;
    };

    // The reliability chart and the generations side by side when both fit, else as two tabs (the side
    // pane of a 1366-pixel laptop window cut the generations' status off and elided the chart's labels).
    void arrangeBottom();
    int sideBySideWidth() const;
    void renderEvaluation();
    void renderReliability();
    void renderGenerations();
    void updateSwitchButton();
    void applyRestoredDetailsShare();
    const QTableWidgetItem* selectedNameItem() const;  // the selected row's Model cell, or nullptr
    int selectedGenerationRow() const;  // -1 when none
    const models::GenerationListing* findGeneration(const QString& id) const;

    std::optional<Shown> shown_;
    std::map<QString, std::vector<models::evaluation::ReliabilityBin>> reliability_;
    std::vector<models::GenerationListing> generations_;
    std::optional<double> restoredDetailsShare_;  // waiting for the split's first layout on screen
    bool splitShown_ = false;

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
    QGroupBox* reliabilityBox_ = nullptr;
    QGroupBox* generationsBox_ = nullptr;
    QSplitter* splitter_ = nullptr;   // the metrics table over the reliability and generations
    QWidget* bottomRow_ = nullptr;
    QTabWidget* bottomTabs_ = nullptr;
    QTableWidget* generationTable_ = nullptr;
    QPushButton* switchButton_ = nullptr;
};

}  // namespace aegis::ui
