// The DEMO market: determinism, coverage of the universe and calendar, bar consistency at every
// interval, VIX and index coherence, cross-sectional structure, the planted signal against the
// martingale null, option chains, and the store writer.
#include "data/calendar/nse_calendar.h"
#include "data/demo/demo_generator.h"
#include "data/demo/demo_market.h"
#include "data/demo/demo_option_chains.h"
#include "data/demo/demo_store_writer.h"
#include "data/store/market_store.h"
#include "data/universe/universe.h"

#include "demo_test_statistics.h"

#include <sqlite3.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

using namespace aegis::data;
using demo_test::correlation;
using demo_test::lagOneCorrelation;
using demo_test::logReturns;
using demo_test::rocAuc;

namespace {

const QDate kEndDate(2025, 11, 21);
constexpr std::uint64_t kSeed = 42;

DemoOptions optionsFor(std::uint64_t seed, bool planted)
{
    DemoOptions options;
    options.seed = seed;
    options.years = 5;
    options.endDate = kEndDate;
    options.plantedSignal = planted;
    return options;
}

class Fnv1a {
public:
    void add(const void* data, std::size_t size)
    {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            hash_ ^= bytes[i];
            hash_ *= 0x100000001B3ULL;
        }
    }
    void add(double value) { add(&value, sizeof value); }
    void add(std::int64_t value) { add(&value, sizeof value); }
    void add(const QString& text) { add(text.constData(), static_cast<std::size_t>(text.size()) * sizeof(QChar)); }
    std::uint64_t value() const { return hash_; }

private:
    std::uint64_t hash_ = 0xCBF29CE484222325ULL;
};

void hashSeries(Fnv1a& hash, const BarSeries& series)
{
    hash.add(series.symbol);
    for (const Bar& bar : series.bars) {
        hash.add(bar.utc);
        hash.add(static_cast<std::int64_t>(bar.session.toJulianDay()));
        for (const double value : {bar.open, bar.high, bar.low, bar.close, bar.volume})
            hash.add(value);
    }
}

void hashQuote(Fnv1a& hash, const std::optional<OptionQuote>& quote)
{
    if (!quote)
        return;
    for (const double value : {quote->openInterest, quote->changeInOpenInterest, quote->totalTradedVolume,
                               quote->impliedVolatility, quote->lastPrice, quote->bidPrice, quote->askPrice})
        hash.add(value);
}

std::uint64_t marketHash(const DemoMarket& market)
{
    Fnv1a hash;
    for (const DemoSeries& series : market.series) {
        hashSeries(hash, series.daily);
        hashSeries(hash, series.fiveMinute);
        hashSeries(hash, series.oneMinute);
    }
    for (const OptionChain& chain : market.optionChains) {
        hash.add(chain.symbol);
        hash.add(chain.takenAtUtc);
        hash.add(chain.underlyingValue);
        for (const OptionStrike& strike : chain.strikes) {
            hash.add(strike.strike);
            hash.add(static_cast<std::int64_t>(strike.expiry.toJulianDay()));
            hashQuote(hash, strike.call);
            hashQuote(hash, strike.put);
        }
    }
    return hash.value();
}

bool isStock(const DemoSeries& series)
{
    return series.ticker.kind == TickerKind::Stock;
}

// Pooled over every stock: mean lag-1 autocorrelation of daily log returns, and the ROC AUC of
// "yesterday's return" as a score for "today's return is positive" (zero returns left out).
struct DirectionPredictability {
    double meanLagOneCorrelation = 0.0;
    double auc = 0.0;
};

DirectionPredictability directionPredictability(const DemoMarket& market)
{
    std::vector<std::pair<double, bool>> scored;
    double correlationSum = 0.0;
    int stocks = 0;
    for (const DemoSeries& series : market.series) {
        if (!isStock(series))
            continue;
        const std::vector<double> returns = logReturns(series.daily.bars);
        correlationSum += lagOneCorrelation(returns);
        ++stocks;
        for (std::size_t t = 1; t < returns.size(); ++t) {
            if (returns[t] != 0.0)
                scored.emplace_back(returns[t - 1], returns[t] > 0.0);
        }
    }
    return {correlationSum / stocks, rocAuc(scored)};
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// What a reader can see of a store, enough to tell whether a write changed anything.
QStringList storeContents(const MarketStore& store, const std::vector<QString>& chainSymbols)
{
    QStringList lines;
    for (const SeriesSummary& summary : store.summaries()) {
        lines << QStringLiteral("%1 %2 %3 rows %4..%5 %6")
                     .arg(summary.symbol, toString(summary.interval), toString(summary.source))
                     .arg(summary.rows)
                     .arg(summary.firstFinal.toString(Qt::ISODate), summary.lastFinal.toString(Qt::ISODate));
        const BarSeries bars = store.loadBars(summary.symbol, summary.interval);
        double closeSum = 0.0;
        for (const Bar& bar : bars.bars)
            closeSum += bar.close;
        lines << QStringLiteral("  close sum %1").arg(closeSum, 0, 'g', 17);
        lines << QStringLiteral("  fetch log %1").arg(store.fetchLog(summary.symbol, 1000).size());
    }
    for (const QString& symbol : chainSymbols) {
        const std::optional<OptionChain> chain = store.latestOptionChain(symbol);
        lines << (chain ? QStringLiteral("chain %1 at %2 underlying %3 strikes %4")
                              .arg(symbol)
                              .arg(chain->takenAtUtc)
                              .arg(chain->underlyingValue, 0, 'g', 17)
                              .arg(chain->strikes.size())
                        : QStringLiteral("no chain %1").arg(symbol));
    }
    return lines;
}

}  // namespace

