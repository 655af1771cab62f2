#include "ui/panels/buyer_panel.h"

#include "ui/panels/chart_support.h"
#include "ui/panels/display_format.h"
#include "ui/panels/panel_widgets.h"
#include "ui/theme/theme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDate>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace aegis::ui {

namespace {

// A value axis from 0 whose ticks are round (0, 5, 10, ...): at most five steps of 1, 2 or 5 times a
// power of ten, covering `top`.
void setRoundTicks(QValueAxis* axis, double top)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(top / 5.0)));
    double step = magnitude;
    for (const double multiple : {1.0, 2.0, 5.0, 10.0}) {
        step = multiple * magnitude;
        if (5.0 * step >= top)
            break;
    }
    const int steps = int(std::ceil(top / step - 1e-9));
    axis->setRange(0.0, steps * step);
    axis->setTickCount(steps + 1);
}

bool finite(const std::optional<double>& value)
{
    return value && std::isfinite(*value);
}

QString optionalPercent(const std::optional<double>& value)
{
    return finite(value) ? percentFromFraction(*value) : kMissingText;
}

// A bar chart cannot leave a gap, so a missing value is drawn at zero and its category says "n/a", on a
// second line: "14:00 (n/a)" on one was cut to "14:00 (..." under a bar of the Buyer tab.
QString categoryFor(const QString& name, bool known)
{
    return known ? name : name + QStringLiteral("<br>n/a");
}

// A bar chart labelled "Today, +1, ..." drew the next session twice (breakout_today is breakout_next's
// first); each bar now names its session. Reports without session dates fall back to "+d".
QString sessionName(const engines::report::DayScore& day, const QString& format)
{
    return day.session.isValid() ? day.session.toString(format) : QStringLiteral("+%1").arg(day.dayOffset);
}

// A figure from a model without a demonstrated edge: its base rate, the same for every ticker. Muted
// and marked, so that neither its value nor a lean colour reads as a signal.
void showAsBaseRate(QLabel* label, const QString& text, const QString& why)
{
    label->setText(text + QStringLiteral(" · base rate"));
    label->setToolTip(why);
    setTextColour(label, activeColours().mutedText);
}

// Each day has its own model and walk-forward record; a day without an edge shows its base rate.
QString breakoutEvidence(const std::vector<engines::report::DayScore>& days)
{
    QStringList without;
    for (const auto& day : days) {
        if (!day.edgeDemonstrated)
            without << sessionName(day, QStringLiteral("ddd d"));
    }
    if (without.isEmpty())
        return QStringLiteral("breakout models: edge demonstrated");
    if (without.size() == int(days.size()))
        return QStringLiteral("breakout models: no demonstrated edge (base rates)");
    return QStringLiteral("breakout models: no demonstrated edge for %1 (base rates)").arg(without.join(QStringLiteral(", ")));
}

}  // namespace

