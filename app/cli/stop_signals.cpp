#include "app/cli/stop_signals.h"

#include "data/providers/cancellation.h"

#include <atomic>
#include <csignal>

namespace aegis::cli {

namespace {

int installedDepth = 0;  // nested owners (a progress display inside a scheduled run) share one installation
std::atomic<data::CancellationToken*> providerTokenToCancel{nullptr};  // lock-free, so the handler may read it
static_assert(std::atomic<data::CancellationToken*>::is_always_lock_free);

extern "C" void onStopSignal(int)
{
    StopSignals::token().cancel();
    if (data::CancellationToken* providerToken = providerTokenToCancel.load())
        providerToken->cancel();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

}  // namespace

const engines::CancellationToken& StopSignals::token()
{
    static const engines::CancellationToken stopToken;
    return stopToken;
}

StopSignals::StopSignals()
{
    token();  // constructed here, never inside the handler
    if (installedDepth++ == 0) {
        std::signal(SIGINT, onStopSignal);
        std::signal(SIGTERM, onStopSignal);
    }
}

StopSignals::~StopSignals()
{
    if (--installedDepth == 0) {
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
    }
}

StopSignals::AlsoCancelling::AlsoCancelling(data::CancellationToken& providerToken)
{
    providerTokenToCancel = &providerToken;
    if (token().isCancelled())  // a signal that came before this guard
        providerToken.cancel();
}

StopSignals::AlsoCancelling::~AlsoCancelling()
{
    providerTokenToCancel = nullptr;
}

}  // namespace aegis::cli
