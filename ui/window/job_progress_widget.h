#pragma once

// The status bar's view of the worker: what it is doing, a progress bar with the stage and percentage,
// and a Cancel button that stops the running job. Object names: "workerStateLabel", "jobProgressBar",
// "cancelJobButton". A stage too long for the bar is elided at its end so the percentage stays in
// view (QProgressBar centres and clips its text); the bar's tooltip holds the whole stage.

#include "ui/worker/worker_types.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace aegis::ui {

class JobProgressWidget : public QWidget {
    Q_OBJECT
public:
    explicit JobProgressWidget(QWidget* parent = nullptr);

    void jobStarted(WorkerJob job);
    void progressed(double fraction, const QString& stage);
    void jobFinished();
    // The button is disabled once pressed so a second click cannot look like it did something.
    void cancelRequested();

    double fraction() const { return fraction_; }
    QString stage() const { return stage_; }

Q_SIGNALS:
    void cancelClicked();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void showProgressText();

    QLabel* stateLabel_ = nullptr;
    QProgressBar* progressBar_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    WorkerJob job_ = WorkerJob::Load;
    double fraction_ = 0.0;
    QString stage_;
};

}  // namespace aegis::ui
