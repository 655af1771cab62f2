#include "ui/panels/model_card_panel.h"

#include "ui/panels/chart_support.h"
#include "ui/panels/display_format.h"
#include "ui/panels/panel_widgets.h"
#include "ui/theme/theme.h"

#include <QChart>
#include <QChartView>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QResizeEvent>
#include <QScatterSeries>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace aegis::ui {

namespace {

bool finite(const std::optional<double>& value)
{
    return value && std::isfinite(*value);
}

QTableWidgetItem* cell(const QString& text, const QColor& colour, const QString& tooltip = QString())
{
    auto* item = new QTableWidgetItem(text);
    item->setForeground(colour);
    item->setToolTip(tooltip);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

QTableWidget* makeTable(const QString& objectName, const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);  // sized once per render, not per cell
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setShowGrid(false);
    return table;
}

QString calibrationText(const engines::report::ModelEvaluation& model)
{
    if (finite(model.coverage)) {
        QStringList below;
        if (finite(model.coverageLow) && finite(model.coverageHigh))
            below << percentRangeFromFractions(*model.coverageLow, *model.coverageHigh);
        if (finite(model.nominalCoverage))
            below << QStringLiteral("nominal %1").arg(percentFromFraction(*model.nominalCoverage, 0));
        QString text = QStringLiteral("coverage ") + percentFromFraction(*model.coverage);
        if (!below.isEmpty())
            text += QLatin1Char('\n') + below.join(QStringLiteral(" · "));
        return text;
    }
    if (!finite(model.ece))
        return kMissingText;
    QString text = QStringLiteral("ECE ") + groupedNumber(*model.ece, 3);
    if (finite(model.eceFloor) && finite(model.eceP))
        text += QStringLiteral("\nfloor %1 · p %2").arg(groupedNumber(*model.eceFloor, 3), groupedNumber(*model.eceP, 2));
    else if (finite(model.eceFloor))
        text += QStringLiteral("\nfloor %1").arg(groupedNumber(*model.eceFloor, 3));
    return text;
}

// "0.640" over "0.610–0.670"; `separator` " to " where the ends can be negative. The metric cells take two
// lines: on one, the six columns were wider than the tab and the calibration column needed scrolling.
QString withInterval(const std::optional<double>& value, const std::optional<double>& low,
                     const std::optional<double>& high, const QString& separator)
{
    if (!finite(value))
        return kMissingText;
    QString text = groupedNumber(*value, 3);
    if (finite(low) && finite(high))
        text += QStringLiteral("\n%1%2%3").arg(groupedNumber(*low, 3), separator, groupedNumber(*high, 3));
    return text;
}

// With its box's title and frame around it (or a tab bar), a 200-pixel chart made the window too
// tall at its smallest for a 768-pixel screen (test_ui_window).
constexpr int kReliabilityChartMinimumHeight = 160;
// How the table and the details under it first share the page's height.
constexpr int kTableShare = 3;
constexpr int kDetailsShare = 2;

// "breakout_1 · 1d": the metrics table's name for a model, and the reliability chart's title.
QString displayName(const engines::report::ModelEvaluation& model)
{
    QString name = model.target;
    if (model.horizon)
        name += QStringLiteral(" · %1d").arg(*model.horizon);
    return name;
}

// Three labelled ticks (0, 0.5, 1) with a minor line between: in a pane as narrow as a 1366-pixel
// laptop leaves, the default five "0.00"-style labels were elided to "0...".
QValueAxis* probabilityAxis(const QString& title)
{
    auto* axis = new QValueAxis;
    axis->setRange(0.0, 1.0);
    axis->setTickCount(3);
    axis->setMinorTickCount(1);
    axis->setLabelFormat(QStringLiteral("%.1f"));
    axis->setTitleText(title);
    return axis;
}

QString edgeTooltip(const engines::report::ModelEvaluation& model)
{
    if (model.coverage)
        return QStringLiteral("demonstrated when the pinball skill's interval lies above 0: the quantile beats the constant "
                              "its training rows give");
    QString text = QStringLiteral("demonstrated when the AUC interval lies above 0.5, the Brier skill is positive and the "
                                  "forecasts rank better than against their own outcomes shifted in time");
    if (finite(model.placeboP))
        text += QStringLiteral(" (placebo p = %1)").arg(groupedNumber(*model.placeboP, 3));
    return text;
}

}  // namespace

