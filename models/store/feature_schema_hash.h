#pragma once

#include <QString>
#include <QStringList>

namespace aegis::models {

// Identifies an ordered list of feature names: lowercase hex SHA-256 of the names joined by '\n'.
// Every model artifact records it, so a model is never fed columns in a different order or meaning.
QString featureSchemaHash(const QStringList& featureNames);

}  // namespace aegis::models
