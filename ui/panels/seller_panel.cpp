#include "ui/panels/seller_panel.h"
#include "ui/panels/vertical_scroll_area.h"

#include "ui/panels/chart_support.h"
#include "ui/panels/display_format.h"
#include "ui/panels/panel_widgets.h"
#include "ui/theme/theme.h"

#include <QAreaSeries>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace aegis::ui {

namespace {

constexpr qint64 kMsPerDay = 24LL * 3600 * 1000;

bool finite(const std::optional<double>& value)
{
    return value && std::isfinite(*value);
}

QString optionalPercent(const std::optional<double>& value)
{
    return finite(value) ? percentFromFraction(*value) : kMissingText;
}

QString volPoints(const std::optional<double>& fraction)
{
    return finite(fraction) ? signedNumber(100.0 * *fraction, 2) : kMissingText;
}

QString joinLevels(const std::vector<double>& levels)
{
    QStringList texts;
    for (double level : levels)
        texts << groupedNumber(level, 0);
    return texts.isEmpty() ? kMissingText : texts.join(QStringLiteral(" · "));
}

// The report's codes ("india_vix") as a reader names them.
QString sigmaSourceText(const QString& source)
{
    if (source == QLatin1String("india_vix"))
        return QStringLiteral("India VIX");
    if (source == QLatin1String("chain_atm_iv"))
        return QStringLiteral("chain ATM IV");
    return source;
}

QString safeRangeText(const engines::report::SafeRange& range)
{
    if (!finite(range.lower) || !finite(range.upper))
        return kMissingText;
    QString text = QStringLiteral("%1 – %2 · %3 day%4 (%5 session%6)")
                       .arg(groupedNumber(*range.lower), groupedNumber(*range.upper))
                       .arg(range.horizonDays)
                       .arg(range.horizonDays == 1 ? QString() : QStringLiteral("s"))
                       .arg(range.sessions)
                       .arg(range.sessions == 1 ? QString() : QStringLiteral("s"));
    if (finite(range.sigma))
        text += QStringLiteral(" · σ %1 (%2)").arg(percentFromFraction(*range.sigma), sigmaSourceText(range.sigmaSource));
    if (finite(range.z))
        text += QStringLiteral(" · z %1").arg(groupedNumber(*range.z, 2));
    if (finite(range.breachProbability))
        text += QStringLiteral(" · P(breach) %1").arg(percentFromFraction(*range.breachProbability));
    return text;
}

// The curve is P(touching spot ± x % before the next expiry): without the horizon a 100 % at 1 % reads
// as nonsense two sessions from expiry and as obvious two weeks from it.
QString breachCurveTitle(const engines::report::Seller& seller)
{
    if (!seller.nextExpiry.isValid())
        return QStringLiteral("P(breach) by distance from spot");
    // Short: the column is narrow and QtCharts elides a longer title (the sessions to expiry are in the
    // "To expiry" line above the chart).
    return QStringLiteral("P(breach) to %1").arg(seller.nextExpiry.toString(QStringLiteral("d MMM")));
}

// The pooled rate with its interval: whether 87 % held against the 90 % quoted is a miss or the noise of
// overlapping ranges.
QString pooledHitRateText(const engines::report::HitRateBasis& basis)
{
    QString text = QStringLiteral("; all tickers %1").arg(percentFromFraction(*basis.pooledRate));
    if (finite(basis.pooledRateLow) && finite(basis.pooledRateHigh))
        text += QStringLiteral(" [%1]").arg(percentRangeFromFractions(*basis.pooledRateLow, *basis.pooledRateHigh));
    return text;
}

// The count beside the rate: 51 of 60 is a rate a trader can weigh against the quoted P(breach); "85 %"
// alone reads as more certain than sixty quotes make it.
QString hitRecordText(const engines::report::Seller& seller)
{
    const auto& basis = seller.historicalHitRateBasis;
    const QString pooled = basis && finite(basis->pooledRate) ? pooledHitRateText(*basis) : QString();
    if (finite(seller.historicalHitRate)) {
        if (!basis)
            return QStringLiteral("30-day ranges held %1 of the time historically").arg(percentFromFraction(*seller.historicalHitRate));
        return QStringLiteral("past 30-day ranges held %1 of %2 times (%3%4)")
            .arg(groupedNumber(basis->held, 0), groupedNumber(basis->evaluated, 0),
                 percentFromFraction(*seller.historicalHitRate), pooled);
    }
    if (basis && basis->evaluated < basis->minimum && !pooled.isEmpty())
        return QStringLiteral("too few past 30-day ranges of its own to count (%1 of %2 needed)%3")
            .arg(basis->evaluated).arg(basis->minimum).arg(pooled);
    return {};
}

void setRangeLabel(QLabel* label, const engines::report::SafeRange& range)
{
    label->setText(safeRangeText(range));
    label->setToolTip(label->text() == kMissingText
                          ? (range.reason.isEmpty() ? QStringLiteral("not computable") : range.reason)
                          : QStringLiteral("price band the ticker stays inside with the stated confidence; σ is annualised"));
}

QLineSeries* namedLine(const QString& name, const QString& legend)
{
    auto* line = new QLineSeries;
    line->setObjectName(name);
    line->setName(legend);
    return line;
}

}  // namespace

