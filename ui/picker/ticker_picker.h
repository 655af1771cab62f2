#pragma once

// Choosing one of the 503 tickers: type-ahead search by symbol or company name, the last eight tickers
// chosen, and starred favourites. Recents and favourites live in the QSettings the window passes in,
// under "picker/recent" and "picker/favourites" (string lists, most recent first).
//
// Object names: "pickerSearch" (QLineEdit; Enter chooses the top result, Down moves into the list,
// Escape clears), "pickerResults" (QListView over the ranked matches; Enter or double-click chooses),
// "favouriteButton" (stars the selected result), "recentList", "favouriteList" (QListWidget; item
// data Qt::UserRole = symbol; activating an item chooses it).

#include "data/universe/universe.h"

#include <QHash>
#include <QStringList>
#include <QWidget>

#include <vector>

class QLineEdit;
class QListView;
class QListWidget;
class QSettings;
class QToolButton;

namespace aegis::ui {

class TickerListModel;
class TickerSearchProxy;

class TickerPicker : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRecentCount = 8;
    static inline const QString kRecentKey = QStringLiteral("picker/recent");
    static inline const QString kFavouritesKey = QStringLiteral("picker/favourites");

    // `settings` must outlive the picker.
    explicit TickerPicker(QSettings& settings, QWidget* parent = nullptr);

    // Tickers in `noReport` (symbol -> reason) are listed greyed with the reason, and can be chosen.
    void setTickers(std::vector<data::Ticker> tickers, QHash<QString, QString> noReport = {});

    QStringList recentSymbols() const { return recents_; }
    QStringList favouriteSymbols() const { return favourites_; }
    bool isFavourite(const QString& symbol) const { return favourites_.contains(symbol); }
    void setFavourite(const QString& symbol, bool favourite);
    // Symbols of the current matches, best first.
    QStringList visibleSymbols() const;

public Q_SLOTS:
    // Puts the cursor in the search field with its text selected (the window binds Ctrl+K).
    void focusSearch();
    // Records `symbol` as most recent and emits tickerChosen(); unknown symbols are ignored.
    void choose(const QString& symbol);

Q_SIGNALS:
    void tickerChosen(QString symbol);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void search(const QString& text);
    void toggleFavouriteOfSelection();
    void updateFavouriteButton();
    void refreshLists();
    void persist();
    QString selectedSymbol() const;
    bool isKnown(const QString& symbol) const;

    QSettings& settings_;
    QStringList recents_;
    QStringList favourites_;
    TickerListModel* model_ = nullptr;
    TickerSearchProxy* proxy_ = nullptr;
    QLineEdit* search_ = nullptr;
    QListView* results_ = nullptr;
    QToolButton* favouriteButton_ = nullptr;
    QListWidget* recentList_ = nullptr;
    QListWidget* favouriteList_ = nullptr;
};

}  // namespace aegis::ui
