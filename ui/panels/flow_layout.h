#pragma once

// Lays its items out left to right and starts a new line when the next one would not fit, like words
// in a paragraph. A row of figures reads as one line in a wide window and wraps in a narrow one, so the
// row's minimum width is its widest item instead of the sum of all of them (in a grid row, Today's
// figures held the direction pane to 728 pixels and, with it, the workstation to 1,330).
//
// Items keep their preferred size and sit at the top of their line or centred in it; the layout
// reports its height for a width, so the boxes around it grow a line when it wraps.

#include <QLayout>

#include <vector>

namespace aegis::ui {

class FlowLayout : public QLayout {
public:
    FlowLayout(QWidget* parent, int horizontalGap, int verticalGap, Qt::Alignment inLine = Qt::AlignVCenter);
    ~FlowLayout() override;

    FlowLayout(const FlowLayout&) = delete;
    FlowLayout& operator=(const FlowLayout&) = delete;

    void addItem(QLayoutItem* item) override;
    int count() const override;
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;

    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

private:
    // Places the items in `rect` (when `apply`) and returns the height they take, margins included.
    int arrange(const QRect& rect, bool apply) const;

    std::vector<QLayoutItem*> items_;
    int horizontalGap_;
    int verticalGap_;
    bool alignTop_;
};

}  // namespace aegis::ui