class TestDataDemo : public QObject {
    Q_OBJECT

private:
    DemoMarket market_;
    DemoMarket planted_;
    double generationSeconds_ = 0.0;

    // A few series keep the store tests quick; the writer treats any DemoMarket the same way.
    DemoMarket niftyStockAndVix(const QString& stock) const
    {
        DemoMarket market = market_;
        market.series = {*market_.find(kNiftySymbol), *market_.find(stock), *market_.find(kVixSymbol)};
        market.optionChains = {*market_.findChain(kNiftySymbol)};
        return market;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        market_ = generateDemoMarket(optionsFor(kSeed, false));
        generationSeconds_ = timer.nsecsElapsed() / 1e9;
        planted_ = generateDemoMarket(optionsFor(kSeed, true));
        qInfo("DEMO market generated in %.2f s", generationSeconds_);
    }

    void coversTheUniverseAndVix()
    {
        const Universe universe = Universe::builtIn();
        QCOMPARE(static_cast<int>(universe.pickable().size()), 503);
        QCOMPARE(static_cast<int>(market_.series.size()), 504);
        for (std::size_t i = 0; i < universe.pickable().size(); ++i)
            QCOMPARE(market_.series[i].ticker.symbol, universe.pickable()[i].symbol);
        QCOMPARE(market_.series.back().ticker.symbol, kVixSymbol);
        for (const DemoSeries& series : market_.series) {
            for (const BarSeries* bars : {&series.daily, &series.fiveMinute, &series.oneMinute}) {
                QVERIFY2(!bars->empty(), qPrintable(series.ticker.symbol));
                QVERIFY(bars->source == DataSource::Demo);
                QCOMPARE(bars->symbol, series.ticker.symbol);
            }
        }
        for (const OptionChain& chain : market_.optionChains)
            QVERIFY(chain.source == DataSource::Demo);
    }

    void sessionsAreTheCalendars()
    {
        const std::vector<QDate> sessions = NseCalendar::instance().sessionsBetween(kEndDate.addYears(-5), kEndDate);
        QCOMPARE(market_.firstSession, QDate(2020, 11, 23));
        QCOMPARE(market_.lastSession, kEndDate);
        QVERIFY(sessions.size() > 1200);
        for (const DemoSeries& series : market_.series) {
            QCOMPARE(series.daily.size(), sessions.size());
            for (std::size_t t = 0; t < sessions.size(); ++t) {
                QCOMPARE(series.daily.bars[t].session, sessions[t]);
                const auto times = NseCalendar::instance().sessionTimes(sessions[t]);
                QCOMPARE(series.daily.bars[t].utc, times->openUtc.toSecsSinceEpoch());
            }
        }
    }

    void sameSeedIsBitIdenticalAndAnotherSeedDiffers()
    {
        const std::uint64_t original = marketHash(market_);
        QCOMPARE(marketHash(generateDemoMarket(optionsFor(kSeed, false))), original);
        const DemoMarket other = generateDemoMarket(optionsFor(kSeed + 1, false));
        QVERIFY(marketHash(other) != original);
        QVERIFY(other.find(QStringLiteral("RELIANCE"))->daily.bars.back().close
                != market_.find(QStringLiteral("RELIANCE"))->daily.bars.back().close);
    }

    void everyBarIsFinitePositiveAndConsistent()
    {
        for (const DemoMarket* market : {&market_, &planted_}) {
            for (const DemoSeries& series : market->series) {
                for (const BarSeries* bars : {&series.daily, &series.fiveMinute, &series.oneMinute}) {
                    std::int64_t previousUtc = std::numeric_limits<std::int64_t>::min();
                    for (const Bar& bar : bars->bars) {
                        for (const double value : {bar.open, bar.high, bar.low, bar.close}) {
                            QVERIFY2(std::isfinite(value) && value > 0.0, qPrintable(series.ticker.symbol));
                        }
                        QVERIFY(std::isfinite(bar.volume) && bar.volume >= 0.0);
                        QVERIFY2(bar.low <= std::min(bar.open, bar.close), qPrintable(series.ticker.symbol));
                        QVERIFY2(bar.high >= std::max(bar.open, bar.close), qPrintable(series.ticker.symbol));
                        QVERIFY(bar.utc > previousUtc);
                        QVERIFY(bar.final);
                        previousUtc = bar.utc;
                    }
                }
            }
        }
    }

