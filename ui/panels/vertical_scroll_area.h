#pragma once

// A scroll area that scrolls vertically only and is never narrower than its content's minimum width.
// A plain QScrollArea without a horizontal bar cuts off whatever does not fit: at 1366 pixels the seller's
// details column was given 157 of the 181 its wrapped text needs, and every line lost its last characters.

#include <QScrollArea>

namespace aegis::ui {

class VerticalScrollArea : public QScrollArea {
public:
    explicit VerticalScrollArea(QWidget* parent = nullptr);

    QSize minimumSizeHint() const override;

protected:
    // The content's minimum width follows its text: a new report can widen it.
    bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace aegis::ui
