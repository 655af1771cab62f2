#include "ui/window/pane_split_memory.h"

#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QVariant>

#include <algorithm>

namespace aegis::ui {

namespace {

constexpr int kFirstPaneMaxPercent = 60;

}  // namespace

PaneSplitMemory::PaneSplitMemory(QSplitter* splitter, QSettings* settings, QString settingsKey,
                                 FirstPaneWidths firstPaneWidths, QObject* parent)
    : QObject(parent), splitter_(splitter), settings_(settings), key_(std::move(settingsKey)),
      firstPaneWidths_(std::move(firstPaneWidths))
{
}

void PaneSplitMemory::windowShown()
{
    if (state_ != State::NotScheduled)
        return;
    state_ = State::Scheduled;
    QTimer::singleShot(0, this, &PaneSplitMemory::restore);
}

void PaneSplitMemory::restore()
{
    QList<int> sizes;
    for (const QVariant& size : settings_->value(key_).toList())
        sizes << size.toInt();
    if (sizes.size() != splitter_->count()) {
        state_ = State::AwaitingFirstPane;
        splitToFirstPane();
        return;
    }
    splitter_->setSizes(sizes);
    state_ = State::Sized;
}

void PaneSplitMemory::firstPaneChanged()
{
    splitToFirstPane();
}

void PaneSplitMemory::splitToFirstPane()
{
    if (state_ != State::AwaitingFirstPane)
        return;
    const std::vector<int> wanted = firstPaneWidths_();
    if (wanted.empty())
        return;
    // The first pane as wide as it asks; the second takes the rest and at least 40 %.
    const int width = splitter_->width() - splitter_->handleWidth();
    const int cap = width * kFirstPaneMaxPercent / 100;
    const auto fitting = std::find_if(wanted.begin(), wanted.end(), [cap](int candidate) { return candidate <= cap; });
    const int first = fitting != wanted.end() ? *fitting : cap;
    splitter_->setSizes({first, width - first});
    state_ = State::Sized;
}

void PaneSplitMemory::save() const
{
    if (state_ != State::Sized)
        return;
    QVariantList sizes;
    for (int size : splitter_->sizes())
        sizes << size;
    settings_->setValue(key_, sizes);
}

}  // namespace aegis::ui
