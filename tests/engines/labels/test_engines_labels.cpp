// Forward labels: hand-computed values, strict forward dependence (truncation at t+h and
// perturbation after t+h), missing-not-zero at the end of the data, and time scaling of breaches.

#include "engines/features/test_series.h"

#include "engines/features/feature_table.h"
#include "engines/labels/label_table.h"
#include "engines/labels/labels.h"

#include "data/calendar/nse_calendar.h"

#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <random>

using namespace aegis;
using namespace aegis::engines;

namespace {

constexpr double kTight = 1e-12;

data::BarSeries flatSeries(int sessions, double close = 100.0, double range = 2.0)
{
    data::BarSeries s;
    s.symbol = "F";
    QDate d(2024, 1, 1);
    for (int i = 0; i < sessions; ++i) {
        while (d.dayOfWeek() > 5)
            d = d.addDays(1);
        s.bars.push_back(test::makeBar(d, close, close + range / 2, close - range / 2, close));
        d = d.addDays(1);
    }
    return s;
}

bool sameCell(const LabelFrame& a, int rowA, const LabelFrame& b, int rowB, int col)
{
    if (a.missing(rowA, col) != b.missing(rowB, col))
        return false;
    return std::abs(a.values(rowA, col) - b.values(rowB, col)) <= kTight;
}

// Rows after `row` a label needs: its horizon, or for the expiry labels the rows up to the expiry.
int horizonOf(const LabelSpec& spec, const LabelFrame& frame, int row, const QString& symbol)
{
    if (spec.horizon != kHorizonToExpiry)
        return spec.horizon;
    const auto& calendar = data::NseCalendar::instance();
    const QDate date = frame.dates[static_cast<std::size_t>(row)];
    const QDate expiry = *calendar.nearestExpiry(symbol, date);
    if (expiry == date)
        return 0;
    const auto end = std::upper_bound(frame.dates.begin(), frame.dates.end(), expiry);
    return static_cast<int>(end - frame.dates.begin()) - 1 - row;
}

}  // namespace

class TestEnginesLabels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void schemaAndDocs();
    void directionUsesVolatilityScaledDeadZone();
    void breachBandScalesWithSquareRootOfTime();
    void breakoutSpikeAndThetaEdge();
    void trapNeedsImpliedVolAndExpansion();
    void executionCostAndRegimes();
    void futureNotKnownIsMissingNeverZero();
    void labelsDependOnlyOnTheNextHSessions();
    void labelsDoNotSpanAGapInTheTickersSessions();
    void realStockLabels();
};

