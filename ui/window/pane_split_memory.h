#pragma once

// The split between the window's two panes, remembered across starts.
//
// A saved split is restored once the first show has been laid out: before, a hidden window's default
// width would rescale it. With nothing saved (a first start) the split waits until the first pane can
// say how wide it wants to be (the direction pane, once a report gives its horizon table columns),
// and gives it the most generous of its widths that fits in 60 % of the splitter, else those 60 %.
// What is saved is the widths as shown, and only once they were set: QSplitter::saveState() keeps the
// widths last asked for, which a narrower window may never have granted, and a first start closed
// before its first report would otherwise keep the unmeasured split for good.

#include <QObject>
#include <QString>

#include <functional>
#include <vector>

class QSettings;
class QSplitter;

namespace aegis::ui {

class PaneSplitMemory : public QObject {
    Q_OBJECT
public:
    // The widths the first pane would take, most generous first, or none while it has nothing to measure.
    using FirstPaneWidths = std::function<std::vector<int>()>;

    // `settingsKey` holds the panes' widths as a list of integers.
    PaneSplitMemory(QSplitter* splitter, QSettings* settings, QString settingsKey, FirstPaneWidths firstPaneWidths,
                    QObject* parent);

    void windowShown();        // from the window's showEvent: schedules the restore, once
    void firstPaneChanged();   // the first pane shows something new: a first start splits if it can
    void save() const;         // the widths as shown, when they were set
    bool isSized() const { return state_ == State::Sized; }

private:
    void restore();
    void splitToFirstPane();

    enum class State { NotScheduled, Scheduled, AwaitingFirstPane, Sized };
    QSplitter* splitter_;
    QSettings* settings_;
    QString key_;
    FirstPaneWidths firstPaneWidths_;
    State state_ = State::NotScheduled;
};

}  // namespace aegis::ui
