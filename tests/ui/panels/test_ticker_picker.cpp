// The picker finds any of the 503 tickers by symbol or company name, ranks prefix matches first, lists
// tickers without a report greyed with the reason, and keeps recents and favourites in the QSettings
// it is given.
#include "ui/picker/ticker_picker.h"
#include "ui/picker/ticker_search_model.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace aegis;
using aegis::ui::TickerPicker;

namespace {

const std::vector<data::Ticker>& builtInTickers()
{
    static const std::vector<data::Ticker> tickers = data::Universe::builtIn().pickable();
    return tickers;
}

QStringList listSymbols(const QListWidget* list)
{
    QStringList symbols;
    for (int row = 0; row < list->count(); ++row)
        symbols << list->item(row)->data(Qt::UserRole).toString();
    return symbols;
}

}  // namespace

class TickerPickerTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString settingsPath() const { return dir_.filePath(QStringLiteral("settings.ini")); }

private Q_SLOTS:
    void listsEveryPickableTicker()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        TickerPicker picker(settings);
        picker.setTickers(builtInTickers());
        QCOMPARE(builtInTickers().size(), std::size_t(503));
        QCOMPARE(picker.visibleSymbols().size(), 503);
        QCOMPARE(picker.visibleSymbols().front(), QStringLiteral("NIFTY"));
    }

    void tickersWithoutAReportAreListedWithTheReason()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        TickerPicker picker(settings);
        const QString reason = QStringLiteral("no stored daily bars");
        picker.setTickers(builtInTickers(), {{QStringLiteral("TCS"), reason}});
        QSignalSpy chosen(&picker, &TickerPicker::tickerChosen);
        picker.findChild<QLineEdit*>(QStringLiteral("pickerSearch"))->setText(QStringLiteral("TCS"));
        const QModelIndex top = picker.findChild<QListView*>(QStringLiteral("pickerResults"))->model()->index(0, 0);
        QCOMPARE(top.data(ui::TickerListModel::SymbolRole).toString(), QStringLiteral("TCS"));
        QCOMPARE(top.data(ui::TickerListModel::NoReportReasonRole).toString(), reason);
        QVERIFY(top.data(Qt::DisplayRole).toString().endsWith(QStringLiteral("(no report)")));
        QVERIFY(top.data(Qt::ToolTipRole).toString().contains(reason));
        QVERIFY(top.data(Qt::ForegroundRole).isValid());
        picker.findChild<QLineEdit*>(QStringLiteral("pickerSearch"))->setText(QStringLiteral("INFY"));
        const QModelIndex other = picker.findChild<QListView*>(QStringLiteral("pickerResults"))->model()->index(0, 0);
        QCOMPARE(other.data(ui::TickerListModel::SymbolRole).toString(), QStringLiteral("INFY"));
        QVERIFY(other.data(ui::TickerListModel::NoReportReasonRole).isNull());
        QVERIFY(!other.data(Qt::ForegroundRole).isValid());
        // Choosing it still reaches the window, which then says why.
        picker.choose(QStringLiteral("TCS"));
        QCOMPARE(chosen.count(), 1);
    }

    void searchRanksPrefixMatchesFirst()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        TickerPicker picker(settings);
        picker.setTickers(builtInTickers());
        auto* search = picker.findChild<QLineEdit*>(QStringLiteral("pickerSearch"));
        QVERIFY(search);

        QElapsedTimer timer;
        timer.start();
        search->setText(QStringLiteral("rel"));
        qInfo("filtering 503 tickers for \"rel\": %.2f ms", double(timer.nsecsElapsed()) / 1e6);
        const QStringList rel = picker.visibleSymbols();
        QVERIFY(!rel.isEmpty());
        QCOMPARE(rel.front(), QStringLiteral("RELIANCE"));
        for (const QString& symbol : rel)  // every match has "rel" in its symbol or name
            QVERIFY(symbol.contains(QStringLiteral("REL"), Qt::CaseInsensitive)
                    || data::Universe::builtIn().find(symbol)->name.contains(QStringLiteral("rel"), Qt::CaseInsensitive));

        search->setText(QStringLiteral("infosys"));
        QCOMPARE(picker.visibleSymbols().value(0), QStringLiteral("INFY"));
        search->setText(QStringLiteral("INFY"));
        QCOMPARE(picker.visibleSymbols().value(0), QStringLiteral("INFY"));
        search->setText(QStringLiteral("  Bank "));
        QCOMPARE(picker.visibleSymbols().value(0), QStringLiteral("BANKNIFTY"));
        search->setText(QStringLiteral("zzzz-no-such"));
        QVERIFY(picker.visibleSymbols().isEmpty());
        search->clear();
        QCOMPARE(picker.visibleSymbols().size(), 503);
    }

    void rankingOrder()
    {
        const data::Ticker reliance{QStringLiteral("RELIANCE"), {}, QStringLiteral("Reliance Industries Ltd."), {}, data::TickerKind::Stock};
        using ui::TickerSearchProxy;
        QCOMPARE(TickerSearchProxy::rank(reliance, QStringLiteral("reliance")), 0);
        QCOMPARE(TickerSearchProxy::rank(reliance, QStringLiteral("rel")), 1);
        QCOMPARE(TickerSearchProxy::rank(reliance, QStringLiteral("reliance ind")), 2);
        QCOMPARE(TickerSearchProxy::rank(reliance, QStringLiteral("industries")), 3);
        QCOMPARE(TickerSearchProxy::rank(reliance, QStringLiteral("lian")), 4);
        QCOMPARE(TickerSearchProxy::rank(reliance, QStringLiteral("dustr")), 5);
        QCOMPARE(TickerSearchProxy::rank(reliance, QStringLiteral("tata")), -1);
    }

    void enterChoosesTheTopResultAndRecordsIt()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        settings.clear();
        TickerPicker picker(settings);
        picker.setTickers(builtInTickers());
        QSignalSpy chosen(&picker, &TickerPicker::tickerChosen);
        auto* search = picker.findChild<QLineEdit*>(QStringLiteral("pickerSearch"));
        picker.show();
        picker.focusSearch();
        search->setText(QStringLiteral("infosys"));
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.front().front().toString(), QStringLiteral("INFY"));
        QCOMPARE(picker.recentSymbols(), QStringList{QStringLiteral("INFY")});

        picker.choose(QStringLiteral("NOT-A-TICKER"));
        QCOMPARE(chosen.count(), 1);
    }

    void recentsAndFavouritesPersist()
    {
        const QStringList chosenOrder{QStringLiteral("TCS"), QStringLiteral("INFY"), QStringLiteral("SBIN"), QStringLiteral("M&M"),
                                      QStringLiteral("BAJAJ-AUTO"), QStringLiteral("NIFTY"), QStringLiteral("BANKNIFTY"),
                                      QStringLiteral("ITC"), QStringLiteral("HDFCBANK"), QStringLiteral("INFY")};
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            settings.clear();
            TickerPicker picker(settings);
            picker.setTickers(builtInTickers());
            for (const QString& symbol : chosenOrder)
                picker.choose(symbol);
            // Most recent first, no duplicates, at most eight.
            QCOMPARE(picker.recentSymbols(),
                     (QStringList{QStringLiteral("INFY"), QStringLiteral("HDFCBANK"), QStringLiteral("ITC"), QStringLiteral("BANKNIFTY"),
                                  QStringLiteral("NIFTY"), QStringLiteral("BAJAJ-AUTO"), QStringLiteral("M&M"), QStringLiteral("SBIN")}));
            QCOMPARE(listSymbols(picker.findChild<QListWidget*>(QStringLiteral("recentList"))), picker.recentSymbols());

            picker.setFavourite(QStringLiteral("RELIANCE"), true);
            auto* search = picker.findChild<QLineEdit*>(QStringLiteral("pickerSearch"));
            search->setText(QStringLiteral("m&m"));
            auto* star = picker.findChild<QToolButton*>(QStringLiteral("favouriteButton"));
            QVERIFY(star->isEnabled());
            star->click();  // stars the top result, M&M
            QVERIFY(picker.isFavourite(QStringLiteral("M&M")));
            QVERIFY(star->isChecked());
            picker.setFavourite(QStringLiteral("NOT-A-TICKER"), true);
            QCOMPARE(picker.favouriteSymbols(), (QStringList{QStringLiteral("RELIANCE"), QStringLiteral("M&M")}));
            auto* results = picker.findChild<QListView*>(QStringLiteral("pickerResults"));
            QVERIFY(results->model()->index(0, 0).data().toString().startsWith(QStringLiteral("★ M&M")));
        }
        QSettings reopened(settingsPath(), QSettings::IniFormat);
        QCOMPARE(reopened.value(TickerPicker::kFavouritesKey).toStringList(), (QStringList{QStringLiteral("RELIANCE"), QStringLiteral("M&M")}));
        TickerPicker restored(reopened);
        restored.setTickers(builtInTickers());
        QCOMPARE(restored.recentSymbols().size(), TickerPicker::kRecentCount);
        QCOMPARE(restored.recentSymbols().front(), QStringLiteral("INFY"));
        QCOMPARE(restored.favouriteSymbols(), (QStringList{QStringLiteral("RELIANCE"), QStringLiteral("M&M")}));
        QCOMPARE(listSymbols(restored.findChild<QListWidget*>(QStringLiteral("favouriteList"))),
                 (QStringList{QStringLiteral("RELIANCE"), QStringLiteral("M&M")}));

        restored.setFavourite(QStringLiteral("RELIANCE"), false);
        QCOMPARE(reopened.value(TickerPicker::kFavouritesKey).toStringList(), QStringList{QStringLiteral("M&M")});
    }

    // In a narrow dock a long name is elided inside the row, not cut at the edge behind a scroll bar.
    void longNamesAreElidedToTheListsWidth()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        TickerPicker picker(settings);
        picker.setTickers(builtInTickers());
        picker.resize(220, 500);
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        picker.findChild<QLineEdit*>(QStringLiteral("pickerSearch"))->setText(QStringLiteral("tata consultancy"));
        auto* results = picker.findChild<QListView*>(QStringLiteral("pickerResults"));
        const QModelIndex top = results->model()->index(0, 0);
        QVERIFY(results->fontMetrics().horizontalAdvance(top.data().toString()) > results->viewport()->width());
        QVERIFY(results->visualRect(top).width() <= results->viewport()->width());
        QCOMPARE(results->horizontalScrollBar()->maximum(), 0);
        QCOMPARE(results->textElideMode(), Qt::ElideRight);
    }

    void focusSearchSelectsTheText()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        TickerPicker picker(settings);
        picker.setTickers(builtInTickers());
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        auto* search = picker.findChild<QLineEdit*>(QStringLiteral("pickerSearch"));
        search->setText(QStringLiteral("tcs"));
        picker.findChild<QListView*>(QStringLiteral("pickerResults"))->setFocus();
        picker.focusSearch();
        QVERIFY(search->hasFocus());
        QCOMPARE(search->selectedText(), QStringLiteral("tcs"));
    }
};

int runTickerPickerTests(int argc, char** argv)
{
    TickerPickerTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_ticker_picker.moc"
