// Offscreen smoke test of the main window shell: it builds, has its menus, remembers geometry.
#include "ui/main_window.h"

#include <QAction>
#include <QMenuBar>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using aegis::ui::MainWindow;
using aegis::ui::WorkstationContext;

class MainWindowTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    WorkstationContext context() const
    {
        return {dir_.path(), dir_.filePath(QStringLiteral("settings.ini")), true};
    }

private Q_SLOTS:
    void buildsWithMenusAndStatusBar()
    {
        MainWindow window(context());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QStringList menus;
        for (QAction* action : window.menuBar()->actions())
            menus << action->text().remove(QLatin1Char('&'));
        QCOMPARE(menus, (QStringList{QStringLiteral("File"), QStringLiteral("Models"), QStringLiteral("Help")}));
        QVERIFY(window.exportAction() != nullptr);
        QVERIFY(window.retrainAction() != nullptr);
        QVERIFY(window.statusBar()->isVisible());
        QVERIFY(window.windowTitle().contains(QStringLiteral("DEMO")));
    }

    void remembersGeometry()
    {
        {
            MainWindow window(context());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1000, 700);
            window.close();
        }
        MainWindow reopened(context());
        QCOMPARE(reopened.size(), QSize(1000, 700));
    }
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
