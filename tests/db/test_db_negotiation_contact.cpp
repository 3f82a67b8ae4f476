// The municipality's side of the negotiation on real tables: the office
// (a clerk of the municipality's office, through office_service.h) opens a
// submitted application and proposes changes; the contact answers by
// accepting the proposal shown or by revising it and submitting the
// revision; messages go on the timeline between submission and decision;
// any two versions compare, within the municipality only. Then the pages
// themselves, through the real request loop and the program's handlers:
// the proposal to answer, the home page's line, the revision form, the
// decision and the diff page.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdio>

#include "applications/application_handlers.h"
#include "applications/application_service.h"
#include "applications/office_service.h"
#include "applications/version_diff.h"
#include "db/database.h"
#include "db_fixture.h"
#include "login/login_handler.h"
#include "repo/accounts.h"
#include "util/json.h"

using namespace ktk;
using applications::ActionOutcome;
using applications::ApplicationForm;
using applications::Contact;
using applications::OfficeClerk;
using applications::SaveOutcome;
using applications::State;

namespace {

db::Database& database() { return *test::dbWorld().db; }
const config::Config& cfg() { return test::dbWorld().config; }
const view::Views& views() { return *test::dbWorld().views; }

std::string str(std::uint64_t n) { return std::to_string(n); }

// A complete application the shipped 2026 rates let through.
ApplicationForm complete() {
    ApplicationForm f = test::workedExampleForm();
    f.headcount[2] = "0";
    return f;
}

// An application of a municipality of its own, submitted (version 2),
// opened by a clerk of its office and answered with a proposal of fewer
// workers (version 3, the office's).
struct Negotiation {
    std::uint64_t office = 0, municipality = 0;
    test::TestAccount contactAccount, clerkAccount;
    Contact contact;
    OfficeClerk clerk;
    std::uint64_t id = 0;
};

constexpr const char* kReason = "Kevesebb munkás is elég.\n<b>A keret</b> szűkös & véges.";

Negotiation submitted() {
    static int serial = 0;
    ++serial;
    char tax[32];
    std::snprintf(tax, sizeof tax, "3%07d-2-13", serial);
    Negotiation n;
    n.office = test::makeOffice("Tárgyaló Járási Hivatal " + str(serial), "13");
    n.municipality = test::makeMunicipality("Tárgyalófalva " + str(serial), tax, n.office);
    n.contactAccount = test::makeAccount({test::Role::Contact, true, true, false, 0, n.municipality});
    n.clerkAccount = test::makeAccount({test::Role::Clerk, true, false, false, n.office});
    n.contact = {n.contactAccount.id, n.municipality, "192.0.2.7"};
    n.clerk = {n.clerkAccount.id, n.office, "192.0.2.9"};
    applications::SaveResult draft = applications::createDraft(database(), n.contact, complete());
    CPPUNIT_ASSERT(draft.outcome == SaveOutcome::Saved);
    n.id = draft.id;
    CPPUNIT_ASSERT(applications::submitApplication(database(), cfg(), views(), n.contact, n.id, 1, true).outcome ==
                   ActionOutcome::Done);
    return n;
}

Negotiation proposed() {
    Negotiation n = submitted();
    applications::OfficeView opened = applications::openForOffice(database(), cfg(), views(), n.clerk, n.id);
    CPPUNIT_ASSERT(opened.access == applications::OfficeAccess::Found);
    ApplicationForm fewer = complete();
    fewer.headcount[0] = "8";
    applications::ActionResult r =
        applications::proposeChanges(database(), cfg(), views(), n.clerk, n.id, 2, fewer, kReason);
    CPPUNIT_ASSERT(r.outcome == ActionOutcome::Done);
    return n;
}

applications::ActionResult accept(const Negotiation& n, std::uint32_t version, const std::string& message = "") {
    return applications::acceptProposal(database(), cfg(), views(), n.contact, n.id, version, message);
}

applications::ActionResult message(const Contact& who, std::uint64_t id, const std::string& text) {
    return applications::postContactMessage(database(), cfg(), views(), who, id, text);
}

applications::ActionResult decide(const Negotiation& n, std::uint32_t version, applications::Verdict verdict,
                                  const std::string& reason) {
    return applications::decideApplication(database(), cfg(), views(), n.clerk, n.id, version, verdict, reason,
                                           true);
}

std::string state(std::uint64_t id) {
    return test::rows("SELECT state FROM applications WHERE id = " + str(id))[0][0];
}
std::int64_t versions(std::uint64_t id) {
    return test::count("SELECT COUNT(*) FROM application_versions WHERE application_id = " + str(id));
}
std::int64_t lastMailId() { return test::count("SELECT COALESCE(MAX(id), 0) FROM mail_queue"); }
std::vector<std::string> updateMailsTo(std::int64_t afterId) {
    std::vector<std::string> out;
    for (const auto& r : test::rows("SELECT recipient FROM mail_queue WHERE kind = 'application_update' AND id > " +
                                    std::to_string(afterId) + " ORDER BY id"))
        out.push_back(r[0]);
    return out;
}
std::int64_t denials(std::uint64_t userId) {
    return test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'application.denied' AND actor_user_id = " +
                       str(userId));
}

