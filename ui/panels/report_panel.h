#pragma once

// What every panel shares: showReport() renders a TickerReport, showUnavailable() replaces the content
// with a message (no report yet, the engines failed, ...), and a theme switch (ThemeNotifier)
// re-renders the last report so colours follow the theme.
//
// Object names: "unavailableLabel" (the message page).

#include "engines/report/report_model.h"

#include <QWidget>

#include <optional>

class QLabel;
class QStackedLayout;

namespace aegis::ui {

class ReportPanel : public QWidget {
    Q_OBJECT
public:
    void showReport(const engines::report::TickerReport& report);
    void showUnavailable(const QString& why);

    bool isShowingUnavailable() const;

protected:
    explicit ReportPanel(QWidget* parent);

    // The page shown while a report is on screen; call once from the constructor.
    void setContent(QWidget* content);
    // Fills the content page from `report`. Must not block: values only, no I/O.
    virtual void render(const engines::report::TickerReport& report) = 0;
    const std::optional<engines::report::TickerReport>& lastReport() const { return lastReport_; }
    // Brings the content page forward, for panels fed by more than showReport().
    void showContent();
    // Called on a theme switch: colours are baked in at render time, so the default re-renders the
    // last report.
    virtual void rerender();

private:
    QStackedLayout* pages_ = nullptr;
    QLabel* unavailableLabel_ = nullptr;
    std::optional<engines::report::TickerReport> lastReport_;
};

}  // namespace aegis::ui