SellerPanel::SellerPanel(QWidget* parent)
    : ReportPanel(parent)
{
    auto* content = new QWidget(this);
    columns_ = new QBoxLayout(QBoxLayout::LeftToRight, content);

    buildPriceChart();
    buildBreachChart();
    columns_->addWidget(priceView_, 3);

    // Side by side, the details column wraps its text so the price chart keeps most of the width. Wrapped
    // text grows taller as the column narrows, which the layout's minimum height does not account for:
    // without the scroll area a second header warning pushed the breach chart's axis under the Max pain box.
    sideScroll_ = new VerticalScrollArea(content);
    sideScroll_->setObjectName(QStringLiteral("sellerDetails"));
    sideScroll_->setMaximumWidth(460);
    details_ = new QWidget(sideScroll_);
    details_->setObjectName(QStringLiteral("sellerDetailsContent"));
    auto* side = new QVBoxLayout(details_);
    side->setContentsMargins(0, 0, 0, 0);
    // The flag is the column's verdict: first, so it never sits below the fold (at 1600 x 1000 it did).
    auto* flagBox = new QGroupBox(QStringLiteral("Seller flag"), content);
    auto* flagLayout = new QVBoxLayout(flagBox);
    sellerFlagLabel_ = makeBadge(QStringLiteral("sellerFlagLabel"), flagBox);
    sellerReasonsLabel_ = makeLabel(QStringLiteral("sellerReasonsLabel"), flagBox);
    sellerReasonsLabel_->setWordWrap(true);
    flagLayout->addWidget(sellerFlagLabel_, 0, Qt::AlignLeft);
    flagLayout->addWidget(sellerReasonsLabel_);
    side->addWidget(flagBox);

    auto* rangeBox = new QGroupBox(QStringLiteral("Safe range"), content);
    auto* rangeForm = new QFormLayout(rangeBox);
    safeRangeLabel_ = makeLabel(QStringLiteral("safeRangeLabel"), rangeBox);
    safeRangeExpiryLabel_ = makeLabel(QStringLiteral("safeRangeExpiryLabel"), rangeBox);
    breachEdgeLabel_ = makeLabel(QStringLiteral("breachEdgeLabel"), rangeBox, LabelStyle::Muted);
    for (QLabel* label : {safeRangeLabel_, safeRangeExpiryLabel_, breachEdgeLabel_})
        label->setWordWrap(true);
    rangeForm->addRow(makeCaption(QStringLiteral("30 days"), rangeBox), safeRangeLabel_);
    rangeForm->addRow(makeCaption(QStringLiteral("To expiry"), rangeBox), safeRangeExpiryLabel_);
    sessionSoFarCaption_ = makeCaption(QStringLiteral("So far"), rangeBox);
    sessionSoFarLabel_ = makeLabel(QStringLiteral("sessionSoFarLabel"), rangeBox);
    sessionSoFarLabel_->setWordWrap(true);
    rangeForm->addRow(sessionSoFarCaption_, sessionSoFarLabel_);
    rangeForm->addRow(breachEdgeLabel_);
    rangeForm->addRow(breachView_);
    side->addWidget(rangeBox);

    auto* painBox = new QGroupBox(QStringLiteral("Max pain"), content);
    auto* painForm = new QFormLayout(painBox);
    // The strike stands out on its own line; as one heading with its zone it wrapped over four lines.
    maxPainLabel_ = makeLabel(QStringLiteral("maxPainLabel"), painBox, LabelStyle::Heading);
    maxPainZoneLabel_ = makeLabel(QStringLiteral("maxPainZoneLabel"), painBox);
    pcrLabel_ = makeLabel(QStringLiteral("pcrLabel"), painBox);
    wallsLabel_ = makeLabel(QStringLiteral("wallsLabel"), painBox);
    maxPainReasonLabel_ = makeLabel(QStringLiteral("maxPainReasonLabel"), painBox, LabelStyle::Muted);
    for (QLabel* label : {maxPainZoneLabel_, wallsLabel_, maxPainReasonLabel_})
        label->setWordWrap(true);
    painForm->addRow(makeCaption(QStringLiteral("Max pain"), painBox), maxPainLabel_);
    painForm->addRow(QString(), maxPainZoneLabel_);
    painForm->addRow(makeCaption(QStringLiteral("Put/call OI"), painBox), pcrLabel_);
    painForm->addRow(makeCaption(QStringLiteral("OI walls"), painBox), wallsLabel_);
    painForm->addRow(maxPainReasonLabel_);
    side->addWidget(painBox);

    auto* riskBox = new QGroupBox(QStringLiteral("Seller risks"), content);
    auto* riskForm = new QFormLayout(riskBox);
    trapLabel_ = makeLabel(QStringLiteral("trapLabel"), riskBox);
    skewLabel_ = makeLabel(QStringLiteral("skewLabel"), riskBox);
    expiryStressLabel_ = makeLabel(QStringLiteral("expiryStressLabel"), riskBox);
    for (QLabel* label : {trapLabel_, skewLabel_, expiryStressLabel_})
        label->setWordWrap(true);
    riskForm->addRow(makeCaption(QStringLiteral("IV trap"), riskBox), trapLabel_);
    riskForm->addRow(makeCaption(QStringLiteral("Skew (vol pts)"), riskBox), skewLabel_);
    riskForm->addRow(makeCaption(QStringLiteral("Expiry stress"), riskBox), expiryStressLabel_);
    side->addWidget(riskBox);
    side->addStretch(1);
    sideScroll_->setWidget(details_);
    columns_->addWidget(sideScroll_, 2);

    // Stacked, the page scrolls as a whole (one scroll bar, not one inside another).
    auto* page = new VerticalScrollArea(this);
    page->setObjectName(QStringLiteral("sellerPage"));
    page->setWidget(content);
    setContent(page);
}

