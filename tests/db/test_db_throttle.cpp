// The login throttle on the real tables: every failed password check of an
// account counts (login form and Security tab alike), delays from the
// fifth, locks from the tenth, is forgotten after 12 quiet hours or a
// correct password, and a locked account is refused without being counted.
// Device cookies: a browser that logged in before is not held back by a
// lock others caused; its own wrong passwords revoke its cookie at ten.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

#include "db_fixture.h"
#include "login/login_handler.h"
#include "repo/login_devices.h"
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

const service::DeviceTokens& devices() {
    static const service::DeviceTokens d(test::dbWorld().config.secrets);
    return d;
}

service::LoginResult logIn(const test::TestAccount& a, const std::string& password,
                           const std::string& deviceToken = "") {
    return service::authenticate(database(), test::dbWorld().config, *test::dbWorld().views, devices(), {a.email, password, "192.0.2.9", "", deviceToken, ""});
}

// An attacker's ten wrong passwords from browsers without the device cookie.
void lockOut(const test::TestAccount& a) {
    for (int i = 0; i < 10; ++i) fail(a.id, util::now());
}

std::int64_t auditedWithPath(const std::string& action, std::uint64_t userId, const std::string& path) {
    return test::count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "' AND target_user_id = " +
                       std::to_string(userId) + " AND JSON_VALUE(after_value, '$.path') = '" + path + "'");
}

web::Routes loginRoute() {
    web::Routes r;
    r.push_back({"/login", web::Access::Anyone, std::make_unique<login::LoginHandler>(test::dbWorld().config)});
    return r;
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
    CPPUNIT_TEST(testTheOwnersBrowserLogsInThroughALockOthersCaused);
    CPPUNIT_TEST(testADevicesOwnWrongPasswordsRevokeItAtTenWithoutLockingTheAccount);
    CPPUNIT_TEST(testOnlyAValidDeviceTokenOfTheSameAccountIsTrusted);
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

    // Through the login form: the cookie is set on success, and presented
    // by the same browser later.
    void testTheOwnersBrowserLogsInThroughALockOthersCaused() {
        test::TestAccount a = test::makeAccount();
        web::Routes routes = loginRoute();
        test::Browser owner, fresh;
        web::Response first = test::post(routes, owner, "/login", {{"email", a.email}, {"password", a.password}});
        CPPUNIT_ASSERT_EQUAL(std::string("/home"), test::location(first));
        CPPUNIT_ASSERT(!owner.cookie("ktk_device").empty());
        bool strict = false;
        for (const web::Cookie& c : first.cookies)
            if (c.name == "ktk_device")
                strict = c.serialize().find("; Max-Age=15552000; HttpOnly; SameSite=Strict") != std::string::npos;
        CPPUNIT_ASSERT(strict);
        owner.cookies.erase(std::remove_if(owner.cookies.begin(), owner.cookies.end(),
                                           [](const auto& c) { return c.first == "ktk_session"; }),
                            owner.cookies.end());

        lockOut(a);
        web::Response held = test::post(routes, fresh, "/login", {{"email", a.email}, {"password", a.password}});
        CPPUNIT_ASSERT_EQUAL(200, held.status);
        CPPUNIT_ASSERT(fresh.cookie("ktk_device").empty());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), auditedWithPath("login.refused_locked", a.id, "untrusted"));

        web::Response in = test::post(routes, owner, "/login", {{"email", a.email}, {"password", a.password}});
        CPPUNIT_ASSERT_EQUAL(std::string("/home"), test::location(in));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), auditedWithPath("login.success", a.id, "device"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), auditedWithPath("login.success", a.id, "untrusted"));
        // The lock others caused still holds a fresh browser back.
        CPPUNIT_ASSERT(stored(a.id) && domain::throttleBlocks(*stored(a.id), util::now()));
        test::Browser another;
        CPPUNIT_ASSERT_EQUAL(200, test::post(routes, another, "/login",
                                             {{"email", a.email}, {"password", a.password}}).status);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), auditedWithPath("login.refused_locked", a.id, "untrusted"));
    }

    void testADevicesOwnWrongPasswordsRevokeItAtTenWithoutLockingTheAccount() {
        test::TestAccount a = test::makeAccount();
        const std::string token = logIn(a, a.password).deviceToken;
        CPPUNIT_ASSERT(!token.empty());
        for (int i = 0; i < 9; ++i)
            CPPUNIT_ASSERT(logIn(a, "Rossz-Jelszo-9", token).outcome == service::LoginOutcome::Invalid);
        CPPUNIT_ASSERT(!stored(a.id));  // the account counted nothing
        CPPUNIT_ASSERT_EQUAL(std::int64_t(9), auditedWithPath("login.failure", a.id, "device"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), audited("login.device_revoked", a.id));
        CPPUNIT_ASSERT(logIn(a, "Rossz-Jelszo-9", token).outcome == service::LoginOutcome::Invalid);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("login.device_revoked", a.id));
        // Revoked: the cookie is one more untrusted browser, held back by a lock.
        CPPUNIT_ASSERT(logIn(a, "Rossz-Jelszo-9", token).outcome == service::LoginOutcome::Invalid);
        CPPUNIT_ASSERT_EQUAL(1u, stored(a.id)->failures);
        lockOut(a);
        CPPUNIT_ASSERT(logIn(a, a.password, token).outcome == service::LoginOutcome::Invalid);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), auditedWithPath("login.refused_locked", a.id, "untrusted"));
    }

    void testOnlyAValidDeviceTokenOfTheSameAccountIsTrusted() {
        test::TestAccount a = test::makeAccount(), b = test::makeAccount();
        const std::string tokenOfB = logIn(b, b.password).deviceToken;
        std::string forged = logIn(a, a.password).deviceToken;
        forged[10] = forged[10] == 'A' ? 'B' : 'A';
        const service::DeviceTokens otherKey(std::vector<std::string>{"another secret of at least 32 characters"});
        const std::string wrongKey = otherKey.issue(a.id, util::now());
        const std::string expired = devices().issue(a.id, util::now() - service::kDeviceTokenMaxAge - 10);
        lockOut(a);
        for (const std::string& token : {tokenOfB, forged, wrongKey, expired, std::string("x")})
            CPPUNIT_ASSERT(logIn(a, a.password, token).outcome == service::LoginOutcome::Invalid);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), auditedWithPath("login.refused_locked", a.id, "untrusted"));
        CPPUNIT_ASSERT(devices().verify(devices().issue(a.id, util::now()), util::now())->userId == a.id);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ThrottleTest);
