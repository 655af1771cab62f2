#include "ui/panels/display_format.h"

#include <QLabel>
#include <QLocale>

#include <cmath>

namespace aegis::ui {

namespace {

constexpr int kIstOffsetSeconds = 5 * 3600 + 30 * 60;
constexpr double kLakh = 1e5;
constexpr double kCrore = 1e7;

// Inserts ',' every three digits of the integer part of a plain C-locale number.
QString groupDigits(const QString& plain)
{
    const qsizetype start = plain.startsWith(QLatin1Char('-')) ? 1 : 0;
    qsizetype end = plain.indexOf(QLatin1Char('.'));
    if (end < 0)
        end = plain.size();
    QString grouped = plain;
    for (qsizetype position = end - 3; position > start; position -= 3)
        grouped.insert(position, QLatin1Char(','));
    return grouped;
}

// Trims "2.50" to "2.5" and "1.00" to "1" for compact amounts.
QString trimmedDecimal(double value)
{
    QString text = QString::number(value, 'f', 2);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

}  // namespace

QString groupedNumber(double value, int decimals)
{
    if (!std::isfinite(value))
        return kMissingText;
    QString plain = QString::number(value, 'f', decimals);
    if (plain.startsWith(QLatin1Char('-')) && plain.count(QLatin1Char('0')) + plain.count(QLatin1Char('.')) == plain.size() - 1)
        plain.remove(0, 1);  // "-0.00" reads as a loss that is not there
    return groupDigits(plain);
}

QString signedNumber(double value, int decimals)
{
    const QString text = groupedNumber(value, decimals);
    if (text == kMissingText || text.startsWith(QLatin1Char('-')) || groupedNumber(0.0, decimals) == text)
        return text;
    return QLatin1Char('+') + text;
}

QString percentFromFraction(double fraction, int decimals)
{
    if (!std::isfinite(fraction))
        return kMissingText;
    return groupedNumber(100.0 * fraction, decimals) + QLatin1Char('%');
}

QString percentRangeFromFractions(double low, double high, int decimals)
{
    if (!std::isfinite(low) || !std::isfinite(high))
        return kMissingText;
    return groupedNumber(100.0 * low, decimals) + QStringLiteral("–") + percentFromFraction(high, decimals);
}

QString signedPercentFromFraction(double fraction, int decimals)
{
    if (!std::isfinite(fraction))
        return kMissingText;
    return signedNumber(100.0 * fraction, decimals) + QLatin1Char('%');
}

QString rupeesCompact(double inr)
{
    if (!std::isfinite(inr))
        return kMissingText;
    const QString rupee = QStringLiteral("₹");
    const double magnitude = std::abs(inr);
    if (magnitude >= kCrore)
        return rupee + trimmedDecimal(inr / kCrore) + QStringLiteral("Cr");
    if (magnitude >= kLakh)
        return rupee + trimmedDecimal(inr / kLakh) + QStringLiteral("L");
    return rupee + groupedNumber(inr, 0);
}

QString ageText(const QDateTime& then, const QDateTime& now)
{
    if (!then.isValid() || !now.isValid())
        return kMissingText;
    const qint64 seconds = then.secsTo(now);
    if (seconds < -60)
        return QStringLiteral("in the future");
    if (seconds < 60)
        return QStringLiteral("just now");
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return QStringLiteral("%1 min ago").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return QStringLiteral("%1 h ago").arg(hours);
    return QStringLiteral("%1 days ago").arg(hours / 24);
}

QString observedUntilText(const QDateTime& asOf)
{
    return asOf.isValid() ? QStringLiteral(" · to %1").arg(istTimeText(asOf, asOf)) : QString();
}

QString istTimeText(const QDateTime& utc, const QDateTime& now)
{
    if (!utc.isValid())
        return kMissingText;
    const QDateTime ist = utc.toOffsetFromUtc(kIstOffsetSeconds);
    const QString time = ist.time().toString(QStringLiteral("HH:mm"));
    const bool sameDay = now.isValid() && now.toOffsetFromUtc(kIstOffsetSeconds).date() == ist.date();
    if (sameDay)
        return time + QStringLiteral(" IST");
    // Month names from QLocale::c() so the text does not follow the user's locale.
    return QLocale::c().toString(ist.date(), QStringLiteral("d MMM yyyy")) + QLatin1Char(' ') + time + QStringLiteral(" IST");
}

QString isoDate(const QDate& date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : kMissingText;
}

QString behindDataText(const QDate& asOf, const QDateTime& dataAsOf)
{
    if (!asOf.isValid() || !dataAsOf.isValid() || asOf >= dataAsOf.toOffsetFromUtc(kIstOffsetSeconds).date())
        return QString();
    return QStringLiteral(" (as of %1)").arg(QLocale::c().toString(asOf, QStringLiteral("d MMM yyyy")));
}

bool setOptionalText(QLabel* label, const std::optional<double>& value, const QString& reason,
                     QString (*format)(double))
{
    if (value && std::isfinite(*value)) {
        label->setText(format(*value));
        label->setToolTip(QString());
        return true;
    }
    label->setText(kMissingText);
    label->setToolTip(reason.isEmpty() ? QStringLiteral("not computable") : reason);
    return false;
}

void setTextColour(QLabel* label, const QColor& colour)
{
    QPalette palette = label->palette();
    if (palette.color(QPalette::WindowText) == colour)
        return;
    palette.setColor(QPalette::WindowText, colour);
    label->setPalette(palette);
}

void clearTextColour(QLabel* label)
{
    if (label->testAttribute(Qt::WA_SetPalette))
        label->setPalette(QPalette());
}

}  // namespace aegis::ui
