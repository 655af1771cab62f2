// The `aegismatrix` executable's own options, run as a user would: a window size it cannot use is a
// usage error (exit 2) that names what it wants, before any data directory is opened.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

class GuiOptionsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void anUnusableWindowSizeIsAUsageError_data()
    {
        QTest::addColumn<QString>("size");
        QTest::newRow("no height") << QStringLiteral("1366x");
        QTest::newRow("one number") << QStringLiteral("1366");
        QTest::newRow("not numbers") << QStringLiteral("wide x tall");
        QTest::newRow("three parts") << QStringLiteral("1366x740x2");
        QTest::newRow("too small") << QStringLiteral("100x100");
    }

    void anUnusableWindowSizeIsAUsageError()
    {
        QFETCH(QString, size);
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString dataDir = directory.filePath(QStringLiteral("data"));
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(AEGIS_GUI_PATH),
                      {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--size"), size, QStringLiteral("--screenshot"),
                       directory.filePath(QStringLiteral("shot.png"))});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("--size wants WIDTHxHEIGHT in pixels")), qPrintable(err));
        QVERIFY(!QFileInfo::exists(dataDir));  // stopped before opening anything
    }
};

QTEST_GUILESS_MAIN(GuiOptionsTest)
#include "test_gui_options.moc"
