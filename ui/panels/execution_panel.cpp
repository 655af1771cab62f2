#include "ui/panels/execution_panel.h"

#include "engines/execution/verdict.h"
#include "ui/panels/display_format.h"
#include "ui/panels/panel_widgets.h"
#include "ui/theme/theme.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace aegis::ui {

namespace {

constexpr double kBasisPointsPerUnit = 1e4;

bool finite(const std::optional<double>& value)
{
    return value && std::isfinite(*value);
}

QTableWidgetItem* cell(const QString& text, const QString& tooltip = QString())
{
    auto* item = new QTableWidgetItem(text);
    item->setToolTip(tooltip);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled);
    return item;
}

// Below it the model's losses are within 1 % of the constant's: an edge, but not one to lean on.
constexpr double kSmallPinballSkill = 0.01;

}  // namespace

ExecutionPanel::ExecutionPanel(QWidget* parent)
    : ReportPanel(parent)
{
    auto* content = new QWidget(this);
    auto* column = new QVBoxLayout(content);

    auto* regimeRow = new QFormLayout;
    regimeLabel_ = makeLabel(QStringLiteral("executionRegimeLabel"), content, LabelStyle::Heading);
    regimeRow->addRow(makeCaption(QStringLiteral("Execution regime"), content), regimeLabel_);
    column->addLayout(regimeRow);
    // Why there is no regime or cost (an index, no edge, too little history): beside the figures it
    // explains, not only inside the verdict, so a grid of "—" never stands unexplained.
    reasonLabel_ = makeLabel(QStringLiteral("executionReasonLabel"), content, LabelStyle::Muted);
    reasonLabel_->setWordWrap(true);
    column->addWidget(reasonLabel_);

    slippageTable_ = new QTableWidget(0, ColumnCount, content);
    slippageTable_->setObjectName(QStringLiteral("slippageTable"));
    slippageTable_->setHorizontalHeaderLabels({QStringLiteral("Order"), QStringLiteral("Q50 (bps)"), QStringLiteral("Q90 (bps)"),
                                               QStringLiteral("Q50 (₹)"), QStringLiteral("Q90 (₹)")});
    slippageTable_->verticalHeader()->hide();
    slippageTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    slippageTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    slippageTable_->setSelectionMode(QAbstractItemView::NoSelection);
    slippageTable_->setToolTip(QStringLiteral("expected slippage against the arrival price: median (Q50) and a bad fill (Q90)"));
    column->addWidget(slippageTable_, 1);
    // What the figures are, on screen rather than in a tooltip: no quotes are stored, and the per-session
    // spread estimate is biased up for liquid stocks (docs/engine-execution.md, "What the costs are").
    auto* basis = makeLabel(QStringLiteral("slippageBasisLabel"), content, LabelStyle::Muted);
    basis->setWordWrap(true);
    basis->setText(QStringLiteral("Estimated from daily highs and lows, not quotes: half the Corwin–Schultz spread plus "
                                  "square-root impact. Each session's spread estimate is noisy and floored at zero, "
                                  "which biases it up: for the most liquid stocks it reads several times the quoted spread."));
    column->addWidget(basis);
    slippageRecordLabel_ = makeLabel(QStringLiteral("slippageRecordLabel"), content, LabelStyle::Muted);
    slippageRecordLabel_->setWordWrap(true);
    column->addWidget(slippageRecordLabel_);

    auto* verdictBox = new QGroupBox(QStringLiteral("Verdict"), content);
    auto* verdictForm = new QFormLayout(verdictBox);
    verdictLabel_ = makeLabel(QStringLiteral("verdictLabel"), verdictBox, LabelStyle::Big);
    verdictConfidenceLabel_ = makeLabel(QStringLiteral("verdictConfidenceLabel"), verdictBox);
    verdictExplanationLabel_ = makeLabel(QStringLiteral("verdictExplanationLabel"), verdictBox);
    verdictExplanationLabel_->setWordWrap(true);
    verdictForm->addRow(verdictLabel_);
    verdictForm->addRow(makeCaption(QStringLiteral("Confidence"), verdictBox), verdictConfidenceLabel_);
    verdictForm->addRow(verdictExplanationLabel_);
    column->addWidget(verdictBox);
    setContent(content);
}

void ExecutionPanel::setDefaultOrderSize(double inr)
{
    if (!std::isfinite(inr) || inr <= 0.0)
        return;
    defaultOrderSizeInr_ = inr;
    if (lastReport()) {
        renderSlippage(lastReport()->execution.slippage);
        renderVerdict(*lastReport());
    }
}

void ExecutionPanel::render(const engines::report::TickerReport& report)
{
    const auto& execution = report.execution;
    if (execution.regime.isEmpty()) {
        regimeLabel_->setText(kMissingText);
        regimeLabel_->setToolTip(execution.reason.isEmpty() ? QStringLiteral("no execution model") : execution.reason);
    } else {
        regimeLabel_->setText(finite(execution.regimeProbability)
                                  ? QStringLiteral("%1 (%2)").arg(execution.regime, percentFromFraction(*execution.regimeProbability))
                                  : execution.regime);
        regimeLabel_->setToolTip(QStringLiteral("how costly trading is right now: LOW, NORMAL, HIGH or SEVERE; the "
                                                "percentage is the model's probability of that regime"));
    }
    reasonLabel_->setText(execution.reason);
    reasonLabel_->setVisible(!execution.reason.isEmpty());
    renderSlippage(execution.slippage);
    renderSlippageRecord(report.evaluation);
    renderVerdict(report);
}

