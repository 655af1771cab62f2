#pragma once

// Desktop notifications for failures the person should see even with the window in the background:
// a tray balloon where the platform has a system tray, otherwise nothing beyond the window's banner.

#include <QObject>
#include <QString>

class QIcon;
class QSystemTrayIcon;

namespace aegis::ui {

class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    explicit DesktopNotifier(const QIcon& icon, QObject* parent = nullptr);

    void notify(const QString& title, const QString& message);

    bool hasTray() const { return tray_ != nullptr; }
    QString lastMessage() const { return lastMessage_; }

private:
    QSystemTrayIcon* tray_ = nullptr;
    QString lastMessage_;
};

}  // namespace aegis::ui
