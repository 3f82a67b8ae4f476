#include "db/migrations.h"

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "crypto/random.h"
#include "db/database.h"
#include "util/clock.h"

namespace ktk::db {

namespace fs = std::filesystem;

std::vector<MigrationFile> listMigrations(const std::string& dir) {
    std::vector<MigrationFile> out;
    if (!fs::is_directory(dir)) throw std::runtime_error("no migrations directory " + dir);
    for (const auto& e : fs::directory_iterator(dir)) {
        std::string name = e.path().filename().string();
        if (e.path().extension() != ".sql") continue;
        if (name.size() < 10 || name.find_first_not_of("0123456789") != 4 || name[4] != '_')
            throw std::runtime_error("migration file name must be NNNN_purpose.sql: " + name);
        out.push_back({std::stoi(name.substr(0, 4)), name, e.path().string()});
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < out.size(); ++i)
        if (out[i].version == out[i - 1].version)
            throw std::runtime_error("two migrations with version " + std::to_string(out[i].version));
    return out;
}

std::vector<std::string> splitStatements(const std::string& script) {
    std::vector<std::string> out;
    std::string current;
    std::istringstream in(script);
    for (std::string line; std::getline(in, line);) {
        std::string trimmed = line;
        trimmed.erase(0, trimmed.find_first_not_of(" \t\r"));
        if (trimmed.rfind("--", 0) == 0) continue;
        current += line + "\n";
        auto last = line.find_last_not_of(" \t\r");
        if (last != std::string::npos && line[last] == ';') {
            current.erase(current.find_last_of(';'));
            if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
    return out;
}

std::vector<std::string> runtimePrivileges(const std::string& table) {
    if (table == "audit_log" || table == "audit_chain") return {"SELECT", "INSERT"};
    if (table == "audit_chain_heads") return {"SELECT", "INSERT", "UPDATE"};
    if (table == "audit_chain_start") return {"SELECT"};
    if (table == "schema_migrations") return {};
    return {"SELECT", "INSERT", "UPDATE", "DELETE"};
}

std::vector<std::string> privilegesBeyondRuntime(const std::string& table) {
    // Every privilege MariaDB grants on a table (GRANT OPTION included).
    static const char* const all[] = {"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "REFERENCES",
                                      "INDEX", "ALTER", "CREATE VIEW", "SHOW VIEW", "TRIGGER", "DELETE HISTORY",
                                      "GRANT OPTION"};
    std::vector<std::string> keep = runtimePrivileges(table), out;
    for (const char* p : all)
        if (std::find(keep.begin(), keep.end(), p) == keep.end()) out.emplace_back(p);
    return out;
}

std::optional<Account> migrationAccount(const config::Config& config) {
    if (config.dbMigrateUser.empty()) return std::nullopt;
    std::ifstream in(config.dbMigratePasswordFile, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read db.migrate_password_file " + config.dbMigratePasswordFile +
                                 " (the migration account's password; run ktk-admin migrate as root)");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string password = ss.str();
    password.erase(password.find_last_not_of(" \t\r\n") + 1);
    return Account{config.dbMigrateUser, password};
}

namespace {

// GRANT and REVOKE take no parameters: names are quoted here. Schema and
// table names come from the config and information_schema, the role is
// checked by the config, the account from the server's CURRENT_USER().
std::string identifier(const std::string& name) {
    std::string out = "`";
    for (char ch : name) out += (ch == '`') ? std::string("``") : std::string(1, ch);
    return out + "`";
}

std::string literal(const std::string& text) {
    std::string out = "'";
    for (char ch : text) {
        if (ch == '\'' || ch == '\\') out += ch;
        out += ch;
    }
    return out + "'";
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

// Runs `statement`; false when it failed with one of `absent` (MariaDB's
// "there is no such grant"), which is not an error here.
bool executeUnless(sql::Statement& st, const std::string& statement, std::initializer_list<int> absent) {
    try {
        st.execute(statement);
        return true;
    } catch (const sql::SQLException& e) {
        for (int code : absent)
            if (e.getErrorCode() == code) return false;
        throw;
    }
}

constexpr int kNoSuchGrant = 1141;       // on a schema
constexpr int kNoSuchTableGrant = 1147;  // on a table

std::vector<std::string> schemaTables(sql::Connection& conn, const std::string& schema) {
    std::unique_ptr<sql::PreparedStatement> q(conn.prepareStatement(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME"));
    q->setString(1, schema);
    std::unique_ptr<sql::ResultSet> rs(q->executeQuery());
    std::vector<std::string> out;
    while (rs->next()) out.push_back(rs->getString(1));
    return out;
}

// The runtime role gets exactly runtimePrivileges() on every table: the
// missing ones granted first, then the rest revoked, so a running portal
// never lacks a privilege it had.
void grantRuntimePrivileges(sql::Connection& conn, const config::Config& config) {
    std::unique_ptr<sql::Statement> st(conn.createStatement());
    const std::string role = identifier(config.dbRuntimeRole);
    for (const auto& table : schemaTables(conn, config.dbName)) {
        const std::string object = identifier(config.dbName) + "." + identifier(table);
        try {
            auto privileges = runtimePrivileges(table);
            if (!privileges.empty()) st->execute("GRANT " + joined(privileges) + " ON " + object + " TO " + role);
            executeUnless(*st, "REVOKE " + joined(privilegesBeyondRuntime(table)) + " ON " + object + " FROM " + role,
                          {kNoSuchTableGrant});
        } catch (const sql::SQLException& e) {
            throw std::runtime_error("granting the runtime role " + config.dbRuntimeRole + " its privileges on " +
                                     table + ": " + e.what() +
                                     " (the role must exist, and db.migrate_user needs every privilege on the"
                                     " schema WITH GRANT OPTION; OPERATIONS.md, \"The database\")");
        }
    }
}

std::string single(sql::Statement& st, const std::string& query) {
    std::unique_ptr<sql::ResultSet> rs(st.executeQuery(query));
    return rs->next() ? std::string(rs->getString(1)) : std::string();
}

// Logs in as the runtime account to see what it holds: it must have the
// runtime role as its default role; everything granted to it directly on
// the schema (and its tables) is revoked by the migration account on
// `conn`; a global privilege, or one on a schema pattern that covers ours,
// is beyond the migration account and stops migrate with what to do.
std::vector<std::string> confineRuntimeAccount(sql::Connection& conn, const config::Config& config) {
    sql::ConnectOptionsMap options = connectOptions(config);
    options.erase("schema");  // an account without the role could not open it: say why instead
    std::unique_ptr<sql::Connection> runtime;
    try {
        runtime.reset(sql::mysql::get_mysql_driver_instance()->connect(options));
    } catch (const sql::SQLException& e) {
        throw std::runtime_error("logging in as the runtime account " + config.dbUser + " (db.user): " + e.what());
    }
    std::unique_ptr<sql::Statement> rt(runtime->createStatement());
    std::unique_ptr<sql::Statement> mig(conn.createStatement());
    const std::string account = single(*rt, "SELECT CURRENT_USER()");
    if (account == single(*mig, "SELECT CURRENT_USER()"))
        throw std::runtime_error("db.user and db.migrate_user log in as one account, " + account +
                                 ": the runtime account must be another one");
    const auto at = account.rfind('@');
    const std::string grantee = literal(account.substr(0, at)) + "@" + literal(account.substr(at + 1));
    if (single(*rt, "SELECT CURRENT_ROLE()") != config.dbRuntimeRole)
        throw std::runtime_error("the runtime account " + account + " does not have the role " +
                                 config.dbRuntimeRole + " as its default role; as the database's root: GRANT " +
                                 config.dbRuntimeRole + " TO " + grantee + "; SET DEFAULT ROLE " +
                                 config.dbRuntimeRole + " FOR " + grantee + ";");

    // What it holds itself (information_schema shows an account its own
    // grants; its role's are not among them).
    std::vector<std::string> beyond;
    {
        std::unique_ptr<sql::ResultSet> rs(rt->executeQuery(
            "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE <> 'USAGE'"));
        while (rs->next()) beyond.push_back(std::string(rs->getString(1)) + " ON *.*");
    }
    std::vector<std::string> schemas, tables;
    {
        std::unique_ptr<sql::PreparedStatement> q(runtime->prepareStatement(
            "SELECT DISTINCT TABLE_SCHEMA FROM information_schema.SCHEMA_PRIVILEGES WHERE ? LIKE TABLE_SCHEMA"));
        q->setString(1, config.dbName);
        std::unique_ptr<sql::ResultSet> rs(q->executeQuery());
        while (rs->next()) schemas.push_back(rs->getString(1));
    }
    {
        std::unique_ptr<sql::PreparedStatement> q(runtime->prepareStatement(
            "SELECT TABLE_NAME FROM information_schema.TABLE_PRIVILEGES WHERE TABLE_SCHEMA = ?"
            " UNION SELECT TABLE_NAME FROM information_schema.COLUMN_PRIVILEGES WHERE TABLE_SCHEMA = ?"));
        q->setString(1, config.dbName);
        q->setString(2, config.dbName);
        std::unique_ptr<sql::ResultSet> rs(q->executeQuery());
        while (rs->next()) tables.push_back(rs->getString(1));
    }

    std::vector<std::string> revoked;
    auto revokeAll = [&](const std::string& object, int absent) {
        bool any = executeUnless(*mig, "REVOKE ALL PRIVILEGES ON " + object + " FROM " + grantee, {absent});
        any = executeUnless(*mig, "REVOKE GRANT OPTION ON " + object + " FROM " + grantee, {absent}) || any;
        if (any) revoked.push_back("ALL PRIVILEGES ON " + object + " FROM " + grantee);
    };
    for (const auto& schema : schemas) {
        try {
            revokeAll(identifier(schema) + ".*", kNoSuchGrant);
        } catch (const sql::SQLException&) {
            beyond.push_back("privileges ON " + identifier(schema) + ".*");
        }
    }
    for (const auto& table : tables)
        revokeAll(identifier(config.dbName) + "." + identifier(table), kNoSuchTableGrant);
    if (!beyond.empty())
        throw std::runtime_error("the runtime account " + account + " holds " + joined(beyond) +
                                 ", which the migration account cannot revoke; as the database's root: REVOKE "
                                 "ALL PRIVILEGES, GRANT OPTION FROM " + grantee + "; GRANT " + config.dbRuntimeRole +
                                 " TO " + grantee + ";");
    return revoked;
}

}  // namespace

MigrationResult migrate(const config::Config& config) { return migrate(config, migrationAccount(config)); }

MigrationResult migrate(const config::Config& config, const std::optional<Account>& migrator) {
    config::Config as = config;
    if (migrator) {
        as.dbUser = migrator->user;
        as.dbPassword = migrator->password;
    }
    sql::ConnectOptionsMap options = connectOptions(as);
    MigrationResult result;
    try {
        std::unique_ptr<sql::Connection> conn(sql::mysql::get_mysql_driver_instance()->connect(options));
        std::unique_ptr<sql::Statement> st(conn->createStatement());
        st->execute("SET SESSION time_zone = '+00:00'");
        st->execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INT UNSIGNED NOT NULL PRIMARY KEY,"
            " name VARCHAR(200) NOT NULL,"
            " checksum CHAR(64) NOT NULL,"
            " applied_at DATETIME NOT NULL"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
        // One migrator at a time, whoever else runs `migrate` concurrently.
        std::unique_ptr<sql::ResultSet> lock(st->executeQuery("SELECT GET_LOCK('ktk_migrate', 60)"));
        if (!lock->next() || lock->getInt(1) != 1) throw std::runtime_error("could not take the migration lock");
        std::map<int, std::string> done;
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery("SELECT version, checksum FROM schema_migrations"));
        while (rs->next()) done[rs->getInt(1)] = rs->getString(2);
        for (const auto& m : listMigrations(config.sqlDir + "/migrations")) {
            std::ifstream in(m.path, std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            std::string checksum = crypto::sha256Hex(ss.str());
            auto it = done.find(m.version);
            if (it != done.end()) {
                if (it->second != checksum)
                    throw std::runtime_error(m.name + " was changed after it was applied; add a new migration instead");
                continue;
            }
            for (const auto& statement : splitStatements(ss.str())) {
                try {
                    st->execute(statement);
                } catch (const sql::SQLException& e) {
                    throw std::runtime_error(m.name + ": " + e.what());
                }
            }
            std::unique_ptr<sql::PreparedStatement> rec(conn->prepareStatement(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)"));
            rec->setInt(1, m.version);
            rec->setString(2, m.name);
            rec->setString(3, checksum);
            rec->setString(4, util::sqlTime(util::now()));
            rec->execute();
            result.applied.push_back(m.name);
        }
        if (migrator) {
            grantRuntimePrivileges(*conn, config);
            result.revoked = confineRuntimeAccount(*conn, config);
            result.runtimeGranted = true;
        }
        st->execute("DO RELEASE_LOCK('ktk_migrate')");
    } catch (const sql::SQLException& e) {
        throw std::runtime_error(std::string("database error: ") + e.what());
    }
    return result;
}

}  // namespace ktk::db
