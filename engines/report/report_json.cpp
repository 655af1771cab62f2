#include "engines/report/report_json.h"

#include "data/core/atomic_file.h"
#include "data/core/symbol.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <optional>
#include <set>
#include <stdexcept>

namespace aegis::engines::report {

namespace {

using nlohmann::json;

json text(const QString& value)
{
    return value.toStdString();
}

// A value from a fixed set (a label, a regime, a source) that could not be determined: null, as the
// issue asks of anything not computable; its object's `reason` says why. "" would be outside the set.
json code(const QString& value)
{
    return value.isEmpty() ? json(nullptr) : json(value.toStdString());
}

json number(const std::optional<double>& value)
{
    return value ? json(*value) : json(nullptr);
}

json isoTime(const QDateTime& time)
{
    return time.isValid() ? json(time.toUTC().toString(Qt::ISODateWithMs).toStdString()) : json(nullptr);
}

json isoDate(const QDate& date)
{
    return date.isValid() ? json(date.toString(Qt::ISODate).toStdString()) : json(nullptr);
}

json textList(const QStringList& values)
{
    json list = json::array();
    for (const QString& value : values)
        list.push_back(value.toStdString());
    return list;
}

// The reason travels only when there is one, so a complete report has no empty `reason` fields.
void addReason(json& object, const QString& reason)
{
    if (!reason.isEmpty())
        object["reason"] = reason.toStdString();
}

// [low, high] when both ends are known, else null.
json interval(const std::optional<double>& low, const std::optional<double>& high)
{
    return low && high ? json::array({number(low), number(high)}) : json(nullptr);
}

const char* edgeText(bool demonstrated)
{
    return demonstrated ? "demonstrated" : "none demonstrated";
}

json edgeJson(const Edge& edge)
{
    json result{
        {"demonstrated", edge.demonstrated},
        {"auc", number(edge.auc)},
        {"auc_ci", interval(edge.aucLow, edge.aucHigh)},
        {"brier_skill", number(edge.brierSkill)},
        {"brier_skill_ci", interval(edge.brierSkillLow, edge.brierSkillHigh)},
        {"ece", number(edge.ece)},
        {"ece_floor", number(edge.eceFloor)},
        {"ece_p", number(edge.eceP)},
        {"placebo_p", number(edge.placeboP)},
        {"n", edge.evaluatedRows},
    };
    return result;
}

json metaJson(const Meta& meta)
{
    return {
        {"ticker", text(meta.ticker)},
        {"name", text(meta.name)},
        {"kind", text(meta.kind)},
        {"data_source", text(meta.dataSource)},
        {"demo", meta.dataSource == QLatin1String("demo")},
        {"data_as_of", isoTime(meta.dataAsOf)},
        {"model_generation", meta.modelGeneration.isEmpty() ? json(nullptr) : text(meta.modelGeneration)},
        {"app_version", text(meta.appVersion)},
        {"warnings", textList(meta.warnings)},
    };
}

json marketJson(const Market& market)
{
    return {
        {"spot", market.spot},
        {"spot_change", market.spotChange},
        {"spot_change_pct", market.spotChangePct},
        {"vix", number(market.vix)},
        {"vix_change", number(market.vixChange)},
        {"vix_change_pct", number(market.vixChangePct)},
        {"vix_as_of", isoDate(market.vixAsOf)},
        {"regime", code(market.regime)},
        {"regime_as_of", isoDate(market.regimeAsOf)},
    };
}

json directionJson(const Direction& direction)
{
    json horizons = json::object();
    for (const Horizon& horizon : direction.horizons) {
        const DirectionCall& call = horizon.call;
        horizons[horizon.key.toStdString()] = {
            {"label", text(horizon.label)},
            {"sessions", horizon.sessions},
            {"direction", text(call.direction)},
            {"expected_move_points", number(call.expectedMovePoints)},
            {"expected_move_basis", code(call.expectedMoveBasis)},
            {"conviction", call.conviction},
            {"probabilities", {{"up", call.probUp}, {"neutral", call.probNeutral}, {"down", call.probDown}}},
            {"edge", edgeText(call.edge.demonstrated)},
            {"evaluation", edgeJson(call.edge)},
        };
    }
    const TodayBias& today = direction.today;
    return {
        {"today",
         {
             {"direction", text(today.direction)},
             {"expected_move_points", number(today.expectedMovePoints)},
             {"expected_move_basis", code(today.expectedMoveBasis)},
             {"conviction", today.conviction},
             {"intraday_volatility_score", number(today.intradayVolatilityScore)},
             {"last_update", isoTime(today.lastUpdate)},
             {"session_state", text(today.sessionState)},
             {"basis", text(today.basis)},
         }},
        {"horizons", horizons},
        {"risk_score", number(direction.riskScore)},
        {"risk_definition", text(direction.riskDefinition)},
    };
}

json safeRangeJson(const SafeRange& range)
{
    json result{
        {"lower", number(range.lower)},
        {"upper", number(range.upper)},
        {"horizon_days", range.horizonDays},
        {"sessions", range.sessions},
        {"sigma", number(range.sigma)},
        {"sigma_source", code(range.sigmaSource)},
        {"z", number(range.z)},
        {"breach_probability", number(range.breachProbability)},
        {"breached_so_far", range.breachedSoFar ? json(*range.breachedSoFar) : json(nullptr)},
    };
    addReason(result, range.reason);
    return result;
}

json sessionSoFarJson(const std::optional<SessionSoFar>& observed)
{
    if (!observed)
        return nullptr;
    return {{"session", isoDate(observed->session)},
            {"high", observed->high},
            {"low", observed->low},
            {"as_of", isoTime(observed->asOf)},
            {"basis", text(observed->basis)}};
}

json flagJson(const Flag& flag)
{
    return {{"label", text(flag.label)}, {"color", text(flag.color)}, {"reasons", textList(flag.reasons)}};
}

json sellerJson(const Seller& seller)
{
    json maxPain{
        {"lower", number(seller.maxPain.lower)},
        {"upper", number(seller.maxPain.upper)},
        {"confidence", number(seller.maxPain.confidence)},
        {"strike", number(seller.maxPain.strike)},
        {"pcr", number(seller.maxPain.putCallRatio)},
        {"call_walls", seller.maxPain.callWalls},
        {"put_walls", seller.maxPain.putWalls},
        {"expiry", isoDate(seller.maxPain.expiry)},
        {"chain_taken_at", isoTime(seller.maxPain.chainTakenAt)},
    };
    addReason(maxPain, seller.maxPain.reason);

    json trap{
        {"score", number(seller.trap.score)},
        {"label", code(seller.trap.label)},
        {"iv_percentile", number(seller.trap.ivPercentile)},
        {"rv_percentile", number(seller.trap.rvPercentile)},
    };
    addReason(trap, seller.trap.reason);

    json skew{
        {"put_skew", number(seller.skew.putSkew)},
        {"call_skew", number(seller.skew.callSkew)},
        {"net_skew", number(seller.skew.netSkew)},
        {"source", code(seller.skew.source)},
    };
    addReason(skew, seller.skew.reason);

    json breaches = json::array();
    for (const BreachPoint& point : seller.breachProbabilities) {
        json entry{
            {"distance", point.distancePoints},
            {"distance_pct", point.distancePct},
            {"probability", number(point.probability)},
        };
        addReason(entry, point.reason);
        breaches.push_back(std::move(entry));
    }

    json result{
        {"safe_range", safeRangeJson(seller.safeRange)},
        {"safe_range_expiry", safeRangeJson(seller.safeRangeExpiry)},
        {"max_pain", maxPain},
        {"trap", trap},
        {"skew", skew},
        {"expiry_stress", {{"score", number(seller.expiryStress.score)}, {"label", code(seller.expiryStress.label)}}},
        {"sessions_to_expiry", seller.sessionsToExpiry ? json(*seller.sessionsToExpiry) : json(nullptr)},
        {"next_expiry", isoDate(seller.nextExpiry)},
        {"reference_close", number(seller.referenceClose)},
        {"reference_session", isoDate(seller.referenceSession)},
        {"session_so_far", sessionSoFarJson(seller.sessionSoFar)},
        {"breach_probabilities", breaches},
        {"seller_flag", flagJson(seller.sellerFlag)},
        {"historical_hit_rate", number(seller.historicalHitRate)},
        {"evaluation", edgeJson(seller.breachEdge)},
    };
    if (const std::optional<HitRateBasis>& basis = seller.historicalHitRateBasis) {
        json& out = result["historical_hit_rate_basis"] = {
            {"held", basis->held},
            {"evaluated", basis->evaluated},
            {"minimum", basis->minimum},
            {"pooled_rate", number(basis->pooledRate)},
            {"pooled_rate_ci", interval(basis->pooledRateLow, basis->pooledRateHigh)},
        };
        addReason(out, basis->reason);
    }
    json& calibration = result["breach_calibration"] = nullptr;
    if (const std::optional<BreachCalibration>& shift = seller.breachCalibration) {
        calibration = {
            {"ticker_offset", shift->tickerOffset},
            {"fitted_offset", shift->fittedOffset},
            {"standard_error", shift->standardError},
            {"band_forecasts", shift->bandForecasts},
            {"family", code(shift->family)},
        };
        addReason(calibration, shift->reason);
    }
    return result;
}

json dayScoreJson(const DayScore& day)
{
    return {{"day_offset", day.dayOffset},
            {"session", isoDate(day.session)},
            {"event", day.event.isEmpty() ? json(nullptr) : text(day.event)},
            {"score", number(day.score)},
            {"label", code(day.label)},
            {"edge", edgeText(day.edgeDemonstrated)}};
}

json rangeSoFarJson(const RangeSoFar& range)
{
    return {{"high", range.observed.high},
            {"low", range.observed.low},
            {"atr", range.atr},
            {"range_atr", range.rangeAtr},
            {"threshold_atr", range.thresholdAtr},
            {"broken_out", range.brokenOut},
            {"as_of", isoTime(range.observed.asOf)},
            {"basis", text(range.observed.basis)}};
}

json buyerJson(const Buyer& buyer)
{
    json next = json::array();
    for (const DayScore& day : buyer.breakoutNext)
        next.push_back(dayScoreJson(day));
    json windows = json::array();
    for (const GammaWindow& window : buyer.gammaWindows)
        windows.push_back({{"window", text(window.window)}, {"score", number(window.score)}, {"ratio", number(window.ratio)}});
    json breakoutToday = dayScoreJson(buyer.breakoutToday);
    breakoutToday.erase("day_offset");
    breakoutToday["so_far"] = buyer.breakoutTodaySoFar ? rangeSoFarJson(*buyer.breakoutTodaySoFar) : json(nullptr);

    return {
        {"breakout_today", breakoutToday},
        {"breakout_next", next},
        {"spike_direction_bias",
         {{"up_prob", number(buyer.spikeUpProb)}, {"down_prob", number(buyer.spikeDownProb)},
          {"edge", edgeText(buyer.spikeEdge.demonstrated)}, {"evaluation", edgeJson(buyer.spikeEdge)}}},
        {"breakout_levels", {{"upper", number(buyer.breakoutLevels.upper)}, {"lower", number(buyer.breakoutLevels.lower)}}},
        {"gamma_windows", windows},
        {"gamma_windows_basis", text(buyer.gammaWindowsBasis)},
        {"theta_edge",
         {{"score", number(buyer.thetaEdge.score)}, {"label", code(buyer.thetaEdge.label)},
          {"premium_basis", code(buyer.thetaPremiumBasis)},
          {"edge", edgeText(buyer.thetaEdgeRecord.demonstrated)}, {"evaluation", edgeJson(buyer.thetaEdgeRecord)}}},
        {"regime", code(buyer.regime)},
        {"buyer_environment", flagJson(buyer.buyerEnvironment)},
        {"historical_spike_rate", number(buyer.historicalSpikeRate)},
        {"historical_spike_breakouts", buyer.historicalSpikeBreakouts},
        {"evaluation", edgeJson(buyer.breakoutEdge)},
    };
}

json executionJson(const Execution& execution)
{
    json slippage = json::array();
    for (const Slippage& row : execution.slippage) {
        slippage.push_back({
            {"order_value_inr", row.orderValueInr},
            {"q50_bps", number(row.q50Bps)},
            {"q90_bps", number(row.q90Bps)},
        });
    }
    json result{
        {"regime", code(execution.regime)},
        {"regime_probability", number(execution.regimeProbability)},
        {"slippage", slippage},
        {"slippage_edge",
         {{"q50", edgeText(execution.slippageQ50EdgeDemonstrated)}, {"q90", edgeText(execution.slippageQ90EdgeDemonstrated)}}},
        {"verdict",
         {
             {"direction", text(execution.verdict.direction)},
             {"points", number(execution.verdict.points)},
             {"confidence", number(execution.verdict.confidence)},
             {"explanation", text(execution.verdict.explanation)},
         }},
    };
    addReason(result, execution.reason);
    return result;
}

json reportWithoutEvaluation(const TickerReport& report)
{
    json out = {
        {"generated_at", isoTime(report.generatedAt)},
        {"meta", metaJson(report.meta)},
        {"market", marketJson(report.market)},
        {"direction", directionJson(report.direction)},
        {"seller", sellerJson(report.seller)},
        {"buyer", buyerJson(report.buyer)},
        {"execution", executionJson(report.execution)},
    };
    // The web dashboard reads the old field set, which has no `meta`: the flags' reasons are where its
    // reader sees that the numbers come from the synthetic market.
    if (report.meta.dataSource == QLatin1String("demo")) {
        for (json* reasons : {&out["seller"]["seller_flag"]["reasons"], &out["buyer"]["buyer_environment"]["reasons"]})
            reasons->insert(reasons->begin(), kDemoFlagReason);
    }
    return out;
}

// Finds the first non-finite number, returning its path ("seller.safe_range.lower").
std::optional<std::string> firstNonFinite(const json& node, const std::string& path)
{
    if (node.is_number_float())
        return std::isfinite(node.get<double>()) ? std::nullopt : std::optional<std::string>(path);
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (auto found = firstNonFinite(value, path.empty() ? key : path + "." + key))
                return found;
        }
    }
    if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            if (auto found = firstNonFinite(node[i], path + "[" + std::to_string(i) + "]"))
                return found;
        }
    }
    return std::nullopt;
}

