// Max pain, PCR, OI walls and skew against values worked out by hand on small chains.
#include "engines/options/option_chain_analytics.h"

#include <QTest>

#include <cmath>

using namespace aegis;

namespace {

const QDate kExpiry(2025, 12, 30);

data::OptionQuote quote(double openInterest, double impliedVolatilityPercent = 0.0)
{
    data::OptionQuote q;
    q.openInterest = openInterest;
    q.impliedVolatility = impliedVolatilityPercent;
    return q;
}

// Strikes 100/110/120; call OI 10/20/50, put OI 40/20/5.
data::OptionChain threeStrikeChain()
{
    data::OptionChain chain;
    chain.symbol = QStringLiteral("TEST");
    chain.underlyingValue = 108.0;
    chain.expiries = {kExpiry};
    chain.strikes = {
        {100.0, kExpiry, quote(10), quote(40)},
        {110.0, kExpiry, quote(20), quote(20)},
        {120.0, kExpiry, quote(50), quote(5)},
    };
    return chain;
}

engines::ExpiryAnalytics analysed(const data::OptionChain& chain, QDate expiry, int sessionDays)
{
    auto result = engines::analyseExpiry(chain, expiry, sessionDays);
    if (!std::holds_alternative<engines::ExpiryAnalytics>(result))
        qFatal("expected analytics: %s", qPrintable(std::get<engines::ChainUnavailable>(result).reason));
    return std::get<engines::ExpiryAnalytics>(std::move(result));
}

}  // namespace

class OptionChainAnalyticsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void payoutMatchesHandComputation()
    {
        const auto chain = threeStrikeChain();
        // At 105: calls 10*5 = 50; puts 20*5 + 5*15 = 175.
        QCOMPARE(engines::holderPayoutAt(chain, kExpiry, 105.0), 225.0);
        QCOMPARE(engines::holderPayoutAt(chain, kExpiry, 100.0), 300.0);
        QCOMPARE(engines::holderPayoutAt(chain, kExpiry, 110.0), 150.0);
        QCOMPARE(engines::holderPayoutAt(chain, kExpiry, 120.0), 400.0);
    }

    void maxPainIsTheMinimumPayoutStrike()
    {
        const engines::ExpiryAnalytics analytics = analysed(threeStrikeChain(), kExpiry, 5);
        QCOMPARE(analytics.maxPain.strike, 110.0);
        QCOMPARE(analytics.maxPain.minimumPayout, 150.0);
        QCOMPARE(analytics.maxPain.lower, 110.0);
        QCOMPARE(analytics.maxPain.upper, 110.0);
        QCOMPARE(analytics.maxPain.confidence, 1.0);  // a one-strike zone inside a 20-point book
        QVERIFY(analytics.putCallRatio.has_value());
        QVERIFY(std::abs(*analytics.putCallRatio - 65.0 / 80.0) < 1e-12);
    }

    void zoneWidensWhenPayoutsAreFlat()
    {
        // Symmetric OI at five strikes makes neighbouring payouts nearly equal to the minimum.
        data::OptionChain chain;
        chain.symbol = QStringLiteral("FLAT");
        chain.underlyingValue = 200.0;
        for (double k : {180.0, 190.0, 200.0, 210.0, 220.0})
            chain.strikes.push_back({k, kExpiry, quote(k >= 200.0 ? 1000 : 1), quote(k <= 200.0 ? 1000 : 1)});
        chain.strikes.push_back({300.0, kExpiry, quote(1), std::nullopt});
        chain.strikes.push_back({100.0, kExpiry, std::nullopt, quote(1)});
        const engines::ExpiryAnalytics analytics = analysed(chain, kExpiry, 5);
        QCOMPARE(analytics.maxPain.strike, 200.0);
        QVERIFY(analytics.maxPain.lower <= 200.0);
        QVERIFY(analytics.maxPain.upper >= 200.0);
        for (double k = analytics.maxPain.lower; k <= analytics.maxPain.upper; k += 10.0)
            QVERIFY(engines::holderPayoutAt(chain, kExpiry, k) <= analytics.maxPain.minimumPayout * 1.05 + 1e-9);
        QVERIFY(analytics.maxPain.confidence >= 0.0 && analytics.maxPain.confidence <= 1.0);
    }

    void wallsAreTheLargestOpenInterestStrikes()
    {
        const engines::ExpiryAnalytics analytics = analysed(threeStrikeChain(), kExpiry, 5);
        QCOMPARE(analytics.callWalls.size(), std::size_t(3));
        QCOMPARE(analytics.callWalls[0].strike, 120.0);
        QCOMPARE(analytics.callWalls[0].openInterest, 50.0);
        QCOMPARE(analytics.putWalls[0].strike, 100.0);
        QCOMPARE(analytics.putWalls[2].strike, 120.0);
    }

    void skewReadsTheSmileOneStandardDeviationOut()
    {
        data::OptionChain chain;
        chain.symbol = QStringLiteral("SMILE");
        chain.underlyingValue = 100.0;
        for (double k = 80.0; k <= 120.0; k += 5.0) {
            const double putIv = 20.0 + (100.0 - k) * 0.2;  // percent: puts richer below spot
            chain.strikes.push_back({k, kExpiry, quote(100, 20.0), quote(100, putIv)});
        }
        const engines::ExpiryAnalytics analytics = analysed(chain, kExpiry, 63);
        QVERIFY(analytics.skew.has_value());
        const engines::ChainSkew& skew = *analytics.skew;
        QVERIFY(std::abs(skew.atmIv - 0.20) < 1e-12);
        QCOMPARE(*analytics.atmIv, skew.atmIv);
        // T = 63/252 = 0.25 → one standard deviation = 0.2 × 0.5 = 0.1 in log space.
        QVERIFY(std::abs(skew.downStrike - 100.0 * std::exp(-0.1)) < 1e-9);
        const double expectedPutIv = (20.0 + (100.0 - skew.downStrike) * 0.2) / 100.0;
        QVERIFY(std::abs(skew.putSkew - (expectedPutIv - 0.20)) < 1e-12);
        QVERIFY(std::abs(skew.callSkew) < 1e-12);
        QVERIFY(skew.netSkew > 0.018 && skew.netSkew < 0.020);
    }

    void skewIsMissingWithoutImpliedVols()
    {
        const engines::ExpiryAnalytics analytics = analysed(threeStrikeChain(), kExpiry, 5);
        QVERIFY(!analytics.skew.has_value());
        QVERIFY(!analytics.atmIv.has_value());
    }

    // Quotes around spot but none one standard deviation out: no skew, but the ATM IV stands (it used
    // to go with the skew, and the seller's sigma fell back to realised vol).
    void atmIvStandsWhenASkewWingIsNotQuoted()
    {
        data::OptionChain chain;
        chain.symbol = QStringLiteral("NARROW");
        chain.underlyingValue = 100.0;
        for (double k = 98.0; k <= 102.0; k += 1.0)
            chain.strikes.push_back({k, kExpiry, quote(100, 30.0), quote(100, 32.0)});
        const engines::ExpiryAnalytics analytics = analysed(chain, kExpiry, 63);
        QVERIFY(!analytics.skew.has_value());
        QVERIFY(analytics.atmIv.has_value());
        QVERIFY(std::abs(*analytics.atmIv - 0.31) < 1e-12);
    }

    void missingExpiryIsUnavailableWithAReason()
    {
        const auto result = engines::analyseExpiry(threeStrikeChain(), QDate(2026, 1, 27), 5);
        QVERIFY(std::holds_alternative<engines::ChainUnavailable>(result));
        QVERIFY(std::get<engines::ChainUnavailable>(result).reason.contains(QStringLiteral("2026-01-27")));
    }
};

QTEST_APPLESS_MAIN(OptionChainAnalyticsTest)
#include "test_option_chain_analytics.moc"
