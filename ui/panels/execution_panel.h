#pragma once

// What it costs to act: the execution regime, expected slippage (median and 90th percentile, in basis
// points and rupees) for ₹1L to ₹10L orders with the trader's usual size highlighted, and the verdict
// with its costs quoted at that size.
//
// Object names: "executionRegimeLabel", "slippageTable" (one row per order size in report order;
// columns Order, Q50 bps, Q90 bps, Q50 ₹, Q90 ₹; the highlighted row's cells are bold),
// "slippageRecordLabel" (the quantile models' walk-forward record), "verdictLabel" (direction and
// points), "verdictConfidenceLabel", "verdictExplanationLabel", "executionReasonLabel".

#include "ui/panels/report_panel.h"

class QTableWidget;

namespace aegis::ui {

class ExecutionPanel : public ReportPanel {
    Q_OBJECT
public:
    enum Column { OrderColumn, Q50BpsColumn, Q90BpsColumn, Q50RupeesColumn, Q90RupeesColumn, ColumnCount };
    static constexpr double kDefaultOrderSizeInr = 1e5;

    explicit ExecutionPanel(QWidget* parent = nullptr);

    // The row whose order value is nearest `inr` is highlighted.
    void setDefaultOrderSize(double inr);
    double defaultOrderSize() const { return defaultOrderSizeInr_; }
    // The highlighted row of slippageTable, -1 when the table is empty.
    int highlightedRow() const { return highlightedRow_; }

protected:
    void render(const engines::report::TickerReport& report) override;

private:
    void renderSlippage(const std::vector<engines::report::Slippage>& slippage);
    void renderSlippageRecord(const engines::report::Evaluation& evaluation);
    void renderVerdict(const engines::report::TickerReport& report);

    double defaultOrderSizeInr_ = kDefaultOrderSizeInr;
    int highlightedRow_ = -1;
    QLabel* regimeLabel_ = nullptr;
    QTableWidget* slippageTable_ = nullptr;
    QLabel* slippageRecordLabel_ = nullptr;
    QLabel* verdictLabel_ = nullptr;
    QLabel* verdictConfidenceLabel_ = nullptr;
    QLabel* verdictExplanationLabel_ = nullptr;
    QLabel* reasonLabel_ = nullptr;
};

}  // namespace aegis::ui
