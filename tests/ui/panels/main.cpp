// Runs the panel, flow layout and picker test classes in one offscreen QApplication.
#include "ui/theme/theme.h"

#include <QApplication>

int runPanelTests(int argc, char** argv);
int runFlowLayoutTests(int argc, char** argv);
int runTickerPickerTests(int argc, char** argv);

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    aegis::ui::applyTheme(app, aegis::ui::Theme::Dark);
    int failures = runPanelTests(argc, argv);
    failures += runFlowLayoutTests(argc, argv);
    failures += runTickerPickerTests(argc, argv);
    return failures;
}
