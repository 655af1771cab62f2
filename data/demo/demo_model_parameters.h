#pragma once

// Every constant of the DEMO market model in one place; docs/data-demo-market.md explains each one.
// Volatilities are daily log-return standard deviations unless the name says otherwise.

namespace aegis::data::demo {

struct GarchSpec {
    double longRunVol = 0.0;
    double alpha = 0.0;  // weight of yesterday's squared shock
    double beta = 0.0;   // weight of yesterday's variance
};

struct JumpSpec {
    double probabilityPerSession = 0.0;
    double scale = 0.0;  // jump = scale * Student-t(3) scaled to unit variance
};

inline constexpr GarchSpec kMarketGarch{0.0090, 0.09, 0.89};
inline constexpr JumpSpec kMarketJumps{0.006, 0.025};
inline constexpr double kIndustryVolLow = 0.0070;
inline constexpr double kIndustryVolHigh = 0.0100;
inline constexpr double kIndustryAlpha = 0.07;
inline constexpr double kIndustryBeta = 0.90;
inline constexpr double kIdioAlpha = 0.06;
inline constexpr double kIdioBeta = 0.91;
inline constexpr double kIdioJumpProbability = 0.004;
inline constexpr double kIdioJumpScaleInVols = 3.0;  // idiosyncratic jump scale in units of the stock's idio vol

// Stock cross-section. sizeScore in [0, 1] orders stocks from smallest to largest.
inline constexpr double kBetaLow = 0.5;
inline constexpr double kBetaHigh = 1.6;
inline constexpr double kIndustryLoadingLow = 0.7;
inline constexpr double kIndustryLoadingHigh = 1.3;
inline constexpr double kIdioVolSmallest = 0.021;  // sizeScore 0
inline constexpr double kIdioVolLargest = 0.011;   // sizeScore 1
inline constexpr double kLog10MarketCapCroreSmallest = 3.6;  // ₹4,000 crore
inline constexpr double kLog10MarketCapCroreLargest = 6.3;   // ₹20 lakh crore
inline constexpr double kLog10TradedValueSmallest = 6.4;     // ₹25 lakh a day
inline constexpr double kLog10TradedValueLargest = 9.8;      // ₹630 crore a day
inline constexpr double kLog10TradedValueNoise = 0.15;
// A stock's first close is drawn log-uniformly in this range; the NIFTY 50 names start in a
// narrower band, as large caps trade.
inline constexpr double kPriceLevelLow = 40.0;
inline constexpr double kPriceLevelHigh = 15000.0;
inline constexpr double kLargeCapPriceLevelLow = 150.0;
inline constexpr double kLargeCapPriceLevelHigh = 12000.0;

// Planted signal: target lag-1 autocorrelation of every stock's close-to-close log return.
inline constexpr double kPlantedReturnAutocorrelation = 0.30;
inline constexpr double kPlantedMaxIdioCoefficient = 0.85;

// Daily bar shape.
inline constexpr double kGapShareOfReturn = 0.35;  // overnight gap = share * r + noise
inline constexpr double kGapNoiseInVols = 0.25;
inline constexpr double kWickInVols = 0.5;         // high/low wicks ~ |N(0,1)| * this * conditional vol
inline constexpr double kVolumeAbsReturnElasticity = 0.5;
inline constexpr double kVolumeNoise = 0.25;

// Indices: level at the first session (anchored at the start for the same reason as stocks).
inline constexpr double kNiftyFirstLevel = 20000.0;
inline constexpr double kBankNiftyFirstLevel = 45000.0;
inline constexpr double kFinNiftyFirstLevel = 20000.0;
inline constexpr int kNiftyMembers = 50;
inline constexpr int kBankNiftyMembers = 12;
inline constexpr int kFinNiftyMembers = 20;
inline constexpr double kIndexWickShare = 0.55;  // index wick = share * (cap-weighted member wick)

// India VIX: GARCH(1,1) forecast of NIFTY variance over the next 22 sessions, annualised, times a
// mean-reverting risk premium.
inline constexpr GarchSpec kVixNiftyGarch{0.0100, 0.09, 0.89};
inline constexpr int kVixHorizonSessions = 22;
inline constexpr double kVixPremiumMean = 1.20;
inline constexpr double kVixPremiumPersistence = 0.90;
inline constexpr double kVixPremiumNoise = 0.02;
inline constexpr double kVixPremiumLow = 1.05;
inline constexpr double kVixPremiumHigh = 1.35;
inline constexpr double kVixOpenNoise = 0.02;
inline constexpr double kVixWick = 0.03;

// Intraday.
inline constexpr int kIntradaySessions = 5;
inline constexpr double kIntradayVolumeNoise = 0.35;

// Options.
inline constexpr double kRiskFreeRate = 0.065;
inline constexpr double kIndexDividendYield = 0.012;
inline constexpr double kSmileSkew = -0.10;       // IV slope per standardised moneyness (puts dearer)
inline constexpr double kSmileCurvature = 0.035;  // IV curvature per standardised moneyness squared
inline constexpr int kIndexStrikesEachSide = 40;
inline constexpr int kStockStrikesEachSide = 20;
inline constexpr int kOptionStocks = 10;  // most traded NIFTY stocks that get an option chain

}  // namespace aegis::data::demo
