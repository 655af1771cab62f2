// FlowLayout puts its items on one line while they fit and wraps them like words when they do not:
// no item overlaps another or leaves the layout's width, the minimum width is the widest item, and the
// height it reports for a width is the height its lines take there.
#include "ui/panels/flow_layout.h"

#include <QTest>
#include <QWidget>

#include <algorithm>
#include <vector>

using aegis::ui::FlowLayout;

namespace {

constexpr int kGap = 10;
constexpr int kLineGap = 4;

struct Flow {
    QWidget host;
    FlowLayout* layout = nullptr;
    std::vector<QWidget*> items;

    explicit Flow(const std::vector<QSize>& sizes, Qt::Alignment inLine = Qt::AlignVCenter)
    {
        layout = new FlowLayout(&host, kGap, kLineGap, inLine);
        layout->setContentsMargins(0, 0, 0, 0);
        for (const QSize& size : sizes) {
            auto* item = new QWidget(&host);
            item->setFixedSize(size);
            layout->addWidget(item);
            items.push_back(item);
        }
    }

    void layOut(int width)
    {
        layout->setGeometry(QRect(0, 0, width, layout->heightForWidth(width)));
    }
};

}  // namespace

class FlowLayoutTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void oneLineWhileEverythingFits()
    {
        Flow flow({{100, 20}, {60, 30}, {80, 20}});
        const int width = 100 + kGap + 60 + kGap + 80;
        QCOMPARE(flow.layout->sizeHint(), QSize(width, 30));
        QCOMPARE(flow.layout->heightForWidth(width), 30);
        flow.layOut(width);
        QCOMPARE(flow.items[0]->geometry(), QRect(0, 5, 100, 20));  // centred in the 30-pixel line
        QCOMPARE(flow.items[1]->geometry(), QRect(110, 0, 60, 30));
        QCOMPARE(flow.items[2]->geometry(), QRect(180, 5, 80, 20));
    }

    void wrapsWhenTheNextItemWouldNotFit()
    {
        Flow flow({{100, 20}, {60, 30}, {80, 20}});
        const int width = 100 + kGap + 60 + kGap + 80 - 1;
        QCOMPARE(flow.layout->heightForWidth(width), 30 + kLineGap + 20);
        flow.layOut(width);
        QCOMPARE(flow.items[2]->geometry(), QRect(0, 30 + kLineGap, 80, 20));

        QCOMPARE(flow.layout->heightForWidth(100), 20 + kLineGap + 30 + kLineGap + 20);  // one item a line
        flow.layOut(100);
        QCOMPARE(flow.items[1]->geometry().topLeft(), QPoint(0, 20 + kLineGap));
    }

    void minimumWidthIsTheWidestItem()
    {
        Flow flow({{100, 20}, {160, 30}, {80, 20}});
        QCOMPARE(flow.layout->minimumSize(), QSize(160, 30));
        flow.layout->setContentsMargins(3, 4, 5, 6);
        QCOMPARE(flow.layout->minimumSize(), QSize(160 + 8, 30 + 10));
        QCOMPARE(flow.layout->heightForWidth(3 + 160 + 5), 4 + 20 + kLineGap + 30 + kLineGap + 20 + 6);
    }

    void itemsNeverOverlapNorLeaveTheWidth()
    {
        Flow flow({{90, 20}, {40, 30}, {120, 18}, {70, 25}, {55, 20}, {100, 22}});
        for (int width = 120; width <= 600; width += 7) {
            flow.layOut(width);
            int bottom = 0;
            for (std::size_t i = 0; i < flow.items.size(); ++i) {
                const QRect placed = flow.items[i]->geometry();
                QVERIFY2(placed.left() >= 0 && placed.right() < width, qPrintable(QStringLiteral("width %1").arg(width)));
                bottom = std::max(bottom, placed.bottom() + 1);
                for (std::size_t j = 0; j < i; ++j)
                    QVERIFY2(!placed.intersects(flow.items[j]->geometry()), qPrintable(QStringLiteral("width %1").arg(width)));
            }
            QVERIFY(bottom <= flow.layout->heightForWidth(width));
        }
    }

    void hiddenItemsTakeNoRoom()
    {
        Flow flow({{100, 20}, {60, 30}, {80, 20}});
        flow.items[1]->hide();
        QCOMPARE(flow.layout->sizeHint(), QSize(100 + kGap + 80, 20));
        flow.layOut(100 + kGap + 80);
        QCOMPARE(flow.items[2]->geometry().topLeft(), QPoint(110, 0));
    }

    void topAlignmentKeepsCaptionsInLine()
    {
        Flow flow({{100, 40}, {60, 30}}, Qt::AlignTop);
        flow.layOut(400);
        QCOMPARE(flow.items[0]->geometry().top(), 0);
        QCOMPARE(flow.items[1]->geometry().top(), 0);
    }
};

int runFlowLayoutTests(int argc, char** argv)
{
    FlowLayoutTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_flow_layout.moc"
