#include "app/common/logging.h"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <QtGlobal>

#include <memory>

namespace aegis::app {

namespace {

constexpr std::size_t kLogFileBytes = 5 * 1024 * 1024;
constexpr std::size_t kLogFileCount = 3;

void routeQtMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const std::string text = message.toStdString();
    const char* category = context.category ? context.category : "qt";
    switch (type) {
    case QtDebugMsg: spdlog::debug("[{}] {}", category, text); break;
    case QtInfoMsg: spdlog::info("[{}] {}", category, text); break;
    case QtWarningMsg: spdlog::warn("[{}] {}", category, text); break;
    case QtCriticalMsg: spdlog::error("[{}] {}", category, text); break;
    case QtFatalMsg:
        spdlog::critical("[{}] {}", category, text);
        spdlog::shutdown();
        std::abort();
    }
}

spdlog::level::level_enum consoleLevel(ConsoleLogLevel console)
{
    switch (console) {
    case ConsoleLogLevel::Quiet: return spdlog::level::warn;
    case ConsoleLogLevel::Normal: return spdlog::level::info;
    case ConsoleLogLevel::Verbose: return spdlog::level::debug;
    }
    return spdlog::level::info;
}

}  // namespace

void initialiseLogging(const QString& logDirectory, const QString& baseName, ConsoleLogLevel console)
{
    auto consoleSink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    consoleSink->set_level(consoleLevel(console));
    std::vector<spdlog::sink_ptr> sinks{consoleSink};

    std::string fileError;
    if (!logDirectory.isEmpty()) {
        const std::string logPath = (logDirectory + QLatin1Char('/') + baseName + QStringLiteral(".log")).toStdString();
        try {
            auto fileSink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(logPath, kLogFileBytes, kLogFileCount);
            fileSink->set_level(spdlog::level::debug);
            sinks.push_back(fileSink);
        } catch (const spdlog::spdlog_ex& error) {
            // A read-only or full disk must not stop the app; the console still gets the messages.
            fileError = error.what();
        }
    }

    auto logger = std::make_shared<spdlog::logger>("aegis", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::debug);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(2));
    qInstallMessageHandler(routeQtMessage);
    if (!fileError.empty())
        spdlog::warn("cannot open the log file: {}", fileError);
}

}  // namespace aegis::app
