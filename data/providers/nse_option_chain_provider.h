#pragma once

// Option-chain snapshots from NSE's website API. NSE serves the API only to a session that has first
// loaded its option-chain page (cookies), and only with browser-like headers:
//   GET {base}/option-chain                                   (warm-up: sets the session cookies)
//   GET {base}/api/option-chain-indices?symbol=NIFTY          (NIFTY, BANKNIFTY, FINNIFTY)
//   GET {base}/api/option-chain-equities?symbol=M%26M         (stocks)
// A 401/403 means the session went stale: warm up once more and retry once.

#include "data/core/market_types.h"
#include "data/providers/http_client.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace aegis::data {

class NseOptionChainProvider {
public:
    static QUrl defaultBaseUrl();  // https://www.nseindia.com

    explicit NseOptionChainProvider(QUrl baseUrl = defaultBaseUrl(), HttpClientConfig http = {});

    Outcome<OptionChain> fetchOptionChain(const QString& symbol,
                                          const CancellationToken& cancel = CancellationToken::never());

    static bool isIndexUnderlying(const QString& symbol);
    QUrl optionChainApiUrl(const QString& symbol) const;

private:
    std::optional<ProviderError> warmUp(const CancellationToken& cancel);
    QUrl pageUrl() const;

    QUrl baseUrl_;
    HttpClient http_;
    bool warmedUp_ = false;
};

}  // namespace aegis::data