bool SellerPanel::isStacked() const
{
    return sideScroll_->widget() == nullptr;
}

void SellerPanel::resizeEvent(QResizeEvent* event)
{
    ReportPanel::resizeEvent(event);
    arrangeColumns();
}

void SellerPanel::arrangeColumns()
{
    const bool stack = width() < kSideBySideWidth;
    if (stack == isStacked())
        return;
    if (stack) {
        sideScroll_->takeWidget();
        sideScroll_->hide();
        columns_->setDirection(QBoxLayout::TopToBottom);
        columns_->addWidget(details_);
        details_->show();
    } else {
        columns_->removeWidget(details_);
        sideScroll_->setWidget(details_);
        sideScroll_->show();
        columns_->setDirection(QBoxLayout::LeftToRight);
    }
}

void SellerPanel::buildPriceChart()
{
    priceChart_ = new QChart;
    candles_ = new QCandlestickSeries;
    candles_->setObjectName(QStringLiteral("candles"));
    candles_->setName(QStringLiteral("Daily"));
    candles_->setBodyWidth(0.7);
    safeUpper_ = namedLine(QStringLiteral("safeRangeUpper"), QString());
    safeLower_ = namedLine(QStringLiteral("safeRangeLower"), QString());
    safeBand_ = new QAreaSeries(safeUpper_, safeLower_);
    safeBand_->setObjectName(QStringLiteral("safeRangeBand"));
    safeBand_->setName(QStringLiteral("30-day safe range"));
    breakoutUpper_ = namedLine(QStringLiteral("breakoutUpper"), QStringLiteral("Breakout levels"));
    breakoutLower_ = namedLine(QStringLiteral("breakoutLower"), QString());

    timeAxis_ = new QDateTimeAxis;
    timeAxis_->setFormat(QStringLiteral("dd MMM"));
    timeAxis_->setTickCount(5);
    priceAxis_ = new QValueAxis;
    priceAxis_->setLabelFormat(QStringLiteral("%.0f"));
    priceChart_->addAxis(timeAxis_, Qt::AlignBottom);
    priceChart_->addAxis(priceAxis_, Qt::AlignRight);
    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{safeBand_, candles_, breakoutUpper_, breakoutLower_}) {
        priceChart_->addSeries(series);
        series->attachAxis(timeAxis_);
        series->attachAxis(priceAxis_);
    }
    for (QAbstractSeries* unlabelled : std::initializer_list<QAbstractSeries*>{candles_, breakoutLower_})
        for (QLegendMarker* marker : priceChart_->legend()->markers(unlabelled))
            marker->setVisible(false);
    priceView_ = makeChartView(QStringLiteral("priceChart"), priceChart_, 260, this);
}