void requireFinite(const json& document, const std::string& path)
{
    if (const auto found = firstNonFinite(document, path))
        throw std::domain_error("report field " + *found + " is not a finite number");
}

// A top-level member's value as dump(2) writes it one level in: JSON strings hold no raw line breaks
// (they are escaped), so every line break is layout and each following line moves two spaces right.
std::string memberText(const json& value)
{
    const std::string flat = value.dump(2);
    std::string indented;
    indented.reserve(flat.size() + flat.size() / 16);
    for (const char c : flat) {
        indented += c;
        if (c == '\n')
            indented += "  ";
    }
    return indented;
}

// The report files an earlier export's index.json lists, plus index.json; nothing when it cannot be read.
std::optional<std::set<QString>> filesOfExport(const QString& folder)
{
    QFile index(folder + QStringLiteral("/index.json"));
    if (!index.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray bytes = index.readAll();
    const json document = json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (!document.is_object() || !document.contains("reports") || !document["reports"].is_array())
        return std::nullopt;
    std::set<QString> files{QStringLiteral("index.json")};
    for (const json& entry : document["reports"]) {
        if (!entry.is_object() || !entry.contains("file") || !entry["file"].is_string())
            return std::nullopt;
        files.insert(QString::fromStdString(entry["file"].get<std::string>()));
    }
    return files;
}

// A folder an export may replace or remove: absent, empty, or an earlier export holding only the files
// its index.json lists (`needsIndex`), or for the staging and previous folders of an interrupted one
// only JSON files. Anything else is someone's data: `--out-dir ~/Documents` used to delete the whole
// folder, and a snapshot saved beside an earlier export went with it.
bool isReplaceableExport(const QString& path, bool needsIndex)
{
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        return true;
    if (!info.isDir() || info.isSymLink())
        return false;
    const QFileInfoList entries = QDir(path).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    if (entries.isEmpty())
        return true;
    const std::optional<std::set<QString>> listed = needsIndex ? filesOfExport(path) : std::nullopt;
    if (needsIndex && !listed)
        return false;
    for (const QFileInfo& entry : entries) {
        if (!entry.isFile() || entry.isSymLink() || entry.suffix() != QLatin1String("json"))
            return false;
        if (listed && !listed->contains(entry.fileName()))
            return false;
    }
    return true;
}

void requireReplaceable(const QString& path, bool needsIndex)
{
    if (!isReplaceableExport(path, needsIndex))
        throw std::runtime_error("refusing to replace " + path.toStdString()
                                 + ": it is not an earlier report export (index.json and report files only); "
                                   "choose a new or empty folder");
}

void writeStagedFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
}