BuyerPanel::BuyerPanel(QWidget* parent)
    : ReportPanel(parent)
{
    auto* content = new QWidget(this);
    auto* grid = new QGridLayout(content);

    auto* breakoutBox = new QGroupBox(QStringLiteral("Breakout"), content);
    auto* breakoutColumn = new QVBoxLayout(breakoutBox);
    breakout_ = makeBarChart(QStringLiteral("breakoutChart"), QStringLiteral("breakoutBars"),
                             QStringLiteral("breakoutScores"), QStringLiteral("P(breakout) by session"));
    breakout_.values->setLabelFormat(QStringLiteral("%.0f%%"));
    auto* breakoutForm = new QFormLayout;
    breakoutTodayLabel_ = makeLabel(QStringLiteral("breakoutTodayLabel"), breakoutBox, LabelStyle::Heading);
    breakoutLevelsLabel_ = makeLabel(QStringLiteral("breakoutLevelsLabel"), breakoutBox);
    spikeLabel_ = makeLabel(QStringLiteral("spikeLabel"), breakoutBox);
    spikeRateLabel_ = makeLabel(QStringLiteral("spikeRateLabel"), breakoutBox, LabelStyle::Muted);
    spikeRateLabel_->setWordWrap(true);  // one long line set the column's minimum width
    breakoutEventsLabel_ = makeLabel(QStringLiteral("breakoutEventsLabel"), breakoutBox, LabelStyle::Muted);
    breakoutEventsLabel_->setWordWrap(true);
    breakoutEventsLabel_->setToolTip(QStringLiteral(
        "scheduled market-wide events (Union Budget, general election exit polls and results) move every stock at once; "
        "the forecast for that session carries the shift the models learnt from past ones"));
    breakoutSoFarCaption_ = makeCaption(QStringLiteral("So far"), breakoutBox);
    breakoutSoFarLabel_ = makeLabel(QStringLiteral("breakoutSoFarLabel"), breakoutBox);
    breakoutSoFarLabel_->setWordWrap(true);
    breakoutForm->addRow(makeCaption(QStringLiteral("Next session"), breakoutBox), breakoutTodayLabel_);
    breakoutForm->addRow(breakoutSoFarCaption_, breakoutSoFarLabel_);
    breakoutForm->addRow(makeCaption(QStringLiteral("Levels"), breakoutBox), breakoutLevelsLabel_);
    breakoutForm->addRow(makeCaption(QStringLiteral("Spike bias"), breakoutBox), spikeLabel_);
    breakoutForm->addRow(spikeRateLabel_);
    breakoutColumn->addWidget(breakout_.view);
    breakoutColumn->addWidget(breakoutEventsLabel_);
    breakoutColumn->addLayout(breakoutForm);
    grid->addWidget(breakoutBox, 0, 0);

    auto* gammaBox = new QGroupBox(QStringLiteral("Gamma windows"), content);
    auto* gammaColumn = new QVBoxLayout(gammaBox);
    gamma_ = makeBarChart(QStringLiteral("gammaChart"), QStringLiteral("gammaBars"), QStringLiteral("gammaScores"),
                          QStringLiteral("% of earlier sessions that moved less"));
    gamma_.values->setLabelFormat(QStringLiteral("%.0f%%"));
    gamma_.categories->setTitleText(QStringLiteral("window start (IST)"));
    gammaBasisLabel_ = makeLabel(QStringLiteral("gammaBasisLabel"), gammaBox, LabelStyle::Muted);
    gammaBasisLabel_->setWordWrap(true);
    gammaColumn->addWidget(gamma_.view);
    gammaColumn->addWidget(gammaBasisLabel_);
    grid->addWidget(gammaBox, 1, 0);

    auto* regimeBox = new QGroupBox(QStringLiteral("Buyer environment"), content);
    auto* regimeForm = new QFormLayout(regimeBox);
    thetaLabel_ = makeLabel(QStringLiteral("thetaLabel"), regimeBox);
    buyerRegimeLabel_ = makeLabel(QStringLiteral("buyerRegimeLabel"), regimeBox);
    buyerEnvironmentLabel_ = makeBadge(QStringLiteral("buyerEnvironmentLabel"), regimeBox);
    buyerReasonsLabel_ = makeLabel(QStringLiteral("buyerReasonsLabel"), regimeBox);
    buyerReasonsLabel_->setWordWrap(true);
    regimeForm->addRow(makeCaption(QStringLiteral("Theta edge"), regimeBox), thetaLabel_);
    regimeForm->addRow(makeCaption(QStringLiteral("Regime"), regimeBox), buyerRegimeLabel_);
    regimeForm->addRow(makeCaption(QStringLiteral("Environment"), regimeBox), buyerEnvironmentLabel_);
    regimeForm->addRow(buyerReasonsLabel_);
    grid->addWidget(regimeBox, 2, 0);
    // One column: side by side, the gamma chart got a sliver and the breakout chart's session dates did
    // not fit either; every label read "...".
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    // The three boxes stacked need 550 pixels, which set the window's minimum height (715, more than a
    // 768-pixel laptop screen leaves it): a short tab scrolls instead.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("buyerScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    setContent(scroll);
}

BuyerPanel::BarChart BuyerPanel::makeBarChart(const QString& viewName, const QString& seriesName, const QString& setName,
                                              const QString& title)
{
    BarChart bars;
    bars.chart = new QChart;
    bars.chart->setTitle(title);
    bars.chart->legend()->hide();
    bars.series = new QBarSeries;
    bars.series->setObjectName(seriesName);
    bars.set = new QBarSet(title);
    bars.set->setObjectName(setName);
    bars.series->append(bars.set);
    bars.chart->addSeries(bars.series);
    bars.categories = new QBarCategoryAxis;
    bars.values = new QValueAxis;
    bars.chart->addAxis(bars.categories, Qt::AlignBottom);
    bars.chart->addAxis(bars.values, Qt::AlignLeft);
    bars.series->attachAxis(bars.categories);
    bars.series->attachAxis(bars.values);
    // Tall enough for the title, two-line labels and a readable plot: at 100 pixels on a 1366 x 740 window
    // the axes' labels were all "...". The tab scrolls (below), so this no longer sets the window's
    // minimum height, as 170 pixels did before it scrolled (872 pixels, too tall for a laptop screen).
    bars.view = makeChartView(viewName, bars.chart, 190, this);
    return bars;
}

