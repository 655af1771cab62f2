#pragma once

#include "models/store/model_store.h"

#include <QString>

namespace aegis::models {

// Reads a committed generation directory whole and checks it: the manifest parses and names this
// directory, the schema hash matches `expectedFeatureSchemaHash` (when not empty), and every listed
// artifact has exactly its recorded size and SHA-256. Throws std::runtime_error with the first problem.
LoadedGeneration readVerifiedGeneration(const QString& directory, const QString& expectedId,
                                        const QString& expectedFeatureSchemaHash);

// Parses manifest.json alone, without touching the artifacts. Throws std::runtime_error.
GenerationManifest readManifest(const QString& directory);

}  // namespace aegis::models
