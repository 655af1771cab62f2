#include "engines/core/walk_forward_rows.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace aegis::engines {

namespace ev = models::evaluation;

models::xgb::FeatureMatrixF selectRows(const models::xgb::FeatureMatrixF& features, const std::vector<std::size_t>& rows)
{
    models::xgb::FeatureMatrixF out(Eigen::Index(rows.size()), features.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        out.row(Eigen::Index(i)) = features.row(Eigen::Index(rows[i]));
    return out;
}

models::xgb::FeatureMatrixF fitRows(const models::xgb::FeatureMatrixF& features, const std::vector<std::size_t>& rows)
{
    models::xgb::FeatureMatrixF out = selectRows(features, rows);
    if (out.rows() == 0)
        return out;
    for (Eigen::Index column = 0; column < out.cols(); ++column) {
        if ((out.col(column).array() == out(0, column)).all())
            out.col(column).setConstant(std::numeric_limits<float>::quiet_NaN());
    }
    return out;
}

Eigen::VectorXd selectValues(const Eigen::VectorXd& values, const std::vector<std::size_t>& rows)
{
    Eigen::VectorXd out(Eigen::Index(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i)
        out[Eigen::Index(i)] = values[Eigen::Index(rows[i])];
    return out;
}

std::vector<int> classIndices(const Eigen::VectorXd& labels, const std::vector<std::size_t>& rows)
{
    std::vector<int> out;
    out.reserve(rows.size());
    for (std::size_t row : rows)
        out.push_back(int(std::lround(labels[Eigen::Index(row)])));
    return out;
}

std::vector<double> classFrequencies(const Eigen::VectorXd& labels, const std::vector<std::size_t>& rows, int classCount)
{
    std::vector<double> frequencies(std::size_t(classCount), 0.0);
    for (std::size_t row : rows)
        frequencies[std::size_t(std::lround(labels[Eigen::Index(row)]))] += 1.0;
    for (double& f : frequencies)
        f /= double(rows.size());
    return frequencies;
}

Eigen::MatrixXd foldClimatologyRows(const Eigen::VectorXd& labels, const std::vector<models::evaluation::Fold>& folds,
                                    int classCount)
{
    Eigen::Index total = 0;
    for (const models::evaluation::Fold& fold : folds)
        total += Eigen::Index(fold.testRows.size());
    Eigen::MatrixXd climatology(total, classCount);
    Eigen::Index at = 0;
    for (const models::evaluation::Fold& fold : folds) {
        const std::vector<double> frequencies = classFrequencies(labels, fold.trainRows, classCount);
        const Eigen::Index count = Eigen::Index(fold.testRows.size());
        climatology.middleRows(at, count) =
            Eigen::Map<const Eigen::RowVectorXd>(frequencies.data(), classCount).replicate(count, 1);
        at += count;
    }
    return climatology;
}

std::vector<std::int64_t> rowTimes(const PooledRows& rows, const std::vector<std::size_t>& indices)
{
    std::vector<std::int64_t> out;
    out.reserve(indices.size());
    for (std::size_t i : indices)
        out.push_back(rows.time[i]);
    return out;
}

std::vector<int> rowTickers(const PooledRows& rows, const std::vector<std::size_t>& indices)
{
    std::vector<int> out;
    out.reserve(indices.size());
    for (std::size_t i : indices)
        out.push_back(rows.ticker[i]);
    return out;
}

int walkForwardFoldCount(const std::vector<std::int64_t>& times, const WalkForwardSpec& spec)
{
    if (spec.maxTestSessions <= 0 || times.empty())
        return spec.folds;
    const auto [earliest, latest] = std::minmax_element(times.begin(), times.end());
    const double testSessions = (1.0 - spec.initialTrainFraction) * double(*latest - *earliest + 1);
    const int needed = int(std::ceil(testSessions / double(spec.maxTestSessions)));
    return std::clamp(needed, spec.folds, std::max(spec.folds, spec.maxFolds));
}

std::vector<ev::Fold> planWalkForwardFolds(const PooledRows& rows, const WalkForwardSpec& spec)
{
    const ev::PurgeSpec purge{spec.labelHorizon, spec.embargo};
    const ev::WalkForwardConfig config =
        ev::planExpandingWindow(rows.time, walkForwardFoldCount(rows.time, spec), spec.initialTrainFraction, purge);
    std::vector<ev::Fold> folds = spec.tickerGroups >= 2
        ? ev::makeGroupedWalkForwardFolds(rows.time, rows.ticker, config, spec.tickerGroups)
        : ev::makeWalkForwardFolds(rows.time, config);
    if (folds.empty())
        throw std::invalid_argument("too little history for a walk-forward evaluation");
    return folds;
}

}  // namespace aegis::engines
