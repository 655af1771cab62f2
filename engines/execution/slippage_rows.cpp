#include "engines/execution/slippage_rows.h"

#include "engines/labels/label_table.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>

namespace aegis::engines {

namespace {

constexpr int kOrderSizeCount = int(std::size(kOrderSizesInr));

void writeParticipation(const NamedFrame& execution, int row, double orderValueInr, float* valueOut, float* missingOut)
{
    const std::optional<double> participation = orderParticipationLn(execution, row, orderValueInr);
    *valueOut = participation ? float(*participation) : 0.0f;
    *missingOut = participation ? 0.0f : 1.0f;
}

}  // namespace

std::optional<double> orderParticipationLn(const NamedFrame& execution, int row, double orderValueInr)
{
    const std::optional<double> advLn = execution.value(row, "adv_ln_20");
    if (!advLn || !(orderValueInr > 0.0))
        return std::nullopt;
    const double participation = std::log(orderValueInr) - *advLn;
    return std::isfinite(participation) ? std::optional(participation) : std::nullopt;
}

SlippageRows slippageRows(const UniverseData& universe, const PooledRows& base)
{
    SlippageRows out;
    out.rows.columns = base.columns;
    out.rows.columns.push_back(kParticipationColumn);
    out.rows.columns.push_back(std::string(kParticipationColumn) + "_missing");
    out.rows.ticker = base.ticker;
    out.rows.row = base.row;
    out.rows.time = base.time;
    const Eigen::Index baseColumns = base.features.cols();
    out.rows.features.resize(base.features.rows(), baseColumns + 2);
    out.rows.features.leftCols(baseColumns) = base.features;
    out.targets.resize(Eigen::Index(base.size()));
    out.orderSize.resize(base.size());

    std::vector<std::string> labelNames;
    for (double size : kOrderSizesInr)
        labelNames.push_back(execCostName(size));
    for (std::size_t i = 0; i < base.size(); ++i) {
        const TickerData& ticker = universe.tickers[std::size_t(base.ticker[i])];
        const int size = (base.ticker[i] + base.row[i]) % kOrderSizeCount;
        const std::optional<double> cost = ticker.labels.value(base.row[i], labelNames[std::size_t(size)]);
        if (!cost || !std::isfinite(*cost))
            throw std::invalid_argument("slippage rows: " + ticker.ticker.symbol.toStdString() + " row "
                                        + std::to_string(base.row[i]) + " has no " + labelNames[std::size_t(size)]);
        out.orderSize[i] = size;
        out.targets[Eigen::Index(i)] = costTarget(*cost);
        float* inputs = out.rows.features.row(Eigen::Index(i)).data();
        writeParticipation(ticker.execution, base.row[i], kOrderSizesInr[size], inputs + baseColumns, inputs + baseColumns + 1);
    }
    return out;
}

models::xgb::FeatureMatrixF slippageInputs(const NamedFrame& execution, int row, std::span<const double> orderValuesInr)
{
    const models::xgb::FeatureMatrixF features = modelRows(execution, {row});
    models::xgb::FeatureMatrixF out(Eigen::Index(orderValuesInr.size()), features.cols() + 2);
    for (std::size_t s = 0; s < orderValuesInr.size(); ++s) {
        out.row(Eigen::Index(s)).head(features.cols()) = features.row(0);
        float* inputs = out.row(Eigen::Index(s)).data();
        writeParticipation(execution, row, orderValuesInr[s], inputs + features.cols(), inputs + features.cols() + 1);
    }
    return out;
}

double costTarget(double costBps)
{
    return std::log1p(std::max(0.0, costBps));
}

double costFromTarget(double target)
{
    return std::max(0.0, std::expm1(target));
}

void makeMonotoneInOrderSize(std::vector<report::Slippage>& rows)
{
    std::optional<double> q50Floor, q90Floor;
    for (report::Slippage& row : rows) {
        if (row.q50Bps && q50Floor)
            row.q50Bps = std::max(*row.q50Bps, *q50Floor);
        if (row.q90Bps && q90Floor)
            row.q90Bps = std::max(*row.q90Bps, *q90Floor);
        if (row.q50Bps && row.q90Bps)
            row.q90Bps = std::max(*row.q90Bps, *row.q50Bps);
        if (row.q50Bps)
            q50Floor = row.q50Bps;
        if (row.q90Bps)
            q90Floor = row.q90Bps;
    }
}

}  // namespace aegis::engines
