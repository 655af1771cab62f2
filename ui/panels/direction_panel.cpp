#include "ui/panels/direction_panel.h"

#include "ui/panels/display_format.h"
#include "ui/panels/flow_layout.h"
#include "ui/panels/panel_widgets.h"
#include "ui/theme/theme.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace aegis::ui {

namespace {

QString movePoints(double points)
{
    return QStringLiteral("±") + groupedNumber(points, 1);
}

// A typical move is not a forecast: the words say so beside the number, the tooltip says what it is.
QString moveText(double points, const QString& basis)
{
    return basis == engines::report::kTypicalMove ? movePoints(points) + QStringLiteral(" typical") : movePoints(points);
}

QString typicalMoveWhy(const QString& sessions)
{
    return QStringLiteral("The magnitude model has not shown walk-forward that it beats a fixed multiple of the 20-session "
                          "volatility (its pinball skill interval includes 0), so this is the typical move over %1: the "
                          "training years' median move in units of that volatility, at today's volatility. Not a forecast.")
        .arg(sessions);
}

// An index moves in points, a stock in rupees.
QString moveCaption(bool inRupees)
{
    return inRupees ? QStringLiteral("Expected move (₹)") : QStringLiteral("Expected move (pts)");
}

// Every resample gives the same AUC only when the evaluated forecasts were all the same: the ensemble
// quoted its base rate over the whole test window (its shrinkage weight was 0). "AUC 0.50 (0.50–0.50)"
// read like a measured certainty; it is the absence of any forecast to rank.
bool quotedItsBaseRate(const engines::report::Edge& edge)
{
    return edge.aucLow && edge.aucHigh && *edge.aucLow == *edge.aucHigh;
}

QString evidenceText(const engines::report::Edge& edge)
{
    if (!edge.auc)
        return QStringLiteral("not evaluated");
    QString text = QStringLiteral("AUC ") + groupedNumber(*edge.auc, 2);
    if (quotedItsBaseRate(edge))
        text += QStringLiteral(" (base rate)");
    else if (edge.aucLow && edge.aucHigh)
        text += QStringLiteral(" (%1–%2)").arg(groupedNumber(*edge.aucLow, 2), groupedNumber(*edge.aucHigh, 2));
    return text + QStringLiteral(" · n ") + groupedNumber(double(edge.evaluatedRows), 0);
}

QString evidenceTooltip(const engines::report::Edge& edge)
{
    const auto optional = [](const std::optional<double>& value, int decimals) {
        return value && std::isfinite(*value) ? groupedNumber(*value, decimals) : kMissingText;
    };
    const QString constant = quotedItsBaseRate(edge)
                                 ? QStringLiteral("\nOver the test window the forecast was the base rate itself on every row (the "
                                                  "held-out evidence gave its spread no weight), so there was nothing to rank.")
                                 : QString();
    return QStringLiteral("Walk-forward evaluation: AUC %1, interval %2–%3 (99.2%: six horizons are tested), Brier skill %4 "
                          "(%9 to %10), ECE %5 (sampling floor %6; p %11 that calibrated forecasts show as much), "
                          "time-shift placebo p %7, %8 rows.\n"
                          "An edge is demonstrated when the interval lies above 0.5, the Brier skill is positive and the "
                          "forecasts rank better than against their own outcomes shifted in time (p at most 0.008).")
        .arg(optional(edge.auc, 3), optional(edge.aucLow, 3), optional(edge.aucHigh, 3), optional(edge.brierSkill, 3),
             optional(edge.ece, 3), optional(edge.eceFloor, 3), optional(edge.placeboP, 3))
        .arg(groupedNumber(double(edge.evaluatedRows), 0), optional(edge.brierSkillLow, 3), optional(edge.brierSkillHigh, 3),
             optional(edge.eceP, 2))
        + constant;
}

// A base rate's conviction. A tie between UP and DOWN is shown as one: its NEUTRAL conviction alone
// ("23 % base rate (NEUTRAL)") would headline the least likely outcome. Short, because the cell sets the
// pane's width on a first start; the direction beside it already says there is no edge.
QString baseRateText(const engines::report::DirectionCall& call)
{
    if (engines::report::isUpDownTie(call))
        return QStringLiteral("UP = DOWN %1").arg(percentFromFraction(call.probUp));
    return percentFromFraction(call.conviction) + QStringLiteral(" base rate");
}

QTableWidgetItem* item(const QString& text, const QColor& colour, const QString& tooltip = QString())
{
    auto* cell = new QTableWidgetItem(text);
    cell->setForeground(colour);
    cell->setToolTip(tooltip);
    cell->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return cell;
}

}  // namespace