ModelCardPanel::ModelCardPanel(QWidget* parent)
    : ReportPanel(parent)
{
    auto* content = new QWidget(this);
    auto* column = new QVBoxLayout(content);

    auto* header = new QFormLayout;
    header->setRowWrapPolicy(QFormLayout::WrapLongRows);  // a value too wide beside its caption goes below it
    generationLabel_ = makeLabel(QStringLiteral("generationLabel"), content, LabelStyle::Heading);
    trainedAtLabel_ = makeLabel(QStringLiteral("trainedAtLabel"), content);
    dataRangeLabel_ = makeLabel(QStringLiteral("dataRangeLabel"), content);
    trainingDataLabel_ = makeLabel(QStringLiteral("trainingDataLabel"), content);
    header->addRow(makeCaption(QStringLiteral("Generation"), content), generationLabel_);
    header->addRow(makeCaption(QStringLiteral("Trained"), content), trainedAtLabel_);
    // The data the walk-forward ran over; its test windows are each record's own (the table's n).
    header->addRow(makeCaption(QStringLiteral("Data range"), content), dataRangeLabel_);
    header->addRow(makeCaption(QStringLiteral("Training data"), content), trainingDataLabel_);
    column->addLayout(header);

    metricsTable_ = makeTable(QStringLiteral("metricsTable"),
                              {QStringLiteral("Model"), QStringLiteral("Edge"), QStringLiteral("n"), QStringLiteral("AUC\ninterval"),
                               QStringLiteral("Skill\ninterval"), QStringLiteral("ECE / coverage\nfloor · p")},
                              content);
    // The table and the details under it share the height the user gives them: 34 models at two lines
    // each do not fit a laptop pane (about four rows show beside the chart's minimum height), so the
    // details can be dragged shut to read the records and dragged open again.
    splitter_ = new QSplitter(Qt::Vertical, content);
    splitter_->setObjectName(QStringLiteral("modelCardSplitter"));
    splitter_->addWidget(metricsTable_);
    column->addWidget(splitter_, 1);

    reliabilityChart_ = new QChart;
    reliabilityChart_->legend()->hide();
    reliabilityDiagonal_ = new QLineSeries;
    reliabilityDiagonal_->setObjectName(QStringLiteral("reliabilityDiagonal"));
    reliabilityDiagonal_->append({{0.0, 0.0}, {1.0, 1.0}});
    reliabilityCurve_ = new QLineSeries;
    reliabilityCurve_->setObjectName(QStringLiteral("reliabilityCurve"));
    reliabilityPoints_ = new QScatterSeries;
    reliabilityPoints_->setObjectName(QStringLiteral("reliabilityPoints"));
    reliabilityPoints_->setMarkerSize(7);
    QValueAxis* predicted = probabilityAxis(QStringLiteral("predicted"));
    QValueAxis* observed = probabilityAxis(QStringLiteral("observed"));
    reliabilityChart_->addAxis(predicted, Qt::AlignBottom);
    reliabilityChart_->addAxis(observed, Qt::AlignLeft);
    for (QAbstractSeries* series : std::initializer_list<QAbstractSeries*>{reliabilityDiagonal_, reliabilityCurve_, reliabilityPoints_}) {
        reliabilityChart_->addSeries(series);
        series->attachAxis(predicted);
        series->attachAxis(observed);
    }
    reliabilityBox_ = new QGroupBox(reliabilityTitle(), content);
    reliabilityBox_->setObjectName(QStringLiteral("reliabilityBox"));
    auto* reliabilityColumn = new QVBoxLayout(reliabilityBox_);
    reliabilityColumn->addWidget(makeChartView(QStringLiteral("reliabilityChart"), reliabilityChart_, kReliabilityChartMinimumHeight, reliabilityBox_), 1);
    reliabilityMessage_ = makeLabel(QStringLiteral("reliabilityMessage"), reliabilityBox_, LabelStyle::Muted);
    reliabilityMessage_->setAlignment(Qt::AlignCenter);
    reliabilityColumn->addWidget(reliabilityMessage_);

    generationsBox_ = new QGroupBox(generationsTitle(), content);
    generationsBox_->setObjectName(QStringLiteral("generationsBox"));
    auto* generationsColumn = new QVBoxLayout(generationsBox_);
    generationTable_ = makeTable(QStringLiteral("generationTable"),
                                 {QStringLiteral("Generation"), QStringLiteral("Status"), QStringLiteral("Trained"),
                                  QStringLiteral("Training data")},
                                 generationsBox_);
    switchButton_ = new QPushButton(QStringLiteral("Switch to this generation"), generationsBox_);
    switchButton_->setObjectName(QStringLiteral("switchGenerationButton"));
    switchButton_->setEnabled(false);
    generationsColumn->addWidget(generationTable_);
    generationsColumn->addWidget(switchButton_, 0, Qt::AlignRight);

    auto* details = new QWidget(splitter_);
    auto* detailsColumn = new QVBoxLayout(details);
    detailsColumn->setContentsMargins(0, 0, 0, 0);
    bottomRow_ = new QWidget(details);
    auto* row = new QHBoxLayout(bottomRow_);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(reliabilityBox_, 2);
    row->addWidget(generationsBox_, 3);
    bottomTabs_ = new QTabWidget(details);
    bottomTabs_->setObjectName(QStringLiteral("modelCardBottomTabs"));
    bottomTabs_->hide();
    detailsColumn->addWidget(bottomRow_, 1);
    detailsColumn->addWidget(bottomTabs_, 1);
    splitter_->addWidget(details);
    splitter_->setCollapsible(0, false);
    splitter_->setStretchFactor(0, kTableShare);
    splitter_->setStretchFactor(1, kDetailsShare);
    splitter_->installEventFilter(this);
    setContent(content);

    connect(metricsTable_, &QTableWidget::itemSelectionChanged, this, &ModelCardPanel::renderReliability);
    connect(generationTable_, &QTableWidget::itemSelectionChanged, this, &ModelCardPanel::updateSwitchButton);
    connect(switchButton_, &QPushButton::clicked, this, [this] {
        const int row = selectedGenerationRow();
        if (row >= 0)
            Q_EMIT rollbackRequested(generations_[std::size_t(row)].id);
    });
    renderReliability();
}

