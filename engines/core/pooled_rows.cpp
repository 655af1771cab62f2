#include "engines/core/pooled_rows.h"

#include "engines/features/feature_table.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace aegis::engines {

namespace {

void writeModelRow(const NamedFrame& frame, int row, float* out)
{
    const int cols = frame.cols();
    for (int c = 0; c < cols; ++c) {
        const bool missing = frame.missing(row, c);
        out[c] = missing ? 0.0f : static_cast<float>(frame.values(row, c));
        out[cols + c] = missing ? 1.0f : 0.0f;
    }
}

// A seeded sample of `count` indices out of [0, n), ascending. std::mt19937_64's output sequence is
// fixed by the standard, and the index mapping below uses no library distribution, so the sample is the
// same on every platform.
std::vector<std::size_t> evenSample(std::size_t n, std::size_t count, std::uint64_t seed)
{
    std::vector<std::size_t> indices(n);
    for (std::size_t i = 0; i < n; ++i)
        indices[i] = i;
    std::mt19937_64 random(seed);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t j = i + std::size_t(random() % (n - i));
        std::swap(indices[i], indices[j]);
    }
    indices.resize(count);
    std::sort(indices.begin(), indices.end());
    return indices;
}

// Which of `columns` are the named features or their missing flags.
std::vector<bool> columnsOf(const std::vector<std::string>& columns, const std::vector<std::string>& features)
{
    std::vector<bool> chosen(columns.size(), false);
    for (const std::string& name : features) {
        for (const std::string& column : {name, name + "_missing"}) {
            const auto found = std::find(columns.begin(), columns.end(), column);
            if (found == columns.end())
                throw std::invalid_argument("no model column " + column);
            chosen[std::size_t(found - columns.begin())] = true;
        }
    }
    return chosen;
}

// The indices of `columns` that are neither the named features nor their missing flags, in order.
std::vector<std::size_t> columnsKept(const std::vector<std::string>& columns, const std::vector<std::string>& features)
{
    const std::vector<bool> dropped = columnsOf(columns, features);
    std::vector<std::size_t> kept;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (!dropped[c])
            kept.push_back(c);
    }
    return kept;
}

models::xgb::FeatureMatrixF selectColumns(const models::xgb::FeatureMatrixF& features, const std::vector<std::size_t>& kept)
{
    models::xgb::FeatureMatrixF out(features.rows(), Eigen::Index(kept.size()));
    for (std::size_t c = 0; c < kept.size(); ++c)
        out.col(Eigen::Index(c)) = features.col(Eigen::Index(kept[c]));
    return out;
}

}  // namespace

const NamedFrame& frameOf(const TickerData& ticker, FeatureSet set)
{
    return set == FeatureSet::Daily ? ticker.features : ticker.execution;
}

std::vector<std::string> modelColumns(const FrameSchema& schema)
{
    std::vector<std::string> columns = schema.columns;
    for (const std::string& name : schema.columns)
        columns.push_back(name + "_missing");
    return columns;
}

models::xgb::FeatureMatrixF modelRows(const NamedFrame& frame, const std::vector<int>& rows)
{
    models::xgb::FeatureMatrixF out(Eigen::Index(rows.size()), 2 * frame.cols());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] < 0 || rows[i] >= frame.rows())
            throw std::out_of_range("model row " + std::to_string(rows[i]) + " outside the frame of " + frame.symbol.toStdString());
        writeModelRow(frame, rows[i], out.row(Eigen::Index(i)).data());
    }
    return out;
}

Eigen::VectorXd PooledRows::label(const UniverseData& universe, std::string_view name) const
{
    Eigen::VectorXd values(static_cast<Eigen::Index>(size()));
    for (std::size_t i = 0; i < size(); ++i) {
        const LabelFrame& labels = universe.tickers[std::size_t(ticker[i])].labels;
        const std::optional<double> value = labels.value(row[i], name);
        values[Eigen::Index(i)] = value ? *value : std::numeric_limits<double>::quiet_NaN();
    }
    return values;
}

PooledRows PooledRows::subset(const std::vector<std::size_t>& rows) const
{
    PooledRows out;
    out.columns = columns;
    out.features.resize(Eigen::Index(rows.size()), features.cols());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        out.features.row(Eigen::Index(i)) = features.row(Eigen::Index(rows[i]));
        out.ticker.push_back(ticker[rows[i]]);
        out.row.push_back(row[rows[i]]);
        out.time.push_back(time[rows[i]]);
    }
    return out;
}