DirectionPanel::DirectionPanel(QWidget* parent)
    : ReportPanel(parent)
{
    auto* content = new QWidget(this);
    auto* column = new QVBoxLayout(content);

    todayBox_ = new QGroupBox(QStringLiteral("Today's bias"), content);
    auto* todayColumn = new QVBoxLayout(todayBox_);
    todayFigures_ = new FlowLayout(nullptr, 12, 6, Qt::AlignTop);  // captions in line
    todayDirectionLabel_ = makeLabel(QStringLiteral("todayDirectionLabel"), todayBox_, LabelStyle::Big);
    todayConvictionLabel_ = makeLabel(QStringLiteral("todayConvictionLabel"), todayBox_, LabelStyle::Heading);
    todayMoveLabel_ = makeLabel(QStringLiteral("todayMoveLabel"), todayBox_);
    intradayVolLabel_ = makeLabel(QStringLiteral("intradayVolLabel"), todayBox_);
    todayBasisLabel_ = makeLabel(QStringLiteral("todayBasisLabel"), todayBox_, LabelStyle::Muted);
    todayBasisLabel_->setWordWrap(true);
    const auto figure = [this](const QString& caption, QLabel* value) {
        return keepTogether(Qt::Vertical, {makeCaption(caption, todayBox_), value}, todayBox_);
    };
    todayFigures_->addWidget(todayDirectionLabel_);
    todayFigures_->addWidget(figure(QStringLiteral("Conviction"), todayConvictionLabel_));
    todayMoveCaption_ = makeCaption(moveCaption(false), todayBox_);
    todayFigures_->addWidget(keepTogether(Qt::Vertical, {todayMoveCaption_, todayMoveLabel_}, todayBox_));
    todayFigures_->addWidget(figure(QStringLiteral("Intraday volatility"), intradayVolLabel_));
    todayColumn->addLayout(todayFigures_);
    todayColumn->addWidget(todayBasisLabel_);
    column->addWidget(todayBox_);

    horizonTable_ = new QTableWidget(0, ColumnCount, content);
    horizonTable_->setObjectName(QStringLiteral("horizonTable"));
    horizonTable_->setHorizontalHeaderLabels(
        {QStringLiteral("Horizon"), QStringLiteral("Direction"), QStringLiteral("Conviction"),
         moveCaption(false), QStringLiteral("Evidence (walk-forward)")});
    horizonTable_->verticalHeader()->hide();
    horizonTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);  // sized once per render, not per cell
    horizonTable_->horizontalHeader()->setStretchLastSection(true);
    horizonTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    horizonTable_->setSelectionMode(QAbstractItemView::NoSelection);
    horizonTable_->setShowGrid(false);
    column->addWidget(horizonTable_, 1);

    auto* riskRow = new QHBoxLayout;
    riskLabel_ = makeLabel(QStringLiteral("riskLabel"), content, LabelStyle::Heading);
    riskRow->addWidget(makeCaption(QStringLiteral("Risk score"), content));
    riskRow->addWidget(riskLabel_);
    riskRow->addStretch(1);
    column->addLayout(riskRow);
    setContent(content);
}