std::optional<double> ModelCardPanel::detailsShare() const
{
    if (restoredDetailsShare_)
        return restoredDetailsShare_;
    const QList<int> sizes = splitter_->sizes();
    const double total = double(sizes.value(0)) + double(sizes.value(1));
    if (!splitShown_ || total <= 0.0)
        return std::nullopt;
    return double(sizes.value(1)) / total;
}

void ModelCardPanel::restoreDetailsShare(double share)
{
    if (!std::isfinite(share))
        return;
    restoredDetailsShare_ = std::clamp(share, 0.0, 1.0);
    if (splitShown_)
        applyRestoredDetailsShare();
}

void ModelCardPanel::applyRestoredDetailsShare()
{
    const QList<int> sizes = splitter_->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    if (!restoredDetailsShare_ || total <= 0)
        return;
    const int details = int(std::lround(*restoredDetailsShare_ * double(total)));
    splitter_->setSizes({total - details, details});
    restoredDetailsShare_.reset();
}

bool ModelCardPanel::eventFilter(QObject* watched, QEvent* event)
{
    // The split shows inside a tab the user may open long after the start; its show's layout pass runs
    // after the Show event, so a saved share waits one turn of the event loop.
    if (watched == splitter_ && event->type() == QEvent::Show) {
        splitShown_ = true;
        if (restoredDetailsShare_)
            QTimer::singleShot(0, this, &ModelCardPanel::applyRestoredDetailsShare);
    }
    return ReportPanel::eventFilter(watched, event);
}

