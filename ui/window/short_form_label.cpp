#include "ui/window/short_form_label.h"

#include <QEvent>

namespace aegis::ui {

ShortFormLabel::ShortFormLabel(QWidget* parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
}

void ShortFormLabel::setForms(const QString& full, const QString& brief)
{
    full_ = full;
    brief_ = brief.isEmpty() ? full : brief;
    showFittingForm();
    updateGeometry();
}

int ShortFormLabel::widthFor(const QString& text) const
{
    // QLabel's own hint is its current text plus margins, frame and the style sheet's padding.
    const int chrome = QLabel::sizeHint().width() - fontMetrics().horizontalAdvance(QLabel::text());
    return fontMetrics().horizontalAdvance(text) + chrome;
}

QSize ShortFormLabel::sizeHint() const
{
    return {widthFor(full_), QLabel::sizeHint().height()};
}

QSize ShortFormLabel::minimumSizeHint() const
{
    return {widthFor(brief_), QLabel::minimumSizeHint().height()};
}

void ShortFormLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    showFittingForm();
}

void ShortFormLabel::changeEvent(QEvent* event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::StyleChange || event->type() == QEvent::FontChange) {
        showFittingForm();
        updateGeometry();
    }
}

void ShortFormLabel::showFittingForm()
{
    const QString& fitting = width() >= widthFor(full_) ? full_ : brief_;
    if (QLabel::text() != fitting)
        setText(fitting);
}

}  // namespace aegis::ui
