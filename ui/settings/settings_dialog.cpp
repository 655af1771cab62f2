#include "ui/settings/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace aegis::ui {

namespace {

template <typename Widget>
Widget* named(Widget* widget, const char* name)
{
    widget->setObjectName(QLatin1String(name));
    return widget;
}

QWidget* withBrowseButton(QLineEdit* edit, QPushButton* button)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    return row;
}

}  // namespace

SettingsDialog::SettingsDialog(const WorkstationSettings& settings, QWidget* parent)
    : QDialog(parent)
    , original_(settings)
{
    setObjectName(QStringLiteral("SettingsDialog"));
    setWindowTitle(tr("Settings"));
    auto* tabs = new QTabWidget(this);
    tabs->addTab(buildDataPage(), tr("Data"));
    tabs->addTab(buildSchedulePage(), tr("Schedule"));
    tabs->addTab(buildDisplayPage(), tr("Display"));

    problemLabel_ = named(new QLabel(this), "problemLabel");
    problemLabel_->setWordWrap(true);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(problemLabel_);
    layout->addWidget(buttons_);

    fill(settings);
    for (QLineEdit* edit : {csvFolderEdit_, yahooUrlEdit_, nseUrlEdit_})
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    connect(sourceCombo_, &QComboBox::currentIndexChanged, this, &SettingsDialog::revalidate);
    connect(orderSizeSpin_, &QDoubleSpinBox::valueChanged, this, &SettingsDialog::revalidate);
    connect(autoRefreshCheck_, &QCheckBox::toggled, refreshMinutesSpin_, &QWidget::setEnabled);
    connect(weeklyRetrainCheck_, &QCheckBox::toggled, retrainDayCombo_, &QWidget::setEnabled);
    connect(weeklyRetrainCheck_, &QCheckBox::toggled, retrainTimeEdit_, &QWidget::setEnabled);
    revalidate();
}

QWidget* SettingsDialog::buildDataPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    sourceCombo_ = named(new QComboBox, "sourceCombo");
    for (DataSourceKind kind : {DataSourceKind::Demo, DataSourceKind::Yahoo, DataSourceKind::CsvFolder})
        sourceCombo_->addItem(displayName(kind), toString(kind));
    form->addRow(tr("Data source"), sourceCombo_);

    csvFolderEdit_ = named(new QLineEdit, "csvFolderEdit");
    auto* browseCsv = new QPushButton(tr("Browse…"));
    connect(browseCsv, &QPushButton::clicked, this, [this] { chooseFolder(csvFolderEdit_, tr("Folder of CSV files")); });
    form->addRow(tr("CSV folder"), withBrowseButton(csvFolderEdit_, browseCsv));

    yahooUrlEdit_ = named(new QLineEdit, "yahooUrlEdit");
    form->addRow(tr("Yahoo Finance base URL"), yahooUrlEdit_);
    nseUrlEdit_ = named(new QLineEdit, "nseUrlEdit");
    form->addRow(tr("NSE base URL"), nseUrlEdit_);
    optionChainsCheck_ = named(new QCheckBox(tr("Fetch NSE option chains on refresh")), "optionChainsCheck");
    form->addRow(QString(), optionChainsCheck_);

    dataDirectoryEdit_ = named(new QLineEdit, "dataDirectoryEdit");
    dataDirectoryEdit_->setPlaceholderText(tr("Platform default"));
    auto* browseData = new QPushButton(tr("Browse…"));
    connect(browseData, &QPushButton::clicked, this, [this] { chooseFolder(dataDirectoryEdit_, tr("Data directory")); });
    form->addRow(tr("Data directory (next start)"), withBrowseButton(dataDirectoryEdit_, browseData));
    return page;
}

QWidget* SettingsDialog::buildSchedulePage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    autoRefreshCheck_ = named(new QCheckBox(tr("Refresh data during NSE hours (IST, holidays skipped)")), "autoRefreshCheck");
    form->addRow(QString(), autoRefreshCheck_);
    refreshMinutesSpin_ = named(new QSpinBox, "refreshMinutesSpin");
    refreshMinutesSpin_->setRange(1, 24 * 60);
    refreshMinutesSpin_->setSuffix(tr(" min"));
    form->addRow(tr("Refresh every"), refreshMinutesSpin_);

    weeklyRetrainCheck_ = named(new QCheckBox(tr("Retrain the models once a week")), "weeklyRetrainCheck");
    form->addRow(QString(), weeklyRetrainCheck_);
    retrainDayCombo_ = named(new QComboBox, "retrainDayCombo");
    const QLocale english(QLocale::English);
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day)
        retrainDayCombo_->addItem(english.dayName(day), day);
    form->addRow(tr("Retrain on"), retrainDayCombo_);
    retrainTimeEdit_ = named(new QTimeEdit, "retrainTimeEdit");
    retrainTimeEdit_->setDisplayFormat(QStringLiteral("HH:mm"));
    form->addRow(tr("At (UTC)"), retrainTimeEdit_);
    return page;
}

