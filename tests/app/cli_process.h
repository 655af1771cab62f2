#pragma once

// Runs the `aegis` executable under test (AEGIS_CLI_PATH, defined per test target) as a user would,
// and keeps what it printed.
#include <QProcess>
#include <QString>
#include <QStringList>

namespace aegis::testing {

struct CliResult {
    int exitCode = -1;  // -1: it crashed, or did not finish in time and was killed
    QString out;
    QString err;
};

inline CliResult runCli(const QStringList& arguments, int timeoutMs = 60000)
{
    QProcess process;
    process.start(QStringLiteral(AEGIS_CLI_PATH), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

}  // namespace aegis::testing
