// The built-in universe (compiled-in resource), strict parsing of NSE's NIFTY 500 list, and the former
// symbols NSE renamed.
#include "data/core/symbol.h"
#include "data/universe/universe.h"
#include "data/universe/universe_parsing.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <stdexcept>

using aegis::data::Ticker;
using aegis::data::TickerKind;
using aegis::data::Universe;

// QCOMPARE cannot print TickerKind (Qt's toString lookup finds aegis::data::toString), so kinds are
// compared with QVERIFY.

namespace {

const QString kNseHeader = QStringLiteral("Company Name,Industry,Symbol,Series,ISIN Code\n");

}  // namespace

class UniverseTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

    QString writeFile(const QString& name, const QByteArray& contents)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size())
            return {};
        return path;
    }

    // The message of the std::runtime_error that loading `contents` as an NSE list throws.
    QString nifty500Error(const QByteArray& contents)
    {
        const QString path = writeFile(QStringLiteral("list.csv"), contents);
        try {
            Universe::fromNifty500Csv(path);
        } catch (const std::runtime_error& error) {
            return QString::fromStdString(error.what());
        }
        return QStringLiteral("(no error)");
    }

    QString universeError(const QByteArray& contents)
    {
        const QString path = writeFile(QStringLiteral("universe.csv"), contents);
        try {
            Universe::fromUniverseCsv(path);
        } catch (const std::runtime_error& error) {
            return QString::fromStdString(error.what());
        }
        return QStringLiteral("(no error)");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir.isValid()); }

    // Nothing in this test registers the resource: the library must do it although it is static.
    void builtInResourceIsCompiledIn()
    {
        const Universe universe = Universe::builtIn();
        QVERIFY(QFile::exists(QStringLiteral(":/aegis/universe/universe.csv")));
        QCOMPARE(universe.pickable().size(), std::size_t(503));
    }

    void builtInHasThreeIndicesThen500Stocks()
    {
        const Universe universe = Universe::builtIn();
        const auto& pickable = universe.pickable();
        QCOMPARE(pickable[0].symbol, QStringLiteral("NIFTY"));
        QCOMPARE(pickable[0].yahooSymbol, QStringLiteral("^NSEI"));
        QCOMPARE(pickable[0].name, QStringLiteral("NIFTY 50"));
        QCOMPARE(pickable[1].symbol, QStringLiteral("BANKNIFTY"));
        QCOMPARE(pickable[1].yahooSymbol, QStringLiteral("^NSEBANK"));
        QCOMPARE(pickable[1].name, QStringLiteral("NIFTY BANK"));
        QCOMPARE(pickable[2].symbol, QStringLiteral("FINNIFTY"));
        QCOMPARE(pickable[2].yahooSymbol, QStringLiteral("NIFTY_FIN_SERVICE.NS"));
        QCOMPARE(pickable[2].name, QStringLiteral("NIFTY FINANCIAL SERVICES"));
        QCOMPARE(aegis::data::kNiftySymbol, pickable[0].symbol);
        QCOMPARE(aegis::data::kBankNiftySymbol, pickable[1].symbol);
        QCOMPARE(aegis::data::kFinNiftySymbol, pickable[2].symbol);

        QSet<QString> symbols;
        QSet<QString> yahooSymbols;
        int indices = 0;
        int stocks = 0;
        for (const Ticker& ticker : pickable) {
            QVERIFY2(aegis::data::isValidSymbol(ticker.symbol), qPrintable(ticker.symbol));
            QVERIFY(!ticker.name.isEmpty());
            QVERIFY(!ticker.industry.isEmpty());
            symbols.insert(ticker.symbol);
            yahooSymbols.insert(ticker.yahooSymbol);
            if (ticker.kind == TickerKind::Index) {
                ++indices;
                QCOMPARE(ticker.industry, QStringLiteral("Index"));
            } else {
                QVERIFY(ticker.kind == TickerKind::Stock);
                QCOMPARE(ticker.yahooSymbol, ticker.symbol + QStringLiteral(".NS"));
                ++stocks;
            }
        }
        QCOMPARE(indices, 3);
        QCOMPARE(stocks, 500);
        QCOMPARE(symbols.size(), 503);
        QCOMPARE(yahooSymbols.size(), 503);
    }

    void vixIsStoredButNotPickable()
    {
        const Universe universe = Universe::builtIn();
        QCOMPARE(universe.vix().symbol, aegis::data::kVixSymbol);
        QCOMPARE(universe.vix().yahooSymbol, QStringLiteral("^INDIAVIX"));
        QVERIFY(universe.vix().kind == TickerKind::Volatility);
        for (const Ticker& ticker : universe.pickable())
            QVERIFY(ticker.symbol != aegis::data::kVixSymbol);
        const std::vector<Ticker> all = universe.allSeries();
        QCOMPARE(all.size(), std::size_t(504));
        QCOMPARE(all.back().symbol, aegis::data::kVixSymbol);
        QVERIFY(universe.find(QStringLiteral("INDIAVIX")));
        QVERIFY(universe.findByYahooSymbol(QStringLiteral("^INDIAVIX"))->kind == TickerKind::Volatility);
    }

    void specialCharacterSymbolsAreMapped()
    {
        const Universe universe = Universe::builtIn();
        for (const QString& symbol : {QStringLiteral("M&M"), QStringLiteral("BAJAJ-AUTO"), QStringLiteral("J&KBANK")}) {
            const std::optional<Ticker> ticker = universe.find(symbol);
            QVERIFY2(ticker, qPrintable(symbol));
            QCOMPARE(ticker->yahooSymbol, symbol + QStringLiteral(".NS"));
            QCOMPARE(universe.findByYahooSymbol(symbol + QStringLiteral(".NS"))->symbol, symbol);
        }
        QCOMPARE(universe.find(QStringLiteral("M&M"))->name, QStringLiteral("Mahindra & Mahindra Ltd."));
        QCOMPARE(universe.find(QStringLiteral("M&M"))->industry, QStringLiteral("Automobile and Auto Components"));
    }

    void findNormalisesAndRejects()
    {
        const Universe universe = Universe::builtIn();
        QCOMPARE(universe.find(QStringLiteral(" reliance "))->symbol, QStringLiteral("RELIANCE"));
        QCOMPARE(universe.findByYahooSymbol(QStringLiteral("^nsei"))->symbol, QStringLiteral("NIFTY"));
        QCOMPARE(universe.findByYahooSymbol(QStringLiteral("NIFTY_FIN_SERVICE.NS"))->symbol, QStringLiteral("FINNIFTY"));
        QVERIFY(!universe.find(QStringLiteral("NOSUCHSTOCK")));
        QVERIFY(!universe.find(QStringLiteral("../x")));
        QVERIFY(!universe.find(QString()));
        QVERIFY(!universe.findByYahooSymbol(QStringLiteral("RELIANCE")));
        QVERIFY(!universe.findByYahooSymbol(QString()));
        QVERIFY(Universe().pickable().empty());
        QVERIFY(Universe().allSeries().empty());
        QVERIFY(!Universe().find(QStringLiteral("NIFTY")));
    }

    void kindNamesRoundTrip()
    {
        for (const TickerKind kind : {TickerKind::Index, TickerKind::Stock, TickerKind::Volatility})
            QVERIFY(aegis::data::tickerKindFromString(aegis::data::toString(kind)) == kind);
        QCOMPARE(aegis::data::toString(TickerKind::Volatility), QStringLiteral("vix"));
        QVERIFY(!aegis::data::tickerKindFromString(QStringLiteral("Index")));
    }

    // Refreshing from NSE's published list reproduces the built-in universe.
    void publishedListGivesTheBuiltInUniverse()
    {
        const QString path = QStringLiteral(AEGIS_SHARED_DATA_DIR "/nifty500_constituents.csv");
        const Universe refreshed = Universe::fromNifty500Csv(path);
        const Universe builtIn = Universe::builtIn();
        QCOMPARE(refreshed.pickable().size(), builtIn.pickable().size());
        for (std::size_t index = 0; index < builtIn.pickable().size(); ++index) {
            const Ticker& expected = builtIn.pickable()[index];
            const Ticker& actual = refreshed.pickable()[index];
            QCOMPARE(actual.symbol, expected.symbol);
            QCOMPARE(actual.yahooSymbol, expected.yahooSymbol);
            QCOMPARE(actual.name, expected.name);
            QCOMPARE(actual.industry, expected.industry);
            QVERIFY(actual.kind == expected.kind);
        }
        QCOMPARE(refreshed.vix().symbol, builtIn.vix().symbol);
    }

    void nifty500ListWithQuotesAndCrLf()
    {
        const QString path = writeFile(
            QStringLiteral("quoted.csv"),
            "\xEF\xBB\xBF" "Company Name,Industry,Symbol,Series,ISIN Code\r\n"
            "\"Mahindra & Mahindra, Ltd.\",\"Automobile and Auto Components\",M&M,EQ,INE101A01026\r\n"
            "\"Say \"\"Hi\"\" Ltd.\",Services, hi ,EQ,INE000A01010\r\n");
        const Universe universe = Universe::fromNifty500Csv(path);
        QCOMPARE(universe.pickable().size(), std::size_t(5));
        QCOMPARE(universe.find(QStringLiteral("M&M"))->name, QStringLiteral("Mahindra & Mahindra, Ltd."));
        QCOMPARE(universe.find(QStringLiteral("HI"))->name, QStringLiteral("Say \"Hi\" Ltd."));
        QCOMPARE(universe.find(QStringLiteral("HI"))->yahooSymbol, QStringLiteral("HI.NS"));
        QCOMPARE(universe.vix().symbol, aegis::data::kVixSymbol);
    }

    void malformedNifty500ListsSayFileLineReason()
    {
        const QString path = dir.filePath(QStringLiteral("list.csv"));
        const QByteArray row = "Reliance Industries Ltd.,Oil Gas & Consumable Fuels,RELIANCE,EQ,INE002A01018\n";
        const QByteArray header = kNseHeader.toUtf8();

        QCOMPARE(nifty500Error(""), path + QStringLiteral(": empty file, expected the header "
                                                          "\"Company Name,Industry,Symbol,Series,ISIN Code\""));
        QCOMPARE(nifty500Error(header), path + QStringLiteral(": no constituents"));
        QCOMPARE(nifty500Error("Company Name,Industry,Symbol,Series\n" + row),
                 path + QStringLiteral(":1: expected the header \"Company Name,Industry,Symbol,Series,ISIN Code\", "
                                       "found \"Company Name,Industry,Symbol,Series\""));
        QCOMPARE(nifty500Error(header + row + "Tata Consultancy Services Ltd.,Information Technology,TCS,EQ\n"),
                 path + QStringLiteral(":3: expected 5 fields, found 4"));
        QCOMPARE(nifty500Error(header + row + row),
                 path + QStringLiteral(":3: duplicate symbol \"RELIANCE\" (first on line 2)"));
        QCOMPARE(nifty500Error(header + "Evil Ltd.,Services,../x,EQ,INE002A01018\n"),
                 path + QStringLiteral(":2: invalid NSE symbol \"../x\""));
        QCOMPARE(nifty500Error(header + "Evil Ltd.,Services,A;B,EQ,INE002A01018\n"),
                 path + QStringLiteral(":2: invalid NSE symbol \"A;B\""));
        QCOMPARE(nifty500Error(header + ",Services,ABC,EQ,INE002A01018\n"),
                 path + QStringLiteral(":2: empty company name"));
        QCOMPARE(nifty500Error(header + "Abc Ltd.,Services,ABC,EQ,US0378331005\n"),
                 path + QStringLiteral(":2: invalid ISIN \"US0378331005\""));
        QCOMPARE(nifty500Error(header + "Abc Ltd.,Services,ABC,,INE002A01018\n"),
                 path + QStringLiteral(":2: invalid series \"\""));
        QCOMPARE(nifty500Error(header + row + "\"Unclosed Ltd.,Services,ABC,EQ,INE002A01019\n"),
                 path + QStringLiteral(":3: field 1: quoted field opened on line 3 is never closed"));
        QCOMPARE(nifty500Error(header + "Ab\"c Ltd.,Services,ABC,EQ,INE002A01019\n"),
                 path + QStringLiteral(":2: field 1: quote inside an unquoted field"));
        QCOMPARE(nifty500Error(header + "\"Two\nLines Ltd.\",Services,ABC,EQ,INE002A01019\n"),
                 path + QStringLiteral(":2: company name contains a control character or line break"));
        QCOMPARE(nifty500Error(header + "Index Ltd.,Services,NIFTY,EQ,INE002A01019\n"),
                 path + QStringLiteral(":2: symbol \"NIFTY\" is reserved for an index"));
        QCOMPARE(nifty500Error(QByteArray(header) + "Bad \xFF Ltd.,Services,ABC,EQ,INE002A01019\n"),
                 path + QStringLiteral(": not valid UTF-8 text"));

        const QString missing = dir.filePath(QStringLiteral("absent.csv"));
        try {
            Universe::fromNifty500Csv(missing);
            QFAIL("a missing file must throw");
        } catch (const std::runtime_error& error) {
            QVERIFY2(QString::fromStdString(error.what()).startsWith(missing + QStringLiteral(": cannot open")),
                     error.what());
        }
    }

    // Renames are NSE's symbol changes with the ISIN kept (checked against NSE's own lists), so files
    // saved under the old symbol reach the current ticker.
    void formerSymbolsFindTheirCurrentTicker()
    {
        const Universe universe = Universe::builtIn();
        QVERIFY(QFile::exists(QStringLiteral(":/aegis/universe/renamed_symbols.csv")));
        const std::optional<aegis::data::SymbolRename> zomato = universe.renameOf(QStringLiteral(" zomato "));
        QVERIFY(zomato);
        QCOMPARE(zomato->symbol, QStringLiteral("ETERNAL"));
        QCOMPARE(zomato->isin, QStringLiteral("INE758T01015"));
        QCOMPARE(universe.renameOf(QStringLiteral("LTIM"))->symbol, QStringLiteral("LTM"));
        QCOMPARE(universe.renameOf(QStringLiteral("TATAMOTORS"))->symbol, QStringLiteral("TMPV"));
        QVERIFY(!universe.renameOf(QStringLiteral("ETERNAL")));  // current
        QVERIFY(!universe.renameOf(QStringLiteral("HDFC")));     // merged into HDFCBANK: not a rename
        QVERIFY(!universe.renameOf(QStringLiteral("../x")));
        const Universe refreshed = Universe::fromNifty500Csv(QStringLiteral(AEGIS_SHARED_DATA_DIR "/nifty500_constituents.csv"));
        QCOMPARE(refreshed.renameOf(QStringLiteral("ZOMATO"))->symbol, QStringLiteral("ETERNAL"));
    }

    // What a user types at `aegis predict`: a symbol, a Yahoo symbol, a former symbol or a name.
    void lookupResolvesSymbolsYahooSymbolsFormerSymbolsAndNames()
    {
        const Universe universe = Universe::builtIn();
        auto matched = [&](const char* text) {
            const aegis::data::TickerLookup found = universe.lookup(QString::fromUtf8(text));
            return found.match ? found.match->symbol : QString();
        };
        QCOMPARE(matched(" m&m "), QStringLiteral("M&M"));
        QCOMPARE(matched("^nsebank"), QStringLiteral("BANKNIFTY"));
        QCOMPARE(matched("RELIANCE.NS"), QStringLiteral("RELIANCE"));
        QCOMPARE(matched("NIFTY  bank"), QStringLiteral("BANKNIFTY"));  // the index's name
        QCOMPARE(matched("Nifty 50"), QStringLiteral("NIFTY"));
        QCOMPARE(matched("zomato"), QStringLiteral("ETERNAL"));
        QCOMPARE(matched("tata consultancy"), QStringLiteral("TCS"));  // the only name containing it
        QCOMPARE(matched("INDIAVIX"), QString());                      // stored, never pickable

        const aegis::data::TickerLookup bank = universe.lookup(QStringLiteral("bank"));
        QVERIFY(!bank.match);
        QVERIFY(bank.candidates.size() > 10);
        QVERIFY(std::any_of(bank.candidates.begin(), bank.candidates.end(),
                            [](const aegis::data::Ticker& t) { return t.symbol == QStringLiteral("HDFCBANK"); }));
        const aegis::data::TickerLookup nothing = universe.lookup(QStringLiteral("no such company"));
        QVERIFY(!nothing.match && nothing.candidates.empty());
        QVERIFY(!universe.lookup(QStringLiteral("   ")).match);
    }

    void malformedRenameFilesSayFileLineReason()
    {
        const std::vector<Ticker> pickable{{QStringLiteral("ETERNAL"), QStringLiteral("ETERNAL.NS"), QStringLiteral("Eternal Ltd."),
                                            QStringLiteral("Consumer Services"), TickerKind::Stock}};
        const QString header = QStringLiteral("former_symbol,symbol,isin\n");
        const auto error = [&](const QString& rows) {
            try {
                aegis::data::universe_parsing::parseRenamedSymbols(QString(header + rows), QStringLiteral("r.csv"), pickable);
            } catch (const std::runtime_error& failure) {
                return QString::fromStdString(failure.what());
            }
            return QStringLiteral("(no error)");
        };
        QCOMPARE(error(QStringLiteral("ZOMATO,ETERNAL,INE758T01015\n")), QStringLiteral("(no error)"));
        QCOMPARE(error(QStringLiteral("ZOMATO,ETERNAL,INE758T01015\nZOMATO,ETERNAL,INE758T01015\n")),
                 QStringLiteral("r.csv:3: duplicate former symbol \"ZOMATO\" (first on line 2)"));
        QCOMPARE(error(QStringLiteral("ETERNAL,ETERNAL,INE758T01015\n")),
                 QStringLiteral("r.csv:2: \"ETERNAL\" is a current ticker, not a former symbol"));
        QCOMPARE(error(QStringLiteral("ZOMATO,SWIGGY,INE758T01015\n")), QStringLiteral("r.csv:2: \"SWIGGY\" is not a ticker of the universe"));
        QCOMPARE(error(QStringLiteral("ZOMATO,ETERNAL,US758T01015\n")), QStringLiteral("r.csv:2: invalid ISIN \"US758T01015\""));
        QCOMPARE(error(QStringLiteral("zo mato,ETERNAL,INE758T01015\n")), QStringLiteral("r.csv:2: invalid NSE symbol \"zo mato\""));
    }

    void malformedUniverseFilesSayFileLineReason()
    {
        const QString path = dir.filePath(QStringLiteral("universe.csv"));
        const QByteArray header = "symbol,yahoo_symbol,name,industry,kind\n";
        const QByteArray vix = "INDIAVIX,^INDIAVIX,India VIX,Index,vix\n";
        const QByteArray nifty = "NIFTY,^NSEI,NIFTY 50,Index,index\n";
        QCOMPARE(universeError(header + nifty + vix), QStringLiteral("(no error)"));
        QCOMPARE(universeError(header + nifty), path + QStringLiteral(": no vix row"));
        QCOMPARE(universeError(header + vix), path + QStringLiteral(": no pickable tickers"));
        QCOMPARE(universeError(header + nifty + vix + vix), path + QStringLiteral(":4: duplicate symbol \"INDIAVIX\" (first on line 3)"));
        QCOMPARE(universeError(header + "TCS,INFY.NS,Tata Consultancy Services Ltd.,Information Technology,stock\n" + vix),
                 path + QStringLiteral(":2: a stock's Yahoo symbol must be \"TCS.NS\""));
        QCOMPARE(universeError(header + "TCS,TCS.NS,Tata Consultancy Services Ltd.,Information Technology,etf\n" + vix),
                 path + QStringLiteral(":2: unknown kind \"etf\" (expected index, stock or vix)"));
        QCOMPARE(universeError(header + "NIFTY,^NSEI/../x,NIFTY 50,Index,index\n" + vix),
                 path + QStringLiteral(":2: invalid Yahoo symbol \"^NSEI/../x\""));
        QCOMPARE(universeError(header + nifty + "NIFTY2,^NSEI,NIFTY 50,Index,index\n" + vix),
                 path + QStringLiteral(":3: duplicate Yahoo symbol \"^NSEI\" (first on line 2)"));
    }
};

QTEST_APPLESS_MAIN(UniverseTest)
#include "test_universe.moc"
