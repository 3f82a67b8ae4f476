// The negotiation of an application with its district office (applications/
// office_service.h and the contact's answers in application_service.h) on
// real tables: the whole way from submission to a contract, every step a
// version or an event with who and when, the state table checked under the
// row lock (a stale page or a second decision changes nothing), the office
// boundary audited, the other side mailed, and the contract numbered from
// the office's own yearly sequence. Each test works in an office of its own.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>
#include <regex>
#include <set>

#include "applications/application_service.h"
#include "applications/office_service.h"
#include "db/database.h"
#include "db_fixture.h"
#include "repo/accounts.h"
#include "util/clock.h"
#include "util/hungarian_time.h"

using namespace ktk;
using applications::ActionOutcome;
using applications::ApplicationForm;
using applications::Contact;
using applications::OfficeAccess;
using applications::OfficeClerk;
using applications::State;
using applications::Verdict;

namespace {

db::Database& database() { return *test::dbWorld().db; }
test::World& world() { return test::dbWorld(); }

std::string str(std::uint64_t n) { return std::to_string(n); }

struct Town {
    std::uint64_t office = 0, id = 0;
    Contact contact;
    std::string contactEmail;
    OfficeClerk clerk;
    std::string clerkEmail;
};

// A municipality with a linked contact, in an office of its own with a clerk.
Town makeTown() {
    static int serial = 0;
    ++serial;
    char tax[32];
    std::snprintf(tax, sizeof tax, "3%07d-2-13", serial % 10'000'000);
    Town t;
    t.office = test::makeOffice("Tárgyaló Járási Hivatal " + str(serial), "13");
    t.id = test::makeMunicipality("Tárgyalófalva " + str(serial), tax, t.office);
    test::AccountSpec contact;
    contact.municipality = t.id;
    const test::TestAccount c = test::makeAccount(contact);
    t.contact = {c.id, t.id, "192.0.2.8"};
    t.contactEmail = c.email;
    test::AccountSpec clerk;
    clerk.role = test::Role::Clerk;
    clerk.office = t.office;
    const test::TestAccount k = test::makeAccount(clerk);
    t.clerk = {k.id, t.office, "192.0.2.9"};
    t.clerkEmail = k.email;
    return t;
}

OfficeClerk anotherClerk(std::uint64_t office) {
    test::AccountSpec spec;
    spec.role = test::Role::Clerk;
    spec.office = office;
    return {test::makeAccount(spec).id, office, "192.0.2.10"};
}

ApplicationForm complete() {
    ApplicationForm f = test::workedExampleForm();
    f.headcount[2] = "0";  // the group leader's wage is not published
    return f;
}

std::string stateOf(std::uint64_t id) {
    return test::rows("SELECT state FROM applications WHERE id = " + str(id))[0][0];
}
std::uint32_t versionOf(std::uint64_t id) {
    return static_cast<std::uint32_t>(test::count("SELECT version FROM applications WHERE id = " + str(id)));
}
std::string snapshot(std::uint64_t id) {
    std::string s;
    for (const auto& row : test::rows("SELECT state, version, COALESCE(contract_number, '-'), updated_at FROM"
                                      " applications WHERE id = " + str(id) +
                                      " UNION ALL SELECT version, fields, party, created_at FROM application_versions"
                                      " WHERE application_id = " + str(id) +
                                      " UNION ALL SELECT action, message, COALESCE(to_state, '-'), id FROM"
                                      " application_events WHERE application_id = " + str(id)))
        for (const std::string& v : row) s += v + "|";
    return s;
}
std::int64_t lastMailId() { return test::count("SELECT COALESCE(MAX(id), 0) FROM mail_queue"); }
std::multiset<std::string> mailedSince(std::int64_t after) {
    std::multiset<std::string> out;
    for (const auto& r : test::rows("SELECT recipient FROM mail_queue WHERE kind IN ('application_update',"
                                    " 'application_submitted', 'application_submitted_office') AND id > " +
                                    std::to_string(after)))
        out.insert(r[0]);
    return out;
}
std::int64_t audited(const std::string& action, std::uint64_t actor) {
    return test::count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "' AND actor_user_id = " +
                       str(actor));
}

