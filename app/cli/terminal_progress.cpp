#include "app/cli/terminal_progress.h"

#include "app/cli/progress_line.h"

#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

namespace aegis::cli {

namespace {

// Asked at every line: the user may resize the window while a retrain runs. 0 when unknown.
int terminalColumns()
{
    winsize size{};
    return ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 ? int(size.ws_col) : 0;
}

QString stageOf(const QString& message)
{
    const qsizetype colon = message.indexOf(QLatin1Char(':'));
    return colon < 0 ? message : message.left(colon);
}

}  // namespace

TerminalProgress::TerminalProgress()
    : terminal_(::isatty(STDERR_FILENO) == 1)
{
}

TerminalProgress::~TerminalProgress()
{
    finish();
}

void TerminalProgress::finish()
{
    if (terminal_ && lineOpen_)
        std::fputs("\n", stderr);
    lineOpen_ = false;
}

engines::RunControl TerminalProgress::control()
{
    return engines::RunControl(StopSignals::token(), [this](double fraction, const QString& message) { show(fraction, message); });
}

void TerminalProgress::show(double fraction, const QString& message)
{
    const int percent = int(fraction * 100.0);
    const QString stage = stageOf(message);
    if (terminal_) {
        const QString line = progressLine(percent, message, terminalColumns());
        std::fprintf(stderr, "\r%s\033[K", line.toLocal8Bit().constData());
        std::fflush(stderr);
        lineOpen_ = true;
    } else if (stage != lastStage_ || percent / 10 != lastPercent_ / 10) {
        std::fprintf(stderr, "[%3d%%] %s\n", percent, message.toLocal8Bit().constData());
    }
    lastPercent_ = percent;
    lastStage_ = stage;
}

}  // namespace aegis::cli
