#pragma once

// Progress and cancellation for long runs (training, inference of the universe). The UI thread holds
// the token and cancels; the worker checks it inside its loops and reports progress as a fraction of
// the whole run plus a message naming the stage.

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>

namespace aegis::engines {

class OperationCancelled : public std::runtime_error {
public:
    OperationCancelled() : std::runtime_error("cancelled by the user") {}
};

// Copies share one flag, so the copy the UI keeps cancels the copy the worker checks.
class CancellationToken {
public:
    CancellationToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { flag_->store(true, std::memory_order_relaxed); }
    bool isCancelled() const
    {
        return flag_->load(std::memory_order_relaxed) || (parent_ && parent_->isCancelled());
    }
    // A token that reads as cancelled when this one is, and can be cancelled on its own without
    // cancelling this one: parts of a run that go on at once stop together when one of them fails.
    CancellationToken linked() const
    {
        CancellationToken child;
        child.parent_ = std::make_shared<const CancellationToken>(*this);
        return child;
    }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
    std::shared_ptr<const CancellationToken> parent_;
};

using ProgressFunction = std::function<void(double fraction, const QString& message)>;

class RunControl {
public:
    RunControl() = default;
    RunControl(CancellationToken token, ProgressFunction progress);

    bool isCancelled() const { return token_.isCancelled(); }
    void throwIfCancelled() const;  // throws OperationCancelled
    const CancellationToken& token() const { return token_; }

    // `fraction` of this control's own span, clamped to [0, 1]; reported as a fraction of the run.
    void report(double fraction, const QString& message) const;

    // A control whose 0..1 maps onto [from, to] of this one: a stage reports its own progress without
    // knowing where it sits in the run.
    RunControl stage(double from, double to) const;

private:
    CancellationToken token_;
    ProgressFunction progress_;
    double begin_ = 0.0;
    double end_ = 1.0;
};

}  // namespace aegis::engines