void ModelCardPanel::resizeEvent(QResizeEvent* event)
{
    ReportPanel::resizeEvent(event);
    arrangeBottom();
}

int ModelCardPanel::sideBySideWidth() const
{
    // The generations box takes 3/5 of the row and needs its ID and status columns whole; the
    // reliability chart beside it needs room for its axis titles and three labels.
    constexpr int kReliabilityMinimumWidth = 240;
    const QHeaderView* header = generationTable_->horizontalHeader();
    const QMargins box = generationsBox_->contentsMargins() + generationsBox_->layout()->contentsMargins();
    const int generations = header->sectionSize(IdColumn) + header->sectionSize(StatusColumn)
                            + 2 * generationTable_->frameWidth() + box.left() + box.right();
    const QMargins page = splitter_->parentWidget()->layout()->contentsMargins();
    const int spacing = bottomRow_->layout()->spacing();
    return page.left() + page.right() + spacing + std::max(kReliabilityMinimumWidth + generations, (generations * 5 + 2) / 3);
}

void ModelCardPanel::arrangeBottom()
{
    const bool tabbed = width() < sideBySideWidth();
    if (tabbed == bottomTabs_->isVisibleTo(this))
        return;
    if (tabbed) {
        for (QGroupBox* box : {reliabilityBox_, generationsBox_}) {
            box->setTitle(QString());  // the tabs name them and frame them
            box->setFlat(true);
        }
        bottomTabs_->addTab(reliabilityBox_, reliabilityTitle());
        bottomTabs_->addTab(generationsBox_, generationsTitle());
    } else {
        bottomTabs_->clear();  // removes the pages without deleting them
        reliabilityBox_->setTitle(reliabilityTitle());
        generationsBox_->setTitle(generationsTitle());
        reliabilityBox_->setFlat(false);
        generationsBox_->setFlat(false);
        auto* row = static_cast<QHBoxLayout*>(bottomRow_->layout());
        row->addWidget(reliabilityBox_, 2);
        row->addWidget(generationsBox_, 3);
        reliabilityBox_->show();
        generationsBox_->show();
    }
    bottomRow_->setVisible(!tabbed);
    bottomTabs_->setVisible(tabbed);
}

QString ModelCardPanel::modelKey(const engines::report::ModelEvaluation& model)
{
    QString key = model.engine + QLatin1Char('/') + model.target;
    if (model.horizon)
        key += QStringLiteral("/h%1").arg(*model.horizon);
    return key;
}

void ModelCardPanel::render(const engines::report::TickerReport& report)
{
    const models::GenerationListing* generation = findGeneration(report.meta.modelGeneration);
    const QDateTime trainedAt = generation && generation->manifest ? generation->manifest->createdAtUtc : QDateTime();
    shown_ = Shown{report.evaluation, report.meta.modelGeneration, trainedAt};
    renderEvaluation();
}

void ModelCardPanel::rerender()
{
    syncChartTheme(reliabilityChart_);
    renderEvaluation();
    renderGenerations();
}

void ModelCardPanel::showEvaluation(const engines::report::Evaluation& evaluation, const QString& generationId,
                                    const QDateTime& trainedAt)
{
    const bool inUseChanged = !shown_ || shown_->generationId != generationId;
    shown_ = Shown{evaluation, generationId, trainedAt};
    renderEvaluation();
    if (inUseChanged)
        renderGenerations();  // the table marks the generation in use
    showContent();
}

