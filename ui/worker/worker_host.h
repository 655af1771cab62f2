#pragma once

// The GUI thread's handle on the engine worker: starts the "aegis-worker" thread, queues one job at a
// time onto it, and cancels the running one. Connect to worker()'s signals: they arrive queued on the
// GUI thread.

#include "ui/worker/engine_worker.h"

#include <QObject>

#include <optional>

class QThread;

namespace aegis::ui {

class WorkerHost : public QObject {
    Q_OBJECT
public:
    static QString threadName() { return QStringLiteral("aegis-worker"); }

    explicit WorkerHost(WorkerConfig config, QObject* parent = nullptr);
    // Cancels the running job and waits for the thread to finish it.
    ~WorkerHost() override;

    EngineWorker* worker() const { return worker_; }
    QThread* thread() const { return thread_; }
    bool isBusy() const { return running_.has_value(); }
    std::optional<WorkerJob> runningJob() const { return running_; }

    // Each returns false, doing nothing, while another job runs.
    // `firstSymbol`: the ticker to infer and publish before the rest of the universe (EngineWorker::load).
    bool startLoad(const QString& firstSymbol = {});
    bool startTrain(bool generateDemoIfEmpty);
    bool startRefresh(const RefreshRequest& request);
    bool startReinfer();
    bool startRollback(const QString& generationId);

    // Asks the running job to stop; it reports jobCancelled when it has.
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    template <typename Job>
    bool start(WorkerJob kind, Job&& job);

    QThread* thread_ = nullptr;
    EngineWorker* worker_ = nullptr;
    std::optional<WorkerJob> running_;
    JobCancellation cancellation_;
};

}  // namespace aegis::ui
