#include "engines/features/named_frame.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace aegis::engines {

std::string FrameSchema::fingerprint() const
{
    std::uint64_t hash = 14695981039346656037ULL;
    auto mix = [&hash](std::string_view text) {
        for (unsigned char ch : text) {
            hash ^= ch;
            hash *= 1099511628211ULL;
        }
        hash ^= 0x1F;  // unit separator, so {"ab","c"} and {"a","bc"} differ
        hash *= 1099511628211ULL;
    };
    mix(version);
    for (const std::string& column : columns)
        mix(column);
    static const char* digits = "0123456789abcdef";
    std::string text(16, '0');
    for (int i = 15; i >= 0; --i) {
        text[static_cast<std::size_t>(i)] = digits[hash & 0xF];
        hash >>= 4;
    }
    return text;
}

int FrameSchema::indexOf(std::string_view name) const
{
    const auto found = std::find(columns.begin(), columns.end(), name);
    return found == columns.end() ? -1 : static_cast<int>(found - columns.begin());
}

QString toString(DropReason reason)
{
    switch (reason) {
    case DropReason::NotFinal: return QStringLiteral("session not final");
    case DropReason::Placeholder: return QStringLiteral("flat placeholder row (O=H=L=C, volume 0)");
    case DropReason::InvalidPrices: return QStringLiteral("invalid prices");
    case DropReason::OutOfOrder: return QStringLiteral("session out of order or duplicated");
    }
    return {};
}

NamedFrame::NamedFrame(QString symbolName, std::vector<QDate> rowDates, FrameSchema frameSchema)
    : symbol(std::move(symbolName)), dates(std::move(rowDates)), schema(std::move(frameSchema))
{
    values = Eigen::MatrixXd::Zero(rows(), cols());
    missing = MissingMask::Constant(rows(), cols(), true);
}

int NamedFrame::rowOf(QDate date) const
{
    const auto found = std::lower_bound(dates.begin(), dates.end(), date);
    return found != dates.end() && *found == date ? static_cast<int>(found - dates.begin()) : -1;
}

void NamedFrame::setColumn(int col, const std::vector<double>& computed)
{
    if (col < 0 || col >= cols() || static_cast<int>(computed.size()) != rows())
        throw std::logic_error("NamedFrame::setColumn: column or length mismatch");
    for (int row = 0; row < rows(); ++row) {
        const double v = computed[static_cast<std::size_t>(row)];
        // Models read floats: a finite double beyond float range would reach them as inf.
        const bool usable = std::isfinite(v) && std::abs(v) <= double(std::numeric_limits<float>::max());
        values(row, col) = usable ? v : 0.0;
        missing(row, col) = !usable;
    }
}

void NamedFrame::setColumn(std::string_view name, const std::vector<double>& computed)
{
    const int col = schema.indexOf(name);
    if (col < 0)
        throw std::logic_error("NamedFrame::setColumn: unknown column " + std::string(name));
    setColumn(col, computed);
}

std::optional<double> NamedFrame::value(int row, std::string_view name) const
{
    const int col = schema.indexOf(name);
    if (col < 0 || row < 0 || row >= rows() || missing(row, col))
        return std::nullopt;
    return values(row, col);
}

bool NamedFrame::isMissing(int row, std::string_view name) const
{
    return !value(row, name).has_value();
}

NamedFrame NamedFrame::select(const std::vector<std::string>& names, const std::string& version) const
{
    NamedFrame out(symbol, dates, FrameSchema{version, names});
    out.dropped = dropped;
    for (int c = 0; c < out.cols(); ++c) {
        const int source = schema.indexOf(names[static_cast<std::size_t>(c)]);
        if (source < 0)
            throw std::invalid_argument("NamedFrame::select: unknown column " + names[static_cast<std::size_t>(c)]);
        out.values.col(c) = values.col(source);
        out.missing.col(c) = missing.col(source);
    }
    return out;
}

ModelMatrix NamedFrame::toModelMatrix() const
{
    ModelMatrix out;
    out.columns = schema.columns;
    for (const std::string& name : schema.columns)
        out.columns.push_back(name + "_missing");
    out.values.resize(rows(), 2 * cols());
    out.values.leftCols(cols()) = values;
    out.values.rightCols(cols()) = missing.cast<double>().matrix();
    return out;
}

}  // namespace aegis::engines