    void intradayBarsAddUpToTheDailyBar()
    {
        const NseCalendar& calendar = NseCalendar::instance();
        for (const DemoSeries& series : market_.series) {
            const std::size_t sessions = series.daily.size();
            for (const BarSeries* intraday : {&series.oneMinute, &series.fiveMinute}) {
                const std::int64_t spacing = intraday->interval == Interval::OneMinute ? 60 : 300;
                std::map<QDate, std::vector<Bar>> bySession;
                for (const Bar& bar : intraday->bars)
                    bySession[bar.session].push_back(bar);
                QCOMPARE(static_cast<int>(bySession.size()), 5);
                for (std::size_t t = sessions - 5; t < sessions; ++t) {
                    const Bar& daily = series.daily.bars[t];
                    const std::vector<Bar>& bars = bySession[daily.session];
                    QVERIFY2(!bars.empty(), qPrintable(series.ticker.symbol));
                    const auto times = calendar.sessionTimes(daily.session);
                    const std::int64_t minutes = (times->closeUtc.toSecsSinceEpoch() - times->openUtc.toSecsSinceEpoch()) / 60;
                    QCOMPARE(static_cast<std::int64_t>(bars.size()), minutes * 60 / spacing);
                    QCOMPARE(bars.front().utc, times->openUtc.toSecsSinceEpoch());
                    double high = 0.0, low = 1e300, volume = 0.0;
                    for (std::size_t k = 0; k < bars.size(); ++k) {
                        QCOMPARE(bars[k].utc, bars.front().utc + static_cast<std::int64_t>(k) * spacing);
                        QCOMPARE(NseCalendar::istDate(bars[k].utc), daily.session);
                        high = std::max(high, bars[k].high);
                        low = std::min(low, bars[k].low);
                        volume += bars[k].volume;
                    }
                    QCOMPARE(bars.front().open, daily.open);
                    QCOMPARE(bars.back().close, daily.close);
                    QCOMPARE(high, daily.high);
                    QCOMPARE(low, daily.low);
                    QCOMPARE(volume, daily.volume);
                }
            }
        }
    }

    // Mapping a path that stayed inside the open-close range, or barely left it, onto the daily wick made
    // one minute a flash move to the low and straight back (2 % on a stock's first minute, half its
    // day's range; on a NIFTY session fifty times the usual variance of its window). No minute may
    // cover a large part of its day's range.
    void noMinuteIsAFlashMoveToTheWick()
    {
        double worst = 0.0;
        QString where;
        for (const DemoSeries& series : market_.series) {
            std::map<QDate, std::vector<double>> moves;
            for (std::size_t k = 1; k < series.oneMinute.size(); ++k) {
                const Bar& bar = series.oneMinute.bars[k];
                if (bar.session == series.oneMinute.bars[k - 1].session)
                    moves[bar.session].push_back(std::abs(bar.close - series.oneMinute.bars[k - 1].close));
            }
            for (const Bar& daily : series.daily.bars) {
                const auto found = moves.find(daily.session);
                if (found == moves.end())
                    continue;
                // A range of a few ticks is crossed by any tick (some DEMO stocks drift to a few rupees).
                double tick = std::numeric_limits<double>::infinity();
                for (const double move : found->second)
                    tick = move > 0.0 ? std::min(tick, move) : tick;
                if (daily.high - daily.low < 20.0 * tick)
                    continue;
                const double share = *std::max_element(found->second.begin(), found->second.end()) / (daily.high - daily.low);
                if (share > worst) {
                    worst = share;
                    where = series.ticker.symbol + QLatin1Char(' ') + daily.session.toString(Qt::ISODate);
                }
            }
        }
        qInfo("largest one-minute move as a share of its day's range: %.3f (%s)", worst, qPrintable(where));
        QVERIFY2(worst < 0.4, qPrintable(QStringLiteral("%1 at %2").arg(worst).arg(where)));
    }

    void intradayVolumeIsUShaped()
    {
        double opening = 0.0, midday = 0.0, closing = 0.0;
        for (const DemoSeries& series : market_.series) {
            if (!isStock(series))
                continue;
            for (std::size_t k = 0; k < series.fiveMinute.size(); ++k) {
                const std::size_t slot = k % 75;  // 75 five-minute bars in a regular session
                if (slot < 6)
                    opening += series.fiveMinute.bars[k].volume;
                else if (slot >= 34 && slot < 40)
                    midday += series.fiveMinute.bars[k].volume;
                else if (slot >= 69)
                    closing += series.fiveMinute.bars[k].volume;
            }
        }
        QVERIFY2(opening > 1.5 * midday, qPrintable(QString::number(opening / midday)));
        QVERIFY2(closing > 1.5 * midday, qPrintable(QString::number(closing / midday)));
    }

