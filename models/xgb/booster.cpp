#include "models/xgb/booster.h"

#include "data/core/atomic_file.h"
#include "models/xgb/detail/booster_factory.h"
#include "models/xgb/detail/booster_impl.h"
#include "models/xgb/detail/feature_checks.h"
#include "models/xgb/detail/matrix_access.h"
#include "models/xgb/detail/model_validation.h"
#include "models/xgb/detail/number_text.h"
#include "models/xgb/matrix.h"
#include "models/xgb/xgb_error.h"

#include <QFile>

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace aegis::models::xgb {

namespace {

// Copies XGBoost's prediction buffer out: it belongs to XGBoost and is reused by the next call on the
// booster, so this runs while the booster mutex is still held.
Eigen::MatrixXd copyPredictions(const bst_ulong* shape, bst_ulong dimensions, const float* values, Eigen::Index rows,
                                const char* call, const std::string& name)
{
    if (dimensions != 2 || shape[0] != static_cast<bst_ulong>(rows) || shape[1] == 0)
        throw XgbError(call, name, "unexpected prediction shape");
    const auto columns = static_cast<Eigen::Index>(shape[1]);
    Eigen::MatrixXd predictions(rows, columns);
    for (Eigen::Index r = 0; r < rows; ++r)
        for (Eigen::Index c = 0; c < columns; ++c) {
            const float value = values[r * columns + c];
            if (!std::isfinite(value))
                throw std::runtime_error("model '" + name + "' produced a non-finite prediction at row "
                                         + std::to_string(r) + ", column " + std::to_string(c));
            predictions(r, c) = value;
        }
    return predictions;
}

}  // namespace

Eigen::MatrixXd Booster::Impl::predictLocked(DMatrixHandle matrix, Eigen::Index rows,
                                             const PredictionRequest& request) const
{
    // iteration_end = 0 means "all trees" to XGBoost and is the only range its prediction cache serves.
    const int iterationEnd = request.trees == Trees::All ? 0 : bestIteration + 1;
    const std::string config = std::string("{\"type\":") + (request.output == Output::Margin ? "1" : "0")
                               + ",\"training\":" + (request.training ? "true" : "false")
                               + ",\"iteration_begin\":0,\"iteration_end\":" + std::to_string(iterationEnd)
                               + ",\"strict_shape\":true}";
    const bst_ulong* shape = nullptr;
    bst_ulong dimensions = 0;
    const float* values = nullptr;
    detail::check(XGBoosterPredictFromDMatrix(handle.get(), matrix, config.c_str(), &shape, &dimensions, &values),
                  "XGBoosterPredictFromDMatrix", name);
    return copyPredictions(shape, dimensions, values, rows, "XGBoosterPredictFromDMatrix", name);
}

void Booster::Impl::requireFeatureCount(Eigen::Index columns) const
{
    if (columns != featureCount)
        throw std::invalid_argument("model '" + name + "' expects " + std::to_string(featureCount)
                                    + " feature columns, got " + std::to_string(columns));
}

Eigen::MatrixXd Booster::Impl::predictDenseLocked(const float* features, Eigen::Index rows, Eigen::Index cols) const
{
    if (!inplaceProxy) {
        DMatrixHandle proxy = nullptr;
        detail::check(XGProxyDMatrixCreate(&proxy), "XGProxyDMatrixCreate", name);
        inplaceProxy.reset(proxy);
    }
    // NumPy's __array_interface__ for a C-contiguous float32 block, the address as an integer.
    const std::string array = "{\"data\":[" + std::to_string(reinterpret_cast<std::uintptr_t>(features))
                              + ",true],\"shape\":[" + std::to_string(rows) + "," + std::to_string(cols)
                              + "],\"typestr\":\"<f4\",\"version\":3}";
    // XGBoost 1.7 requires a cache_id here, though the CPU predictor keeps no cache for in-place input.
    const std::string config = "{\"type\":0,\"training\":false,\"iteration_begin\":0,\"iteration_end\":"
                               + std::to_string(bestIteration + 1) + ",\"strict_shape\":true,\"missing\":NaN,\"cache_id\":0}";
    const bst_ulong* shape = nullptr;
    bst_ulong dimensions = 0;
    const float* values = nullptr;
    detail::check(XGBoosterPredictFromDense(handle.get(), array.c_str(), config.c_str(), inplaceProxy.get(), &shape,
                                            &dimensions, &values),
                  "XGBoosterPredictFromDense", name);
    return copyPredictions(shape, dimensions, values, rows, "XGBoosterPredictFromDense", name);
}

void Booster::Impl::writeAttributes()
{
    const auto set = [this](const char* key, const std::string& value) {
        detail::check(XGBoosterSetAttr(handle.get(), key, value.c_str()), "XGBoosterSetAttr", name);
    };
    set(attribute::modelName, name);
    set(attribute::bestIteration, std::to_string(bestIteration));
    if (quantile)
        set(attribute::quantile, detail::formatNumber(*quantile));
}

Booster::Booster(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Booster::Booster(Booster&&) noexcept = default;
Booster& Booster::operator=(Booster&&) noexcept = default;
Booster::~Booster() = default;

Eigen::MatrixXd Booster::predict(const Matrix& features) const
{
    impl_->requireFeatureCount(features.cols());
    std::scoped_lock lock(impl_->mutex, detail::MatrixAccess::mutex(features));
    return impl_->predictLocked(detail::MatrixAccess::handle(features), features.rows(), {});
}

Eigen::MatrixXd Booster::predict(const Eigen::Ref<const FeatureMatrixF>& features) const
{
    detail::requireShape(features.rows(), features.cols());
    impl_->requireFeatureCount(features.cols());
    detail::requireNoInfinity(features);
    FeatureMatrixF contiguousCopy;
    const float* data = detail::contiguousRows(features, contiguousCopy);
    std::scoped_lock lock(impl_->mutex);
    return impl_->predictDenseLocked(data, features.rows(), features.cols());
}

Eigen::MatrixXd Booster::predict(const Eigen::Ref<const FeatureMatrixD>& features) const
{
    detail::requireShape(features.rows(), features.cols());
    return predict(detail::narrowToFloat(features));
}

QByteArray Booster::save(ModelFormat format) const
{
    const char* config = format == ModelFormat::Json ? "{\"format\":\"json\"}" : "{\"format\":\"ubj\"}";
    std::scoped_lock lock(impl_->mutex);
    bst_ulong length = 0;
    const char* bytes = nullptr;
    detail::check(XGBoosterSaveModelToBuffer(impl_->handle.get(), config, &length, &bytes),
                  "XGBoosterSaveModelToBuffer", impl_->name);
    return QByteArray(bytes, static_cast<qsizetype>(length));
}

void Booster::saveToFile(const QString& path, ModelFormat format) const
{
    data::writeFileAtomically(path, save(format));
}

namespace {

ObjectiveKind objectiveFromModel(const detail::ModelSummary& summary)
{
    if (summary.objective == "binary:logistic")
        return ObjectiveKind::BinaryLogistic;
    if (summary.objective == "multi:softprob")
        return ObjectiveKind::MultiSoftprob;
    if (summary.objective == "reg:squarederror")
        return summary.attributes.count(attribute::quantile) ? ObjectiveKind::Pinball : ObjectiveKind::SquaredError;
    throw ModelFormatError("unsupported XGBoost objective '" + summary.objective + "'");
}

}  // namespace

Booster Booster::load(const QByteArray& bytes)
{
    // JSON and UBJSON documents both open with '{'. Anything else would send XGBoost down its legacy
    // binary reader, which trusts length fields in the data.
    if (bytes.isEmpty())
        throw ModelFormatError("cannot load XGBoost model: buffer is empty");
    if (bytes.front() != '{')
        throw ModelFormatError("cannot load XGBoost model: not a JSON or UBJSON document (first byte 0x"
                               + QByteArray(1, bytes.front()).toHex().toStdString() + ")");

    const detail::ModelSummary summary =
        detail::validateModelBytes(bytes.constData(), static_cast<std::size_t>(bytes.size()));

    auto impl = std::make_unique<Impl>();
    impl->handle = detail::createBooster({}, "(loading)");
    try {
        detail::check(XGBoosterLoadModelFromBuffer(impl->handle.get(), bytes.constData(),
                                                   static_cast<bst_ulong>(bytes.size())),
                      "XGBoosterLoadModelFromBuffer", "(loading)");
    } catch (const XgbError& error) {
        throw ModelFormatError("cannot load XGBoost model (" + std::to_string(bytes.size())
                               + " bytes): " + error.what());
    }
    impl->objective = objectiveFromModel(summary);
    impl->classCount = impl->objective == ObjectiveKind::MultiSoftprob ? summary.numClass
                       : impl->objective == ObjectiveKind::BinaryLogistic ? 2
                                                                          : 1;
    if (impl->objective == ObjectiveKind::MultiSoftprob && impl->classCount < 2)
        throw ModelFormatError("multi:softprob model without num_class");
    impl->featureCount = summary.numFeature;
    const auto attributeOr = [&summary](const char* key) -> std::string {
        const auto found = summary.attributes.find(key);
        return found == summary.attributes.end() ? std::string() : found->second;
    };
    impl->name = attributeOr(attribute::modelName);
    if (impl->name.empty())
        impl->name = "xgb";

    int rounds = 0;
    detail::check(XGBoosterBoostedRounds(impl->handle.get(), &rounds), "XGBoosterBoostedRounds", impl->name);
    if (rounds < 1)
        throw ModelFormatError("model '" + impl->name + "' has no trees");
    impl->boostedRounds = rounds;

    impl->bestIteration = rounds - 1;
    if (const std::string text = attributeOr(attribute::bestIteration); !text.empty()) {
        const auto best = detail::parseInteger(text);
        if (!best || *best < 0 || *best >= rounds)
            throw ModelFormatError("model '" + impl->name + "' has best iteration '" + text + "' outside 0.."
                                   + std::to_string(rounds - 1));
        impl->bestIteration = static_cast<int>(*best);
    }
    if (impl->objective == ObjectiveKind::Pinball) {
        const auto quantile = detail::parseDouble(attributeOr(attribute::quantile));
        if (!quantile || !(*quantile > 0.0 && *quantile < 1.0))
            throw ModelFormatError("model '" + impl->name + "' has an invalid quantile attribute");
        impl->quantile = *quantile;
    }
    return Booster(std::move(impl));
}

Booster Booster::loadFromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read XGBoost model " + path.toStdString() + ": "
                                 + file.errorString().toStdString());
    return load(file.readAll());
}

const std::string& Booster::name() const { return impl_->name; }
ObjectiveKind Booster::objective() const { return impl_->objective; }
int Booster::classCount() const { return impl_->classCount; }
int Booster::featureCount() const { return impl_->featureCount; }
int Booster::boostedRounds() const { return impl_->boostedRounds; }
int Booster::bestIteration() const { return impl_->bestIteration; }
std::optional<double> Booster::quantile() const { return impl_->quantile; }

}  // namespace aegis::models::xgb
