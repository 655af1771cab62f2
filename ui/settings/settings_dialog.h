#pragma once

// Edits WorkstationSettings. OK stays disabled while the settings cannot be used, with the reason shown
// under the form. Object names match the fields: "sourceCombo", "csvFolderEdit", "yahooUrlEdit",
// "nseUrlEdit", "optionChainsCheck", "autoRefreshCheck", "refreshMinutesSpin", "weeklyRetrainCheck",
// "retrainDayCombo", "retrainTimeEdit", "orderSizeSpin", "themeCombo", "dataDirectoryEdit", "problemLabel".

#include "ui/settings/workstation_settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimeEdit;

namespace aegis::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const WorkstationSettings& settings, QWidget* parent = nullptr);

    WorkstationSettings settings() const;

private:
    QWidget* buildDataPage();
    QWidget* buildSchedulePage();
    QWidget* buildDisplayPage();
    void fill(const WorkstationSettings& settings);
    void revalidate();
    void chooseFolder(QLineEdit* edit, const QString& caption);

    WorkstationSettings original_;
    QComboBox* sourceCombo_ = nullptr;
    QLineEdit* csvFolderEdit_ = nullptr;
    QLineEdit* yahooUrlEdit_ = nullptr;
    QLineEdit* nseUrlEdit_ = nullptr;
    QCheckBox* optionChainsCheck_ = nullptr;
    QCheckBox* autoRefreshCheck_ = nullptr;
    QSpinBox* refreshMinutesSpin_ = nullptr;
    QCheckBox* weeklyRetrainCheck_ = nullptr;
    QComboBox* retrainDayCombo_ = nullptr;
    QTimeEdit* retrainTimeEdit_ = nullptr;
    QDoubleSpinBox* orderSizeSpin_ = nullptr;
    QComboBox* themeCombo_ = nullptr;
    QLineEdit* dataDirectoryEdit_ = nullptr;
    QLabel* problemLabel_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

}  // namespace aegis::ui
