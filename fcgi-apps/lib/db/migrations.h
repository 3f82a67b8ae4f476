// Applies sql/migrations/NNNN_purpose.sql in order, each once, recording
// every applied file (with a checksum, so an edited old migration is
// refused: migrations are append-only), and gives the runtime account
// what it may do on the schema.
//
// Two accounts: the migration account (db.migrate_user) owns the DDL and
// holds every privilege on the schema WITH GRANT OPTION; the runtime
// account (db.user: the programs, the mail worker, ktk-admin) holds only
// the role db.runtime_role, to which migrate grants, after every run and
// for every table of the schema (read from information_schema, so a new
// table is never missed), the table privileges of runtimePrivileges() and
// revokes every other one. MariaDB cannot subtract a table from a
// schema-wide grant, so the grants are table by table.
#pragma once

#include <optional>
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

// The table privileges the runtime role gets on `table`: SELECT and
// INSERT on audit_log and audit_chain (append-only: no UPDATE, DELETE or
// TRUNCATE), SELECT, INSERT and UPDATE on audit_chain_heads (a head only
// moves on), SELECT on audit_chain_start (fixed by its migration), nothing
// on schema_migrations (the migrator's), SELECT, INSERT, UPDATE and DELETE
// on every other table. Never DDL, TRIGGER or GRANT OPTION.
std::vector<std::string> runtimePrivileges(const std::string& table);

// Every table privilege MariaDB has that runtimePrivileges(table) lacks.
std::vector<std::string> privilegesBeyondRuntime(const std::string& table);

struct Account {
    std::string user;
    std::string password;
};

// db.migrate_user with the password in db.migrate_password_file (read
// here, never at start-up: only root may read it); nullopt without
// db.migrate_user. Throws std::runtime_error when the file is unreadable.
std::optional<Account> migrationAccount(const config::Config& config);

struct MigrationResult {
    std::vector<std::string> applied;  // file names, in order
    // What migrate took from the runtime account itself (grants made to it
    // directly, e.g. ALL PRIVILEGES from before the accounts were split).
    std::vector<std::string> revoked;
    bool runtimeGranted = false;  // false: no migration account, so no grants
};

// Applies what is pending as `migrator` (nullopt: the runtime account, the
// way before the split, without touching grants), then sets the runtime
// role's grants and checks the runtime account: it must have the role as
// its default role, and whatever it holds directly on the schema is
// revoked. Throws std::runtime_error with a message for the operator.
MigrationResult migrate(const config::Config& config, const std::optional<Account>& migrator);

// The same with migrationAccount(config).
MigrationResult migrate(const config::Config& config);

}  // namespace ktk::db
