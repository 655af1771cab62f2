#pragma once

// A one-line label for a crowded row (the status bar) that may be narrower than its text: it then
// paints the text elided at its end and shows the whole of it as a tooltip. text() stays the whole
// text. A QLabel's minimum width is its whole text, so the status bar's long lines (the model
// generation, the refresh plan) set the window's minimum width, and a running job, whose progress bar
// joins them, widened it further.

#include <QLabel>

namespace aegis::ui {

class ElidingLabel : public QLabel {
    Q_OBJECT
public:
    static constexpr int kMinimumWidth = 60;

    explicit ElidingLabel(QWidget* parent = nullptr);

    QSize minimumSizeHint() const override;
    // What is painted at the current width: the text, or its start and "…".
    QString shownText() const;

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    QRect textArea() const;
};

}  // namespace aegis::ui
