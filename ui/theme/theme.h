#pragma once

// The workstation's two palettes and the colours every panel uses for meaning (direction, flags, the
// DEMO badge). Panels ask activeColours() when they render and re-render when ThemeNotifier says the
// theme changed, which applyTheme() does.

#include <QColor>
#include <QObject>
#include <QPalette>
#include <QString>

class QApplication;

namespace aegis::ui {

enum class Theme { Dark, Light };

// Announces theme switches. Widgets bake colours in at render time, and Qt's own palette events do
// not reach widgets that are not shown yet, so panels listen here instead.
class ThemeNotifier : public QObject {
    Q_OBJECT
public:
    static ThemeNotifier& instance();

Q_SIGNALS:
    void themeChanged(aegis::ui::Theme theme);

private:
    ThemeNotifier() = default;
};

struct ThemeColours {
    QColor window;
    QColor base;            // tables, charts' plot area
    QColor alternateBase;
    QColor text;
    QColor mutedText;       // secondary text and "no demonstrated edge"
    QColor highlight;       // selection, the default order-size row
    QColor up;
    QColor down;
    QColor neutral;
    QColor flagGreen;
    QColor flagAmber;
    QColor flagRed;
    QColor demoBackground;  // DEMO badge: white on magenta in both themes, never mistaken for anything else
    QColor demoForeground;
    QColor liveBackground;
    QColor csvBackground;
    QColor badgeForeground;
};

const ThemeColours& coloursFor(Theme theme);
// The theme last passed to applyTheme(); Dark until then.
Theme activeTheme();
const ThemeColours& activeColours();

QPalette paletteFor(Theme theme);
// Widget-level touches the palette cannot express (group titles, table headers, tooltips). It sets no
// QLabel colour, so panels can colour labels through their palette.
QString styleSheetFor(Theme theme);
// Sets the Fusion style, the palette and the stylesheet, records the active theme and announces it.
void applyTheme(QApplication& app, Theme theme);

QString toString(Theme theme);                   // "dark", "light"
Theme themeFromString(const QString& text);      // anything but "light" is Dark, the default

// "UP" / "DOWN" / anything else (NEUTRAL).
QColor directionColour(const QString& direction);
// Arrow for a direction: ▲ up, ▼ down, ■ neutral.
QString directionArrow(const QString& direction);
// "GREEN" / "AMBER" / "RED"; anything else is the muted text colour.
QColor flagColour(const QString& colourName);
// A self-contained stylesheet for a badge label, so the badge keeps its colours whatever the app sheet.
QString badgeStyleSheet(const QColor& background, const QColor& foreground);

}  // namespace aegis::ui