bool contains(const std::string& haystack, const std::string& needle) { return test::contains(haystack, needle); }

// The program's routes that these pages need, and the home page.
web::Routes routes() {
    namespace h = applications::handlers;
    web::Routes r;
    r.push_back({"/home", web::Access::User, std::make_unique<login::HomeHandler>()});
    r.push_back({"/applications/{id}", web::Access::LinkedContact, std::make_unique<h::ShowHandler>()});
    r.push_back({"/applications/{id}/edit", web::Access::LinkedContact, std::make_unique<h::EditHandler>()});
    r.push_back({"/applications/{id}/accept", web::Access::LinkedContact, std::make_unique<h::AcceptHandler>()});
    r.push_back({"/applications/{id}/message", web::Access::LinkedContact, std::make_unique<h::MessageHandler>()});
    r.push_back({"/applications/{id}/versions/{a}/diff/{b}", web::Access::LinkedContact,
                 std::make_unique<h::DiffHandler>()});
    return r;
}

// The <li> of the home page's waiting item for application `id`.
std::string waitingItem(const std::string& page, std::uint64_t id) {
    const std::size_t at = page.find("data-application-id=\"" + str(id) + "\"");
    if (at == std::string::npos) return "";
    return page.substr(at, page.find("</li>", at) - at);
}

}  // namespace

class NegotiationContactTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(NegotiationContactTest);
    CPPUNIT_TEST(testTheOfficesProposalWaitsForTheContactsAnswer);
    CPPUNIT_TEST(testAcceptingAgreesOnTheProposalShownAndTellsTheOffice);
    CPPUNIT_TEST(testTheProposalItselfIsNotSubmittedAsARevision);
    CPPUNIT_TEST(testARevisionIsSubmittedForReviewAndTheProposalNoLongerAccepted);
    CPPUNIT_TEST(testSavingTheProposalUnchangedIsNoRevisionAndItCanStillBeAccepted);
    CPPUNIT_TEST(testMessagesGoOnTheTimelineFromSubmissionUntilTheDecision);
    CPPUNIT_TEST(testAnyTwoVersionsCompareWithinTheMunicipalityOnly);
    CPPUNIT_TEST(testThePageOffersTheAnswersWithTheReasonAndWhatChanged);
    CPPUNIT_TEST(testARefusedAcceptanceKeepsItsTextAndNamesItsOwnField);
    CPPUNIT_TEST(testTheHomePageAsksForAnAnswerWithoutADeadline);
    CPPUNIT_TEST(testTheEditFormSaysItRevisesTheProposal);
    CPPUNIT_TEST(testTheDiffPageShowsWhatTheOfficeChangedAndNothingElsewhere);
    CPPUNIT_TEST(testAnApprovalLinksTheContractAndARejectionGivesItsReason);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheOfficesProposalWaitsForTheContactsAnswer() {
        const Negotiation n = proposed();
        std::optional<applications::ApplicationView> view = applications::viewApplication(database(), n.contact, n.id);
        CPPUNIT_ASSERT(view);
        CPPUNIT_ASSERT(view->application.summary.state == State::Proposal);
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(3), view->application.current.version);
        CPPUNIT_ASSERT(view->application.current.party == applications::Party::Office);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(8), *view->application.current.fields.headcount[0]);
        CPPUNIT_ASSERT(applications::allowed(State::Proposal, applications::Action::Accept,
                                             applications::Party::Contact));
        const applications::HomeApplications home = applications::homeForContact(database(), n.contact);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), home.waiting.size());
        CPPUNIT_ASSERT_EQUAL(n.id, home.waiting[0].id);
        // The timeline: the draft, the submission, the review, the proposal with its reason.
        std::vector<std::string> kinds;
        for (const applications::TimelineEntry& t : applications::timelineOf(*view))
            kinds.push_back(t.version ? "v" + str(t.version->version) : std::string(actionCode(t.event->action)));
        CPPUNIT_ASSERT(kinds == std::vector<std::string>({"v1", "v2", "submit", "open", "v3", "propose"}));
        CPPUNIT_ASSERT_EQUAL(std::string(kReason), view->events.back().message);
        CPPUNIT_ASSERT_EQUAL(std::string("Teszt"), view->versions.back().authorLastName);
    }

    void testAcceptingAgreesOnTheProposalShownAndTellsTheOffice() {
        const Negotiation n = proposed();
        const std::int64_t mails = lastMailId();
        // A page of the submission, before the proposal: nothing happens.
        CPPUNIT_ASSERT(accept(n, 2).outcome == ActionOutcome::Stale);
        CPPUNIT_ASSERT_EQUAL(std::string("proposal"), state(n.id));
        applications::ActionResult r = accept(n, 3, "Rendben, köszönjük.");
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::string("agreed"), state(n.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), versions(n.id));  // no new version: the proposal is what is agreed
        const auto event = test::rows(
            "SELECT action, party, author_id, from_state, to_state, version, message FROM application_events"
            " WHERE application_id = " + str(n.id) + " ORDER BY id DESC LIMIT 1");
        CPPUNIT_ASSERT(event[0] == std::vector<std::string>({"accept", "contact", str(n.contactAccount.id), "proposal",
                                                             "agreed", "3", "Rendben, köszönjük."}));
        const auto audit = test::rows("SELECT after_value FROM audit_log WHERE action = 'application.accept'"
                                      " AND actor_user_id = " + str(n.contactAccount.id));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), audit.size());
        CPPUNIT_ASSERT_EQUAL(3, util::Json::parse(audit[0][0])["version"].get<int>());
        // The office is told; the municipality, who acted, is not.
        CPPUNIT_ASSERT(updateMailsTo(mails) == std::vector<std::string>({n.clerkAccount.email}));
        // Accepted once: a second answer finds nothing to accept.
        CPPUNIT_ASSERT(accept(n, 3).outcome == ActionOutcome::NotAllowed);
    }

    void testTheProposalItselfIsNotSubmittedAsARevision() {
        const Negotiation n = proposed();
        applications::ActionResult r =
            applications::submitApplication(database(), cfg(), views(), n.contact, n.id, 3, true);
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(r.errors.find("version"));
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.revise_first"), *r.errors.find("version"));
        CPPUNIT_ASSERT_EQUAL(std::string("proposal"), state(n.id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), versions(n.id));
    }

    void testARevisionIsSubmittedForReviewAndTheProposalNoLongerAccepted() {
        const Negotiation n = proposed();
        ApplicationForm revised = complete();
        revised.headcount[0] = "9";
        revised.endDate = "2026-04-30";
        applications::SaveResult saved = applications::saveDraft(database(), n.contact, n.id, 3, revised);
        CPPUNIT_ASSERT(saved.outcome == SaveOutcome::Saved);
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(4), saved.version);
        CPPUNIT_ASSERT_EQUAL(std::string("proposal"), state(n.id));
        CPPUNIT_ASSERT_EQUAL(std::string("contact|0"),
                             test::rows("SELECT CONCAT(party, '|', submitted_at IS NOT NULL) FROM application_versions"
                                        " WHERE application_id = " + str(n.id) + " AND version = 4")[0][0]);
        // The proposal was left for a revision: it cannot be accepted as it was.
        CPPUNIT_ASSERT(accept(n, 3).outcome == ActionOutcome::Stale);
        CPPUNIT_ASSERT(accept(n, 4).outcome == ActionOutcome::Stale);
        const std::int64_t mails = lastMailId();
        applications::ActionResult r =
            applications::submitApplication(database(), cfg(), views(), n.contact, n.id, 4, true);
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::string("submitted"), state(n.id));
        const auto v5 = test::rows("SELECT party, submitted_at IS NOT NULL, JSON_VALUE(fields, '$.end_date')"
                                   " FROM application_versions WHERE application_id = " + str(n.id) + " AND version = 5");
        CPPUNIT_ASSERT(v5[0] == std::vector<std::string>({"contact", "1", "2026-04-30"}));
        const auto event = test::rows("SELECT action, from_state, to_state, version FROM application_events"
                                      " WHERE application_id = " + str(n.id) + " ORDER BY id DESC LIMIT 1");
        CPPUNIT_ASSERT(event[0] == std::vector<std::string>({"submit", "proposal", "submitted", "5"}));
        // The office is told of a revised version, not of a new application.
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM mail_queue WHERE kind ="
                                                          " 'application_submitted_office' AND id > " +
                                                          std::to_string(mails)));
        CPPUNIT_ASSERT(updateMailsTo(mails) == std::vector<std::string>({n.clerkAccount.email}));
    }

    void testSavingTheProposalUnchangedIsNoRevisionAndItCanStillBeAccepted() {
        const Negotiation n = proposed();
        std::optional<applications::ApplicationView> view = applications::viewApplication(database(), n.contact, n.id);
        applications::SaveResult r = applications::saveDraft(database(), n.contact, n.id, 3,
                                                             applications::toForm(view->application.current.fields));
        CPPUNIT_ASSERT(r.outcome == SaveOutcome::Unchanged);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), versions(n.id));
        CPPUNIT_ASSERT(accept(n, 3).outcome == ActionOutcome::Done);
        // A draft saved unchanged is still a new version, as before.
        const Negotiation other = submitted();
        applications::SaveResult draft = applications::createDraft(database(), other.contact, complete());
        CPPUNIT_ASSERT(applications::saveDraft(database(), other.contact, draft.id, 1, complete()).outcome ==
                       SaveOutcome::Saved);
    }

    void testMessagesGoOnTheTimelineFromSubmissionUntilTheDecision() {
        Negotiation n = submitted();
        applications::SaveResult draft = applications::createDraft(database(), n.contact, complete());
        CPPUNIT_ASSERT(message(n.contact, draft.id, "Korai üzenet").outcome == ActionOutcome::NotAllowed);
        const std::int64_t mails = lastMailId();
        CPPUNIT_ASSERT(message(n.contact, n.id, "Első sor\nMásodik sor").outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(std::string("submitted"), state(n.id));  // a message keeps the state
        CPPUNIT_ASSERT(updateMailsTo(mails) == std::vector<std::string>({n.clerkAccount.email}));
        const auto row = test::rows("SELECT action, party, from_state IS NULL, message FROM application_events"
                                    " WHERE application_id = " + str(n.id) + " ORDER BY id DESC LIMIT 1");
        CPPUNIT_ASSERT(row[0] == std::vector<std::string>({"message", "contact", "1", "Első sor\nMásodik sor"}));
        applications::ActionResult empty = message(n.contact, n.id, " \n ");
        CPPUNIT_ASSERT(empty.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.message"), *empty.errors.find("message"));
        CPPUNIT_ASSERT(message(n.contact, n.id, std::string(2001, 'x')).outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(message(n.contact, n.id, std::string(2000, 'x')).outcome == ActionOutcome::Done);
        // Another municipality's contact finds nothing, and is audited.
        const Negotiation stranger = submitted();
        const std::int64_t before = denials(stranger.contactAccount.id);
        CPPUNIT_ASSERT(message(stranger.contact, n.id, "Betolakodó").outcome == ActionOutcome::NotFound);
        CPPUNIT_ASSERT_EQUAL(before + 1, denials(stranger.contactAccount.id));
        // After the decision nothing more.
        applications::openForOffice(database(), cfg(), views(), n.clerk, n.id);
        CPPUNIT_ASSERT(decide(n, 2, applications::Verdict::Reject, "Nincs keret.").outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT(message(n.contact, n.id, "Még egyszer").outcome == ActionOutcome::Decided);
    }

    void testAnyTwoVersionsCompareWithinTheMunicipalityOnly() {
        const Negotiation n = proposed();
        std::optional<applications::VersionPair> pair = applications::contactVersions(database(), n.contact, n.id, 2, 3);
        CPPUNIT_ASSERT(pair);
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(3), pair->newest);
        const applications::VersionDiff diff = applications::diffVersions(pair->a, pair->b);
        std::vector<std::string> changed;
        for (const applications::DiffRow& r : diff.fields)
            if (r.changed) changed.push_back(r.id);
        CPPUNIT_ASSERT(changed == std::vector<std::string>({"headcount_basic"}));
        CPPUNIT_ASSERT(diff.budgetA && diff.budgetB);
        CPPUNIT_ASSERT(diff.changedBudget > 0);  // fewer workers, smaller wages
        CPPUNIT_ASSERT(applications::contactVersions(database(), n.contact, n.id, 1, 3));  // a draft too
        CPPUNIT_ASSERT(!applications::contactVersions(database(), n.contact, n.id, 2, 4));
        const Negotiation stranger = submitted();
        const std::int64_t before = denials(stranger.contactAccount.id);
        CPPUNIT_ASSERT(!applications::contactVersions(database(), stranger.contact, n.id, 2, 3));
        CPPUNIT_ASSERT_EQUAL(before + 1, denials(stranger.contactAccount.id));
    }

    void testThePageOffersTheAnswersWithTheReasonAndWhatChanged() {
        const Negotiation n = proposed();
        web::Routes r = routes();
        test::Browser b = test::loggedIn(n.contactAccount.id);
        const std::string path = "/applications/" + str(n.id);
        web::Response page = test::get(r, b, path);
        CPPUNIT_ASSERT_EQUAL(200, page.status);
        const std::string& html = page.body;
        CPPUNIT_ASSERT(contains(html, "data-state=\"proposal\""));
        CPPUNIT_ASSERT(contains(html, "<h2 id=\"proposal-heading\">A hivatal módosítást javasolt</h2>"));
        CPPUNIT_ASSERT_MESSAGE(html, contains(html, "Kevesebb munkás is elég.\n&lt;b&gt;A keret&lt;/b&gt; szűkös &amp; véges."));
        CPPUNIT_ASSERT(contains(html, "href=\"" + path + "/versions/2/diff/3\" id=\"proposal-diff\""));
        CPPUNIT_ASSERT(contains(html, "action=\"" + path + "/accept\""));
        CPPUNIT_ASSERT(contains(html, "name=\"version\" value=\"3\""));
        CPPUNIT_ASSERT(contains(html, "href=\"" + path + "/edit\" id=\"revise-link\""));
        // The proposal is answered, not submitted; no plain "edit" either.
        CPPUNIT_ASSERT(!contains(html, "action=\"" + path + "/submit\""));
        CPPUNIT_ASSERT(!contains(html, "class=\"btn btn-primary\" href=\"" + path + "/edit\""));
        // The timeline and the message form; withdrawal still there.
        CPPUNIT_ASSERT(contains(html, "<section id=\"timeline\""));
        CPPUNIT_ASSERT(contains(html, "id=\"timeline-version-3\""));
        CPPUNIT_ASSERT(contains(html, "action=\"" + path + "/message\""));
        CPPUNIT_ASSERT(contains(html, "action=\"" + path + "/withdraw\""));

        // Accepting through the page.
        web::Response done = test::post(r, b, path + "/accept", {{"version", "3"}, {"message", ""}});
        CPPUNIT_ASSERT_EQUAL(303, done.status);
        CPPUNIT_ASSERT_EQUAL(path + "?accepted=1", test::location(done));
        const std::string agreed = test::get(r, b, path).body;
        CPPUNIT_ASSERT(contains(agreed, "data-state=\"agreed\""));
        CPPUNIT_ASSERT(contains(agreed, "A hivatal javaslatát elfogadták"));
        CPPUNIT_ASSERT(!contains(agreed, "id=\"proposal\""));
        CPPUNIT_ASSERT(contains(agreed, "data-action=\"accept\""));
    }

    void testARefusedAcceptanceKeepsItsTextAndNamesItsOwnField() {
        const Negotiation n = proposed();
        web::Routes r = routes();
        test::Browser b = test::loggedIn(n.contactAccount.id);
        const std::string path = "/applications/" + str(n.id);
        const std::string tooLong = std::string(2001, 'y');
        web::Response refused = test::post(r, b, path + "/accept", {{"version", "3"}, {"message", tooLong}});
        CPPUNIT_ASSERT_EQUAL(422, refused.status);
        CPPUNIT_ASSERT(contains(refused.body, "href=\"#accept_message\""));
        CPPUNIT_ASSERT(contains(refused.body, "id=\"accept_message-error\""));
        CPPUNIT_ASSERT(contains(refused.body, ">" + tooLong + "</textarea>"));
        CPPUNIT_ASSERT(!contains(refused.body, "id=\"message-error\""));
        CPPUNIT_ASSERT_EQUAL(std::string("proposal"), state(n.id));
        // A message without text: its own field.
        web::Response empty = test::post(r, b, path + "/message", {{"message", ""}});
        CPPUNIT_ASSERT_EQUAL(422, empty.status);
        CPPUNIT_ASSERT(contains(empty.body, "id=\"message-error\""));
        CPPUNIT_ASSERT(!contains(empty.body, "id=\"accept_message-error\""));
        // From a page of an older version: back to the page, which says so.
        web::Response stale = test::post(r, b, path + "/accept", {{"version", "2"}});
        CPPUNIT_ASSERT_EQUAL(path + "?changed=1", test::location(stale));
        web::Response sent = test::post(r, b, path + "/message", {{"message", "Kérdés <script>"}});
        CPPUNIT_ASSERT_EQUAL(path + "?sent=1#timeline", test::location(sent));
    }

    void testTheHomePageAsksForAnAnswerWithoutADeadline() {
        const Negotiation n = proposed();
        web::Routes r = routes();
        test::Browser b = test::loggedIn(n.contactAccount.id);
        const std::string item = waitingItem(test::get(r, b, "/home").body, n.id);
        CPPUNIT_ASSERT_MESSAGE(item, contains(item, "A hivatal módosítást javasolt – kérjük, válaszoljon"));
        CPPUNIT_ASSERT(contains(item, "data-state=\"proposal\""));
        // A draft waits too, without that line.
        applications::SaveResult draft = applications::createDraft(database(), n.contact, complete());
        const std::string draftItem = waitingItem(test::get(r, b, "/home").body, draft.id);
        CPPUNIT_ASSERT(!draftItem.empty());
        CPPUNIT_ASSERT(!contains(draftItem, "javasolt"));
    }

    void testTheEditFormSaysItRevisesTheProposal() {
        const Negotiation n = proposed();
        web::Routes r = routes();
        test::Browser b = test::loggedIn(n.contactAccount.id);
        const std::string path = "/applications/" + str(n.id);
        const std::string form = test::get(r, b, path + "/edit").body;
        CPPUNIT_ASSERT(contains(form, "<h1>A hivatal javaslatának átdolgozása</h1>"));
        CPPUNIT_ASSERT(contains(form, "id=\"revision-note\""));
        CPPUNIT_ASSERT(contains(form, "name=\"version\" value=\"3\""));
        CPPUNIT_ASSERT(contains(form, "value=\"8\""));  // the office's figure to start from
        // Saved unchanged: no revision, and the page says why.
        std::vector<std::pair<std::string, std::string>> fields = {{"version", "3"}};
        const ApplicationForm f = applications::toForm(
            applications::viewApplication(database(), n.contact, n.id)->application.current.fields);
        fields.insert(fields.end(), {{"title", f.title}, {"programme_type", f.programmeType},
                                     {"public_task", f.publicTask}, {"work_locations", f.workLocations},
                                     {"start_date", f.startDate}, {"end_date", f.endDate},
                                     {"daily_hours", f.dailyHours}, {"headcount_basic", f.headcount[0]},
                                     {"headcount_skilled", f.headcount[1]}, {"headcount_leaders", f.headcount[2]},
                                     {"headcount_leaders_skilled", f.headcount[3]},
                                     {"wage_support_pct", f.wageSupportPct}, {"material_support", f.materialSupport}});
        for (std::size_t i = 0; i < f.itemNames.size(); ++i) {
            fields.emplace_back("material_item_name", f.itemNames[i]);
            fields.emplace_back("material_item_amount", f.itemAmounts[i]);
        }
        web::Response same = test::post(r, b, path + "/edit", fields);
        CPPUNIT_ASSERT_EQUAL(path + "?unchanged=1#proposal", test::location(same));
        // Changed: a revision, which the page offers to submit instead of accepting.
        for (auto& [k, v] : fields)
            if (k == "headcount_basic") v = "9";
        web::Response saved = test::post(r, b, path + "/edit", fields);
        CPPUNIT_ASSERT_EQUAL(path + "?saved=1", test::location(saved));
        const std::string page = test::get(r, b, path).body;
        CPPUNIT_ASSERT(contains(page, "href=\"" + path + "/versions/3/diff/4\" id=\"revision-diff\""));
        CPPUNIT_ASSERT(contains(page, "action=\"" + path + "/submit\""));
        CPPUNIT_ASSERT(contains(page, "Az átdolgozott változat benyújtása"));
        CPPUNIT_ASSERT(!contains(page, "action=\"" + path + "/accept\""));
    }

    void testTheDiffPageShowsWhatTheOfficeChangedAndNothingElsewhere() {
        const Negotiation n = proposed();
        web::Routes r = routes();
        test::Browser b = test::loggedIn(n.contactAccount.id);
        const std::string path = "/applications/" + str(n.id);
        web::Response page = test::get(r, b, path + "/versions/2/diff/3");
        CPPUNIT_ASSERT_EQUAL(200, page.status);
        CPPUNIT_ASSERT(contains(page.body, "<h1>Változatok összevetése: 2. és 3.</h1>"));
        CPPUNIT_ASSERT(contains(page.body, "<tr id=\"diff-headcount_basic\" data-changed=\"true\""));
        CPPUNIT_ASSERT(contains(page.body, "<del>10</del>"));
        CPPUNIT_ASSERT(contains(page.body, "<ins>8</ins>"));
        CPPUNIT_ASSERT(contains(page.body, "<tr id=\"diff-title\" data-changed=\"false\""));
        CPPUNIT_ASSERT(contains(page.body, "<tr id=\"diff-budget-total-support\" data-changed=\"true\""));
        CPPUNIT_ASSERT(contains(page.body, "a hivatal javaslata (járási hivatal)"));
        CPPUNIT_ASSERT(contains(page.body, "href=\"" + path + "/versions/1/diff/2\" rel=\"prev\""));
        CPPUNIT_ASSERT_EQUAL(404, test::get(r, b, path + "/versions/2/diff/4").status);
        CPPUNIT_ASSERT_EQUAL(404, test::get(r, b, path + "/versions/2/diff/4294967299").status);
        const Negotiation stranger = submitted();
        test::Browser s = test::loggedIn(stranger.contactAccount.id);
        const std::int64_t before = denials(stranger.contactAccount.id);
        CPPUNIT_ASSERT_EQUAL(404, test::get(r, s, path + "/versions/2/diff/3").status);
        CPPUNIT_ASSERT_EQUAL(before + 1, denials(stranger.contactAccount.id));
    }

    void testAnApprovalLinksTheContractAndARejectionGivesItsReason() {
        const Negotiation n = proposed();
        CPPUNIT_ASSERT(accept(n, 3).outcome == ActionOutcome::Done);
        applications::ActionResult approved = decide(n, 3, applications::Verdict::Approve, "");
        CPPUNIT_ASSERT(approved.outcome == ActionOutcome::Done);
        web::Routes r = routes();
        test::Browser b = test::loggedIn(n.contactAccount.id);
        const std::string path = "/applications/" + str(n.id);
        const std::string page = test::get(r, b, path).body;
        CPPUNIT_ASSERT(contains(page, "data-state=\"approved\""));
        CPPUNIT_ASSERT_MESSAGE(page, contains(page, "<dd id=\"contract-number\">" + approved.contractNumber + "</dd>"));
        CPPUNIT_ASSERT(contains(page, "href=\"" + path + "/contract.pdf\" id=\"contract-pdf\""));
        CPPUNIT_ASSERT(!contains(page, "action=\"" + path + "/message\""));   // decided: no more messages
        CPPUNIT_ASSERT(!contains(page, "action=\"" + path + "/withdraw\""));  // nor a withdrawal

        const Negotiation other = proposed();
        CPPUNIT_ASSERT(decide(other, 3, applications::Verdict::Reject, "A keret elfogyott.\nSajnáljuk.").outcome ==
                       ActionOutcome::Done);
        test::Browser o = test::loggedIn(other.contactAccount.id);
        const std::string rejected = test::get(r, o, "/applications/" + str(other.id)).body;
        CPPUNIT_ASSERT(contains(rejected, "data-state=\"rejected\""));
        CPPUNIT_ASSERT(contains(rejected, "<div class=\"pre\" id=\"rejection-reason\">A keret elfogyott.\nSajnáljuk.</div>"));
        CPPUNIT_ASSERT(!contains(rejected, "contract.pdf"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(NegotiationContactTest);
