// The desktop window as a trader meets it, driven through the real MainWindow (offscreen platform):
//   * cold start: from the process's start (as the kernel records it, so loading the libraries counts)
//     to the panels painted with the first predictions (the last ticker shown, inferred first);
//     target 1.5 s. `universe_painted_seconds`: until the whole universe's predictions are in.
//   * ticker switch: showTicker() plus a synchronous repaint;     target 50 ms (the slowest switch)
//   * event-loop stall while a retrain runs on the worker thread: the longest gap between the ticks
//     of a 5 ms timer, from the retrain's start until the new generation is painted;  target 100 ms.
// Prints one JSON line.
//
// Usage: gui_bench --data-dir DIR [--switches N] [--no-retrain] [--compute-threads N]
//   DIR holds a store and a trained model generation (retrain_bench --data-dir DIR, or
//   `aegis --data-dir DIR demo && aegis --data-dir DIR train`). The retrain writes a new generation there.

#include "bench/bench_support.h"

#include "app/common/compute_setup.h"
#include "ui/settings/workstation_settings.h"
#include "ui/theme/theme.h"
#include "ui/window/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace aegis;

namespace {

// Seconds since the kernel started this process (before the dynamic loader ran).
double secondsSinceProcessStart()
{
    std::ifstream statFile("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(statFile)), std::istreambuf_iterator<char>());
    // Field 22 (starttime, clock ticks after boot); fields are counted after the ")" ending the name.
    std::size_t position = stat.rfind(')');
    for (int field = 2; field < 22 && position != std::string::npos; ++field)
        position = stat.find(' ', position + 1);
    const double startTicks = position == std::string::npos ? 0.0 : std::atof(stat.c_str() + position + 1);
    double uptime = 0.0;
    std::ifstream("/proc/uptime") >> uptime;
    return uptime - startTicks / double(sysconf(_SC_CLK_TCK));
}

// Runs the event loop until `done` is true or `timeoutMs` passes; false on timeout.
template <typename Condition>
bool waitUntil(const Condition& done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(p * double(values.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv)
{
    // As aegismatrix runs by default: one compute thread, so no OpenMP re-exec (app/common/compute_setup.h).
    const int computeThreads = std::stoi(bench::argumentValue(argc, argv, "--compute-threads", std::to_string(app::kComputeThreads)));
    app::ensurePassiveOpenMpWaiting(argv, computeThreads);
    const double startedBeforeMain = secondsSinceProcessStart();
    QElapsedTimer sinceMain;
    sinceMain.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    const std::string dataDirectory = bench::argumentValue(argc, argv, "--data-dir", "");
    const int switches = std::stoi(bench::argumentValue(argc, argv, "--switches", "40"));
    bool retrain = true;
    for (int i = 1; i < argc; ++i)
        retrain = retrain && std::string(argv[i]) != "--no-retrain";
    if (dataDirectory.empty()) {
        std::fprintf(stderr, "usage: gui_bench --data-dir DIR [--switches N] [--no-retrain] [--compute-threads N]\n");
        return 2;
    }

    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AegisMatrix"));
    QApplication::setApplicationName(QStringLiteral("aegismatrix-gui-bench"));
    app::configureComputeThreads(computeThreads);
    ui::applyTheme(application, ui::WorkstationSettings{}.theme);

    QTemporaryDir settingsDirectory;
    ui::WorkstationContext context;
    context.dataDirectory = QString::fromStdString(dataDirectory);
    context.settingsFile = settingsDirectory.filePath(QStringLiteral("settings.ini"));
    context.demo = true;
    const auto sinceStart = [&] { return startedBeforeMain + double(sinceMain.nsecsElapsed()) / 1e9; };
    // When each stage of the first load began (the worker's progress messages, by first word), to tell
    // where a slow cold start goes.
    std::vector<std::pair<QString, double>> phases{{QStringLiteral("main"), startedBeforeMain}};
    ui::MainWindow window(context);
    phases.emplace_back(QStringLiteral("window_built"), sinceStart());
    QObject::connect(window.workerHost().worker(), &ui::EngineWorker::progressed, &window, [&](double, const QString& message) {
        const QString stage = message.section(QLatin1Char(' '), 0, 0).remove(QLatin1Char(':'));
        if (std::none_of(phases.begin(), phases.end(), [&](const auto& phase) { return phase.first == stage; }))
            phases.emplace_back(stage, sinceStart());
    });
    QString paintedGeneration;
    double universePaintedSeconds = 0.0;
    QObject::connect(&window, &ui::MainWindow::predictionsUpdated, &window, [&](const QString& generation) {
        window.repaint();
        paintedGeneration = generation;
        if (universePaintedSeconds == 0.0 && window.predictionsCoverUniverse())
            universePaintedSeconds = sinceStart();
    });
    window.resize(1600, 1000);
    window.show();

    const double loadAtStart = bench::loadAverageOneMinute();
    if (!waitUntil([&] { return !paintedGeneration.isEmpty(); }, 120000)) {
        std::fprintf(stderr, "gui_bench: no predictions painted within 120 s (are there trained models in %s?)\n", dataDirectory.c_str());
        return 1;
    }
    const double coldStartSeconds = sinceStart();
    std::string phaseJson;
    for (const auto& [name, seconds] : phases) {
        if (!phaseJson.empty())
            phaseJson.push_back(',');
        phaseJson.append(QStringLiteral("\"%1\":%2").arg(name).arg(seconds, 0, 'f', 3).toStdString());
    }
    const double cpuAfterStart = bench::processCpuSeconds();
    const QString firstTicker = window.currentSymbol();
    waitUntil([&] { return !window.workerHost().isBusy(); }, 60000);

    // Ticker switches, spread over the universe.
    const QStringList symbols = window.predictedSymbols();
    std::vector<double> switchMs;
    for (int i = 0; i < switches && !symbols.isEmpty(); ++i) {
        const QString& symbol = symbols[(qsizetype(i) * 37 + 1) % symbols.size()];
        QElapsedTimer timer;
        timer.start();
        window.showTicker(symbol);
        window.repaint();
        switchMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        QCoreApplication::processEvents();
    }

    // Event-loop stall during a retrain.
    double maxGapMs = 0.0, retrainSeconds = 0.0;
    std::vector<double> gapsMs, gapEndsSeconds;  // each gap and when it ended, from the retrain's start
    double maxGapAtSeconds = 0.0;
    if (retrain) {
        const QString before = paintedGeneration;
        QElapsedTimer sinceTick, retrainTimer;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        ticker.setInterval(5);
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            gapsMs.push_back(double(sinceTick.nsecsElapsed()) / 1e6);
            gapEndsSeconds.push_back(double(retrainTimer.nsecsElapsed()) / 1e9);
            sinceTick.restart();
        });
        retrainTimer.start();
        sinceTick.start();
        ticker.start();
        window.startRetrain();
        const bool finished = waitUntil([&] { return paintedGeneration != before; }, 600000);
        ticker.stop();
        retrainSeconds = double(retrainTimer.nsecsElapsed()) / 1e9;
        if (!finished) {
            std::fprintf(stderr, "gui_bench: the retrain did not finish within 600 s\n");
            return 1;
        }
        if (!gapsMs.empty()) {
            const auto longest = std::max_element(gapsMs.begin(), gapsMs.end());
            maxGapMs = *longest;
            maxGapAtSeconds = gapEndsSeconds[std::size_t(longest - gapsMs.begin())];
        }
    }

    const double maxSwitchMs = switchMs.empty() ? 0.0 : *std::max_element(switchMs.begin(), switchMs.end());
    std::printf("{\"bench\":\"gui\",\"platform\":\"%s\",\"compute_threads\":%d,\"tickers\":%lld,\"cold_start_seconds\":%.3f,"
                "\"first_ticker\":\"%s\",\"universe_painted_seconds\":%.3f,\"cold_start_phases\":{%s},\"cold_start_cpu_seconds\":%.3f,\"switches\":%zu,\"switch_median_ms\":%.1f,"
                "\"switch_max_ms\":%.1f,\"retrain\":%s,\"retrain_seconds\":%.1f,\"loop_ticks\":%zu,\"stall_max_ms\":%.1f,\"stall_max_at_seconds\":%.1f,"
                "\"stall_p99_ms\":%.1f,\"gaps_over_50ms\":%lld,\"peak_rss_mb\":%.0f,\"load_average_start\":%.2f,\"load_average_end\":%.2f,"
                "\"budget_cold_start_seconds\":1.5,\"budget_switch_ms\":50,\"budget_stall_ms\":100,"
                "\"within_budget\":{\"cold_start\":%s,\"switch\":%s,\"stall\":%s}}\n",
                qPrintable(QGuiApplication::platformName()), computeThreads, static_cast<long long>(symbols.size()), coldStartSeconds,
                qPrintable(firstTicker), universePaintedSeconds, phaseJson.c_str(), cpuAfterStart, switchMs.size(), percentile(switchMs, 0.5), maxSwitchMs,
                retrain ? "true" : "false", retrainSeconds, gapsMs.size(), maxGapMs, maxGapAtSeconds, percentile(gapsMs, 0.99),
                static_cast<long long>(std::count_if(gapsMs.begin(), gapsMs.end(), [](double gap) { return gap > 50.0; })),
                bench::peakRssMegabytes(), loadAtStart, bench::loadAverageOneMinute(), coldStartSeconds <= 1.5 ? "true" : "false",
                maxSwitchMs <= 50.0 ? "true" : "false", !retrain ? "null" : (maxGapMs <= 100.0 ? "true" : "false"));
    return 0;
}
