#include "ui/panels/chart_support.h"

#include "ui/theme/theme.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>

namespace aegis::ui {

QChartView* makeChartView(const QString& objectName, QChart* chart, int minimumHeight, QWidget* parent)
{
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    syncChartTheme(chart);
    auto* view = new QChartView(chart, parent);
    view->setObjectName(objectName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(minimumHeight);
    return view;
}

void syncChartTheme(QChart* chart)
{
    const QChart::ChartTheme wanted = activeTheme() == Theme::Light ? QChart::ChartThemeLight : QChart::ChartThemeDark;
    if (chart->theme() != wanted)
        chart->setTheme(wanted);
    chart->setBackgroundBrush(activeColours().window);
    chart->setPlotAreaBackgroundVisible(false);
}

void remeasureAxisLabels(QAbstractAxis* axis)
{
    if (!axis->isVisible())
        return;
    axis->setVisible(false);
    axis->setVisible(true);
}

}  // namespace aegis::ui
