#pragma once

// The pooled training rows of the global models: every (ticker, session) of the universe stacked into
// one matrix of finite model inputs (feature values, then one `<name>_missing` 0/1 flag per feature),
// with the ticker and the walk-forward time of each row. One model serves NIFTY and an illiquid
// small-cap alike because the features are scale-free.

#include "engines/core/universe_data.h"

#include "models/xgb/matrix.h"

#include <Eigen/Core>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace aegis::engines {

enum class FeatureSet { Daily, Execution };

const NamedFrame& frameOf(const TickerData& ticker, FeatureSet set);

struct PoolOptions {
    FeatureSet featureSet = FeatureSet::Daily;
    int warmupRows = 60;                       // each ticker's first rows: most features still warming up
    std::vector<std::string> requiredLabels;   // rows missing any of these labels are left out
    std::size_t maxRows = 0;                   // 0: every row; else an even seeded sample over all rows
    std::uint64_t seed = 1;
    std::function<bool(const TickerData&)> includeTicker;  // empty: every ticker
};

struct PooledRows {
    std::vector<std::string> columns;          // model columns: features, then their missing flags
    models::xgb::FeatureMatrixF features;      // rows x columns, finite
    std::vector<int> ticker;                   // index into UniverseData::tickers
    std::vector<int> row;                      // row in that ticker's frames
    std::vector<std::int64_t> time;            // session index over the universe (0 = first session)

    std::size_t size() const { return ticker.size(); }
    // The label of every row (NaN when missing — only possible for labels not in requiredLabels).
    Eigen::VectorXd label(const UniverseData& universe, std::string_view name) const;
    PooledRows subset(const std::vector<std::size_t>& rows) const;
    // The same rows with the named features and their missing flags set to 0: a booster fitted on
    // them has no split on those inputs, so what it predicts never depends on them. Throws
    // std::invalid_argument for a name that is not a column.
    PooledRows withInputsHeldConstant(const std::vector<std::string>& features) const;
    // The same rows without the named features and their missing flags, for a model that must not see
    // them at all; its prediction rows go through withoutInputs() below. Left out rather than held at
    // 0: a held column still changes which columns each tree samples. Throws std::invalid_argument for
    // a name that is not a column.
    PooledRows withoutInputs(const std::vector<std::string>& features) const;
};

// `inputs`, laid out in `columns`, without the named features and their missing flags.
models::xgb::FeatureMatrixF withoutInputs(const models::xgb::FeatureMatrixF& inputs, const std::vector<std::string>& columns,
                                          const std::vector<std::string>& features);

// What the models of a move's sign (the direction boosters, the spike's side) leave out: the session's
// day of the year and the stocks' breakout shares (kDayOfYearFeature, kStockBreakoutShare*Feature in
// feature_table.h).
const std::vector<std::string>& inputsSignModelsLeaveOut();

PooledRows poolRows(const UniverseData& universe, const PoolOptions& options);

// A row poolRows() considers before sampling: past the warm-up, with every required label; tickers in
// order, rows ascending. `time` as PooledRows::time.
struct PoolCandidate {
    int ticker;
    int row;
    std::int64_t time;
};
std::vector<PoolCandidate> poolCandidates(const UniverseData& universe, const PoolOptions& options);

// Sessions of the universe, ascending. Walk-forward time counts sessions over the whole universe, so
// a purge of h sessions means the same calendar span for every ticker: a row's time is its date's
// index here.
std::vector<QDate> universeSessions(const UniverseData& universe);
std::int64_t sessionIndex(const std::vector<QDate>& sessions, QDate date);

// The model columns of a frame schema, in the order poolRows() and modelRows() lay them out.
std::vector<std::string> modelColumns(const FrameSchema& schema);

// Model inputs for chosen rows of one frame, laid out like poolRows().
models::xgb::FeatureMatrixF modelRows(const NamedFrame& frame, const std::vector<int>& rows);

}  // namespace aegis::engines
