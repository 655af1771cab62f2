#include "ui/worker/worker_host.h"

#include <QThread>

namespace aegis::ui {

WorkerHost::WorkerHost(WorkerConfig config, QObject* parent)
    : QObject(parent)
    , thread_(new QThread(this))
    , worker_(new EngineWorker(std::move(config)))
{
    qRegisterMetaType<WorkerJob>();
    qRegisterMetaType<GenerationList>();
    qRegisterMetaType<ReportBatch>();
    qRegisterMetaType<TrainingSummary>();
    qRegisterMetaType<RefreshSummary>();
    thread_->setObjectName(threadName());
    worker_->moveToThread(thread_);
    connect(worker_, &EngineWorker::jobFinished, this, [this] {
        running_.reset();
        Q_EMIT busyChanged(false);
    });
    thread_->start();
}

WorkerHost::~WorkerHost()
{
    cancel();
    thread_->quit();
    thread_->wait();
    delete worker_;
}

template <typename Job>
bool WorkerHost::start(WorkerJob kind, Job&& job)
{
    if (running_)
        return false;
    running_ = kind;
    cancellation_ = JobCancellation{};
    Q_EMIT busyChanged(true);
    QMetaObject::invokeMethod(worker_, [worker = worker_, cancellation = cancellation_, job = std::forward<Job>(job)] {
        job(*worker, cancellation);
    }, Qt::QueuedConnection);
    return true;
}

bool WorkerHost::startLoad(const QString& firstSymbol)
{
    return start(WorkerJob::Load, [firstSymbol](EngineWorker& worker, const JobCancellation& cancellation) {
        worker.load(cancellation, firstSymbol);
    });
}

bool WorkerHost::startTrain(bool generateDemoIfEmpty)
{
    return start(WorkerJob::Train, [generateDemoIfEmpty](EngineWorker& worker, const JobCancellation& cancellation) {
        worker.train(cancellation, generateDemoIfEmpty);
    });
}

bool WorkerHost::startRefresh(const RefreshRequest& request)
{
    return start(WorkerJob::Refresh, [request](EngineWorker& worker, const JobCancellation& cancellation) {
        worker.refresh(cancellation, request);
    });
}

bool WorkerHost::startReinfer()
{
    return start(WorkerJob::Reinfer, [](EngineWorker& worker, const JobCancellation& cancellation) { worker.reinfer(cancellation); });
}

bool WorkerHost::startRollback(const QString& generationId)
{
    return start(WorkerJob::Rollback, [generationId](EngineWorker& worker, const JobCancellation&) { worker.rollback(generationId); });
}

void WorkerHost::cancel()
{
    if (running_)
        cancellation_.cancel();
}

}  // namespace aegis::ui
