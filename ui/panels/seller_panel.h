#pragma once

// The option seller's view: the price with the 30-day safe range and today's breakout levels over it,
// how likely each distance from spot is to be breached, max pain with PCR and OI walls, the IV trap,
// skew, expiry stress, and the seller flag with its reasons.
//
// Object names: "priceChart" (QChartView; its chart holds series named "candles", "safeRangeBand"
// (QAreaSeries whose upperSeries()/lowerSeries() are "safeRangeUpper"/"safeRangeLower"),
// "breakoutUpper", "breakoutLower"), "breachChart"
// (QChartView; series "breachCurve"), "safeRangeLabel", "safeRangeExpiryLabel", "breachEdgeLabel",
// "maxPainLabel", "maxPainZoneLabel", "pcrLabel", "wallsLabel", "maxPainReasonLabel", "trapLabel", "skewLabel",
// "expiryStressLabel", "sellerFlagLabel", "sellerReasonsLabel"; "sellerPage" (the tab's scroll area),
// "sellerDetailsContent" (every box beside or under the chart) and "sellerDetails" (the scroll area that
// holds it while side by side).

#include "data/core/market_types.h"
#include "ui/panels/report_panel.h"

#include <vector>

class QAreaSeries;
class QBoxLayout;
class QCandlestickSeries;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QScrollArea;
class QScatterSeries;
class QValueAxis;

namespace aegis::ui {

class SellerPanel : public ReportPanel {
    Q_OBJECT
public:
    // About six months of sessions: enough to see the range the safe band sits in, few enough to read.
    static constexpr int kCandleCount = 120;
    // Narrower than this, the details go under the price chart instead of beside it: side by side in the
    // side pane of a 1366-pixel window the chart's dates, its legend and the breach curve's axis all
    // read "...", and the safe ranges wrapped over five lines each.
    static constexpr int kSideBySideWidth = 760;

    explicit SellerPanel(QWidget* parent = nullptr);

    // The ticker's daily bars; the last kCandleCount are drawn. Independent of showReport() so the
    // window can feed bars and report in either order.
    void setBars(const data::BarSeries& series);

    // True when the details sit under the price chart (the panel is narrower than kSideBySideWidth).
    bool isStacked() const;

protected:
    void render(const engines::report::TickerReport& report) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void arrangeColumns();
    void buildPriceChart();
    void buildBreachChart();
    void renderOverlays();
    void renderBreachCurve(const engines::report::Seller& seller);
    void renderSessionSoFar(const engines::report::Seller& seller);
    void renderMaxPain(const engines::report::MaxPainView& maxPain);
    void renderRisks(const engines::report::Seller& seller);
    void renderFlag(const engines::report::Flag& flag);

    std::vector<data::Bar> bars_;

    QBoxLayout* columns_ = nullptr;
    QScrollArea* sideScroll_ = nullptr;  // holds details_ while side by side
    QWidget* details_ = nullptr;

    QChart* priceChart_ = nullptr;
    QChartView* priceView_ = nullptr;
    QCandlestickSeries* candles_ = nullptr;
    QLineSeries* safeUpper_ = nullptr;
    QLineSeries* safeLower_ = nullptr;
    QAreaSeries* safeBand_ = nullptr;
    QLineSeries* breakoutUpper_ = nullptr;
    QLineSeries* breakoutLower_ = nullptr;
    QDateTimeAxis* timeAxis_ = nullptr;
    QValueAxis* priceAxis_ = nullptr;

    QChart* breachChart_ = nullptr;
    QChartView* breachView_ = nullptr;
    QLineSeries* breachCurve_ = nullptr;
    QScatterSeries* breachPoints_ = nullptr;
    QValueAxis* distanceAxis_ = nullptr;
    QValueAxis* probabilityAxis_ = nullptr;

    QLabel* safeRangeLabel_ = nullptr;
    QLabel* safeRangeExpiryLabel_ = nullptr;
    QLabel* breachEdgeLabel_ = nullptr;
    QLabel* sessionSoFarCaption_ = nullptr;
    QLabel* sessionSoFarLabel_ = nullptr;
    QLabel* maxPainLabel_ = nullptr;
    QLabel* maxPainZoneLabel_ = nullptr;
    QLabel* pcrLabel_ = nullptr;
    QLabel* wallsLabel_ = nullptr;
    QLabel* maxPainReasonLabel_ = nullptr;
    QLabel* trapLabel_ = nullptr;
    QLabel* skewLabel_ = nullptr;
    QLabel* expiryStressLabel_ = nullptr;
    QLabel* sellerFlagLabel_ = nullptr;
    QLabel* sellerReasonsLabel_ = nullptr;
};

}  // namespace aegis::ui
