// Panels render every value of a TickerReport, say why a value is missing, never print "nan", follow
// the theme (how fast the window repaints: bench/gui_bench).
#include "sample_report.h"

#include "ui/panels/buyer_panel.h"
#include "ui/panels/direction_panel.h"
#include "ui/panels/display_format.h"
#include "ui/panels/execution_panel.h"
#include "ui/panels/model_card_panel.h"
#include "ui/panels/seller_panel.h"
#include "ui/panels/spot_vix_panel.h"
#include "ui/theme/theme.h"

#include <QAbstractBarSeries>
#include <QApplication>
#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QGroupBox>
#include <QGraphicsTextItem>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QSplitter>
#include <QTableWidget>
#include <QTest>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

using namespace aegis;
using namespace aegis::ui;
using engines::report::TickerReport;

namespace {

QLabel* label(const QWidget& panel, const char* name)
{
    auto* found = panel.findChild<QLabel*>(QString::fromLatin1(name));
    if (!found)
        qFatal("no label named %s", name);
    return found;
}

QString text(const QWidget& panel, const char* name)
{
    return label(panel, name)->text();
}

template <typename Series>
Series* seriesNamed(const QWidget& panel, const char* viewName, const char* seriesName)
{
    auto* view = panel.findChild<QChartView*>(QString::fromLatin1(viewName));
    if (!view)
        qFatal("no chart view named %s", viewName);
    for (QAbstractSeries* series : view->chart()->series()) {
        if (series->objectName() == QLatin1String(seriesName))
            return qobject_cast<Series*>(series);
    }
    qFatal("no series named %s in %s", seriesName, viewName);
}

QBarSet* barSet(const QWidget& panel, const char* viewName, const char* seriesName)
{
    auto* series = seriesNamed<QAbstractBarSeries>(panel, viewName, seriesName);
    return series->barSets().value(0);
}

QList<qreal> barValues(QBarSet* set)
{
    QList<qreal> values;
    for (int i = 0; i < set->count(); ++i)
        values << set->at(i);
    return values;
}

// Every piece of text a panel shows: labels, table cells, chart titles.
QStringList visibleTexts(const QWidget& panel)
{
    QStringList texts;
    for (const QLabel* each : panel.findChildren<QLabel*>())
        texts << each->text() << each->toolTip();
    for (const QTableWidget* table : panel.findChildren<QTableWidget*>()) {
        for (int row = 0; row < table->rowCount(); ++row)
            for (int column = 0; column < table->columnCount(); ++column)
                if (const QTableWidgetItem* item = table->item(row, column))
                    texts << item->text() << item->toolTip();
    }
    for (const QChartView* view : panel.findChildren<QChartView*>())
        texts << view->chart()->title();
    return texts;
}

// Share of pixels that differ from the panel's background colour. With AEGIS_UI_SNAPSHOT_DIR set, the
// grab is also saved there as <ClassName>.png so a person can look at it.
double paintedShare(QWidget& panel)
{
    const QImage image = panel.grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QString snapshots = qEnvironmentVariable("AEGIS_UI_SNAPSHOT_DIR");
    if (!snapshots.isEmpty())
        image.save(snapshots + QLatin1Char('/') + QString::fromLatin1(panel.metaObject()->className()).section(QStringLiteral("::"), -1)
                   + QStringLiteral(".png"));
    const QRgb background = panel.palette().color(QPalette::Window).rgb();
    qint64 different = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            different += (line[x] & 0xffffff) != (background & 0xffffff);
    }
    return double(different) / double(std::max<qint64>(1, qint64(image.width()) * image.height()));
}

// The right-hand price axis labels of the seller panel's price chart as the scene draws them: the
// visible text items right of the plot area and level with it (the time axis sits below it).
QStringList priceAxisLabels(const SellerPanel& panel)
{
    auto* view = panel.findChild<QChartView*>(QStringLiteral("priceChart"));
    if (!view)
        qFatal("no chart view named priceChart");
    const QRectF plot = view->chart()->mapRectToScene(view->chart()->plotArea());
    QList<std::pair<double, QString>> byHeight;
    for (QGraphicsItem* item : view->scene()->items()) {
        auto* textItem = dynamic_cast<QGraphicsTextItem*>(item);
        if (!textItem || !textItem->isVisible() || textItem->toPlainText().isEmpty())
            continue;
        const QPointF centre = textItem->sceneBoundingRect().center();
        if (centre.x() > plot.right() && centre.y() <= plot.bottom() + 2.0)
            byHeight.append({centre.y(), textItem->toPlainText()});
    }
    std::sort(byHeight.begin(), byHeight.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QStringList texts;
    for (const auto& [y, text] : byHeight)
        texts << text;
    return texts;
}

// Empty when every price label on the seller chart is a whole number inside the axis range, none is
// elided, and there are enough of them to read a price off; otherwise what is wrong.
QString priceAxisProblem(const SellerPanel& panel)
{
    QCoreApplication::processEvents();
    const QStringList labels = priceAxisLabels(panel);
    auto* view = panel.findChild<QChartView*>(QStringLiteral("priceChart"));
    const QList<QAbstractAxis*> vertical = view->chart()->axes(Qt::Vertical);
    auto* axis = vertical.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(vertical.front());
    if (!axis)
        return QStringLiteral("no value axis");
    if (labels.size() < 3)
        return QStringLiteral("only %1 price labels: %2").arg(labels.size()).arg(labels.join(QLatin1Char('|')));
    for (const QString& label : labels) {
        bool ok = false;
        const double value = QLocale::c().toDouble(label, &ok);
        // "%.0f" rounds, so a label may sit half a unit outside the range it was made from.
        if (label.contains(QChar(0x2026)) || label.contains(QStringLiteral("...")) || !ok
            || value < axis->min() - 0.5 || value > axis->max() + 0.5)
            return QStringLiteral("label '%1' is not a price in [%2, %3]; labels %4")
                .arg(label)
                .arg(axis->min())
                .arg(axis->max())
                .arg(labels.join(QLatin1Char('|')));
    }
    return QString();
}

// Every text the chart's scene draws (axis labels, legend, title) that QtCharts has cut short.
QStringList elidedChartTexts(const QChartView& view)
{
    QStringList elided;
    for (QGraphicsItem* item : view.scene()->items()) {
        QString text;
        if (auto* textItem = dynamic_cast<QGraphicsTextItem*>(item))
            text = textItem->toPlainText();
        else if (auto* simple = dynamic_cast<QGraphicsSimpleTextItem*>(item))
            text = simple->text();
        if (item->isVisible() && (text.contains(QChar(0x2026)) || text.contains(QStringLiteral("..."))))
            elided << text;
    }
    return elided;
}

struct AllPanels {
    SpotVixPanel spot;
    DirectionPanel direction;
    SellerPanel seller;
    BuyerPanel buyer;
    ExecutionPanel execution;
    ModelCardPanel modelCard;

    std::vector<ReportPanel*> each() { return {&spot, &direction, &seller, &buyer, &execution, &modelCard}; }
    void show(const TickerReport& report)
    {
        for (ReportPanel* panel : each())
            panel->showReport(report);
    }
};

}  // namespace

class PanelsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void spotVixShowsMarketFreshnessAndDemoBadge()
    {
        SpotVixPanel panel;
        const TickerReport report = test::sampleReport();
        panel.setNow(report.meta.dataAsOf.addSecs(2 * 60));
        panel.showReport(report);
        panel.show();
        QVERIFY(!panel.isShowingUnavailable());
        QCOMPARE(text(panel, "spotLabel"), QStringLiteral("26,204.55"));
        QCOMPARE(text(panel, "spotChangeLabel"), QStringLiteral("-11.00 (-0.04%)"));
        QCOMPARE(label(panel, "spotChangeLabel")->palette().color(QPalette::WindowText), activeColours().down);
        QCOMPARE(text(panel, "vixLabel"), QStringLiteral("11.24"));
        QCOMPARE(text(panel, "vixChangeLabel"), QStringLiteral("-0.55 (-4.64%)"));
        QCOMPARE(text(panel, "regimeLabel"), QStringLiteral("LOW VOL BULL"));
        QVERIFY(text(panel, "tickerLabel").contains(QStringLiteral("NIFTY 50")));
        QCOMPARE(text(panel, "freshnessLabel"), QStringLiteral("as of 15:30 IST, 2 min ago"));
        QVERIFY(label(panel, "demoBadge")->isVisible());
        QCOMPARE(text(panel, "demoBadge"), QStringLiteral("DEMO"));
        QVERIFY(label(panel, "demoBadge")->styleSheet().contains(activeColours().demoBackground.name()));
        QVERIFY(!label(panel, "sourceBadge")->isVisible());
        QVERIFY(text(panel, "warningsLabel").contains(QStringLiteral("synthetic market")));

        panel.setNow(report.meta.dataAsOf.addSecs(3 * 3600));
        QCOMPARE(text(panel, "freshnessLabel"), QStringLiteral("as of 15:30 IST, 3 h ago"));
    }

    // India VIX or NIFTY not refreshed with the ticker: their date beside the figure; the ticker's own
    // session (the IST date of its data) counts as current.
    void marketFiguresOlderThanTheTickerShowTheirDate()
    {
        SpotVixPanel panel;
        TickerReport report = test::sampleReport();
        const QDate tickerSession = report.meta.dataAsOf.toOffsetFromUtc(5 * 3600 + 30 * 60).date();
        report.market.vixAsOf = tickerSession;
        report.market.regimeAsOf = tickerSession;
        panel.showReport(report);
        QCOMPARE(text(panel, "vixChangeLabel"), QStringLiteral("-0.55 (-4.64%)"));
        QCOMPARE(text(panel, "regimeLabel"), QStringLiteral("LOW VOL BULL"));

        report.market.vixAsOf = QDate(2025, 11, 21);
        report.market.regimeAsOf = QDate(2025, 11, 20);
        report.market.vixChange.reset();
        panel.showReport(report);
        QCOMPARE(text(panel, "vixChangeLabel"), QStringLiteral("— (as of 21 Nov 2025)"));
        QCOMPARE(text(panel, "regimeLabel"), QStringLiteral("LOW VOL BULL (as of 20 Nov 2025)"));
    }

    void liveAndCsvDataHaveNoDemoBadge()
    {
        SpotVixPanel panel;
        panel.show();
        TickerReport report = test::sampleReport();
        report.meta.warnings.clear();
        report.meta.dataSource = QStringLiteral("yahoo");
        panel.showReport(report);
        QVERIFY(!label(panel, "demoBadge")->isVisible());
        QVERIFY(label(panel, "sourceBadge")->isVisible());
        QCOMPARE(text(panel, "sourceBadge"), QStringLiteral("LIVE"));
        QVERIFY(!label(panel, "warningsLabel")->isVisible());

        report.meta.dataSource = QStringLiteral("csv");
        panel.showReport(report);
        QVERIFY(!label(panel, "demoBadge")->isVisible());
        QCOMPARE(text(panel, "sourceBadge"), QStringLiteral("CSV"));

        report.meta.dataSource = QStringLiteral("demo");
        panel.showReport(report);
        QVERIFY(label(panel, "demoBadge")->isVisible());
    }

    void staleDataWarnsInRed()
    {
        SpotVixPanel panel;
        panel.show();
        TickerReport report = test::sampleReport();
        report.meta.warnings << QStringLiteral("stale data: the last final bar is 2025-11-20, the market has completed 5 sessions since");
        panel.setNow(report.meta.dataAsOf.addDays(7));
        panel.showReport(report);
        QVERIFY(label(panel, "staleLabel")->isVisible());
        QVERIFY(text(panel, "staleLabel").contains(QStringLiteral("stale data")));
        QCOMPARE(label(panel, "staleLabel")->palette().color(QPalette::WindowText), activeColours().flagRed);
        QCOMPARE(label(panel, "freshnessLabel")->palette().color(QPalette::WindowText), activeColours().flagRed);
        QCOMPARE(text(panel, "freshnessLabel"), QStringLiteral("as of 27 Nov 2025 15:30 IST, 7 days ago"));
        QVERIFY(!text(panel, "warningsLabel").contains(QStringLiteral("stale")));
        QCOMPARE(label(panel, "warningsLabel")->palette().color(QPalette::WindowText), activeColours().flagAmber);
    }

    void spotStripWrapsInANarrowWindowAndKeepsItsLines()
    {
        SpotVixPanel panel;
        TickerReport report = test::sampleReport();
        report.meta.warnings << QStringLiteral("NSE has not published its holidays after 2026-12-31: later sessions assume only "
                                               "the closures made every year (Republic Day, Good Friday, ...)");
        panel.showReport(report);
        panel.resize(1400, 120);
        panel.show();
        QTest::qWait(0);
        const auto top = [&panel](const char* name) { return label(panel, name)->mapTo(&panel, QPoint()).y(); };
        QVERIFY(std::abs(top("spotLabel") - top("regimeLabel")) < 10);  // one line, each centred in it

        // One box row of figures made it 822 pixels wide at the least; wrapped, its widest figure decides.
        QVERIFY2(panel.minimumSizeHint().width() <= 400, qPrintable(QString::number(panel.minimumSizeHint().width())));
        panel.resize(panel.minimumSizeHint().width(), panel.height());
        QTest::qWait(0);
        QVERIFY(top("regimeLabel") > top("spotLabel") + 10);
        // Its minimum height follows the wrapped lines, so the panes under it cannot cover them.
        QCOMPARE(panel.minimumHeight(), panel.heightForWidth(panel.width()));
        const QLabel* warnings = label(panel, "warningsLabel");
        QVERIFY(warnings->mapTo(&panel, QPoint(0, warnings->height())).y() <= panel.minimumHeight());
    }

    void todaysFiguresShareALineWhenThereIsRoomAndWrapWhenNot()
    {
        DirectionPanel panel;
        panel.showReport(test::sampleReport());
        panel.resize(1200, 700);
        panel.show();
        QTest::qWait(0);
        const auto top = [&panel](const QWidget* widget) { return widget->mapTo(&panel, QPoint()).y(); };
        const QWidget* direction = label(panel, "todayDirectionLabel");
        const QWidget* intraday = label(panel, "intradayVolLabel")->parentWidget();  // with its caption
        QCOMPARE(top(intraday), top(direction));

        // In one box row they made the workstation at least 1,330 pixels wide.
        QVERIFY2(panel.minimumSizeHint().width() <= 400, qPrintable(QString::number(panel.minimumSizeHint().width())));
        panel.resize(panel.minimumSizeHint().width(), 700);
        QTest::qWait(0);
        QVERIFY(top(intraday) > top(direction));
        const QWidget* basis = label(panel, "todayBasisLabel");
        QVERIFY(top(basis) >= top(intraday) + intraday->height());

        // The width the window gives the pane on a first start: one line, every horizon column whole.
        auto* table = panel.findChild<QTableWidget*>(QStringLiteral("horizonTable"));
        const QAbstractItemView* view = table;  // QTableView hides the per-column size hint
        const auto everyColumnWhole = [&] {
            return !table->horizontalScrollBar()->isVisible() &&
                   table->columnWidth(DirectionPanel::EvidenceColumn) >= view->sizeHintForColumn(DirectionPanel::EvidenceColumn);
        };
        panel.resize(panel.widthWithoutWrapping(), 700);
        QTest::qWait(0);
        QCOMPARE(top(intraday), top(direction));
        QVERIFY(everyColumnWhole());
        // ... and not much more than that: 40 pixels less wraps the figures or cuts the table.
        panel.resize(panel.widthWithoutWrapping() - 40, 700);
        QTest::qWait(0);
        QVERIFY(!everyColumnWhole() || top(intraday) > top(direction));
        // Narrower, for a small screen: the figures wrap, the columns stay whole; 40 pixels less cuts them.
        QVERIFY(panel.widthForWholeColumns() <= panel.widthWithoutWrapping());
        panel.resize(panel.widthForWholeColumns(), 700);
        QTest::qWait(0);
        QVERIFY(everyColumnWhole());
        panel.resize(panel.widthForWholeColumns() - 40, 700);
        QTest::qWait(0);
        QVERIFY(!everyColumnWhole());
    }

    void closedSessionBaseRateIsNotShownAsASignal()
    {
        DirectionPanel panel;
        TickerReport report = test::sampleReport();
        report.direction.today.sessionState = QStringLiteral("closed: describes 2025-11-27");
        report.direction.horizons.front().call.edge.demonstrated = false;
        panel.showReport(report);
        QVERIFY(!text(panel, "todayDirectionLabel").contains(QStringLiteral("DOWN")));
        QCOMPARE(label(panel, "todayDirectionLabel")->palette().color(QPalette::WindowText), activeColours().mutedText);
        QCOMPARE(text(panel, "todayConvictionLabel"), QStringLiteral("41.0% base rate (DOWN)"));
    }

    // A base rate with its lean discounted to nothing ties UP and DOWN; its NEUTRAL conviction is the
    // least likely class, so the tie is what is shown.
    void aBaseRateTieIsShownAsATie()
    {
        DirectionPanel panel;
        TickerReport report = test::sampleReport();
        report.direction.today = {QStringLiteral("NEUTRAL"), 0.233, 30.0, engines::report::kMoveFromModel, std::nullopt, {}, QStringLiteral("closed: describes 2025-11-27"), {}};
        for (auto& horizon : report.direction.horizons) {
            horizon.call.edge.demonstrated = false;
            horizon.call.direction = QStringLiteral("NEUTRAL");
            horizon.call.probUp = horizon.call.probDown = 0.3835;
            horizon.call.probNeutral = horizon.call.conviction = 0.233;
        }
        panel.showReport(report);
        QCOMPARE(text(panel, "todayConvictionLabel"), QStringLiteral("UP = DOWN 38.4%"));
        auto* table = panel.findChild<QTableWidget*>(QStringLiteral("horizonTable"));
        QVERIFY(table);
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("UP = DOWN 38.4%"));
        QVERIFY(table->item(0, 2)->toolTip().contains(QStringLiteral("base rate of UP and of DOWN, equally likely,")));
    }

    void directionShowsHorizonsAndGreysOutNoEdge()
    {
        DirectionPanel panel;
        const TickerReport report = test::sampleReport();
        panel.showReport(report);
        QCOMPARE(text(panel, "todayDirectionLabel"), QStringLiteral("▼ DOWN"));
        QCOMPARE(label(panel, "todayDirectionLabel")->palette().color(QPalette::WindowText), activeColours().down);
        QCOMPARE(text(panel, "todayConvictionLabel"), QStringLiteral("41.0%"));
        QCOMPARE(text(panel, "todayMoveLabel"), QStringLiteral("±30.0"));
        QCOMPARE(text(panel, "intradayVolLabel"), QStringLiteral("0.86× usual"));
        QVERIFY(text(panel, "todayBasisLabel").contains(QStringLiteral("VWAP")));
        QCOMPARE(text(panel, "riskLabel"), QStringLiteral("12.0%"));
        QCOMPARE(label(panel, "riskLabel")->toolTip(), report.direction.riskDefinition);

        auto* table = panel.findChild<QTableWidget*>(QStringLiteral("horizonTable"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 6);
        QCOMPARE(table->item(0, DirectionPanel::HorizonColumn)->text(), QStringLiteral("Tomorrow"));
        QCOMPARE(table->item(0, DirectionPanel::DirectionColumn)->text(), QStringLiteral("▲ UP"));
        QCOMPARE(table->item(0, DirectionPanel::DirectionColumn)->foreground().color(), activeColours().up);
        QCOMPARE(table->item(0, DirectionPanel::ConvictionColumn)->text(), QStringLiteral("58.0%"));
        QCOMPARE(table->item(0, DirectionPanel::MoveColumn)->text(), QStringLiteral("±50.0"));
        QVERIFY(table->item(0, DirectionPanel::EvidenceColumn)->text().startsWith(QStringLiteral("AUC 0.64 (0.61–0.67)")));
        QVERIFY2(table->item(0, DirectionPanel::EvidenceColumn)->toolTip().contains(
                     QStringLiteral("ECE 0.015 (sampling floor 0.012; p 0.31 that calibrated forecasts show as much)")),
                 qPrintable(table->item(0, DirectionPanel::EvidenceColumn)->toolTip()));

        for (int row = 1; row < 6; ++row) {
            const auto& call = report.direction.horizons[std::size_t(row)].call;
            QCOMPARE(table->item(row, DirectionPanel::DirectionColumn)->text(), DirectionPanel::horizonNoEdgeText());
            QCOMPARE(table->item(row, DirectionPanel::DirectionColumn)->foreground().color(), activeColours().mutedText);
            const QString conviction = table->item(row, DirectionPanel::ConvictionColumn)->text();
            QVERIFY2(conviction.endsWith(QStringLiteral(" base rate")), qPrintable(conviction));
            const double shown = conviction.section(QLatin1Char('%'), 0, 0).toDouble() / 100.0;
            QVERIFY2(std::abs(shown - call.conviction) < 0.0005, qPrintable(conviction));
            QCOMPARE(table->item(row, DirectionPanel::ConvictionColumn)->foreground().color(), activeColours().mutedText);
        }
        QCOMPARE(table->item(5, DirectionPanel::MoveColumn)->text(), QStringLiteral("±316.2"));

        // A move whose magnitude model shows no edge is the typical move, and says so.
        TickerReport typical = report;
        typical.direction.horizons[3].call.expectedMoveBasis = engines::report::kTypicalMove;
        typical.direction.today.expectedMoveBasis = engines::report::kTypicalMove;
        panel.showReport(typical);
        QCOMPARE(table->item(3, DirectionPanel::MoveColumn)->text(), QStringLiteral("±158.1 typical"));
        QCOMPARE(table->item(3, DirectionPanel::MoveColumn)->foreground().color(), activeColours().mutedText);
        QVERIFY(table->item(3, DirectionPanel::MoveColumn)->toolTip().contains(QStringLiteral("over 10 sessions")));
        QVERIFY(table->item(3, DirectionPanel::MoveColumn)->toolTip().endsWith(QStringLiteral("Not a forecast.")));
        QCOMPARE(table->item(2, DirectionPanel::MoveColumn)->text(), QStringLiteral("±111.8"));
        QCOMPARE(text(panel, "todayMoveLabel"), QStringLiteral("±30.0 typical"));
        QVERIFY(label(panel, "todayMoveLabel")->toolTip().endsWith(QStringLiteral("Not a forecast.")));
        panel.showReport(report);
        QCOMPARE(text(panel, "todayMoveLabel"), QStringLiteral("±30.0"));
        QVERIFY(label(panel, "todayMoveLabel")->toolTip().isEmpty());

        // A horizon whose ensemble quoted its base rate through the test window has nothing to rank.
        TickerReport constant = report;
        engines::report::Edge& edge = constant.direction.horizons[2].call.edge;
        edge.auc = edge.aucLow = edge.aucHigh = 0.5;
        panel.showReport(constant);
        const QString evidence = table->item(2, DirectionPanel::EvidenceColumn)->text();
        QVERIFY2(evidence.startsWith(QStringLiteral("AUC 0.50 (base rate) · n ")), qPrintable(evidence));
        QVERIFY(table->item(2, DirectionPanel::EvidenceColumn)->toolTip().contains(QStringLiteral("nothing to rank")));

        // An index moves in points, a stock in rupees.
        QCOMPARE(table->horizontalHeaderItem(DirectionPanel::MoveColumn)->text(), QStringLiteral("Expected move (pts)"));
        TickerReport stock = report;
        stock.meta.kind = QStringLiteral("stock");
        panel.showReport(stock);
        QCOMPARE(table->horizontalHeaderItem(DirectionPanel::MoveColumn)->text(), QStringLiteral("Expected move (₹)"));
        const auto captions = panel.findChildren<QLabel*>();
        QVERIFY(std::any_of(captions.begin(), captions.end(), [](const QLabel* l) { return l->text() == QStringLiteral("Expected move (₹)"); }));
    }

    void sellerDrawsCandlesRangeAndLevels()
    {
        SellerPanel panel;
        panel.setBars(test::sampleDailyBars(300));
        const TickerReport report = test::sampleReport();
        panel.showReport(report);

        auto* candles = seriesNamed<QCandlestickSeries>(panel, "priceChart", "candles");
        QCOMPARE(candles->count(), SellerPanel::kCandleCount);
        const data::BarSeries bars = test::sampleDailyBars(300);
        QCOMPARE(candles->sets().back()->close(), bars.bars.back().close);
        QCOMPARE(candles->sets().front()->timestamp(), double(bars.bars[300 - 120].utc) * 1000.0);

        auto* upper = seriesNamed<QAreaSeries>(panel, "priceChart", "safeRangeBand")->upperSeries();
        auto* lower = seriesNamed<QAreaSeries>(panel, "priceChart", "safeRangeBand")->lowerSeries();
        QVERIFY(seriesNamed<QAreaSeries>(panel, "priceChart", "safeRangeBand"));
        QCOMPARE(upper->count(), 2);
        QCOMPARE(upper->at(0).y(), 27300.0);
        QCOMPARE(lower->at(1).y(), 25100.0);
        // The band starts at the last bar and covers the 30 calendar days it is valid for.
        QCOMPARE(upper->at(0).x(), double(bars.bars.back().utc) * 1000.0);
        QCOMPARE(upper->at(1).x() - upper->at(0).x(), 30.0 * 24 * 3600 * 1000);
        QCOMPARE(seriesNamed<QLineSeries>(panel, "priceChart", "breakoutUpper")->at(0).y(), 26500.0);
        QCOMPARE(seriesNamed<QLineSeries>(panel, "priceChart", "breakoutLower")->at(0).y(), 25900.0);

        auto* curve = seriesNamed<QLineSeries>(panel, "breachChart", "breachCurve");
        QCOMPARE(curve->count(), 5);
        QCOMPARE(curve->at(0), QPointF(0.5, 100.0));
        QCOMPARE(curve->at(4), QPointF(3.0, 100.0 * 0.5 / 3.0));
        // Touch probabilities mean nothing without their horizon.
        QCOMPARE(panel.findChild<QChartView*>(QStringLiteral("breachChart"))->chart()->title(),
                 QStringLiteral("P(breach) to 2 Dec"));

        QVERIFY(text(panel, "safeRangeLabel").startsWith(QStringLiteral("25,100.00 – 27,300.00 · 30 days (21 sessions)")));
        QVERIFY(text(panel, "safeRangeLabel").contains(QStringLiteral("σ 11.0% (India VIX)")));
        QVERIFY(text(panel, "safeRangeLabel").contains(QStringLiteral("P(breach) 10.0%")));
        QVERIFY(text(panel, "safeRangeExpiryLabel").contains(QStringLiteral("4 days (2 sessions)")));
        TickerReport dayBefore = report;  // the eve of an expiry reads in the singular
        dayBefore.seller.safeRangeExpiry.horizonDays = 1;
        dayBefore.seller.safeRangeExpiry.sessions = 1;
        panel.showReport(dayBefore);
        QVERIFY(text(panel, "safeRangeExpiryLabel").contains(QStringLiteral("1 day (1 session)")));
        panel.showReport(report);
        QCOMPARE(text(panel, "maxPainLabel"), QStringLiteral("26,200"));
        QCOMPARE(text(panel, "maxPainZoneLabel"), QStringLiteral("range 26,000 – 26,300 · confidence 70% · expiry 2025-12-02"));
        QCOMPARE(text(panel, "pcrLabel"), QStringLiteral("0.92"));
        QCOMPARE(text(panel, "wallsLabel"), QStringLiteral("calls 26,500 · 27,000 | puts 26,000 · 25,500"));
        QVERIFY(label(panel, "maxPainReasonLabel")->isHidden());
        QCOMPARE(text(panel, "trapLabel"), QStringLiteral("LOW (0.28) · IV pctile 15.0% · RV pctile 13.0%"));
        // A score that is the setup days' base rate (no model edge) is marked, and the reason is in the tooltip.
        engines::report::TickerReport baseRateTrap = report;
        baseRateTrap.seller.trap.scoreIsBaseRate = true;
        baseRateTrap.seller.trap.reason = QStringLiteral("implied vol is rich; no model edge on such days");
        panel.showReport(baseRateTrap);
        QCOMPARE(text(panel, "trapLabel"), QStringLiteral("LOW (0.28) · base rate · IV pctile 15.0% · RV pctile 13.0%"));
        QVERIFY(label(panel, "trapLabel")->toolTip().startsWith(baseRateTrap.seller.trap.reason));
        panel.showReport(report);
        QCOMPARE(text(panel, "skewLabel"), QStringLiteral("put +1.20 · call -0.40 · net +1.60 (option chain)"));
        QCOMPARE(text(panel, "expiryStressLabel"), QStringLiteral("CALM (0.20) · 2 sessions to expiry 2025-12-02"));
        QCOMPARE(text(panel, "sellerFlagLabel"), QStringLiteral("FAVOURABLE"));
        QVERIFY(label(panel, "sellerFlagLabel")->styleSheet().contains(activeColours().flagGreen.name()));
        QCOMPARE(text(panel, "sellerReasonsLabel"), QStringLiteral("• VIX in its lowest quintile"));
    }

    // Prices must be readable off the chart. As in the window, the panel is on screen ("No report yet")
    // before its first bars and report arrive: QtCharts then laid the hidden chart out with the
    // placeholder range's one-digit labels and elided every real price to "...". Theme switches,
    // resizes and a jump to a pricier ticker must keep them readable too.
    void sellerPriceAxisLabelsAreReadable()
    {
        SellerPanel panel;
        panel.resize(1000, 640);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCoreApplication::processEvents();
        QVERIFY(panel.isShowingUnavailable());
        panel.setBars(test::sampleDailyBars(300));
        panel.showReport(test::sampleReport());
        QString problem = priceAxisProblem(panel);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        applyTheme(*qApp, Theme::Light);
        problem = priceAxisProblem(panel);
        applyTheme(*qApp, Theme::Dark);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("light theme: ") + problem));
        problem = priceAxisProblem(panel);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("back to dark: ") + problem));

        panel.resize(1400, 800);
        problem = priceAxisProblem(panel);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("resized: ") + problem));

        // Six-digit prices need wider labels than the five-digit ones the axis was laid out for.
        data::BarSeries pricier = test::sampleDailyBars(300);
        for (data::Bar& bar : pricier.bars)
            for (double* price : {&bar.open, &bar.high, &bar.low, &bar.close})
                *price *= 5.0;
        panel.setBars(pricier);
        problem = priceAxisProblem(panel);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("six-digit prices: ") + problem));
    }

    // The breach curve of a ticker is shifted by its own out-of-sample record; the panel says so
    // where the shift matters, and the tooltip gives the evidence.
    // Side by side, the details column keeps the width its wrapped text needs and the price chart gives
    // way: a plain scroll area without a horizontal bar clipped every line. At the tab's minimum width
    // the details sit under the chart, as wide as the tab.
    void sellerDetailsAreNeverClipped()
    {
        SellerPanel panel;
        panel.showReport(test::sampleReport());
        panel.show();
        QTest::qWait(0);  // the report's text reaches the panel's minimum width through posted layout requests
        auto* details = panel.findChild<QWidget*>(QStringLiteral("sellerDetailsContent"));
        QVERIFY(details);
        panel.resize(SellerPanel::kSideBySideWidth, 560);  // the narrowest side by side
        QTRY_VERIFY(!panel.isStacked());
        auto* column = panel.findChild<QScrollArea*>(QStringLiteral("sellerDetails"));
        QCOMPARE(column->widget(), details);
        const int needed = details->minimumSizeHint().width();
        qInfo("seller tab %d wide: details %d, their content needs %d", panel.width(), column->viewport()->width(), needed);
        QVERIFY(column->viewport()->width() >= needed);
        QCOMPARE(details->width(), column->viewport()->width());

        panel.resize(panel.minimumSizeHint().width(), 560);  // the narrowest the window lets it be
        QTRY_VERIFY(panel.isStacked());
        QTest::qWait(0);
        qInfo("seller tab at its minimum width %d: details %d, their content needs %d", panel.width(), details->width(),
              details->minimumSizeHint().width());
        QVERIFY(details->width() >= details->minimumSizeHint().width());
    }

    // In the side pane of a 1366-pixel window the tab is about 470 pixels wide. Side by side there, the
    // chart's dates and legend and the breach curve's axis all read "...": the details go under the chart,
    // both charts get the tab's width, and one scroll bar scrolls the whole tab.
    void sellerStacksItsDetailsWhenNarrow()
    {
        SellerPanel panel;
        panel.setBars(test::sampleDailyBars(300));
        panel.showReport(test::sampleReport());
        panel.resize(470, 560);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_VERIFY(panel.isStacked());
        auto* price = panel.findChild<QChartView*>(QStringLiteral("priceChart"));
        auto* breach = panel.findChild<QChartView*>(QStringLiteral("breachChart"));
        auto* details = panel.findChild<QWidget*>(QStringLiteral("sellerDetailsContent"));
        QVERIFY(!panel.findChild<QScrollArea*>(QStringLiteral("sellerDetails"))->isVisible());
        QTRY_VERIFY(details->isVisible());
        QVERIFY2(price->width() >= 400, qPrintable(QString::number(price->width())));
        QVERIFY2(breach->width() >= 380, qPrintable(QString::number(breach->width())));
        QVERIFY(details->mapTo(&panel, QPoint(0, 0)).y() >= price->mapTo(&panel, QPoint(0, price->height())).y());
        QCoreApplication::processEvents();
        const QStringList elided = elidedChartTexts(*price) + elidedChartTexts(*breach);
        QVERIFY2(elided.isEmpty(), qPrintable(elided.join(QLatin1Char('|'))));
        QString problem = priceAxisProblem(panel);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        panel.resize(1000, 560);
        QTRY_VERIFY(!panel.isStacked());
        QTRY_VERIFY(panel.findChild<QScrollArea*>(QStringLiteral("sellerDetails"))->isVisible());
        QVERIFY(details->isVisible());
        QTRY_VERIFY(details->mapTo(&panel, QPoint(0, 0)).x() >= price->mapTo(&panel, QPoint(price->width(), 0)).x());
        problem = priceAxisProblem(panel);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("side by side: ") + problem));
    }

    // A hit rate comes with the count it rests on and the pooled rate beside it; a ticker with too few
    // quotes of its own says so instead of showing nothing.
    void sellerShowsHowManyRangesItsHitRateCounts()
    {
        SellerPanel panel;
        TickerReport report = test::sampleReport();
        report.seller.historicalHitRate = 51.0 / 60.0;
        engines::report::HitRateBasis basis;
        basis.held = 51;
        basis.evaluated = 60;
        basis.minimum = 30;
        basis.pooledRate = 0.872;
        report.seller.historicalHitRateBasis = basis;
        panel.showReport(report);
        QVERIFY2(text(panel, "breachEdgeLabel").startsWith(QStringLiteral("past 30-day ranges held 51 of 60 times (85.0%; all tickers 87.2%) · ")),
                 qPrintable(text(panel, "breachEdgeLabel")));

        // With its interval: whether the pooled miss of the quoted 90 % is more than noise.
        report.seller.historicalHitRateBasis->pooledRateLow = 0.8353;
        report.seller.historicalHitRateBasis->pooledRateHigh = 0.9061;
        panel.showReport(report);
        QVERIFY2(text(panel, "breachEdgeLabel").startsWith(QStringLiteral("past 30-day ranges held 51 of 60 times (85.0%; all tickers 87.2% [83.5–90.6%]) · ")),
                 qPrintable(text(panel, "breachEdgeLabel")));

        report.seller.historicalHitRate.reset();
        basis.held = 11;
        basis.evaluated = 12;
        basis.reason = QStringLiteral("only 12 ...");
        report.seller.historicalHitRateBasis = basis;
        panel.showReport(report);
        QVERIFY2(text(panel, "breachEdgeLabel").startsWith(QStringLiteral("too few past 30-day ranges of its own to count (12 of 30 needed); all tickers 87.2% · ")),
                 qPrintable(text(panel, "breachEdgeLabel")));

        report.seller.historicalHitRate = 0.91;
        report.seller.historicalHitRateBasis.reset();
        panel.showReport(report);
        QVERIFY2(text(panel, "breachEdgeLabel").startsWith(QStringLiteral("30-day ranges held 91.0% of the time historically · ")),
                 qPrintable(text(panel, "breachEdgeLabel")));
    }

    void sellerSaysHowItsOwnRecordShiftsBreaches()
    {
        SellerPanel panel;
        TickerReport report = test::sampleReport();
        engines::report::BreachCalibration calibration;
        calibration.tickerOffset = -0.84;
        calibration.fittedOffset = -0.90;
        calibration.standardError = 0.22;
        calibration.bandForecasts = 1432;
        calibration.family = QStringLiteral("implied_sigma");
        report.seller.breachCalibration = calibration;
        panel.showReport(report);
        QVERIFY2(text(panel, "breachEdgeLabel").endsWith(QStringLiteral(" · shifted by its own record (log-odds -0.84)")),
                 qPrintable(text(panel, "breachEdgeLabel")));
        QVERIFY(label(panel, "breachEdgeLabel")->toolTip().contains(QStringLiteral("-0.90 ± 0.22 over 1,432 band forecasts")));
        report.seller.breachCalibration->tickerOffset = 0.01;
        panel.showReport(report);
        QVERIFY(!text(panel, "breachEdgeLabel").contains(QStringLiteral("own record")));
        report.seller.breachCalibration = std::nullopt;
        panel.showReport(report);
        QVERIFY(label(panel, "breachEdgeLabel")->toolTip().isEmpty());
    }

    void sellerNamesTheCloseItsRangesAreMeasuredFrom()
    {
        SellerPanel panel;
        TickerReport report = test::sampleReport();
        report.seller.referenceClose = report.market.spot;
        report.seller.referenceSession = QDate(2025, 11, 27);
        panel.showReport(report);
        QVERIFY(!text(panel, "breachEdgeLabel").contains(QStringLiteral("measured from")));
        // A later, unfinished price as spot: the ranges are still the last close's, and say so.
        report.market.spot = *report.seller.referenceClose - 9.25;
        panel.showReport(report);
        QVERIFY2(text(panel, "breachEdgeLabel").startsWith(QStringLiteral("measured from the 27 Nov close ")),
                 qPrintable(text(panel, "breachEdgeLabel")));
    }

    void sellerSaysWhetherTheTradingSessionLeftARange()
    {
        SellerPanel panel;
        TickerReport report = test::sampleReport();
        panel.showReport(report);
        QVERIFY(label(panel, "sessionSoFarLabel")->isHidden());  // the next session has no bars yet
        engines::report::SessionSoFar observed;
        observed.session = QDate(2025, 11, 28);
        observed.low = 26172.40;
        observed.high = 26280.75;
        observed.asOf = QDateTime(QDate(2025, 11, 28), QTime(8, 27), Qt::UTC);
        observed.basis = QStringLiteral("5m bars to 13:57 IST");
        report.seller.sessionSoFar = observed;
        report.seller.safeRange.breachedSoFar = false;
        report.seller.safeRangeExpiry.breachedSoFar = false;
        panel.showReport(report);
        QVERIFY(!label(panel, "sessionSoFarLabel")->isHidden());
        QCOMPARE(text(panel, "sessionSoFarLabel"), QStringLiteral("Fri 28 Nov: 26,172.40 – 26,280.75 · inside the ranges · to 13:57 IST"));
        report.seller.safeRangeExpiry.breachedSoFar = true;
        panel.showReport(report);
        QCOMPARE(text(panel, "sessionSoFarLabel"),
                 QStringLiteral("Fri 28 Nov: 26,172.40 – 26,280.75 · left the range to expiry · to 13:57 IST"));
        QCOMPARE(label(panel, "sessionSoFarLabel")->palette().color(QPalette::WindowText), activeColours().flagRed);
    }

    void sellerSaysWhyMaxPainIsMissing()
    {
        SellerPanel panel;
        TickerReport report = test::sampleReport();
        report.seller.maxPain = {};
        report.seller.maxPain.reason = QStringLiteral("no option chain stored for RELIANCE");
        report.seller.skew = {std::nullopt, std::nullopt, std::nullopt, QString(), QStringLiteral("no implied volatility")};
        panel.showReport(report);
        QCOMPARE(text(panel, "maxPainLabel"), kMissingText);
        QCOMPARE(label(panel, "maxPainLabel")->toolTip(), report.seller.maxPain.reason);
        QVERIFY(label(panel, "maxPainZoneLabel")->isHidden());
        QCOMPARE(text(panel, "pcrLabel"), kMissingText);
        QCOMPARE(label(panel, "pcrLabel")->toolTip(), report.seller.maxPain.reason);
        QCOMPARE(text(panel, "wallsLabel"), kMissingText);
        QVERIFY(!label(panel, "maxPainReasonLabel")->isHidden());
        QCOMPARE(text(panel, "maxPainReasonLabel"), report.seller.maxPain.reason);
        QCOMPARE(text(panel, "skewLabel"), kMissingText);
        QCOMPARE(label(panel, "skewLabel")->toolTip(), QStringLiteral("no implied volatility"));
    }

    void buyerShowsBreakoutGammaAndEnvironment()
    {
        BuyerPanel panel;
        panel.showReport(test::sampleReport());
        const QList<qreal> breakout = barValues(barSet(panel, "breakoutChart", "breakoutBars"));
        QCOMPARE(breakout.size(), 5);
        const QList<qreal> expectedBreakout{20.0, 22.0, 24.0, 26.0, 28.0};
        for (int i = 0; i < 5; ++i)
            QVERIFY(std::abs(breakout[i] - expectedBreakout[i]) < 1e-9);
        // The five sessions after the last close (Thursday 27 Nov 2025), each once, by date.
        auto* sessions = qobject_cast<QBarCategoryAxis*>(
            panel.findChild<QChartView*>(QStringLiteral("breakoutChart"))->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(sessions);
        QCOMPARE(sessions->categories(), QStringList({"Fri<br>28", "Mon<br>1 Dec", "Tue<br>2", "Wed<br>3", "Thu<br>4"}));
        // Scaled to the bars (28 % at most), on round ticks.
        auto* percent = qobject_cast<QValueAxis*>(
            panel.findChild<QChartView*>(QStringLiteral("breakoutChart"))->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(percent);
        QCOMPARE(percent->max(), 40.0);
        QCOMPARE(percent->tickCount(), 5);
        const QList<qreal> gamma = barValues(barSet(panel, "gammaChart", "gammaBars"));
        QCOMPARE(gamma.size(), 6);
        QVERIFY(std::abs(gamma[0] - 35.0) < 1e-9 && std::abs(gamma[5] - 85.0) < 1e-9);  // shares, in %
        auto* share = qobject_cast<QValueAxis*>(
            panel.findChild<QChartView*>(QStringLiteral("gammaChart"))->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(share);
        QCOMPARE(share->max(), 100.0);
        QCOMPARE(text(panel, "breakoutTodayLabel"), QStringLiteral("20.0% (LOW) · Fri 28 Nov"));
        QVERIFY(label(panel, "breakoutTodayLabel")->toolTip().contains(QStringLiteral("1.5 × ATR14")));
        QCOMPARE(text(panel, "breakoutLevelsLabel"), QStringLiteral("below 25,900.00 · above 26,500.00"));
        // A day whose model shows no edge quotes its base rate, marked as such (its tooltip said "calibrated").
        engines::report::TickerReport noEdgeToday = test::sampleReport();
        noEdgeToday.buyer.breakoutToday.edgeDemonstrated = false;
        panel.showReport(noEdgeToday);
        QCOMPARE(text(panel, "breakoutTodayLabel"), QStringLiteral("20.0% (LOW) · Fri 28 Nov · base rate"));
        QVERIFY(label(panel, "breakoutTodayLabel")->toolTip().contains(QStringLiteral("not a forecast")));
        panel.showReport(test::sampleReport());
        QVERIFY(!text(panel, "breakoutTodayLabel").contains(QStringLiteral("base rate")));
        QVERIFY(label(panel, "breakoutLevelsLabel")->toolTip().contains(QStringLiteral("larger of ATR14")));
        QCOMPARE(text(panel, "spikeLabel"), QStringLiteral("▲ up 55.0% · ▼ down 45.0%"));
        QCOMPARE(label(panel, "spikeLabel")->palette().color(QPalette::WindowText), activeColours().up);
        QCOMPARE(text(panel, "thetaLabel"), QStringLiteral("DONT WASTE PREMIUM (80.0%)"));
        {
            // A stock without implied-vol history: its straddle is priced at realised vol, and the label says so.
            BuyerPanel stock;
            engines::report::TickerReport atRealised = test::sampleReport();
            atRealised.buyer.thetaPremiumBasis = engines::report::kPremiumAtRealised;
            stock.showReport(atRealised);
            QCOMPARE(text(stock, "thetaLabel"), QStringLiteral("DONT WASTE PREMIUM (80.0%) · at realised vol"));
            QVERIFY(label(stock, "thetaLabel")->toolTip().contains(QStringLiteral("usually higher")));
        }
        QCOMPARE(text(panel, "gammaBasisLabel"),
                 QStringLiteral("2025-11-27 vs the 20 sessions before\nvariance vs usual: 09:15 0.7× · 09:45 0.9× · 10:45 1.1× · "
                                "12:00 1.3× · 14:00 1.5× · 15:00 1.7×"));
        QVERIFY(!panel.findChild<QChartView*>(QStringLiteral("gammaChart"))->isHidden());
        engines::report::TickerReport withoutBars = test::sampleReport();
        withoutBars.buyer.gammaWindows.clear();
        withoutBars.buyer.gammaWindowsBasis = QStringLiteral("no intraday bars for NIFTY");
        panel.showReport(withoutBars);
        QVERIFY(panel.findChild<QChartView*>(QStringLiteral("gammaChart"))->isHidden());
        QCOMPARE(text(panel, "gammaBasisLabel"), QStringLiteral("no intraday bars for NIFTY"));
        panel.showReport(test::sampleReport());
        QVERIFY(!panel.findChild<QChartView*>(QStringLiteral("gammaChart"))->isHidden());
        QCOMPARE(text(panel, "buyerRegimeLabel"), QStringLiteral("MEAN REVERT"));
        QCOMPARE(text(panel, "buyerEnvironmentLabel"), QStringLiteral("UNFAVOURABLE"));
        QVERIFY(label(panel, "buyerEnvironmentLabel")->styleSheet().contains(activeColours().flagRed.name()));
        QVERIFY(text(panel, "buyerReasonsLabel").contains(QStringLiteral("implied move exceeds")));
        QVERIFY(label(panel, "breakoutEventsLabel")->isHidden());  // no scheduled event in these sessions
        QVERIFY(label(panel, "breakoutSoFarLabel")->isHidden());   // the session has no bars yet

        // With the session trading, what it has done so far is shown beside the forecast made at the close.
        engines::report::TickerReport trading = test::sampleReport();
        engines::report::RangeSoFar range;
        range.observed.high = 26280.75;
        range.observed.low = 26172.40;
        range.atr = 204.3;
        range.rangeAtr = 0.53;
        range.thresholdAtr = 1.5;
        range.observed.asOf = QDateTime(QDate(2025, 11, 28), QTime(8, 27), Qt::UTC);
        range.observed.basis = QStringLiteral("5m bars to 13:57 IST");
        trading.buyer.breakoutTodaySoFar = range;
        panel.showReport(trading);
        QVERIFY(!label(panel, "breakoutSoFarLabel")->isHidden());
        QCOMPARE(text(panel, "breakoutSoFarLabel"), QStringLiteral("range 0.53 × ATR14 of the 1.5× a breakout needs · to 13:57 IST"));
        QVERIFY(label(panel, "breakoutSoFarLabel")->toolTip().contains(QStringLiteral("ATR14 204.30 at the last close")));
        QCOMPARE(text(panel, "breakoutTodayLabel"), QStringLiteral("20.0% (LOW) · Fri 28 Nov"));
        range.observed.high = 26500.0;
        range.rangeAtr = 1.60;
        range.brokenOut = true;
        trading.buyer.breakoutTodaySoFar = range;
        panel.showReport(trading);
        QCOMPARE(text(panel, "breakoutSoFarLabel"),
                 QStringLiteral("broken out: range 1.60 × ATR14, over the 1.5× of a breakout · to 13:57 IST"));
        QCOMPARE(label(panel, "breakoutSoFarLabel")->palette().color(QPalette::WindowText), activeColours().flagAmber);
        panel.showReport(test::sampleReport());
        QVERIFY(label(panel, "breakoutSoFarLabel")->isHidden());
    }

    // A model without a demonstrated edge shows its base rate, the same for every ticker: labelled as
    // such and not coloured as a lean.
    void buyerSaysWhichFiguresAreBaseRates()
    {
        engines::report::TickerReport report = test::sampleReport();
        BuyerPanel panel;
        panel.showReport(report);
        QCOMPARE(text(panel, "spikeRateLabel"), QStringLiteral("past breakouts closed up 65 of 125 times (52.0%) · breakout models: edge demonstrated"));

        report.buyer.spikeEdge.demonstrated = false;
        report.buyer.thetaEdgeRecord.demonstrated = false;
        report.buyer.breakoutNext[1].edgeDemonstrated = false;
        report.buyer.breakoutNext[2].edgeDemonstrated = false;
        panel.showReport(report);
        QCOMPARE(text(panel, "spikeLabel"), QStringLiteral("▲ up 55.0% · ▼ down 45.0% · base rate"));
        QCOMPARE(label(panel, "spikeLabel")->palette().color(QPalette::WindowText), activeColours().mutedText);
        QVERIFY(label(panel, "spikeLabel")->toolTip().contains(QStringLiteral("not a forecast")));
        QCOMPARE(text(panel, "thetaLabel"), QStringLiteral("DONT WASTE PREMIUM (80.0%) · base rate"));
        QCOMPARE(label(panel, "thetaLabel")->palette().color(QPalette::WindowText), activeColours().mutedText);
        QCOMPARE(text(panel, "spikeRateLabel"),
                 QStringLiteral("past breakouts closed up 65 of 125 times (52.0%) · breakout models: no demonstrated edge for Mon 1, Tue 2 (base rates)"));

        for (auto& day : report.buyer.breakoutNext)
            day.edgeDemonstrated = false;
        panel.showReport(report);
        QVERIFY(text(panel, "spikeRateLabel").endsWith(QStringLiteral("breakout models: no demonstrated edge (base rates)")));
    }

    // A session that first trades a scheduled event (a Budget) is starred and named under the chart;
    // when it is the next session, its line says so too.
    void buyerNamesScheduledEvents()
    {
        engines::report::TickerReport report = test::sampleReport();
        report.buyer.breakoutNext[0].event = QStringLiteral("general election results");
        report.buyer.breakoutNext[2].event = QStringLiteral("Union Budget");
        report.buyer.breakoutToday.event = report.buyer.breakoutNext[0].event;
        BuyerPanel panel;
        panel.showReport(report);
        auto* sessions = qobject_cast<QBarCategoryAxis*>(
            panel.findChild<QChartView*>(QStringLiteral("breakoutChart"))->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(sessions);
        QCOMPARE(sessions->categories(), QStringList({"Fri<br>28*", "Mon<br>1 Dec", "Tue<br>2*", "Wed<br>3", "Thu<br>4"}));
        QVERIFY(!label(panel, "breakoutEventsLabel")->isHidden());
        QCOMPARE(text(panel, "breakoutEventsLabel"),
                 QStringLiteral("* Fri 28 Nov: general election results; * Tue 2 Dec: Union Budget"));
        QCOMPARE(text(panel, "breakoutTodayLabel"), QStringLiteral("20.0% (LOW) · Fri 28 Nov · general election results"));

        panel.showReport(test::sampleReport());
        QVERIFY(label(panel, "breakoutEventsLabel")->isHidden());
        QCOMPARE(sessions->categories(), QStringList({"Fri<br>28", "Mon<br>1 Dec", "Tue<br>2", "Wed<br>3", "Thu<br>4"}));
    }

    // An index has no costs of its own: the reason stands beside the empty figures.
    void executionSaysWhyAnIndexHasNoCosts()
    {
        ExecutionPanel panel;
        engines::report::TickerReport index = test::sampleReport();
        index.execution.regime.clear();
        index.execution.regimeProbability.reset();
        for (auto& row : index.execution.slippage)
            row.q50Bps = row.q90Bps = std::nullopt;
        index.execution.reason = QStringLiteral("NIFTY is an index: it is not traded itself");
        panel.showReport(index);
        QVERIFY(!label(panel, "executionReasonLabel")->isHidden());
        QCOMPARE(text(panel, "executionReasonLabel"), QStringLiteral("NIFTY is an index: it is not traded itself"));
        QCOMPARE(text(panel, "executionRegimeLabel"), kMissingText);
        panel.showReport(test::sampleReport());
        QVERIFY(label(panel, "executionReasonLabel")->isHidden());
    }

    void executionHighlightsTheDefaultOrderSize()
    {
        ExecutionPanel panel;
        panel.showReport(test::sampleReport());
        auto* table = panel.findChild<QTableWidget*>(QStringLiteral("slippageTable"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 4);
        QCOMPARE(table->item(0, ExecutionPanel::OrderColumn)->text(), QStringLiteral("₹1L"));
        QCOMPARE(table->item(1, ExecutionPanel::OrderColumn)->text(), QStringLiteral("₹2.5L"));
        QCOMPARE(table->item(3, ExecutionPanel::OrderColumn)->text(), QStringLiteral("₹10L"));
        QCOMPARE(panel.highlightedRow(), 0);
        QVERIFY(text(panel, "slippageBasisLabel").contains(QStringLiteral("not quotes")));
        QVERIFY(label(panel, "slippageRecordLabel")->isHidden());  // the sample has no slippage record

        engines::report::TickerReport recorded = test::sampleReport();
        engines::report::ModelEvaluation q50;
        q50.engine = QStringLiteral("execution");
        q50.target = QStringLiteral("exec_cost_q50");
        q50.coverage = 0.499;
        q50.nominalCoverage = 0.5;
        q50.pinballSkill = 0.001;
        q50.pinballSkillLow = -0.002;
        q50.pinballSkillHigh = 0.002;
        recorded.evaluation.models.push_back(q50);
        panel.showReport(recorded);
        QVERIFY(!label(panel, "slippageRecordLabel")->isHidden());
        QCOMPARE(text(panel, "slippageRecordLabel"),
                 QStringLiteral("Walk-forward: Q50 covered 50% (nominal 50%), skill 0.001 [-0.002, 0.002] over one constant cost: no better than it."));
        recorded.evaluation.models.back().pinballSkillLow = 0.0004;
        recorded.evaluation.models.back().edgeDemonstrated = true;
        panel.showReport(recorded);
        QVERIFY(text(panel, "slippageRecordLabel").endsWith(QStringLiteral("over one constant cost: barely better than it.")));
        recorded.evaluation.models.back().coverageLow = 0.4871;
        recorded.evaluation.models.back().coverageHigh = 0.5113;
        panel.showReport(recorded);
        QVERIFY2(text(panel, "slippageRecordLabel").startsWith(QStringLiteral("Walk-forward: Q50 covered 49.9% [48.7–51.1%] (nominal 50%), ")),
                 qPrintable(text(panel, "slippageRecordLabel")));
        panel.showReport(test::sampleReport());

        panel.setDefaultOrderSize(5e5);
        QCOMPARE(panel.highlightedRow(), 2);
        QVERIFY(table->item(2, ExecutionPanel::Q50BpsColumn)->font().bold());
        QVERIFY(!table->item(0, ExecutionPanel::Q50BpsColumn)->font().bold());
        QCOMPARE(table->item(2, ExecutionPanel::Q50BpsColumn)->text(), QStringLiteral("5.0"));
        QCOMPARE(table->item(2, ExecutionPanel::Q90BpsColumn)->text(), QStringLiteral("12.5"));
        QCOMPARE(table->item(2, ExecutionPanel::Q50RupeesColumn)->text(), QStringLiteral("₹250"));  // 5 bps of ₹5L
        QCOMPARE(table->item(2, ExecutionPanel::Q90RupeesColumn)->text(), QStringLiteral("₹625"));
        panel.setDefaultOrderSize(7e5);  // nearest on a log scale: ₹5L
        QCOMPARE(panel.highlightedRow(), 2);

        QCOMPARE(text(panel, "executionRegimeLabel"), QStringLiteral("LOW (80.0%)"));
        QCOMPARE(text(panel, "verdictLabel"), QStringLiteral("▲ UP  ±50.0 pts"));
        QCOMPARE(text(panel, "verdictConfidenceLabel"), QStringLiteral("58.0%"));
        // The verdict quotes the highlighted order, not the report's ₹5 L, and follows the setting.
        QVERIFY(text(panel, "verdictExplanationLabel").contains(QStringLiteral("round-trip cost ≈ 10 bps at ₹5 L")));
        panel.setDefaultOrderSize(1e5);
        QVERIFY(text(panel, "verdictExplanationLabel").contains(QStringLiteral("at ₹1 L")));
        TickerReport stock = test::sampleReport();
        stock.meta.kind = QStringLiteral("stock");
        panel.showReport(stock);
        QCOMPARE(text(panel, "verdictLabel"), QStringLiteral("▲ UP  ±₹50.0"));

        // No horizon with an edge: no call, and no confidence in it (the base rate is in the text).
        TickerReport noEdge = test::sampleReport();
        for (aegis::engines::report::Horizon& horizon : noEdge.direction.horizons)
            horizon.call.edge.demonstrated = false;
        panel.showReport(noEdge);
        QVERIFY2(text(panel, "verdictLabel").endsWith(QStringLiteral("NO_CALL")), qPrintable(text(panel, "verdictLabel")));
        QCOMPARE(text(panel, "verdictConfidenceLabel"), QStringLiteral("—"));
        QVERIFY(label(panel, "verdictConfidenceLabel")->toolTip().startsWith(QStringLiteral("no call, so no confidence")));
        QVERIFY(text(panel, "verdictExplanationLabel").contains(QStringLiteral("Base rate over")));
    }

    void modelCardDrawsTheBinsTheEvaluationCarries()
    {
        ModelCardPanel panel;
        TickerReport report = test::sampleReport();
        report.evaluation.models[0].reliability = {{0.2, 0.3, 120, 0.25, 0.27}, {0.3, 0.4, 300, 0.35, 0.33},
                                                   {0.4, 0.5, 90, 0.44, 0.46}};
        panel.showEvaluation(report.evaluation, report.meta.modelGeneration, QDateTime());
        auto* curve = seriesNamed<QLineSeries>(panel, "reliabilityChart", "reliabilityCurve");
        QCOMPARE(curve->count(), 3);
        QCOMPARE(curve->at(1), QPointF(0.35, 0.33));
        QVERIFY(label(panel, "reliabilityMessage")->isHidden());
    }

    void modelCardShowsMetricsReliabilityAndGenerations()
    {
        ModelCardPanel panel;
        const TickerReport report = test::sampleReport();
        const QDateTime trainedAt(QDate(2025, 11, 28), QTime(10, 0), Qt::UTC);
        panel.showEvaluation(report.evaluation, report.meta.modelGeneration, trainedAt);
        QVERIFY(!panel.isShowingUnavailable());
        QCOMPARE(text(panel, "generationLabel"), report.meta.modelGeneration);
        QCOMPARE(text(panel, "trainedAtLabel"), QStringLiteral("2025-11-28 10:00 UTC"));
        QCOMPARE(text(panel, "dataRangeLabel"), QStringLiteral("2021-01-01 → 2025-11-27"));

        auto* metrics = panel.findChild<QTableWidget*>(QStringLiteral("metricsTable"));
        QCOMPARE(metrics->rowCount(), 2);
        QCOMPARE(metrics->item(0, ModelCardPanel::AucColumn)->text(), QStringLiteral("0.640\n0.610–0.670"));
        QCOMPARE(metrics->item(0, ModelCardPanel::BrierSkillColumn)->text(), QStringLiteral("0.021"));
        // With its interval, whose ends may be negative.
        engines::report::Evaluation withSkillInterval = report.evaluation;
        withSkillInterval.models[0].brierSkillLow = -0.004;
        withSkillInterval.models[0].brierSkillHigh = 0.046;
        panel.showEvaluation(withSkillInterval, report.meta.modelGeneration, trainedAt);
        QCOMPARE(metrics->item(0, ModelCardPanel::BrierSkillColumn)->text(), QStringLiteral("0.021\n-0.004 to 0.046"));
        panel.showEvaluation(report.evaluation, report.meta.modelGeneration, trainedAt);
        QCOMPARE(metrics->item(0, ModelCardPanel::CalibrationColumn)->text(), QStringLiteral("ECE 0.020\nfloor 0.011 · p 0.04"));
        QCOMPARE(metrics->item(0, ModelCardPanel::RowsColumn)->text(), QStringLiteral("1,000"));
        QCOMPARE(metrics->item(0, ModelCardPanel::EdgeColumn)->text(), QStringLiteral("demonstrated"));
        QCOMPARE(metrics->item(1, ModelCardPanel::AucColumn)->text(), kMissingText);
        QCOMPARE(metrics->item(1, ModelCardPanel::CalibrationColumn)->text(), QStringLiteral("coverage 48.0%\nnominal 50%"));
        QCOMPARE(metrics->item(1, ModelCardPanel::EdgeColumn)->text(), QStringLiteral("none"));
        engines::report::Evaluation withCoverageInterval = report.evaluation;
        withCoverageInterval.models[1].coverageLow = 0.4612;
        withCoverageInterval.models[1].coverageHigh = 0.4987;
        panel.showEvaluation(withCoverageInterval, report.meta.modelGeneration, trainedAt);
        QCOMPARE(metrics->item(1, ModelCardPanel::CalibrationColumn)->text(), QStringLiteral("coverage 48.0%\n46.1–49.9% · nominal 50%"));
        panel.showEvaluation(report.evaluation, report.meta.modelGeneration, trainedAt);

        const QString upKey = ModelCardPanel::modelKey(report.evaluation.models[0]);
        QCOMPARE(upKey, QStringLiteral("direction/direction_up/h1"));
        QCOMPARE(panel.selectedModelKey(), upKey);
        QCOMPARE(text(panel, "reliabilityMessage"), ModelCardPanel::noReliabilityText());
        panel.setReliability(upKey, {{0.0, 0.5, 400, 0.31, 0.29}, {0.5, 1.0, 600, 0.66, 0.70}});
        auto* curve = seriesNamed<QLineSeries>(panel, "reliabilityChart", "reliabilityCurve");
        QCOMPARE(curve->count(), 2);
        QCOMPARE(curve->at(1), QPointF(0.66, 0.70));
        QVERIFY(label(panel, "reliabilityMessage")->isHidden());
        QCOMPARE(seriesNamed<QLineSeries>(panel, "reliabilityChart", "reliabilityDiagonal")->at(1), QPointF(1.0, 1.0));

        panel.selectModel(ModelCardPanel::modelKey(report.evaluation.models[1]));
        QCOMPARE(curve->count(), 0);
        QCOMPARE(text(panel, "reliabilityMessage"), ModelCardPanel::noReliabilityText());
        QVERIFY(!label(panel, "reliabilityMessage")->isHidden());

        models::GenerationManifest manifest;
        manifest.generationId = report.meta.modelGeneration;
        manifest.createdAtUtc = trainedAt;
        manifest.trainingData = {{QStringLiteral("NIFTY"), QStringLiteral("INFY")}, QDate(2019, 1, 1), QDate(2025, 11, 27), 123456, {}};
        models::GenerationManifest older = manifest;
        older.generationId = QStringLiteral("20251120T100000Z-00aa11bb");
        older.createdAtUtc = QDateTime(QDate(2025, 11, 20), QTime(10, 0), Qt::UTC);
        panel.setGenerations({{manifest.generationId, manifest, {}, true},
                              {older.generationId, older, {}, false},
                              {QStringLiteral("20251101T100000Z-deadbeef"), std::nullopt, QStringLiteral("manifest.json missing"), false}});
        QCOMPARE(text(panel, "trainingDataLabel"), QStringLiteral("2019-01-01 → 2025-11-27 · 123,456 rows · 2 tickers"));

        auto* generations = panel.findChild<QTableWidget*>(QStringLiteral("generationTable"));
        auto* button = panel.findChild<QPushButton*>(QStringLiteral("switchGenerationButton"));
        QCOMPARE(generations->rowCount(), 3);
        QCOMPARE(generations->item(0, ModelCardPanel::StatusColumn)->text(), QStringLiteral("current"));
        QCOMPARE(generations->item(2, ModelCardPanel::StatusColumn)->text(), QStringLiteral("manifest.json missing"));
        QCOMPARE(button->text(), QStringLiteral("Switch to this generation"));
        QSignalSpy rollback(&panel, &ModelCardPanel::rollbackRequested);
        generations->selectRow(0);
        QVERIFY(!button->isEnabled());
        generations->selectRow(2);
        QVERIFY(!button->isEnabled());
        generations->selectRow(1);
        QVERIFY(button->isEnabled());

        // CURRENT names a refused generation and the older one serves: the table says so of both.
        panel.setGenerations({{manifest.generationId, manifest, QStringLiteral("direction_bilstm.pt: checksum mismatch"), true},
                              {older.generationId, older, {}, false}});
        panel.showEvaluation(report.evaluation, older.generationId, older.createdAtUtc);
        QCOMPARE(generations->item(0, ModelCardPanel::StatusColumn)->text(),
                 QStringLiteral("CURRENT, refused: direction_bilstm.pt: checksum mismatch"));
        QCOMPARE(generations->item(1, ModelCardPanel::StatusColumn)->text(), QStringLiteral("in use (CURRENT's refused)"));
        panel.setGenerations({{manifest.generationId, manifest, {}, true},
                              {older.generationId, older, {}, false},
                              {QStringLiteral("20251101T100000Z-deadbeef"), std::nullopt, QStringLiteral("manifest.json missing"), false}});
        panel.showEvaluation(report.evaluation, report.meta.modelGeneration, trainedAt);
        generations->selectRow(1);
        button->click();
        QCOMPARE(rollback.count(), 1);
        QCOMPARE(rollback.front().front().toString(), older.generationId);
    }

    // The side pane of a 1366-pixel laptop window is about 470 pixels wide: the reliability axes must
    // keep legible labels and each generation's status must be in view without scrolling.
    void modelCardFitsALaptopPane()
    {
        ModelCardPanel panel;
        const TickerReport report = test::sampleReport();
        panel.showEvaluation(report.evaluation, report.meta.modelGeneration, QDateTime());
        models::GenerationManifest manifest;
        manifest.generationId = QStringLiteral("20251128T100000Z-0123abcd");
        manifest.createdAtUtc = QDateTime(QDate(2025, 11, 28), QTime(10, 0), Qt::UTC);
        panel.setGenerations({{manifest.generationId, manifest, {}, true}});
        panel.resize(470, 520);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        // Too narrow for both side by side: they become tabs, each as wide as the panel.
        auto* tabs = panel.findChild<QTabWidget*>(QStringLiteral("modelCardBottomTabs"));
        QVERIFY(tabs->isVisible());
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->tabText(0), ModelCardPanel::reliabilityTitle());
        auto* view = panel.findChild<QChartView*>(QStringLiteral("reliabilityChart"));
        QVERIFY(view->isVisible());
        QVERIFY2(view->width() >= 400, qPrintable(QString::number(view->width())));
        QCOMPARE(view->chart()->title(), QStringLiteral("direction_up · 1d"));
        for (QAbstractAxis* axis : view->chart()->axes()) {
            auto* values = qobject_cast<QValueAxis*>(axis);
            QVERIFY(values);
            QCOMPARE(values->tickCount(), 3);
            QCOMPARE(values->labelFormat(), QStringLiteral("%.1f"));
        }

        auto* generations = panel.findChild<QTableWidget*>(QStringLiteral("generationTable"));
        const auto statusInView = [generations] {
            const int end = generations->columnViewportPosition(ModelCardPanel::StatusColumn)
                            + generations->fontMetrics().horizontalAdvance(QStringLiteral("current"));
            return end <= generations->viewport()->width();
        };
        tabs->setCurrentIndex(1);
        QTRY_VERIFY(generations->isVisible());
        QVERIFY(statusInView());

        // Wide enough: side by side under their own titles, the status still in view.
        panel.resize(1000, 520);
        QTRY_VERIFY(!tabs->isVisible());
        QCOMPARE(tabs->count(), 0);
        QVERIFY(view->isVisible());
        QVERIFY(generations->isVisible());
        QCOMPARE(panel.findChild<QGroupBox*>(QStringLiteral("generationsBox"))->title(), ModelCardPanel::generationsTitle());
        QTRY_VERIFY(statusInView());
        QVERIFY2(view->mapTo(&panel, QPoint(view->width(), 0)).x() <= generations->mapTo(&panel, QPoint(0, 0)).x(),
                 "the chart and the table overlap");
    }

    // In a laptop pane the chart's minimum height leaves the table about four rows: dragging the details
    // shut gives the table their height, and the table itself never collapses.
    void modelCardDetailsDragShutToShowMoreRecords()
    {
        ModelCardPanel panel;
        const TickerReport report = test::sampleReport();
        panel.showEvaluation(report.evaluation, report.meta.modelGeneration, QDateTime());
        panel.resize(470, 520);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        auto* splitter = panel.findChild<QSplitter*>(QStringLiteral("modelCardSplitter"));
        QVERIFY(splitter);
        auto* table = panel.findChild<QTableWidget*>(QStringLiteral("metricsTable"));
        QCOMPARE(splitter->widget(0), table);
        QVERIFY(splitter->widget(1)->isAncestorOf(panel.findChild<QTabWidget*>(QStringLiteral("modelCardBottomTabs"))));
        const int total = splitter->sizes().at(0) + splitter->sizes().at(1);
        const int tableHeight = table->viewport()->height();
        QVERIFY2(splitter->sizes().at(1) > 0, "the details show at first");

        splitter->setSizes({total, 0});
        QTRY_COMPARE(splitter->sizes().at(1), 0);
        QTRY_VERIFY2(table->viewport()->height() >= tableHeight + splitter->widget(1)->minimumSizeHint().height() / 2,
                     qPrintable(QStringLiteral("%1 -> %2").arg(tableHeight).arg(table->viewport()->height())));

        splitter->setSizes({0, total});
        QTRY_VERIFY(splitter->sizes().at(0) > 0);
    }

    void modelCardSplitComesBackAsSaved()
    {
        const TickerReport report = test::sampleReport();
        const auto sharesOf = [](const QSplitter* splitter) {
            const QList<int> sizes = splitter->sizes();
            return double(sizes.at(1)) / double(sizes.at(0) + sizes.at(1));
        };
        for (const double saved : {0.0, 0.55}) {
            ModelCardPanel panel;
            panel.showEvaluation(report.evaluation, report.meta.modelGeneration, QDateTime());
            QVERIFY2(!panel.detailsShare(), "nothing to save before the split was ever laid out");
            panel.restoreDetailsShare(saved);
            QCOMPARE(panel.detailsShare().value_or(-1.0), saved);  // still waiting: saved as it came
            panel.resize(470, 720);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            auto* splitter = panel.findChild<QSplitter*>(QStringLiteral("modelCardSplitter"));
            QTRY_VERIFY2(std::abs(sharesOf(splitter) - saved) < 0.02,
                         qPrintable(QStringLiteral("saved %1, shown %2").arg(saved).arg(sharesOf(splitter))));
            QVERIFY(std::abs(panel.detailsShare().value_or(-1.0) - sharesOf(splitter)) < 1e-9);

            // What the user drags is what is saved next.
            const int total = splitter->sizes().at(0) + splitter->sizes().at(1);
            splitter->setSizes({total / 4, total - total / 4});
            QTRY_VERIFY(std::abs(panel.detailsShare().value_or(-1.0) - 0.75) < 0.02);
        }
        ModelCardPanel ignoresNonsense;
        ignoresNonsense.restoreDetailsShare(std::numeric_limits<double>::quiet_NaN());
        QVERIFY(!ignoresNonsense.detailsShare());
    }

    void modelCardReadsTheReportAndTrainingTimeFromTheListing()
    {
        ModelCardPanel panel;
        TickerReport report = test::sampleReport();
        panel.showReport(report);
        QCOMPARE(text(panel, "trainedAtLabel"), kMissingText);
        models::GenerationManifest manifest;
        manifest.generationId = report.meta.modelGeneration;
        manifest.createdAtUtc = QDateTime(QDate(2025, 11, 28), QTime(9, 59), Qt::UTC);
        panel.setGenerations({{manifest.generationId, manifest, {}, true}});
        QCOMPARE(text(panel, "trainedAtLabel"), QStringLiteral("2025-11-28 09:59 UTC"));

        report.meta.modelGeneration.clear();
        report.evaluation.models.clear();
        panel.showReport(report);
        QVERIFY(text(panel, "generationLabel").startsWith(QStringLiteral("none")));
        QCOMPARE(panel.findChild<QTableWidget*>(QStringLiteral("metricsTable"))->rowCount(), 0);
    }

    void switchingReportsRepaints()
    {
        AllPanels panels;
        panels.seller.setBars(test::sampleDailyBars(300));
        panels.show(test::sampleReport());

        TickerReport other = test::sampleReport();
        other.meta.ticker = QStringLiteral("BANKNIFTY");
        other.meta.name = QStringLiteral("NIFTY BANK");
        other.market.spot = 59123.4;
        other.market.spotChange = 250.0;
        other.market.spotChangePct = 0.0042;
        other.direction.horizons[0].call.direction = QStringLiteral("DOWN");
        other.direction.horizons[0].call.conviction = 0.61;
        other.seller.safeRange.upper = 61000.0;
        other.seller.maxPain.strike = 59000.0;
        other.buyer.breakoutNext.front().score = 0.4;
        other.evaluation.models.pop_back();
        panels.show(other);

        QCOMPARE(text(panels.spot, "spotLabel"), QStringLiteral("59,123.40"));
        QCOMPARE(text(panels.spot, "spotChangeLabel"), QStringLiteral("+250.00 (+0.42%)"));
        QCOMPARE(label(panels.spot, "spotChangeLabel")->palette().color(QPalette::WindowText), activeColours().up);
        QVERIFY(text(panels.spot, "tickerLabel").startsWith(QStringLiteral("BANKNIFTY")));
        auto* horizons = panels.direction.findChild<QTableWidget*>(QStringLiteral("horizonTable"));
        QCOMPARE(horizons->item(0, DirectionPanel::DirectionColumn)->text(), QStringLiteral("▼ DOWN"));
        QCOMPARE(horizons->item(0, DirectionPanel::ConvictionColumn)->text(), QStringLiteral("61.0%"));
        QCOMPARE(seriesNamed<QAreaSeries>(panels.seller, "priceChart", "safeRangeBand")->upperSeries()->at(0).y(), 61000.0);
        QVERIFY(text(panels.seller, "maxPainLabel").startsWith(QStringLiteral("59,000")));
        QCOMPARE(barSet(panels.buyer, "breakoutChart", "breakoutBars")->at(0), 40.0);
        QCOMPARE(text(panels.execution, "verdictLabel"), QStringLiteral("▼ DOWN  ±50.0 pts"));  // tomorrow turned DOWN
        QCOMPARE(panels.modelCard.findChild<QTableWidget*>(QStringLiteral("metricsTable"))->rowCount(), 1);
    }

    void unavailableReplacesTheContent()
    {
        AllPanels panels;
        for (ReportPanel* panel : panels.each()) {
            QVERIFY(panel->isShowingUnavailable());
            panel->showUnavailable(QStringLiteral("engines failed: no bars stored for XYZ"));
            QVERIFY(panel->isShowingUnavailable());
            QCOMPARE(text(*panel, "unavailableLabel"), QStringLiteral("engines failed: no bars stored for XYZ"));
            panel->showReport(test::sampleReport());
            QVERIFY(!panel->isShowingUnavailable());
        }
    }

    void missingAndNonFiniteValuesNeverPrintNan()
    {
        TickerReport report = test::sampleReport();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        report.market.vix = nan;
        report.market.vixChange.reset();
        report.market.regime.clear();
        report.direction.today.expectedMovePoints = inf;
        report.direction.today.intradayVolatilityScore.reset();
        report.direction.horizons[2].call.expectedMovePoints = nan;
        report.direction.riskScore.reset();
        report.seller.safeRange.lower = nan;
        report.seller.safeRange.reason = QStringLiteral("too few sessions for a volatility estimate");
        report.seller.breachProbabilities[1].probability = nan;
        report.seller.breachProbabilities[1].reason = QStringLiteral("outside the bands the breach model learnt");
        report.seller.trap = {};
        report.seller.trap.reason = QStringLiteral("fewer than 60 sessions of IV");
        report.buyer.breakoutNext[2].score.reset();
        report.buyer.gammaWindows[3].score = nan;
        report.buyer.spikeUpProb.reset();
        report.buyer.spikeDownProb.reset();
        report.execution.slippage[1].q90Bps = nan;
        report.direction.horizons[0].call.expectedMovePoints = inf;  // the verdict's points come from here
        report.evaluation.models[0].auc = nan;
        report.evaluation.models[0].brierSkill.reset();

        AllPanels panels;
        panels.show(report);
        const QRegularExpression notANumber(QStringLiteral("\\b(nan|inf|infinity)\\b"), QRegularExpression::CaseInsensitiveOption);
        for (ReportPanel* panel : panels.each()) {
            for (const QString& shown : visibleTexts(*panel)) {
                QVERIFY2(!shown.contains(notANumber),
                         qPrintable(panel->metaObject()->className() + QStringLiteral(": ") + shown));
            }
        }
        QCOMPARE(text(panels.spot, "vixLabel"), kMissingText);
        QCOMPARE(text(panels.direction, "riskLabel"), kMissingText);
        QVERIFY(!label(panels.direction, "riskLabel")->toolTip().isEmpty());
        QCOMPARE(text(panels.seller, "safeRangeLabel"), kMissingText);
        QCOMPARE(label(panels.seller, "safeRangeLabel")->toolTip(), report.seller.safeRange.reason);
        QCOMPARE(seriesNamed<QAreaSeries>(panels.seller, "priceChart", "safeRangeBand")->upperSeries()->count(), 0);
        QCOMPARE(seriesNamed<QLineSeries>(panels.seller, "breachChart", "breachCurve")->count(), 4);
        QCOMPARE(panels.seller.findChild<QChartView*>(QStringLiteral("breachChart"))->toolTip(),
                 report.seller.breachProbabilities[1].reason);
        QCOMPARE(label(panels.seller, "trapLabel")->toolTip(), report.seller.trap.reason);
        QCOMPARE(text(panels.buyer, "spikeLabel"), kMissingText);
        // A missing window's bar is drawn at zero; its label says so on a second line, which fits under a bar.
        auto* windows = qobject_cast<QBarCategoryAxis*>(
            panels.buyer.findChild<QChartView*>(QStringLiteral("gammaChart"))->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(windows);
        QCOMPARE(windows->categories().at(3), QStringLiteral("12:00<br>n/a"));
        QCOMPARE(windows->categories().at(2), QStringLiteral("10:45"));
        QCOMPARE(text(panels.execution, "verdictLabel"), QStringLiteral("▲ UP"));
        auto* slippage = panels.execution.findChild<QTableWidget*>(QStringLiteral("slippageTable"));
        QCOMPARE(slippage->item(1, ExecutionPanel::Q90BpsColumn)->text(), kMissingText);
    }

    void themeSwitchRecoloursShownReports()
    {
        SpotVixPanel spot;
        DirectionPanel direction;
        spot.showReport(test::sampleReport());
        direction.showReport(test::sampleReport());
        QCOMPARE(label(spot, "spotChangeLabel")->palette().color(QPalette::WindowText), coloursFor(Theme::Dark).down);

        applyTheme(*qApp, Theme::Light);
        QVERIFY(activeTheme() == Theme::Light);
        QCOMPARE(label(spot, "spotChangeLabel")->palette().color(QPalette::WindowText), coloursFor(Theme::Light).down);
        auto* horizons = direction.findChild<QTableWidget*>(QStringLiteral("horizonTable"));
        QCOMPARE(horizons->item(1, DirectionPanel::DirectionColumn)->foreground().color(), coloursFor(Theme::Light).mutedText);
        QCOMPARE(label(spot, "demoBadge")->styleSheet(), badgeStyleSheet(coloursFor(Theme::Light).demoBackground, Qt::white));

        applyTheme(*qApp, Theme::Dark);
        QCOMPARE(label(spot, "spotChangeLabel")->palette().color(QPalette::WindowText), coloursFor(Theme::Dark).down);
    }

    void everyPanelPaintsSomething()
    {
        AllPanels panels;
        const TickerReport report = test::sampleReport();
        panels.seller.setBars(test::sampleDailyBars(300));
        panels.show(report);
        panels.modelCard.setReliability(ModelCardPanel::modelKey(report.evaluation.models[0]),
                                        {{0.0, 0.2, 100, 0.15, 0.12}, {0.2, 0.4, 300, 0.31, 0.33},
                                         {0.4, 0.6, 400, 0.52, 0.50}, {0.6, 0.8, 200, 0.68, 0.71}});
        for (ReportPanel* panel : panels.each()) {
            panel->resize(1000, 640);
            panel->show();
            QVERIFY(QTest::qWaitForWindowExposed(panel));
            const double share = paintedShare(*panel);
            QVERIFY2(share > 0.01, qPrintable(QStringLiteral("%1 painted only %2 of its pixels")
                                                  .arg(QString::fromLatin1(panel->metaObject()->className()))
                                                  .arg(share)));
        }
    }
};

int runPanelTests(int argc, char** argv)
{
    PanelsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_panels.moc"