int DirectionPanel::widthWithoutWrapping() const
{
    const int boxChrome = todayBox_->width() - todayFigures_->geometry().width();
    const int today = todayFigures_->sizeHint().width() + boxChrome;
    const QMargins margins = horizonTable_->parentWidget()->layout()->contentsMargins();
    return std::max(widthForWholeColumns(), today + margins.left() + margins.right());
}

int DirectionPanel::widthForWholeColumns() const
{
    const QHeaderView* header = horizonTable_->horizontalHeader();
    const QAbstractItemView* view = horizonTable_;  // QTableView hides the per-column size hint
    int columns = 0;
    for (int column = 0; column < ColumnCount; ++column)
        columns += std::max(view->sizeHintForColumn(column), header->sectionSizeHint(column));
    const int table = columns + 2 * horizonTable_->frameWidth() + horizonTable_->verticalScrollBar()->sizeHint().width();
    const QMargins margins = horizonTable_->parentWidget()->layout()->contentsMargins();
    return table + margins.left() + margins.right();
}

void DirectionPanel::render(const engines::report::TickerReport& report)
{
    const QString moveHeader = moveCaption(engines::report::movesInRupees(report.meta));
    todayMoveCaption_->setText(moveHeader);
    horizonTable_->horizontalHeaderItem(MoveColumn)->setText(moveHeader);
    renderToday(report.direction.today, report.direction.horizons.empty() ? nullptr : &report.direction.horizons.front());
    renderHorizons(report.direction.horizons);
    renderRisk(report.direction);
}

void DirectionPanel::renderToday(const engines::report::TodayBias& today, const engines::report::Horizon* tomorrow)
{
    // Outside an open session, today's bias is the Tomorrow call; without a demonstrated edge that is a
    // base rate and must not look like a signal.
    const bool baseRateOnly = today.sessionState != QLatin1String("open") && tomorrow && !tomorrow->call.edge.demonstrated;
    if (today.direction.isEmpty()) {
        todayDirectionLabel_->setText(kMissingText);
        clearTextColour(todayDirectionLabel_);
    } else if (baseRateOnly) {
        todayDirectionLabel_->setText(noEdgeText());
        setTextColour(todayDirectionLabel_, activeColours().mutedText);
    } else {
        todayDirectionLabel_->setText(directionArrow(today.direction) + QLatin1Char(' ') + today.direction);
        setTextColour(todayDirectionLabel_, directionColour(today.direction));
    }
    QString conviction = percentFromFraction(today.conviction);
    if (baseRateOnly) {
        // Outside an open session today's call is the Tomorrow call, and so is its tie.
        conviction = engines::report::isUpDownTie(tomorrow->call) ? baseRateText(tomorrow->call)
                                                                  : conviction + QStringLiteral(" base rate (") + today.direction + QLatin1Char(')');
    }
    todayConvictionLabel_->setText(conviction);
    const bool moveShown = setOptionalText(todayMoveLabel_, today.expectedMovePoints,
                                           QStringLiteral("no expected-move model for this ticker"), movePoints);
    if (moveShown && today.expectedMoveBasis == engines::report::kTypicalMove) {
        todayMoveLabel_->setText(moveText(*today.expectedMovePoints, today.expectedMoveBasis));
        todayMoveLabel_->setToolTip(typicalMoveWhy(QStringLiteral("1 session")));
    }
    setOptionalText(intradayVolLabel_, today.intradayVolatilityScore,
                    QStringLiteral("no intraday bars for today's session yet"),
                    [](double v) { return groupedNumber(v, 2) + QStringLiteral("× usual"); });
    intradayVolLabel_->setToolTip(intradayVolLabel_->toolTip().isEmpty()
                                      ? QStringLiteral("realised volatility so far today relative to the usual for this time of day")
                                      : intradayVolLabel_->toolTip());
    QStringList basis;
    if (!today.basis.isEmpty())
        basis << today.basis;
    if (!today.sessionState.isEmpty())
        basis << QStringLiteral("session ") + today.sessionState;
    if (today.lastUpdate.isValid())
        basis << QStringLiteral("updated ") + istTimeText(today.lastUpdate, today.lastUpdate);
    todayBasisLabel_->setText(basis.join(QStringLiteral(" · ")));
}