// Flushes everything written to the filesystem holding `directory`: one call makes a whole staged
// export durable before it is renamed into place, instead of one fsync per file (five hundred of them).
void syncFilesystemOf(const QString& directory)
{
    const int descriptor = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY);
    if (descriptor < 0 || ::syncfs(descriptor) != 0) {
        if (descriptor >= 0)
            ::close(descriptor);
        throw std::runtime_error("cannot flush the staged export in " + directory.toStdString());
    }
    ::close(descriptor);
}

// Atomically exchanges two existing paths (renameat2 RENAME_EXCHANGE). False where the filesystem or
// kernel cannot (NFS, some overlays): the caller falls back to two renames.
bool exchangePaths(const QString& first, const QString& second)
{
    if (::renameat2(AT_FDCWD, QFile::encodeName(first).constData(), AT_FDCWD, QFile::encodeName(second).constData(),
                    RENAME_EXCHANGE) == 0)
        return true;
    if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP || errno == EXDEV)
        return false;
    throw std::runtime_error("cannot swap the new export into place: " + second.toStdString() + ": " + std::strerror(errno));
}

}  // namespace

json toJson(const Evaluation& evaluation)
{
    json models = json::array();
    for (const ModelEvaluation& model : evaluation.models) {
        json entry{
            {"engine", text(model.engine)},
            {"target", text(model.target)},
            {"horizon", model.horizon ? json(*model.horizon) : json(nullptr)},
            {"n", model.n},
            {"auc", number(model.auc)},
            {"auc_ci", interval(model.aucLow, model.aucHigh)},
            {"brier_skill", number(model.brierSkill)},
            {"brier_skill_ci", interval(model.brierSkillLow, model.brierSkillHigh)},
            {"ece", number(model.ece)},
            {"ece_floor", number(model.eceFloor)},
            {"ece_p", number(model.eceP)},
            {"coverage", number(model.coverage)},
            {"coverage_ci", interval(model.coverageLow, model.coverageHigh)},
            {"nominal_coverage", number(model.nominalCoverage)},
            {"pinball_skill", number(model.pinballSkill)},
            {"pinball_skill_ci", interval(model.pinballSkillLow, model.pinballSkillHigh)},
            {"placebo_p", number(model.placeboP)},
            {"edge", edgeText(model.edgeDemonstrated)},
        };
        json reliability = json::array();
        for (const ReliabilityPoint& point : model.reliability) {
            reliability.push_back({{"lower", point.lower}, {"upper", point.upper}, {"count", point.count},
                                   {"mean_predicted", point.meanPredicted}, {"observed", point.observedFrequency}});
        }
        entry["reliability"] = reliability;
        models.push_back(entry);
    }
    return {{"data_range", {{"from", isoDate(evaluation.from)}, {"to", isoDate(evaluation.to)}}}, {"models", models}};
}

