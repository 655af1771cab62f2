#include "ui/panels/panel_widgets.h"

#include <QBoxLayout>
#include <QLabel>

namespace aegis::ui {

QLabel* makeLabel(const QString& objectName, QWidget* parent, LabelStyle style)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    switch (style) {
    case LabelStyle::Heading:
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 1.15);
        break;
    case LabelStyle::Big:
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 1.6);
        break;
    case LabelStyle::Muted:
        label->setForegroundRole(QPalette::PlaceholderText);  // the theme's muted colour
        break;
    case LabelStyle::Normal:
        break;
    }
    label->setFont(font);
    return label;
}

QLabel* makeBadge(const QString& objectName, QWidget* parent)
{
    QLabel* badge = makeLabel(objectName, parent);
    badge->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    badge->setAlignment(Qt::AlignCenter);
    return badge;
}

QLabel* makeCaption(const QString& text, QWidget* parent)
{
    auto* caption = new QLabel(text, parent);
    caption->setTextFormat(Qt::PlainText);
    caption->setForegroundRole(QPalette::PlaceholderText);  // the theme's muted colour
    return caption;
}

bool showRowIf(bool present, QLabel* caption, QLabel* value)
{
    caption->setVisible(present);
    value->setVisible(present);
    if (!present)
        value->clear();
    return present;
}

QWidget* keepTogether(Qt::Orientation orientation, std::initializer_list<QWidget*> parts, QWidget* parent)
{
    auto* group = new QWidget(parent);
    auto* layout = new QBoxLayout(orientation == Qt::Horizontal ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom, group);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(orientation == Qt::Horizontal ? 6 : 2);
    for (QWidget* part : parts)
        layout->addWidget(part);
    return group;
}

}  // namespace aegis::ui
