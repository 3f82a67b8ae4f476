#include "db_fixture.h"
#include "web/dispatch.h"

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>
#include <unistd.h>

#include <cgicc/CgiUtils.h>

#include <cstdlib>
#include <stdexcept>

#include "crypto/password.h"
#include "crypto/random.h"
#include "crypto/seal.h"
#include "service/two_factor.h"
#include "twofactor/totp.h"
#include "db/migrations.h"
#include "repo/sessions.h"
#include "util/clock.h"
#include "web/request.h"

namespace ktk::test {

namespace {

std::string& schemaName() {
    static std::string name;
    return name;
}

// The suite's two accounts, as an installation has them (OPERATIONS.md):
// the migration account owns the schema, the runtime account, which the
// services use, holds only the runtime role that `migrate` grants.
std::string runtimeAccount() { return schemaName() + "_rt"; }
std::string migrationAccount() { return schemaName() + "_mg"; }
std::string runtimeRole() { return schemaName() + "_role"; }
std::string runtimePassword() {
    static const std::string password = crypto::randomHex(16);
    return password;
}

std::unique_ptr<sql::Connection> rootConnection(bool withSchema) {
    config::Config c = dbWorld().config;
    c.dbUser = "root";
    c.dbPassword.clear();
    if (!withSchema) c.dbName.clear();
    sql::ConnectOptionsMap options = db::connectOptions(c);
    return std::unique_ptr<sql::Connection>(sql::mysql::get_mysql_driver_instance()->connect(options));
}

void execute(const std::string& text, bool withSchema = true) {
    try {
        std::unique_ptr<sql::Connection> conn = rootConnection(withSchema);
        std::unique_ptr<sql::Statement> st(conn->createStatement());
        st->execute(text);
    } catch (const sql::SQLException& e) {
        throw std::runtime_error("test SQL failed: " + std::string(e.what()) + ": " + text);
    }
}

constexpr const char* kPassword = "Teszt-jelszo-2026!";

const std::string& passwordHash() {
    static const std::string hash = crypto::hashPassword(kPassword);
    return hash;
}

}  // namespace

World& dbWorld() {
    static World* w = [] {
        const char* socket = std::getenv("KTK_TEST_DB_SOCKET");
        if (!socket || !*socket) throw std::runtime_error("KTK_TEST_DB_SOCKET is not set (contrib/ktk test sets it)");
        config::Config c = testConfig();
        c.dbSocket = socket;
        c.dbUser = runtimeAccount();
        c.dbPassword = runtimePassword();
        c.dbRuntimeRole = runtimeRole();
        c.dbName = schemaName();
        c.sqlDir = KTK_SOURCE_DIR "/sql";
        return makeWorld(std::move(c)).release();
    }();
    return *w;
}

void createSchema(const std::string& suite) {
    schemaName() = "ktk_test_" + suite + "_" + std::to_string(getpid());
    dbWorld();
    dropSchema();
    const std::string runtime = "'" + runtimeAccount() + "'@'localhost'";
    const std::string migrator = "'" + migrationAccount() + "'@'localhost'";
    const std::string migratorPassword = crypto::randomHex(16);
    execute("CREATE DATABASE " + schemaName() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", false);
    execute("CREATE ROLE " + runtimeRole(), false);
    execute("CREATE USER " + runtime + " IDENTIFIED BY '" + runtimePassword() + "'", false);
    execute("GRANT " + runtimeRole() + " TO " + runtime, false);
    execute("SET DEFAULT ROLE " + runtimeRole() + " FOR " + runtime, false);
    execute("CREATE USER " + migrator + " IDENTIFIED BY '" + migratorPassword + "'", false);
    execute("GRANT ALL PRIVILEGES ON " + schemaName() + ".* TO " + migrator + " WITH GRANT OPTION", false);
    db::migrate(dbWorld().config, db::Account{migrationAccount(), migratorPassword});
    execute("CREATE TABLE test_faults (action VARCHAR(64) NOT NULL PRIMARY KEY) ENGINE=MEMORY");
    execute(
        "CREATE TRIGGER test_fault_at_audit BEFORE INSERT ON audit_log FOR EACH ROW BEGIN"
        " IF EXISTS (SELECT 1 FROM test_faults WHERE action = NEW.action) THEN"
        "  DELETE FROM test_faults WHERE action = NEW.action;"
        "  SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'injected deadlock', MYSQL_ERRNO = 1213;"
        " END IF;"
        " END");
}

void dropSchema() {
    if (schemaName().empty()) return;
    execute("DROP DATABASE IF EXISTS " + schemaName(), false);
    execute("DROP USER IF EXISTS '" + runtimeAccount() + "'@'localhost', '" + migrationAccount() + "'@'localhost'",
            false);
    execute("DROP ROLE IF EXISTS " + runtimeRole(), false);
}

void adminSql(const std::string& sql) { execute(sql); }

void failOnceAtAudit(const std::string& action) {
    execute("INSERT INTO test_faults (action) VALUES ('" + action + "')");
}

std::int64_t count(const std::string& sql) {
    try {
        std::unique_ptr<sql::Connection> conn = rootConnection(true);
        std::unique_ptr<sql::Statement> st(conn->createStatement());
        std::unique_ptr<sql::ResultSet> r(st->executeQuery(sql));
        if (!r->next()) throw std::runtime_error("no row: " + sql);
        return r->getInt64(1);
    } catch (const sql::SQLException& e) {
        throw std::runtime_error("test SQL failed: " + std::string(e.what()) + ": " + sql);
    }
}

std::vector<std::vector<std::string>> rows(const std::string& sql) {
    try {
        std::unique_ptr<sql::Connection> conn = rootConnection(true);
        std::unique_ptr<sql::Statement> st(conn->createStatement());
        std::unique_ptr<sql::ResultSet> r(st->executeQuery(sql));
        const unsigned columns = r->getMetaData()->getColumnCount();
        std::vector<std::vector<std::string>> out;
        while (r->next()) {
            std::vector<std::string>& row = out.emplace_back();
            for (unsigned c = 1; c <= columns; ++c) row.push_back(r->isNull(c) ? "NULL" : std::string(r->getString(c)));
        }
        return out;
    } catch (const sql::SQLException& e) {
        throw std::runtime_error("test SQL failed: " + std::string(e.what()) + ": " + sql);
    }
}

std::uint64_t makeOffice(const std::string& name, const std::string& countyCode) {
    return dbWorld().db->transact([&](db::Tx& tx) {
        tx.update("INSERT INTO district_offices (name, county_code, created_at) VALUES (?, ?, ?)", name, countyCode,
                  util::sqlTime(util::now()));
        return tx.lastInsertId();
    });
}

std::uint64_t makeMunicipality(const std::string& name, const std::string& taxNumber, std::uint64_t officeId) {
    return dbWorld().db->transact([&](db::Tx& tx) {
        tx.update("INSERT INTO municipalities (name, tax_number, office_id, created_at) VALUES (?, ?, ?, ?)", name,
                  taxNumber, officeId, util::sqlTime(util::now()));
        return tx.lastInsertId();
    });
}

std::uint64_t testOfficeId() {
    static const std::uint64_t id = makeOffice("Gödöllői Járási Hivatal", "13");
    return id;
}

std::uint64_t testMunicipalityId() {
    static const std::uint64_t id = makeMunicipality("Veresegyház Város Önkormányzata", "15731034-2-13", testOfficeId());
    return id;
}

TestAccount makeAccount(const AccountSpec& spec) {
    static int serial = 0;
    TestAccount a;
    a.email = "user" + std::to_string(++serial) + "." + crypto::randomHex(4) + "@example.hu";
    a.password = kPassword;
    const std::string now = util::sqlTime(util::now());
    std::optional<std::string> confirmed, disabled, linkedAt;
    std::optional<std::uint64_t> municipality, office;
    if (spec.confirmed) confirmed = now;
    if (spec.disabled) disabled = now;
    if (spec.role == Role::Clerk) office = spec.office ? spec.office : testOfficeId();
    else if (spec.linked) {
        municipality = spec.municipality ? spec.municipality : testMunicipalityId();
        linkedAt = now;
    }
    a.id = dbWorld().db->transact([&](db::Tx& tx) {
        tx.update("INSERT INTO users (email, email_key, password_hash, last_name, first_name, phone, language, role,"
                  " office_id, municipality_id, created_at, confirmed_at, disabled_at, linked_at)"
                  " VALUES (?, ?, ?, 'Teszt', 'Elek', '+36301234567', 'hu', ?, ?, ?, ?, ?, ?, ?)",
                  a.email, a.email, passwordHash(), spec.role == Role::Clerk ? "clerk" : "contact", office,
                  municipality, now, confirmed, disabled, linkedAt);
        const std::uint64_t id = tx.lastInsertId();
        if (spec.role == Role::Clerk && spec.secondFactor) {
            const crypto::Sealed sealed = crypto::seal(dbWorld().config.secrets, service::kTotpSealPurpose,
                                                       std::to_string(id), twofactor::newSecret());
            tx.update("INSERT INTO user_totp (user_id, secret_sealed, kek_id, created_at, confirmed_at)"
                      " VALUES (?, ?, ?, ?, ?)",
                      id, sealed.text, sealed.keyId, now, now);
        }
        return id;
    });
    return a;
}

std::string Browser::cookie(const std::string& name) const {
    for (const auto& [n, v] : cookies)
        if (n == name) return v;
    return {};
}

void Browser::take(const web::Response& response) {
    for (const auto& c : response.cookies) {
        for (auto it = cookies.begin(); it != cookies.end();)
            it = it->first == c.name ? cookies.erase(it) : it + 1;
        if (c.maxAge != 0) cookies.emplace_back(c.name, c.value);
    }
}

std::string Browser::header() const {
    std::string h;
    for (const auto& [n, v] : cookies) h += (h.empty() ? "" : "; ") + n + "=" + v;
    return h;
}

namespace {
web::Response send(const web::Routes& routes, Browser& browser, const web::Services* services,
                   std::vector<std::string> params, std::string body = {}) {
    params.push_back("HTTP_COOKIE=" + browser.header());
    params.push_back("REMOTE_ADDR=192.0.2.7");
    FakeRequest fake(std::move(params), std::move(body));
    web::Request req(fake.raw());
    web::Response r = web::handle(services ? *services : *dbWorld().services, routes, req);
    browser.take(r);
    return r;
}
}  // namespace

web::Response get(const web::Routes& routes, Browser& browser, const std::string& path,
                  const web::Services* services) {
    const std::size_t q = path.find('?');
    std::vector<std::string> params{"REQUEST_METHOD=GET", "DOCUMENT_URI=" + path.substr(0, q)};
    if (q != std::string::npos) params.push_back("QUERY_STRING=" + path.substr(q + 1));
    return send(routes, browser, services, std::move(params));
}

web::Response post(const web::Routes& routes, Browser& browser, const std::string& path,
                   std::vector<std::pair<std::string, std::string>> fields, const web::Services* services) {
    std::string binding;
    if (std::string id = browser.cookie("ktk_session"); !id.empty()) {
        binding = "session:" + repo::sessionIdHash(id);
    } else {
        if (browser.cookie("ktk_pre").empty()) browser.cookies.emplace_back("ktk_pre", crypto::randomHex(16));
        binding = "pre:" + browser.cookie("ktk_pre");
    }
    fields.emplace_back("csrf_token", dbWorld().csrf->issue(binding, util::now()));
    std::string body;
    for (const auto& [k, v] : fields)
        body += (body.empty() ? "" : "&") + cgicc::form_urlencode(k) + "=" + cgicc::form_urlencode(v);
    return send(routes, browser, services,
                {"REQUEST_METHOD=POST", "DOCUMENT_URI=" + path, "CONTENT_TYPE=application/x-www-form-urlencoded",
                 "CONTENT_LENGTH=" + std::to_string(body.size())},
                body);
}

Browser loggedIn(std::uint64_t userId) {
    Browser b;
    b.cookies.emplace_back("ktk_session", dbWorld().db->transact([&](db::Tx& tx) {
        return repo::createSession(tx, userId, util::now());
    }));
    return b;
}

std::string location(const web::Response& response) {
    for (const auto& [name, value] : response.headers)
        if (name == "Location") return value;
    return {};
}

}  // namespace ktk::test