QWidget* SettingsDialog::buildDisplayPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    orderSizeSpin_ = named(new QDoubleSpinBox, "orderSizeSpin");
    orderSizeSpin_->setRange(1000.0, 1e9);
    orderSizeSpin_->setDecimals(0);
    orderSizeSpin_->setSingleStep(50000.0);
    orderSizeSpin_->setPrefix(QStringLiteral("₹ "));
    form->addRow(tr("Default order size"), orderSizeSpin_);
    themeCombo_ = named(new QComboBox, "themeCombo");
    themeCombo_->addItem(tr("Dark"), toString(Theme::Dark));
    themeCombo_->addItem(tr("Light"), toString(Theme::Light));
    form->addRow(tr("Theme"), themeCombo_);
    return page;
}

void SettingsDialog::fill(const WorkstationSettings& settings)
{
    sourceCombo_->setCurrentIndex(sourceCombo_->findData(toString(settings.source)));
    csvFolderEdit_->setText(settings.csvFolder);
    yahooUrlEdit_->setText(settings.yahooBaseUrl.toString());
    nseUrlEdit_->setText(settings.nseBaseUrl.toString());
    optionChainsCheck_->setChecked(settings.fetchOptionChains);
    dataDirectoryEdit_->setText(settings.dataDirectory);
    autoRefreshCheck_->setChecked(settings.schedule.autoRefresh);
    refreshMinutesSpin_->setValue(settings.schedule.refreshIntervalMinutes);
    refreshMinutesSpin_->setEnabled(settings.schedule.autoRefresh);
    weeklyRetrainCheck_->setChecked(settings.schedule.weeklyRetrain);
    retrainDayCombo_->setCurrentIndex(retrainDayCombo_->findData(int(settings.schedule.retrainDay)));
    retrainTimeEdit_->setTime(settings.schedule.retrainTimeUtc);
    retrainDayCombo_->setEnabled(settings.schedule.weeklyRetrain);
    retrainTimeEdit_->setEnabled(settings.schedule.weeklyRetrain);
    orderSizeSpin_->setValue(settings.defaultOrderSizeInr);
    themeCombo_->setCurrentIndex(themeCombo_->findData(toString(settings.theme)));
}

WorkstationSettings SettingsDialog::settings() const
{
    WorkstationSettings edited = original_;
    edited.source = dataSourceKindFromString(sourceCombo_->currentData().toString()).value_or(DataSourceKind::Demo);
    edited.csvFolder = csvFolderEdit_->text().trimmed();
    edited.yahooBaseUrl = QUrl(yahooUrlEdit_->text().trimmed(), QUrl::StrictMode);
    edited.nseBaseUrl = QUrl(nseUrlEdit_->text().trimmed(), QUrl::StrictMode);
    edited.fetchOptionChains = optionChainsCheck_->isChecked();
    edited.dataDirectory = dataDirectoryEdit_->text().trimmed();
    edited.schedule.autoRefresh = autoRefreshCheck_->isChecked();
    edited.schedule.refreshIntervalMinutes = refreshMinutesSpin_->value();
    edited.schedule.weeklyRetrain = weeklyRetrainCheck_->isChecked();
    edited.schedule.retrainDay = Qt::DayOfWeek(retrainDayCombo_->currentData().toInt());
    edited.schedule.retrainTimeUtc = retrainTimeEdit_->time();
    edited.defaultOrderSizeInr = orderSizeSpin_->value();
    edited.theme = themeFromString(themeCombo_->currentData().toString());
    return edited;
}

void SettingsDialog::revalidate()
{
    const QString problem = settings().problem();
    problemLabel_->setText(problem);
    problemLabel_->setVisible(!problem.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void SettingsDialog::chooseFolder(QLineEdit* edit, const QString& caption)
{
    const QString folder = QFileDialog::getExistingDirectory(this, caption, edit->text());
    if (!folder.isEmpty())
        edit->setText(folder);
}

}  // namespace aegis::ui