void ModelCardPanel::renderEvaluation()
{
    if (!shown_)
        return;
    const ThemeColours& colours = activeColours();
    const QString previousKey = selectedModelKey();
    const auto& evaluation = shown_->evaluation;

    generationLabel_->setText(shown_->generationId.isEmpty() ? QStringLiteral("none: no models trained, base rates shown")
                                                             : shown_->generationId);
    trainedAtLabel_->setText(shown_->trainedAt.isValid()
                                 ? shown_->trainedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC")
                                 : kMissingText);
    trainedAtLabel_->setToolTip(shown_->trainedAt.isValid() ? QString() : QStringLiteral("training time not known for this generation"));
    dataRangeLabel_->setText(evaluation.from.isValid() || evaluation.to.isValid()
                                 ? QStringLiteral("%1 → %2").arg(isoDate(evaluation.from), isoDate(evaluation.to))
                                 : kMissingText);
    const models::GenerationListing* generation = findGeneration(shown_->generationId);
    if (generation && generation->manifest) {
        const auto& data = generation->manifest->trainingData;
        trainingDataLabel_->setText(QStringLiteral("%1 → %2 · %3 rows · %4 tickers")
                                        .arg(isoDate(data.firstDate), isoDate(data.lastDate), groupedNumber(double(data.rows), 0))
                                        .arg(data.symbols.size()));
        trainingDataLabel_->setToolTip(QString());
    } else {
        trainingDataLabel_->setText(kMissingText);
        trainingDataLabel_->setToolTip(QStringLiteral("the generation's manifest is not listed"));
    }

    metricsTable_->blockSignals(true);
    metricsTable_->setRowCount(int(evaluation.models.size()));
    int reselect = evaluation.models.empty() ? -1 : 0;
    for (int row = 0; row < int(evaluation.models.size()); ++row) {
        const auto& model = evaluation.models[std::size_t(row)];
        const QString key = modelKey(model);
        if (key == previousKey)
            reselect = row;
        const QString name = displayName(model);
        const QColor text = model.edgeDemonstrated ? colours.text : colours.mutedText;
        auto* nameItem = cell(name, text, QStringLiteral("%1 engine, target %2%3")
                                              .arg(model.engine, model.target,
                                                   model.horizon ? QStringLiteral(", %1 session(s) ahead").arg(*model.horizon) : QString()));
        nameItem->setData(Qt::UserRole, key);
        if (!model.reliability.empty()) {
            std::vector<models::evaluation::ReliabilityBin> bins;
            for (const engines::report::ReliabilityPoint& point : model.reliability)
                bins.push_back({point.lower, point.upper, std::size_t(point.count), point.meanPredicted, point.observedFrequency});
            reliability_[key] = std::move(bins);
        }
        metricsTable_->setItem(row, ModelColumn, nameItem);
        metricsTable_->setItem(row, RowsColumn, cell(groupedNumber(double(model.n), 0), text, QStringLiteral("held-out rows evaluated")));
        metricsTable_->setItem(row, AucColumn, cell(withInterval(model.auc, model.aucLow, model.aucHigh, QStringLiteral("–")), text,
                                                    QStringLiteral("area under the ROC curve on held-out folds; 0.5 is chance. "
                                                                   "The interval is 95%, for the direction ensembles 99.2% "
                                                                   "(six horizons are tested)")));
        if (finite(model.pinballSkill)) {
            metricsTable_->setItem(row, BrierSkillColumn,
                                   cell(withInterval(model.pinballSkill, model.pinballSkillLow, model.pinballSkillHigh, QStringLiteral(" to ")),
                                        text,
                                        QStringLiteral("quantile model: 1 − pinball loss / pinball loss of the training quantile (each "
                                                       "fold's own constant); above 0 its inputs help. The interval comes from the "
                                                       "same block bootstrap as the classifiers'")));
        } else {
            metricsTable_->setItem(row, BrierSkillColumn,
                                   cell(withInterval(model.brierSkill, model.brierSkillLow, model.brierSkillHigh, QStringLiteral(" to ")), text,
                                        QStringLiteral("1 − Brier / Brier of the training base rate (each fold's own); above 0 beats the base "
                                                       "rate. The interval comes from the same bootstrap as the AUC's")));
        }
        metricsTable_->setItem(row, CalibrationColumn,
                               cell(calibrationText(model), text,
                                    QStringLiteral("expected calibration error; the floor is what a perfectly calibrated "
                                                   "forecaster with the same forecasts would show on these outcomes, as "
                                                   "dependent as they are (tickers of one day, overlapping horizons), from "
                                                   "sampling noise alone; p is how often such a forecaster shows an ECE at "
                                                   "least this large (small: miscalibrated beyond noise). For quantile "
                                                   "models the share of outcomes inside the predicted quantile")));
        metricsTable_->setItem(row, EdgeColumn,
                               cell(model.edgeDemonstrated ? QStringLiteral("demonstrated") : QStringLiteral("none"),
                                    model.edgeDemonstrated ? colours.flagGreen : colours.mutedText,
                                    edgeTooltip(model)));
    }
    metricsTable_->resizeColumnsToContents();
    metricsTable_->resizeRowsToContents();
    if (reselect >= 0)
        metricsTable_->selectRow(reselect);
    metricsTable_->blockSignals(false);
    renderReliability();
}

