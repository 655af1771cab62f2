#pragma once

// How the panels write numbers. Every number is formatted the same way whatever the user's locale
// (C-locale digits, '.' decimals, ',' between groups of three), so a screenshot, a test and a colleague's
// screen all read alike. A value that is missing or not finite is written as "—", never "nan".

#include <QDateTime>
#include <QString>

#include <optional>

class QLabel;

namespace aegis::ui {

inline const QString kMissingText = QStringLiteral("—");

// 26204.55 -> "26,204.55". Not finite -> "—".
QString groupedNumber(double value, int decimals = 2);
// Always carries a sign: "+12.50", "-11.00", "0.00" for zero.
QString signedNumber(double value, int decimals = 2);
// A fraction as a percentage: 0.4512 -> "45.1%".
QString percentFromFraction(double fraction, int decimals = 1);
// An interval of fractions as percentages: (0.8353, 0.9061) -> "83.5–90.6%".
QString percentRangeFromFractions(double low, double high, int decimals = 1);
// A signed fraction as a signed percentage: -0.00042 -> "-0.04%".
QString signedPercentFromFraction(double fraction, int decimals = 2);
// Rupees in lakh/crore as NSE traders say them: 100000 -> "₹1L", 250000 -> "₹2.5L", 1e7 -> "₹1Cr",
// below one lakh in grouped rupees ("₹50,000").
QString rupeesCompact(double inr);
// Elapsed time between two instants: "just now", "2 min ago", "3 h ago", "2 days ago";
// a `then` in the future of `now` reads "in the future" (a clock problem worth seeing).
QString ageText(const QDateTime& then, const QDateTime& now);
// A UTC instant in Indian Standard Time (UTC+05:30, no daylight saving): "15:29 IST", with the date
// in front ("27 Nov 15:29 IST") when it is not the same IST day as `now`.
QString istTimeText(const QDateTime& utc, const QDateTime& now);
// " · to 13:57 IST" after an observation of a session that ends at `asOf`; empty when it has no time
// (measured on the session's daily bar alone).
QString observedUntilText(const QDateTime& asOf);
// yyyy-MM-dd, or "—" for an invalid date.
QString isoDate(const QDate& date);
// " (as of 28 Nov 2025)" for a market figure whose session is before the IST date of the ticker's data
// (`dataAsOf`, UTC): VIX or NIFTY not refreshed with it. Empty when current or either date is unknown.
QString behindDataText(const QDate& asOf, const QDateTime& dataAsOf);

// Writes `text` to the label, or "—" with `reason` as its tooltip when the optional is empty or not
// finite. Returns whether a value was shown.
bool setOptionalText(QLabel* label, const std::optional<double>& value, const QString& reason,
                     QString (*format)(double));
// Colours a label's text through its palette (the app stylesheet sets no QLabel colour).
void setTextColour(QLabel* label, const QColor& colour);
// Back to the colour the label inherits from its parent.
void clearTextColour(QLabel* label);

}  // namespace aegis::ui
