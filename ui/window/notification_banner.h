#pragma once

// The strip under the toolbar that says what went wrong (or what the person can do next) until it is
// dismissed or replaced: a failed fetch or retrain is never left as a silently stale view.
//
// Object names: "notificationBanner", "bannerText", "bannerAction" (shown when the message offers one),
// "bannerClose".

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace aegis::ui {

class NotificationBanner : public QFrame {
    Q_OBJECT
public:
    enum class Severity { Info, Success, Warning, Error };

    explicit NotificationBanner(QWidget* parent = nullptr);

    // Replaces any message shown. `actionText` empty: no action button.
    void showMessage(Severity severity, const QString& text, const QString& actionText = {},
                     std::function<void()> action = {});
    void dismiss();

    QString text() const;
    Severity severity() const { return severity_; }

private:
    Severity severity_ = Severity::Info;
    QLabel* text_ = nullptr;
    QPushButton* actionButton_ = nullptr;
    QPushButton* closeButton_ = nullptr;
    std::function<void()> action_;
};

}  // namespace aegis::ui
