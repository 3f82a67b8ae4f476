// The database tier: services and repositories tested where their rules
// live, against the test stack's real MariaDB (contrib/ktk test starts it
// and names its socket in KTK_TEST_DB_SOCKET). Each test binary is one
// suite on a schema of its own, made fresh from sql/migrations before the
// first test and dropped after the last (db_main.cpp). The schema has the
// two accounts of an installation: `ktk-admin migrate`'s code migrates it
// as the migration account, and the services run as the runtime account
// with only the runtime role's grants; the helpers below run as root.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../unit/fixtures.h"
#include "web/app.h"
#include "web/response.h"

namespace ktk::test {

// The process's services over the suite's schema, the real templates and
// the built catalogs.
World& dbWorld();

// Called once by db_main.cpp: a fresh schema named after the suite, its
// accounts and runtime role, the migrations applied, the fault injector
// installed. Throws on failure.
void createSchema(const std::string& suite);
void dropSchema();

// SQL text run as the server's root on the suite's schema: test set-up
// only (triggers, tables of the test's own).
void adminSql(const std::string& sql);

// The next audit row for `action` fails to insert with MariaDB's deadlock
// error (1213), once: the unit of work that writes it is rolled back and,
// as after a real deadlock, run again by db::Database. Done with a trigger
// and a MEMORY table (no transaction undoes its delete), so no product
// code knows about it.
void failOnceAtAudit(const std::string& action);

// One number from a query run as root, for assertions ("SELECT COUNT(*) …").
std::int64_t count(const std::string& sql);
// Every row of a query run as root, each value as text ("NULL" for NULL).
std::vector<std::vector<std::string>> rows(const std::string& sql);

// Accounts made directly in the schema, with a known password.
enum class Role { Contact, Clerk };
struct TestAccount {
    std::uint64_t id = 0;
    std::string email;
    std::string password;
};
struct AccountSpec {
    Role role = Role::Contact;
    bool confirmed = true;
    bool linked = true;  // contacts: linked to `municipality`
    bool disabled = false;
    std::uint64_t office = 0;        // a clerk's; 0: the suite's office
    std::uint64_t municipality = 0;  // a linked contact's; 0: the suite's municipality
    // Clerks: a confirmed second factor (the office pages ask for one);
    // false leaves the clerk to enrol.
    bool secondFactor = true;
};
TestAccount makeAccount(const AccountSpec& spec = {});
// The office and municipality makeAccount uses unless told otherwise (made once).
std::uint64_t testOfficeId();
std::uint64_t testMunicipalityId();
// More of them, for tests across offices.
std::uint64_t makeOffice(const std::string& name, const std::string& countyCode);
std::uint64_t makeMunicipality(const std::string& name, const std::string& taxNumber, std::uint64_t officeId);

// An in-memory request through the real request loop (web::handle), with
// the suite's services or `services` when given.
struct Browser {
    std::vector<std::pair<std::string, std::string>> cookies;  // name, value
    std::string cookie(const std::string& name) const;
    void take(const web::Response& response);  // stores Set-Cookie, drops expired ones
    std::string header() const;                // the Cookie request header
};
// `path` may end in ?query.
web::Response get(const web::Routes& routes, Browser& browser, const std::string& path,
                  const web::Services* services = nullptr);
// A POST of `fields` with the CSRF token the browser's cookies bind to.
web::Response post(const web::Routes& routes, Browser& browser, const std::string& path,
                   std::vector<std::pair<std::string, std::string>> fields, const web::Services* services = nullptr);
// A browser already logged in as the account (a session made in the store).
Browser loggedIn(std::uint64_t userId);
// The Location header of a redirect ("" for none).
std::string location(const web::Response& response);

}  // namespace ktk::test
