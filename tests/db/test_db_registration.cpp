// The limits on mails to one address and the life of a pending
// registration, on real tables: at most five mails of a kind in 24 hours
// (the sixth is not queued, and the answer does not change), a new
// registration for an unconfirmed address replaces the pending one (its
// old link dead), a confirmed one is never touched, and registrations not
// confirmed within the period are removed and audited. Time moves through
// a clock offset file, as on the test stack.
#include <cppunit/extensions/HelperMacros.h>

#include <unistd.h>

#include <fstream>
#include <regex>

#include "crypto/password.h"
#include "db_fixture.h"
#include "password/password_handler.h"
#include "repo/mail_throttle.h"
#include "repo/one_time_links.h"
#include "service/device_token.h"
#include "service/login.h"
#include "service/password_reset.h"
#include "service/registration.h"
#include "util/clock.h"

using namespace ktk;

namespace {

db::Database& database() { return *test::dbWorld().db; }

// The portal's clock, moved by the test: util::now() reads the file.
class ClockOffset {
public:
    ClockOffset() : path_("/tmp/ktk-test-db-clock-" + std::to_string(getpid())) {
        set(0);
        util::setClockOffsetFile(path_);
    }
    ~ClockOffset() {
        util::setClockOffsetFile("");
        ::unlink(path_.c_str());
    }
    void set(std::int64_t seconds) { std::ofstream(path_, std::ios::trunc) << seconds << "\n"; }

private:
    std::string path_;
};

std::int64_t queued(const std::string& email, const char* kind) {
    return test::count("SELECT COUNT(*) FROM mail_queue WHERE kind = '" + std::string(kind) + "' AND recipient = '" +
                       email + "'");
}

std::int64_t audited(const std::string& action, std::uint64_t userId, const std::string& like = "%") {
    return test::count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "' AND target_user_id = " +
                       std::to_string(userId) + " AND COALESCE(after_value, '') LIKE '" + like + "'");
}

std::uint64_t idOf(const std::string& email) {
    return std::uint64_t(test::count("SELECT id FROM users WHERE email_key = '" + email + "'"));
}

// The token of the newest confirmation mail to `email`, read back from the
// queued message (quoted-printable: soft line breaks and "=3D").
std::string lastConfirmationToken(const std::string& email) {
    const std::string message = database().autocommit([&](db::Tx& tx) {
        db::Row r = tx.query("SELECT message FROM mail_queue WHERE recipient = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                             email, std::string(service::kConfirmMailKind));
        return r->next() ? std::string(r->getString(1)) : std::string();
    });
    std::string plain = std::regex_replace(message, std::regex("=\r?\n"), "");
    plain = std::regex_replace(plain, std::regex("=3D"), "=");
    std::smatch m;
    if (!std::regex_search(plain, m, std::regex("/confirm\\?token=([A-Za-z0-9_-]{43})"))) return {};
    return m[1];
}

service::NewAccount registration(const std::string& email, const std::string& lastName, const std::string& firstName,
                                 const std::string& password) {
    service::NewAccount n;
    n.email = email;
    n.lastName = lastName;
    n.firstName = firstName;
    n.phone = "+36301234567";
    n.passwordHash = crypto::hashPassword(password);
    return n;
}

service::RegisterOutcome registerAs(const service::NewAccount& n) {
    test::World& w = test::dbWorld();
    return service::registerAccount(database(), w.config, *w.views, n, "192.0.2.7");
}

// The mail worker's part: every waiting forgotten-password request.
void handleResetRequests() {
    test::World& w = test::dbWorld();
    service::handleResetRequests(database(), w.config, *w.views, 1000);
}

void requestReset(const std::string& email) {
    service::requestPasswordReset(database(), email, "192.0.2.7");
    handleResetRequests();
}

void resend(const std::string& email) {
    test::World& w = test::dbWorld();
    service::resendConfirmation(database(), w.config, *w.views, email);
}

std::string uniqueEmail(const std::string& tag) {
    static int serial = 0;
    return tag + std::to_string(++serial) + "." + std::to_string(getpid()) + "@example.hu";
}

void setCreatedDaysAgo(std::uint64_t id, int days) {
    test::adminSql("UPDATE users SET created_at = '" + util::sqlTime(util::now() - days * 86400 - 60) +
                   "' WHERE id = " + std::to_string(id));
}

}  // namespace

class RegistrationMailTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RegistrationMailTest);
    CPPUNIT_TEST(testTheSixthResetMailIn24HoursIsNotQueuedUntilTheFirstIsADayOld);
    CPPUNIT_TEST(testPastTheCapTheForgotPasswordAnswerIsTheSame);
    CPPUNIT_TEST(testAForgotPasswordPostDoesTheSameWorkForAKnownAndAnUnknownAddress);
    CPPUNIT_TEST(testTheSixthConfirmationMailIn24HoursIsNotQueued);
    CPPUNIT_TEST(testANewRegistrationReplacesThePendingOneAndOnlyItsLinkWorks);
    CPPUNIT_TEST(testAReplacementWithinTheMinuteKillsTheOldLinkAndMailsNothing);
    CPPUNIT_TEST(testAConfirmedAddressIsNeverReplacedItsOwnerGetsANotice);
    CPPUNIT_TEST(testRegistrationsPendingPastThePeriodAreRemovedAndAudited);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheSixthResetMailIn24HoursIsNotQueuedUntilTheFirstIsADayOld() {
        ClockOffset clock;
        test::TestAccount a = test::makeAccount();
        for (int i = 0; i < 6; ++i) {
            clock.set(i * 61);
            requestReset(a.email);
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), queued(a.email, service::kPasswordResetMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), test::count("SELECT COUNT(*) FROM password_resets WHERE user_id = " +
                                                          std::to_string(a.id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("password.reset_requested", a.id, "%\"daily_cap\"%"));
        // The first mail is not a day old yet. The offset adds to the real
        // clock, which a loaded machine moves on by seconds during the test:
        // half a minute short of the day, not one second.
        clock.set(24 * 3600 - 30);
        requestReset(a.email);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), queued(a.email, service::kPasswordResetMailKind));
        clock.set(24 * 3600 + 1);
        requestReset(a.email);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(6), queued(a.email, service::kPasswordResetMailKind));
        // A refused request does not restart the minute: the next mail may go
        // one minute after the last one sent.
        clock.set(24 * 3600 + 62);
        requestReset(a.email);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7), queued(a.email, service::kPasswordResetMailKind));
    }

    void testPastTheCapTheForgotPasswordAnswerIsTheSame() {
        ClockOffset clock;
        test::TestAccount a = test::makeAccount();
        web::Routes routes;
        routes.push_back({"/password/forgot", web::Access::Anyone, std::make_unique<password::ForgotHandler>()});
        std::vector<std::pair<int, std::string>> answers;
        for (int i = 0; i < 6; ++i) {
            clock.set(i * 61);
            test::Browser b;
            web::Response r = test::post(routes, b, "/password/forgot", {{"email", a.email}});
            answers.emplace_back(r.status, test::location(r) + "\n" + r.body);
            handleResetRequests();
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), queued(a.email, service::kPasswordResetMailKind));
        CPPUNIT_ASSERT_EQUAL(303, answers[0].first);
        CPPUNIT_ASSERT_EQUAL(0u, unsigned(answers[0].second.rfind("/password/forgot/sent\n", 0)));
        for (const auto& answer : answers) {
            CPPUNIT_ASSERT_EQUAL(answers[0].first, answer.first);
            CPPUNIT_ASSERT_EQUAL(answers[0].second, answer.second);
        }
    }

    void testAForgotPasswordPostDoesTheSameWorkForAKnownAndAnUnknownAddress() {
        test::TestAccount a = test::makeAccount();
        const std::string unknown = uniqueEmail("nobody");
        web::Routes routes;
        routes.push_back({"/password/forgot", web::Access::Anyone, std::make_unique<password::ForgotHandler>()});
        const char* tables[] = {"mail_queue", "password_resets", "mail_throttle", "mail_throttle_log", "audit_log",
                                "password_reset_requests"};
        auto rows = [&] {
            std::vector<std::int64_t> n;
            for (const char* t : tables) n.push_back(test::count(std::string("SELECT COUNT(*) FROM ") + t));
            return n;
        };
        handleResetRequests();
        const std::vector<std::int64_t> before = rows();
        for (const std::string& email : {a.email, unknown}) {
            test::Browser b;
            CPPUNIT_ASSERT_EQUAL(std::string("/password/forgot/sent"),
                                 test::location(test::post(routes, b, "/password/forgot", {{"email", email}})));
        }
        // Each POST stored its request and nothing else.
        std::vector<std::int64_t> expected = before;
        expected.back() += 2;
        CPPUNIT_ASSERT(rows() == expected);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM password_reset_requests"
                                                          " WHERE email_key = '" + a.email + "'"));
        // The worker then mails the account, and only the account.
        handleResetRequests();
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM password_reset_requests"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), queued(a.email, service::kPasswordResetMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), queued(unknown, service::kPasswordResetMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("password.reset_requested", a.id, "%\"mailed\":true%"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'password.reset_requested'"
                                         " AND client_address = '192.0.2.7' AND after_value LIKE '%" + unknown + "%'"));
    }

    void testTheSixthConfirmationMailIn24HoursIsNotQueued() {
        ClockOffset clock;
        const std::string email = uniqueEmail("cap");
        CPPUNIT_ASSERT(registerAs(registration(email, "Kovács", "Anna", "Tavaszi8Szel")) ==
                       service::RegisterOutcome::Created);
        for (int i = 1; i <= 5; ++i) {
            clock.set(i * 61);
            // A new registration for the address counts like a resend.
            if (i == 3) registerAs(registration(email, "Kovács", "Anna", "Tavaszi8Szel"));
            else resend(email);
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), queued(email, service::kConfirmMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("registration.replaced", idOf(email), "%\"mailed\":true%"));
        clock.set(24 * 3600 + 1);
        resend(email);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(6), queued(email, service::kConfirmMailKind));
    }

    void testANewRegistrationReplacesThePendingOneAndOnlyItsLinkWorks() {
        ClockOffset clock;
        const std::string email = uniqueEmail("replace");
        CPPUNIT_ASSERT(registerAs(registration(email, "Támadó", "Tamás", "Elso-Jelszo-11")) ==
                       service::RegisterOutcome::Created);
        const std::uint64_t id = idOf(email);
        const std::string oldToken = lastConfirmationToken(email);
        CPPUNIT_ASSERT(!oldToken.empty());
        const std::string oldHash = database().autocommit([&](db::Tx& tx) {
            db::Row r = tx.query("SELECT password_hash FROM users WHERE id = ?", id);
            r->next();
            return std::string(r->getString(1));
        });

        clock.set(61);
        CPPUNIT_ASSERT(registerAs(registration(email, "Valódi", "Vera", "Masodik-Jelszo-22")) ==
                       service::RegisterOutcome::Replaced);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM users WHERE email_key = '" + email + "'"));
        CPPUNIT_ASSERT_EQUAL(id, idOf(email));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             test::count("SELECT COUNT(*) FROM users WHERE last_name = 'Valódi' AND first_name = 'Vera'"
                                         " AND confirmed_at IS NULL AND id = " + std::to_string(id)));
        const std::string newHash = database().autocommit([&](db::Tx& tx) {
            db::Row r = tx.query("SELECT password_hash FROM users WHERE id = ?", id);
            r->next();
            return std::string(r->getString(1));
        });
        CPPUNIT_ASSERT(newHash != oldHash);
        CPPUNIT_ASSERT(crypto::verifyPassword("Masodik-Jelszo-22", newHash));

        // The old link is dead, as if it had never been sent.
        CPPUNIT_ASSERT(service::inspectConfirmationLink(database(), oldToken).state == service::LinkState::Unknown);
        test::World& w = test::dbWorld();
        CPPUNIT_ASSERT(service::confirmAddress(database(), w.config, *w.views, oldToken) ==
                       service::ConfirmOutcome::Unknown);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM email_confirmations WHERE user_id = " +
                                                          std::to_string(id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("registration.replaced", id, "%Valódi%"));

        // The new one names the new registrant and confirms.
        const std::string newToken = lastConfirmationToken(email);
        CPPUNIT_ASSERT(newToken != oldToken);
        service::ConfirmationLink link = service::inspectConfirmationLink(database(), newToken);
        CPPUNIT_ASSERT(link.state == service::LinkState::Valid);
        CPPUNIT_ASSERT_EQUAL(std::string("Valódi"), link.lastName);
        CPPUNIT_ASSERT_EQUAL(std::string("Vera"), link.firstName);
        CPPUNIT_ASSERT(service::confirmAddress(database(), w.config, *w.views, newToken) ==
                       service::ConfirmOutcome::Confirmed);
    }

    void testAReplacementWithinTheMinuteKillsTheOldLinkAndMailsNothing() {
        const std::string email = uniqueEmail("quick");
        registerAs(registration(email, "Első", "Egon", "Elso-Jelszo-11"));
        const std::string oldToken = lastConfirmationToken(email);
        CPPUNIT_ASSERT(registerAs(registration(email, "Második", "Mária", "Masodik-Jelszo-22")) ==
                       service::RegisterOutcome::Replaced);
        CPPUNIT_ASSERT(service::inspectConfirmationLink(database(), oldToken).state == service::LinkState::Unknown);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), queued(email, service::kConfirmMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM email_confirmations WHERE user_id = " +
                                                          std::to_string(idOf(email))));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("registration.replaced", idOf(email), "%\"mailed\":false%"));
    }

    void testAConfirmedAddressIsNeverReplacedItsOwnerGetsANotice() {
        test::TestAccount a = test::makeAccount();
        CPPUNIT_ASSERT(registerAs(registration(a.email, "Támadó", "Tamás", "Elso-Jelszo-11")) ==
                       service::RegisterOutcome::AddressTaken);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM users WHERE last_name = 'Teszt'"
                                                          " AND confirmed_at IS NOT NULL AND id = " +
                                                          std::to_string(a.id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), queued(a.email, service::kNoticeMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), queued(a.email, service::kConfirmMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), audited("registration.replaced", a.id));
        // Its password is the owner's still.
        const service::DeviceTokens devices(test::dbWorld().config.secrets);
        service::LoginResult login = service::authenticate(database(), test::dbWorld().config, *test::dbWorld().views, devices, {a.email, a.password, "192.0.2.7", "", "", ""});
        CPPUNIT_ASSERT(login.outcome == service::LoginOutcome::Contact);
    }

    void testRegistrationsPendingPastThePeriodAreRemovedAndAudited() {
        test::TestAccount old = test::makeAccount({test::Role::Contact, false, false, false});
        test::TestAccount young = test::makeAccount({test::Role::Contact, false, false, false});
        test::TestAccount confirmed = test::makeAccount();
        setCreatedDaysAgo(old.id, 7);
        setCreatedDaysAgo(young.id, 6);
        setCreatedDaysAgo(confirmed.id, 30);
        const std::string token = database().transact([&](db::Tx& tx) {
            return repo::createLink<repo::ConfirmationLinks>(tx, old.id, util::now(), 3600);
        });
        database().transact([&](db::Tx& tx) { repo::takeMailSlot(tx, old.id, "confirm", util::now(), 60); });

        const int removed = service::purgePendingRegistrations(database(), 7, repo::Actor::system("test-purge"));
        CPPUNIT_ASSERT(removed >= 1);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM users WHERE id = " + std::to_string(old.id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM email_confirmations WHERE user_id = " +
                                                          std::to_string(old.id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM mail_throttle_log WHERE user_id = " +
                                                          std::to_string(old.id)));
        CPPUNIT_ASSERT(service::inspectConfirmationLink(database(), token).state == service::LinkState::Unknown);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM users WHERE id = " + std::to_string(young.id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             test::count("SELECT COUNT(*) FROM users WHERE id = " + std::to_string(confirmed.id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1),
                             test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'registration.purged'"
                                         " AND actor_label = 'system:test-purge' AND target_user_id = " +
                                         std::to_string(old.id) + " AND before_value LIKE '%" + old.email + "%'"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), audited("registration.purged", young.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), audited("registration.purged", confirmed.id));
        // Nothing left to do: a second run removes nothing of these.
        service::purgePendingRegistrations(database(), 7, repo::Actor::system("test-purge"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM audit_log WHERE action = "
                                                          "'registration.purged' AND target_user_id = " +
                                                          std::to_string(old.id)));
        // A shorter period reaches the younger one.
        service::purgePendingRegistrations(database(), 6, repo::Actor::system("test-purge"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM users WHERE id = " + std::to_string(young.id)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RegistrationMailTest);