// Coverage says a quantile is where it claims; the pinball skill says whether it beats one constant cost
// for every stock and size (on the real files the median barely does: +0.001).
void ExecutionPanel::renderSlippageRecord(const engines::report::Evaluation& evaluation)
{
    QStringList parts;
    for (const auto& model : evaluation.models) {
        if (model.engine != QLatin1String("execution") || !model.target.startsWith(QLatin1String("exec_cost_q")) || !finite(model.coverage))
            continue;
        const QString interval = finite(model.coverageLow) && finite(model.coverageHigh)
                                     ? QStringLiteral(" [%1]").arg(percentRangeFromFractions(*model.coverageLow, *model.coverageHigh))
                                     : QString();
        QString part = QStringLiteral("%1 covered %2%3 (nominal %4)")
                           .arg(model.target.mid(QStringLiteral("exec_cost_").size()).toUpper(),
                                percentFromFraction(*model.coverage, interval.isEmpty() ? 0 : 1), interval, percentFromFraction(model.nominalCoverage.value_or(0.0), 0));
        if (finite(model.pinballSkill) && finite(model.pinballSkillLow) && finite(model.pinballSkillHigh)) {
            part += QStringLiteral(", skill %1 [%2, %3] over one constant cost: %4")
                        .arg(groupedNumber(*model.pinballSkill, 3), groupedNumber(*model.pinballSkillLow, 3),
                             groupedNumber(*model.pinballSkillHigh, 3),
                             !model.edgeDemonstrated                  ? QStringLiteral("no better than it")
                             : *model.pinballSkill < kSmallPinballSkill ? QStringLiteral("barely better than it")
                                                                       : QStringLiteral("better than it"));
        }
        parts << part;
    }
    slippageRecordLabel_->setText(parts.isEmpty() ? QString() : QStringLiteral("Walk-forward: ") + parts.join(QStringLiteral("; ")) + QLatin1Char('.'));
    slippageRecordLabel_->setVisible(!parts.isEmpty());
}

void ExecutionPanel::renderSlippage(const std::vector<engines::report::Slippage>& slippage)
{
    const QString missingReason = lastReport() && !lastReport()->execution.reason.isEmpty()
                                      ? lastReport()->execution.reason
                                      : QStringLiteral("no slippage model for this ticker");
    highlightedRow_ = -1;
    double nearest = std::numeric_limits<double>::infinity();
    for (int row = 0; row < int(slippage.size()); ++row) {
        const double distance = std::abs(std::log(slippage[std::size_t(row)].orderValueInr / defaultOrderSizeInr_));
        if (std::isfinite(distance) && distance < nearest) {
            nearest = distance;
            highlightedRow_ = row;
        }
    }

    slippageTable_->setRowCount(int(slippage.size()));
    const QColor highlight = activeColours().highlight;
    for (int row = 0; row < int(slippage.size()); ++row) {
        const auto& entry = slippage[std::size_t(row)];
        const auto bps = [&](const std::optional<double>& value) {
            return finite(value) ? cell(groupedNumber(*value, 1)) : cell(kMissingText, missingReason);
        };
        const auto rupees = [&](const std::optional<double>& value) {
            return finite(value) ? cell(QStringLiteral("₹") + groupedNumber(entry.orderValueInr * *value / kBasisPointsPerUnit, 0))
                                 : cell(kMissingText, missingReason);
        };
        slippageTable_->setItem(row, OrderColumn, cell(rupeesCompact(entry.orderValueInr)));
        slippageTable_->setItem(row, Q50BpsColumn, bps(entry.q50Bps));
        slippageTable_->setItem(row, Q90BpsColumn, bps(entry.q90Bps));
        slippageTable_->setItem(row, Q50RupeesColumn, rupees(entry.q50Bps));
        slippageTable_->setItem(row, Q90RupeesColumn, rupees(entry.q90Bps));
        if (row == highlightedRow_) {
            for (int column = 0; column < ColumnCount; ++column) {
                QTableWidgetItem* item = slippageTable_->item(row, column);
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
                item->setBackground(highlight);
            }
            slippageTable_->item(row, OrderColumn)->setToolTip(QStringLiteral("your default order size"));
        }
    }
}

// The report's verdict quotes costs at ₹5 L (aegismatrix.json keeps that); on screen it quotes the
// highlighted row, so the sentence and the bold row talk about the same order.
void ExecutionPanel::renderVerdict(const engines::report::TickerReport& report)
{
    const auto& execution = report.execution;
    const engines::report::Verdict verdict =
        highlightedRow_ >= 0 ? engines::buildVerdict(report, execution.slippage[std::size_t(highlightedRow_)].orderValueInr)
                             : execution.verdict;
    if (verdict.direction.isEmpty()) {
        verdictLabel_->setText(kMissingText);
        clearTextColour(verdictLabel_);
    } else {
        QString text = directionArrow(verdict.direction) + QLatin1Char(' ') + verdict.direction;
        if (finite(verdict.points))
            text += engines::report::movesInRupees(report.meta) ? QStringLiteral("  ±₹%1").arg(groupedNumber(*verdict.points, 1))
                                                                : QStringLiteral("  ±%1 pts").arg(groupedNumber(*verdict.points, 1));
        verdictLabel_->setText(text);
        setTextColour(verdictLabel_, directionColour(verdict.direction));
    }
    setOptionalText(verdictConfidenceLabel_, verdict.confidence,
                    QStringLiteral("no call, so no confidence: no horizon has a demonstrated edge (the base rate is in the text)"),
                    [](double p) { return percentFromFraction(p); });
    verdictExplanationLabel_->setText(verdict.explanation);
}

}  // namespace aegis::ui
