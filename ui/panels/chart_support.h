#pragma once

// Small pieces the chart-bearing panels share, so every chart looks alike and follows the theme.

#include <QString>

class QAbstractAxis;
class QChart;
class QChartView;
class QWidget;

namespace aegis::ui {

// A chart view owning `chart`, antialiased, without legend margins wasted on small panels.
QChartView* makeChartView(const QString& objectName, QChart* chart, int minimumHeight, QWidget* parent);
// Puts the chart on the active theme's chart theme. QChart::setTheme() recolours every series, so
// call it before colouring series, and it only acts when the theme actually changed.
void syncChartTheme(QChart* chart);

// Call after changing an axis's range. QtCharts measures an axis's label width once and caches it; a
// range change only refreshes that cache when the axis already has geometry. A chart laid out while
// hidden (a panel before its first report, a background tab) keeps the width of its placeholder
// labels ("0", "1"), and the first real layout then elides every label to "...". Hiding and showing
// the axis makes QtCharts compare the cached width with the labels' and re-measure.
void remeasureAxisLabels(QAbstractAxis* axis);

}  // namespace aegis::ui
