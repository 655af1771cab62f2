#include "engines/core/run_lanes.h"

#include <QStringList>

#include <algorithm>
#include <exception>
#include <numeric>
#include <stdexcept>
#include <thread>

namespace aegis::engines {

LaneProgress::LaneProgress(RunControl overall, std::vector<double> shares)
    : overall_(std::move(overall))
    , shares_(std::move(shares))
    , fractions_(shares_.size(), 0.0)
    , messages_(shares_.size())
{
    if (shares_.empty() || std::any_of(shares_.begin(), shares_.end(), [](double share) { return !(share >= 0.0); }))
        throw std::invalid_argument("lane progress: no lanes, or a negative share");
    const double total = std::accumulate(shares_.begin(), shares_.end(), 0.0);
    if (!(total > 0.0))
        throw std::invalid_argument("lane progress: the shares add up to 0");
    for (double& share : shares_)
        share /= total;
}

RunControl LaneProgress::lane(std::size_t index, CancellationToken token)
{
    if (index >= shares_.size())
        throw std::out_of_range("lane progress: no such lane");
    return RunControl(std::move(token), [this, index](double fraction, const QString& message) { report(index, fraction, message); });
}

void LaneProgress::report(std::size_t index, double fraction, const QString& message)
{
    const std::lock_guard<std::mutex> lock(mutex_);
    fractions_[index] = std::max(fractions_[index], std::clamp(fraction, 0.0, 1.0));
    if (!message.isEmpty())
        messages_[index] = message;
    double done = 0.0;
    QStringList running;
    for (std::size_t i = 0; i < shares_.size(); ++i) {
        done += shares_[i] * fractions_[i];
        if (fractions_[i] < 1.0 && !messages_[i].isEmpty())
            running << messages_[i];
    }
    overall_.report(done, running.isEmpty() ? message : running.join(QStringLiteral(" · ")));
}

namespace {

bool isCancellation(const std::exception_ptr& error)
{
    try {
        std::rethrow_exception(error);
    } catch (const OperationCancelled&) {
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace

void runInLanes(const std::vector<Lane>& lanes, const RunControl& control)
{
    if (lanes.empty())
        throw std::invalid_argument("run in lanes: no lanes");
    std::vector<double> shares;
    for (const Lane& lane : lanes)
        shares.push_back(lane.share);
    LaneProgress progress(control, shares);
    const CancellationToken token = control.token().linked();
    std::vector<std::exception_ptr> errors(lanes.size());
    const auto run = [&](std::size_t index) {
        try {
            lanes[index].work(progress.lane(index, token));
        } catch (...) {
            errors[index] = std::current_exception();
            token.cancel();
        }
    };
    {
        std::vector<std::jthread> others;
        for (std::size_t index = 1; index < lanes.size(); ++index)
            others.emplace_back(run, index);
        run(0);
    }
    for (const std::exception_ptr& error : errors) {
        if (error && !isCancellation(error))
            std::rethrow_exception(error);
    }
    for (const std::exception_ptr& error : errors) {
        if (error)
            std::rethrow_exception(error);
    }
}

}  // namespace aegis::engines