PooledRows PooledRows::withInputsHeldConstant(const std::vector<std::string>& names) const
{
    PooledRows out = *this;
    const std::vector<bool> held = columnsOf(columns, names);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (held[c])
            out.features.col(Eigen::Index(c)).setZero();
    }
    return out;
}

PooledRows PooledRows::withoutInputs(const std::vector<std::string>& names) const
{
    PooledRows out;
    const std::vector<std::size_t> kept = columnsKept(columns, names);
    for (std::size_t c : kept)
        out.columns.push_back(columns[c]);
    out.features = selectColumns(features, kept);
    out.ticker = ticker;
    out.row = row;
    out.time = time;
    return out;
}

models::xgb::FeatureMatrixF withoutInputs(const models::xgb::FeatureMatrixF& inputs, const std::vector<std::string>& columns,
                                          const std::vector<std::string>& features)
{
    if (std::size_t(inputs.cols()) != columns.size())
        throw std::invalid_argument("inputs have " + std::to_string(inputs.cols()) + " columns, their layout names "
                                    + std::to_string(columns.size()));
    return selectColumns(inputs, columnsKept(columns, features));
}

const std::vector<std::string>& inputsSignModelsLeaveOut()
{
    static const std::vector<std::string> features{std::string(kDayOfYearFeature), std::string(kStockBreakoutShareFeature),
                                                   std::string(kStockBreakoutShareAverageFeature)};
    return features;
}

std::vector<QDate> universeSessions(const UniverseData& universe)
{
    std::vector<QDate> sessions;
    for (const TickerData& ticker : universe.tickers)
        sessions.insert(sessions.end(), ticker.features.dates.begin(), ticker.features.dates.end());
    std::sort(sessions.begin(), sessions.end());
    sessions.erase(std::unique(sessions.begin(), sessions.end()), sessions.end());
    return sessions;
}

std::int64_t sessionIndex(const std::vector<QDate>& sessions, QDate date)
{
    return std::lower_bound(sessions.begin(), sessions.end(), date) - sessions.begin();
}

std::vector<PoolCandidate> poolCandidates(const UniverseData& universe, const PoolOptions& options)
{
    const std::vector<QDate> sessions = universeSessions(universe);
    std::vector<PoolCandidate> candidates;
    for (std::size_t t = 0; t < universe.tickers.size(); ++t) {
        const TickerData& ticker = universe.tickers[t];
        if (options.includeTicker && !options.includeTicker(ticker))
            continue;
        std::vector<int> required;
        for (const std::string& name : options.requiredLabels) {
            const int column = ticker.labels.schema.indexOf(name);
            if (column < 0)
                throw std::invalid_argument("unknown label column: " + name);
            required.push_back(column);
        }
        const NamedFrame& frame = frameOf(ticker, options.featureSet);
        for (int r = options.warmupRows; r < frame.rows(); ++r) {
            const bool labelled = std::all_of(required.begin(), required.end(),
                                              [&](int column) { return !ticker.labels.missing(r, column); });
            if (labelled)
                candidates.push_back({int(t), r, sessionIndex(sessions, frame.dates[std::size_t(r)])});
        }
    }
    return candidates;
}

PooledRows poolRows(const UniverseData& universe, const PoolOptions& options)
{
    const std::vector<PoolCandidate> candidates = poolCandidates(universe, options);
    std::vector<std::size_t> chosen;
    if (options.maxRows > 0 && candidates.size() > options.maxRows) {
        chosen = evenSample(candidates.size(), options.maxRows, options.seed);
    } else {
        chosen.resize(candidates.size());
        for (std::size_t i = 0; i < chosen.size(); ++i)
            chosen[i] = i;
    }

    PooledRows pooled;
    const FrameSchema schema = universe.tickers.empty() ? FrameSchema{} : frameOf(universe.tickers.front(), options.featureSet).schema;
    pooled.columns = modelColumns(schema);
    pooled.features.resize(Eigen::Index(chosen.size()), Eigen::Index(pooled.columns.size()));
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const PoolCandidate& candidate = candidates[chosen[i]];
        const NamedFrame& frame = frameOf(universe.tickers[std::size_t(candidate.ticker)], options.featureSet);
        writeModelRow(frame, candidate.row, pooled.features.row(Eigen::Index(i)).data());
        pooled.ticker.push_back(candidate.ticker);
        pooled.row.push_back(candidate.row);
        pooled.time.push_back(candidate.time);
    }
    return pooled;
}

}  // namespace aegis::engines
