// What a clerk or the operator does to an account (service/account_admin.h)
// on the real tables: the office boundary (refused and audited), the
// states that stop a link, a municipality added while linking, and that
// each change comes with its audit row, its mail and the end of sessions.
#include <cppunit/extensions/HelperMacros.h>

#include "db_fixture.h"
#include "domain/email.h"
#include "repo/audit.h"
#include "service/account_admin.h"

using namespace ktk;
using service::AdminOutcome;

namespace {

struct Offices {
    std::uint64_t home = test::testOfficeId();
    std::uint64_t homeMunicipality = test::testMunicipalityId();
    std::uint64_t other = 0;
    std::uint64_t otherMunicipality = 0;
};

const Offices& offices() {
    static const Offices o = [] {
        Offices x;
        x.other = test::makeOffice("Pécsi Járási Hivatal", "02");
        x.otherMunicipality = test::makeMunicipality("Pécs Megyei Jogú Város Önkormányzata", "15735739-2-02", x.other);
        return x;
    }();
    return o;
}

service::AdminActor clerkOf(std::uint64_t office) {
    test::TestAccount clerk = test::makeAccount({test::Role::Clerk, true, false, false, office});
    return {repo::Actor::user(clerk.id), "192.0.2.30", office};
}

service::AdminActor operatorActor() { return {repo::Actor::cli("operator"), "", std::nullopt}; }

service::AdminResult link(const service::AdminActor& actor, const test::TestAccount& a, const std::string& taxNumber,
                          const std::string& newName = "") {
    test::World& w = test::dbWorld();
    return service::linkAccount(*w.db, w.config, *w.views, actor, {domain::emailKey(a.email), taxNumber, newName});
}

std::int64_t count(const std::string& what, std::uint64_t userId) {
    return test::count(what + std::to_string(userId));
}
std::int64_t mailsTo(const test::TestAccount& a) {
    return test::count("SELECT COUNT(*) FROM mail_queue WHERE recipient = '" + a.email + "'");
}
std::int64_t audited(const std::string& action, std::uint64_t userId) {
    return count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "' AND target_user_id = ", userId);
}
std::int64_t sessions(std::uint64_t userId) { return count("SELECT COUNT(*) FROM sessions WHERE user_id = ", userId); }

test::TestAccount unlinkedContact() { return test::makeAccount({test::Role::Contact, true, false, false}); }

}  // namespace

class AccountAdminTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AccountAdminTest);
    CPPUNIT_TEST(testAClerkLinksAConfirmedContactWithAuditAndMail);
    CPPUNIT_TEST(testLinkingAgainChangesNothing);
    CPPUNIT_TEST(testAMunicipalityOfAnotherOfficeIsRefusedAndAudited);
    CPPUNIT_TEST(testAContactOfAnotherOfficeIsRefusedAndAudited);
    CPPUNIT_TEST(testPendingAndDisabledAccountsCannotBeLinked);
    CPPUNIT_TEST(testANewTaxNumberWithANameJoinsTheClerksOffice);
    CPPUNIT_TEST(testOnlyAClerkAddsAMunicipality);
    CPPUNIT_TEST(testANewTaxNumberOfAnotherCountyIsRefusedNamingTheOfficesCounty);
    CPPUNIT_TEST(testUnlinkAndDisableEndTheSessionsAndMail);
    CPPUNIT_TEST(testEnableTellsWhetherTheAccountCanLogIn);
    CPPUNIT_TEST(testClerksAreManagedOnlyAsClerks);
    CPPUNIT_TEST(testARetriedLinkIsDoneOnceWithOneMailAndOneAuditRow);
    CPPUNIT_TEST(testTheOfficesAuditShowsItsOwnRows);
    CPPUNIT_TEST(testAuditRowsStayWithTheOfficeOfTheirTime);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAClerkLinksAConfirmedContactWithAuditAndMail() {
        test::TestAccount a = unlinkedContact();
        service::AdminResult r = link(clerkOf(offices().home), a, "15731034-2-13");
        CPPUNIT_ASSERT(r.outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(offices().homeMunicipality, r.municipality->id);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), count("SELECT COUNT(*) FROM users WHERE municipality_id IS NOT NULL"
                                                    " AND linked_at IS NOT NULL AND id = ", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("user.link", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM mail_queue WHERE kind = '" +
                                                          std::string(service::kLinkedMailKind) + "' AND recipient = '" +
                                                          a.email + "'"));
    }

    void testLinkingAgainChangesNothing() {
        test::TestAccount a = test::makeAccount();
        service::AdminResult r = link(clerkOf(offices().home), a, "15731034-2-13");
        CPPUNIT_ASSERT(r.outcome == AdminOutcome::AlreadyLinked);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), audited("user.link", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), mailsTo(a));
    }

    void testAMunicipalityOfAnotherOfficeIsRefusedAndAudited() {
        test::TestAccount a = unlinkedContact();
        service::AdminResult r = link(clerkOf(offices().home), a, "15735739-2-02");
        CPPUNIT_ASSERT(r.outcome == AdminOutcome::OutsideOffice);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.denied'"
                                                    " AND after_value LIKE '%municipality_outside_office%'"
                                                    " AND target_user_id = ", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), count("SELECT COUNT(*) FROM users WHERE municipality_id IS NULL AND id = ", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), mailsTo(a));
    }

    void testAContactOfAnotherOfficeIsRefusedAndAudited() {
        test::TestAccount a = test::makeAccount({test::Role::Contact, true, true, false, 0, offices().otherMunicipality});
        test::World& w = test::dbWorld();
        for (auto action : {service::unlinkAccount, service::disableAccount, service::enableAccount}) {
            service::AdminResult r = action(*w.db, w.config, *w.views, clerkOf(offices().home), domain::emailKey(a.email));
            CPPUNIT_ASSERT(r.outcome == AdminOutcome::OutsideOffice);
        }
        CPPUNIT_ASSERT(link(clerkOf(offices().home), a, "15731034-2-13").outcome == AdminOutcome::OutsideOffice);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(4), count("SELECT COUNT(*) FROM audit_log WHERE action = 'access.denied'"
                                                    " AND after_value LIKE '%user_outside_office%' AND target_user_id = ",
                                                    a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), mailsTo(a));
    }

    void testPendingAndDisabledAccountsCannotBeLinked() {
        test::TestAccount pending = test::makeAccount({test::Role::Contact, false, false, false});
        test::TestAccount disabled = test::makeAccount({test::Role::Contact, true, false, true});
        CPPUNIT_ASSERT(link(clerkOf(offices().home), pending, "15731034-2-13").outcome == AdminOutcome::Pending);
        CPPUNIT_ASSERT(link(clerkOf(offices().home), disabled, "15731034-2-13").outcome == AdminOutcome::Disabled);
        test::TestAccount ghost;
        ghost.email = "nobody.here@example.hu";
        CPPUNIT_ASSERT(link(clerkOf(offices().home), ghost, "15731034-2-13").outcome == AdminOutcome::UnknownUser);
    }

    void testANewTaxNumberWithANameJoinsTheClerksOffice() {
        test::TestAccount a = unlinkedContact();
        service::AdminResult r = link(clerkOf(offices().home), a, "15728383-2-13", "Erdőkertes Község Önkormányzata");
        CPPUNIT_ASSERT(r.outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT(r.municipalityAdded);
        CPPUNIT_ASSERT_EQUAL(offices().home, r.municipality->officeId);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM audit_log WHERE action = "
                                                          "'municipality.create' AND target_municipality_id = " +
                                                          std::to_string(r.municipality->id)));
    }

    void testOnlyAClerkAddsAMunicipality() {
        test::TestAccount a = unlinkedContact();
        CPPUNIT_ASSERT(link(clerkOf(offices().home), a, "15728390-2-13").outcome == AdminOutcome::UnknownMunicipality);
        CPPUNIT_ASSERT(link(operatorActor(), a, "15728390-2-13", "Valami Község Önkormányzata").outcome ==
                       AdminOutcome::UnknownMunicipality);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             test::count("SELECT COUNT(*) FROM municipalities WHERE tax_number = '15728390-2-13'"));
    }

    void testANewTaxNumberOfAnotherCountyIsRefusedNamingTheOfficesCounty() {
        // The review's case: the Pest office's clerk adds a Baranya tax number.
        test::TestAccount a = unlinkedContact();
        service::AdminResult r = link(clerkOf(offices().home), a, "23247998-2-02", "Kozármisleny Város Önkormányzata");
        CPPUNIT_ASSERT(r.outcome == AdminOutcome::WrongCounty);
        CPPUNIT_ASSERT_EQUAL(std::string("Pest"), r.officeCounty);
        CPPUNIT_ASSERT(!r.municipalityAdded);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             test::count("SELECT COUNT(*) FROM municipalities WHERE tax_number = '23247998-2-02'"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), count("SELECT COUNT(*) FROM users WHERE municipality_id IS NOT NULL"
                                                    " AND id = ", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), audited("user.link", a.id));
        // The Baranya office's clerk adds it.
        r = link(clerkOf(offices().other), a, "23247998-2-02", "Kozármisleny Város Önkormányzata");
        CPPUNIT_ASSERT(r.outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT(r.municipalityAdded);
    }

    void testUnlinkAndDisableEndTheSessionsAndMail() {
        test::World& w = test::dbWorld();
        test::TestAccount a = test::makeAccount(), b = test::makeAccount();
        test::loggedIn(a.id);
        test::loggedIn(b.id);
        service::AdminResult unlinked =
            service::unlinkAccount(*w.db, w.config, *w.views, clerkOf(offices().home), domain::emailKey(a.email));
        CPPUNIT_ASSERT(unlinked.outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(1, unlinked.sessionsEnded);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), sessions(a.id));
        CPPUNIT_ASSERT(service::unlinkAccount(*w.db, w.config, *w.views, clerkOf(offices().home),
                                              domain::emailKey(a.email)).outcome == AdminOutcome::NotLinked);
        service::AdminResult disabled =
            service::disableAccount(*w.db, w.config, *w.views, clerkOf(offices().home), domain::emailKey(b.email));
        CPPUNIT_ASSERT(disabled.outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), sessions(b.id));
        CPPUNIT_ASSERT(service::disableAccount(*w.db, w.config, *w.views, clerkOf(offices().home),
                                               domain::emailKey(b.email)).outcome == AdminOutcome::AlreadyDisabled);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(a));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(b));
    }

    void testEnableTellsWhetherTheAccountCanLogIn() {
        test::World& w = test::dbWorld();
        test::TestAccount linked = test::makeAccount({test::Role::Contact, true, true, true});
        test::TestAccount unlinked = test::makeAccount({test::Role::Contact, true, false, true});
        for (const test::TestAccount* a : {&linked, &unlinked})
            CPPUNIT_ASSERT(service::enableAccount(*w.db, w.config, *w.views, clerkOf(offices().home),
                                                  domain::emailKey(a->email)).outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM mail_queue WHERE recipient = '" +
                                                          linked.email + "' AND message LIKE '%Veresegyh%'"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(unlinked));
        CPPUNIT_ASSERT(service::enableAccount(*w.db, w.config, *w.views, clerkOf(offices().home),
                                              domain::emailKey(linked.email)).outcome == AdminOutcome::NotDisabled);
    }

    void testClerksAreManagedOnlyAsClerks() {
        test::World& w = test::dbWorld();
        test::TestAccount clerk = test::makeAccount({test::Role::Clerk}), contact = test::makeAccount();
        test::loggedIn(clerk.id);
        CPPUNIT_ASSERT(service::disableAccount(*w.db, w.config, *w.views, operatorActor(),
                                               domain::emailKey(clerk.email)).outcome == AdminOutcome::NotAContact);
        CPPUNIT_ASSERT(service::disableClerk(*w.db, operatorActor(), domain::emailKey(contact.email)).outcome ==
                       AdminOutcome::NotAClerk);
        service::AdminResult r = service::disableClerk(*w.db, operatorActor(), domain::emailKey(clerk.email));
        CPPUNIT_ASSERT(r.outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), sessions(clerk.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("clerk.disable", clerk.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), mailsTo(clerk));
    }

    void testARetriedLinkIsDoneOnceWithOneMailAndOneAuditRow() {
        test::TestAccount a = unlinkedContact();
        test::failOnceAtAudit("user.link");
        CPPUNIT_ASSERT(link(clerkOf(offices().home), a, "15731034-2-13").outcome == AdminOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM test_faults"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("user.link", a.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), mailsTo(a));
    }

    void testTheOfficesAuditShowsItsOwnRows() {
        test::TestAccount mine = unlinkedContact(), theirs = unlinkedContact();
        service::AdminActor home = clerkOf(offices().home), other = clerkOf(offices().other);
        link(home, mine, "15731034-2-13");
        link(other, theirs, "15735739-2-02");
        repo::AuditFilter filter;
        filter.officeId = offices().other;
        std::vector<repo::AuditRow> rows =
            test::dbWorld().db->autocommit([&](db::Tx& tx) { return repo::listAudit(tx, filter); });
        bool sawTheirs = false;
        for (const repo::AuditRow& row : rows) {
            CPPUNIT_ASSERT(row.targetUserId != mine.id);
            sawTheirs = sawTheirs || (row.action == "user.link" && row.targetUserId == theirs.id);
        }
        CPPUNIT_ASSERT(sawTheirs);
    }

    // The review's case: once a contact is unlinked, another office's clerk
    // asking for the contact's rows sees none of the first office's.
    void testAuditRowsStayWithTheOfficeOfTheirTime() {
        test::World& w = test::dbWorld();
        test::TestAccount a = unlinkedContact();
        service::AdminActor home = clerkOf(offices().home), other = clerkOf(offices().other);
        CPPUNIT_ASSERT(link(home, a, "15731034-2-13").outcome == AdminOutcome::Done);
        w.db->transact([&](db::Tx& tx) {
            repo::AuditEntry failure;
            failure.clientAddress = "198.51.100.7";
            failure.action = "login.failure";
            failure.targetUserId = a.id;
            repo::recordAudit(tx, failure);
        });
        CPPUNIT_ASSERT(service::unlinkAccount(*w.db, w.config, *w.views, home, domain::emailKey(a.email)).outcome ==
                       AdminOutcome::Done);
        auto rowsFor = [&](std::optional<std::uint64_t> office) {
            repo::AuditFilter filter;
            filter.userId = a.id;
            filter.officeId = office;
            return w.db->autocommit([&](db::Tx& tx) { return repo::listAudit(tx, filter); });
        };
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), rowsFor(offices().other).size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), rowsFor(offices().home).size());  // link, failure, unlink
        // The other office links the contact: that row is theirs, the rest stays home's.
        CPPUNIT_ASSERT(link(other, a, "15735739-2-02").outcome == AdminOutcome::Done);
        std::vector<repo::AuditRow> theirs = rowsFor(offices().other);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), theirs.size());
        CPPUNIT_ASSERT_EQUAL(std::string("user.link"), theirs[0].action);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), rowsFor(offices().home).size());
        // The operator sees every row.
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), rowsFor(std::nullopt).size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AccountAdminTest);
