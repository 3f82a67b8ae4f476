// Address changes (service/email_change.h, repo/email_changes.h) on real
// tables: only the link changes the address, and once; the unique key
// decides when the address was taken meanwhile and nothing changes then;
// sessions, device cookies and reset links go with a change; the cancel
// link stops a pending change and switches a confirmed one back.
#include <cppunit/extensions/HelperMacros.h>

#include <cctype>

#include "crypto/random.h"
#include "db_fixture.h"
#include "domain/email.h"
#include "repo/email_changes.h"
#include "repo/login_devices.h"
#include "repo/one_time_links.h"
#include "service/device_token.h"
#include "service/email_change.h"
#include "service/login.h"
#include "util/clock.h"

using namespace ktk;

namespace {

db::Database& database() { return *test::dbWorld().db; }

std::string fresh(const std::string& tag) { return tag + "." + crypto::randomHex(5) + "@example.org"; }

// A request of the account to `to`, made as the service makes it; its tokens.
repo::EmailChangeTokens request(const test::TestAccount& a, const std::string& to) {
    return database().transact([&](db::Tx& tx) {
        return repo::createEmailChange(tx, {a.id, a.id, a.email, domain::emailKey(a.email), to, domain::emailKey(to)},
                                       util::now(), service::kEmailChangeLifetime);
    });
}

service::EmailConfirmOutcome confirm(const std::string& token) {
    test::World& w = test::dbWorld();
    return service::confirmEmailChange(database(), w.config, *w.views, token, "", std::nullopt, "192.0.2.1").outcome;
}

service::EmailCancelOutcome cancel(const std::string& token) {
    test::World& w = test::dbWorld();
    return service::cancelEmailChange(database(), w.config, *w.views, token, "192.0.2.1");
}

std::string emailOf(std::uint64_t id) {
    return test::rows("SELECT email FROM users WHERE id = " + std::to_string(id)).at(0).at(0);
}

std::int64_t sessionsOf(std::uint64_t id) {
    return test::count("SELECT COUNT(*) FROM sessions WHERE user_id = " + std::to_string(id));
}

std::int64_t mails(const std::string& to, const char* kind) {
    return test::count("SELECT COUNT(*) FROM mail_queue WHERE kind = '" + std::string(kind) + "' AND recipient = '" +
                       to + "'");
}

const service::DeviceTokens& devices() {
    static const service::DeviceTokens d(test::dbWorld().config.secrets);
    return d;
}

service::LoginResult logIn(const std::string& email, const std::string& password, const std::string& device) {
    return service::authenticate(database(), test::dbWorld().config, *test::dbWorld().views, devices(), {email, password, "192.0.2.9", "", device, ""});
}

void lockOut(std::uint64_t userId) {
    for (int i = 0; i < 10; ++i)
        database().transact([&](db::Tx& tx) {
            service::recordPasswordFailure(tx, userId, util::now(), "192.0.2.9", "wrong_password");
        });
}

}  // namespace

class EmailChangeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EmailChangeTest);
    CPPUNIT_TEST(testOnlyHashesAreStoredAndALookIsNotAUse);
    CPPUNIT_TEST(testTheLinkChangesTheAddressOnceEndsSessionsAndRevokesDevices);
    CPPUNIT_TEST(testAnAddressTakenMeanwhileChangesNothing);
    CPPUNIT_TEST(testCancellingAPendingChange);
    CPPUNIT_TEST(testSwitchingBackAfterTheChangeEndsEverySession);
    CPPUNIT_TEST(testWhatIsNotATokenIsUnknown);
    CPPUNIT_TEST(testAChangeRevokesTheDeviceCookies);
    CPPUNIT_TEST(testALaterChangeLeavesTheOldOwnersWayBack);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOnlyHashesAreStoredAndALookIsNotAUse() {
        test::TestAccount a = test::makeAccount();
        const repo::EmailChangeTokens t = request(a, fresh("new"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM email_changes WHERE confirm_hash = '" +
                                                              t.confirm + "' OR cancel_hash = '" + t.cancel + "'"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM email_changes WHERE confirm_hash = '" +
                                                              crypto::sha256Hex(t.confirm) + "'"));
        for (int i = 0; i < 2; ++i)
            CPPUNIT_ASSERT(service::inspectEmailConfirmLink(database(), t.confirm).state ==
                           service::EmailLinkState::Pending);
        CPPUNIT_ASSERT_EQUAL(a.email, emailOf(a.id));
    }

    void testTheLinkChangesTheAddressOnceEndsSessionsAndRevokesDevices() {
        test::TestAccount a = test::makeAccount();
        const std::string to = fresh("new");
        test::loggedIn(a.id);
        test::loggedIn(a.id);
        const std::string reset = database().transact(
            [&](db::Tx& tx) { return repo::createLink<repo::PasswordResetLinks>(tx, a.id, util::now(), 3600); });
        const std::int64_t issued = util::now() - 10;
        const repo::EmailChangeTokens t = request(a, to);
        CPPUNIT_ASSERT(database().autocommit([&](db::Tx& tx) { return !repo::deviceRevoked(tx, a.id, issued); }));

        CPPUNIT_ASSERT(confirm(t.confirm) == service::EmailConfirmOutcome::Changed);
        CPPUNIT_ASSERT_EQUAL(to, emailOf(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), sessionsOf(a.id));
        CPPUNIT_ASSERT(database().autocommit([&](db::Tx& tx) { return repo::deviceRevoked(tx, a.id, issued); }));
        CPPUNIT_ASSERT(database().autocommit(
            [&](db::Tx& tx) { return repo::inspectLink<repo::PasswordResetLinks>(tx, reset, util::now()).state; }) ==
            repo::LinkState::Used);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mails(to, service::kEmailChangedMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mails(a.email, service::kEmailChangedMailKind));

        CPPUNIT_ASSERT(confirm(t.confirm) == service::EmailConfirmOutcome::Used);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mails(to, service::kEmailChangedMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'email.changed'"
                                                          " AND target_user_id = " + std::to_string(a.id)));
    }

    void testAnAddressTakenMeanwhileChangesNothing() {
        test::TestAccount a = test::makeAccount();
        test::TestAccount b = test::makeAccount();
        test::loggedIn(a.id);
        // The request names b's address in other letters: the key is the same.
        std::string upper = b.email;
        for (char& ch : upper) ch = char(std::toupper(static_cast<unsigned char>(ch)));
        const repo::EmailChangeTokens t = request(a, upper);
        CPPUNIT_ASSERT(confirm(t.confirm) == service::EmailConfirmOutcome::AddressTaken);
        CPPUNIT_ASSERT_EQUAL(a.email, emailOf(a.id));
        CPPUNIT_ASSERT_EQUAL(b.email, emailOf(b.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), sessionsOf(a.id));
        CPPUNIT_ASSERT(service::inspectEmailConfirmLink(database(), t.confirm).state ==
                       service::EmailLinkState::Pending);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM users WHERE email_key = '" +
                                                          domain::emailKey(b.email) + "'"));
    }

    void testCancellingAPendingChange() {
        test::TestAccount a = test::makeAccount();
        test::loggedIn(a.id);
        const repo::EmailChangeTokens t = request(a, fresh("new"));
        CPPUNIT_ASSERT(service::inspectEmailCancelLink(database(), t.cancel).state == service::EmailLinkState::Pending);
        CPPUNIT_ASSERT(cancel(t.cancel) == service::EmailCancelOutcome::Cancelled);
        CPPUNIT_ASSERT(cancel(t.cancel) == service::EmailCancelOutcome::Used);
        CPPUNIT_ASSERT(confirm(t.confirm) == service::EmailConfirmOutcome::Used);
        CPPUNIT_ASSERT_EQUAL(a.email, emailOf(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), sessionsOf(a.id));
    }

    void testSwitchingBackAfterTheChangeEndsEverySession() {
        test::TestAccount a = test::makeAccount();
        const std::string to = fresh("new");
        const repo::EmailChangeTokens t = request(a, to);
        CPPUNIT_ASSERT(confirm(t.confirm) == service::EmailConfirmOutcome::Changed);
        test::loggedIn(a.id);  // logged in with the new address
        CPPUNIT_ASSERT(service::inspectEmailCancelLink(database(), t.cancel).state ==
                       service::EmailLinkState::Confirmed);
        CPPUNIT_ASSERT(cancel(t.cancel) == service::EmailCancelOutcome::Reverted);
        CPPUNIT_ASSERT_EQUAL(a.email, emailOf(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), sessionsOf(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mails(a.email, service::kEmailChangeRevertedMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mails(to, service::kEmailChangeRevertedMailKind));
        CPPUNIT_ASSERT(cancel(t.cancel) == service::EmailCancelOutcome::Used);
    }

    void testWhatIsNotATokenIsUnknown() {
        for (const std::string& token : {std::string(), std::string("x"), std::string(43, 'x'), crypto::randomToken()}) {
            CPPUNIT_ASSERT(confirm(token) == service::EmailConfirmOutcome::Unknown);
            CPPUNIT_ASSERT(cancel(token) == service::EmailCancelOutcome::Unknown);
            CPPUNIT_ASSERT(service::inspectEmailCancelLink(database(), token).state ==
                           service::EmailLinkState::Unknown);
        }
    }

    // A browser that logged in before the change is no longer let through
    // a lock by its device cookie.
    void testAChangeRevokesTheDeviceCookies() {
        test::TestAccount a = test::makeAccount();
        const std::string device = logIn(a.email, a.password, "").deviceToken;
        CPPUNIT_ASSERT(!device.empty());
        lockOut(a.id);
        CPPUNIT_ASSERT(logIn(a.email, a.password, device).outcome != service::LoginOutcome::Invalid);
        const std::string to = fresh("new");
        CPPUNIT_ASSERT(confirm(request(a, to).confirm) == service::EmailConfirmOutcome::Changed);
        lockOut(a.id);
        CPPUNIT_ASSERT(logIn(to, a.password, device).outcome == service::LoginOutcome::Invalid);
    }

    // Whoever holds the account after a change cannot take the old owner's
    // way back by asking for, or making, another change.
    void testALaterChangeLeavesTheOldOwnersWayBack() {
        test::TestAccount a = test::makeAccount();
        const std::string second = fresh("second");
        const repo::EmailChangeTokens first = request(a, second);
        CPPUNIT_ASSERT(confirm(first.confirm) == service::EmailConfirmOutcome::Changed);
        test::TestAccount now = a;
        now.email = second;
        const std::string third = fresh("third");
        const repo::EmailChangeTokens later = request(now, third);
        CPPUNIT_ASSERT(confirm(later.confirm) == service::EmailConfirmOutcome::Changed);
        CPPUNIT_ASSERT_EQUAL(third, emailOf(a.id));
        CPPUNIT_ASSERT(cancel(first.cancel) == service::EmailCancelOutcome::Reverted);
        CPPUNIT_ASSERT_EQUAL(a.email, emailOf(a.id));
        // Switching back voided every other way: the later change's link too.
        CPPUNIT_ASSERT(cancel(later.cancel) == service::EmailCancelOutcome::Used);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EmailChangeTest);