void BuyerPanel::render(const engines::report::TickerReport& report)
{
    renderBreakout(report.buyer);
    renderGamma(report.buyer);
    renderRegime(report.buyer);
}

void BuyerPanel::renderBreakout(const engines::report::Buyer& buyer)
{
    syncChartTheme(breakout_.chart);
    QList<qreal> values;
    QStringList categories;
    QStringList events;
    double largest = 0.0;
    QDate previous;
    for (const auto& day : buyer.breakoutNext) {
        const bool known = finite(day.score);
        values << (known ? 100.0 * *day.score : 0.0);
        // "Fri 28, Mon 1" read as one month: the first session of a new month names it. Day and date
        // share no line: on one, "Mon 23" was elided to "Mon ..." in a narrow pane.
        const bool newMonth = previous.isValid() && day.session.isValid() && day.session.month() != previous.month();
        previous = day.session;
        // A scheduled event's session is starred; the note under the chart names it.
        const QString marker = day.event.isEmpty() ? QString() : QStringLiteral("*");
        categories << categoryFor(sessionName(day, newMonth ? QStringLiteral("ddd'<br>'d MMM") : QStringLiteral("ddd'<br>'d")) + marker,
                                  known);
        if (!day.event.isEmpty())
            events << QStringLiteral("* %1: %2").arg(sessionName(day, QStringLiteral("ddd d MMM")), day.event);
        largest = std::max(largest, values.back());
    }
    breakoutEventsLabel_->setText(events.join(QStringLiteral("; ")));
    breakoutEventsLabel_->setVisible(!events.isEmpty());
    breakout_.set->remove(0, breakout_.set->count());
    breakout_.set->append(values);
    breakout_.set->setColor(activeColours().highlight.lighter(130));
    breakout_.categories->setCategories(categories);
    // Breakouts happen on about one session in ten: on a 0-100 % axis every bar was a sliver. The axis
    // reaches at least 20 % so that small differences between days are not blown up either.
    setRoundTicks(breakout_.values, std::clamp(1.2 * largest, 20.0, 100.0));
    remeasureAxisLabels(breakout_.values);
    remeasureAxisLabels(breakout_.categories);  // the session dates replaced placeholder labels

    if (finite(buyer.breakoutToday.score)) {
        QString text = QStringLiteral("%1 (%2)").arg(percentFromFraction(*buyer.breakoutToday.score), buyer.breakoutToday.label);
        if (buyer.breakoutToday.session.isValid())
            text += QStringLiteral(" · ") + buyer.breakoutToday.session.toString(QStringLiteral("ddd d MMM"));
        if (!buyer.breakoutToday.event.isEmpty())
            text += QStringLiteral(" · ") + buyer.breakoutToday.event;
        if (buyer.breakoutToday.edgeDemonstrated) {
            breakoutTodayLabel_->setText(text);
            breakoutTodayLabel_->setToolTip(
                QStringLiteral("calibrated probability that the session's high-low range exceeds 1.5 × ATR14 at the last close"));
            clearTextColour(breakoutTodayLabel_);
        } else {
            showAsBaseRate(breakoutTodayLabel_, text,
                           QStringLiteral("This day's breakout model has not beaten chance walk-forward, so this is how often a "
                                          "session's high-low range exceeded 1.5 × ATR14 in the training years: not a forecast."));
        }
    } else {
        breakoutTodayLabel_->setText(kMissingText);
        breakoutTodayLabel_->setToolTip(QStringLiteral("no breakout model for this ticker (too little history)"));
    }
    renderRangeSoFar(buyer);
    const auto& levels = buyer.breakoutLevels;
    if (finite(levels.lower) || finite(levels.upper)) {
        breakoutLevelsLabel_->setText(QStringLiteral("below %1 · above %2")
                                          .arg(finite(levels.lower) ? groupedNumber(*levels.lower) : kMissingText,
                                               finite(levels.upper) ? groupedNumber(*levels.upper) : kMissingText));
        // The levels and the probability above them describe different events; say which is which.
        breakoutLevelsLabel_->setToolTip(
            QStringLiteral("spot ± the larger of ATR14 and the one-session 1σ move of the quoted volatility: a close "
                           "beyond either is bigger than a usual session's move. Not the event the breakout "
                           "probability is about (a high-low range over 1.5 × ATR14)"));
    } else {
        breakoutLevelsLabel_->setText(kMissingText);
        breakoutLevelsLabel_->setToolTip(QStringLiteral("no volatility estimate to set levels from"));
    }
    if (finite(buyer.spikeUpProb) || finite(buyer.spikeDownProb)) {
        const QString odds = QStringLiteral("▲ up %1 · ▼ down %2").arg(optionalPercent(buyer.spikeUpProb), optionalPercent(buyer.spikeDownProb));
        if (!buyer.spikeEdge.demonstrated) {
            showAsBaseRate(spikeLabel_, odds,
                           QStringLiteral("The spike-direction model has not beaten chance walk-forward, so these are how often "
                                          "past breakout sessions closed above / below their open, the same for every ticker: "
                                          "not a forecast."));
        } else {
            spikeLabel_->setText(odds);
            spikeLabel_->setToolTip(QStringLiteral("if the price spikes, the probability of each direction"));
            const bool upLeans = finite(buyer.spikeUpProb) && finite(buyer.spikeDownProb) && *buyer.spikeUpProb > *buyer.spikeDownProb;
            const bool downLeans = finite(buyer.spikeUpProb) && finite(buyer.spikeDownProb) && *buyer.spikeDownProb > *buyer.spikeUpProb;
            setTextColour(spikeLabel_, upLeans ? activeColours().up : downLeans ? activeColours().down : activeColours().neutral);
        }
    } else {
        spikeLabel_->setText(kMissingText);
        spikeLabel_->setToolTip(QStringLiteral("no spike model for this ticker"));
        clearTextColour(spikeLabel_);
    }
    QStringList evidence;
    if (finite(buyer.historicalSpikeRate))
        evidence << QStringLiteral("past breakouts closed up %1 of %2 times (%3)")
                        .arg(groupedNumber(std::lround(*buyer.historicalSpikeRate * buyer.historicalSpikeBreakouts), 0),
                             groupedNumber(buyer.historicalSpikeBreakouts, 0), percentFromFraction(*buyer.historicalSpikeRate));
    evidence << breakoutEvidence(buyer.breakoutNext);
    spikeRateLabel_->setText(evidence.join(QStringLiteral(" · ")));
}

