#include "ui/window/job_progress_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <cmath>

namespace aegis::ui {

namespace {
constexpr int kProgressSteps = 1000;
}

JobProgressWidget::JobProgressWidget(QWidget* parent)
    : QWidget(parent)
{
    stateLabel_ = new QLabel(tr("Idle"), this);
    stateLabel_->setObjectName(QStringLiteral("workerStateLabel"));
    progressBar_ = new QProgressBar(this);
    progressBar_->setObjectName(QStringLiteral("jobProgressBar"));
    progressBar_->setRange(0, kProgressSteps);
    progressBar_->setMinimumWidth(320);
    progressBar_->setTextVisible(true);
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName(QStringLiteral("cancelJobButton"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stateLabel_);
    layout->addWidget(progressBar_);
    layout->addWidget(cancelButton_);
    connect(cancelButton_, &QPushButton::clicked, this, [this] {
        cancelRequested();
        Q_EMIT cancelClicked();
    });
    progressBar_->hide();
    cancelButton_->hide();
}

void JobProgressWidget::jobStarted(WorkerJob job)
{
    job_ = job;
    fraction_ = 0.0;
    stage_.clear();
    stateLabel_->setText(describe(job) + QStringLiteral("…"));
    progressBar_->setValue(0);
    progressBar_->setFormat(QStringLiteral("0%"));
    progressBar_->show();
    cancelButton_->setEnabled(true);
    cancelButton_->setVisible(job != WorkerJob::Rollback);
}

void JobProgressWidget::progressed(double fraction, const QString& stage)
{
    fraction_ = std::clamp(fraction, 0.0, 1.0);
    stage_ = stage;
    progressBar_->setValue(int(std::lround(fraction_ * kProgressSteps)));
    // Written out rather than with QProgressBar's %p, which truncates (45.6 % would read 45 %).
    progressBar_->setFormat(QStringLiteral("%1 — %2%").arg(stage, QString::number(fraction_ * 100.0, 'f', 0)));
}

void JobProgressWidget::jobFinished()
{
    stateLabel_->setText(tr("Idle"));
    progressBar_->hide();
    cancelButton_->hide();
}

void JobProgressWidget::cancelRequested()
{
    cancelButton_->setEnabled(false);
    stateLabel_->setText(describe(job_) + tr(": cancelling…"));
}

}  // namespace aegis::ui
