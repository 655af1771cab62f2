#include "ui/panels/vertical_scroll_area.h"

#include <QEvent>
#include <QScrollBar>

#include <algorithm>

namespace aegis::ui {

VerticalScrollArea::VerticalScrollArea(QWidget* parent)
    : QScrollArea(parent)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

QSize VerticalScrollArea::minimumSizeHint() const
{
    QSize hint = QScrollArea::minimumSizeHint();
    if (widget()) {
        // Room for the vertical bar too: it shows whenever the content is taller than the view.
        const int contentWidth = widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width() + 2 * frameWidth();
        hint.setWidth(std::max(hint.width(), contentWidth));
    }
    return hint;
}

bool VerticalScrollArea::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        updateGeometry();
    return QScrollArea::eventFilter(watched, event);
}

}  // namespace aegis::ui
