// Daily, execution and intraday features: hand-computed values, warm-up lengths from the table,
// proof of no look-ahead (truncation and perturbation), robustness and the real NIFTY/VIX files.

#include "engines/features/test_series.h"

#include "engines/features/daily_features.h"
#include "engines/features/feature_table.h"
#include "engines/features/intraday_features.h"
#include "engines/features/market_context.h"

#include <QFile>
#include <QTest>

#include <cmath>
#include <cstring>
#include <numeric>
#include <random>

using namespace aegis;
using namespace aegis::engines;

namespace {

constexpr double kTight = 1e-12;

double valueAt(const FeatureFrame& frame, QDate date, const char* name)
{
    const int row = frame.rowOf(date);
    const auto v = frame.value(row, name);
    if (!v)
        throw std::runtime_error(std::string("missing ") + name + " at " + date.toString(Qt::ISODate).toStdString());
    return *v;
}

double sampleStd(const std::vector<double>& x)
{
    const double mean = std::accumulate(x.begin(), x.end(), 0.0) / x.size();
    double s = 0;
    for (double v : x)
        s += (v - mean) * (v - mean);
    return std::sqrt(s / (x.size() - 1));
}

// Rows up to `last` of `part` must equal the same rows of `full`, values and missing flags.
void compareUpTo(const FeatureFrame& full, const FeatureFrame& part, QDate last, const QString& what)
{
    for (int row = 0; row < part.rows() && part.dates[row] <= last; ++row) {
        QCOMPARE(part.dates[row], full.dates[row]);
        for (int c = 0; c < full.cols(); ++c) {
            if (full.missing(row, c) != part.missing(row, c) || std::abs(full.values(row, c) - part.values(row, c)) > kTight) {
                QFAIL(qPrintable(QStringLiteral("%1: %2 differs at %3 (%4 vs %5)")
                                     .arg(what, QString::fromStdString(full.schema.columns[c]),
                                          full.dates[row].toString(Qt::ISODate))
                                     .arg(full.values(row, c), 0, 'g', 17)
                                     .arg(part.values(row, c), 0, 'g', 17)));
            }
        }
    }
}

data::BarSeries marketVix(const data::BarSeries& nifty, std::uint64_t seed)
{
    data::BarSeries vix = test::randomWalk(QStringLiteral("INDIAVIX"), seed, static_cast<int>(nifty.size()),
                                           nifty.bars.front().session, 15.0, 0.05);
    for (std::size_t i = 0; i < vix.bars.size(); ++i)
        vix.bars[i].session = nifty.bars[i].session, vix.bars[i].volume = 0.0;
    // Remove a lone day and two consecutive days: carried once, then missing.
    vix.bars.erase(vix.bars.begin() + 300, vix.bars.begin() + 302);
    vix.bars.erase(vix.bars.begin() + 100);
    return vix;
}

// NIFTY and VIX context plus the stocks' breakout breadth, as the universe builds it.
MarketContext marketWithBreadth(const data::BarSeries& nifty, const data::BarSeries& vix, const std::vector<data::BarSeries>& stocks)
{
    MarketContext market = MarketContext::build(nifty, vix);
    std::vector<const data::BarSeries*> pointers;
    for (const data::BarSeries& stock : stocks)
        pointers.push_back(&stock);
    market.breadth = StockBreadth::build(pointers);
    return market;
}

std::vector<data::BarSeries> eachTruncated(const std::vector<data::BarSeries>& series, QDate lastSession)
{
    std::vector<data::BarSeries> out;
    for (const data::BarSeries& one : series)
        out.push_back(test::truncated(one, lastSession));
    return out;
}

}  // namespace

class TestEnginesFeatures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void schemaIsStableAndMatchesTable();
    void docsEmbedTheFeatureTables();
    void handComputedReturnsAndVolatility();
    void handComputedWilderAtrAndRsi();
    void handComputedBollingerEmaBreakoutDrawdown();
    void handComputedSpreadEstimators();
    void warmupsMatchTheTable();
    void stockBreadthHandComputed();
    void truncationGivesIdenticalFeatures();
    void truncationOnRealStocks();
    void perturbingTheFutureChangesNothingBefore();
    void robustToPlaceholdersGapsAndBadBars();
    void vixCarriedForwardOnceThenMissing();
    void executionFrameIsTheDailySubset();
    void realNiftyAndVix();
    void realStocksStayFinite();
    void intradayInProgressAndBeforeOpen();
    void intradayWarmupsMatchTheTable();
    void intradayRealNiftyFiveMinute();
};

void TestEnginesFeatures::schemaIsStableAndMatchesTable()
{
    const FrameSchema schema = dailyFeatureSchema();
    QCOMPARE(schema.columns.size(), dailyFeatureTable().size());
    QCOMPARE(schema.fingerprint().size(), std::size_t(16));
    QCOMPARE(schema.fingerprint(), dailyFeatureSchema().fingerprint());
    FrameSchema renamed = schema;
    renamed.columns[3] += "x";
    QVERIFY(renamed.fingerprint() != schema.fingerprint());
    std::vector<std::string> names = schema.columns;
    std::sort(names.begin(), names.end());
    QVERIFY(std::adjacent_find(names.begin(), names.end()) == names.end());

    const FeatureFrame frame = buildDailyFeatures(test::randomWalk("A", 1, 80), MarketContext{});
    const ModelMatrix model = frame.toModelMatrix();
    QCOMPARE(model.values.cols(), Eigen::Index(2 * frame.cols()));
    QCOMPARE(model.columns[frame.cols()], schema.columns[0] + "_missing");
    QVERIFY(model.values.allFinite());
    for (int r = 0; r < frame.rows(); ++r)
        for (int c = 0; c < frame.cols(); ++c)
            QCOMPARE(model.values(r, frame.cols() + c), frame.missing(r, c) ? 1.0 : 0.0);
}