void SellerPanel::buildBreachChart()
{
    breachChart_ = new QChart;
    breachChart_->legend()->hide();
    breachChart_->setTitle(QStringLiteral("P(breach) by distance from spot"));
    breachCurve_ = namedLine(QStringLiteral("breachCurve"), QStringLiteral("P(breach)"));
    breachPoints_ = new QScatterSeries;
    breachPoints_->setObjectName(QStringLiteral("breachPoints"));
    breachPoints_->setMarkerSize(7);
    distanceAxis_ = new QValueAxis;
    distanceAxis_->setTitleText(QStringLiteral("% from spot"));
    distanceAxis_->setLabelFormat(QStringLiteral("%.1f"));
    probabilityAxis_ = new QValueAxis;
    probabilityAxis_->setRange(0.0, 100.0);
    probabilityAxis_->setLabelFormat(QStringLiteral("%.0f%%"));
    breachChart_->addAxis(distanceAxis_, Qt::AlignBottom);
    breachChart_->addAxis(probabilityAxis_, Qt::AlignLeft);
    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{breachCurve_, breachPoints_}) {
        breachChart_->addSeries(series);
        series->attachAxis(distanceAxis_);
        series->attachAxis(probabilityAxis_);
    }
    breachView_ = makeChartView(QStringLiteral("breachChart"), breachChart_, 150, this);
}

void SellerPanel::setBars(const data::BarSeries& series)
{
    const std::size_t first = series.bars.size() > std::size_t(kCandleCount) ? series.bars.size() - kCandleCount : 0;
    bars_.assign(series.bars.begin() + std::ptrdiff_t(first), series.bars.end());
    priceChart_->setTitle(series.symbol.isEmpty() ? QString()
                                                  : QStringLiteral("%1 · last %2 %3 bars · %4")
                                                        .arg(series.symbol)
                                                        .arg(bars_.size())
                                                        .arg(data::toString(series.interval), data::toString(series.source).toUpper()));

    QList<QCandlestickSet*> sets;
    sets.reserve(qsizetype(bars_.size()));
    for (const data::Bar& bar : bars_) {
        if (!std::isfinite(bar.open) || !std::isfinite(bar.high) || !std::isfinite(bar.low) || !std::isfinite(bar.close))
            continue;  // a damaged bar is left out rather than drawn at zero
        sets << new QCandlestickSet(bar.open, bar.high, bar.low, bar.close, double(bar.utc) * 1000.0);
    }
    candles_->clear();
    candles_->append(sets);
    renderOverlays();
}

// The ranges are measured from the last close; while the next session trades, its high and low so far
// say whether either range has already been left (a breach is a touch: it has happened).
void SellerPanel::renderSessionSoFar(const engines::report::Seller& seller)
{
    const auto& observed = seller.sessionSoFar;
    if (!showRowIf(observed.has_value(), sessionSoFarCaption_, sessionSoFarLabel_))
        return;
    QStringList left;
    if (seller.safeRange.breachedSoFar.value_or(false))
        left << QStringLiteral("the 30-day range");
    if (seller.safeRangeExpiry.breachedSoFar.value_or(false))
        left << QStringLiteral("the range to expiry");
    const bool anyRange = seller.safeRange.breachedSoFar.has_value() || seller.safeRangeExpiry.breachedSoFar.has_value();
    const QString verdict = !left.isEmpty() ? QStringLiteral("left ") + left.join(QStringLiteral(" and "))
                            : anyRange      ? QStringLiteral("inside the ranges")
                                            : QString();
    QString text = QStringLiteral("%1: %2 – %3").arg(observed->session.toString(QStringLiteral("ddd d MMM")),
                                                      groupedNumber(observed->low), groupedNumber(observed->high));
    if (!verdict.isEmpty())
        text += QStringLiteral(" · ") + verdict;
    text += observedUntilText(observed->asOf);
    sessionSoFarLabel_->setText(text);
    sessionSoFarLabel_->setToolTip(
        QStringLiteral("the session's low and high so far, from %1: observed, not forecast").arg(observed->basis));
    if (left.isEmpty())
        clearTextColour(sessionSoFarLabel_);
    else
        setTextColour(sessionSoFarLabel_, activeColours().flagRed);
}

