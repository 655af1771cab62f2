#include "ui/picker/ticker_search_model.h"

#include <QGuiApplication>
#include <QPalette>

namespace aegis::ui {

TickerListModel::TickerListModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void TickerListModel::setTickers(std::vector<data::Ticker> tickers, QHash<QString, QString> noReport)
{
    beginResetModel();
    tickers_ = std::move(tickers);
    noReport_ = std::move(noReport);
    endResetModel();
}

void TickerListModel::setFavourites(const QSet<QString>& symbols)
{
    favourites_ = symbols;
    if (!tickers_.empty())
        Q_EMIT dataChanged(index(0), index(int(tickers_.size()) - 1), {Qt::DisplayRole, FavouriteRole});
}

int TickerListModel::rowOf(const QString& symbol) const
{
    for (std::size_t row = 0; row < tickers_.size(); ++row) {
        if (tickers_[row].symbol == symbol)
            return int(row);
    }
    return -1;
}

int TickerListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(tickers_.size());
}

QVariant TickerListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(tickers_.size()))
        return {};
    const data::Ticker& ticker = tickers_[std::size_t(index.row())];
    const bool favourite = favourites_.contains(ticker.symbol);
    const auto noReport = noReport_.constFind(ticker.symbol);
    const bool reported = noReport == noReport_.constEnd();
    switch (role) {
    case Qt::DisplayRole:
        return (favourite ? QStringLiteral("★ ") : QStringLiteral("   ")) + ticker.symbol + QStringLiteral("  —  ") + ticker.name
            + (reported ? QString() : QStringLiteral("  (no report)"));
    case Qt::ToolTipRole:
        return QStringLiteral("%1 · %2 · %3").arg(ticker.name, ticker.industry, data::toString(ticker.kind))
            + (reported ? QString() : QStringLiteral("\nNo report: %1").arg(*noReport));
    case Qt::ForegroundRole:
        return reported ? QVariant() : QVariant(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
    case NoReportReasonRole:
        return reported ? QVariant() : QVariant(*noReport);
    case SymbolRole:
        return ticker.symbol;
    case NameRole:
        return ticker.name;
    case FavouriteRole:
        return favourite;
    default:
        return {};
    }
}

TickerSearchProxy::TickerSearchProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false);
}

int TickerSearchProxy::rank(const data::Ticker& ticker, const QString& lowerQuery)
{
    if (lowerQuery.isEmpty())
        return 0;
    const QString symbol = ticker.symbol.toLower();
    const QString name = ticker.name.toLower();
    if (symbol == lowerQuery)
        return 0;
    if (symbol.startsWith(lowerQuery))
        return 1;
    if (name.startsWith(lowerQuery))
        return 2;
    for (qsizetype at = name.indexOf(lowerQuery); at > 0; at = name.indexOf(lowerQuery, at + 1)) {
        if (!name.at(at - 1).isLetterOrNumber())
            return 3;
    }
    if (symbol.contains(lowerQuery))
        return 4;
    if (name.contains(lowerQuery))
        return 5;
    return -1;
}

void TickerSearchProxy::setQuery(const QString& text)
{
    query_ = text.trimmed().toLower();
    recomputeRanks();
    invalidate();
    sort(0);
}

void TickerSearchProxy::recomputeRanks()
{
    const auto* model = qobject_cast<const TickerListModel*>(sourceModel());
    ranks_.clear();
    if (!model)
        return;
    ranks_.reserve(model->tickers().size());
    for (const data::Ticker& ticker : model->tickers())
        ranks_.push_back(rank(ticker, query_));
}

bool TickerSearchProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    if (sourceRow >= int(ranks_.size()))
        return query_.isEmpty();
    return ranks_[std::size_t(sourceRow)] >= 0;
}

bool TickerSearchProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const int leftRank = left.row() < int(ranks_.size()) ? ranks_[std::size_t(left.row())] : 0;
    const int rightRank = right.row() < int(ranks_.size()) ? ranks_[std::size_t(right.row())] : 0;
    if (leftRank != rightRank)
        return leftRank < rightRank;
    return left.row() < right.row();
}

}  // namespace aegis::ui
