#include "engines/buyer/gamma_windows.h"

#include "engines/features/intraday_features.h"

#include <iterator>

namespace aegis::engines {

namespace {

struct WindowColumn {
    const char* window;
    const char* column;
};

constexpr WindowColumn kWindows[] = {
    {"09:15-09:45", "movement_0915_0945"}, {"09:45-10:45", "movement_0945_1045"}, {"10:45-12:00", "movement_1045_1200"},
    {"12:00-14:00", "movement_1200_1400"}, {"14:00-15:00", "movement_1400_1500"}, {"15:00-15:30", "movement_1500_1530"},
};

}  // namespace

GammaWindowsView gammaWindows(const QString& symbol, const data::BarSeries& intraday, std::int64_t nowUtc)
{
    GammaWindowsView view;
    if (intraday.empty()) {
        view.basis = QStringLiteral("no intraday bars stored for %1").arg(symbol);
        return view;
    }
    const IntradayFeatures features = buildIntradayFeatures(intraday, nowUtc);
    if (!features.session.isValid() || features.frame.rows() == 0) {
        view.basis = QStringLiteral("no complete intraday bar of %1 at this time").arg(symbol);
        return view;
    }
    for (std::size_t w = 0; w < std::size(kWindows); ++w)
        view.windows.push_back({QString::fromLatin1(kWindows[w].window), features.movementPercentile[w],
                                features.frame.value(0, kWindows[w].column)});
    const QString cutoff = cutoffClockText(features);
    const QString state = !features.sessionComplete ? QStringLiteral("up to %1 IST").arg(cutoff)
                          : features.endsBeforeClose ? QStringLiteral("closed; its bars end at %1 IST").arg(cutoff)
                                                     : QStringLiteral("complete");
    view.basis = QStringLiteral("%1 session %2 (%3%4): score = share of %5 earlier sessions that moved less in the same "
                                "window (realised variance, up to the same minute); ratio = its variance / their mean; "
                                "null where the window has not started or there is no baseline")
                     .arg(symbol, features.session.toString(Qt::ISODate), state,
                          features.describesLastCompletedSession ? QStringLiteral(", the last completed session") : QString())
                     .arg(features.baselineSessions);
    return view;
}

}  // namespace aegis::engines
