#pragma once

// A table of per-session values with named columns and an explicit missing mask. Features and labels
// both use it, so pooled training code handles them the same way.
//
// Missing values are stored as 0.0 in `values` with `missing(row, col) == true`: `values` is always
// finite. NaN and inf never appear in a frame; `toModelMatrix()` turns the mask into explicit
// `<name>_missing` 0/1 columns for a model boundary.

#include <Eigen/Core>

#include <QDate>
#include <QString>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aegis::engines {

using MissingMask = Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>;

// The identity of a column set: what a stored model was trained on.
struct FrameSchema {
    std::string version;               // e.g. "aegis.features.daily/1"
    std::vector<std::string> columns;

    // FNV-1a 64 of the version and the column names in order, as 16 lowercase hex digits.
    std::string fingerprint() const;
    int indexOf(std::string_view name) const;  // -1 when absent
};

// Why an input bar did not become a row.
enum class DropReason { NotFinal, Placeholder, InvalidPrices, OutOfOrder };
QString toString(DropReason reason);

struct DroppedBar {
    QDate session;
    DropReason reason = DropReason::InvalidPrices;
};

// Finite values plus one 0/1 flag column per input column, named `<name>_missing`.
struct ModelMatrix {
    std::vector<std::string> columns;
    Eigen::MatrixXd values;
};

struct NamedFrame {
    QString symbol;
    std::vector<QDate> dates;          // one per row, ascending
    FrameSchema schema;
    Eigen::MatrixXd values;            // rows = sessions, columns = schema.columns; 0 where missing
    MissingMask missing;
    std::vector<DroppedBar> dropped;   // input bars that were not used, with the reason

    NamedFrame() = default;
    NamedFrame(QString symbol, std::vector<QDate> dates, FrameSchema schema);

    int rows() const { return static_cast<int>(dates.size()); }
    int cols() const { return static_cast<int>(schema.columns.size()); }
    int rowOf(QDate date) const;       // -1 when the date is not a row

    // Stores a computed column: non-finite entries become missing (value 0).
    void setColumn(int col, const std::vector<double>& computed);
    void setColumn(std::string_view name, const std::vector<double>& computed);

    std::optional<double> value(int row, std::string_view name) const;  // nothing when missing
    bool isMissing(int row, std::string_view name) const;

    // The named columns in the given order, under a new schema version. Throws std::invalid_argument
    // for an unknown name.
    NamedFrame select(const std::vector<std::string>& names, const std::string& version) const;
    ModelMatrix toModelMatrix() const;
};

}  // namespace aegis::engines