    void vixIsPositiveAndTracksNiftyVolatility()
    {
        const std::vector<Bar>& vix = market_.find(kVixSymbol)->daily.bars;
        const std::vector<double> nifty = logReturns(market_.find(kNiftySymbol)->daily.bars);
        std::vector<double> vixLevels, realised;
        double levelSum = 0.0;
        for (const Bar& bar : vix) {
            QVERIFY(bar.low > 0.0);
            levelSum += bar.close;
        }
        constexpr std::size_t window = 21;
        for (std::size_t t = window; t < nifty.size(); ++t) {
            double sumSquares = 0.0;
            for (std::size_t s = t - window; s < t; ++s)
                sumSquares += nifty[s] * nifty[s];
            realised.push_back(100.0 * std::sqrt(252.0 * sumSquares / window));
            vixLevels.push_back(vix[t].close);  // vix[t] closes after nifty[t - 1], the window's last return
        }
        const double meanVix = levelSum / static_cast<double>(vix.size());
        QVERIFY2(meanVix > 10.0 && meanVix < 35.0, qPrintable(QString::number(meanVix)));
        const double vixVsRealised = correlation(vixLevels, realised);
        QVERIFY2(vixVsRealised > 0.6, qPrintable(QString::number(vixVsRealised)));
        // The risk premium: implied above realised on average.
        double realisedSum = 0.0, vixSum = 0.0;
        for (std::size_t i = 0; i < realised.size(); ++i) {
            realisedSum += realised[i];
            vixSum += vixLevels[i];
        }
        const double ratio = vixSum / realisedSum;
        QVERIFY2(ratio > 1.0 && ratio < 1.6, qPrintable(QString::number(ratio)));
    }

    void indicesAreConsistentWithTheirConstituents()
    {
        const std::vector<double> nifty = logReturns(market_.find(kNiftySymbol)->daily.bars);
        const std::vector<double> bankNifty = logReturns(market_.find(kBankNiftySymbol)->daily.bars);
        const std::vector<double> finNifty = logReturns(market_.find(kFinNiftySymbol)->daily.bars);
        std::vector<double> equalWeighted(nifty.size(), 0.0);
        int stocks = 0;
        for (const DemoSeries& series : market_.series) {
            if (!isStock(series))
                continue;
            const std::vector<double> returns = logReturns(series.daily.bars);
            for (std::size_t t = 0; t < returns.size(); ++t)
                equalWeighted[t] += returns[t];
            ++stocks;
        }
        QVERIFY(correlation(nifty, equalWeighted) > 0.8);
        const std::vector<double> hdfcBank = logReturns(market_.find(QStringLiteral("HDFCBANK"))->daily.bars);
        const std::vector<double> tcs = logReturns(market_.find(QStringLiteral("TCS"))->daily.bars);
        QVERIFY(correlation(bankNifty, hdfcBank) > correlation(bankNifty, tcs) + 0.1);
        QVERIFY(correlation(finNifty, bankNifty) > 0.8);
        const double niftyFirst = market_.find(kNiftySymbol)->daily.bars.front().close;
        QVERIFY(std::abs(niftyFirst - 20000.0) < 0.01);
    }

    void industriesCoMoveMoreThanAcrossIndustries()
    {
        std::vector<std::pair<QString, std::vector<double>>> stocks;
        for (const DemoSeries& series : market_.series) {
            if (isStock(series) && stocks.size() < 160)
                stocks.emplace_back(series.ticker.industry, logReturns(series.daily.bars));
        }
        double within = 0.0, across = 0.0;
        int withinPairs = 0, acrossPairs = 0;
        for (std::size_t i = 0; i < stocks.size(); ++i) {
            for (std::size_t j = i + 1; j < stocks.size(); ++j) {
                const double c = correlation(stocks[i].second, stocks[j].second);
                if (stocks[i].first == stocks[j].first) {
                    within += c;
                    ++withinPairs;
                } else {
                    across += c;
                    ++acrossPairs;
                }
            }
        }
        within /= withinPairs;
        across /= acrossPairs;
        QVERIFY2(within > across + 0.05, qPrintable(QStringLiteral("%1 vs %2").arg(within).arg(across)));
        QVERIFY(across > 0.1);  // the market factor
    }