// A forecast made at the last close says nothing about what the session has done since; with the session
// trading, a trader sees both, and a range already past the threshold is a breakout that has happened.
void BuyerPanel::renderRangeSoFar(const engines::report::Buyer& buyer)
{
    const auto& range = buyer.breakoutTodaySoFar;
    if (!showRowIf(range.has_value(), breakoutSoFarCaption_, breakoutSoFarLabel_))
        return;
    const QString until = observedUntilText(range->observed.asOf);
    const QString multiple = QString::number(range->rangeAtr, 'f', 2);
    const QString threshold = QString::number(range->thresholdAtr, 'g', 3);
    if (range->brokenOut) {
        breakoutSoFarLabel_->setText(
            QStringLiteral("broken out: range %1 × ATR14, over the %2× of a breakout%3").arg(multiple, threshold, until));
        setTextColour(breakoutSoFarLabel_, activeColours().flagAmber);
    } else {
        breakoutSoFarLabel_->setText(QStringLiteral("range %1 × ATR14 of the %2× a breakout needs%3").arg(multiple, threshold, until));
        clearTextColour(breakoutSoFarLabel_);
    }
    breakoutSoFarLabel_->setToolTip(QStringLiteral("high %1 · low %2 · ATR14 %3 at the last close, from %4. Observed, not forecast: "
                                                   "the probability above was made at the last close, before these bars.")
                                        .arg(groupedNumber(range->observed.high), groupedNumber(range->observed.low),
                                             groupedNumber(range->atr), range->observed.basis));
}

