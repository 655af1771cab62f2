#include "ui/panels/report_panel.h"

#include "ui/theme/theme.h"

#include <QLabel>
#include <QStackedLayout>

namespace aegis::ui {

ReportPanel::ReportPanel(QWidget* parent)
    : QWidget(parent)
    , pages_(new QStackedLayout(this))
    , unavailableLabel_(new QLabel(this))
{
    unavailableLabel_->setObjectName(QStringLiteral("unavailableLabel"));
    unavailableLabel_->setAlignment(Qt::AlignCenter);
    unavailableLabel_->setWordWrap(true);
    unavailableLabel_->setText(QStringLiteral("No report yet"));
    pages_->addWidget(unavailableLabel_);
    connect(&ThemeNotifier::instance(), &ThemeNotifier::themeChanged, this, &ReportPanel::rerender);
}

void ReportPanel::setContent(QWidget* content)
{
    pages_->insertWidget(0, content);
    pages_->setCurrentWidget(unavailableLabel_);
}

void ReportPanel::showReport(const engines::report::TickerReport& report)
{
    lastReport_ = report;
    render(report);
    showContent();
}

void ReportPanel::showUnavailable(const QString& why)
{
    lastReport_.reset();
    unavailableLabel_->setText(why.isEmpty() ? QStringLiteral("Not available") : why);
    pages_->setCurrentWidget(unavailableLabel_);
}

void ReportPanel::showContent()
{
    pages_->setCurrentIndex(0);
}

void ReportPanel::rerender()
{
    if (lastReport_)
        render(*lastReport_);
}

bool ReportPanel::isShowingUnavailable() const
{
    return pages_->currentWidget() == unavailableLabel_;
}

}  // namespace aegis::ui
