#include "ui/panels/spot_vix_panel.h"

#include "ui/panels/display_format.h"
#include "ui/panels/flow_layout.h"
#include "ui/panels/panel_widgets.h"
#include "ui/theme/theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace aegis::ui {

namespace {

bool isStaleWarning(const QString& warning)
{
    return warning.startsWith(QStringLiteral("stale"), Qt::CaseInsensitive);
}

QString changeText(double points, double fraction)
{
    return signedNumber(points) + QStringLiteral(" (") + signedPercentFromFraction(fraction) + QLatin1Char(')');
}

QColor changeColour(double change)
{
    if (!std::isfinite(change) || change == 0.0)
        return activeColours().neutral;
    return change > 0.0 ? activeColours().up : activeColours().down;
}

}  // namespace

SpotVixPanel::SpotVixPanel(QWidget* parent)
    : ReportPanel(parent)
{
    auto* content = new QWidget(this);
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(6, 4, 6, 4);
    auto* row = new QHBoxLayout;
    column->addLayout(row);

    tickerLabel_ = makeLabel(QStringLiteral("tickerLabel"), content, LabelStyle::Heading);
    spotLabel_ = makeLabel(QStringLiteral("spotLabel"), content, LabelStyle::Big);
    spotChangeLabel_ = makeLabel(QStringLiteral("spotChangeLabel"), content);
    vixLabel_ = makeLabel(QStringLiteral("vixLabel"), content, LabelStyle::Heading);
    vixChangeLabel_ = makeLabel(QStringLiteral("vixChangeLabel"), content);
    regimeLabel_ = makeLabel(QStringLiteral("regimeLabel"), content);
    demoBadge_ = makeBadge(QStringLiteral("demoBadge"), content);
    demoBadge_->setText(QStringLiteral("DEMO"));
    demoBadge_->setToolTip(QStringLiteral("Synthetic market generated for demonstration: these are not real prices"));
    sourceBadge_ = makeBadge(QStringLiteral("sourceBadge"), content);
    freshnessLabel_ = makeLabel(QStringLiteral("freshnessLabel"), content);
    staleLabel_ = makeLabel(QStringLiteral("staleLabel"), content);
    warningsLabel_ = makeLabel(QStringLiteral("warningsLabel"), content);
    staleLabel_->setWordWrap(true);
    warningsLabel_->setWordWrap(true);

    auto* figures = new FlowLayout(nullptr, 16, 2);
    figures->addWidget(tickerLabel_);
    figures->addWidget(keepTogether(Qt::Horizontal, {spotLabel_, spotChangeLabel_}, content));
    figures->addWidget(keepTogether(Qt::Horizontal, {makeCaption(QStringLiteral("India VIX"), content), vixLabel_, vixChangeLabel_}, content));
    figures->addWidget(keepTogether(Qt::Horizontal, {makeCaption(QStringLiteral("Market regime"), content), regimeLabel_}, content));
    row->addLayout(figures, 1);
    row->addWidget(demoBadge_, 0, Qt::AlignTop);
    row->addWidget(sourceBadge_, 0, Qt::AlignTop);
    column->addWidget(freshnessLabel_);
    column->addWidget(staleLabel_);
    column->addWidget(warningsLabel_);
    column->addStretch(1);
    setContent(content);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);  // a strip across the window, not a pane
}

void SpotVixPanel::setNow(const QDateTime& nowUtc)
{
    now_ = nowUtc;
    if (lastReport())
        renderFreshness(lastReport()->meta);
}

void SpotVixPanel::resizeEvent(QResizeEvent* event)
{
    ReportPanel::resizeEvent(event);
    keepWrappedLinesVisible();
}

void SpotVixPanel::keepWrappedLinesVisible()
{
    // The figures and warnings wrap onto more lines as the window narrows, and a layout's minimum
    // height does not follow its height for a width: in a short window the panes below covered the
    // wrapped lines. The minimum follows the lines the current width and text need.
    if (const int needed = heightForWidth(width()); needed > 0)
        setMinimumHeight(needed);
}

