#include "engines/direction/horizon_moves.h"

#include <cstddef>

namespace aegis::engines {

std::vector<std::optional<double>> nonDecreasingMoves(const std::vector<std::optional<double>>& logMoves)
{
    struct Block {
        double sum = 0.0;
        int count = 0;
        double mean() const { return sum / count; }
    };
    std::vector<Block> blocks;
    for (const std::optional<double>& move : logMoves) {
        if (!move)
            continue;
        blocks.push_back({*move, 1});
        while (blocks.size() > 1 && blocks[blocks.size() - 2].mean() > blocks.back().mean()) {
            const Block last = blocks.back();
            blocks.pop_back();
            blocks.back().sum += last.sum;
            blocks.back().count += last.count;
        }
    }

    std::vector<std::optional<double>> projected(logMoves.size());
    std::size_t block = 0;
    int usedOfBlock = 0;
    for (std::size_t i = 0; i < logMoves.size(); ++i) {
        if (!logMoves[i])
            continue;
        projected[i] = blocks[block].mean();
        if (++usedOfBlock == blocks[block].count) {
            ++block;
            usedOfBlock = 0;
        }
    }
    return projected;
}

}  // namespace aegis::engines
