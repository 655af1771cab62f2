#include "engines/core/run_control.h"

#include <algorithm>

namespace aegis::engines {

RunControl::RunControl(CancellationToken token, ProgressFunction progress)
    : token_(std::move(token))
    , progress_(std::move(progress))
{
}

void RunControl::throwIfCancelled() const
{
    if (token_.isCancelled())
        throw OperationCancelled();
}

void RunControl::report(double fraction, const QString& message) const
{
    if (progress_)
        progress_(begin_ + (end_ - begin_) * std::clamp(fraction, 0.0, 1.0), message);
}

RunControl RunControl::stage(double from, double to) const
{
    RunControl child = *this;
    child.begin_ = begin_ + (end_ - begin_) * std::clamp(from, 0.0, 1.0);
    child.end_ = begin_ + (end_ - begin_) * std::clamp(to, 0.0, 1.0);
    return child;
}

}  // namespace aegis::engines