void SpotVixPanel::render(const engines::report::TickerReport& report)
{
    const auto& market = report.market;
    tickerLabel_->setText(report.meta.name.isEmpty() || report.meta.name == report.meta.ticker
                              ? report.meta.ticker
                              : report.meta.ticker + QStringLiteral("  ") + report.meta.name);

    spotLabel_->setText(groupedNumber(market.spot));
    spotChangeLabel_->setText(changeText(market.spotChange, market.spotChangePct));
    setTextColour(spotChangeLabel_, changeColour(market.spotChange));

    setOptionalText(vixLabel_, market.vix, QStringLiteral("no India VIX close stored"),
                    [](double v) { return groupedNumber(v); });
    // A VIX or NIFTY history that stops before the ticker's: the date beside the figure, not only in the
    // warnings, so an old VIX is not read as today's.
    const QString vixBehind = behindDataText(market.vixAsOf, report.meta.dataAsOf);
    if (market.vixChange && market.vixChangePct && std::isfinite(*market.vixChange) && std::isfinite(*market.vixChangePct)) {
        vixChangeLabel_->setText(changeText(*market.vixChange, *market.vixChangePct) + vixBehind);
        vixChangeLabel_->setToolTip(QString());
    } else {
        vixChangeLabel_->setText(kMissingText + vixBehind);
        vixChangeLabel_->setToolTip(QStringLiteral("no previous India VIX close to compare with"));
    }

    if (market.regime.isEmpty()) {
        regimeLabel_->setText(kMissingText);
        regimeLabel_->setToolTip(QStringLiteral("market regime not measurable (see warnings)"));
    } else {
        regimeLabel_->setText(QString(market.regime).replace(QLatin1Char('_'), QLatin1Char(' '))
                              + behindDataText(market.regimeAsOf, report.meta.dataAsOf));
        // The same for every ticker: the Buyer tab's regime is the ticker's own.
        regimeLabel_->setToolTip(QStringLiteral("the market's regime, measured on NIFTY's volatility and trend (the same for "
                                                "every ticker); the Buyer tab's regime is this ticker's own"));
    }

    renderSource(report.meta.dataSource);
    renderFreshness(report.meta);
    renderWarnings(report.meta.warnings);
    keepWrappedLinesVisible();
}

void SpotVixPanel::renderSource(const QString& dataSource)
{
    const ThemeColours& colours = activeColours();
    const QString source = dataSource.toLower();
    const bool demo = source == QStringLiteral("demo");
    demoBadge_->setStyleSheet(badgeStyleSheet(colours.demoBackground, colours.demoForeground));
    demoBadge_->setVisible(demo);
    sourceBadge_->setVisible(!demo);
    if (demo)
        return;
    if (source == QStringLiteral("yahoo") || source == QStringLiteral("nse")) {
        sourceBadge_->setText(QStringLiteral("LIVE"));
        sourceBadge_->setStyleSheet(badgeStyleSheet(colours.liveBackground, colours.badgeForeground));
    } else {
        sourceBadge_->setText(source.isEmpty() ? QStringLiteral("SOURCE ?") : source.toUpper());
        sourceBadge_->setStyleSheet(badgeStyleSheet(colours.csvBackground, colours.badgeForeground));
    }
    sourceBadge_->setToolTip(QStringLiteral("data source: %1").arg(source.isEmpty() ? QStringLiteral("unknown") : source));
}

void SpotVixPanel::renderFreshness(const engines::report::Meta& meta)
{
    const QDateTime now = now_.isValid() ? now_ : QDateTime::currentDateTimeUtc();
    if (!meta.dataAsOf.isValid()) {
        freshnessLabel_->setText(QStringLiteral("as of —"));
        freshnessLabel_->setToolTip(QStringLiteral("no final bar yet"));
    } else {
        freshnessLabel_->setText(QStringLiteral("as of %1, %2").arg(istTimeText(meta.dataAsOf, now), ageText(meta.dataAsOf, now)));
        freshnessLabel_->setToolTip(QStringLiteral("close time of the last final bar used: %1 UTC")
                                        .arg(meta.dataAsOf.toUTC().toString(Qt::ISODate)));
    }
    const bool stale = std::any_of(meta.warnings.begin(), meta.warnings.end(), isStaleWarning);
    if (stale)
        setTextColour(freshnessLabel_, activeColours().flagRed);
    else
        clearTextColour(freshnessLabel_);
}

void SpotVixPanel::renderWarnings(const QStringList& warnings)
{
    QStringList stale;
    QStringList other;
    for (const QString& warning : warnings)
        (isStaleWarning(warning) ? stale : other) << QStringLiteral("⚠ ") + warning;
    staleLabel_->setText(stale.join(QLatin1Char('\n')));
    staleLabel_->setVisible(!stale.isEmpty());
    setTextColour(staleLabel_, activeColours().flagRed);
    warningsLabel_->setText(other.join(QLatin1Char('\n')));
    warningsLabel_->setVisible(!other.isEmpty());
    setTextColour(warningsLabel_, activeColours().flagAmber);
}

}  // namespace aegis::ui
