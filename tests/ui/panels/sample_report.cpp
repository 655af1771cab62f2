#include "sample_report.h"

#include <cmath>
#include <tuple>

namespace aegis::test {

using namespace engines::report;

namespace {

Edge sampleEdge(bool demonstrated)
{
    Edge edge;
    edge.demonstrated = demonstrated;
    edge.auc = demonstrated ? 0.64 : 0.51;
    edge.aucLow = demonstrated ? 0.61 : 0.48;
    edge.aucHigh = demonstrated ? 0.67 : 0.54;
    edge.brierSkill = 0.02;
    edge.ece = 0.015;
    edge.eceFloor = 0.012;
    edge.eceP = 0.31;
    edge.evaluatedRows = 12000;
    return edge;
}

}  // namespace

TickerReport sampleReport()
{
    TickerReport r;
    r.generatedAt = QDateTime(QDate(2025, 11, 28), QTime(10, 17, 55), Qt::UTC);
    r.meta = {QStringLiteral("NIFTY"), QStringLiteral("NIFTY 50"), QStringLiteral("index"), QStringLiteral("demo"),
              QDateTime(QDate(2025, 11, 27), QTime(10, 0), Qt::UTC), QStringLiteral("20251128T100000Z-abc12345"),
              QStringLiteral("0.1.0"), {QStringLiteral("DEMO data: a synthetic market, not real prices")}};
    r.market = {26204.55, -11.0, -0.00042, 11.24, -0.55, -0.0464, QStringLiteral("LOW_VOL_BULL"), QDate(2025, 11, 27),
                QDate(2025, 11, 27)};
    r.direction.today = {QStringLiteral("DOWN"), 0.41, 30.0, kMoveFromModel, 0.86, r.generatedAt, QStringLiteral("open"),
                         QStringLiteral("opening-range and VWAP position")};
    const std::vector<std::tuple<const char*, const char*, int>> horizons{
        {"t1", "Tomorrow", 1}, {"t3", "Next 3 Days", 3}, {"t5", "This Week", 5},
        {"t10", "Next Week", 10}, {"t20", "This Month", 20}, {"t40", "Next Month", 40}};
    double baseRate = 0.36;
    for (const auto& [key, label, sessions] : horizons) {
        Horizon h{QString::fromLatin1(key), QString::fromLatin1(label), sessions, {}};
        const bool edge = sessions == 1;
        baseRate += 0.01;
        const double conviction = edge ? 0.58 : baseRate;
        h.call = {QStringLiteral("UP"), conviction, conviction, 0.30, 1.0 - 0.30 - conviction, 50.0 * std::sqrt(sessions),
                  kMoveFromModel, sampleEdge(edge)};
        r.direction.horizons.push_back(h);
    }
    r.direction.riskScore = 0.12;
    r.direction.riskDefinition = QStringLiteral("P(adverse move >= 2 sigma over 5 sessions)");

    SafeRange range{25100.0, 27300.0, 30, 21, 0.11, QStringLiteral("india_vix"), 1.64, 0.10, {}, {}};
    r.seller.safeRange = range;
    r.seller.safeRangeExpiry = range;
    r.seller.safeRangeExpiry.horizonDays = 4;
    r.seller.safeRangeExpiry.sessions = 2;
    r.seller.maxPain = {26000.0, 26300.0, 0.7, 26200.0, 0.92, {26500.0, 27000.0}, {26000.0, 25500.0}, QDate(2025, 12, 2),
                        QDateTime(QDate(2025, 11, 27), QTime(10, 0), Qt::UTC), {}};
    r.seller.trap = {0.28, QStringLiteral("LOW"), 0.15, 0.13, {}};
    r.seller.skew = {0.012, -0.004, 0.016, QStringLiteral("chain"), {}};
    r.seller.expiryStress = {0.2, QStringLiteral("CALM")};
    r.seller.sessionsToExpiry = 2;
    r.seller.nextExpiry = QDate(2025, 12, 2);
    r.seller.referenceClose = 26204.55;
    r.seller.referenceSession = QDate(2025, 11, 27);
    for (double pct : {0.5, 1.0, 1.5, 2.0, 3.0})
        r.seller.breachProbabilities.push_back({pct, 26204.55 * pct / 100.0, 0.5 / pct, {}});
    r.seller.sellerFlag = {QStringLiteral("FAVOURABLE"), QStringLiteral("GREEN"), {QStringLiteral("VIX in its lowest quintile")}};
    r.seller.historicalHitRate = 0.91;
    r.seller.breachEdge = sampleEdge(true);

    // The five sessions after Thursday 27 Nov 2025.
    const std::vector<QDate> sessions{QDate(2025, 11, 28), QDate(2025, 12, 1), QDate(2025, 12, 2), QDate(2025, 12, 3),
                                      QDate(2025, 12, 4)};
    for (int d = 1; d <= 5; ++d)
        r.buyer.breakoutNext.push_back({d, 0.18 + 0.02 * d, QStringLiteral("LOW"), sessions[std::size_t(d - 1)], {}, true});
    // As the engine fills it: the next session to trade is breakout_next's first.
    r.buyer.breakoutToday = r.buyer.breakoutNext.front();
    r.buyer.breakoutToday.dayOffset = 0;
    r.buyer.spikeUpProb = 0.55;
    r.buyer.spikeDownProb = 0.45;
    r.buyer.spikeEdge = sampleEdge(true);
    r.buyer.breakoutLevels = {25900.0, 26500.0};
    double gamma = 0.35;
    for (const char* window : {"09:15-09:45", "09:45-10:45", "10:45-12:00", "12:00-14:00", "14:00-15:00", "15:00-15:30"}) {
        r.buyer.gammaWindows.push_back({QString::fromLatin1(window), gamma, 2.0 * gamma});
        gamma += 0.1;
    }
    r.buyer.gammaWindowsBasis = QStringLiteral("2025-11-27 vs the 20 sessions before");
    r.buyer.thetaEdge = {0.8, QStringLiteral("DONT_WASTE_PREMIUM")};
    r.buyer.thetaEdgeRecord = sampleEdge(true);
    r.buyer.regime = QStringLiteral("MEAN_REVERT");
    r.buyer.buyerEnvironment = {QStringLiteral("UNFAVOURABLE"), QStringLiteral("RED"),
                                {QStringLiteral("implied move exceeds expected realised move")}};
    r.buyer.historicalSpikeRate = 0.52;
    r.buyer.historicalSpikeBreakouts = 125;
    r.buyer.breakoutEdge = sampleEdge(true);

    r.execution.regime = QStringLiteral("LOW");
    r.execution.regimeProbability = 0.8;
    for (double value : {1e5, 2.5e5, 5e5, 1e6})
        r.execution.slippage.push_back({value, 1.0 * value / 1e5, 2.5 * value / 1e5});
    r.execution.verdict = {QStringLiteral("UP"), 50.0, 0.58, QStringLiteral("tomorrow's edge covers the round-trip cost")};

    r.evaluation.from = QDate(2021, 1, 1);
    r.evaluation.to = QDate(2025, 11, 27);
    ModelEvaluation up;
    up.engine = QStringLiteral("direction");
    up.target = QStringLiteral("direction_up");
    up.horizon = 1;
    up.n = 1000;
    up.auc = 0.64;
    up.aucLow = 0.61;
    up.aucHigh = 0.67;
    up.brierSkill = 0.021;
    up.ece = 0.02;
    up.eceFloor = 0.011;
    up.eceP = 0.04;
    up.edgeDemonstrated = true;
    r.evaluation.models.push_back(up);
    ModelEvaluation move;
    move.engine = QStringLiteral("direction");
    move.target = QStringLiteral("move_1_q50");
    move.horizon = 1;
    move.n = 1000;
    move.coverage = 0.48;
    move.nominalCoverage = 0.5;
    r.evaluation.models.push_back(move);
    return r;
}

data::BarSeries sampleDailyBars(int count)
{
    data::BarSeries series;
    series.symbol = QStringLiteral("NIFTY");
    series.interval = data::Interval::Daily;
    series.source = data::DataSource::Demo;
    QDate session(2025, 11, 27);
    std::vector<data::Bar> reversed;
    for (int i = 0; i < count; ++i) {
        while (session.dayOfWeek() > 5)
            session = session.addDays(-1);
        const double mid = 26000.0 + 300.0 * std::sin(i / 9.0) + 40.0 * ((i % 3) - 1);
        data::Bar bar;
        bar.session = session;
        bar.utc = QDateTime(session, QTime(3, 45), Qt::UTC).toSecsSinceEpoch();
        bar.open = mid - 30.0 * ((i % 2) ? 1.0 : -1.0);
        bar.close = mid + 30.0 * ((i % 2) ? 1.0 : -1.0);
        bar.high = std::max(bar.open, bar.close) + 45.0;
        bar.low = std::min(bar.open, bar.close) - 45.0;
        bar.volume = 1e6;
        reversed.push_back(bar);
        session = session.addDays(-1);
    }
    series.bars.assign(reversed.rbegin(), reversed.rend());
    return series;
}

}  // namespace aegis::test
