#pragma once

// Collects computed columns into a frame by name and proves, at the end, that every column the
// frame's schema lists was computed: the schema table and the code cannot drift apart silently.

#include "engines/features/named_frame.h"
#include "engines/features/rolling.h"

#include <string_view>
#include <vector>

namespace aegis::engines {

class ColumnSink {
public:
    explicit ColumnSink(NamedFrame& frame) : frame_(frame), filled_(static_cast<std::size_t>(frame.cols()), false) {}

    bool wants(std::string_view name) const { return frame_.schema.indexOf(name) >= 0; }
    // Columns the frame does not list are ignored (a subset schema asks for fewer).
    void put(std::string_view name, const Column& column)
    {
        const int col = frame_.schema.indexOf(name);
        if (col < 0)
            return;
        frame_.setColumn(col, column);
        filled_[static_cast<std::size_t>(col)] = true;
    }
    // Throws std::logic_error naming the first schema column nobody computed.
    void requireComplete() const;

private:
    NamedFrame& frame_;
    std::vector<bool> filled_;
};

}  // namespace aegis::engines
