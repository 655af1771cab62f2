#pragma once

// The strip across the top of the workstation: where the market is, how fresh the numbers are, and
// whether they are real (LIVE / CSV) or synthetic (DEMO, in white on magenta so it cannot be missed).
//
// Object names: "tickerLabel", "spotLabel", "spotChangeLabel" (points and %), "vixLabel",
// "vixChangeLabel", "regimeLabel", "demoBadge" (visible only for demo data), "sourceBadge" (LIVE for
// yahoo/nse, CSV; hidden for demo), "freshnessLabel" ("as of 15:29 IST, 2 min ago"), "staleLabel"
// (stale-data warnings, red), "warningsLabel" (every other warning, amber).

#include "ui/panels/report_panel.h"

#include <QDateTime>

namespace aegis::ui {

class SpotVixPanel : public ReportPanel {
    Q_OBJECT
public:
    explicit SpotVixPanel(QWidget* parent = nullptr);

    // The clock "x min ago" is measured against; the window ticks it. Until set, the system clock.
    void setNow(const QDateTime& nowUtc);

protected:
    void render(const engines::report::TickerReport& report) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void keepWrappedLinesVisible();
    void renderSource(const QString& dataSource);
    void renderFreshness(const engines::report::Meta& meta);
    void renderWarnings(const QStringList& warnings);

    QDateTime now_;
    QLabel* tickerLabel_ = nullptr;
    QLabel* spotLabel_ = nullptr;
    QLabel* spotChangeLabel_ = nullptr;
    QLabel* vixLabel_ = nullptr;
    QLabel* vixChangeLabel_ = nullptr;
    QLabel* regimeLabel_ = nullptr;
    QLabel* demoBadge_ = nullptr;
    QLabel* sourceBadge_ = nullptr;
    QLabel* freshnessLabel_ = nullptr;
    QLabel* staleLabel_ = nullptr;
    QLabel* warningsLabel_ = nullptr;
};

}  // namespace aegis::ui
