#pragma once

// How large an expected calibration error sampling noise alone produces.
//
// ECE compares each bin's mean forecast with the frequency observed in it, and an observed frequency is
// an estimate: on a finite test set even a perfectly calibrated forecaster shows an ECE above zero, the
// more so the fewer rows each bin holds. 552 rows spread over two bins, or 1,300 over ten, leave a
// perfectly calibrated forecaster around 0.02-0.03, which is the size of the usual 0.03 bar. The floor
// below is what such a forecaster, issuing exactly the evaluated forecasts, shows on average: each
// draw replaces every outcome by a coin that lands 1 with that row's own forecast probability and
// scores the ECE with the same binning. An observed ECE near its floor is as calibrated as the sample
// can show; one well above it is miscalibrated or its outcomes are not independent.
//
// Those coins are independent, so eceDraws() gives a lower bound: outcomes that cluster (overlapping
// label horizons, many tickers on one market day) make the observed frequencies noisier still.
// clusteredEceDraws() keeps that dependence. Rows are grouped into blocks of `blockLength` sessions;
// each row's deviation from its forecast, y - p, is centred on its reliability bin's mean deviation (so
// a miscalibration is not mistaken for noise), and each draw flips the sign of every block's
// deviations together (a wild cluster bootstrap, Rademacher weights) and scores the ECE those
// deviations give. A bin's mean deviation then varies as much as the blocks make it vary: by the
// binomial amount when rows are independent, by far more when a block's rows move together.

#include "models/evaluation/probability_metrics.h"

#include <cstdint>
#include <span>
#include <vector>

namespace aegis::models::evaluation {

inline constexpr int kEceFloorDraws = 100;

// The ECE of each of `draws` outcome samples drawn from `probabilities` themselves (seeded, so the
// same forecasts always give the same draws). Throws std::invalid_argument on empty input, a
// probability outside [0, 1] or non-finite, a bad bin count or draws < 1.
std::vector<double> eceDraws(std::span<const double> probabilities, int binCount = kDefaultReliabilityBins,
                             ReliabilityBinning binning = ReliabilityBinning::EqualWidth, int draws = kEceFloorDraws,
                             std::uint64_t seed = 1);

// The draws with the dependence of the observed outcomes kept (see above). `outcomes` are 0/1 and
// `rowTimes` the rows' session indices (>= 0), both one per probability; blockLength >= 1. Seeded like
// eceDraws(). Throws std::invalid_argument on mismatched lengths, a bad block length and what
// eceDraws() rejects.
std::vector<double> clusteredEceDraws(std::span<const double> probabilities, std::span<const int> outcomes,
                                      std::span<const std::int64_t> rowTimes, int blockLength,
                                      int binCount = kDefaultReliabilityBins,
                                      ReliabilityBinning binning = ReliabilityBinning::EqualWidth,
                                      int draws = kEceFloorDraws, std::uint64_t seed = 1);

// The floor: the mean ECE of a calibrated forecaster's draws. Throws std::invalid_argument on no draws.
double eceFloor(std::span<const double> draws);

// How unusual an observed ECE is for a calibrated forecaster: (1 + draws at least as large) / (1 +
// draws), a one-sided p-value with the draws' resolution. A floor says what noise gives on average;
// this says whether the observed excess over it is more than noise (small p: miscalibrated).
// Throws std::invalid_argument on no draws or a non-finite observed ECE.
double eceExceedance(double observedEce, std::span<const double> draws);

}  // namespace aegis::models::evaluation
