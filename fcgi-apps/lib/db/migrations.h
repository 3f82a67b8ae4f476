// Applies sql/migrations/NNNN_purpose.sql in order, each once, recording
// every applied file (with a checksum, so an edited old migration is
// refused: migrations are append-only).
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::db {

struct MigrationFile {
    int version;
    std::string name;  // file name
    std::string path;
};

// The migration files in `dir`, sorted by version. Throws on a bad name or
// two files with one version.
std::vector<MigrationFile> listMigrations(const std::string& dir);

// Splits a migration script into statements at semicolons that end a line.
std::vector<std::string> splitStatements(const std::string& script);

// Applies what is pending; returns the names applied. Throws
// std::runtime_error with a message for the operator on failure.
std::vector<std::string> migrate(const config::Config& config);

}  // namespace ktk::db
