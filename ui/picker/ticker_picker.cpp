#include "ui/picker/ticker_picker.h"

#include "ui/picker/ticker_search_model.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

#include <initializer_list>

namespace aegis::ui {

namespace {

// A list view never makes an item narrower than its text: a long company name ran past the dock's edge
// and was cut mid-letter, behind a horizontal scroll bar. Asking for no width lets every row take the
// view's width, where the style elides the name with "…" (the tooltip has it whole).
class ViewWidthDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        return {1, QStyledItemDelegate::sizeHint(option, index).height()};
    }
};

void fitRowsToTheView(QListView* list)
{
    list->setItemDelegate(new ViewWidthDelegate(list));
    list->setTextElideMode(Qt::ElideRight);
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

QStringList uniqueSymbols(const QStringList& symbols)
{
    QStringList unique;
    for (const QString& symbol : symbols) {
        if (!symbol.isEmpty() && !unique.contains(symbol))
            unique << symbol;
    }
    return unique;
}

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

}  // namespace

TickerPicker::TickerPicker(QSettings& settings, QWidget* parent)
    : QWidget(parent)
    , settings_(settings)
    , model_(new TickerListModel(this))
    , proxy_(new TickerSearchProxy(this))
{
    recents_ = uniqueSymbols(settings_.value(kRecentKey).toStringList()).mid(0, kRecentCount);
    favourites_ = uniqueSymbols(settings_.value(kFavouritesKey).toStringList());
    proxy_->setSourceModel(model_);

    auto* column = new QVBoxLayout(this);
    auto* searchRow = new QHBoxLayout;
    search_ = new QLineEdit(this);
    search_->setObjectName(QStringLiteral("pickerSearch"));
    search_->setPlaceholderText(QStringLiteral("Search symbol or company (Ctrl+K)"));
    search_->setClearButtonEnabled(true);
    search_->installEventFilter(this);
    favouriteButton_ = new QToolButton(this);
    favouriteButton_->setObjectName(QStringLiteral("favouriteButton"));
    favouriteButton_->setCheckable(true);
    favouriteButton_->setText(QStringLiteral("☆"));
    favouriteButton_->setToolTip(QStringLiteral("Star the selected ticker as a favourite"));
    searchRow->addWidget(search_, 1);
    searchRow->addWidget(favouriteButton_);
    column->addLayout(searchRow);

    results_ = new QListView(this);
    results_->setObjectName(QStringLiteral("pickerResults"));
    results_->setModel(proxy_);
    results_->setUniformItemSizes(true);  // keeps layout cheap for 503 rows
    results_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    results_->installEventFilter(this);
    column->addWidget(results_, 3);

    column->addWidget(heading(QStringLiteral("Favourites"), this));
    favouriteList_ = new QListWidget(this);
    favouriteList_->setObjectName(QStringLiteral("favouriteList"));
    column->addWidget(favouriteList_, 1);
    column->addWidget(heading(QStringLiteral("Recent"), this));
    recentList_ = new QListWidget(this);
    recentList_->setObjectName(QStringLiteral("recentList"));
    column->addWidget(recentList_, 1);
    for (QListView* list : std::initializer_list<QListView*>{results_, favouriteList_, recentList_})
        fitRowsToTheView(list);

    connect(search_, &QLineEdit::textChanged, this, &TickerPicker::search);
    connect(search_, &QLineEdit::returnPressed, this, [this] {
        const QStringList symbols = visibleSymbols();
        const QString selected = selectedSymbol();
        choose(!selected.isEmpty() ? selected : symbols.value(0));
    });
    connect(results_, &QListView::activated, this,
            [this](const QModelIndex& index) { choose(index.data(TickerListModel::SymbolRole).toString()); });
    connect(results_->selectionModel(), &QItemSelectionModel::currentChanged, this, &TickerPicker::updateFavouriteButton);
    connect(favouriteButton_, &QToolButton::clicked, this, &TickerPicker::toggleFavouriteOfSelection);
    for (QListWidget* list : {recentList_, favouriteList_}) {
        connect(list, &QListWidget::itemActivated, this,
                [this](QListWidgetItem* item) { choose(item->data(Qt::UserRole).toString()); });
    }
    refreshLists();
}

