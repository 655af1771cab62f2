#pragma once

// The values the worker thread sends to the GUI thread. Plain copyable types only, so a queued signal
// carries a snapshot and no widget or engine object is ever shared between the threads.

#include "engines/report/report_model.h"
#include "models/store/model_store.h"

#include "data/core/market_types.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <map>
#include <utility>
#include <vector>

namespace aegis::ui {

enum class WorkerJob { Load, Train, Refresh, Reinfer, Rollback };

QString describe(WorkerJob job);  // "Loading", "Retraining", ...

// The committed generations as the rollback list shows them, newest first.
using GenerationList = std::vector<models::GenerationListing>;

// The model generation the reports come from, and the others on disk (for rollback).
struct ModelSnapshot {
    QString generationId;
    QDateTime createdAtUtc;
    engines::report::Evaluation evaluation;
    QStringList refusals;  // generations refused at load, when an older one is in use
    GenerationList generations;
};

// One consistent set of predictions: every report comes from `models` and the same data.
struct ReportBatch {
    ModelSnapshot models;
    std::vector<engines::report::TickerReport> reports;
    std::map<QString, data::BarSeries> recentDailyBars;  // per symbol, the last sessions the chart draws
    std::vector<engines::report::UnreportedTicker> unreported;  // pickable tickers without a report, and why
    QDateTime inferredAtUtc;
    double inferenceSeconds = 0.0;
    // False for the first batch of a load: only the ticker the person looked at last, inferred from the
    // current data and models like any other (never a saved copy), so the window paints it at once
    // while the worker reads and infers the rest of the universe; a complete batch follows.
    bool complete = true;
};

// What a finished retrain tells the person.
struct TrainingSummary {
    QString generationId;
    QString previousGenerationId;  // empty when there was none
    double seconds = 0.0;
    std::vector<std::pair<QString, double>> engineSeconds;
    engines::report::Evaluation evaluation;
    engines::report::Evaluation previousEvaluation;
    QStringList notes;
};

struct RefreshSummary {
    QString source;          // "demo", "yahoo", "csv"
    int attempted = 0;
    int failed = 0;
    QStringList failures;    // one line per failed fetch or rejected file
    QString message;         // the one-line outcome
};

// What a Refresh job fetches from; a copy of the relevant settings taken when the job starts.
struct RefreshRequest {
    QString source;          // "demo", "yahoo", "csv"
    QUrl yahooBaseUrl;
    QUrl nseBaseUrl;
    bool optionChains = false;
    QString csvFolder;
};

}  // namespace aegis::ui

Q_DECLARE_METATYPE(aegis::ui::WorkerJob)
Q_DECLARE_METATYPE(aegis::ui::GenerationList)
Q_DECLARE_METATYPE(aegis::ui::ReportBatch)
Q_DECLARE_METATYPE(aegis::ui::TrainingSummary)
Q_DECLARE_METATYPE(aegis::ui::RefreshSummary)
