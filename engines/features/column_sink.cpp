#include "engines/features/column_sink.h"

#include <stdexcept>
#include <string>

namespace aegis::engines {

void ColumnSink::requireComplete() const
{
    for (std::size_t c = 0; c < filled_.size(); ++c) {
        if (!filled_[c])
            throw std::logic_error("feature column never computed: " + frame_.schema.columns[c]);
    }
}

}  // namespace aegis::engines
