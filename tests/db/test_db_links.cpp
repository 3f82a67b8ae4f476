// Mailed one-time links (repo/one_time_links.h) on real tables: a link is
// valid until used, used exactly once, expires, is voided by a password
// change, and a string that is not a token is never a link. Then the
// address confirmation built on them.
#include <cppunit/extensions/HelperMacros.h>

#include "crypto/random.h"
#include "db_fixture.h"
#include "repo/one_time_links.h"
#include "service/registration.h"
#include "util/clock.h"

using namespace ktk;
using repo::LinkState;

namespace {

db::Database& database() { return *test::dbWorld().db; }

template <class Links>
std::string create(std::uint64_t userId, std::int64_t lifetime = 3600) {
    return database().transact([&](db::Tx& tx) { return repo::createLink<Links>(tx, userId, util::now(), lifetime); });
}
template <class Links>
repo::Link inspect(const std::string& token) {
    return database().autocommit([&](db::Tx& tx) { return repo::inspectLink<Links>(tx, token, util::now()); });
}
template <class Links>
repo::Link use(const std::string& token) {
    return database().transact([&](db::Tx& tx) { return repo::useLink<Links>(tx, token, util::now()); });
}

std::int64_t mailsTo(const std::string& email, const char* kind) {
    return test::count("SELECT COUNT(*) FROM mail_queue WHERE kind = '" + std::string(kind) + "' AND recipient = '" +
                       email + "'");
}

}  // namespace

class OneTimeLinkTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OneTimeLinkTest);
    CPPUNIT_TEST(testALinkIsValidForItsUserUntilUsedAndWorksOnce);
    CPPUNIT_TEST(testOnlyTheHashOfTheTokenIsStored);
    CPPUNIT_TEST(testAnOldLinkIsExpiredAndCannotBeUsed);
    CPPUNIT_TEST(testWhatIsNotATokenOrNotOursIsUnknown);
    CPPUNIT_TEST(testVoidingEndsTheUsersUnusedLinksOnly);
    CPPUNIT_TEST(testTheTwoKindsOfLinkDoNotMix);
    CPPUNIT_TEST(testConfirmingTwiceConfirmsOnceAndMailsOnce);
    CPPUNIT_TEST(testASecondLinkOfAConfirmedAddressSaysAlreadyConfirmed);
    CPPUNIT_TEST_SUITE_END();

