#pragma once

// Where the models think the ticker goes: today's bias and six horizons. A horizon whose model has not
// demonstrated an edge walk-forward (AUC interval touching 0.5) is greyed out and shows the base rate it
// carries, labelled as such, so nobody trades a coin flip as a signal.
//
// Object names: "todayDirectionLabel" ("▲ UP"), "todayConvictionLabel", "todayMoveLabel" (±points),
// "intradayVolLabel", "todayBasisLabel", "horizonTable" (rows = horizons in report order; columns
// Horizon, Direction, Conviction, Expected move, Evidence), "riskLabel" (tooltip = the definition).

#include "ui/panels/report_panel.h"

class QGroupBox;
class QTableWidget;

namespace aegis::ui {

class FlowLayout;

class DirectionPanel : public ReportPanel {
    Q_OBJECT
public:
    enum Column { HorizonColumn, DirectionColumn, ConvictionColumn, MoveColumn, EvidenceColumn, ColumnCount };

    explicit DirectionPanel(QWidget* parent = nullptr);

    // Today's call without a demonstrated edge.
    static QString noEdgeText() { return QStringLiteral("no demonstrated edge"); }
    // The same in the Direction column of the horizons, whose conviction and evidence cells already say
    // "base rate": the long form made the table 80 pixels wider, and at 1366 pixels it scrolled sideways.
    static QString horizonNoEdgeText() { return QStringLiteral("no edge"); }

    // The panel's width at which Today's figures fit on one line and every column of the horizons
    // shown fits without scrolling sideways.
    int widthWithoutWrapping() const;
    // The narrower width at which only the horizons' columns are whole (Today's figures wrap).
    int widthForWholeColumns() const;

protected:
    void render(const engines::report::TickerReport& report) override;

private:
    void renderToday(const engines::report::TodayBias& today, const engines::report::Horizon* tomorrow);
    void renderHorizons(const std::vector<engines::report::Horizon>& horizons);
    void renderRisk(const engines::report::Direction& direction);

    QGroupBox* todayBox_ = nullptr;
    FlowLayout* todayFigures_ = nullptr;
    QLabel* todayDirectionLabel_ = nullptr;
    QLabel* todayConvictionLabel_ = nullptr;
    QLabel* todayMoveLabel_ = nullptr;
    QLabel* todayMoveCaption_ = nullptr;
    QLabel* intradayVolLabel_ = nullptr;
    QLabel* todayBasisLabel_ = nullptr;
    QTableWidget* horizonTable_ = nullptr;
    QLabel* riskLabel_ = nullptr;
};

}  // namespace aegis::ui