// A submitted application of the town; returns its id.
std::uint64_t submitted(const Town& t, const ApplicationForm& form = complete()) {
    applications::SaveResult s = applications::createDraft(database(), t.contact, form);
    CPPUNIT_ASSERT(s.outcome == applications::SaveOutcome::Saved);
    applications::ActionResult r =
        applications::submitApplication(database(), world().config, *world().views, t.contact, s.id, 1, true);
    CPPUNIT_ASSERT(r.outcome == ActionOutcome::Done);
    return s.id;
}

applications::OfficeView open(const Town& t, std::uint64_t id) {
    return applications::openForOffice(database(), world().config, *world().views, t.clerk, id);
}

applications::ActionResult propose(const OfficeClerk& clerk, std::uint64_t id, std::uint32_t version,
                                   const ApplicationForm& form, const std::string& reason) {
    return applications::proposeChanges(database(), world().config, *world().views, clerk, id, version, form, reason);
}

applications::ActionResult decide(const OfficeClerk& clerk, std::uint64_t id, std::uint32_t version, Verdict v,
                                  const std::string& reason = "", bool confirmed = true) {
    return applications::decideApplication(database(), world().config, *world().views, clerk, id, version, v, reason,
                                           confirmed);
}

applications::ActionResult accept(const Contact& who, std::uint64_t id, std::uint32_t version) {
    return applications::acceptProposal(database(), world().config, *world().views, who, id, version, "");
}

}  // namespace

class NegotiationTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(NegotiationTest);
    CPPUNIT_TEST(testTheWholeWayToAContract);
    CPPUNIT_TEST(testEveryTransitionMailsTheOtherSide);
    CPPUNIT_TEST(testAClerkWhoTurnedTheMailsOffGetsNone);
    CPPUNIT_TEST(testTwoClerksDecidingAtOnceDoNotBothWin);
    CPPUNIT_TEST(testAStalePageChangesNothing);
    CPPUNIT_TEST(testAnotherOfficesClerkIsDeniedAndAudited);
    CPPUNIT_TEST(testAProposalIsCheckedByTheSameRules);
    CPPUNIT_TEST(testAnUnchangedProposalIsAcceptedNotResubmitted);
    CPPUNIT_TEST(testARejectionNeedsAReasonAndEndsEverything);
    CPPUNIT_TEST(testContractNumbersFollowEachOfficesOwnSequence);
    CPPUNIT_TEST(testTheInboxShowsTheOfficesSubmittedApplicationsWaitingOnesFirst);
    CPPUNIT_TEST(testMessagesFromBothSidesUntilTheDecision);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheWholeWayToAContract() {
        const Town t = makeTown();
        const std::uint64_t id = submitted(t);  // versions 1 (draft), 2 (submitted)
        CPPUNIT_ASSERT_EQUAL(std::string("submitted"), stateOf(id));

        applications::OfficeView seen = open(t, id);
        CPPUNIT_ASSERT(seen.access == OfficeAccess::Found);
        CPPUNIT_ASSERT(seen.view->application.summary.state == State::InReview);
        CPPUNIT_ASSERT_EQUAL(std::string("in_review"), stateOf(id));
        CPPUNIT_ASSERT_EQUAL(std::string(seen.parties->taxNumber.size() == 13 ? "ok" : "bad"), std::string("ok"));
        // A second look starts nothing new.
        open(t, id);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM application_events WHERE"
                                                          " application_id = " + str(id) + " AND action = 'open'"));

        // The office proposes fewer workers.
        ApplicationForm fewer = complete();
        fewer.headcount[0] = "6";
        applications::ActionResult p = propose(t.clerk, id, 2, fewer, "Kevesebb létszámra van keret.");
        CPPUNIT_ASSERT(p.outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::string("proposal"), stateOf(id));
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(3), versionOf(id));
        CPPUNIT_ASSERT_EQUAL(std::string("office"),
                             test::rows("SELECT party FROM application_versions WHERE application_id = " + str(id) +
                                        " AND version = 3")[0][0]);

        // The municipality revises the dates and submits its revision.
        ApplicationForm revised = fewer;
        revised.startDate = "2026-04-01";
        CPPUNIT_ASSERT(applications::saveDraft(database(), t.contact, id, 3, revised).outcome ==
                       applications::SaveOutcome::Saved);
        CPPUNIT_ASSERT_EQUAL(std::string("proposal"), stateOf(id));
        CPPUNIT_ASSERT(applications::submitApplication(database(), world().config, *world().views, t.contact, id, 4,
                                                       true)
                           .outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::string("submitted"), stateOf(id));  // version 5

        // The office reviews it again, proposes once more; the municipality accepts.
        open(t, id);
        ApplicationForm lessMaterial = revised;
        lessMaterial.materialSupport = "300000";
        CPPUNIT_ASSERT(propose(t.clerk, id, 5, lessMaterial, "Az anyagköltség túl magas.").outcome ==
                       ActionOutcome::Done);  // version 6
        CPPUNIT_ASSERT(accept(t.contact, id, 6).outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::string("agreed"), stateOf(id));

        // No contract before the approval.
        CPPUNIT_ASSERT(!applications::contractForContact(database(), t.contact, id));
        CPPUNIT_ASSERT(!applications::contractForOffice(database(), t.clerk, id).contract);

        // The approval: a contract number of the office's sequence.
        applications::ActionResult a = decide(t.clerk, id, 6, Verdict::Approve);
        CPPUNIT_ASSERT(a.outcome == ActionOutcome::Done);
        const int year = std::stoi(util::hungarianTimeIso(util::now()).substr(0, 4));
        CPPUNIT_ASSERT_EQUAL("JH13-" + std::string(t.office < 10 ? "0" : "") + str(t.office) + "/" + str(year) +
                                 "/000001",
                             a.contractNumber);
        CPPUNIT_ASSERT_EQUAL(std::string("approved"), stateOf(id));
        applications::Decision d = database().autocommit([&](db::Tx& tx) { return applications::loadDecision(tx, id); });
        CPPUNIT_ASSERT_EQUAL(a.contractNumber, d.contractNumber);
        CPPUNIT_ASSERT(d.version == std::uint32_t(6));

        // The contract rests on the agreed version, for both sides alike.
        std::optional<applications::Contract> c = applications::contractForContact(database(), t.contact, id);
        CPPUNIT_ASSERT(c);
        CPPUNIT_ASSERT_EQUAL(a.contractNumber, c->contractNumber);
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(6), c->version.version);
        CPPUNIT_ASSERT(c->version.fields.headcount[0] == std::int64_t(6));
        CPPUNIT_ASSERT(c->version.fields.materialSupport == std::int64_t(300000));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-04-01"), domain::isoDate(*c->version.fields.start));
        CPPUNIT_ASSERT(c->version.budget && c->version.budget->materialSupport == 300000);
        CPPUNIT_ASSERT_EQUAL(t.office, c->parties.officeId);
        applications::OfficeContract oc = applications::contractForOffice(database(), t.clerk, id);
        CPPUNIT_ASSERT(oc.contract && oc.contract->contractNumber == a.contractNumber);
        const Town stranger = makeTown();
        CPPUNIT_ASSERT(!applications::contractForContact(database(), stranger.contact, id));
        CPPUNIT_ASSERT(applications::contractForOffice(database(), stranger.clerk, id).access == OfficeAccess::Denied);

        // The timeline: six versions and every transition, each with who.
        std::optional<applications::ApplicationView> v = applications::viewApplication(database(), t.contact, id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), v->versions.size());
        std::string actions;
        for (const auto& e : v->events) actions += std::string(applications::actionCode(e.action)) + " ";
        CPPUNIT_ASSERT_EQUAL(std::string("submit open propose submit open propose accept approve "), actions);
        CPPUNIT_ASSERT(v->events[2].party == applications::Party::Office);
        CPPUNIT_ASSERT_EQUAL(std::string("Kevesebb létszámra van keret."), v->events[2].message);
        CPPUNIT_ASSERT(!v->events[2].authorName.empty());
        const auto timeline = applications::timelineOf(*v);
        CPPUNIT_ASSERT_EQUAL(std::size_t(6 + 8), timeline.size());
        CPPUNIT_ASSERT(timeline.front().version && timeline.front().version->version == 1);
        CPPUNIT_ASSERT(timeline.back().event && timeline.back().event->action == applications::Action::Approve);

        // Each transition audited with before and after.
        for (const char* action : {"application.open", "application.propose", "application.approve"})
            CPPUNIT_ASSERT_MESSAGE(action, audited(action, t.clerk.userId) >= 1);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), audited("application.accept", t.contact.userId));

        // Final: nothing changes it any more.
        const std::string before = snapshot(id);
        CPPUNIT_ASSERT(decide(t.clerk, id, 6, Verdict::Reject, "Mégsem").outcome == ActionOutcome::Decided);
        CPPUNIT_ASSERT(applications::withdrawApplication(database(), world().config, *world().views, t.contact, id,
                                                         "Mégsem")
                           .outcome == ActionOutcome::Decided);
        CPPUNIT_ASSERT(applications::postContactMessage(database(), world().config, *world().views, t.contact, id,
                                                        "Még egy szó")
                           .outcome == ActionOutcome::Decided);
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
    }

    void testEveryTransitionMailsTheOtherSide() {
        const Town t = makeTown();
        std::int64_t mark = lastMailId();
        const std::uint64_t id = submitted(t);
        // Submission: both sides (the contact's copy and the office's notice).
        CPPUNIT_ASSERT(mailedSince(mark) == std::multiset<std::string>({t.contactEmail, t.clerkEmail}));
        mark = lastMailId();
        open(t, id);
        CPPUNIT_ASSERT(mailedSince(mark) == std::multiset<std::string>({t.contactEmail}));
        mark = lastMailId();
        ApplicationForm fewer = complete();
        fewer.headcount[0] = "5";
        propose(t.clerk, id, 2, fewer, "Kevesebb főre van keret.");
        CPPUNIT_ASSERT(mailedSince(mark) == std::multiset<std::string>({t.contactEmail}));
        mark = lastMailId();
        accept(t.contact, id, 3);
        CPPUNIT_ASSERT(mailedSince(mark) == std::multiset<std::string>({t.clerkEmail}));
        // The mail says what happened and links; it carries no figures.
        const auto body = test::rows("SELECT message FROM mail_queue WHERE id > " + std::to_string(mark))[0][0];
        CPPUNIT_ASSERT(body.find("/admin/applications/" + str(id)) != std::string::npos);
        CPPUNIT_ASSERT(body.find("300 000") == std::string::npos && body.find("300000") == std::string::npos);
        mark = lastMailId();
        decide(t.clerk, id, 3, Verdict::Approve);
        CPPUNIT_ASSERT(mailedSince(mark) == std::multiset<std::string>({t.contactEmail}));
    }

    void testAClerkWhoTurnedTheMailsOffGetsNone() {
        const Town t = makeTown();
        database().autocommit([&](db::Tx& tx) { applications::setApplicationMails(tx, t.clerk.userId, false); });
        const std::int64_t mark = lastMailId();
        const std::uint64_t id = submitted(t);
        applications::postContactMessage(database(), world().config, *world().views, t.contact, id, "Kérdésünk van.");
        CPPUNIT_ASSERT(mailedSince(mark) == std::multiset<std::string>({t.contactEmail}));
        database().autocommit([&](db::Tx& tx) {
            CPPUNIT_ASSERT(!applications::applicationMailsOn(tx, t.clerk.userId));
            applications::setApplicationMails(tx, t.clerk.userId, true);
            CPPUNIT_ASSERT(applications::applicationMailsOn(tx, t.clerk.userId));
        });
    }

    void testTwoClerksDecidingAtOnceDoNotBothWin() {
        const Town t = makeTown();
        const OfficeClerk second = anotherClerk(t.office);
        const std::uint64_t id = submitted(t);
        open(t, id);
        // Both loaded the page at version 2; the first decision holds.
        CPPUNIT_ASSERT(decide(t.clerk, id, 2, Verdict::Approve).outcome == ActionOutcome::Done);
        const std::string before = snapshot(id);
        CPPUNIT_ASSERT(decide(second, id, 2, Verdict::Reject, "Nincs keret").outcome == ActionOutcome::Decided);
        CPPUNIT_ASSERT(decide(second, id, 2, Verdict::Approve).outcome == ActionOutcome::Decided);
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM contract_numbers WHERE office_id = " +
                                                          str(t.office)));
    }

    void testAStalePageChangesNothing() {
        const Town t = makeTown();
        const std::uint64_t id = submitted(t);
        open(t, id);
        ApplicationForm fewer = complete();
        fewer.headcount[0] = "7";
        CPPUNIT_ASSERT(propose(t.clerk, id, 2, fewer, "Kevesebb").outcome == ActionOutcome::Done);  // version 3
        // The contact revises (version 4): an accept from the page of version 3 no longer applies.
        ApplicationForm revised = fewer;
        revised.workLocations = "Fő utca, Szőlő utca, Malom utca";
        CPPUNIT_ASSERT(applications::saveDraft(database(), t.contact, id, 3, revised).outcome ==
                       applications::SaveOutcome::Saved);
        std::string before = snapshot(id);
        CPPUNIT_ASSERT(accept(t.contact, id, 3).outcome == ActionOutcome::Stale);
        CPPUNIT_ASSERT(accept(t.contact, id, 4).outcome == ActionOutcome::Stale);  // its own revision is no proposal
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        // A decision from an older page does not apply either.
        CPPUNIT_ASSERT(applications::submitApplication(database(), world().config, *world().views, t.contact, id, 4,
                                                       true)
                           .outcome == ActionOutcome::Done);  // version 5
        open(t, id);
        before = snapshot(id);
        CPPUNIT_ASSERT(decide(t.clerk, id, 3, Verdict::Approve).outcome == ActionOutcome::Stale);
        CPPUNIT_ASSERT(propose(t.clerk, id, 3, fewer, "Régi oldalról").outcome == ActionOutcome::Stale);
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
    }

    void testAnotherOfficesClerkIsDeniedAndAudited() {
        const Town t = makeTown();
        const Town other = makeTown();
        const std::uint64_t id = submitted(t);
        const std::string before = snapshot(id);
        const std::int64_t denied = audited("application.denied", other.clerk.userId);
        CPPUNIT_ASSERT(open(other, id).access == OfficeAccess::Denied);
        CPPUNIT_ASSERT(applications::viewForOffice(database(), other.clerk, id).access == OfficeAccess::Denied);
        CPPUNIT_ASSERT(propose(other.clerk, id, 2, complete(), "x").outcome == ActionOutcome::Denied);
        CPPUNIT_ASSERT(decide(other.clerk, id, 2, Verdict::Approve).outcome == ActionOutcome::Denied);
        CPPUNIT_ASSERT(applications::postOfficeMessage(database(), world().config, *world().views, other.clerk, id,
                                                       "x")
                           .outcome == ActionOutcome::Denied);
        CPPUNIT_ASSERT(applications::officeVersions(database(), other.clerk, id, 1, 2).access == OfficeAccess::Denied);
        CPPUNIT_ASSERT_EQUAL(denied + 6, audited("application.denied", other.clerk.userId));
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        // Not in the other office's inbox; a draft is in no inbox at all.
        const std::uint64_t draft =
            applications::createDraft(database(), t.contact, complete()).id;
        CPPUNIT_ASSERT(applications::inboxForOffice(database(), other.clerk, {}, 1).rows.empty());
        CPPUNIT_ASSERT(open(t, draft).access == OfficeAccess::NotFound);
        CPPUNIT_ASSERT(open(t, 999999999).access == OfficeAccess::NotFound);
    }

    void testAProposalIsCheckedByTheSameRules() {
        const Town t = makeTown();
        const std::uint64_t id = submitted(t);
        open(t, id);
        const std::string before = snapshot(id);
        ApplicationForm bad = complete();
        bad.dailyHours = "9";       // the long-term type allows 4–8
        bad.headcount[0] = "sok";   // not a number
        applications::ActionResult r = propose(t.clerk, id, 2, bad, "");
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(r.errors.find("headcount_basic") != nullptr);
        CPPUNIT_ASSERT(r.errors.find("message") != nullptr);  // a reason is required
        ApplicationForm incomplete = complete();
        incomplete.publicTask = "";
        r = propose(t.clerk, id, 2, incomplete, "Rövidebb leírás");
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(r.errors.find("public_task") != nullptr);
        ApplicationForm tooLong = complete();
        tooLong.dailyHours = "9";
        r = propose(t.clerk, id, 2, tooLong, "Hosszabb napok");
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(r.errors.find("daily_hours") != nullptr);
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        // Not before the review began, nor by the municipality.
        const std::uint64_t fresh = submitted(t);
        CPPUNIT_ASSERT(propose(t.clerk, fresh, 2, complete(), "Korai").outcome == ActionOutcome::NotAllowed);
    }

    void testAnUnchangedProposalIsAcceptedNotResubmitted() {
        const Town t = makeTown();
        const std::uint64_t id = submitted(t);
        open(t, id);
        ApplicationForm fewer = complete();
        fewer.headcount[0] = "4";
        propose(t.clerk, id, 2, fewer, "Kevesebb");
        const std::string before = snapshot(id);
        applications::ActionResult r =
            applications::submitApplication(database(), world().config, *world().views, t.contact, id, 3, true);
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(r.errors.find("version") != nullptr);
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        // The office cannot accept its own proposal, nor approve before the answer.
        CPPUNIT_ASSERT(decide(t.clerk, id, 3, Verdict::Approve).outcome == ActionOutcome::NotAllowed);
    }

    void testARejectionNeedsAReasonAndEndsEverything() {
        const Town t = makeTown();
        const std::uint64_t id = submitted(t);
        std::string before = snapshot(id);
        applications::ActionResult r = decide(t.clerk, id, 2, Verdict::Reject, "   ");
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(r.errors.find("reason") != nullptr);
        r = decide(t.clerk, id, 2, Verdict::Reject, "Nincs keret", false);
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(r.errors.find("confirm") != nullptr);
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        // Approval needs a review first; rejection does not.
        CPPUNIT_ASSERT(decide(t.clerk, id, 2, Verdict::Approve).outcome == ActionOutcome::NotAllowed);
        r = decide(t.clerk, id, 2, Verdict::Reject, "Nincs keret a programra.");
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT(r.contractNumber.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("rejected"), stateOf(id));
        CPPUNIT_ASSERT_EQUAL(std::string("-"), test::rows("SELECT COALESCE(contract_number, '-') FROM applications"
                                                          " WHERE id = " + str(id))[0][0]);
        before = snapshot(id);
        CPPUNIT_ASSERT(applications::postOfficeMessage(database(), world().config, *world().views, t.clerk, id, "x")
                           .outcome == ActionOutcome::Decided);
        CPPUNIT_ASSERT(applications::saveDraft(database(), t.contact, id, 2, complete()).outcome ==
                       applications::SaveOutcome::NotEditable);
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
    }

    void testContractNumbersFollowEachOfficesOwnSequence() {
        const Town a = makeTown();
        const Town b = makeTown();
        test::adminSql("UPDATE district_offices SET code = 'BUD-07' WHERE id = " + str(b.office));
        std::vector<std::string> numbers;
        for (const Town* t : {&a, &a, &b, &a}) {
            const std::uint64_t id = submitted(*t);
            open(*t, id);
            numbers.push_back(decide(t->clerk, id, 2, Verdict::Approve).contractNumber);
        }
        const std::string year = util::hungarianTimeIso(util::now()).substr(0, 4);
        const std::regex own("JH13-[0-9]{2,}/" + year + "/00000([123])");
        std::smatch m;
        CPPUNIT_ASSERT(std::regex_match(numbers[0], m, own) && m[1] == "1");
        CPPUNIT_ASSERT(std::regex_match(numbers[1], m, own) && m[1] == "2");
        CPPUNIT_ASSERT_EQUAL("BUD-07/" + year + "/000001", numbers[2]);
        CPPUNIT_ASSERT(std::regex_match(numbers[3], m, own) && m[1] == "3");
    }

    void testTheInboxShowsTheOfficesSubmittedApplicationsWaitingOnesFirst() {
        const Town t = makeTown();
        const std::uint64_t rejected = submitted(t);
        decide(t.clerk, rejected, 2, Verdict::Reject, "Nem");
        const std::uint64_t waiting = submitted(t);
        applications::createDraft(database(), t.contact, complete());  // a draft: the municipality's own
        const std::uint64_t reviewed = submitted(t);
        open(t, reviewed);
        applications::Inbox inbox = applications::inboxForOffice(database(), t.clerk, {}, 1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), inbox.rows.size());
        CPPUNIT_ASSERT_EQUAL(reviewed, inbox.rows[0].summary.id);
        CPPUNIT_ASSERT_EQUAL(waiting, inbox.rows[1].summary.id);
        CPPUNIT_ASSERT_EQUAL(rejected, inbox.rows[2].summary.id);
        CPPUNIT_ASSERT(!inbox.hasNext);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), inbox.municipalities.size());
        std::map<std::string, std::uint64_t> counts;
        for (const auto& c : inbox.counts) counts[std::string(applications::stateCode(c.state))] = c.count;
        CPPUNIT_ASSERT((counts == std::map<std::string, std::uint64_t>{{"submitted", 1}, {"in_review", 1},
                                                                       {"rejected", 1}}));

        applications::InboxFilter f;
        f.state = State::Rejected;
        inbox = applications::inboxForOffice(database(), t.clerk, f, 1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), inbox.rows.size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), inbox.counts.size());  // the counts ignore the state filter

        f = {};
        f.query = inbox.rows[0].summary.number;
        inbox = applications::inboxForOffice(database(), t.clerk, f, 1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), inbox.rows.size());
        CPPUNIT_ASSERT_EQUAL(rejected, inbox.rows[0].summary.id);
        f.query = inbox.rows[0].taxNumber;
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), applications::inboxForOffice(database(), t.clerk, f, 1).rows.size());
        f.query = "Tárgyalófalva";
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), applications::inboxForOffice(database(), t.clerk, f, 1).rows.size());
        f.query = "%";  // a wildcard matches only itself
        CPPUNIT_ASSERT(applications::inboxForOffice(database(), t.clerk, f, 1).rows.empty());
        f = {};
        f.year = 1999;
        CPPUNIT_ASSERT(applications::inboxForOffice(database(), t.clerk, f, 1).rows.empty());
        f.year = std::stoi(util::hungarianTimeIso(util::now()).substr(0, 4));
        f.municipalityId = t.id;
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), applications::inboxForOffice(database(), t.clerk, f, 1).rows.size());
        // The export: every one, oldest number first.
        const auto all = applications::exportForOffice(database(), t.office, std::nullopt);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), all.size());
        CPPUNIT_ASSERT_EQUAL(rejected, all[0].summary.id);
    }

    void testMessagesFromBothSidesUntilTheDecision() {
        const Town t = makeTown();
        const std::uint64_t draft = applications::createDraft(database(), t.contact, complete()).id;
        CPPUNIT_ASSERT(applications::postContactMessage(database(), world().config, *world().views, t.contact, draft,
                                                        "Vázlat")
                           .outcome == ActionOutcome::NotAllowed);
        const std::uint64_t id = submitted(t);
        applications::ActionResult r = applications::postContactMessage(database(), world().config, *world().views,
                                                                        t.contact, id, "  ");
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid && r.errors.find("message") != nullptr);
        r = applications::postContactMessage(database(), world().config, *world().views, t.contact, id,
                                             std::string(applications::kMaxMessageChars + 1, 'a'));
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(applications::postContactMessage(database(), world().config, *world().views, t.contact, id,
                                                        "Első sor\nMásodik <b>sor</b>")
                           .outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT(applications::postOfficeMessage(database(), world().config, *world().views, t.clerk, id,
                                                       "Köszönjük, vizsgáljuk.")
                           .outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::string("submitted"), stateOf(id));  // a message keeps the state
        const auto rows = test::rows("SELECT party, message FROM application_events WHERE application_id = " +
                                     str(id) + " AND action = 'message' ORDER BY id");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), rows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("contact"), rows[0][0]);
        CPPUNIT_ASSERT_EQUAL(std::string("Első sor\nMásodik <b>sor</b>"), rows[0][1]);
        CPPUNIT_ASSERT_EQUAL(std::string("office"), rows[1][0]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NegotiationTest);
