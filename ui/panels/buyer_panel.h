#pragma once

// The option buyer's view: how likely a breakout is today and over the next five sessions, which way a
// spike leans, whether the expected move pays for the premium (theta edge), when in the session the
// moves happen (gamma windows), and the buyer regime and environment with their reasons.
//
// Object names: "breakoutChart" (QChartView; QBarSeries "breakoutBars" whose QBarSet "breakoutScores"
// holds today then +1..+5 sessions, in percent), "breakoutTodayLabel", "breakoutLevelsLabel",
// "spikeLabel", "spikeRateLabel", "thetaLabel", "gammaChart" (QBarSeries "gammaBars", QBarSet
// "gammaScores", one bar per window), "gammaBasisLabel", "buyerRegimeLabel", "buyerEnvironmentLabel",
// "buyerReasonsLabel".

#include "ui/panels/report_panel.h"

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QChart;
class QChartView;
class QValueAxis;

namespace aegis::ui {

class BuyerPanel : public ReportPanel {
    Q_OBJECT
public:
    explicit BuyerPanel(QWidget* parent = nullptr);

protected:
    void render(const engines::report::TickerReport& report) override;

private:
    struct BarChart {
        QChartView* view = nullptr;
        QChart* chart = nullptr;
        QBarSeries* series = nullptr;
        QBarSet* set = nullptr;
        QBarCategoryAxis* categories = nullptr;
        QValueAxis* values = nullptr;
    };
    BarChart makeBarChart(const QString& viewName, const QString& seriesName, const QString& setName, const QString& title);
    void renderBreakout(const engines::report::Buyer& buyer);
    void renderRangeSoFar(const engines::report::Buyer& buyer);
    void renderGamma(const engines::report::Buyer& buyer);
    void renderRegime(const engines::report::Buyer& buyer);

    BarChart breakout_;
    BarChart gamma_;
    QLabel* breakoutTodayLabel_ = nullptr;
    QLabel* breakoutSoFarCaption_ = nullptr;
    QLabel* breakoutSoFarLabel_ = nullptr;
    QLabel* breakoutLevelsLabel_ = nullptr;
    QLabel* spikeLabel_ = nullptr;
    QLabel* spikeRateLabel_ = nullptr;
    QLabel* breakoutEventsLabel_ = nullptr;
    QLabel* thetaLabel_ = nullptr;
    QLabel* gammaBasisLabel_ = nullptr;
    QLabel* buyerRegimeLabel_ = nullptr;
    QLabel* buyerEnvironmentLabel_ = nullptr;
    QLabel* buyerReasonsLabel_ = nullptr;
};

}  // namespace aegis::ui