void SellerPanel::render(const engines::report::TickerReport& report)
{
    const auto& seller = report.seller;
    setRangeLabel(safeRangeLabel_, seller.safeRange);
    setRangeLabel(safeRangeExpiryLabel_, seller.safeRangeExpiry);
    renderSessionSoFar(seller);
    QStringList evidence;
    if (const QString record = hitRecordText(seller); !record.isEmpty())
        evidence << record;
    evidence << (seller.breachEdge.demonstrated ? QStringLiteral("breach model: edge demonstrated")
                                                : QStringLiteral("breach model: no demonstrated edge"));
    if (finite(seller.breachEdge.auc))
        evidence.back() += QStringLiteral(" (AUC %1)").arg(groupedNumber(*seller.breachEdge.auc, 2));
    QString calibrationTip;
    if (const auto& calibration = seller.breachCalibration) {
        if (std::abs(calibration->tickerOffset) >= engines::report::BreachCalibration::kNotableShift)
            evidence << QStringLiteral("shifted by its own record (log-odds %1)").arg(groupedNumber(calibration->tickerOffset, 2));
        calibrationTip = calibration->reason.isEmpty()
                             ? QStringLiteral("Breach probabilities are the pooled model's, shifted on the log-odds scale by %1: "
                                              "%2's own out-of-sample record gave %3 ± %4 over %5 band forecasts, shrunk toward "
                                              "0 as far as the spread across tickers of the same volatility source supports.")
                                   .arg(groupedNumber(calibration->tickerOffset, 2), report.meta.ticker,
                                        groupedNumber(calibration->fittedOffset, 2), groupedNumber(calibration->standardError, 2),
                                        groupedNumber(double(calibration->bandForecasts), 0))
                             : calibration->reason;
    }
    if (engines::report::sellerMeasuredFromAnotherPrice(report)) {
        evidence.prepend(QStringLiteral("measured from the %1 close %2")
                             .arg(seller.referenceSession.toString(QStringLiteral("d MMM")), groupedNumber(*seller.referenceClose)));
    }
    breachEdgeLabel_->setText(evidence.join(QStringLiteral(" · ")));
    breachEdgeLabel_->setToolTip(calibrationTip);

    renderOverlays();
    renderBreachCurve(seller);
    renderMaxPain(seller.maxPain);
    renderRisks(seller);
    renderFlag(seller.sellerFlag);
}

