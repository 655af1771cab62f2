#pragma once

// The picker's data: a list model over the tickers and a proxy that filters and ranks them for the
// typed text. Ranking (lower is better): exact symbol, symbol prefix, name prefix, a word of the name
// starting with the text, symbol contains, name contains; ties keep the universe's order (indices
// first). Matching ignores case. All ranks are computed once per keystroke, so 503 rows stay instant.

#include "data/universe/universe.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <QSortFilterProxyModel>

#include <vector>

namespace aegis::ui {

class TickerListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { SymbolRole = Qt::UserRole + 1, NameRole, FavouriteRole, NoReportReasonRole };

    explicit TickerListModel(QObject* parent = nullptr);

    // `noReport`: symbol -> why that ticker has no report (listed, greyed, so a search says why).
    void setTickers(std::vector<data::Ticker> tickers, QHash<QString, QString> noReport = {});
    const std::vector<data::Ticker>& tickers() const { return tickers_; }
    void setFavourites(const QSet<QString>& symbols);
    int rowOf(const QString& symbol) const;  // -1 when unknown

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::vector<data::Ticker> tickers_;
    QHash<QString, QString> noReport_;
    QSet<QString> favourites_;
};

class TickerSearchProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TickerSearchProxy(QObject* parent = nullptr);

    void setQuery(const QString& text);
    const QString& query() const { return query_; }

    // Rank of a ticker for a query, or -1 when it does not match. Exposed for tests and docs.
    static int rank(const data::Ticker& ticker, const QString& lowerQuery);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void recomputeRanks();

    QString query_;
    std::vector<int> ranks_;  // per source row
};

}  // namespace aegis::ui
