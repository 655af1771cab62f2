// The terminal's in-place progress line fits the terminal, so '\r' can rewrite it.
#include "app/cli/progress_line.h"

#include <QTest>

using aegis::cli::progressLine;

class ProgressLineTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aLineThatFitsIsShownWhole()
    {
        QCOMPARE(progressLine(42, QStringLiteral("Direction: walk-forward fold 2 of 3"), 80),
                 QStringLiteral("[ 42%] Direction: walk-forward fold 2 of 3"));
        QCOMPARE(progressLine(100, QStringLiteral("done"), 80), QStringLiteral("[100%] done"));
    }

    void aLongStageIsElidedAtItsEndWithinTheWidth()
    {
        const QString twoLanes = QStringLiteral("seller_trap_given_setup: walk-forward fold 1 of 3 · Direction: BiLSTM epoch 2, batch 36 of 59");
        const QString line = progressLine(37, twoLanes, 80);
        QCOMPARE(line.size(), 79);  // the last column stays free
        QVERIFY2(line.startsWith(QStringLiteral("[ 37%] seller_trap_given_setup: walk-forward fold 1 of 3")), qPrintable(line));
        QVERIFY2(line.endsWith(QChar(0x2026)), qPrintable(line));
        QCOMPARE(progressLine(37, twoLanes, 200), QStringLiteral("[ 37%] ") + twoLanes);  // a wide terminal: whole
    }

    void anUnknownWidthIsEightyColumns()
    {
        const QString long100(100, QLatin1Char('x'));
        QCOMPARE(progressLine(5, long100, 0), progressLine(5, long100, aegis::cli::kFallbackTerminalColumns));
        QCOMPARE(progressLine(5, long100, -3).size(), 79);
    }

    void aTinyTerminalKeepsWhatFits()
    {
        QCOMPARE(progressLine(5, QStringLiteral("stage"), 8), QStringLiteral("[  5%] "));
        QCOMPARE(progressLine(5, QStringLiteral("stage"), 9), QStringLiteral("[  5%] \u2026"));
        QCOMPARE(progressLine(5, QStringLiteral("stage"), 4), QStringLiteral("[  "));
    }
};

QTEST_GUILESS_MAIN(ProgressLineTest)
#include "test_cli_progress_line.moc"