void TestEnginesLabels::schemaAndDocs()
{
    const FrameSchema schema = labelSchema();
    QCOMPARE(schema.columns.size(), labelTable().size());
    QCOMPARE(schema.fingerprint().size(), std::size_t(16));
    QCOMPARE(breachName("10", 1.5), std::string("breach_10_k150"));
    QCOMPARE(execCostName(2.5e5), std::string("exec_cost_2_5l"));
    QCOMPARE(execCostName(1e6), std::string("exec_cost_10l"));
    QFile doc(QStringLiteral(AEGIS_SOURCE_DIR "/docs/labels.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    QVERIFY2(doc.readAll().toStdString().find(renderLabelTableMarkdown()) != std::string::npos,
             "docs/labels.md: label table differs from label_table.cpp");
}

void TestEnginesLabels::directionUsesVolatilityScaledDeadZone()
{
    // Alternating +-1% returns: trailing daily sd known exactly; then chosen forward moves.
    data::BarSeries s = flatSeries(30);
    double c = 100;
    for (int i = 1; i < 30; ++i) {
        c *= (i % 2) ? 1.01 : 1 / 1.01;
        s.bars[i].open = s.bars[i].close = c;
        s.bars[i].high = c + 1, s.bars[i].low = c - 1;
    }
    const double closeT = s.bars[25].close;
    const LabelFrame base = buildLabels(s);
    std::vector<double> r;
    for (int i = 6; i <= 25; ++i)
        r.push_back(std::log(s.bars[i].close / s.bars[i - 1].close));
    double mean = 0;
    for (double v : r) mean += v / r.size();
    double var = 0;
    for (double v : r) var += (v - mean) * (v - mean) / (r.size() - 1);
    const double deadZone = kDirectionDeadZone * std::sqrt(var);
    QVERIFY(std::abs(*base.value(25, "sigma_annual") - std::sqrt(var * 252)) < 1e-12);
    QCOMPARE(*base.value(25, "sigma_is_implied"), 0.0);

    for (const auto& [move, expected] : std::vector<std::pair<double, double>>{
             {1.5 * deadZone, 1.0}, {0.5 * deadZone, 0.0}, {-0.5 * deadZone, 0.0}, {-1.5 * deadZone, -1.0}}) {
        data::BarSeries changed = s;
        changed.bars[26].close = closeT * std::exp(move);
        const LabelFrame f = buildLabels(changed);
        QCOMPARE(*f.value(25, "direction_1"), expected);
        QVERIFY(std::abs(*f.value(25, "move_1") - std::abs(move)) < 1e-12);
    }
    // Dead zone grows with sqrt(h): the 3-session label at the same t.
    data::BarSeries three = s;
    three.bars[28].close = closeT * std::exp(1.2 * deadZone);  // outside for h = 1 but inside sqrt(3) x
    QCOMPARE(*buildLabels(three).value(25, "direction_3"), 0.0);
}

void TestEnginesLabels::breachBandScalesWithSquareRootOfTime()
{
    // Implied vol 20% annual, close 100: the 1-sigma band for H sessions is 0.2 x sqrt(H / 252).
    data::BarSeries s = flatSeries(80, 100.0, 0.01);
    std::vector<QDate> dates;
    for (const auto& bar : s.bars)
        dates.push_back(bar.session);
    const ImpliedVolatility iv(dates, std::vector<double>(dates.size(), 0.20));
    const int t = 40;
    for (int h : kBreachHorizons) {
        const double band = 0.20 * std::sqrt(h / 252.0);
        for (const auto& [factor, expected] : std::vector<std::pair<double, double>>{{0.99, 0.0}, {1.01, 1.0}}) {
            data::BarSeries path = s;
            path.bars[t + h].high = 100.0 * std::exp(factor * band);  // the last session of the window
            path.bars[t + h].close = path.bars[t + h].open = 100.0;
            const LabelFrame f = buildLabels(path, {&iv, {}});
            QCOMPARE(*f.value(t, breachName(std::to_string(h), 1.0)), expected);
            QCOMPARE(*f.value(t, breachName(std::to_string(h), 1.5)), 0.0);
            QCOMPARE(*f.value(t, "sigma_is_implied"), 1.0);
            // One session later the extreme is outside a shorter window ending before it? No: it is
            // at t+h, inside the window of t+1 as well; but outside the window of t-1.
            QCOMPARE(*f.value(t - 1, breachName(std::to_string(h), 1.0)), 0.0);
        }
    }
    // The expiry label uses the calendar's sessions to the next monthly stock expiry.
    const LabelFrame f = buildLabels(s, {&iv, {}});
    const int horizon = horizonOf(labelTable()[labelSchema().indexOf(breachName("exp", 1.0))], f, t, "F");
    QVERIFY(horizon > 0 && horizon <= 25);
    QVERIFY(!f.isMissing(t, breachName("exp", 1.0)));
}

void TestEnginesLabels::breakoutSpikeAndThetaEdge()
{
    data::BarSeries s = flatSeries(40);  // TR = 2 every session: ATR14 = 2
    s.bars[31] = test::makeBar(s.bars[31].session, 100, 102.5, 99.4, 101);  // range 3.1 > 1.5 x 2
    s.bars[33] = test::makeBar(s.bars[33].session, 100, 102.9, 99.9, 100.5); // range 3.0 < 1.5 x ATR (> 2 now)
    const LabelFrame f = buildLabels(s);
    QCOMPARE(*f.value(30, "breakout_1"), 1.0);
    QCOMPARE(*f.value(30, "spike_up"), 1.0);
    QCOMPARE(*f.value(29, "breakout_2"), 1.0);
    QCOMPARE(*f.value(29, "breakout_1"), 0.0);
    QVERIFY(f.isMissing(29, "spike_up"));  // conditional label: no breakout, no spike label
    QCOMPARE(*f.value(32, "breakout_1"), 0.0);
    QVERIFY(f.isMissing(12, "breakout_1"));  // ATR14 not known yet at t = 12

    // theta edge: a 5-session move just above / below sqrt(2/pi) sigma sqrt(5/252).
    std::vector<QDate> dates;
    for (const auto& bar : s.bars)
        dates.push_back(bar.session);
    const ImpliedVolatility iv(dates, std::vector<double>(dates.size(), 0.16));
    const double implied = std::sqrt(2 / std::numbers::pi) * 0.16 * std::sqrt(5 / 252.0);
    for (const auto& [factor, expected] : std::vector<std::pair<double, double>>{{1.02, 1.0}, {0.98, 0.0}}) {
        data::BarSeries moved = flatSeries(40);
        moved.bars[25].close = 100 * std::exp(-factor * implied);
        QCOMPARE(*buildLabels(moved, {&iv, {}}).value(20, "theta_edge_5"), expected);
    }
}

void TestEnginesLabels::trapNeedsImpliedVolAndExpansion()
{
    // Quiet alternating +-0.5% for 40 sessions, then +-2% for the next 10 (expansion > 1.1 x).
    data::BarSeries s = flatSeries(60);
    double c = 100;
    for (int i = 1; i < 60; ++i) {
        const double step = i <= 40 ? 0.005 : 0.02;
        c *= (i % 2) ? 1 + step : 1 / (1 + step);
        s.bars[i].open = s.bars[i].close = c, s.bars[i].high = c * 1.01, s.bars[i].low = c * 0.99;
    }
    std::vector<QDate> dates;
    for (const auto& bar : s.bars)
        dates.push_back(bar.session);
    const LabelFrame noIv = buildLabels(s);
    QVERIFY(noIv.isMissing(40, "trap"));
    const double trailing = *noIv.value(40, "sigma_annual");
    const ImpliedVolatility rich(dates, std::vector<double>(dates.size(), 1.5 * trailing));
    const ImpliedVolatility fair(dates, std::vector<double>(dates.size(), 1.0 * trailing));
    QCOMPARE(*buildLabels(s, {&rich, {}}).value(40, "trap"), 1.0);
    QCOMPARE(*buildLabels(s, {&fair, {}}).value(40, "trap"), 0.0);   // implied not rich
    QCOMPARE(*buildLabels(s, {&rich, {}}).value(25, "trap"), 0.0);   // no expansion after t = 25
    QVERIFY(buildLabels(s, {&rich, {}}).isMissing(50, "trap"));      // future not known
    // The setup is known at t, up to the last session; the trap is 1 only on a setup day.
    QVERIFY(noIv.isMissing(59, "trap_setup"));
    QCOMPARE(*buildLabels(s, {&rich, {}}).value(59, "trap_setup"), 0.0);  // realised caught up with implied
    QCOMPARE(*buildLabels(s, {&fair, {}}).value(40, "trap_setup"), 0.0);
    QCOMPARE(*buildLabels(s, {&rich, {}}).value(25, "trap_setup"), 1.0);
}

void TestEnginesLabels::executionCostAndRegimes()
{
    data::BarSeries s = flatSeries(10);
    s.bars[5] = test::makeBar(s.bars[5].session, 100, 101.5, 98.5, 100.5, 2e5);
    const LabelFrame f = buildLabels(s);
    // Next-session cost at t = 4: CS spread of (4, 5) / 2 + sigma_P[5] x sqrt(Q / (C V)[5]).
    const double b = std::pow(std::log(101.0 / 99.0), 2) + std::pow(std::log(101.5 / 98.5), 2);
    const double g = std::pow(std::log(101.5 / 98.5), 2);
    const double k = 3 - 2 * std::sqrt(2.0);
    const double a = (std::sqrt(2 * b) - std::sqrt(b)) / k - std::sqrt(g / k);
    const double spread = std::max(0.0, 2 * (std::exp(a) - 1) / (1 + std::exp(a)));
    const double sigma = std::log(101.5 / 98.5) / std::sqrt(4 * std::log(2.0));
    for (double q : kOrderSizesInr) {
        const double expected = 1e4 * (spread / 2 + sigma * std::sqrt(q / (100.5 * 2e5)));
        QVERIFY(std::abs(*f.value(4, execCostName(q)) - expected) < 1e-9);
    }
    QVERIFY(*f.value(4, "exec_cost_10l") > *f.value(4, "exec_cost_1l"));
    QVERIFY(f.isMissing(9, "exec_cost_1l"));
    QVERIFY(f.isMissing(4, "exec_regime"));  // needs the universe

    // Regimes: eight tickers whose next-session volume differs; quartiles per date.
    std::vector<LabelFrame> universe;
    for (int i = 0; i < 8; ++i) {
        data::BarSeries t = flatSeries(10);
        for (auto& bar : t.bars)
            bar.volume = 1e4 * std::pow(2.0, i);
        universe.push_back(buildLabels(t));
    }
    assignExecRegimes(universe);
    const double expected[] = {3, 3, 2, 2, 1, 1, 0, 0};  // more volume -> cheaper
    for (int i = 0; i < 8; ++i)
        QCOMPARE(*universe[i].value(3, "exec_regime"), expected[i]);
    QVERIFY(universe[0].isMissing(9, "exec_regime"));
}

void TestEnginesLabels::futureNotKnownIsMissingNeverZero()
{
    data::BarSeries empty;
    QCOMPARE(buildLabels(empty).rows(), 0);
    const LabelFrame single = buildLabels(test::randomWalk("O", 1, 1));
    QCOMPARE(single.rows(), 1);
    QVERIFY(single.missing.all());

    const data::BarSeries s = test::randomWalk("M", 7, 300, QDate(2022, 1, 3));
    std::vector<QDate> dates;
    for (const auto& bar : s.bars)
        dates.push_back(bar.session);
    const ImpliedVolatility iv(dates, std::vector<double>(dates.size(), 0.25));
    const LabelFrame f = buildLabels(s, {&iv, {}});
    QVERIFY(f.values.allFinite());
    const int last = f.rows() - 1;
    for (const LabelSpec& spec : labelTable()) {
        if (spec.horizon == 0)
            continue;
        QVERIFY2(f.isMissing(last, spec.name), spec.name.c_str());
        if (spec.horizon > 0) {
            QVERIFY2(f.isMissing(last - spec.horizon + 1, spec.name), spec.name.c_str());
            if (spec.name != "spike_up")
                QVERIFY2(!f.isMissing(last - spec.horizon, spec.name), spec.name.c_str());
        }
    }
}

void TestEnginesLabels::labelsDependOnlyOnTheNextHSessions()
{
    std::mt19937 rng(99);
    for (int ticker = 0; ticker < 6; ++ticker) {
        const data::BarSeries s = test::randomWalk(QStringLiteral("L%1").arg(ticker), 500 + ticker, 400, QDate(2022, 1, 3));
        std::vector<QDate> dates;
        for (const auto& bar : s.bars)
            dates.push_back(bar.session);
        std::vector<double> ivValues(dates.size());
        for (auto& v : ivValues)
            v = std::uniform_real_distribution<double>(0.1, 0.4)(rng);
        const ImpliedVolatility iv(dates, ivValues);
        const LabelInputs inputs{&iv, {}};
        const LabelFrame full = buildLabels(s, inputs);
        std::uniform_int_distribution<int> pick(30, 300);
        for (int k = 0; k < 12; ++k) {
            const int t = pick(rng);
            // Columns grouped by how far ahead they look from this t.
            std::map<int, std::vector<int>> columnsByHorizon;
            for (int c = 0; c < full.cols(); ++c) {
                const LabelSpec& spec = labelTable()[static_cast<std::size_t>(c)];
                if (spec.horizon == kCrossSectional)
                    continue;
                const int h = horizonOf(spec, full, t, s.symbol);
                if (spec.horizon != kHorizonToExpiry || h > 0)
                    columnsByHorizon[h].push_back(c);
            }
            for (const auto& [h, columns] : columnsByHorizon) {
                // Known exactly once t+h is in the data, from bars up to t+h only.
                const LabelFrame upTo = buildLabels(test::truncated(s, dates[t + h]), inputs);
                const LabelFrame changed = buildLabels(test::perturbedAfter(s, dates[t + h], k), inputs);
                const LabelFrame early = h > 0 ? buildLabels(test::truncated(s, dates[t + h - 1]), inputs) : LabelFrame();
                for (int c : columns) {
                    const char* name = full.schema.columns[static_cast<std::size_t>(c)].c_str();
                    QVERIFY2(sameCell(full, t, upTo, t, c), name);
                    QVERIFY2(sameCell(full, t, changed, t, c), name);
                    if (h > 0)
                        QVERIFY2(early.missing(t, c), name);
                }
            }
        }
    }
}

// A ticker suspended for weeks has a next row weeks later: its "t+1" label would span them, and
// walk-forward purges only h + embargo sessions. Up to kLabelMissingSessionsAllowed missing sessions
// are tolerated; more leave the label missing, and rows after the gap are labelled again.
void TestEnginesLabels::labelsDoNotSpanAGapInTheTickersSessions()
{
    const data::BarSeries full = test::randomWalk("G", 11, 120, QDate(2022, 1, 3));
    const auto withoutRows = [&full](std::size_t from, std::size_t count) {
        data::BarSeries gapped = full;
        gapped.bars.erase(gapped.bars.begin() + std::ptrdiff_t(from), gapped.bars.begin() + std::ptrdiff_t(from + count));
        return gapped;
    };
    constexpr std::size_t before = 59;  // the last row before the gap
    const LabelFrame wide = buildLabels(withoutRows(before + 1, kLabelMissingSessionsAllowed + 1));
    QVERIFY(wide.isMissing(int(before), "direction_1"));
    QVERIFY(wide.isMissing(int(before), "breakout_1"));
    QVERIFY(wide.isMissing(int(before), "exec_cost_1l"));
    QVERIFY(wide.isMissing(int(before) - 4, "direction_5"));
    QVERIFY(!wide.isMissing(int(before) - 5, "direction_5"));
    QVERIFY(!wide.isMissing(int(before) - 1, "direction_1"));
    QVERIFY(!wide.isMissing(int(before) + 1, "direction_1"));
    QVERIFY(!wide.isMissing(int(before) + 1, "breach_5_k100"));

    const LabelFrame narrow = buildLabels(withoutRows(before + 1, kLabelMissingSessionsAllowed));
    QVERIFY(!narrow.isMissing(int(before), "direction_1"));
    QVERIFY(!narrow.isMissing(int(before) - 4, "direction_5"));

    // To expiry, the same rule: a span to the expiry that holds a gap too wide is missing (it read 1.0,
    // the jump across the suspension), one holding a tolerated gap is labelled. The gap is put where the
    // row before it still has the expiry after it, in a span of NSE sessions only (the random walk's
    // weekdays include holidays, which count as rows).
    const data::NseCalendar& calendar = data::NseCalendar::instance();
    constexpr std::size_t tooWide = kLabelMissingSessionsAllowed + 1;
    std::size_t gapStart = 0;
    for (std::size_t i = 40; i + tooWide + 5 < full.bars.size() && gapStart == 0; ++i) {  // past the sigma warm-up
        const std::optional<QDate> expiry = calendar.nearestExpiry(QStringLiteral("G"), full.bars[i - 1].session);
        if (!expiry || *expiry <= full.bars[i + tooWide].session)
            continue;
        bool sessionsOnly = true;
        for (std::size_t j = i - 1; j < full.bars.size() && full.bars[j].session <= *expiry; ++j)
            sessionsOnly = sessionsOnly && calendar.isSession(full.bars[j].session);
        if (sessionsOnly)
            gapStart = i;
    }
    QVERIFY(gapStart > 0);
    const int lastBeforeGap = int(gapStart) - 1;
    QVERIFY(buildLabels(withoutRows(gapStart, tooWide)).isMissing(lastBeforeGap, "breach_exp_k100"));
    QVERIFY(!buildLabels(withoutRows(gapStart, tooWide - 1)).isMissing(lastBeforeGap, "breach_exp_k100"));
}

void TestEnginesLabels::realStockLabels()
{
    const data::BarSeries stock = test::readCsv(test::sharedData("RELIANCE.csv"), "RELIANCE");
    const data::BarSeries nifty = test::readCsv(test::sharedData("NSEI_daily.csv"), "NIFTY");
    const ImpliedVolatility vix = ImpliedVolatility::fromVix(test::readCsv(test::sharedData("INDIAVIX_daily.csv"), "VIX"));
    const LabelFrame f = buildLabels(stock);
    QVERIFY(f.values.allFinite());
    QVERIFY(f.rowOf(QDate(2025, 3, 18)) < 0);  // placeholder dropped: no label computed from it
    const LabelFrame n = buildLabels(nifty, {&vix, {}});
    // 2024-08-02 close and the 2024-08-05 close give direction_1; VIX that day is the sigma.
    const int row = n.rowOf(QDate(2024, 8, 2));
    QVERIFY(row > 0);
    QCOMPARE(*n.value(row, "sigma_is_implied"), 1.0);
    QVERIFY(std::abs(*n.value(row, "sigma_annual") - vix.at(QDate(2024, 8, 2))) < kTight);
    QCOMPARE(*n.value(row, "direction_1"), -1.0);  // NIFTY fell 2.7% on 2024-08-05
    QVERIFY(*n.value(row, "move_1") > 0.02);
    // Share of UP/DOWN/NEUTRAL on 5 years of NIFTY: the dead zone leaves a real neutral class.
    int neutral = 0, known = 0;
    for (int r = 0; r < n.rows(); ++r) {
        if (const auto d = n.value(r, "direction_5")) {
            ++known;
            neutral += *d == 0.0;
        }
    }
    QVERIFY(neutral > known / 10 && neutral < known / 2);
}

QTEST_GUILESS_MAIN(TestEnginesLabels)
#include "test_engines_labels.moc"
