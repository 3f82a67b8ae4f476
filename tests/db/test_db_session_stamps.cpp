// The accounts the session lookup keeps in the process (repo::KeptAccounts)
// on the real tables: a kept account serves while its session row's
// account_stamp stands, and every change of what the lookup reads — the
// user's names, language, role, link, disabling, the municipality, the
// second factor — counts the stamp up in its own transaction (migration
// 0027_stamps), so the next page reads the account afresh.
#include <cppunit/extensions/HelperMacros.h>

#include "db_fixture.h"
#include "repo/sessions.h"
#include "util/clock.h"

using namespace ktk;

namespace {

db::Database& database() { return *test::dbWorld().db; }

std::string start(std::uint64_t userId) {
    return database().transact([&](db::Tx& tx) { return repo::createSession(tx, userId, util::now()); });
}

std::optional<repo::Session> load(repo::KeptAccounts& kept, const std::string& id) {
    return database().autocommit([&](db::Tx& tx) { return repo::loadSession(tx, id, util::now(), &kept); });
}

std::int64_t stamp(const std::string& id) {
    return test::count("SELECT account_stamp FROM sessions WHERE id_hash = '" + repo::sessionIdHash(id) + "'");
}

std::string user(std::uint64_t id) { return " WHERE id = " + std::to_string(id); }

}  // namespace

class SessionStampsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SessionStampsTest);
    CPPUNIT_TEST(testAKeptAccountServesWhileTheStampStands);
    CPPUNIT_TEST(testEveryChangeTheLookupReadsIsSeenAtOnce);
    CPPUNIT_TEST(testAChangeTheLookupDoesNotReadMovesNoStamp);
    CPPUNIT_TEST(testADisabledAccountOrEndedSessionIsNotServedFromMemory);
    CPPUNIT_TEST(testAnIdleSessionEndsThoughItsAccountIsKept);
    CPPUNIT_TEST(testAClerkSeesTheOfficeAndItsApplicationsCounterAtOnce);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAKeptAccountServesWhileTheStampStands() {
        const test::TestAccount a = test::makeAccount();
        const std::string id = start(a.id);
        repo::KeptAccounts kept(repo::kKeptAccounts);
        CPPUNIT_ASSERT(load(kept, id));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), kept.size());
        // The stamp is what guards the kept copy: a change made with the
        // stamp put back (as no write path can) is not seen …
        test::adminSql("UPDATE users SET last_name = 'Régi'" + user(a.id));
        test::adminSql("UPDATE sessions SET account_stamp = account_stamp - 1 WHERE user_id = " + std::to_string(a.id));
        const std::string before = load(kept, id)->user.lastName;
        CPPUNIT_ASSERT(before != "Régi");
        // … and with it counted up, it is.
        test::adminSql("UPDATE users SET last_name = 'Új'" + user(a.id));
        CPPUNIT_ASSERT_EQUAL(std::string("Új"), load(kept, id)->user.lastName);
    }

    void testEveryChangeTheLookupReadsIsSeenAtOnce() {
        const test::TestAccount a = test::makeAccount();
        const std::string id = start(a.id);
        repo::KeptAccounts kept(repo::kKeptAccounts);
        auto seen = [&] { return load(kept, id)->user; };
        seen();
        test::adminSql("UPDATE users SET first_name = 'Ilona', email = 'ilona@example.test'" + user(a.id));
        CPPUNIT_ASSERT_EQUAL(std::string("Ilona"), seen().firstName);
        CPPUNIT_ASSERT_EQUAL(std::string("ilona@example.test"), seen().email);
        test::adminSql("UPDATE users SET language = 'en'" + user(a.id));
        CPPUNIT_ASSERT(seen().language == domain::Lang::En);
        const std::uint64_t m = test::makeMunicipality("Tízedik Község Önkormányzata", "15730020-2-13", test::testOfficeId());
        test::adminSql("UPDATE users SET municipality_id = " + std::to_string(m) + user(a.id));
        CPPUNIT_ASSERT_EQUAL(m, seen().municipality->id);
        test::adminSql("UPDATE municipalities SET name = 'Tízedik Község' WHERE id = " + std::to_string(m));
        CPPUNIT_ASSERT_EQUAL(std::string("Tízedik Község"), seen().municipality->name);
        // A new application moves the list's counter, which the home page reads here.
        const std::uint64_t version = seen().municipality->applicationsVersion;
        test::adminSql("INSERT INTO applications (municipality_id, state, version, title, headcount, created_at, updated_at)"
                       " VALUES (" + std::to_string(m) + ", 'draft', 1, 'Új', 0, UTC_TIMESTAMP(), UTC_TIMESTAMP())");
        CPPUNIT_ASSERT_EQUAL(version + 1, seen().municipality->applicationsVersion);
        test::adminSql("UPDATE users SET municipality_id = NULL" + user(a.id));
        CPPUNIT_ASSERT(!seen().municipality);
        CPPUNIT_ASSERT(!seen().secondFactorOn);
        test::adminSql("INSERT INTO user_totp (user_id, secret_sealed, kek_id, created_at) VALUES (" +
                       std::to_string(a.id) + ", 'x', '0000000000000000', UTC_TIMESTAMP())");
        CPPUNIT_ASSERT(!seen().secondFactorOn);
        test::adminSql("UPDATE user_totp SET confirmed_at = UTC_TIMESTAMP() WHERE user_id = " + std::to_string(a.id));
        CPPUNIT_ASSERT(seen().secondFactorOn);
        test::adminSql("DELETE FROM user_totp WHERE user_id = " + std::to_string(a.id));
        CPPUNIT_ASSERT(!seen().secondFactorOn);
        test::adminSql("UPDATE users SET role = 'clerk', office_id = " + std::to_string(test::testOfficeId()) + user(a.id));
        CPPUNIT_ASSERT(seen().clerk);
        CPPUNIT_ASSERT_EQUAL(test::testOfficeId(), seen().officeId.value_or(0));
    }

    void testAChangeTheLookupDoesNotReadMovesNoStamp() {
        const test::TestAccount a = test::makeAccount();
        const std::string id = start(a.id);
        const std::int64_t before = stamp(id);
        test::adminSql("UPDATE users SET phone = '+36201234567'" + user(a.id));
        test::adminSql("INSERT INTO user_totp (user_id, secret_sealed, kek_id, created_at, confirmed_at) VALUES (" +
                       std::to_string(a.id) + ", 'x', '0000000000000000', UTC_TIMESTAMP(), UTC_TIMESTAMP())");
        CPPUNIT_ASSERT_EQUAL(before + 1, stamp(id));
        test::adminSql("UPDATE user_totp SET last_step = last_step + 1 WHERE user_id = " + std::to_string(a.id));
        CPPUNIT_ASSERT_EQUAL(before + 1, stamp(id));
    }

    void testADisabledAccountOrEndedSessionIsNotServedFromMemory() {
        const test::TestAccount a = test::makeAccount();
        const std::string id = start(a.id), other = start(a.id);
        repo::KeptAccounts kept(repo::kKeptAccounts);
        CPPUNIT_ASSERT(load(kept, id));
        CPPUNIT_ASSERT(load(kept, other));
        test::adminSql("DELETE FROM sessions WHERE id_hash = '" + repo::sessionIdHash(other) + "'");
        CPPUNIT_ASSERT(!load(kept, other));
        test::adminSql("UPDATE users SET disabled_at = UTC_TIMESTAMP()" + user(a.id));
        CPPUNIT_ASSERT(!load(kept, id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM sessions WHERE user_id = " + std::to_string(a.id)));
    }

    void testAnIdleSessionEndsThoughItsAccountIsKept() {
        const test::TestAccount a = test::makeAccount();
        const std::string id = start(a.id);
        repo::KeptAccounts kept(repo::kKeptAccounts);
        CPPUNIT_ASSERT(load(kept, id));
        test::adminSql("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 31 MINUTE WHERE id_hash = '" +
                       repo::sessionIdHash(id) + "'");
        CPPUNIT_ASSERT(!load(kept, id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM sessions WHERE id_hash = '" +
                                                          repo::sessionIdHash(id) + "'"));
    }

    void testAClerkSeesTheOfficeAndItsApplicationsCounterAtOnce() {
        const std::uint64_t office = test::makeOffice("Stamp Járási Hivatal", "14");
        const std::uint64_t other = test::makeOffice("Másik Járási Hivatal", "15");
        const std::uint64_t m = test::makeMunicipality("Tizennegyedik Község", "15730040-2-14", office);
        test::AccountSpec spec;
        spec.role = test::Role::Clerk;
        spec.office = office;
        const test::TestAccount clerk = test::makeAccount(spec);
        const std::string id = start(clerk.id);
        repo::KeptAccounts kept(repo::kKeptAccounts);
        auto seen = [&] { return load(kept, id)->user; };
        CPPUNIT_ASSERT_EQUAL(std::string("Stamp Járási Hivatal"), seen().officeName);
        test::adminSql("UPDATE district_offices SET name = 'Bélyeg Járási Hivatal' WHERE id = " + std::to_string(office));
        CPPUNIT_ASSERT_EQUAL(std::string("Bélyeg Járási Hivatal"), seen().officeName);
        // Each change of one of its municipalities' applications, names or
        // tax numbers counts the office up; another office's does not.
        std::uint64_t version = seen().officeApplicationsVersion;
        test::adminSql("INSERT INTO applications (municipality_id, state, version, title, headcount, created_at,"
                       " updated_at) VALUES (" + std::to_string(m) + ", 'draft', 1, 'Hivatali', 0, UTC_TIMESTAMP(),"
                       " UTC_TIMESTAMP())");
        CPPUNIT_ASSERT_EQUAL(version + 1, seen().officeApplicationsVersion);
        test::adminSql("UPDATE municipalities SET name = 'Tizennegyedik Nagyközség' WHERE id = " + std::to_string(m));
        CPPUNIT_ASSERT_EQUAL(version + 2, seen().officeApplicationsVersion);
        const std::int64_t otherBefore =
            test::count("SELECT applications_version FROM district_offices WHERE id = " + std::to_string(other));
        test::adminSql("UPDATE municipalities SET office_id = " + std::to_string(other) + " WHERE id = " + std::to_string(m));
        CPPUNIT_ASSERT_EQUAL(version + 3, seen().officeApplicationsVersion);
        CPPUNIT_ASSERT_EQUAL(otherBefore + 1,
                             test::count("SELECT applications_version FROM district_offices WHERE id = " + std::to_string(other)));
        test::adminSql("INSERT INTO applications (municipality_id, state, version, title, headcount, created_at,"
                       " updated_at) VALUES (" + std::to_string(m) + ", 'draft', 1, 'Máshol', 0, UTC_TIMESTAMP(),"
                       " UTC_TIMESTAMP())");
        CPPUNIT_ASSERT_EQUAL(version + 3, seen().officeApplicationsVersion);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SessionStampsTest);
