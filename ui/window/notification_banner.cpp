#include "ui/window/notification_banner.h"

#include "ui/theme/theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace aegis::ui {

namespace {

QColor backgroundFor(NotificationBanner::Severity severity)
{
    const ThemeColours& colours = activeColours();
    switch (severity) {
    case NotificationBanner::Severity::Info: return colours.highlight;
    case NotificationBanner::Severity::Success: return colours.flagGreen;
    case NotificationBanner::Severity::Warning: return colours.flagAmber;
    case NotificationBanner::Severity::Error: return colours.flagRed;
    }
    return colours.highlight;
}

}  // namespace

NotificationBanner::NotificationBanner(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("notificationBanner"));
    text_ = new QLabel(this);
    text_->setObjectName(QStringLiteral("bannerText"));
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actionButton_ = new QPushButton(this);
    actionButton_->setObjectName(QStringLiteral("bannerAction"));
    closeButton_ = new QPushButton(tr("Dismiss"), this);
    closeButton_->setObjectName(QStringLiteral("bannerClose"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(text_, 1);
    layout->addWidget(actionButton_);
    layout->addWidget(closeButton_);
    connect(actionButton_, &QPushButton::clicked, this, [this] {
        const std::function<void()> action = action_;
        dismiss();
        if (action)
            action();
    });
    connect(closeButton_, &QPushButton::clicked, this, &NotificationBanner::dismiss);
    hide();
}

void NotificationBanner::showMessage(Severity severity, const QString& text, const QString& actionText,
                                     std::function<void()> action)
{
    severity_ = severity;
    text_->setText(text);
    action_ = std::move(action);
    actionButton_->setText(actionText);
    actionButton_->setVisible(!actionText.isEmpty());
    setStyleSheet(QStringLiteral("#notificationBanner { background: %1; border-radius: 4px; } "
                                 "#notificationBanner QLabel { color: %2; font-weight: bold; }")
                      .arg(backgroundFor(severity).name(), activeColours().badgeForeground.name()));
    show();
}

void NotificationBanner::dismiss()
{
    action_ = {};
    text_->clear();
    hide();
}

QString NotificationBanner::text() const
{
    return text_->text();
}

}  // namespace aegis::ui
