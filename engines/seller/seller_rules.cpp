#include "engines/seller/seller_rules.h"

#include "engines/labels/labels.h"

#include <algorithm>
#include <cmath>

namespace aegis::engines {

namespace {

constexpr double kSessionsPerYear = 252.0;
constexpr int kStressSessions = 5;
constexpr double kPainDistanceScale = 2.0;
constexpr double kSkewReasonThreshold = 0.02;

QString percent(double value)
{
    return QString::number(100.0 * value, 'f', 1) + QLatin1Char('%');
}

// Each available component of the stress in [0, 1], the one place their formulas live.
struct StressParts {
    std::optional<double> time;
    std::optional<double> vol;
    std::optional<double> pain;
};

StressParts stressParts(const ExpiryStressInputs& inputs)
{
    const auto unit = [](double value) { return std::clamp(value, 0.0, 1.0); };
    StressParts parts;
    if (inputs.sessionsToExpiry)
        parts.time = unit(double(kStressSessions - *inputs.sessionsToExpiry) / kStressSessions);
    if (inputs.volatilityPercentile)
        parts.vol = unit(*inputs.volatilityPercentile);
    if (inputs.maxPainDistanceSd)
        parts.pain = unit(*inputs.maxPainDistanceSd / kPainDistanceScale);
    return parts;
}

}  // namespace

PriceBand safeRangeBounds(double spot, double sigmaAnnual, double z, int sessions)
{
    const double halfWidth = z * sigmaAnnual * std::sqrt(double(sessions) / kSessionsPerYear);
    return {spot * std::exp(-halfWidth), spot * std::exp(halfWidth)};
}

std::optional<double> trailingPercentile(const std::vector<std::optional<double>>& series, int row, int window,
                                         int minimumKnown)
{
    if (row < 0 || row >= int(series.size()) || !series[std::size_t(row)])
        return std::nullopt;
    const double today = *series[std::size_t(row)];
    int known = 0;
    int atOrBelow = 0;
    for (int r = std::max(0, row - window + 1); r <= row; ++r) {
        if (!series[std::size_t(r)])
            continue;
        ++known;
        if (*series[std::size_t(r)] <= today)
            ++atOrBelow;
    }
    if (known < minimumKnown)
        return std::nullopt;
    return double(atOrBelow) / double(known);
}

QString trapLabel(double probability, double baseRate)
{
    if (probability >= kTrapHighRatio * baseRate)
        return QStringLiteral("HIGH");
    if (probability <= kTrapLowRatio * baseRate)
        return QStringLiteral("LOW");
    return QStringLiteral("MEDIUM");
}

std::optional<SkewValues> realisedSkew(const std::vector<double>& closes, int sessions)
{
    if (int(closes.size()) < sessions + 1)
        return std::nullopt;
    double down = 0.0;
    double up = 0.0;
    double all = 0.0;
    double mean = 0.0;
    std::vector<double> returns;
    for (std::size_t t = closes.size() - std::size_t(sessions); t < closes.size(); ++t)
        returns.push_back(std::log(closes[t] / closes[t - 1]));
    for (double r : returns)
        mean += r / double(sessions);
    for (double r : returns) {
        const double centred = r - mean;
        all += centred * centred;
        down += centred < 0.0 ? centred * centred : 0.0;
        up += centred > 0.0 ? centred * centred : 0.0;
    }
    const double scale = kSessionsPerYear / double(sessions);
    const double total = std::sqrt(all * scale);
    const double downside = std::sqrt(2.0 * down * scale);
    const double upside = std::sqrt(2.0 * up * scale);
    if (!std::isfinite(total) || total <= 0.0)
        return std::nullopt;
    return SkewValues{downside - total, upside - total, downside - upside};
}

report::ScoreLabel expiryStress(const ExpiryStressInputs& inputs)
{
    const StressParts parts = stressParts(inputs);
    std::vector<double> known;
    for (const std::optional<double>& part : {parts.time, parts.vol, parts.pain}) {
        if (part)
            known.push_back(*part);
    }
    report::ScoreLabel result;
    if (known.empty())
        return result;
    double score = 0.0;
    for (double part : known)
        score += part / double(known.size());
    result.score = score;
    result.label = score >= kStressHostileAt ? QStringLiteral("HOSTILE")
                 : score >= kStressCautionAt ? QStringLiteral("CAUTION")
                                             : QStringLiteral("CALM");
    return result;
}

QString expiryStressReason(const ExpiryStressInputs& inputs)
{
    const report::ScoreLabel stress = expiryStress(inputs);
    if (!stress.score)
        return QStringLiteral("expiry stress unknown");
    const StressParts values = stressParts(inputs);
    const auto shown = [](double value) { return QString::number(value, 'f', 2); };
    QStringList parts;
    if (values.time) {
        const int sessions = *inputs.sessionsToExpiry;
        parts << QStringLiteral("%1 session%2 to expiry (%3)")
                     .arg(sessions)
                     .arg(sessions == 1 ? QString() : QStringLiteral("s"))
                     .arg(shown(*values.time));
    }
    if (values.vol) {
        parts << QStringLiteral("%1 vol at percentile %2 of its last year (%3)")
                     .arg(inputs.volatilityIsImplied ? QStringLiteral("implied") : QStringLiteral("realised"),
                          QString::number(100.0 * *inputs.volatilityPercentile, 'f', 0), shown(*values.vol));
    }
    if (values.pain) {
        parts << QStringLiteral("spot %1 expiry standard deviations from max pain (%2)")
                     .arg(QString::number(*inputs.maxPainDistanceSd, 'f', 2), shown(*values.pain));
    }
    return QStringLiteral("expiry stress %1 (%2): %3").arg(stress.label, shown(*stress.score), parts.join(QStringLiteral(", ")));
}

report::Flag sellerFlag(const SellerFlagInputs& inputs)
{
    QStringList hostile;
    QStringList caution;
    QStringList favourable;
    if (inputs.trapLabel == QLatin1String("HIGH"))
        hostile << QStringLiteral("volatility trap risk HIGH: implied vol is at least %1 x the 20-session realised (rich to a "
                                  "seller, whatever its own percentile); the trap score is %2")
                       .arg(kTrapIvRvThreshold)
                       .arg(inputs.trapScoreIsBaseRate
                                ? QStringLiteral("how often realised vol then expanded after such days (no model edge)")
                                : QStringLiteral("the calibrated chance that realised vol then expands"));
    else if (inputs.trapLabel == QLatin1String("MEDIUM"))
        caution << QStringLiteral("volatility trap risk MEDIUM");
    else if (inputs.trapLabel == QLatin1String("LOW"))
        favourable << QStringLiteral("volatility trap risk LOW");

    const QString stressReason = inputs.stressReason.isEmpty() ? QStringLiteral("expiry stress ") + inputs.stressLabel
                                                               : inputs.stressReason;
    if (inputs.stressLabel == QLatin1String("HOSTILE"))
        hostile << stressReason;
    else if (inputs.stressLabel == QLatin1String("CAUTION"))
        caution << stressReason;
    else if (inputs.stressLabel == QLatin1String("CALM"))
        favourable << stressReason;
    else
        caution << QStringLiteral("expiry stress unknown");

    if (!inputs.safeRangeBreach) {
        caution << QStringLiteral("no safe range could be computed");
    } else if (*inputs.safeRangeBreach >= 2.0 * inputs.target) {
        hostile << QStringLiteral("even the widest modelled range is breached with probability %1").arg(percent(*inputs.safeRangeBreach));
    } else if (*inputs.safeRangeBreach > inputs.target + 1e-9) {
        caution << QStringLiteral("the widest modelled range is breached with probability %1, above the %2 target")
                       .arg(percent(*inputs.safeRangeBreach), percent(inputs.target));
    } else {
        favourable << QStringLiteral("a 30-day range with a %1 breach probability exists").arg(percent(*inputs.safeRangeBreach));
    }
    if (!inputs.breachEdgeDemonstrated)
        caution << QStringLiteral("breach model edge not demonstrated: ranges use the base rate");
    if (inputs.netSkew && *inputs.netSkew > kSkewReasonThreshold)
        caution << QStringLiteral("downside skew: puts (or down moves) carry %1 vol points more than calls")
                       .arg(QString::number(100.0 * *inputs.netSkew, 'f', 1));
    for (const QString& left : inputs.rangesLeftSoFar)
        hostile << QStringLiteral("%1: the session trading now has already left it").arg(left);
    for (const QString& event : inputs.scheduledEvents) {
        caution << QStringLiteral("%1, within the 30-day range: a scheduled market-wide event; the breach probabilities carry "
                                  "a shift fitted for such ranges, and walk-forward they were still breached more often")
                       .arg(event);
    }

    report::Flag flag;
    if (!hostile.isEmpty()) {
        flag.label = QStringLiteral("HOSTILE");
        flag.color = QStringLiteral("RED");
        flag.reasons = hostile + caution;
    } else if (caution.isEmpty()) {
        flag.label = QStringLiteral("FAVOURABLE");
        flag.color = QStringLiteral("GREEN");
        flag.reasons = favourable;
    } else {
        flag.label = QStringLiteral("CAUTION");
        flag.color = QStringLiteral("AMBER");
        flag.reasons = caution;
    }
    return flag;
}

}  // namespace aegis::engines
