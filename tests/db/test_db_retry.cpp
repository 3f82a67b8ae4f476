// A unit of work that db::Database runs a second time (after a deadlock or
// a lost connection) must leave the browser with the session that was
// committed. Each test forces one retry at the audit row that ends the
// unit of work, through the real request loop and the real handlers.
#include <cppunit/extensions/HelperMacros.h>

#include "crypto/random.h"
#include "db_fixture.h"
#include "domain/password_policy.h"
#include "login/login_handler.h"
#include "password/password_handler.h"
#include "profile/profile_handler.h"
#include "repo/sessions.h"
#include "util/clock.h"

using namespace ktk;
using test::Browser;

namespace {

constexpr const char* kNewPassword = "Uj-biztos-jelszo-77";

web::Routes routes() {
    auto common = std::make_shared<const domain::CommonPasswords>(domain::CommonPasswords::fromText("jelszo123\n"));
    web::Routes r;
    r.push_back({"/login", web::Access::Anyone, std::make_unique<login::LoginHandler>(test::dbWorld().config)});
    r.push_back({"/home", web::Access::Contact, std::make_unique<login::HomeHandler>()});
    r.push_back({"/profile/security", web::Access::User, std::make_unique<profile::SecurityHandler>(common)});
    r.push_back({"/password/reset", web::Access::Anyone, std::make_unique<password::ResetHandler>(common)});
    return r;
}

std::string sessionsOf(std::uint64_t userId) { return "SELECT COUNT(*) FROM sessions WHERE user_id = " + std::to_string(userId); }

bool stored(const std::string& sessionId) {
    return test::count("SELECT COUNT(*) FROM sessions WHERE id_hash = '" + repo::sessionIdHash(sessionId) + "'") == 1;
}

std::int64_t audited(const std::string& action, std::uint64_t userId) {
    return test::count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action +
                       "' AND target_user_id = " + std::to_string(userId));
}

std::int64_t faultsLeft() { return test::count("SELECT COUNT(*) FROM test_faults"); }

void logIn(const web::Routes& r, Browser& b, const test::TestAccount& a) {
    web::Response res = test::post(r, b, "/login", {{"email", a.email}, {"password", a.password}});
    CPPUNIT_ASSERT_EQUAL(std::string("/home"), test::location(res));
}

}  // namespace

class RetryTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RetryTest);
    CPPUNIT_TEST(testARetriedLoginLeavesOneSessionTheCookiesAndEndsTheEarlierOne);
    CPPUNIT_TEST(testARetriedPasswordChangeKeepsTheUserLoggedInUnderTheRenewedId);
    CPPUNIT_TEST(testARetriedResetEndsEverySessionUsesTheLinkOnceAndMailsOnce);
    CPPUNIT_TEST(testAConnectionLostBeforeItsCommitIsUnavailableNotDone);
    CPPUNIT_TEST_SUITE_END();

