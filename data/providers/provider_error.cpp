#include "data/providers/provider_error.h"

namespace aegis::data {

QString toString(ProviderErrorKind kind)
{
    switch (kind) {
    case ProviderErrorKind::HttpStatus: return QStringLiteral("http-status");
    case ProviderErrorKind::Timeout: return QStringLiteral("timeout");
    case ProviderErrorKind::Network: return QStringLiteral("network");
    case ProviderErrorKind::Parse: return QStringLiteral("parse");
    case ProviderErrorKind::Remote: return QStringLiteral("remote");
    case ProviderErrorKind::Cancelled: return QStringLiteral("cancelled");
    case ProviderErrorKind::InvalidRequest: return QStringLiteral("invalid-request");
    }
    return {};
}

}  // namespace aegis::data
