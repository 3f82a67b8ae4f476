// A person's own sessions on the real tables (Security tab, "Where you
// are logged in"): the list holds only their live sessions with where
// each started, this one first; one of them or all the others can be
// ended, only ever their own, each audited; someone else's reference
// changes nothing.
#include <cppunit/extensions/HelperMacros.h>

#include "db_fixture.h"
#include "repo/sessions.h"
#include "service/own_sessions.h"
#include "util/clock.h"

using namespace ktk;

namespace {

db::Database& database() { return *test::dbWorld().db; }

const char* kFirefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const char* kSafari =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Mobile/15E148 Safari/604.1";

std::string start(std::uint64_t userId, const char* agent, const char* address, std::int64_t at = util::now()) {
    return database().transact(
        [&](db::Tx& tx) { return repo::createSession(tx, userId, at, {agent, address}); });
}

bool live(const std::string& id) {
    return database().transact([&](db::Tx& tx) { return repo::loadSession(tx, id, util::now()).has_value(); });
}

std::string hashOf(const std::string& id) { return repo::sessionIdHash(id); }
std::string refOf(const std::string& id) { return repo::sessionRef(hashOf(id)); }

std::int64_t audited(const std::string& action, std::uint64_t userId) {
    return test::count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action +
                       "' AND target_user_id = " + std::to_string(userId));
}

}  // namespace

class SessionsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SessionsTest);
    CPPUNIT_TEST(testListHasOwnLiveSessionsWithOriginThisOneFirst);
    CPPUNIT_TEST(testReferenceIsNeitherTheKeyNorTheCookie);
    CPPUNIT_TEST(testOneSessionIsEndedAndAudited);
    CPPUNIT_TEST(testTheCurrentSessionCanBeEndedToo);
    CPPUNIT_TEST(testSomeoneElsesOrMadeUpReferenceChangesNothing);
    CPPUNIT_TEST(testEverywhereElseKeepsTheCurrentAndOthersAccounts);
    CPPUNIT_TEST(testTheSingleSignOnTriggersAreStillThere);
    CPPUNIT_TEST_SUITE_END();

