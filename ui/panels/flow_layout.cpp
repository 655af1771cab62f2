#include "ui/panels/flow_layout.h"

#include <QWidget>

#include <algorithm>

namespace aegis::ui {

FlowLayout::FlowLayout(QWidget* parent, int horizontalGap, int verticalGap, Qt::Alignment inLine)
    : QLayout(parent)
    , horizontalGap_(horizontalGap)
    , verticalGap_(verticalGap)
    , alignTop_(inLine.testFlag(Qt::AlignTop))
{
}

FlowLayout::~FlowLayout()
{
    for (QLayoutItem* item : items_)
        delete item;
}

void FlowLayout::addItem(QLayoutItem* item)
{
    items_.push_back(item);
}

int FlowLayout::count() const
{
    return int(items_.size());
}

QLayoutItem* FlowLayout::itemAt(int index) const
{
    return index >= 0 && index < count() ? items_[std::size_t(index)] : nullptr;
}

QLayoutItem* FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= count())
        return nullptr;
    QLayoutItem* item = items_[std::size_t(index)];
    items_.erase(items_.begin() + index);
    return item;
}

Qt::Orientations FlowLayout::expandingDirections() const
{
    return {};
}

bool FlowLayout::hasHeightForWidth() const
{
    return true;
}

int FlowLayout::heightForWidth(int width) const
{
    return arrange(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const
{
    QSize widest;
    for (const QLayoutItem* item : items_) {
        if (!item->isEmpty())
            widest = widest.expandedTo(item->minimumSize());
    }
    const QMargins margins = contentsMargins();
    return widest + QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
}

QSize FlowLayout::sizeHint() const
{
    int width = 0;
    int height = 0;
    for (const QLayoutItem* item : items_) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        width += (width > 0 ? horizontalGap_ : 0) + hint.width();
        height = std::max(height, hint.height());
    }
    const QMargins margins = contentsMargins();
    return {width + margins.left() + margins.right(), height + margins.top() + margins.bottom()};
}

void FlowLayout::setGeometry(const QRect& rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::arrange(const QRect& rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    const auto placeLine = [&](std::size_t first, std::size_t end, int top, int lineHeight) {
        int x = area.x();
        for (std::size_t index = first; index < end; ++index) {
            QLayoutItem* item = items_[index];
            if (item->isEmpty())
                continue;
            const QSize hint = item->sizeHint();
            const int width = std::min(hint.width(), area.width());
            const int height = std::min(hint.height(), lineHeight);
            item->setGeometry(QRect(x, alignTop_ ? top : top + (lineHeight - height) / 2, width, height));
            x += width + horizontalGap_;
        }
    };

    int top = area.y();
    int lineWidth = 0;
    int lineHeight = 0;
    std::size_t lineStart = 0;
    for (std::size_t index = 0; index < items_.size(); ++index) {
        const QLayoutItem* item = items_[index];
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        const int needed = (lineWidth > 0 ? horizontalGap_ : 0) + hint.width();
        if (lineWidth > 0 && lineWidth + needed > area.width()) {
            if (apply)
                placeLine(lineStart, index, top, lineHeight);
            top += lineHeight + verticalGap_;
            lineStart = index;
            lineWidth = hint.width();
            lineHeight = hint.height();
        } else {
            lineWidth += needed;
            lineHeight = std::max(lineHeight, hint.height());
        }
    }
    if (apply)
        placeLine(lineStart, items_.size(), top, lineHeight);
    return top + lineHeight - rect.y() + contentsMargins().bottom();
}

}  // namespace aegis::ui
