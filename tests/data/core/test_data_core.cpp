// data/core: symbol validation (the guard in front of URLs, SQL and file names) and the RFC 4180
// CSV reader/writer.
#include "data/core/csv.h"
#include "data/core/symbol.h"

#include <QTest>

using aegis::data::isValidSymbol;
using aegis::data::normalisedSymbol;
namespace csv = aegis::data::csv;

class DataCoreTest : public QObject {
    Q_OBJECT

    // All records of `text`, or the error as "line: reason".
    static QString readAll(const QString& text)
    {
        csv::Reader reader(text);
        QStringList records;
        while (const auto fields = reader.next())
            records << QStringLiteral("%1[%2]").arg(reader.recordLine()).arg(fields->join(u'|'));
        if (!reader.error().isEmpty())
            return QStringLiteral("%1: %2").arg(reader.recordLine()).arg(reader.error());
        return records.join(u' ');
    }

private Q_SLOTS:
    void realSymbolsAreValid()
    {
        for (const char* symbol : {"NIFTY", "M&M", "BAJAJ-AUTO", "J&KBANK", "ARE&M", "GVT&D", "360ONE", "3MINDIA",
                                   "A", "ABCDEFGHIJKLMNOPQRST"})
            QVERIFY2(isValidSymbol(QString::fromLatin1(symbol)), symbol);
    }

    void hostileSymbolsAreRejected()
    {
        const QStringList hostile = {QStringLiteral("../x"),   QStringLiteral("A;B"),    QString(),
                                     QStringLiteral("A B"),    QStringLiteral("-A"),     QStringLiteral("A-"),
                                     QStringLiteral("&A"),     QStringLiteral("A&"),     QStringLiteral("ABCDEFGHIJKLMNOPQRSTU"),
                                     QStringLiteral("a"),      QStringLiteral("^NSEI"),  QStringLiteral("M&M.NS"),
                                     QStringLiteral("A/B"),    QStringLiteral("A'B"),    QStringLiteral("A\"B"),
                                     QStringLiteral("A%20B"),  QStringLiteral("A\nB"),   QStringLiteral("A_B"),
                                     QString::fromUtf16(u"\u0391BC"),  // Greek capital alpha
                                     QString::fromLatin1("NUL\0", 4), QString::fromLatin1("A\0B", 3)};
        for (const QString& symbol : hostile)
            QVERIFY2(!isValidSymbol(symbol), qPrintable(symbol.toUtf8().toPercentEncoding()));
        QCOMPARE(QString::fromLatin1("NUL\0", 4).size(), 4);
    }

    void normalisationTrimsAndUpperCases()
    {
        QCOMPARE(normalisedSymbol(QStringLiteral(" m&m ")), QStringLiteral("M&M"));
        QCOMPARE(normalisedSymbol(QStringLiteral("bajaj-auto")), QStringLiteral("BAJAJ-AUTO"));
        QCOMPARE(normalisedSymbol(QStringLiteral("reliance")), QStringLiteral("RELIANCE"));
        QVERIFY(!normalisedSymbol(QStringLiteral("../x")));
        QVERIFY(!normalisedSymbol(QStringLiteral("a b")));
        QVERIFY(!normalisedSymbol(QStringLiteral("   ")));
        QVERIFY(!normalisedSymbol(QString::fromLatin1("NUL\0", 4)));
    }

    void csvRecordsAndLineBreaks()
    {
        QCOMPARE(readAll(QStringLiteral("a,b,c\n1,2,3\n")), QStringLiteral("1[a|b|c] 2[1|2|3]"));
        QCOMPARE(readAll(QStringLiteral("a,b\r\n1,2")), QStringLiteral("1[a|b] 2[1|2]"));
        // Blank lines are skipped but still counted.
        QCOMPARE(readAll(QStringLiteral("a\n\n\r\nb\n")), QStringLiteral("1[a] 4[b]"));
        // Empty fields, leading and trailing.
        QCOMPARE(readAll(QStringLiteral(",a,\n")), QStringLiteral("1[|a|]"));
        // A lone carriage return is text; spaces are kept.
        QCOMPARE(readAll(QStringLiteral(" a\rb ,c")), QStringLiteral("1[ a\rb |c]"));
        // A byte-order mark at the start is not part of the first field.
        QCOMPARE(readAll(QString(QChar(0xFEFF)) + QStringLiteral("h1,h2\n")), QStringLiteral("1[h1|h2]"));
        QCOMPARE(readAll(QString()), QString());
    }

    void csvQuotedFields()
    {
        QCOMPARE(readAll(QStringLiteral("\"a,b\",c\n")), QStringLiteral("1[a,b|c]"));
        QCOMPARE(readAll(QStringLiteral("\"say \"\"hi\"\"\",x")), QStringLiteral("1[say \"hi\"|x]"));
        QCOMPARE(readAll(QStringLiteral("\"\",\"\"\n")), QStringLiteral("1[|]"));
        // A quoted field spans lines; the next record's line number accounts for it.
        QCOMPARE(readAll(QStringLiteral("\"two\r\nlines\",x\nnext\n")), QStringLiteral("1[two\r\nlines|x] 3[next]"));
    }

    void csvMalformedInputIsAnError()
    {
        QCOMPARE(readAll(QStringLiteral("ok\nab\"c,d\n")), QStringLiteral("2: field 1: quote inside an unquoted field"));
        QCOMPARE(readAll(QStringLiteral("a,\"b\"c\n")), QStringLiteral("1: field 2: text after the closing quote"));
        QCOMPARE(readAll(QStringLiteral("a\n\"open,\nmore\n")),
                 QStringLiteral("2: field 1: quoted field opened on line 2 is never closed"));
        // The reader stops after an error.
        csv::Reader reader(u"\"x\"y\nfine\n");
        QVERIFY(!reader.next());
        QVERIFY(!reader.error().isEmpty());
        QVERIFY(!reader.next());
    }

    void csvSingleRecords()
    {
        QCOMPARE(csv::splitRecord(u"a,\"b,c\",d"), QStringList({QStringLiteral("a"), QStringLiteral("b,c"), QStringLiteral("d")}));
        QCOMPARE(csv::splitRecord(u""), QStringList({QString()}));
        QString error;
        QVERIFY(!csv::splitRecord(u"a\nb", &error));
        QCOMPARE(error, QStringLiteral("line break outside quotes"));
        QVERIFY(!csv::splitRecord(u"a\"b", &error));
        QCOMPARE(error, QStringLiteral("field 1: quote inside an unquoted field"));
    }

    void csvWritingRoundTrips()
    {
        QCOMPARE(csv::escapeField(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(csv::escapeField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(csv::escapeField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(csv::escapeField(QStringLiteral(" padded")), QStringLiteral("\" padded\""));
        const QStringList fields = {QStringLiteral("M&M"), QStringLiteral("Mahindra & Mahindra, Ltd."),
                                    QStringLiteral("line\nbreak"), QString(), QStringLiteral("\"q\""),
                                    QStringLiteral("cr\rlf")};
        const QString record = csv::joinRecord(fields);
        QCOMPARE(csv::splitRecord(record), fields);
    }
};

QTEST_APPLESS_MAIN(DataCoreTest)
#include "test_data_core.moc"