public:
    void testALinkIsValidForItsUserUntilUsedAndWorksOnce() {
        test::TestAccount a = test::makeAccount();
        const std::string token = create<repo::PasswordResetLinks>(a.id);
        repo::Link seen = inspect<repo::PasswordResetLinks>(token);
        CPPUNIT_ASSERT(seen.state == LinkState::Valid);
        CPPUNIT_ASSERT_EQUAL(a.id, seen.userId);
        CPPUNIT_ASSERT(inspect<repo::PasswordResetLinks>(token).state == LinkState::Valid);  // looking uses nothing
        repo::Link first = use<repo::PasswordResetLinks>(token);
        CPPUNIT_ASSERT(first.state == LinkState::Valid);
        CPPUNIT_ASSERT_EQUAL(a.id, first.userId);
        CPPUNIT_ASSERT(use<repo::PasswordResetLinks>(token).state == LinkState::Used);
        CPPUNIT_ASSERT(inspect<repo::PasswordResetLinks>(token).state == LinkState::Used);
    }

    void testOnlyTheHashOfTheTokenIsStored() {
        test::TestAccount a = test::makeAccount();
        const std::string token = create<repo::PasswordResetLinks>(a.id);
        CPPUNIT_ASSERT(crypto::isToken(token));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             test::count("SELECT COUNT(*) FROM password_resets WHERE token_hash = '" + token + "'"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM password_resets WHERE token_hash = '" +
                                                          crypto::sha256Hex(token) + "'"));
    }

    void testAnOldLinkIsExpiredAndCannotBeUsed() {
        test::TestAccount a = test::makeAccount();
        const std::string token = create<repo::PasswordResetLinks>(a.id, -1);
        CPPUNIT_ASSERT(inspect<repo::PasswordResetLinks>(token).state == LinkState::Expired);
        CPPUNIT_ASSERT(use<repo::PasswordResetLinks>(token).state == LinkState::Expired);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM password_resets WHERE used_at IS NOT NULL"
                                                          " AND user_id = " + std::to_string(a.id)));
    }

    void testWhatIsNotATokenOrNotOursIsUnknown() {
        for (const std::string& token : {std::string(), std::string("x"), std::string(43, '%'),
                                         crypto::randomToken() + "A", crypto::randomToken()}) {
            CPPUNIT_ASSERT(inspect<repo::PasswordResetLinks>(token).state == LinkState::Unknown);
            CPPUNIT_ASSERT(use<repo::PasswordResetLinks>(token).state == LinkState::Unknown);
        }
    }

    void testVoidingEndsTheUsersUnusedLinksOnly() {
        test::TestAccount a = test::makeAccount(), b = test::makeAccount();
        const std::string first = create<repo::PasswordResetLinks>(a.id), second = create<repo::PasswordResetLinks>(a.id);
        const std::string others = create<repo::PasswordResetLinks>(b.id);
        database().transact([&](db::Tx& tx) { repo::voidLinks<repo::PasswordResetLinks>(tx, a.id, util::now()); });
        CPPUNIT_ASSERT(inspect<repo::PasswordResetLinks>(first).state == LinkState::Used);
        CPPUNIT_ASSERT(inspect<repo::PasswordResetLinks>(second).state == LinkState::Used);
        CPPUNIT_ASSERT(inspect<repo::PasswordResetLinks>(others).state == LinkState::Valid);
    }

    void testTheTwoKindsOfLinkDoNotMix() {
        test::TestAccount a = test::makeAccount();
        const std::string reset = create<repo::PasswordResetLinks>(a.id);
        CPPUNIT_ASSERT(inspect<repo::ConfirmationLinks>(reset).state == LinkState::Unknown);
        CPPUNIT_ASSERT(use<repo::ConfirmationLinks>(reset).state == LinkState::Unknown);
        CPPUNIT_ASSERT(inspect<repo::PasswordResetLinks>(reset).state == LinkState::Valid);
    }

    void testConfirmingTwiceConfirmsOnceAndMailsOnce() {
        test::TestAccount a = test::makeAccount({test::Role::Contact, false, false, false});
        const std::string token = create<repo::ConfirmationLinks>(a.id);
        test::World& w = test::dbWorld();
        CPPUNIT_ASSERT(service::inspectConfirmationLink(database(), token).state == service::LinkState::Valid);
        CPPUNIT_ASSERT(service::confirmAddress(database(), w.config, *w.views, token) == service::ConfirmOutcome::Confirmed);
        CPPUNIT_ASSERT(service::confirmAddress(database(), w.config, *w.views, token) ==
                       service::ConfirmOutcome::AlreadyConfirmed);
        CPPUNIT_ASSERT(service::inspectConfirmationLink(database(), token).state == service::LinkState::AlreadyConfirmed);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(a.email, service::kConfirmedMailKind));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM users WHERE confirmed_at IS NOT NULL"
                                                          " AND id = " + std::to_string(a.id)));
    }

    void testASecondLinkOfAConfirmedAddressSaysAlreadyConfirmed() {
        test::TestAccount a = test::makeAccount({test::Role::Contact, false, false, false});
        const std::string first = create<repo::ConfirmationLinks>(a.id), second = create<repo::ConfirmationLinks>(a.id);
        test::World& w = test::dbWorld();
        CPPUNIT_ASSERT(service::confirmAddress(database(), w.config, *w.views, first) == service::ConfirmOutcome::Confirmed);
        CPPUNIT_ASSERT(service::inspectConfirmationLink(database(), second).state == service::LinkState::AlreadyConfirmed);
        CPPUNIT_ASSERT(service::confirmAddress(database(), w.config, *w.views, second) ==
                       service::ConfirmOutcome::AlreadyConfirmed);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(a.email, service::kConfirmedMailKind));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OneTimeLinkTest);