void SellerPanel::renderOverlays()
{
    syncChartTheme(priceChart_);
    const ThemeColours& colours = activeColours();
    candles_->setIncreasingColor(colours.up);
    candles_->setDecreasingColor(colours.down);
    candles_->setPen(QPen(colours.mutedText, 1.0));

    // Time span: the drawn bars, then the safe range projected over the horizon it is valid for.
    const std::optional<engines::report::TickerReport>& report = lastReport();
    qint64 start = 0;
    qint64 anchor = 0;
    if (!bars_.empty()) {
        start = bars_.front().utc * 1000;
        anchor = bars_.back().utc * 1000;
    } else if (report && report->meta.dataAsOf.isValid()) {
        anchor = report->meta.dataAsOf.toMSecsSinceEpoch();
        start = anchor - kMsPerDay;
    } else {
        return;
    }
    const int horizonDays = report ? std::max(report->seller.safeRange.horizonDays, 1) : 1;
    const qint64 end = anchor + horizonDays * kMsPerDay;

    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (const data::Bar& bar : bars_) {
        if (std::isfinite(bar.low))
            low = std::min(low, bar.low);
        if (std::isfinite(bar.high))
            high = std::max(high, bar.high);
    }
    const auto include = [&](const std::optional<double>& level) {
        if (finite(level)) {
            low = std::min(low, *level);
            high = std::max(high, *level);
        }
    };

    safeUpper_->clear();
    safeLower_->clear();
    breakoutUpper_->clear();
    breakoutLower_->clear();
    if (report) {
        const auto& range = report->seller.safeRange;
        if (finite(range.lower) && finite(range.upper)) {
            safeUpper_->append({{double(anchor), *range.upper}, {double(end), *range.upper}});
            safeLower_->append({{double(anchor), *range.lower}, {double(end), *range.lower}});
            include(range.lower);
            include(range.upper);
        }
        const auto& levels = report->buyer.breakoutLevels;
        if (finite(levels.upper)) {
            breakoutUpper_->append({{double(start), *levels.upper}, {double(end), *levels.upper}});
            include(levels.upper);
        }
        if (finite(levels.lower)) {
            breakoutLower_->append({{double(start), *levels.lower}, {double(end), *levels.lower}});
            include(levels.lower);
        }
    }
    QColor band = colours.flagGreen;
    band.setAlpha(60);
    safeBand_->setBrush(band);
    safeBand_->setPen(QPen(colours.flagGreen, 1.0));
    for (QLineSeries* line : {breakoutUpper_, breakoutLower_})
        line->setPen(QPen(colours.flagAmber, 1.5, Qt::DashLine));

    timeAxis_->setRange(QDateTime::fromMSecsSinceEpoch(start - kMsPerDay, Qt::UTC),
                        QDateTime::fromMSecsSinceEpoch(end + kMsPerDay, Qt::UTC));
    if (std::isfinite(low) && std::isfinite(high)) {
        const double padding = std::max((high - low) * 0.04, std::abs(high) * 0.002);
        priceAxis_->setRange(low - padding, high + padding);
        remeasureAxisLabels(priceAxis_);
    }
}

void SellerPanel::renderBreachCurve(const engines::report::Seller& seller)
{
    syncChartTheme(breachChart_);
    QList<QPointF> points;
    QStringList missing;
    double farthest = 0.0;
    for (const auto& point : seller.breachProbabilities) {
        if (!finite(point.probability) || !std::isfinite(point.distancePct)) {
            if (!point.reason.isEmpty())
                missing << point.reason;
            continue;
        }
        points << QPointF(point.distancePct, 100.0 * *point.probability);
        farthest = std::max(farthest, point.distancePct);
    }
    breachCurve_->replace(points);
    breachPoints_->replace(points);
    breachCurve_->setPen(QPen(activeColours().flagAmber, 2.0));
    breachPoints_->setColor(activeColours().flagAmber);
    distanceAxis_->setRange(0.0, std::max(farthest, 1.0) + 0.5);
    // A distance left off the curve says why (e.g. nearer than the narrowest band the model learnt).
    breachView_->setToolTip(missing.join(QLatin1Char('\n')));
    breachChart_->setTitle(points.isEmpty()
                               ? QStringLiteral("P(breach): %1").arg(seller.safeRange.reason.isEmpty()
                                                                         ? QStringLiteral("not computable")
                                                                         : seller.safeRange.reason)
                               : breachCurveTitle(seller));
}

void SellerPanel::renderMaxPain(const engines::report::MaxPainView& maxPain)
{
    const QString reason = maxPain.reason.isEmpty() ? QStringLiteral("not computable") : maxPain.reason;
    if (finite(maxPain.strike)) {
        maxPainLabel_->setText(groupedNumber(*maxPain.strike, 0));
        maxPainLabel_->setToolTip(QStringLiteral("strike at which option writers pay out the least at expiry"));
        QStringList zone;
        if (finite(maxPain.lower) && finite(maxPain.upper))
            zone << QStringLiteral("range %1 – %2").arg(groupedNumber(*maxPain.lower, 0), groupedNumber(*maxPain.upper, 0));
        if (finite(maxPain.confidence))
            zone << QStringLiteral("confidence %1").arg(percentFromFraction(*maxPain.confidence, 0));
        if (maxPain.expiry.isValid())
            zone << QStringLiteral("expiry %1").arg(isoDate(maxPain.expiry));
        maxPainZoneLabel_->setText(zone.join(QStringLiteral(" · ")));
        maxPainZoneLabel_->setToolTip(QStringLiteral("strikes whose total payout is within 5% of the minimum"));
    } else {
        maxPainLabel_->setText(kMissingText);
        maxPainLabel_->setToolTip(reason);
        maxPainZoneLabel_->clear();
    }
    maxPainZoneLabel_->setVisible(!maxPainZoneLabel_->text().isEmpty());
    setOptionalText(pcrLabel_, maxPain.putCallRatio, reason, [](double v) { return groupedNumber(v, 2); });
    if (maxPain.callWalls.empty() && maxPain.putWalls.empty()) {
        wallsLabel_->setText(kMissingText);
        wallsLabel_->setToolTip(reason);
    } else {
        wallsLabel_->setText(QStringLiteral("calls %1 | puts %2").arg(joinLevels(maxPain.callWalls), joinLevels(maxPain.putWalls)));
        wallsLabel_->setToolTip(QStringLiteral("strikes with the largest open interest: resistance (calls), support (puts)"));
    }
    maxPainReasonLabel_->setText(maxPain.reason);
    maxPainReasonLabel_->setVisible(!maxPain.reason.isEmpty());
}