public:
    // The connection ends after the unit of work's last statement and
    // before its COMMIT: the caller must hear that the database is
    // unavailable (the 503 page), not that the work was done, and the work
    // is not run again (whether a lost COMMIT committed is unknown).
    void testAConnectionLostBeforeItsCommitIsUnavailableNotDone() {
        db::Database& db = *test::dbWorld().db;
        const std::string email = "lost-commit-" + crypto::randomToken().substr(0, 12) + "@example.hu";
        int runs = 0;
        CPPUNIT_ASSERT_THROW(db.transact([&](db::Tx& tx) {
            ++runs;
            tx.update("INSERT INTO users (email, email_key, password_hash, last_name, first_name, phone, language, "
                      "role, created_at) VALUES (?, ?, 'x', 'Teszt', 'Elek', '+36301234567', 'hu', 'contact', "
                      "UTC_TIMESTAMP())",
                      email, email);
            db::Row r = tx.query("SELECT CONNECTION_ID()");
            CPPUNIT_ASSERT(r->next());
            test::adminSql("KILL CONNECTION " + std::to_string(r->getUInt64(1)));
        }),
                             db::Unavailable);
        CPPUNIT_ASSERT_EQUAL(1, runs);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM users WHERE email_key = '" + email + "'"));
        CPPUNIT_ASSERT(db.healthy());  // the next unit of work connects again
    }

    void testARetriedLoginLeavesOneSessionTheCookiesAndEndsTheEarlierOne() {
        web::Routes r = routes();
        test::TestAccount a = test::makeAccount();
        Browser b;
        logIn(r, b, a);
        const std::string earlier = b.cookie("ktk_session");
        CPPUNIT_ASSERT(stored(earlier));

        test::failOnceAtAudit("login.success");
        logIn(r, b, a);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), faultsLeft());  // the fault fired: the login ran twice

        const std::string now = b.cookie("ktk_session");
        CPPUNIT_ASSERT(now != earlier);
        CPPUNIT_ASSERT(stored(now));
        CPPUNIT_ASSERT(!stored(earlier));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count(sessionsOf(a.id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), audited("login.success", a.id));
        CPPUNIT_ASSERT_EQUAL(200, test::get(r, b, "/home").status);
    }

    void testARetriedPasswordChangeKeepsTheUserLoggedInUnderTheRenewedId() {
        web::Routes r = routes();
        test::TestAccount a = test::makeAccount();
        Browser b, other;
        logIn(r, b, a);
        logIn(r, other, a);
        const std::string before = b.cookie("ktk_session");

        test::failOnceAtAudit("password.changed");
        web::Response res = test::post(r, b, "/profile/security",
                                       {{"current_password", a.password},
                                        {"password", kNewPassword},
                                        {"password_confirm", kNewPassword}});
        CPPUNIT_ASSERT_EQUAL(std::string("/profile/security?changed=1"), test::location(res));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), faultsLeft());

        const std::string after = b.cookie("ktk_session");
        CPPUNIT_ASSERT(after != before);
        CPPUNIT_ASSERT(stored(after));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count(sessionsOf(a.id)));  // the other browser's ended
        CPPUNIT_ASSERT_EQUAL(200, test::get(r, b, "/profile/security").status);
        CPPUNIT_ASSERT_EQUAL(std::string("/login?expired=1"), test::location(test::get(r, other, "/profile/security")));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("password.changed", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             test::count("SELECT COUNT(*) FROM mail_queue WHERE kind = 'password_changed' AND recipient = '" +
                                         a.email + "'"));
    }

    void testARetriedResetEndsEverySessionUsesTheLinkOnceAndMailsOnce() {
        web::Routes r = routes();
        test::TestAccount a = test::makeAccount();
        Browser loggedIn, resetter;
        logIn(r, loggedIn, a);
        const std::string token = crypto::randomToken();
        test::adminSql("INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (" +
                       std::to_string(a.id) + ", '" + crypto::sha256Hex(token) + "', '" +
                       util::sqlTime(util::now()) + "', '" + util::sqlTime(util::now() + 3600) + "')");

        test::failOnceAtAudit("password.reset_completed");
        web::Response res = test::post(r, resetter, "/password/reset",
                                       {{"token", token}, {"password", kNewPassword}, {"password_confirm", kNewPassword}});
        CPPUNIT_ASSERT_EQUAL(std::string("/login?password_reset=1"), test::location(res));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), faultsLeft());

        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count(sessionsOf(a.id)));
        CPPUNIT_ASSERT(resetter.cookie("ktk_session").empty());  // a reset logs nobody in
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("password.reset_completed", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             test::count("SELECT COUNT(*) FROM password_resets WHERE used_at IS NOT NULL AND user_id = " +
                                         std::to_string(a.id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             test::count("SELECT COUNT(*) FROM mail_queue WHERE kind = 'password_changed' AND recipient = '" +
                                         a.email + "'"));
        test::TestAccount renewed = a;
        renewed.password = kNewPassword;
        Browser fresh;
        logIn(r, fresh, renewed);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RetryTest);
