#include "ui/window/job_progress_widget.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <cmath>

namespace aegis::ui {

namespace {
constexpr int kProgressSteps = 1000;
constexpr int kTextMargin = 16;  // pixels kept clear of the bar's frame on both sides together
}

JobProgressWidget::JobProgressWidget(QWidget* parent)
    : QWidget(parent)
{
    stateLabel_ = new QLabel(tr("Idle"), this);
    stateLabel_->setObjectName(QStringLiteral("workerStateLabel"));
    progressBar_ = new QProgressBar(this);
    progressBar_->setObjectName(QStringLiteral("jobProgressBar"));
    progressBar_->setRange(0, kProgressSteps);
    // Narrow enough to fit beside the status bar's permanent labels in a 1600-pixel window: a box layout
    // squeezed below its children's minimum widths lays them over each other (the Cancel button covered
    // the bar's end, and with it the percentage). The bar takes whatever room is left.
    progressBar_->setMinimumWidth(160);
    progressBar_->setTextVisible(true);
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->setObjectName(QStringLiteral("cancelJobButton"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stateLabel_);
    layout->addWidget(progressBar_, 1);
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
    progressBar_->setToolTip(stage);
    showProgressText();
}

void JobProgressWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    showProgressText();
}

void JobProgressWidget::showProgressText()
{
    // Written out rather than with QProgressBar's %p, which truncates (45.6 % would read 45 %).
    const QString percent = QStringLiteral(" — %1%").arg(QString::number(fraction_ * 100.0, 'f', 0));
    QString stage = stage_;
    // Before the bar is laid out its width is a placeholder, not the room the text will have.
    if (progressBar_->isVisible()) {
        const QFontMetrics metrics = progressBar_->fontMetrics();
        const int room = progressBar_->contentsRect().width() - kTextMargin - metrics.horizontalAdvance(percent);
        stage = metrics.elidedText(stage_, Qt::ElideRight, std::max(room, 0));
    }
    progressBar_->setFormat(stage + percent);
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