void TestEnginesFeatures::docsEmbedTheFeatureTables()
{
    QFile doc(QStringLiteral(AEGIS_SOURCE_DIR "/docs/features.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const std::string text = doc.readAll().toStdString();
    QVERIFY2(text.find(renderFeatureTableMarkdown(dailyFeatureTable())) != std::string::npos,
             "docs/features.md: daily table differs from feature_table.cpp");
    QVERIFY2(text.find(renderFeatureTableMarkdown(intradayFeatureTable())) != std::string::npos,
             "docs/features.md: intraday table differs from feature_table.cpp");
}

void TestEnginesFeatures::handComputedReturnsAndVolatility()
{
    // Closes 100, 101, 99, 102, 103, 100.
    data::BarSeries s;
    s.symbol = "H";
    const double closes[] = {100, 101, 99, 102, 103, 100};
    QDate d(2024, 1, 1);
    for (double c : closes) {
        s.bars.push_back(test::makeBar(d, c, c + 1, c - 1, c));
        d = d.addDays(1);
    }
    const FeatureFrame f = buildDailyFeatures(s, MarketContext{});
    QVERIFY(std::abs(*f.value(1, "ret_1") - std::log(101.0 / 100.0)) < kTight);
    QVERIFY(std::abs(*f.value(5, "ret_5") - std::log(100.0 / 100.0)) < kTight);
    const std::vector<double> r = {std::log(101.0 / 100), std::log(99.0 / 101), std::log(102.0 / 99),
                                   std::log(103.0 / 102), std::log(100.0 / 103)};
    QVERIFY(std::abs(*f.value(5, "rv_5") - sampleStd(r) * std::sqrt(252.0)) < 1e-12);
    QVERIFY(f.isMissing(4, "rv_5"));
    // gap: open == close of same day here, so gap = ln(C[t]/C[t-1]).
    QVERIFY(std::abs(*f.value(2, "gap_overnight") - std::log(99.0 / 101.0)) < kTight);
    // traded value: ln(C * V).
    QVERIFY(std::abs(*f.value(0, "traded_value_ln") - std::log(100.0 * 1e6)) < kTight);
}

void TestEnginesFeatures::handComputedWilderAtrAndRsi()
{
    // 15 bars with H-L = 2 and C = mid, alternating +1/-1 closes; then a +2 close with range 6.
    data::BarSeries s;
    s.symbol = "W";
    QDate d(2024, 1, 1);
    double c = 100;
    for (int i = 0; i < 15; ++i) {
        s.bars.push_back(test::makeBar(d, c, c + 1, c - 1, c));
        c += (i % 2 == 0) ? 1.0 : -1.0;
        d = d.addDays(1);
    }
    // Changes 1..14 alternate +1, -1: 7 gains of 1, 7 losses of 1. TR each = max(2, |H - Cprev|, ..) = 2.
    const double last = s.bars.back().close;
    s.bars.push_back(test::makeBar(d, last + 2, last + 5, last - 1, last + 2));
    const FeatureFrame f = buildDailyFeatures(s, MarketContext{});
    QVERIFY(f.isMissing(13, "atr14_frac"));
    QVERIFY(std::abs(*f.value(14, "atr14_frac") - 2.0 / s.bars[14].close) < kTight);
    QVERIFY(std::abs(*f.value(14, "rsi_14") - 50.0) < 1e-12);
    // Row 15: TR = max(6, |last+5 - last|, |last-1 - last|) = 6; ATR = (2*13 + 6) / 14.
    QVERIFY(std::abs(*f.value(15, "atr14_frac") - (2.0 * 13 + 6) / 14 / (last + 2)) < kTight);
    const double gain = (0.5 * 13 + 2) / 14, loss = 0.5 * 13 / 14;
    QVERIFY(std::abs(*f.value(15, "rsi_14") - (100.0 - 100.0 / (1.0 + gain / loss))) < 1e-10);
}

void TestEnginesFeatures::handComputedBollingerEmaBreakoutDrawdown()
{
    data::BarSeries s;
    s.symbol = "B";
    QDate d(2024, 1, 1);
    for (int i = 0; i < 20; ++i) {  // closes 100..119
        const double c = 100 + i;
        s.bars.push_back(test::makeBar(d, c, c + 0.5, c - 0.5, c));
        d = d.addDays(1);
    }
    s.bars.push_back(test::makeBar(d, 119, 130, 118, 129));  // breakout above prior high 119.5
    const FeatureFrame f = buildDailyFeatures(s, MarketContext{});
    // Row 19: mean 109.5, population sd of 0..19 = sqrt((20^2 - 1) / 12).
    const double sd = std::sqrt((400.0 - 1.0) / 12.0);
    QVERIFY(std::abs(*f.value(19, "bollinger_pctb_20") - (119 - (109.5 - 2 * sd)) / (4 * sd)) < 1e-12);
    QVERIFY(std::abs(*f.value(19, "bollinger_width_20") - 4 * sd / 109.5) < 1e-12);
    // EMA20 seed at row 19 = SMA = 109.5; row 20: 109.5 + (2/21)(129 - 109.5).
    QVERIFY(std::abs(*f.value(19, "ema20_dist") - std::log(119 / 109.5)) < kTight);
    QVERIFY(std::abs(*f.value(20, "ema20_dist") - std::log(129 / (109.5 + 2.0 / 21 * (129 - 109.5)))) < kTight);
    QCOMPARE(*f.value(20, "breakout_up_20"), 1.0);
    QCOMPARE(*f.value(20, "breakout_down_20"), 0.0);
    QVERIFY(std::abs(*f.value(20, "breakout_high_20") - std::log(129 / 119.5)) < kTight);
    QVERIFY(std::abs(*f.value(20, "breakout_low_20") - std::log(129 / 99.5)) < kTight);

    // Drawdown over 252 sessions: a peak then a 10% lower close.
    data::BarSeries long_ = test::randomWalk("D", 3, 260);
    for (auto& bar : long_.bars)
        bar.close = std::min(bar.close, 900.0), bar.open = bar.close, bar.high = bar.close * 1.01, bar.low = bar.close * 0.99;
    long_.bars[255].close = 1000, long_.bars[255].high = 1010;
    long_.bars[259].close = 900, long_.bars[259].low = 890;
    const FeatureFrame g = buildDailyFeatures(long_, MarketContext{});
    QVERIFY(std::abs(*g.value(259, "drawdown_252") - std::log(0.9)) < kTight);
    QVERIFY(g.isMissing(250, "drawdown_252"));
}

void TestEnginesFeatures::handComputedSpreadEstimators()
{
    // Two sessions: (H, L, C) = (102, 98, 100) then (103, 99, 101); O = C.
    data::BarSeries s;
    s.symbol = "S";
    QDate d(2024, 1, 1);
    std::vector<std::array<double, 3>> hlc;
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> u(-1, 1);
    double c = 100;
    for (int i = 0; i < 21; ++i) {
        const double h = c + 2 + u(rng), l = c - 2 + u(rng), close = (h + l) / 2 + u(rng);
        s.bars.push_back(test::makeBar(d, close, h, l, close));
        hlc.push_back({h, l, close});
        c = close;
        d = d.addDays(1);
    }
    const FeatureFrame f = buildDailyFeatures(s, MarketContext{});
    double csSum = 0, arSum = 0;
    for (int i = 1; i <= 20; ++i) {
        double h2 = hlc[i][0], l2 = hlc[i][1];
        const double pc = hlc[i - 1][2];
        if (l2 > pc) h2 -= l2 - pc, l2 = pc;
        else if (h2 < pc) l2 += pc - h2, h2 = pc;
        const double beta = std::pow(std::log(hlc[i - 1][0] / hlc[i - 1][1]), 2) + std::pow(std::log(h2 / l2), 2);
        const double gamma = std::pow(std::log(std::max(hlc[i - 1][0], h2) / std::min(hlc[i - 1][1], l2)), 2);
        const double k = 3 - 2 * std::sqrt(2.0);
        const double alpha = (std::sqrt(2 * beta) - std::sqrt(beta)) / k - std::sqrt(gamma / k);
        csSum += std::max(0.0, 2 * (std::exp(alpha) - 1) / (1 + std::exp(alpha)));
        const double eta0 = (std::log(hlc[i - 1][0]) + std::log(hlc[i - 1][1])) / 2;
        const double eta1 = (std::log(hlc[i][0]) + std::log(hlc[i][1])) / 2;
        arSum += 4 * (std::log(pc) - eta0) * (std::log(pc) - eta1);
    }
    QVERIFY(std::abs(*f.value(20, "cs_spread_20") - csSum / 20) < 1e-12);
    QVERIFY(std::abs(*f.value(20, "ar_spread_20") - std::sqrt(std::max(0.0, arSum / 20))) < 1e-12);
    QVERIFY(f.isMissing(19, "cs_spread_20"));
}

void TestEnginesFeatures::warmupsMatchTheTable()
{
    const data::BarSeries nifty = test::randomWalk("NIFTY", 11, 400, QDate(2022, 1, 3), 17000, 0.01);
    data::BarSeries ticker = test::randomWalk("T", 13, 400, QDate(2022, 1, 3));
    std::vector<data::BarSeries> stocks{ticker};
    for (int i = 1; i < kMinimumBreadthStocks; ++i)
        stocks.push_back(test::randomWalk(QStringLiteral("S%1").arg(i), 200 + i, 400, QDate(2022, 1, 3)));
    const MarketContext market =
        marketWithBreadth(nifty, test::randomWalk("VIX", 12, 400, QDate(2022, 1, 3), 15, 0.05), stocks);
    const FeatureFrame f = buildDailyFeatures(ticker, market);
    for (const FeatureSpec& spec : dailyFeatureTable()) {
        const int col = f.schema.indexOf(spec.name);
        int first = -1;
        for (int r = 0; r < f.rows() && first < 0; ++r)
            first = f.missing(r, col) ? -1 : r;
        QVERIFY2(first == spec.warmup, qPrintable(QStringLiteral("%1: first value at row %2, table says %3")
                                                      .arg(QString::fromUtf8(spec.name.data(), spec.name.size()))
                                                      .arg(first)
                                                      .arg(spec.warmup)));
        for (int r = first; r < f.rows(); ++r)
            QVERIFY2(!f.missing(r, col), spec.name.data());
    }
}

// Ten flat stocks (H - L = 2 every session, so ATR14 = 2); on one session four of them range 8 > 1.5 x 2.
void TestEnginesFeatures::stockBreadthHandComputed()
{
    const QDate first(2024, 1, 1);  // a Monday
    std::vector<data::BarSeries> stocks;
    for (int s = 0; s < kMinimumBreadthStocks; ++s) {
        data::BarSeries series;
        series.symbol = QStringLiteral("F%1").arg(s);
        QDate date = first;
        for (int i = 0; i < 40; ++i, date = date.addDays(1)) {
            while (date.dayOfWeek() > 5)
                date = date.addDays(1);
            const bool wide = i == 20 && s < 4;
            series.bars.push_back(test::makeBar(date, 100.0, wide ? 104.0 : 101.0, wide ? 96.0 : 99.0, 100.0));
        }
        stocks.push_back(series);
    }
    const QDate session15 = stocks.front().bars[15].session, session20 = stocks.front().bars[20].session;
    const QDate session24 = stocks.front().bars[24].session, session29 = stocks.front().bars[29].session;

    const MarketContext market = marketWithBreadth({}, {}, stocks);
    const StockBreadth& breadth = market.breadth;
    // ATR14 is first known at row 14, so a session's flag from row 15 on.
    QCOMPARE(breadth.dates.front(), session15);
    QCOMPARE(breadth.dates.size(), std::size_t(40 - 15));
    QVERIFY(!breadth.rowOf(stocks.front().bars[14].session));
    QCOMPARE(breadth.share[*breadth.rowOf(session20)], 0.4);
    QCOMPARE(breadth.share[*breadth.rowOf(stocks.front().bars[21].session)], 0.0);
    // The ten-date mean: first at the tenth measured date, and it holds the wide session until ten
    // dates later.
    QVERIFY(std::isnan(breadth.averageShare[*breadth.rowOf(session20)]));
    QVERIFY(std::abs(breadth.averageShare[*breadth.rowOf(session24)] - 0.04) < 1e-12);
    QVERIFY(std::abs(breadth.averageShare[*breadth.rowOf(session29)] - 0.04) < 1e-12);
    QCOMPARE(breadth.averageShare[*breadth.rowOf(stocks.front().bars[30].session)], 0.0);

    // The store's cache keeps it as text, every value (NaN included) bit for bit; other text is refused.
    const std::optional<StockBreadth> readBack = StockBreadth::fromSerialised(breadth.serialised());
    QVERIFY(readBack);
    QCOMPARE(readBack->dates, breadth.dates);
    QVERIFY(std::memcmp(readBack->share.data(), breadth.share.data(), breadth.share.size() * sizeof(double)) == 0);
    QVERIFY(std::memcmp(readBack->averageShare.data(), breadth.averageShare.data(), breadth.averageShare.size() * sizeof(double)) == 0);
    QVERIFY(!StockBreadth::fromSerialised(QStringLiteral("not a breadth")));
    QVERIFY(!StockBreadth::fromSerialised(breadth.serialised().chopped(8)));

    // Joined onto a ticker by its own date; one stock fewer and nothing is measured.
    const FeatureFrame f = buildDailyFeatures(stocks.front(), market);
    QCOMPARE(*f.value(20, kStockBreakoutShareFeature), 0.4);
    QVERIFY(f.isMissing(14, kStockBreakoutShareFeature));
    stocks.pop_back();
    QVERIFY(marketWithBreadth({}, {}, stocks).breadth.dates.empty());
}

void TestEnginesFeatures::truncationGivesIdenticalFeatures()
{
    std::mt19937 rng(2024);
    const data::BarSeries nifty = test::randomWalk("NIFTY", 21, 700, QDate(2021, 1, 4), 15000, 0.01);
    const data::BarSeries vix = marketVix(nifty, 22);
    std::vector<data::BarSeries> universe;
    for (int ticker = 0; ticker < 12; ++ticker) {
        universe.push_back(test::randomWalk(QStringLiteral("T%1").arg(ticker), 100 + ticker, 650 + 5 * ticker,
                                            QDate(2021, 1, 4).addDays(ticker * 3)));
        universe.back().bars[200].volume = 0;  // a zero-volume session with a real range
    }
    const MarketContext market = marketWithBreadth(nifty, vix, universe);
    for (const data::BarSeries& series : universe) {
        const FeatureFrame full = buildDailyFeatures(series, market);
        std::uniform_int_distribution<int> cut(1, static_cast<int>(series.size()) - 1);
        for (int k = 0; k < 15; ++k) {
            const QDate t = series.bars[static_cast<std::size_t>(cut(rng))].session;
            const MarketContext cutMarket =
                marketWithBreadth(test::truncated(nifty, t), test::truncated(vix, t), eachTruncated(universe, t));
            const FeatureFrame part = buildDailyFeatures(test::truncated(series, t), cutMarket);
            QCOMPARE(part.dates.back(), t);
            compareUpTo(full, part, t, QStringLiteral("truncated at ") + t.toString(Qt::ISODate));
        }
    }
}

void TestEnginesFeatures::truncationOnRealStocks()
{
    std::mt19937 rng(8);
    const data::BarSeries nifty = test::readCsv(test::sharedData("NSEI_daily.csv"), "NIFTY");
    const data::BarSeries vix = test::readCsv(test::sharedData("INDIAVIX_daily.csv"), "VIX");
    const std::vector<const char*> names{"RELIANCE", "HDFCBANK", "ADANIENT", "M&M", "ITC", "TCS",
                                         "INFY", "SBIN", "LT", "CIPLA", "NTPC", "ONGC"};
    std::vector<data::BarSeries> stocks;
    for (const char* name : names)
        stocks.push_back(test::readCsv(test::sharedData((std::string(name) + ".csv").c_str()), name));
    const MarketContext market = marketWithBreadth(nifty, vix, stocks);
    for (std::size_t s = 0; s < 5; ++s) {
        const char* name = names[s];
        const data::BarSeries& stock = stocks[s];
        const FeatureFrame full = buildDailyFeatures(stock, market);
        std::uniform_int_distribution<int> cut(0, full.rows() - 1);
        for (int k = 0; k < 8; ++k) {
            const QDate t = full.dates[static_cast<std::size_t>(cut(rng))];
            const MarketContext cutMarket =
                marketWithBreadth(test::truncated(nifty, t), test::truncated(vix, t), eachTruncated(stocks, t));
            compareUpTo(full, buildDailyFeatures(test::truncated(stock, t), cutMarket), t,
                        QString::fromUtf8(name) + QStringLiteral(" truncated at ") + t.toString(Qt::ISODate));
        }
    }
}

void TestEnginesFeatures::perturbingTheFutureChangesNothingBefore()
{
    std::mt19937 rng(77);
    const data::BarSeries nifty = test::randomWalk("NIFTY", 31, 600, QDate(2021, 1, 4), 15000, 0.01);
    const data::BarSeries vix = marketVix(nifty, 32);
    std::vector<data::BarSeries> universe;
    for (int ticker = 0; ticker < kMinimumBreadthStocks; ++ticker)
        universe.push_back(test::randomWalk(QStringLiteral("P%1").arg(ticker), 300 + ticker, 600));
    const MarketContext market = marketWithBreadth(nifty, vix, universe);
    for (const data::BarSeries& series : universe) {
        const FeatureFrame full = buildDailyFeatures(series, market);
        std::uniform_int_distribution<int> cut(0, static_cast<int>(series.size()) - 2);
        for (int k = 0; k < 10; ++k) {
            const QDate t = series.bars[static_cast<std::size_t>(cut(rng))].session;
            std::vector<data::BarSeries> changedUniverse;
            for (std::size_t other = 0; other < universe.size(); ++other)
                changedUniverse.push_back(test::perturbedAfter(universe[other], t, 100 * std::uint64_t(k) + other));
            const MarketContext changedMarket = marketWithBreadth(test::perturbedAfter(nifty, t, k),
                                                                  test::perturbedAfter(vix, t, k + 1), changedUniverse);
            const FeatureFrame changed = buildDailyFeatures(test::perturbedAfter(series, t, k + 2), changedMarket);
            compareUpTo(full, changed, t, QStringLiteral("perturbed after ") + t.toString(Qt::ISODate));
            const int next = full.rowOf(t) + 1;  // the perturbation must be visible right after t
            QVERIFY(full.values(next, full.schema.indexOf("ret_1")) != changed.values(next, changed.schema.indexOf("ret_1")));
        }
    }
}

void TestEnginesFeatures::robustToPlaceholdersGapsAndBadBars()
{
    data::BarSeries s = test::randomWalk("R", 41, 120);
    const QDate placeholder = s.bars[50].session;
    const double previousClose = s.bars[49].close;
    s.bars[50].open = s.bars[50].high = s.bars[50].low = s.bars[50].close = previousClose;
    s.bars[50].volume = 0;
    s.bars[60].volume = 0;                                        // zero volume, real range: kept
    s.bars[70].volume = std::numeric_limits<double>::quiet_NaN();  // unknown volume: kept, volume missing
    s.bars[80].high = s.bars[80].low * 0.5;                       // H < L: dropped
    s.bars[90].close = std::numeric_limits<double>::infinity();   // dropped
    s.bars.erase(s.bars.begin() + 100, s.bars.begin() + 110);     // a ten-session gap
    s.bars.back().final = false;                                  // session in progress
    const FeatureFrame f = buildDailyFeatures(s, MarketContext{});

    QCOMPARE(f.dropped.size(), std::size_t(4));
    QCOMPARE(f.dropped[0].session, placeholder);
    QVERIFY(f.dropped[0].reason == DropReason::Placeholder);
    QVERIFY(f.dropped.back().reason == DropReason::NotFinal);
    QCOMPARE(f.rowOf(placeholder), -1);
    QVERIFY(f.values.allFinite());
    QVERIFY(f.toModelMatrix().values.allFinite());
    const int zeroVolume = f.rowOf(s.bars[60].session);
    QVERIFY(f.isMissing(zeroVolume, "volume_z_20"));
    QVERIFY(f.isMissing(zeroVolume, "traded_value_ln"));
    QVERIFY(!f.isMissing(zeroVolume, "rv_20"));
    QVERIFY(f.isMissing(f.rowOf(s.bars[70].session), "traded_value_ln"));
    // The return across the dropped placeholder spans two sessions.
    const int after = f.rowOf(s.bars[51].session);
    QVERIFY(std::abs(*f.value(after, "ret_1") - std::log(s.bars[51].close / previousClose)) < kTight);
    // Without market data every market column is missing, never zero.
    QVERIFY(f.isMissing(after, "vix_level"));
    QVERIFY(f.isMissing(after, "beta_60"));
    QVERIFY(!f.isMissing(after, "weekday"));

    // Empty and one-bar series: frames of that size, everything that needs history missing.
    data::BarSeries empty;
    empty.symbol = "Z";
    QCOMPARE(buildDailyFeatures(empty, MarketContext::build(empty, empty)).rows(), 0);
    QCOMPARE(buildIntradayFeatures(empty, 0).frame.rows(), 1);
    QVERIFY(!buildIntradayFeatures(empty, 0).session.isValid());
    data::BarSeries one = test::randomWalk("O", 1, 1);
    const FeatureFrame single = buildDailyFeatures(one, MarketContext::build(one, empty));
    QCOMPARE(single.rows(), 1);
    QVERIFY(single.isMissing(0, "ret_1"));
    QVERIFY(!single.isMissing(0, "traded_value_ln"));
    QVERIFY(single.isMissing(0, "vix_level"));

    // A bar stored before the ₹0.01 floor: ATR / close of 1e43 is finite as a double but inf as the
    // models' float, and stopped training for the whole universe. It is missing instead.
    data::BarSeries tiny = test::randomWalk("T", 43, 80);
    data::Bar& dust = tiny.bars[60];
    dust.open = dust.high = dust.low = dust.close = 1e-40;
    const FeatureFrame withDust = buildDailyFeatures(tiny, MarketContext{});
    const int dustRow = withDust.rowOf(dust.session);
    QVERIFY(dustRow >= 0);
    QVERIFY(withDust.isMissing(dustRow, "atr14_frac"));
    QVERIFY(withDust.values.cwiseAbs().maxCoeff() <= double(std::numeric_limits<float>::max()));
}

void TestEnginesFeatures::vixCarriedForwardOnceThenMissing()
{
    const data::BarSeries nifty = test::randomWalk("NIFTY", 51, 400, QDate(2021, 1, 4), 15000, 0.01);
    const data::BarSeries vix = marketVix(nifty, 52);  // removed: index 100 alone, 300 and 301 together
    const MarketContext market = MarketContext::build(nifty, vix);
    QCOMPARE(market.vixCarried[100], 1.0);
    QCOMPARE(market.vixLevel[100], market.vixLevel[99]);
    QCOMPARE(market.vixCarried[99], 0.0);
    QCOMPARE(market.vixCarried[300], 1.0);
    QVERIFY(std::isnan(market.vixLevel[301]));
    QCOMPARE(market.vixCarried[302], 0.0);

    // A ticker session missing from NIFTY uses the previous market row, flagged; two missing are not carried.
    data::BarSeries ticker = test::randomWalk("T", 53, 400, QDate(2021, 1, 4));
    data::BarSeries thinNifty = nifty;
    thinNifty.bars.erase(thinNifty.bars.begin() + 200);
    const FeatureFrame f = buildDailyFeatures(ticker, MarketContext::build(thinNifty, vix));
    QCOMPARE(*f.value(200, "market_carried"), 1.0);
    QCOMPARE(*f.value(200, "nifty_ret_1"), *f.value(199, "nifty_ret_1"));
    QCOMPARE(*f.value(201, "market_carried"), 0.0);
}

void TestEnginesFeatures::executionFrameIsTheDailySubset()
{
    const data::BarSeries s = test::randomWalk("E", 61, 200);
    const FeatureFrame daily = buildDailyFeatures(s, MarketContext{});
    const FeatureFrame execution = buildExecutionFeatures(s);
    QCOMPARE(execution.schema.columns, executionFeatureSchema().columns);
    const FeatureFrame subset = daily.select(execution.schema.columns, execution.schema.version);
    QVERIFY(subset.values == execution.values);
    QVERIFY((subset.missing == execution.missing).all());
    // Scale-free: multiplying prices by 37 changes no execution feature except the INR-denominated ones.
    data::BarSeries scaled = s;
    for (auto& bar : scaled.bars)
        bar.open *= 37, bar.high *= 37, bar.low *= 37, bar.close *= 37;
    const FeatureFrame scaledFrame = buildExecutionFeatures(scaled);
    for (const char* name : {"cs_spread_20", "ar_spread_20", "kyle_lambda_20", "volume_z_20", "rv_20"})
        QVERIFY(std::abs(*scaledFrame.value(150, name) - *execution.value(150, name)) < 1e-9);
}

void TestEnginesFeatures::realNiftyAndVix()
{
    const data::BarSeries nifty = test::readCsv(test::sharedData("NSEI_daily.csv"), "NIFTY");
    const data::BarSeries vix = test::readCsv(test::sharedData("INDIAVIX_daily.csv"), "INDIAVIX");
    const MarketContext market = MarketContext::build(nifty, vix);
    QCOMPARE(market.niftyDropped.size(), std::size_t(1));  // the partial snapshot of 2025-11-28
    QVERIFY(market.niftyDropped[0].reason == DropReason::NotFinal);

    const FeatureFrame f = buildDailyFeatures(nifty, market);
    // VIX is missing on 2021-01-01: carried from 2020-12-31, flagged.
    QCOMPARE(valueAt(f, QDate(2021, 1, 1), "vix_carried"), 1.0);
    QCOMPARE(valueAt(f, QDate(2021, 1, 1), "vix_level"), valueAt(f, QDate(2020, 12, 31), "vix_level"));
    QCOMPARE(valueAt(f, QDate(2020, 12, 31), "vix_carried"), 0.0);
    // 2024-08-05: VIX close from the file; NIFTY against itself has beta and correlation 1.
    const QDate day(2024, 8, 5);
    double vixClose = 0;
    for (const auto& bar : vix.bars)
        if (bar.session == day) vixClose = bar.close;
    QCOMPARE(valueAt(f, day, "vix_level"), vixClose);
    QVERIFY(std::abs(valueAt(f, day, "beta_60") - 1.0) < 1e-12);
    QVERIFY(std::abs(valueAt(f, day, "corr_60") - 1.0) < 1e-12);
    QVERIFY(std::abs(valueAt(f, day, "rs_20")) < 1e-15);
    // rv_20 on that date, by hand from the CSV closes.
    std::vector<double> closes;
    for (const auto& bar : nifty.bars)
        if (bar.session <= day) closes.push_back(bar.close);
    std::vector<double> returns;
    for (std::size_t i = closes.size() - 20; i < closes.size(); ++i)
        returns.push_back(std::log(closes[i] / closes[i - 1]));
    const double rv = sampleStd(returns) * std::sqrt(252.0);
    QVERIFY(std::abs(valueAt(f, day, "rv_20") - rv) < 1e-12);
    QVERIFY(std::abs(valueAt(f, day, "nifty_rv_20") - rv) < 1e-12);
    QVERIFY(std::abs(valueAt(f, day, "iv_rv_ratio") - vixClose / 100 / rv) < 1e-12);
    QVERIFY(std::abs(valueAt(f, day, "vix_change_5") - std::log(vixClose / valueAt(f, QDate(2024, 7, 29), "vix_level"))) < 1e-12);
    // 2024-08-05 is a Monday; the weekly NIFTY expiry was Thursday 2024-08-08: 3 sessions away.
    QCOMPARE(valueAt(f, day, "weekday"), 1.0);
    // 1 July to 5 August: 35 days into the quarter; the quarter's first day is 0.
    QCOMPARE(valueAt(f, day, "day_of_quarter"), 35.0);
    QCOMPARE(valueAt(f, QDate(2024, 7, 1), "day_of_quarter"), 0.0);
    QCOMPARE(valueAt(f, QDate(2024, 12, 31), "day_of_quarter"), 91.0);
    // 31 days of January, 29 of February (a leap year), 31 of March, 30 of April, 31 of May, 30 of June,
    // 31 of July, then 5 August; 31 December is the 366th day.
    QCOMPARE(valueAt(f, day, "day_of_year"), 218.0);
    QCOMPARE(valueAt(f, QDate(2024, 12, 31), "day_of_year"), 366.0);
    QCOMPARE(valueAt(f, day, "sessions_to_expiry"), 3.0);
    QCOMPARE(valueAt(f, QDate(2024, 8, 8), "sessions_to_expiry"), 0.0);
    const double percentile = valueAt(f, day, "vix_percentile_252");
    QVERIFY(percentile > 0.9 && percentile <= 1.0);  // the +42% VIX spike day
}

void TestEnginesFeatures::realStocksStayFinite()
{
    const data::BarSeries nifty = test::readCsv(test::sharedData("NSEI_daily.csv"), "NIFTY");
    const MarketContext market = MarketContext::build(nifty, test::readCsv(test::sharedData("INDIAVIX_daily.csv"), "VIX"));
    for (const char* name : {"RELIANCE", "ITC", "M&M", "ADANIENT"}) {
        const data::BarSeries stock = test::readCsv(test::sharedData((std::string(name) + ".csv").c_str()), name);
        const FeatureFrame f = buildDailyFeatures(stock, market);
        QVERIFY(f.values.allFinite());
        QVERIFY(f.rowOf(QDate(2026, 1, 15)) < 0);  // the holiday placeholder is dropped
        QVERIFY(!f.dropped.empty());
        // After NIFTY's file ends (2025-11-28) market columns are missing, not stale.
        QVERIFY(f.isMissing(f.rowOf(QDate(2025, 12, 10)), "nifty_ret_1"));
        QVERIFY(!f.isMissing(f.rowOf(QDate(2025, 6, 10)), "beta_60"));
        const double beta = valueAt(f, QDate(2025, 6, 10), "beta_60");
        QVERIFY(beta > 0.1 && beta < 3.0);
    }
}

namespace {

// 21 sessions of 5-minute bars (75 a day) with constant volume 100 per bar, except the last
// session which trades 200 per bar and trends up.
data::BarSeries intradaySeries()
{
    data::BarSeries s;
    s.symbol = "I";
    s.interval = data::Interval::FiveMinute;
    QDate d(2024, 3, 1);
    double price = 100;
    for (int session = 0; session < 21; ++session) {
        while (d.dayOfWeek() > 5)
            d = d.addDays(1);
        const bool last = session == 20;
        for (int k = 0; k < 75; ++k) {
            data::Bar bar;
            bar.session = d;
            bar.utc = test::istOpenUtc(d) + 300 * k;
            bar.open = price;
            bar.close = price * (last ? 1.001 : (k % 2 ? 1.0005 : 0.9995));
            bar.high = std::max(bar.open, bar.close) * 1.0002;
            bar.low = std::min(bar.open, bar.close) * 0.9998;
            bar.volume = last ? 200 : 100;
            price = bar.close;
            s.bars.push_back(bar);
        }
        d = d.addDays(1);
    }
    return s;
}

}  // namespace

void TestEnginesFeatures::intradayInProgressAndBeforeOpen()
{
    const data::BarSeries s = intradaySeries();
    const QDate today = s.bars.back().session;
    // 10:30 IST on the last session: 75 minutes in, 15 bars complete.
    const std::int64_t now = test::istOpenUtc(today) + 75 * 60;
    const IntradayFeatures f = buildIntradayFeatures(s, now);
    QCOMPARE(f.session, today);
    QVERIFY(!f.sessionComplete);
    QVERIFY(!f.describesLastCompletedSession);
    QCOMPARE(f.baselineSessions, 20);
    QCOMPARE(f.cutoffMinute, 75);
    const NamedFrame& row = f.frame;
    QCOMPARE(*row.value(0, "baseline_sessions"), 20.0);
    QVERIFY(std::abs(*row.value(0, "session_progress") - 75.0 / 375) < kTight);
    QCOMPARE(*row.value(0, "orb15_sign"), 1.0);  // trending up above the first 15 minutes' high
    QCOMPARE(*row.value(0, "orb30_sign"), 1.0);
    QVERIFY(*row.value(0, "orb15_excess") > 0);
    QVERIFY(std::abs(*row.value(0, "activity_0915_0945") - 2.0) < kTight);  // double volume
    QVERIFY(std::abs(*row.value(0, "activity_0945_1045") - 2.0) < kTight);  // partial window vs the same part
    QVERIFY(row.isMissing(0, "activity_1045_1200"));                         // not started yet
    QVERIFY(row.isMissing(0, "movement_1500_1530"));
    // Every baseline session moved less than today in the two windows that have started, up to 10:30.
    QCOMPARE(*f.movementPercentile[0], 1.0);
    QCOMPARE(*f.movementPercentile[1], 1.0);
    QVERIFY(!f.movementPercentile[2] && !f.movementPercentile[5]);
    // Baseline bars alternate ln(0.9995) (8 of the first 15) and ln(1.0005) (7); today's are ln(1.001).
    const double baseline = 8 * std::pow(std::log(0.9995), 2) + 7 * std::pow(std::log(1.0005), 2);
    QVERIFY(std::abs(*row.value(0, "rv_tod_ratio") - std::sqrt(15 * std::pow(std::log(1.001), 2) / baseline)) < 1e-9);
    QVERIFY(*row.value(0, "vwap_dist") > 0);
    QVERIFY(std::abs(*row.value(0, "gap_prev_close")) < kTight);

    // Bars after `now` (here: wild ones) change nothing.
    data::BarSeries withFuture = s;
    for (auto& bar : withFuture.bars) {
        if (bar.utc + 300 > now)
            bar.close *= 3, bar.high *= 3, bar.volume *= 50;
    }
    const IntradayFeatures same = buildIntradayFeatures(withFuture, now);
    QVERIFY(same.frame.values == row.values);
    QVERIFY((same.frame.missing == row.missing).all());

    // 08:00 IST on the next weekday: today has not started, the last completed session is described.
    QDate next = today.addDays(1);
    while (next.dayOfWeek() > 5)
        next = next.addDays(1);
    const IntradayFeatures before = buildIntradayFeatures(s, test::istOpenUtc(next) - 75 * 60);
    QCOMPARE(before.session, today);
    QVERIFY(before.describesLastCompletedSession);
    QVERIFY(before.sessionComplete);
    QCOMPARE(*before.frame.value(0, "session_progress"), 1.0);
    QVERIFY(std::abs(*before.frame.value(0, "activity_1500_1530") - 2.0) < kTight);
    QVERIFY(before.frame.toModelMatrix().values.allFinite());

    // The last session's bars stop at 13:00 (a snapshot never completed). Seen the next morning it is
    // over but described up to 13:00, exactly as it was at 13:00, against baselines cut at 13:00.
    data::BarSeries stopped = s;
    std::erase_if(stopped.bars, [&](const data::Bar& bar) { return bar.session == today && bar.utc + 300 > test::istOpenUtc(today) + 225 * 60; });
    const IntradayFeatures late = buildIntradayFeatures(stopped, test::istOpenUtc(next) - 75 * 60);
    const IntradayFeatures atOne = buildIntradayFeatures(s, test::istOpenUtc(today) + 225 * 60);
    QVERIFY(late.sessionComplete);
    QVERIFY(late.endsBeforeClose);
    QCOMPARE(late.cutoffMinute, 225);
    QVERIFY(!atOne.sessionComplete && !atOne.endsBeforeClose);
    QVERIFY(late.frame.values == atOne.frame.values);
    QVERIFY((late.frame.missing == atOne.frame.missing).all());
    QVERIFY(!before.endsBeforeClose);

    // Only the first session stored: no baseline, ratios missing and said so.
    const IntradayFeatures first = buildIntradayFeatures(s, test::istOpenUtc(s.bars.front().session) + 60 * 60);
    QCOMPARE(first.baselineSessions, 0);
    QVERIFY(first.frame.isMissing(0, "activity_0915_0945"));
    QVERIFY(first.frame.isMissing(0, "gap_prev_close"));
}

void TestEnginesFeatures::intradayWarmupsMatchTheTable()
{
    // With 5-minute bars a value exists one bar after its warm-up minute and not one bar before it.
    const data::BarSeries s = intradaySeries();
    const std::int64_t open = test::istOpenUtc(s.bars.back().session);
    for (const FeatureSpec& spec : intradayFeatureTable()) {
        const QString name = QString::fromUtf8(spec.name.data(), static_cast<int>(spec.name.size()));
        const IntradayFeatures ready = buildIntradayFeatures(s, open + 60 * (spec.warmup + 5));
        QVERIFY2(!ready.frame.isMissing(0, spec.name), qPrintable(name));
        if (spec.warmup >= 5) {
            const IntradayFeatures early = buildIntradayFeatures(s, open + 60 * (spec.warmup - 5));
            QVERIFY2(early.frame.isMissing(0, spec.name), qPrintable(name));
        }
    }
}

void TestEnginesFeatures::intradayRealNiftyFiveMinute()
{
    const data::BarSeries bars = test::readCsv(test::sharedData("NSEI_5m.csv"), "NIFTY", data::Interval::FiveMinute);
    const QDate day(2025, 11, 27);
    const std::int64_t now = test::istOpenUtc(day) + 45 * 60;  // 10:00 IST
    const IntradayFeatures f = buildIntradayFeatures(bars, now);
    QCOMPARE(f.session, day);
    QCOMPARE(f.baselineSessions, 3);  // only 2025-11-24..26 are stored before it
    double high = 0, low = 1e9, firstOpen = 0, last = 0, previousClose = 0;
    for (const auto& bar : bars.bars) {
        if (bar.session < day) previousClose = bar.close;
        if (bar.session != day || bar.utc + 300 > now) continue;
        if (firstOpen == 0) firstOpen = bar.open;
        last = bar.close;
        if (bar.utc < test::istOpenUtc(day) + 15 * 60) high = std::max(high, bar.high), low = std::min(low, bar.low);
    }
    QVERIFY(std::abs(*f.frame.value(0, "gap_prev_close") - std::log(firstOpen / previousClose)) < kTight);
    const double sign = last > high ? 1 : (last < low ? -1 : 0);
    QCOMPARE(*f.frame.value(0, "orb15_sign"), sign);
    QVERIFY(f.frame.isMissing(0, "vwap_dist"));          // index bars carry no volume
    QVERIFY(f.frame.isMissing(0, "activity_0915_0945"));
    QVERIFY(!f.frame.isMissing(0, "movement_0915_0945"));
}

QTEST_GUILESS_MAIN(TestEnginesFeatures)
#include "test_engines_features.moc"
