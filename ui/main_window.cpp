#include "ui/main_window.h"

#include "aegis/version.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace aegis::ui {

namespace {
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
}  // namespace

MainWindow::MainWindow(WorkstationContext context, QWidget* parent)
    : QMainWindow(parent)
    , context_(std::move(context))
    , settings_(new QSettings(context_.settingsFile, QSettings::IniFormat, this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(context_.demo ? QStringLiteral("%1 — DEMO DATA").arg(QString::fromLatin1(kAppName))
                                 : QString::fromLatin1(kAppName));
    setWindowIcon(QIcon(QStringLiteral(":/icons/aegismatrix.svg")));
    createMenus();
    createStatusBar();
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    exportAction_ = fileMenu->addAction(tr("&Export JSON…"));
    exportAction_->setObjectName(QStringLiteral("exportAction"));
    exportAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    // Enabled once the engines can produce a report (the engines issue); until then it says why.
    exportAction_->setEnabled(false);
    exportAction_->setToolTip(tr("No trained models yet: train first (Models ▸ Retrain)."));
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu* modelsMenu = menuBar()->addMenu(tr("&Models"));
    retrainAction_ = modelsMenu->addAction(tr("&Retrain"));
    retrainAction_->setObjectName(QStringLiteral("retrainAction"));
    retrainAction_->setEnabled(false);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About"), this, &MainWindow::showAbout);
}

void MainWindow::createStatusBar()
{
    sourceBadge_ = new QLabel(this);
    sourceBadge_->setObjectName(QStringLiteral("sourceBadge"));
    if (context_.demo) {
        sourceBadge_->setText(tr(" DEMO DATA — synthetic market, not real prices "));
        sourceBadge_->setStyleSheet(QStringLiteral("QLabel { background: #ff00aa; color: white; font-weight: bold; }"));
    }
    statusBar()->addPermanentWidget(sourceBadge_);
    statusBar()->showMessage(tr("Data directory: %1").arg(context_.dataDirectory));
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(settings_->value(kGeometryKey).toByteArray()))
        resize(1400, 900);
    restoreState(settings_->value(kStateKey).toByteArray());
}

void MainWindow::saveWindowState()
{
    settings_->setValue(kGeometryKey, saveGeometry());
    settings_->setValue(kStateKey, saveState());
    settings_->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    event->accept();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About %1").arg(QString::fromLatin1(kAppName)),
                       tr("<h3>%1 %2</h3><p>Analytics workstation for Indian-market traders.</p>"
                          "<p>Every probability shown is calibrated and comes with its walk-forward track "
                          "record; where a model has no demonstrated edge, the workstation says so.</p>"
                          "<p>Data directory: %3</p>")
                           .arg(QString::fromLatin1(kAppName), QString::fromLatin1(kAppVersion), context_.dataDirectory));
}

}  // namespace aegis::ui
