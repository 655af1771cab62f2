#pragma once

// Small pieces the chart-bearing panels share, so every chart looks alike and follows the theme.

#include <QString>

class QChart;
class QChartView;
class QWidget;

namespace aegis::ui {

// A chart view owning `chart`, antialiased, without legend margins wasted on small panels.
QChartView* makeChartView(const QString& objectName, QChart* chart, int minimumHeight, QWidget* parent);
// Puts the chart on the active theme's chart theme. QChart::setTheme() recolours every series, so
// call it before colouring series, and it only acts when the theme actually changed.
void syncChartTheme(QChart* chart);

}  // namespace aegis::ui
