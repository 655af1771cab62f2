#pragma once

// A label with a long and a short form of its text: the long one while its row gives it room, the
// short one when the row is narrow; its minimum width is the short form's. The status bar's DEMO badge
// ("DEMO DATA — synthetic market, not real prices", 354 pixels) alone held a running job's status bar
// to 844 pixels, so a narrow window widened when a retrain started. Its short form still says DEMO DATA.

#include <QLabel>

namespace aegis::ui {

class ShortFormLabel : public QLabel {
    Q_OBJECT
public:
    explicit ShortFormLabel(QWidget* parent = nullptr);

    // `brief` empty: the text has one form only.
    void setForms(const QString& full, const QString& brief = QString());

    QSize sizeHint() const override;         // the long form's
    QSize minimumSizeHint() const override;  // the short form's

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;  // a new style sheet or font changes both forms' widths

private:
    int widthFor(const QString& text) const;  // the text's advance plus the label's margins and padding
    void showFittingForm();

    QString full_;
    QString brief_;
};

}  // namespace aegis::ui