void TickerPicker::setTickers(std::vector<data::Ticker> tickers, QHash<QString, QString> noReport)
{
    model_->setTickers(std::move(tickers), std::move(noReport));
    model_->setFavourites(QSet<QString>(favourites_.begin(), favourites_.end()));
    proxy_->setQuery(search_->text());
    refreshLists();
    updateFavouriteButton();
}

QStringList TickerPicker::visibleSymbols() const
{
    QStringList symbols;
    symbols.reserve(proxy_->rowCount());
    for (int row = 0; row < proxy_->rowCount(); ++row)
        symbols << proxy_->index(row, 0).data(TickerListModel::SymbolRole).toString();
    return symbols;
}

void TickerPicker::focusSearch()
{
    search_->setFocus(Qt::ShortcutFocusReason);
    search_->selectAll();
}

void TickerPicker::choose(const QString& symbol)
{
    if (!isKnown(symbol))
        return;
    recents_.removeAll(symbol);
    recents_.prepend(symbol);
    recents_ = recents_.mid(0, kRecentCount);
    persist();
    refreshLists();
    Q_EMIT tickerChosen(symbol);
}

void TickerPicker::setFavourite(const QString& symbol, bool favourite)
{
    if (!isKnown(symbol) || favourites_.contains(symbol) == favourite)
        return;
    if (favourite)
        favourites_ << symbol;
    else
        favourites_.removeAll(symbol);
    model_->setFavourites(QSet<QString>(favourites_.begin(), favourites_.end()));
    persist();
    refreshLists();
    updateFavouriteButton();
}

bool TickerPicker::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (watched == search_ && key->key() == Qt::Key_Down && proxy_->rowCount() > 0) {
        results_->setFocus(Qt::TabFocusReason);
        results_->setCurrentIndex(proxy_->index(0, 0));
        return true;
    }
    if (watched == search_ && key->key() == Qt::Key_Escape && !search_->text().isEmpty()) {
        search_->clear();
        return true;
    }
    if (watched == results_ && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
        choose(selectedSymbol());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void TickerPicker::search(const QString& text)
{
    proxy_->setQuery(text);
    if (proxy_->rowCount() > 0)
        results_->setCurrentIndex(proxy_->index(0, 0));
}

void TickerPicker::toggleFavouriteOfSelection()
{
    const QString symbol = selectedSymbol();
    setFavourite(symbol, !isFavourite(symbol));
}

void TickerPicker::updateFavouriteButton()
{
    const QString symbol = selectedSymbol();
    const bool favourite = isFavourite(symbol);
    favouriteButton_->setEnabled(!symbol.isEmpty());
    favouriteButton_->setChecked(favourite);
    favouriteButton_->setText(favourite ? QStringLiteral("★") : QStringLiteral("☆"));
}

void TickerPicker::refreshLists()
{
    const auto fill = [this](QListWidget* list, const QStringList& symbols) {
        list->clear();
        for (const QString& symbol : symbols) {
            const int row = model_->rowOf(symbol);
            if (row < 0)
                continue;  // no longer in the universe: kept in settings, not offered
            auto* item = new QListWidgetItem(symbol + QStringLiteral("  —  ") + model_->tickers()[std::size_t(row)].name, list);
            item->setData(Qt::UserRole, symbol);
        }
    };
    fill(recentList_, recents_);
    fill(favouriteList_, favourites_);
}

void TickerPicker::persist()
{
    settings_.setValue(kRecentKey, recents_);
    settings_.setValue(kFavouritesKey, favourites_);
    settings_.sync();
}

QString TickerPicker::selectedSymbol() const
{
    return results_->currentIndex().data(TickerListModel::SymbolRole).toString();
}

bool TickerPicker::isKnown(const QString& symbol) const
{
    return !symbol.isEmpty() && model_->rowOf(symbol) >= 0;
}

}  // namespace aegis::ui
