// The login throttle on the real tables: every failed password check of an
// account counts (login form and Security tab alike), delays from the
// fifth, locks from the tenth, is forgotten after 12 quiet hours or a
// correct password, and a locked account is refused without being counted.
#include <cppunit/extensions/HelperMacros.h>

#include "db_fixture.h"
#include "repo/login_throttle.h"
#include "service/login.h"
#include "util/clock.h"

using namespace ktk;

namespace {

db::Database& database() { return *test::dbWorld().db; }

domain::ThrottleState fail(std::uint64_t userId, std::int64_t at) {
    return database().transact(
        [&](db::Tx& tx) { return service::recordPasswordFailure(tx, userId, at, "192.0.2.9", "wrong_password"); });
}

std::optional<domain::ThrottleState> stored(std::uint64_t userId) {
    return database().autocommit([&](db::Tx& tx) { return repo::loadThrottle(tx, userId, false); });
}

std::int64_t audited(const std::string& action, std::uint64_t userId) {
    return test::count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action +
                       "' AND target_user_id = " + std::to_string(userId));
}

service::LoginResult logIn(const test::TestAccount& a, const std::string& password) {
    return service::authenticate(database(), a.email, password, "192.0.2.9", "");
}

}  // namespace

class ThrottleTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ThrottleTest);
    CPPUNIT_TEST(testFailuresDelayFromTheFifthAndLockAtTheTenthAndAreAudited);
    CPPUNIT_TEST(testTwelveQuietHoursStartTheCountAgain);
    CPPUNIT_TEST(testAWrongPasswordAtTheLoginCountsOnce);
    CPPUNIT_TEST(testWhileLockedEvenTheRightPasswordIsRefusedAndNotCounted);
    CPPUNIT_TEST(testARightPasswordAfterTheLockClearsTheCount);
    CPPUNIT_TEST(testAnUnknownAddressLeavesNoThrottleBehind);
    CPPUNIT_TEST_SUITE_END();

public:
    void testFailuresDelayFromTheFifthAndLockAtTheTenthAndAreAudited() {
        test::TestAccount a = test::makeAccount();
        const std::int64_t t = util::now();
        for (unsigned i = 1; i <= 10; ++i) {
            domain::ThrottleState s = fail(a.id, t + i);
            CPPUNIT_ASSERT_EQUAL(i, s.failures);
            CPPUNIT_ASSERT_EQUAL(i < 5 ? std::int64_t(0) : t + i + domain::throttleWait(i), s.lockedUntil);
        }
        std::optional<domain::ThrottleState> s = stored(a.id);
        CPPUNIT_ASSERT(s);
        CPPUNIT_ASSERT_EQUAL(10u, s->failures);
        CPPUNIT_ASSERT_EQUAL(t + 10 + 60, s->lockedUntil);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10), audited("login.failure", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("login.locked", a.id));
    }

    void testTwelveQuietHoursStartTheCountAgain() {
        test::TestAccount a = test::makeAccount();
        const std::int64_t t = util::now() - 13 * 3600;
        for (int i = 0; i < 3; ++i) fail(a.id, t + i);
        CPPUNIT_ASSERT_EQUAL(1u, fail(a.id, t + 2 + domain::kThrottleQuietSeconds).failures);
        CPPUNIT_ASSERT_EQUAL(1u, stored(a.id)->failures);
    }

    void testAWrongPasswordAtTheLoginCountsOnce() {
        test::TestAccount a = test::makeAccount();
        CPPUNIT_ASSERT(logIn(a, "Rossz-Jelszo-1").outcome == service::LoginOutcome::Invalid);
        CPPUNIT_ASSERT_EQUAL(1u, stored(a.id)->failures);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("login.failure", a.id));
    }

    void testWhileLockedEvenTheRightPasswordIsRefusedAndNotCounted() {
        test::TestAccount a = test::makeAccount();
        const std::int64_t t = util::now();
        for (int i = 0; i < 10; ++i) fail(a.id, t);
        service::LoginResult r = logIn(a, a.password);
        CPPUNIT_ASSERT(r.outcome == service::LoginOutcome::Invalid);
        CPPUNIT_ASSERT(r.sessionId.empty());
        CPPUNIT_ASSERT_EQUAL(10u, stored(a.id)->failures);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("login.refused_locked", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM sessions WHERE user_id = " +
                                                          std::to_string(a.id)));
    }

    void testARightPasswordAfterTheLockClearsTheCount() {
        test::TestAccount a = test::makeAccount();
        const std::int64_t longAgo = util::now() - 120;  // the one-minute lock has run out
        for (int i = 0; i < 10; ++i) fail(a.id, longAgo);
        service::LoginResult r = logIn(a, a.password);
        CPPUNIT_ASSERT(r.outcome == service::LoginOutcome::Contact);
        CPPUNIT_ASSERT(!stored(a.id));
    }

    void testAnUnknownAddressLeavesNoThrottleBehind() {
        const std::int64_t before = test::count("SELECT COUNT(*) FROM login_throttle");
        test::TestAccount ghost;
        ghost.email = "nobody.here@example.hu";
        CPPUNIT_ASSERT(logIn(ghost, "Barmi-Jelszo-1").outcome == service::LoginOutcome::Invalid);
        CPPUNIT_ASSERT_EQUAL(before, test::count("SELECT COUNT(*) FROM login_throttle"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'login.failure'"
                                                          " AND target_user_id IS NULL AND after_value LIKE "
                                                          "'%nobody.here@example.hu%'"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ThrottleTest);