void ModelCardPanel::setReliability(const QString& modelKey, std::vector<models::evaluation::ReliabilityBin> bins)
{
    reliability_[modelKey] = std::move(bins);
    if (modelKey == selectedModelKey())
        renderReliability();
}

QString ModelCardPanel::selectedModelKey() const
{
    const QTableWidgetItem* nameItem = selectedNameItem();
    return nameItem ? nameItem->data(Qt::UserRole).toString() : QString();
}

const QTableWidgetItem* ModelCardPanel::selectedNameItem() const
{
    const QList<QTableWidgetItem*> selected = metricsTable_->selectedItems();
    for (QTableWidgetItem* item : selected) {
        if (const QTableWidgetItem* nameItem = metricsTable_->item(item->row(), ModelColumn))
            return nameItem;
    }
    return nullptr;
}

void ModelCardPanel::selectModel(const QString& modelKey)
{
    for (int row = 0; row < metricsTable_->rowCount(); ++row) {
        if (metricsTable_->item(row, ModelColumn)->data(Qt::UserRole).toString() == modelKey) {
            metricsTable_->selectRow(row);
            return;
        }
    }
}

void ModelCardPanel::renderReliability()
{
    syncChartTheme(reliabilityChart_);
    const ThemeColours& colours = activeColours();
    reliabilityDiagonal_->setPen(QPen(colours.mutedText, 1.0, Qt::DashLine));
    reliabilityCurve_->setPen(QPen(colours.highlight.lighter(140), 2.0));
    reliabilityPoints_->setColor(colours.highlight.lighter(140));

    const QString key = selectedModelKey();
    const auto found = reliability_.find(key);
    QList<QPointF> points;
    if (found != reliability_.end()) {
        for (const auto& bin : found->second) {
            if (bin.count > 0 && std::isfinite(bin.meanPredicted) && std::isfinite(bin.observedFrequency))
                points << QPointF(bin.meanPredicted, bin.observedFrequency);
        }
    }
    reliabilityCurve_->replace(points);
    reliabilityPoints_->replace(points);
    const QTableWidgetItem* nameItem = selectedNameItem();
    reliabilityChart_->setTitle(nameItem ? nameItem->text() : QString());
    reliabilityMessage_->setText(key.isEmpty() ? QStringLiteral("select a model") : points.isEmpty() ? noReliabilityText() : QString());
    reliabilityMessage_->setVisible(!reliabilityMessage_->text().isEmpty());
}

