#pragma once

#include <QMainWindow>
#include <QString>

class QAction;
class QLabel;
class QSettings;

namespace aegis::ui {

// Where the window keeps its state and finds its data.
struct WorkstationContext {
    QString dataDirectory;
    QString settingsFile;  // INI file; tests point it into a temporary directory
    bool demo = true;      // running on the built-in synthetic DEMO market
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(WorkstationContext context, QWidget* parent = nullptr);
    ~MainWindow() override;

    QAction* exportAction() const { return exportAction_; }
    QAction* retrainAction() const { return retrainAction_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createStatusBar();
    void restoreWindowState();
    void saveWindowState();
    void showAbout();

    WorkstationContext context_;
    QSettings* settings_ = nullptr;
    QAction* exportAction_ = nullptr;
    QAction* retrainAction_ = nullptr;
    QLabel* sourceBadge_ = nullptr;
};

}  // namespace aegis::ui