void SellerPanel::renderRisks(const engines::report::Seller& seller)
{
    const auto& trap = seller.trap;
    if (finite(trap.score)) {
        trapLabel_->setText(QStringLiteral("%1 (%2)%3 · IV pctile %4 · RV pctile %5")
                                .arg(trap.label, groupedNumber(*trap.score, 2),
                                     trap.scoreIsBaseRate ? QStringLiteral(" · base rate") : QString(),
                                     optionalPercent(trap.ivPercentile), optionalPercent(trap.rvPercentile)));
        QString tip = QStringLiteral("the trap: implied vol rich against realised (at least 1.2 x the 20-session realised) "
                                     "while realised vol expands over the next 10 sessions, so the premium a seller took "
                                     "in was not enough. IV and RV percentiles are each against its own past year");
        if (!trap.reason.isEmpty())
            tip = trap.reason + QStringLiteral(". ") + tip;
        trapLabel_->setToolTip(tip);
    } else {
        trapLabel_->setText(kMissingText);
        trapLabel_->setToolTip(trap.reason.isEmpty() ? QStringLiteral("not computable") : trap.reason);
    }

    const auto& skew = seller.skew;
    if (finite(skew.netSkew) || finite(skew.putSkew) || finite(skew.callSkew)) {
        skewLabel_->setText(QStringLiteral("put %1 · call %2 · net %3 (%4)")
                                .arg(volPoints(skew.putSkew), volPoints(skew.callSkew), volPoints(skew.netSkew),
                                     skew.source == QStringLiteral("chain") ? QStringLiteral("option chain")
                                                                            : QStringLiteral("realised, no chain")));
        skewLabel_->setToolTip(QStringLiteral("volatility of the downside (put) and upside (call) wing minus at-the-money, in "
                                              "volatility points; net = put − call"));
    } else {
        skewLabel_->setText(kMissingText);
        skewLabel_->setToolTip(skew.reason.isEmpty() ? QStringLiteral("not computable") : skew.reason);
    }

    QString stress = seller.expiryStress.label.isEmpty() ? kMissingText : seller.expiryStress.label;
    if (finite(seller.expiryStress.score))
        stress += QStringLiteral(" (%1)").arg(groupedNumber(*seller.expiryStress.score, 2));
    if (seller.sessionsToExpiry)
        stress += QStringLiteral(" · %1 session%2 to expiry").arg(*seller.sessionsToExpiry).arg(*seller.sessionsToExpiry == 1 ? QString() : QStringLiteral("s"));
    if (seller.nextExpiry.isValid())
        stress += QStringLiteral(" %1").arg(isoDate(seller.nextExpiry));
    expiryStressLabel_->setText(stress);
}

void SellerPanel::renderFlag(const engines::report::Flag& flag)
{
    sellerFlagLabel_->setText(flag.label.isEmpty() ? kMissingText : flag.label);
    sellerFlagLabel_->setStyleSheet(badgeStyleSheet(flagColour(flag.color), activeColours().badgeForeground));
    sellerFlagLabel_->setToolTip(QStringLiteral("flag colour: %1").arg(flag.color.isEmpty() ? QStringLiteral("none") : flag.color));
    QStringList reasons;
    for (const QString& reason : flag.reasons)
        reasons << QStringLiteral("• ") + reason;
    sellerReasonsLabel_->setText(reasons.join(QLatin1Char('\n')));
}

}  // namespace aegis::ui