json toJson(const TickerReport& report)
{
    json document = reportWithoutEvaluation(report);
    document["evaluation"] = toJson(report.evaluation);
    return document;
}

QByteArray serialise(const json& document)
{
    requireFinite(document, std::string());
    const std::string text = document.dump(2);
    return QByteArray(text.data(), qsizetype(text.size())) + '\n';
}

QByteArray ReportSerialiser::serialise(const TickerReport& report)
{
    if (!evaluation_ || !(*evaluation_ == report.evaluation)) {
        const json evaluation = toJson(report.evaluation);
        requireFinite(evaluation, "evaluation");
        evaluationText_ = memberText(evaluation);
        evaluation_ = report.evaluation;
    }
    const json document = reportWithoutEvaluation(report);
    requireFinite(document, std::string());
    // As document.dump(2) with the evaluation in it: the members in the order a json object keeps
    // them (sorted by key), each as "  \"key\": value".
    std::string text = "{";
    bool evaluationWritten = false;
    const auto append = [&text](const std::string& key, const std::string& value) {
        text += text.size() == 1 ? "\n  " : ",\n  ";
        text += json(key).dump() + ": " + value;
    };
    for (const auto& [key, value] : document.items()) {
        if (!evaluationWritten && key > "evaluation") {
            append("evaluation", evaluationText_);
            evaluationWritten = true;
        }
        append(key, memberText(value));
    }
    if (!evaluationWritten)
        append("evaluation", evaluationText_);
    text += "\n}\n";
    return QByteArray(text.data(), qsizetype(text.size()));
}

