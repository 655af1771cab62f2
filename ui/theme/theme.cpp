#include "ui/theme/theme.h"

#include <QApplication>
#include <QStyleFactory>

namespace aegis::ui {

namespace {

Theme g_activeTheme = Theme::Dark;

ThemeColours darkColours()
{
    ThemeColours c;
    c.window = QColor(0x1e, 0x20, 0x25);
    c.base = QColor(0x16, 0x18, 0x1c);
    c.alternateBase = QColor(0x22, 0x25, 0x2b);
    c.text = QColor(0xe6, 0xe8, 0xeb);
    c.mutedText = QColor(0x8a, 0x90, 0x99);
    c.highlight = QColor(0x2f, 0x5d, 0x9e);
    c.up = QColor(0x2e, 0xc2, 0x7e);
    c.down = QColor(0xf6, 0x61, 0x51);
    c.neutral = QColor(0xb0, 0xb6, 0xc0);
    c.flagGreen = QColor(0x2e, 0xc2, 0x7e);
    c.flagAmber = QColor(0xf5, 0xa6, 0x23);
    c.flagRed = QColor(0xff, 0x55, 0x55);
    c.demoBackground = QColor(0xd0, 0x00, 0x9c);
    c.demoForeground = QColor(Qt::white);
    c.liveBackground = QColor(0x1a, 0x7f, 0x37);
    c.csvBackground = QColor(0x3d, 0x5a, 0x80);
    c.badgeForeground = QColor(Qt::white);
    return c;
}

ThemeColours lightColours()
{
    ThemeColours c;
    c.window = QColor(0xf4, 0xf5, 0xf7);
    c.base = QColor(Qt::white);
    c.alternateBase = QColor(0xed, 0xef, 0xf2);
    c.text = QColor(0x1c, 0x1e, 0x22);
    c.mutedText = QColor(0x6b, 0x71, 0x7a);
    c.highlight = QColor(0x9c, 0xc3, 0xf0);
    c.up = QColor(0x1a, 0x7f, 0x37);
    c.down = QColor(0xc0, 0x1c, 0x28);
    c.neutral = QColor(0x5e, 0x5c, 0x64);
    c.flagGreen = QColor(0x1a, 0x7f, 0x37);
    c.flagAmber = QColor(0xb3, 0x5c, 0x00);
    c.flagRed = QColor(0xc0, 0x1c, 0x28);
    c.demoBackground = QColor(0xd0, 0x00, 0x9c);
    c.demoForeground = QColor(Qt::white);
    c.liveBackground = QColor(0x1a, 0x7f, 0x37);
    c.csvBackground = QColor(0x3d, 0x5a, 0x80);
    c.badgeForeground = QColor(Qt::white);
    return c;
}

}  // namespace

ThemeNotifier& ThemeNotifier::instance()
{
    static ThemeNotifier notifier;
    return notifier;
}

const ThemeColours& coloursFor(Theme theme)
{
    static const ThemeColours dark = darkColours();
    static const ThemeColours light = lightColours();
    return theme == Theme::Light ? light : dark;
}

Theme activeTheme()
{
    return g_activeTheme;
}

const ThemeColours& activeColours()
{
    return coloursFor(g_activeTheme);
}

QPalette paletteFor(Theme theme)
{
    const ThemeColours& c = coloursFor(theme);
    QPalette palette;
    palette.setColor(QPalette::Window, c.window);
    palette.setColor(QPalette::WindowText, c.text);
    palette.setColor(QPalette::Base, c.base);
    palette.setColor(QPalette::AlternateBase, c.alternateBase);
    palette.setColor(QPalette::Text, c.text);
    palette.setColor(QPalette::Button, c.alternateBase);
    palette.setColor(QPalette::ButtonText, c.text);
    palette.setColor(QPalette::ToolTipBase, c.base);
    palette.setColor(QPalette::ToolTipText, c.text);
    palette.setColor(QPalette::PlaceholderText, c.mutedText);
    palette.setColor(QPalette::Highlight, c.highlight);
    palette.setColor(QPalette::HighlightedText, c.text);
    palette.setColor(QPalette::BrightText, c.flagRed);
    palette.setColor(QPalette::Link, c.highlight.lighter(130));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, c.mutedText);
    return palette;
}

QString styleSheetFor(Theme theme)
{
    const ThemeColours& c = coloursFor(theme);
    return QStringLiteral(
               "QGroupBox { font-weight: bold; border: 1px solid %1; border-radius: 4px; margin-top: 1.2em; }"
               "QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }"
               "QHeaderView::section { background: %2; color: %3; border: none; padding: 3px 6px; }"
               "QToolTip { background: %4; color: %5; border: 1px solid %1; }")
        .arg(c.mutedText.name(), c.alternateBase.name(), c.mutedText.name(), c.base.name(), c.text.name());
}

void applyTheme(QApplication& app, Theme theme)
{
    g_activeTheme = theme;
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        app.setStyle(fusion);
    app.setPalette(paletteFor(theme));
    app.setStyleSheet(styleSheetFor(theme));
    Q_EMIT ThemeNotifier::instance().themeChanged(theme);
}

QString toString(Theme theme)
{
    return theme == Theme::Light ? QStringLiteral("light") : QStringLiteral("dark");
}

Theme themeFromString(const QString& text)
{
    return text.compare(QStringLiteral("light"), Qt::CaseInsensitive) == 0 ? Theme::Light : Theme::Dark;
}

QColor directionColour(const QString& direction)
{
    const ThemeColours& c = activeColours();
    if (direction == QStringLiteral("UP"))
        return c.up;
    if (direction == QStringLiteral("DOWN"))
        return c.down;
    return c.neutral;
}

QString directionArrow(const QString& direction)
{
    if (direction == QStringLiteral("UP"))
        return QStringLiteral("▲");
    if (direction == QStringLiteral("DOWN"))
        return QStringLiteral("▼");
    return QStringLiteral("■");
}

QColor flagColour(const QString& colourName)
{
    const ThemeColours& c = activeColours();
    if (colourName == QStringLiteral("GREEN"))
        return c.flagGreen;
    if (colourName == QStringLiteral("AMBER"))
        return c.flagAmber;
    if (colourName == QStringLiteral("RED"))
        return c.flagRed;
    return c.mutedText;
}

QString badgeStyleSheet(const QColor& background, const QColor& foreground)
{
    return QStringLiteral("QLabel { background: %1; color: %2; font-weight: bold; padding: 2px 8px; border-radius: 3px; }")
        .arg(background.name(), foreground.name());
}

}  // namespace aegis::ui
