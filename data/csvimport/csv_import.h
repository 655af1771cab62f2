#pragma once

// Imports OHLCV CSV files into the market store. Each file is parsed and validated completely
// (bar_csv_parser.h) and then written in one transaction, so a file imports entirely or not at all;
// a rejected file leaves the store exactly as it was. Bars merge with what is stored (upsert):
// re-importing an older file never deletes newer bars.

#include "data/core/market_types.h"
#include "data/csvimport/bar_csv_parser.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace aegis::data {

class MarketStore;

struct CsvImportOptions {
    QString symbol;   // forces the symbol of every file; empty: from each file's name
    QDateTime nowUtc; // decides whether a bar of today's session is final; now when invalid
};

struct FileImportResult {
    QString file;          // the path as given or found in a folder
    bool imported = false;
    QString error;         // "file:line: reason" (or "file: reason") when rejected
    QString symbol;        // as stored: a former symbol NSE renamed is stored under the current one
    QStringList notes;     // the rename applied, or that the symbol is outside the universe
    Interval interval = Interval::Daily;
    int rowsImported = 0;  // bars written, including kept placeholders and forming bars
    int placeholdersKept = 0;
    int formingBars = 0;
    int offCalendarRows = 0;
    std::vector<SkippedRows> skipped;
    QDate first;           // sessions of the first and last bar written
    QDate last;

    int skippedCount() const;
    // One line for people: what was imported, or why not.
    QString summary() const;
};

FileImportResult importCsvFile(MarketStore& store, const QString& path, const CsvImportOptions& options);

// Called before each file with the files done so far, their total and the file's path: to report
// progress, or to stop (it may throw; the files imported before stay imported, each in its own
// transaction).
using BeforeCsvFile = std::function<void(int done, int total, const QString& path)>;

// Files are imported as given; a folder contributes its *.csv files (not its subfolders), in name
// order. One result per file, in that order; a path that does not exist gives a rejected result.
std::vector<FileImportResult> importCsvPaths(MarketStore& store, const QStringList& paths,
                                             const CsvImportOptions& options, const BeforeCsvFile& beforeFile = {});

}  // namespace aegis::data
