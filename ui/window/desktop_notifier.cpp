#include "ui/window/desktop_notifier.h"

#include <QSystemTrayIcon>

namespace aegis::ui {

DesktopNotifier::DesktopNotifier(const QIcon& icon, QObject* parent)
    : QObject(parent)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray_ = new QSystemTrayIcon(icon, this);
        tray_->setToolTip(QStringLiteral("AegisMatrix"));
        tray_->show();
    }
}

void DesktopNotifier::notify(const QString& title, const QString& message)
{
    lastMessage_ = title + QStringLiteral(": ") + message;
    if (tray_ && QSystemTrayIcon::supportsMessages())
        tray_->showMessage(title, message, QSystemTrayIcon::Warning);
}

}  // namespace aegis::ui
