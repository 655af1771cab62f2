#include "data/providers/nse_option_chain_provider.h"

#include "data/core/symbol.h"
#include "data/providers/nse_option_chain_parser.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <optional>
#include <utility>

namespace aegis::data {

namespace {

const QByteArray kAcceptLanguage = QByteArrayLiteral("en-US,en;q=0.9");

ProviderError withContext(ProviderError error, const QString& symbol)
{
    error.message = QStringLiteral("NSE option chain %1: %2").arg(symbol, error.message);
    return error;
}

// One request to the chain API: the HTTP outcome, and the chain parsed from an answer.
struct ChainAnswer {
    Outcome<HttpResponse> response;
    std::optional<Outcome<OptionChain>> chain;  // set when the server answered
};

// NSE refuses an expired session with 401/403, or with 200 and a JSON object without "records" ({});
// the body is read a second time only when the parser has refused it.
bool isStaleSession(const ChainAnswer& answer)
{
    if (!answer.response) {
        const ProviderError& error = answer.response.error();
        return error.kind == ProviderErrorKind::HttpStatus && (error.httpStatus == 401 || error.httpStatus == 403);
    }
    if (*answer.chain)
        return false;
    const QJsonDocument document = QJsonDocument::fromJson(answer.response.value().body);
    return document.isObject() && !document.object().contains(QLatin1String("records"));
}

}  // namespace

QUrl NseOptionChainProvider::defaultBaseUrl()
{
    return QUrl(QStringLiteral("https://www.nseindia.com"));
}

NseOptionChainProvider::NseOptionChainProvider(QUrl baseUrl, HttpClientConfig http)
    : baseUrl_(std::move(baseUrl)), http_(std::move(http))
{
}

bool NseOptionChainProvider::isIndexUnderlying(const QString& symbol)
{
    return symbol == QLatin1String("NIFTY") || symbol == QLatin1String("BANKNIFTY") || symbol == QLatin1String("FINNIFTY");
}

QUrl NseOptionChainProvider::pageUrl() const
{
    return QUrl::fromEncoded(baseUrl_.toEncoded(QUrl::StripTrailingSlash) + "/option-chain", QUrl::StrictMode);
}

QUrl NseOptionChainProvider::optionChainApiUrl(const QString& symbol) const
{
    const QByteArray endpoint = isIndexUnderlying(symbol) ? "/api/option-chain-indices" : "/api/option-chain-equities";
    return QUrl::fromEncoded(baseUrl_.toEncoded(QUrl::StripTrailingSlash) + endpoint + "?symbol="
                                 + QUrl::toPercentEncoding(symbol),
                             QUrl::StrictMode);
}

std::optional<ProviderError> NseOptionChainProvider::warmUp(const CancellationToken& cancel)
{
    const HttpRequest request{pageUrl(),
                              {{"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
                               {"Accept-Language", kAcceptLanguage}}};
    const Outcome<HttpResponse> response = http_.get(request, cancel);
    if (!response) {
        ProviderError error = response.error();
        error.message = QStringLiteral("session warm-up failed: ") + error.message;
        return error;
    }
    warmedUp_ = true;
    return std::nullopt;
}

Outcome<OptionChain> NseOptionChainProvider::fetchOptionChain(const QString& rawSymbol, const CancellationToken& cancel)
{
    const std::optional<QString> symbol = normalisedSymbol(rawSymbol);
    if (!symbol) {
        ProviderError error;
        error.kind = ProviderErrorKind::InvalidRequest;
        error.message = QStringLiteral("'%1' is not a valid NSE symbol").arg(rawSymbol);
        return withContext(error, rawSymbol);
    }
    if (!warmedUp_) {
        if (auto error = warmUp(cancel))
            return withContext(*error, *symbol);
    }

    const HttpRequest request{optionChainApiUrl(*symbol),
                              {{"Accept", "application/json, text/plain, */*"},
                               {"Accept-Language", kAcceptLanguage},
                               {"Referer", pageUrl().toEncoded()}}};
    const auto ask = [&] {
        ChainAnswer answer{http_.get(request, cancel), std::nullopt};
        if (answer.response)
            answer.chain.emplace(parseNseOptionChain(answer.response.value().body, *symbol));
        return answer;
    };
    std::optional<ChainAnswer> answer(ask());
    if (isStaleSession(*answer)) {
        http_.clearCookies();
        warmedUp_ = false;
        if (auto error = warmUp(cancel))
            return withContext(*error, *symbol);
        answer.emplace(ask());
    }
    if (!answer->response)
        return withContext(answer->response.error(), *symbol);
    return std::move(*answer->chain);
}

}  // namespace aegis::data