public:
    void testListHasOwnLiveSessionsWithOriginThisOneFirst() {
        const test::TestAccount me = test::makeAccount();
        const test::TestAccount other = test::makeAccount();
        const std::int64_t now = util::now();
        const std::string old = start(me.id, kSafari, "2001:db8::7", now - 600);
        const std::string here = start(me.id, kFirefox, "192.0.2.1", now - 1200);
        start(other.id, kFirefox, "198.51.100.9");
        // Expired: idle too long, and past the absolute limit.
        database().transact([&](db::Tx& tx) {
            tx.update("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
                      std::string(64, 'a'), me.id, util::sqlTime(now - 4000), util::sqlTime(now - 3000));
            tx.update("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
                      std::string(64, 'b'), me.id, util::sqlTime(now - 13 * 3600), util::sqlTime(now - 10));
        });
        const std::vector<service::OwnSession> list = service::listOwnSessions(database(), me.id, hashOf(here));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), list.size());
        CPPUNIT_ASSERT(list[0].current);
        CPPUNIT_ASSERT_EQUAL(refOf(here), list[0].ref);
        CPPUNIT_ASSERT_EQUAL(std::string(kFirefox), list[0].userAgent);
        CPPUNIT_ASSERT_EQUAL(std::string("192.0.2.1"), list[0].clientAddress);
        CPPUNIT_ASSERT_EQUAL(now - 1200, list[0].createdAt);
        CPPUNIT_ASSERT(!list[1].current);
        CPPUNIT_ASSERT_EQUAL(refOf(old), list[1].ref);
        CPPUNIT_ASSERT_EQUAL(std::string("2001:db8::7"), list[1].clientAddress);
        CPPUNIT_ASSERT_EQUAL(now - 600, list[1].lastSeenAt);
    }
    void testReferenceIsNeitherTheKeyNorTheCookie() {
        const test::TestAccount me = test::makeAccount();
        const std::string id = start(me.id, kFirefox, "192.0.2.1");
        const std::string ref = refOf(id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(32), ref.size());
        CPPUNIT_ASSERT(hashOf(id).find(ref) == std::string::npos);
        CPPUNIT_ASSERT(id.find(ref) == std::string::npos);
        // The key or the cookie itself is no reference.
        CPPUNIT_ASSERT(service::revokeOwnSession(database(), me.id, hashOf(id), "", "192.0.2.1") ==
                       service::RevokeOutcome::NotFound);
        CPPUNIT_ASSERT(service::revokeOwnSession(database(), me.id, id, "", "192.0.2.1") ==
                       service::RevokeOutcome::NotFound);
        CPPUNIT_ASSERT(live(id));
    }
    void testOneSessionIsEndedAndAudited() {
        const test::TestAccount me = test::makeAccount();
        const std::string here = start(me.id, kFirefox, "192.0.2.1");
        const std::string phone = start(me.id, kSafari, "192.0.2.2");
        CPPUNIT_ASSERT(service::revokeOwnSession(database(), me.id, refOf(phone), hashOf(here), "192.0.2.1") ==
                       service::RevokeOutcome::Revoked);
        CPPUNIT_ASSERT(!live(phone));
        CPPUNIT_ASSERT(live(here));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("session.revoked", me.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'session.revoked' AND "
                                         "actor_user_id = " + std::to_string(me.id) +
                                         " AND JSON_VALUE(after_value, '$.browser') = 'Safari'"
                                         " AND JSON_VALUE(after_value, '$.platform') = 'iPhone'"));
        // Once ended, the same reference finds nothing.
        CPPUNIT_ASSERT(service::revokeOwnSession(database(), me.id, refOf(phone), hashOf(here), "192.0.2.1") ==
                       service::RevokeOutcome::NotFound);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("session.revoked", me.id));
    }
    void testTheCurrentSessionCanBeEndedToo() {
        const test::TestAccount me = test::makeAccount();
        const std::string here = start(me.id, kFirefox, "192.0.2.1");
        CPPUNIT_ASSERT(service::revokeOwnSession(database(), me.id, refOf(here), hashOf(here), "192.0.2.1") ==
                       service::RevokeOutcome::RevokedCurrent);
        CPPUNIT_ASSERT(!live(here));
    }
    void testSomeoneElsesOrMadeUpReferenceChangesNothing() {
        const test::TestAccount me = test::makeAccount();
        const test::TestAccount victim = test::makeAccount();
        const std::string here = start(me.id, kFirefox, "192.0.2.1");
        const std::string theirs = start(victim.id, kSafari, "192.0.2.3");
        for (const std::string& ref : {refOf(theirs), std::string(32, '0'), std::string(), std::string("x"),
                                       refOf(theirs) + "00", std::string(32, '\'')})
            CPPUNIT_ASSERT(service::revokeOwnSession(database(), me.id, ref, hashOf(here), "192.0.2.1") ==
                           service::RevokeOutcome::NotFound);
        CPPUNIT_ASSERT(live(theirs));
        CPPUNIT_ASSERT(live(here));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), audited("session.revoked", me.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), audited("session.revoked", victim.id));
    }
    void testEverywhereElseKeepsTheCurrentAndOthersAccounts() {
        const test::TestAccount me = test::makeAccount();
        const test::TestAccount other = test::makeAccount();
        const std::string here = start(me.id, kFirefox, "192.0.2.1");
        const std::string a = start(me.id, kSafari, "192.0.2.2");
        const std::string b = start(me.id, "curl/8.5.0", "192.0.2.3");
        const std::string theirs = start(other.id, kFirefox, "192.0.2.4");
        CPPUNIT_ASSERT_EQUAL(2, service::revokeOtherSessions(database(), me.id, hashOf(here), "192.0.2.1"));
        CPPUNIT_ASSERT(live(here));
        CPPUNIT_ASSERT(!live(a));
        CPPUNIT_ASSERT(!live(b));
        CPPUNIT_ASSERT(live(theirs));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'session.revoked_others' AND "
                                         "target_user_id = " + std::to_string(me.id) +
                                         " AND JSON_VALUE(after_value, '$.sessions_ended') = 2"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), service::listOwnSessions(database(), me.id, hashOf(here)).size());
    }
    void testTheSingleSignOnTriggersAreStillThere() {
        // The columns added here leave the single-sign-on triggers in place:
        // the sid kept from the start, the tokens' end, the back-channel queue.
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), test::count("SELECT COUNT(*) FROM information_schema.triggers WHERE "
                                                          "event_object_schema = DATABASE() AND "
                                                          "event_object_table = 'sessions' AND trigger_name IN "
                                                          "('sessions_start_sid', 'sessions_end_oidc_tokens', "
                                                          "'sessions_end_oidc_logout')"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SessionsTest);
