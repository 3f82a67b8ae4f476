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
#include <map>
#include <memory>
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

std::vector<std::string> migrate(const config::Config& config) {
    sql::ConnectOptionsMap options = connectOptions(config);
    std::vector<std::string> applied;
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
            applied.push_back(m.name);
        }
        st->execute("DO RELEASE_LOCK('ktk_migrate')");
    } catch (const sql::SQLException& e) {
        throw std::runtime_error(std::string("database error: ") + e.what());
    }
    return applied;
}

}  // namespace ktk::db
