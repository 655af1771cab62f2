#include "engines/direction/direction_sequences.h"

#include "engines/labels/label_table.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace aegis::engines {

namespace {

constexpr double kSessionsPerYear = 252.0;

// Features whose warm-up is at most 25 sessions, so a 60-row window ending at kFirstModelRow is
// complete; levels that drift over the years (prices, VIX level, traded value) are left out.
const std::vector<std::string>& sequenceColumns()
{
    static const std::vector<std::string> columns = {
        "ret_1", "ret_5", "ret_10", "ret_20", "rv_5", "rv_20", "parkinson_vol_20", "atr14_frac", "rsi_14",
        "ema20_dist", "ema20_slope", "macd_frac", "bollinger_pctb_20", "bollinger_width_20", "breakout_high_20",
        "breakout_low_20", "gap_overnight", "volume_z_20", "rs_20", "nifty_ret_1", "nifty_ret_5", "nifty_ret_20",
        "nifty_rv_20", "vix_change_5"};
    return columns;
}

std::vector<int> columnIndices(const NamedFrame& frame)
{
    std::vector<int> indices;
    for (const std::string& name : sequenceColumns()) {
        const int index = frame.schema.indexOf(name);
        if (index < 0)
            throw std::invalid_argument("daily features lack the BiLSTM input " + name);
        indices.push_back(index);
    }
    return indices;
}

models::SequenceSeries seriesOf(const TickerData& ticker, bool withLabels)
{
    const NamedFrame& frame = ticker.features;
    const std::vector<int> columns = columnIndices(frame);
    models::SequenceSeries series;
    series.rows = frame.rows();
    series.features.resize(std::size_t(frame.rows()) * columns.size());
    series.missing.resize(series.features.size());
    for (int r = 0; r < frame.rows(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            // The frame keeps missing values as finite 0; the mask has the scaler put the feature's
            // training mean there instead (market columns are missing whenever NIFTY's file ends
            // before the ticker's).
            const std::size_t at = std::size_t(r) * columns.size() + c;
            series.features[at] = float(frame.values(r, columns[c]));
            series.missing[at] = frame.missing(r, columns[c]) ? 1 : 0;
        }
    }
    if (!withLabels)
        return series;
    const int horizons = int(std::size(kDirectionHorizons));
    series.directions.assign(std::size_t(frame.rows()) * std::size_t(horizons), models::kMissingDirection);
    series.magnitudes.assign(std::size_t(frame.rows()) * std::size_t(horizons), std::numeric_limits<float>::quiet_NaN());
    for (int h = 0; h < horizons; ++h) {
        const std::string name = "direction_" + std::to_string(kDirectionHorizons[h]);
        for (int r = 0; r < frame.rows(); ++r) {
            const std::optional<double> direction = ticker.labels.value(r, name);
            const std::size_t at = std::size_t(r) * std::size_t(horizons) + std::size_t(h);
            if (direction)
                series.directions[at] = std::int8_t(directionClass(*direction));
            const double move = scaledMove(ticker, r, kDirectionHorizons[h]);
            if (std::isfinite(move))
                series.magnitudes[at] = float(move);
        }
    }
    return series;
}

QStringList namesAsQt()
{
    QStringList names;
    for (const std::string& name : sequenceColumns())
        names << QString::fromStdString(name);
    return names;
}

}  // namespace

const QStringList& sequenceFeatureNames()
{
    static const QStringList names = namesAsQt();
    return names;
}

models::SequenceDataset buildSequenceDataset(const UniverseData& universe, bool withLabels)
{
    models::SequenceDataset dataset;
    dataset.featureNames = sequenceFeatureNames();
    dataset.horizonCount = int(std::size(kDirectionHorizons));
    dataset.series.reserve(universe.tickers.size());
    for (const TickerData& ticker : universe.tickers)
        dataset.series.push_back(seriesOf(ticker, withLabels));
    return dataset;
}

models::SequenceDataset buildTickerSequences(const TickerData& ticker)
{
    models::SequenceDataset dataset;
    dataset.featureNames = sequenceFeatureNames();
    dataset.horizonCount = int(std::size(kDirectionHorizons));
    dataset.series.push_back(seriesOf(ticker, false));
    return dataset;
}

double moveScale(const TickerData& ticker, int row, int horizon)
{
    const std::optional<double> rv20 = ticker.features.value(row, "rv_20");
    if (!rv20 || !(*rv20 > 0.0))
        return std::numeric_limits<double>::quiet_NaN();
    return *rv20 / std::sqrt(kSessionsPerYear) * std::sqrt(double(horizon));
}

double scaledMove(const TickerData& ticker, int row, int horizon)
{
    const std::optional<double> move = ticker.labels.value(row, "move_" + std::to_string(horizon));
    const double scale = moveScale(ticker, row, horizon);
    if (!move || !std::isfinite(scale))
        return std::numeric_limits<double>::quiet_NaN();
    return *move / scale;
}

}  // namespace aegis::engines