void BuyerPanel::renderGamma(const engines::report::Buyer& buyer)
{
    syncChartTheme(gamma_.chart);
    QList<qreal> values;
    QStringList categories;
    QStringList ratios;
    for (const auto& window : buyer.gammaWindows) {
        const bool known = finite(window.score);
        values << (known ? 100.0 * *window.score : 0.0);
        // "09:15-09:45" does not fit under a bar; the start time does, and the axis says so.
        const QString start = window.window.section(QLatin1Char('-'), 0, 0);
        categories << categoryFor(start, known);
        if (finite(window.ratio))
            ratios << QStringLiteral("%1 %2×").arg(start, QString::number(*window.ratio, 'f', 1));
    }
    gamma_.set->remove(0, gamma_.set->count());
    gamma_.set->append(values);
    gamma_.set->setColor(activeColours().flagAmber);
    gamma_.categories->setCategories(categories);
    // A share: the whole 0-100 % scale, so bars compare across tickers and sessions.
    setRoundTicks(gamma_.values, 100.0);
    remeasureAxisLabels(gamma_.values);
    // The share saturates at 100 %; the variance ratio says by how much a window was unusual.
    QString basis = buyer.gammaWindowsBasis.isEmpty() ? QStringLiteral("no intraday bars") : buyer.gammaWindowsBasis;
    if (!ratios.isEmpty())
        basis += QStringLiteral("\nvariance vs usual: ") + ratios.join(QStringLiteral(" · "));
    gammaBasisLabel_->setText(basis);
    // Without windows the chart would be an empty frame with its axis title adrift in a corner; the
    // basis line says why there is nothing to show.
    gamma_.view->setVisible(!buyer.gammaWindows.empty());
}

void BuyerPanel::renderRegime(const engines::report::Buyer& buyer)
{
    if (finite(buyer.thetaEdge.score)) {
        const bool atRealised = buyer.thetaPremiumBasis == engines::report::kPremiumAtRealised;
        // Priced at realised vol the straddle is not what a buyer pays: said beside the label, not only in a tooltip.
        const QString text = QStringLiteral("%1 (%2)%3").arg(QString(buyer.thetaEdge.label).replace(QLatin1Char('_'), QLatin1Char(' ')),
                                                            percentFromFraction(*buyer.thetaEdge.score),
                                                            atRealised ? QStringLiteral(" · at realised vol") : QString());
        if (buyer.thetaEdgeRecord.demonstrated) {
            thetaLabel_->setText(text);
            thetaLabel_->setToolTip(
                atRealised ? QStringLiteral("calibrated probability that the 5-session move covers a straddle priced at the "
                                            "20-session realised vol: there is no implied-vol history for this ticker, and "
                                            "the implied vol a buyer pays is usually higher")
                           : QStringLiteral("calibrated probability that the 5-session move covers a straddle priced at the "
                                            "implied vol (India VIX)"));
            clearTextColour(thetaLabel_);
        } else {
            showAsBaseRate(thetaLabel_, text,
                           QStringLiteral("The theta-edge model has not beaten chance walk-forward, so this is how often the "
                                          "move covered the time decay in the training years, the same for every ticker: not a "
                                          "forecast."));
        }
    } else {
        thetaLabel_->setText(kMissingText);
        thetaLabel_->setToolTip(QStringLiteral("no theta-edge model for this ticker"));
        clearTextColour(thetaLabel_);
    }
    buyerRegimeLabel_->setText(buyer.regime.isEmpty() ? kMissingText : QString(buyer.regime).replace(QLatin1Char('_'), QLatin1Char(' ')));
    buyerRegimeLabel_->setToolTip(buyer.regime.isEmpty() ? QStringLiteral("too few sessions to measure the regime") : QString());
    const auto& environment = buyer.buyerEnvironment;
    buyerEnvironmentLabel_->setText(environment.label.isEmpty() ? kMissingText
                                                                : QString(environment.label).replace(QLatin1Char('_'), QLatin1Char(' ')));
    buyerEnvironmentLabel_->setStyleSheet(badgeStyleSheet(flagColour(environment.color), activeColours().badgeForeground));
    QStringList reasons;
    for (const QString& reason : environment.reasons)
        reasons << QStringLiteral("• ") + reason;
    buyerReasonsLabel_->setText(reasons.join(QLatin1Char('\n')));
}

}  // namespace aegis::ui
