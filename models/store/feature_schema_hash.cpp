#include "models/store/feature_schema_hash.h"

#include <QCryptographicHash>

namespace aegis::models {

QString featureSchemaHash(const QStringList& featureNames)
{
    const QByteArray joined = featureNames.join(QLatin1Char('\n')).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(joined, QCryptographicHash::Sha256).toHex());
}

}  // namespace aegis::models
