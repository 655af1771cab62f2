#pragma once

// Label factories so every panel's captions and values look the same.

#include <QString>
#include <Qt>

#include <initializer_list>

class QLabel;
class QWidget;

namespace aegis::ui {

enum class LabelStyle { Normal, Heading, Big, Muted };

// A value label, selectable so a trader can copy a level into an order ticket.
QLabel* makeLabel(const QString& objectName, QWidget* parent, LabelStyle style = LabelStyle::Normal);
// A badge (DEMO, LIVE, a flag): as large as its text, never stretched by the layout.
QLabel* makeBadge(const QString& objectName, QWidget* parent);
// A muted caption naming the value next to it.
QLabel* makeCaption(const QString& text, QWidget* parent);
// Shows a caption and its value only when there is something to show; hides both and clears the value
// otherwise. Returns `present`, so a renderer can stop there.
bool showRowIf(bool present, QLabel* caption, QLabel* value);
// A caption and its value (or any parts) in one borderless widget laid out along `orientation`, so
// that a FlowLayout wrapping a row of figures never separates them.
QWidget* keepTogether(Qt::Orientation orientation, std::initializer_list<QWidget*> parts, QWidget* parent);

}  // namespace aegis::ui
