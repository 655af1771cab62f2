#include "data/csvimport/file_name_symbols.h"

#include "data/core/symbol.h"

#include <QFileInfo>

namespace aegis::data {

namespace {

struct IndexFileName {
    const char* name;  // upper case, without a leading '^'
    const char* nse;
};

// Yahoo's tickers, and the index names people write, for the series the universe stores under
// different NSE names.
constexpr IndexFileName kIndexFileNames[] = {
    {"NSEI", "NIFTY"},         {"NIFTY50", "NIFTY"},          {"NIFTY_50", "NIFTY"},
    {"NSEBANK", "BANKNIFTY"},  {"NIFTYBANK", "BANKNIFTY"},    {"NIFTY_BANK", "BANKNIFTY"},
    {"NIFTY_FIN_SERVICE", "FINNIFTY"},
    {"INDIAVIX", "INDIAVIX"},  {"INDIA_VIX", "INDIAVIX"},
};

struct IntervalSuffix {
    const char* suffix;
    std::optional<Interval> interval;
};

constexpr IntervalSuffix kIntervalSuffixes[] = {
    {"_DAILY", Interval::Daily},
    {"_1D", Interval::Daily},
    {"_5M", Interval::FiveMinute},
    {"_1M", Interval::OneMinute},
    {"_INTRADAY", std::nullopt},
};

struct SplitName {
    QString stem;  // upper case, without ".csv" and the interval suffix
    std::optional<Interval> intervalHint;
};

SplitName splitName(const QString& fileName)
{
    SplitName split{QFileInfo(fileName).fileName().toUpper(), std::nullopt};
    if (split.stem.endsWith(QLatin1String(".CSV")))
        split.stem.chop(4);
    for (const IntervalSuffix& entry : kIntervalSuffixes) {
        if (split.stem.endsWith(QLatin1String(entry.suffix))) {
            split.stem.chop(qsizetype(qstrlen(entry.suffix)));
            split.intervalHint = entry.interval;
            break;
        }
    }
    return split;
}

}  // namespace

std::optional<FileNameSymbol> symbolFromFileName(const QString& fileName)
{
    const SplitName split = splitName(fileName);
    QString name = split.stem;
    if (name.startsWith(QLatin1Char('^')))
        name.remove(0, 1);
    if (name.endsWith(QLatin1String(".NS")))
        name.chop(3);
    for (const IndexFileName& entry : kIndexFileNames) {
        if (name == QLatin1String(entry.name)) {
            name = QString::fromLatin1(entry.nse);
            break;
        }
    }
    if (!isValidSymbol(name))
        return std::nullopt;
    return FileNameSymbol{name, split.intervalHint};
}

std::optional<Interval> intervalFromFileName(const QString& fileName)
{
    return splitName(fileName).intervalHint;
}

}  // namespace aegis::data