    void pricesAndLiquiditySpanTheMarket()
    {
        std::vector<double> tradedValues, betas, volumeVolCorrelations;
        double lowestClose = 1e300, highestClose = 0.0;
        const std::vector<double> nifty = logReturns(market_.find(kNiftySymbol)->daily.bars);
        for (const DemoSeries& series : market_.series) {
            if (!isStock(series))
                continue;
            std::vector<double> values, absReturns, logVolumes;
            const std::vector<double> returns = logReturns(series.daily.bars);
            for (std::size_t t = 0; t < series.daily.size(); ++t) {
                const Bar& bar = series.daily.bars[t];
                values.push_back(bar.close * bar.volume);
                if (t > 0) {
                    absReturns.push_back(std::abs(returns[t - 1]));
                    logVolumes.push_back(std::log(bar.volume));
                }
            }
            tradedValues.push_back(median(values));
            volumeVolCorrelations.push_back(correlation(absReturns, logVolumes));
            lowestClose = std::min(lowestClose, series.daily.bars.back().close);
            highestClose = std::max(highestClose, series.daily.bars.back().close);
            double covariance = 0.0, variance = 0.0;
            for (std::size_t t = 0; t < nifty.size(); ++t) {
                covariance += returns[t] * nifty[t];
                variance += nifty[t] * nifty[t];
            }
            betas.push_back(covariance / variance);
        }
        std::sort(tradedValues.begin(), tradedValues.end());
        const double liquiditySpread = std::log10(tradedValues.back() / tradedValues.front());
        qInfo("median traded value: ₹%.3g .. ₹%.3g a day (%.2f orders of magnitude); last closes ₹%.2f .. ₹%.2f",
              tradedValues.front(), tradedValues.back(), liquiditySpread, lowestClose, highestClose);
        QVERIFY2(liquiditySpread >= 3.0 && liquiditySpread <= 4.5, qPrintable(QString::number(liquiditySpread)));
        QVERIFY2(lowestClose < 40.0 && highestClose > 15000.0,
                 qPrintable(QStringLiteral("%1 .. %2").arg(lowestClose).arg(highestClose)));
        std::sort(betas.begin(), betas.end());
        const double lowBeta = betas[betas.size() / 10];
        const double highBeta = betas[betas.size() * 9 / 10];
        // Betas measured against the NIFTY come out narrower than the model's 0.5-1.6: the NIFTY
        // also carries industry and residual risk.
        QVERIFY2(lowBeta < 0.75 && highBeta > 1.2, qPrintable(QStringLiteral("%1 .. %2").arg(lowBeta).arg(highBeta)));
        const double volumeVol = median(volumeVolCorrelations);
        QVERIFY2(volumeVol > 0.2, qPrintable(QString::number(volumeVol)));
    }

    void plantedSignalIsWeakButLearnable()
    {
        const DirectionPredictability planted = directionPredictability(planted_);
        qInfo("planted: mean lag-1 correlation %.3f, sign AUC %.3f", planted.meanLagOneCorrelation, planted.auc);
        QVERIFY2(planted.meanLagOneCorrelation > 0.24 && planted.meanLagOneCorrelation < 0.36,
                 qPrintable(QString::number(planted.meanLagOneCorrelation)));
        QVERIFY2(planted.auc > 0.59 && planted.auc < 0.67, qPrintable(QString::number(planted.auc)));
    }

    void withoutTheSignalDirectionIsUnpredictable()
    {
        const DirectionPredictability none = directionPredictability(market_);
        qInfo("no signal: mean lag-1 correlation %.3f, sign AUC %.3f", none.meanLagOneCorrelation, none.auc);
        QVERIFY2(std::abs(none.meanLagOneCorrelation) < 0.03, qPrintable(QString::number(none.meanLagOneCorrelation)));
        QVERIFY2(std::abs(none.auc - 0.5) < 0.03, qPrintable(QString::number(none.auc)));
        // No calendar effect: the share of up days is the same on every weekday.
        std::map<int, std::pair<double, double>> upByWeekday;  // up stock-days, all stock-days
        for (const DemoSeries& series : market_.series) {
            if (!isStock(series))
                continue;
            for (std::size_t t = 1; t < series.daily.size(); ++t) {
                const double r = series.daily.bars[t].close - series.daily.bars[t - 1].close;
                if (r == 0.0)
                    continue;
                auto& [up, all] = upByWeekday[series.daily.bars[t].session.dayOfWeek()];
                up += r > 0.0 ? 1.0 : 0.0;
                all += 1.0;
            }
        }
        for (const auto& [weekday, counts] : upByWeekday) {
            if (counts.second < 50000.0)
                continue;  // the few Saturday and Sunday special sessions are too few to judge
            const double share = counts.first / counts.second;
            // The market factor moves all stocks together, so a weekday's 250 sessions pin the share only to ~0.013.
            QVERIFY2(std::abs(share - 0.5) < 0.04, qPrintable(QStringLiteral("weekday %1: %2").arg(weekday).arg(share)));
        }
    }