void ModelCardPanel::setGenerations(const std::vector<models::GenerationListing>& generations)
{
    generations_ = generations;
    renderGenerations();
    if (shown_ && !shown_->trainedAt.isValid()) {
        const models::GenerationListing* generation = findGeneration(shown_->generationId);
        if (generation && generation->manifest)
            shown_->trainedAt = generation->manifest->createdAtUtc;
    }
    renderEvaluation();
}

void ModelCardPanel::renderGenerations()
{
    const ThemeColours& colours = activeColours();
    generationTable_->blockSignals(true);
    generationTable_->setRowCount(int(generations_.size()));
    for (int row = 0; row < int(generations_.size()); ++row) {
        const auto& generation = generations_[std::size_t(row)];
        const bool usable = generation.problem.isEmpty();
        const QColor text = usable ? colours.text : colours.mutedText;
        generationTable_->setItem(row, IdColumn, cell(generation.id, text));
        if (generation.manifest) {
            const auto& manifest = *generation.manifest;
            generationTable_->setItem(row, TrainedColumn,
                                      cell(manifest.createdAtUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC"), text));
            generationTable_->setItem(row, TrainingDataColumn,
                                      cell(QStringLiteral("%1 → %2").arg(isoDate(manifest.trainingData.firstDate),
                                                                         isoDate(manifest.trainingData.lastDate)),
                                           text));
        } else {
            generationTable_->setItem(row, TrainedColumn, cell(kMissingText, text, QStringLiteral("manifest missing or unreadable")));
            generationTable_->setItem(row, TrainingDataColumn, cell(kMissingText, text, QStringLiteral("manifest missing or unreadable")));
        }
        // When CURRENT names a generation that is refused, another one serves: the table said "current"
        // (in red) of the refused one and "verifies" of the one in use.
        const bool inUse = shown_ && generation.id == shown_->generationId;
        QString status = usable ? QStringLiteral("verifies") : generation.problem;
        if (generation.isCurrent)
            status = usable ? QStringLiteral("current") : QStringLiteral("CURRENT, refused: %1").arg(generation.problem);
        else if (usable && inUse)
            status = QStringLiteral("in use (CURRENT's refused)");
        const QColor statusColour = !usable ? colours.flagRed : generation.isCurrent || inUse ? colours.flagGreen : colours.text;
        generationTable_->setItem(row, StatusColumn, cell(status, statusColour, generation.problem));
    }
    generationTable_->resizeColumnsToContents();
    generationTable_->blockSignals(false);
    arrangeBottom();  // the columns' widths decide whether the boxes fit side by side
    updateSwitchButton();
}

void ModelCardPanel::updateSwitchButton()
{
    const int row = selectedGenerationRow();
    const bool switchable = row >= 0 && !generations_[std::size_t(row)].isCurrent
                            && generations_[std::size_t(row)].problem.isEmpty();
    switchButton_->setEnabled(switchable);
    switchButton_->setToolTip(row < 0 ? QStringLiteral("select a generation")
                              : switchable ? QStringLiteral("verify %1 and make it the current generation").arg(generations_[std::size_t(row)].id)
                              : generations_[std::size_t(row)].isCurrent ? QStringLiteral("already the current generation")
                                                                         : generations_[std::size_t(row)].problem);
}

int ModelCardPanel::selectedGenerationRow() const
{
    const QList<QTableWidgetItem*> selected = generationTable_->selectedItems();
    const int row = selected.isEmpty() ? -1 : selected.front()->row();
    return row < int(generations_.size()) ? row : -1;
}

const models::GenerationListing* ModelCardPanel::findGeneration(const QString& id) const
{
    if (id.isEmpty())
        return nullptr;
    for (const auto& generation : generations_) {
        if (generation.id == id)
            return &generation;
    }
    return nullptr;
}

}  // namespace aegis::ui