void writeReportFile(const QString& path, const TickerReport& report)
{
    data::writeFileAtomically(path, serialise(toJson(report)));
}

json toJson(const std::vector<UnreportedTicker>& unreported)
{
    json list = json::array();
    for (const UnreportedTicker& ticker : unreported)
        list.push_back({{"ticker", text(ticker.ticker)}, {"name", text(ticker.name)}, {"reason", text(ticker.reason)}});
    return list;
}

void writeReportFolder(const QString& directory, const std::vector<TickerReport>& reports,
                       const std::vector<UnreportedTicker>& unreported)
{
    // Serialise everything first: a bad report must fail the export before anything is touched.
    std::vector<std::pair<QString, QByteArray>> files;
    json index = json::array();
    ReportSerialiser serialiser;
    for (const TickerReport& report : reports) {
        if (!data::isValidSymbol(report.meta.ticker))
            throw std::invalid_argument("report for an invalid ticker symbol: " + report.meta.ticker.toStdString());
        const QString fileName = report.meta.ticker + QStringLiteral(".json");
        files.emplace_back(fileName, serialiser.serialise(report));
        index.push_back({
            {"ticker", text(report.meta.ticker)},
            {"name", text(report.meta.name)},
            {"kind", text(report.meta.kind)},
            {"data_source", text(report.meta.dataSource)},
            {"file", fileName.toStdString()},
            {"generated_at", isoTime(report.generatedAt)},
        });
    }
    files.emplace_back(QStringLiteral("index.json"),
                       serialise(json{{"count", reports.size()}, {"reports", index}, {"unreported", toJson(unreported)}}));

    if (directory.trimmed().isEmpty())
        throw std::invalid_argument("no folder given for the report export");
    const QString target = QDir(directory).absolutePath();
    const QString staging = target + QStringLiteral(".staging");
    const QString previous = target + QStringLiteral(".previous");
    requireReplaceable(target, true);
    requireReplaceable(staging, false);
    requireReplaceable(previous, false);
    QDir(staging).removeRecursively();
    if (!QDir().mkpath(staging))
        throw std::runtime_error("cannot create " + staging.toStdString());
    for (const auto& [name, bytes] : files)
        writeStagedFile(staging + QLatin1Char('/') + name, bytes);
    syncFilesystemOf(staging);

    // Swap folders in one step where the filesystem can: a dashboard reading index.json while the
    // export is published never finds the folder missing (two renames left it gone between them).
    QDir(previous).removeRecursively();
    const bool hadPrevious = QFileInfo::exists(target);
    if (hadPrevious && exchangePaths(staging, target)) {
        QDir(staging).removeRecursively();  // it now holds the old export
        return;
    }
    // Elsewhere: the old export stays whole until the new one is complete, and comes back if the final
    // rename fails.
    if (hadPrevious && !QDir().rename(target, previous))
        throw std::runtime_error("cannot move the previous export aside: " + target.toStdString());
    if (!QDir().rename(staging, target)) {
        if (hadPrevious)
            QDir().rename(previous, target);
        throw std::runtime_error("cannot move the new export into place: " + target.toStdString());
    }
    QDir(previous).removeRecursively();
}

}  // namespace aegis::engines::report