void DirectionPanel::renderHorizons(const std::vector<engines::report::Horizon>& horizons)
{
    const ThemeColours& colours = activeColours();
    horizonTable_->setRowCount(int(horizons.size()));
    for (int row = 0; row < int(horizons.size()); ++row) {
        const auto& horizon = horizons[std::size_t(row)];
        const auto& call = horizon.call;
        const QString sessions = QStringLiteral("%1 session%2").arg(horizon.sessions).arg(horizon.sessions == 1 ? QString() : QStringLiteral("s"));
        horizonTable_->setItem(row, HorizonColumn, item(horizon.label, colours.text, sessions));

        const QString evidenceTip = evidenceTooltip(call.edge);
        if (call.edge.demonstrated) {
            const QColor colour = directionColour(call.direction);
            horizonTable_->setItem(row, DirectionColumn,
                                   item(directionArrow(call.direction) + QLatin1Char(' ') + call.direction, colour, evidenceTip));
            horizonTable_->setItem(row, ConvictionColumn,
                                   item(percentFromFraction(call.conviction), colour,
                                        QStringLiteral("calibrated P(%1) = %2; up %3 · neutral %4 · down %5")
                                            .arg(call.direction, percentFromFraction(call.conviction),
                                                 percentFromFraction(call.probUp), percentFromFraction(call.probNeutral),
                                                 percentFromFraction(call.probDown))));
        } else {
            const QString why = QStringLiteral("Walk-forward evaluation has not shown this model beats chance, so the "
                                               "figure is the historical base rate of %1 (how often it happened in the training "
                                               "years, with those years' trend discounted by its sampling error), not a "
                                               "forecast.\n")
                                    .arg(engines::report::isUpDownTie(call) ? QStringLiteral("UP and of DOWN, equally likely,")
                                         : call.direction.isEmpty()           ? QStringLiteral("the call")
                                                                              : call.direction)
                                + evidenceTip;
            horizonTable_->setItem(row, DirectionColumn, item(horizonNoEdgeText(), colours.mutedText, why));
            horizonTable_->setItem(row, ConvictionColumn, item(baseRateText(call), colours.mutedText, why));
        }

        const QColor rowColour = call.edge.demonstrated ? colours.text : colours.mutedText;
        const bool typicalMove = call.expectedMoveBasis == engines::report::kTypicalMove;
        if (call.expectedMovePoints && std::isfinite(*call.expectedMovePoints))
            horizonTable_->setItem(row, MoveColumn,
                                   item(moveText(*call.expectedMovePoints, call.expectedMoveBasis),
                                        typicalMove ? colours.mutedText : rowColour,
                                        typicalMove ? typicalMoveWhy(sessions)
                                                    : QStringLiteral("median size of the move over %1").arg(sessions)));
        else
            horizonTable_->setItem(row, MoveColumn,
                                   item(kMissingText, colours.mutedText, QStringLiteral("no expected-move model for this horizon")));
        horizonTable_->setItem(row, EvidenceColumn, item(evidenceText(call.edge), rowColour, evidenceTip));
    }
    horizonTable_->resizeColumnsToContents();
}

void DirectionPanel::renderRisk(const engines::report::Direction& direction)
{
    const QString definition = direction.riskDefinition.isEmpty() ? QStringLiteral("definition not provided")
                                                                   : direction.riskDefinition;
    if (setOptionalText(riskLabel_, direction.riskScore, definition, [](double v) { return percentFromFraction(v); }))
        riskLabel_->setToolTip(definition);
}

}  // namespace aegis::ui