    void optionChainsLookLikeNses()
    {
        const NseCalendar& calendar = NseCalendar::instance();
        for (const QString& symbol : {kNiftySymbol, kBankNiftySymbol, kFinNiftySymbol})
            QVERIFY2(market_.findChain(symbol) != nullptr, qPrintable(symbol));
        QVERIFY(market_.optionChains.size() >= 8);

        const OptionChain& nifty = *market_.findChain(kNiftySymbol);
        const double spot = nifty.underlyingValue;
        QCOMPARE(spot, market_.find(kNiftySymbol)->daily.bars.back().close);
        QCOMPARE(nifty.takenAtUtc, calendar.sessionTimes(kEndDate)->closeUtc.toSecsSinceEpoch());
        const QDate after = kEndDate.addDays(1);
        QVERIFY(std::find(nifty.expiries.begin(), nifty.expiries.end(), *calendar.nearestExpiry(kNiftySymbol, after))
                != nifty.expiries.end());
        QVERIFY(std::find(nifty.expiries.begin(), nifty.expiries.end(),
                          *calendar.nextExpiry(kNiftySymbol, after, ExpiryCycle::Monthly))
                != nifty.expiries.end());

        const QDate nearest = nifty.expiries.front();
        double bestCallOi = 0.0, bestPutOi = 0.0, bestCallStrike = 0.0, bestPutStrike = 0.0;
        double callsAbove = 0.0, callsBelow = 0.0, putsAbove = 0.0, putsBelow = 0.0;
        double atmIv = 0.0, otmPutIv = 0.0, otmCallIv = 0.0;
        double previousCall = 1e300, previousPut = 0.0;
        for (const OptionStrike& row : nifty.strikes) {
            if (row.expiry != nearest)
                continue;
            QVERIFY(row.call && row.put);
            QCOMPARE(std::fmod(row.strike, 50.0), 0.0);
            QVERIFY(row.call->lastPrice > 0.0 && row.put->lastPrice > 0.0);
            QVERIFY(row.call->bidPrice <= row.call->lastPrice && row.call->lastPrice <= row.call->askPrice);
            QVERIFY(row.call->lastPrice <= previousCall && row.put->lastPrice >= previousPut);
            previousCall = row.call->lastPrice;
            previousPut = row.put->lastPrice;
            if (row.call->openInterest > bestCallOi) {
                bestCallOi = row.call->openInterest;
                bestCallStrike = row.strike;
            }
            if (row.put->openInterest > bestPutOi) {
                bestPutOi = row.put->openInterest;
                bestPutStrike = row.strike;
            }
            (row.strike > spot ? callsAbove : callsBelow) += row.call->openInterest;
            (row.strike > spot ? putsAbove : putsBelow) += row.put->openInterest;
            if (std::abs(row.strike - spot) <= 25.0)
                atmIv = row.call->impliedVolatility;
            if (std::abs(row.strike - 0.97 * spot) <= 25.0)
                otmPutIv = row.put->impliedVolatility;
            if (std::abs(row.strike - 1.03 * spot) <= 25.0)
                otmCallIv = row.call->impliedVolatility;
        }
        QCOMPARE(std::fmod(bestCallStrike, 500.0), 0.0);
        QCOMPARE(std::fmod(bestPutStrike, 500.0), 0.0);
        QVERIFY(bestCallStrike > spot && bestPutStrike < spot);
        QVERIFY(callsAbove > 2.0 * callsBelow);
        QVERIFY(putsBelow > 2.0 * putsAbove);
        QVERIFY2(otmPutIv > atmIv && otmPutIv > otmCallIv,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(otmPutIv).arg(atmIv).arg(otmCallIv)));
        const double vix = market_.find(kVixSymbol)->daily.bars.back().close;
        QVERIFY2(atmIv > 0.8 * vix && atmIv < 1.2 * vix, qPrintable(QStringLiteral("%1 vs %2").arg(atmIv).arg(vix)));
    }

    void blackScholesMatchesKnownValues()
    {
        // S = K = 100, T = 1, r = 5 %, q = 0, vol = 20 %: call 10.4506, put 5.5735 (Hull).
        QVERIFY(std::abs(demo::blackScholesPrice(true, 100, 100, 1, 0.05, 0, 0.2) - 10.4506) < 1e-4);
        QVERIFY(std::abs(demo::blackScholesPrice(false, 100, 100, 1, 0.05, 0, 0.2) - 5.5735) < 1e-4);
    }

    void generatorRunsOnAPlainWeekdayCalendar()
    {
        // The seam: a tiny universe on Mon–Fri sessions with Thursday expiries.
        std::vector<Ticker> pickable{{kNiftySymbol, "^NSEI", "Nifty 50", "Index", TickerKind::Index}};
        const std::vector<std::pair<QString, QString>> names{{"HDFCBANK", "HDFC Bank Ltd."}, {"TCS", "TCS Ltd."},
                                                             {"INFY", "Infosys Ltd."}, {"SBIN", "State Bank of India"}};
        for (const auto& [symbol, name] : names) {
            const QString industry = name.contains("Bank") ? "Financial Services" : "Information Technology";
            pickable.push_back({symbol, symbol + ".NS", name, industry, TickerKind::Stock});
        }
        const Ticker vix{kVixSymbol, "^INDIAVIX", "India VIX", "Index", TickerKind::Volatility};
        demo::DemoCalendarView calendar;
        for (QDate day(2024, 1, 1); day <= QDate(2024, 6, 28); day = day.addDays(1)) {
            if (day.dayOfWeek() > 5)
                continue;
            const std::int64_t open = QDateTime(day, QTime(3, 45), QTimeZone::utc()).toSecsSinceEpoch();
            calendar.sessions.push_back({day, open, open + 375 * 60});
        }
        const auto nextThursday = [](QDate from) {
            return from.addDays((4 - from.dayOfWeek() + 7) % 7);
        };
        calendar.nearestExpiry = [&](const QString&, QDate onOrAfter) { return std::optional(nextThursday(onOrAfter)); };
        calendar.nextExpiry = [&](const QString&, QDate onOrAfter, ExpiryCycle) {
            return std::optional(nextThursday(onOrAfter).addDays(7));
        };
        DemoOptions options = optionsFor(7, false);
        options.endDate = calendar.sessions.back().date;
        const DemoMarket market = demo::generateDemoMarket(options, pickable, vix, calendar);
        QCOMPARE(static_cast<int>(market.series.size()), 6);
        for (const DemoSeries& series : market.series) {
            QCOMPARE(series.daily.size(), calendar.sessions.size());
            QCOMPARE(series.oneMinute.size(), std::size_t{5 * 375});
            QCOMPARE(series.fiveMinute.size(), std::size_t{5 * 75});
        }
        QVERIFY(market.findChain(kNiftySymbol) != nullptr);
        QCOMPARE(static_cast<int>(market.findChain(kNiftySymbol)->expiries.size()), 2);
    }

    void rejectsImpossibleOptions()
    {
        DemoOptions options = optionsFor(kSeed, false);
        options.years = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateDemoMarket(options));
    }

    void writesToAStoreReplacingEarlierDemoData()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        MarketStore store(directory.filePath(MarketStore::defaultFileName()));

        const QString stock = QStringLiteral("RELIANCE");
        const DemoMarket first = niftyStockAndVix(stock);
        const DemoWriteSummary written = writeDemoMarket(first, store);
        QCOMPARE(written.seriesWritten, 9);
        QCOMPARE(written.chainsWritten, 1);

        const BarSeries niftyDaily = store.loadBars(kNiftySymbol, Interval::Daily);
        QVERIFY(niftyDaily.source == DataSource::Demo);
        QVERIFY(niftyDaily.bars == first.series[0].daily.bars);
        QVERIFY(store.loadBars(stock, Interval::FiveMinute).bars == first.series[1].fiveMinute.bars);
        QVERIFY(store.loadBars(kVixSymbol, Interval::OneMinute).bars == first.series[2].oneMinute.bars);
        const std::optional<OptionChain> chain = store.latestOptionChain(kNiftySymbol);
        QVERIFY(chain.has_value());
        QVERIFY(chain->source == DataSource::Demo);
        QCOMPARE(chain->strikes.size(), first.optionChains[0].strikes.size());
        QCOMPARE(chain->underlyingValue, first.optionChains[0].underlyingValue);

        // Writing another DEMO market replaces the old one wholesale: series it lacks are gone.
        const DemoMarket other = generateDemoMarket(optionsFor(kSeed + 1, false));
        DemoMarket second = other;
        second.series = {*other.find(kNiftySymbol), *other.find(stock)};
        second.optionChains.clear();
        const DemoWriteSummary replaced = writeDemoMarket(second, store);
        QCOMPARE(replaced.seriesRemoved, 9);
        QCOMPARE(static_cast<int>(store.summaries().size()), 6);
        QVERIFY(store.loadBars(kNiftySymbol, Interval::Daily).bars == second.series[0].daily.bars);
        QVERIFY(store.loadBars(kVixSymbol, Interval::Daily).empty());

        // Real data is never overwritten by or mixed with DEMO data.
        BarSeries real = second.series[1].daily;
        real.source = DataSource::Csv;
        store.deleteSeries(stock, Interval::Daily);
        store.upsertBars(real);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeDemoMarket(second, store));
        QVERIFY(store.loadBars(stock, Interval::Daily).source == DataSource::Csv);
        QVERIFY(store.loadBars(kNiftySymbol, Interval::Daily).bars == second.series[0].daily.bars);

        // Nor when real bars share a series with DEMO ones (imported into a DEMO store by a build before
        // the store refused that): the series reads as DEMO, and rewriting the DEMO market deleted its
        // real bars with the rest.
        store.deleteSeries(stock, Interval::Daily);
        const std::int64_t tenthBar = second.series[0].daily.bars[9].utc;
        {
            sqlite3* olderBuild = nullptr;
            QCOMPARE(sqlite3_open(store.path().toUtf8().constData(), &olderBuild), SQLITE_OK);
            const QByteArray sql = QStringLiteral("UPDATE bars SET source = 'csv' WHERE symbol = 'NIFTY' AND interval = '1d' "
                                                  "AND utc <= %1").arg(tenthBar).toUtf8();
            const int rc = sqlite3_exec(olderBuild, sql.constData(), nullptr, nullptr, nullptr);
            sqlite3_close(olderBuild);
            QCOMPARE(rc, SQLITE_OK);
        }
        QVERIFY(store.loadBars(kNiftySymbol, Interval::Daily).source == DataSource::Demo);
        try {
            writeDemoMarket(second, store);
            QFAIL("a series holding real bars was rewritten");
        } catch (const std::runtime_error& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("NIFTY 1d (10 non-DEMO bars)")), error.what());
        }
        const std::vector<SeriesSummary> after = store.summaries();
        const auto nifty = std::find_if(after.begin(), after.end(), [](const SeriesSummary& summary) {
            return summary.symbol == kNiftySymbol && summary.interval == Interval::Daily;
        });
        QVERIFY(nifty != after.end());
        QCOMPARE(nifty->nonDemoRows, std::int64_t(10));
        QCOMPARE(nifty->rows, std::int64_t(second.series[0].daily.bars.size()));
    }

    void interruptedWriteLeavesThePreviousContents()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        MarketStore store(directory.filePath(MarketStore::defaultFileName()));
        const QString stock = QStringLiteral("RELIANCE");
        const DemoMarket first = niftyStockAndVix(stock);
        writeDemoMarket(first, store);
        const std::vector<QString> chainSymbols{kNiftySymbol};
        const QStringList before = storeContents(store, chainSymbols);

        const DemoMarket other = generateDemoMarket(optionsFor(kSeed + 1, false));
        DemoMarket second = other;
        second.series = {*other.find(stock), *other.find(kNiftySymbol), *other.find(kVixSymbol)};
        second.optionChains = {*other.findChain(kNiftySymbol)};

        // Cancelled after two of three tickers: the old DEMO series were already deleted and two
        // new tickers written inside the transaction by then.
        std::vector<std::pair<int, int>> progressSeen;
        const auto cancelAfterTwo = [&](int done, int total) {
            progressSeen.emplace_back(done, total);
            if (done == 2)
                throw std::runtime_error("cancelled by test");
        };
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeDemoMarket(second, store, cancelAfterTwo));
        QCOMPARE(progressSeen, (std::vector<std::pair<int, int>>{{1, 3}, {2, 3}}));
        QCOMPARE(storeContents(store, chainSymbols), before);
        // Another connection (a reader such as the GUI) sees the same.
        QCOMPARE(storeContents(MarketStore(store.path()), chainSymbols), before);

        // A series the store refuses, after two tickers went in, rolls back the same way.
        DemoMarket invalid = second;
        invalid.series[2].daily.bars[10].close = std::nan("");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeDemoMarket(invalid, store));
        QCOMPARE(storeContents(store, chainSymbols), before);

        // A chain that fails validation, after every series went in, too.
        DemoMarket badChain = second;
        badChain.optionChains[0].underlyingValue = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeDemoMarket(badChain, store));
        QCOMPARE(storeContents(store, chainSymbols), before);

        // The store stays usable: the same write without the interruption goes through.
        writeDemoMarket(second, store);
        QVERIFY(storeContents(store, chainSymbols) != before);
        QVERIFY(store.loadBars(stock, Interval::Daily).bars == second.series[0].daily.bars);
    }

    void rewritingReplacesEarlierChainSnapshotsEvenNewerOnes()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        MarketStore store(directory.filePath(MarketStore::defaultFileName()));
        DemoMarket market = market_;
        market.series = {*market_.find(kNiftySymbol)};
        market.optionChains = {*market_.findChain(kNiftySymbol)};
        writeDemoMarket(market, store);

        // A DEMO market ending a session earlier has an older chain; it must still be the one read.
        DemoMarket earlier = market;
        earlier.optionChains[0].takenAtUtc -= 24 * 60 * 60;
        earlier.optionChains[0].underlyingValue += 1.0;
        writeDemoMarket(earlier, store);
        const std::optional<OptionChain> chain = store.latestOptionChain(kNiftySymbol);
        QVERIFY(chain);
        QCOMPARE(chain->takenAtUtc, earlier.optionChains[0].takenAtUtc);
        QCOMPARE(chain->underlyingValue, earlier.optionChains[0].underlyingValue);
        QCOMPARE(store.pruneOptionChains(kNiftySymbol, 1), 0);  // it is the only snapshot left

        // A real snapshot is never deleted to make room for a DEMO one.
        OptionChain real = market.optionChains[0];
        real.source = DataSource::Nse;
        real.takenAtUtc += 7 * 24 * 60 * 60;
        store.saveOptionChain(real);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeDemoMarket(market, store));
        QCOMPARE(store.latestOptionChain(kNiftySymbol)->takenAtUtc, real.takenAtUtc);
        QCOMPARE(store.pruneOptionChains(kNiftySymbol, 1), 1);  // the earlier DEMO one is still there too
    }

    void generationIsFast()
    {
        // Budget from the task: all 503 tickers in at most 5 s (a little slack for a shared machine).
        QVERIFY2(generationSeconds_ < 7.5, qPrintable(QString::number(generationSeconds_)));
    }
};

QTEST_GUILESS_MAIN(TestDataDemo)
#include "test_data_demo.moc"
