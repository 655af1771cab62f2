#include "app/cli/terminal_progress.h"

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace aegis::cli {

namespace {

// Ctrl+C asks the running stage to stop at its next check instead of killing the process mid-write;
// a second Ctrl+C terminates as usual.
engines::CancellationToken& interruptToken()
{
    static engines::CancellationToken token;
    return token;
}

extern "C" void onInterrupt(int)
{
    interruptToken().cancel();
    std::signal(SIGINT, SIG_DFL);
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
    std::signal(SIGINT, onInterrupt);
}

TerminalProgress::~TerminalProgress()
{
    if (terminal_ && lastPercent_ >= 0)
        std::fputs("\n", stderr);
    std::signal(SIGINT, SIG_DFL);
}

engines::RunControl TerminalProgress::control()
{
    return engines::RunControl(interruptToken(), [this](double fraction, const QString& message) { show(fraction, message); });
}

void TerminalProgress::show(double fraction, const QString& message)
{
    const int percent = int(fraction * 100.0);
    const QString stage = stageOf(message);
    if (terminal_) {
        const QString line = QStringLiteral("\r[%1%] %2").arg(percent, 3).arg(message.left(90));
        std::fprintf(stderr, "%s\033[K", line.toLocal8Bit().constData());
        std::fflush(stderr);
    } else if (stage != lastStage_ || percent / 10 != lastPercent_ / 10) {
        std::fprintf(stderr, "[%3d%%] %s\n", percent, message.toLocal8Bit().constData());
    }
    lastPercent_ = percent;
    lastStage_ = stage;
}

}  // namespace aegis::cli
