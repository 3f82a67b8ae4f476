// Resetting a lost second factor (service/second_factor_reset.h) on the
// real tables: the authenticator and recovery codes go, the sessions end,
// one audit row with the actor and one mail; the operator for anyone, a
// clerk for the contacts of their office only; nothing changes for an
// account without one.
#include <cppunit/extensions/HelperMacros.h>

#include "db_fixture.h"
#include "domain/email.h"
#include "service/second_factor_reset.h"

using namespace ktk;
using service::AdminOutcome;

namespace {

// An enrolled account as the enrolment would leave it: a confirmed
// authenticator (its secret does not matter to a reset) and three recovery
// codes; `confirmed` false leaves an enrolment begun and not finished.
void enrol(std::uint64_t userId, bool confirmed = true) {
    const std::string id = std::to_string(userId);
    test::adminSql("INSERT INTO user_totp (user_id, secret_sealed, kek_id, created_at, confirmed_at) VALUES (" + id +
                   ", 'c2VhbGVk', 'k1', UTC_TIMESTAMP(), " + (confirmed ? "UTC_TIMESTAMP()" : "NULL") + ")");
    for (char c : std::string("abc"))
        test::adminSql("INSERT INTO user_recovery_codes (user_id, code_hash) VALUES (" + id + ", REPEAT('" + c +
                       "', 64))");
}

std::int64_t count(const std::string& what, std::uint64_t userId) { return test::count(what + std::to_string(userId)); }
std::int64_t factorRows(std::uint64_t userId) {
    return count("SELECT COUNT(*) FROM user_totp WHERE user_id = ", userId) +
           count("SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = ", userId);
}
std::int64_t sessions(std::uint64_t userId) { return count("SELECT COUNT(*) FROM sessions WHERE user_id = ", userId); }
std::int64_t audited(std::uint64_t userId) {
    return count("SELECT COUNT(*) FROM audit_log WHERE action = 'twofactor.reset' AND target_user_id = ", userId);
}
std::int64_t mailsTo(const test::TestAccount& a) {
    return test::count("SELECT COUNT(*) FROM mail_queue WHERE kind = 'second_factor_reset' AND recipient = '" +
                       a.email + "'");
}

service::AdminActor operatorActor() { return {repo::Actor::cli("operator"), "", std::nullopt}; }
service::AdminActor clerkOf(std::uint64_t office) {
    test::TestAccount clerk = test::makeAccount({test::Role::Clerk, true, false, false, office});
    return {repo::Actor::user(clerk.id), "192.0.2.31", office};
}

service::AdminResult reset(const service::AdminActor& actor, const test::TestAccount& a) {
    test::World& w = test::dbWorld();
    return service::resetSecondFactor(*w.db, w.config, *w.views, actor, domain::emailKey(a.email));
}

}  // namespace

class SecondFactorResetTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SecondFactorResetTest);
    CPPUNIT_TEST(testTheOperatorRemovesTheFactorEndsTheSessionsAuditsAndMails);
    CPPUNIT_TEST(testAClerkResetsAContactOfTheirOfficeAndIsNamedAsActor);
    CPPUNIT_TEST(testAClerksSecondFactorIsOnlyTheOperatorsToReset);
    CPPUNIT_TEST(testAContactOfAnotherOfficeIsRefusedAndAudited);
    CPPUNIT_TEST(testWithoutAConfirmedFactorNothingChangesAndNothingIsMailed);
    CPPUNIT_TEST(testAnUnknownAddressIsRefused);
    CPPUNIT_TEST(testARetriedResetIsDoneOnceWithOneMailAndOneAuditRow);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheOperatorRemovesTheFactorEndsTheSessionsAuditsAndMails() {
        test::TestAccount a = test::makeAccount(), other = test::makeAccount();
        enrol(a.id);
        enrol(other.id);
        test::loggedIn(a.id);
        test::loggedIn(a.id);
        service::AdminResult r = reset(operatorActor(), a);
        CPPUNIT_ASSERT(r.outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(2, r.sessionsEnded);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), factorRows(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), sessions(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(4), factorRows(other.id));  // nobody else's
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), count("SELECT COUNT(*) FROM audit_log WHERE action = 'twofactor.reset'"
                                                    " AND actor_label = 'cli:operator'"
                                                    " AND after_value LIKE '%\"sessions_ended\":2%'"
                                                    " AND target_user_id = ", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(a));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), mailsTo(other));
    }

    void testAClerkResetsAContactOfTheirOfficeAndIsNamedAsActor() {
        test::TestAccount a = test::makeAccount();
        enrol(a.id);
        service::AdminActor clerk = clerkOf(test::testOfficeId());
        CPPUNIT_ASSERT(reset(clerk, a).outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), factorRows(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), count("SELECT COUNT(*) FROM audit_log WHERE action = 'twofactor.reset'"
                                                    " AND client_address = '192.0.2.31' AND actor_label = 'user:" +
                                                        std::to_string(clerk.who.userId.value_or(0)) +
                                                        "' AND target_user_id = ", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(a));
        // Done once: the second time there is nothing left to reset.
        CPPUNIT_ASSERT(reset(clerk, a).outcome == AdminOutcome::NoSecondFactor);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(a));
    }

    void testAClerksSecondFactorIsOnlyTheOperatorsToReset() {
        // Enrolled here with this suite's three codes, not the fixture's.
        test::TestAccount colleague = test::makeAccount({test::Role::Clerk, true, false, false, 0, 0, false});
        enrol(colleague.id);
        test::loggedIn(colleague.id);
        service::AdminActor clerk = clerkOf(test::testOfficeId());
        CPPUNIT_ASSERT(reset(clerk, colleague).outcome == AdminOutcome::NotAContact);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(4), factorRows(colleague.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), sessions(colleague.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), mailsTo(colleague));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.denied'"
                                                    " AND after_value LIKE '%clerk_account%'"
                                                    " AND after_value LIKE '%twofactor.reset%' AND target_user_id = ",
                                                    colleague.id));
        CPPUNIT_ASSERT(reset(operatorActor(), colleague).outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), factorRows(colleague.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), sessions(colleague.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(colleague));
    }

    void testAContactOfAnotherOfficeIsRefusedAndAudited() {
        const std::uint64_t other = test::makeOffice("Szegedi Járási Hivatal", "06");
        test::TestAccount a = test::makeAccount(
            {test::Role::Contact, true, true, false, 0,
             test::makeMunicipality("Szeged Megyei Jogú Város Önkormányzata", "15726762-2-06", other)});
        enrol(a.id);
        CPPUNIT_ASSERT(reset(clerkOf(test::testOfficeId()), a).outcome == AdminOutcome::OutsideOffice);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(4), factorRows(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.denied'"
                                                    " AND after_value LIKE '%user_outside_office%' AND target_user_id = ",
                                                    a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), mailsTo(a));
        CPPUNIT_ASSERT(reset(clerkOf(other), a).outcome == AdminOutcome::Done);
    }

    void testWithoutAConfirmedFactorNothingChangesAndNothingIsMailed() {
        test::TestAccount none = test::makeAccount(), enrolling = test::makeAccount();
        enrol(enrolling.id, false);
        test::loggedIn(none.id);
        for (const test::TestAccount* a : {&none, &enrolling}) {
            CPPUNIT_ASSERT(reset(operatorActor(), *a).outcome == AdminOutcome::NoSecondFactor);
            CPPUNIT_ASSERT(reset(clerkOf(test::testOfficeId()), *a).outcome == AdminOutcome::NoSecondFactor);
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), audited(a->id));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), mailsTo(*a));
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), sessions(none.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(4), factorRows(enrolling.id));  // the person's own to finish
    }

    void testAnUnknownAddressIsRefused() {
        test::TestAccount ghost;
        ghost.email = "nobody.with.a.phone@example.hu";
        CPPUNIT_ASSERT(reset(operatorActor(), ghost).outcome == AdminOutcome::UnknownUser);
        CPPUNIT_ASSERT(reset(clerkOf(test::testOfficeId()), ghost).outcome == AdminOutcome::UnknownUser);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), mailsTo(ghost));
    }

    void testARetriedResetIsDoneOnceWithOneMailAndOneAuditRow() {
        test::TestAccount a = test::makeAccount();
        enrol(a.id);
        test::failOnceAtAudit("twofactor.reset");
        CPPUNIT_ASSERT(reset(operatorActor(), a).outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM test_faults"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), factorRows(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited(a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(a));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SecondFactorResetTest);
