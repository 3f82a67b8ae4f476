// The municipality's side of subsidy applications (applications/
// application_service.h) on real tables: an application belongs to its
// municipality and to no one else, a save from an older version changes
// nothing, a draft may be incomplete but is submitted only whole, a
// submission is numbered, frozen, audited and mailed, and a withdrawal
// needs its reason. Each test works in a municipality of its own, so the
// lists, mails and audit rows it counts are its own.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <regex>
#include <set>
#include <thread>

#include "applications/application_service.h"
#include "applications/office_service.h"
#include "db/database.h"
#include "db_fixture.h"
#include "repo/accounts.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "util/json.h"

using namespace ktk;
using applications::ActionOutcome;
using applications::ApplicationForm;
using applications::Contact;
using applications::SaveOutcome;

namespace {

db::Database& database() { return *test::dbWorld().db; }

std::string str(std::uint64_t n) { return std::to_string(n); }

// A municipality of its own in a district office of its own.
struct Town {
    std::uint64_t office = 0, id = 0;
};
Town makeTown() {
    static int serial = 0;
    ++serial;
    char tax[32];
    std::snprintf(tax, sizeof tax, "2%07d-2-13", serial % 10'000'000);
    Town t;
    t.office = test::makeOffice("Kérelmek Járási Hivatala " + std::to_string(serial), "13");
    t.id = test::makeMunicipality("Kérelemfalva " + std::to_string(serial), tax, t.office);
    return t;
}

// A linked contact of `town` (or, with town 0, an unlinked one), seen by
// the service as the pages see it (application_page.cpp: contactOf).
struct Person {
    test::TestAccount account;
    Contact who;
};
Person contactIn(std::uint64_t town) {
    test::AccountSpec spec;
    spec.linked = town != 0;
    spec.municipality = town;
    Person p{test::makeAccount(spec), {}};
    std::optional<repo::Account> a =
        database().autocommit([&](db::Tx& tx) { return repo::findAccountById(tx, p.account.id); });
    p.who = {p.account.id, a->municipalityId().value_or(0), "192.0.2.7"};
    return p;
}

// A complete application that the shipped 2026 rates let through: the
// worked example without its group leader, whose wage is not published.
ApplicationForm complete(const std::string& title = "Parkgondozás 2026") {
    ApplicationForm f = test::workedExampleForm();
    f.title = title;
    f.headcount[2] = "0";
    return f;
}

std::uint64_t created(const Person& p, const ApplicationForm& form = complete()) {
    applications::SaveResult r = applications::createDraft(database(), p.who, form);
    CPPUNIT_ASSERT(r.outcome == SaveOutcome::Saved);
    CPPUNIT_ASSERT_EQUAL(std::uint32_t(1), r.version);
    return r.id;
}

applications::ActionResult submit(const Person& p, std::uint64_t id, std::uint32_t version, bool confirmed = true) {
    test::World& w = test::dbWorld();
    return applications::submitApplication(database(), w.config, *w.views, p.who, id, version, confirmed);
}

applications::ActionResult withdraw(const Contact& who, std::uint64_t id, const std::string& reason) {
    test::World& w = test::dbWorld();
    return applications::withdrawApplication(database(), w.config, *w.views, who, id, reason);
}

// What a change would show: the application's row, and its versions.
std::string joined(const std::vector<std::vector<std::string>>& rows) {
    std::string s;
    for (const auto& row : rows)
        for (const std::string& v : row) s += v + "|";
    return s;
}
std::string versionsOf(std::uint64_t id) {
    return joined(
        test::rows("SELECT version, fields, COALESCE(budget, '-'), author_id, created_at,"
                   " COALESCE(submitted_at, '-') FROM application_versions WHERE application_id = " +
                   str(id) + " ORDER BY version"));
}
std::string snapshot(std::uint64_t id) {
    return joined(test::rows("SELECT state, version, COALESCE(number, '-'), title, updated_at,"
                             " COALESCE(requested_support, '-') FROM applications WHERE id = " +
                             str(id))) +
           versionsOf(id);
}

// The audit rows of `action` about application `id`: actor, municipality,
// before and after.
struct Audit {
    std::string actor, municipality;
    util::Json before, after;
};
std::vector<Audit> audits(const std::string& action, std::uint64_t id) {
    std::vector<Audit> out;
    for (const auto& r : test::rows("SELECT actor_user_id, target_municipality_id, COALESCE(before_value, 'null'),"
                                    " after_value FROM audit_log WHERE action = '" +
                                    action + "' ORDER BY id")) {
        Audit a{r[0], r[1], util::Json::parse(r[2]), util::Json::parse(r[3])};
        if (a.after.value("application_id", std::uint64_t(0)) == id) out.push_back(std::move(a));
    }
    return out;
}

std::int64_t auditCount(const std::string& action, std::uint64_t id) {
    return static_cast<std::int64_t>(audits(action, id).size());
}

std::multiset<std::string> recipients(const char* kind, std::int64_t afterMailId) {
    std::multiset<std::string> out;
    for (const auto& r : test::rows("SELECT recipient FROM mail_queue WHERE kind = '" + std::string(kind) +
                                    "' AND id > " + std::to_string(afterMailId)))
        out.insert(r[0]);
    return out;
}
std::int64_t lastMailId() { return test::count("SELECT COALESCE(MAX(id), 0) FROM mail_queue"); }

// An application submitted by a contact of a municipality of its own.
struct Submitted {
    Person by;
    std::uint64_t id = 0;
    std::string number;
};
Submitted submittedInANewTown() {
    Submitted s{contactIn(makeTown().id), 0, {}};
    s.id = created(s.by);
    s.number = submit(s.by, s.id, 1).number;
    CPPUNIT_ASSERT(!s.number.empty());
    return s;
}

int numberOf(const std::string& number) { return std::stoi(number.substr(9)); }

}  // namespace

class ApplicationScopeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ApplicationScopeTest);
    CPPUNIT_TEST(testAnotherMunicipalitysContactFindsNothingAndEveryAttemptIsAudited);
    CPPUNIT_TEST(testAnUnlinkedAccountSeesNoApplication);
    CPPUNIT_TEST(testEveryContactOfTheMunicipalityListsAndEditsTheSameApplication);
    CPPUNIT_TEST(testOfTwoSavesFromTheSameVersionTheSecondIsStaleAndChangesNothing);
    CPPUNIT_TEST(testSavesAtTheSameMomentAreOneAfterTheOther);
    CPPUNIT_TEST(testEveryChangeIsAuditedWithTheFieldsBeforeAndAfter);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAnotherMunicipalitysContactFindsNothingAndEveryAttemptIsAudited() {
        const Town a = makeTown(), b = makeTown();
        const Person owner = contactIn(a.id), stranger = contactIn(b.id);
        const std::uint64_t id = created(owner);
        const std::string before = snapshot(id);

        // A draft: what its own contacts may save and submit.
        CPPUNIT_ASSERT(!applications::viewApplication(database(), stranger.who, id));
        CPPUNIT_ASSERT(applications::saveDraft(database(), stranger.who, id, 1, complete("Elvett")).outcome ==
                       SaveOutcome::NotFound);
        applications::ActionResult r = submit(stranger, id, 1);
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::NotFound);
        CPPUNIT_ASSERT(r.number.empty());
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        CPPUNIT_ASSERT(applications::listForContact(database(), stranger.who).empty());

        // Submitted: what its own contacts may withdraw.
        CPPUNIT_ASSERT(submit(owner, id, 1).outcome == ActionOutcome::Done);
        const std::string submitted = snapshot(id);
        CPPUNIT_ASSERT(withdraw(stranger.who, id, "Nem kell").outcome ==
                       ActionOutcome::NotFound);
        CPPUNIT_ASSERT(!applications::viewApplication(database(), stranger.who, id));
        CPPUNIT_ASSERT_EQUAL(submitted, snapshot(id));

        const std::vector<Audit> denied = audits("application.denied", id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), denied.size());
        for (const Audit& d : denied) {
            CPPUNIT_ASSERT_EQUAL(str(stranger.account.id), d.actor);
            CPPUNIT_ASSERT_EQUAL(str(b.id), d.municipality);
        }
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), auditCount("application.withdraw", id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), auditCount("application.save", id));

        // An id that does not exist is answered the same way.
        const std::uint64_t none = id + 1'000'000;
        CPPUNIT_ASSERT(!applications::viewApplication(database(), owner.who, none));
        CPPUNIT_ASSERT(submit(owner, none, 1).outcome == ActionOutcome::NotFound);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), auditCount("application.denied", none));
    }

    void testAnUnlinkedAccountSeesNoApplication() {
        const Town a = makeTown();
        const std::uint64_t id = created(contactIn(a.id));
        const Person unlinked = contactIn(0);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), unlinked.who.municipalityId);
        CPPUNIT_ASSERT(applications::listForContact(database(), unlinked.who).empty());
        CPPUNIT_ASSERT(!applications::viewApplication(database(), unlinked.who, id));
        CPPUNIT_ASSERT(applications::saveDraft(database(), unlinked.who, id, 1, complete()).outcome ==
                       SaveOutcome::NotFound);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), auditCount("application.denied", id));
        // A contact of a municipality without applications sees none of the others'.
        CPPUNIT_ASSERT(applications::listForContact(database(), contactIn(makeTown().id).who).empty());
    }

    void testEveryContactOfTheMunicipalityListsAndEditsTheSameApplication() {
        const Town a = makeTown();
        const Person first = contactIn(a.id), second = contactIn(a.id);
        const std::uint64_t id = created(first, complete("Első cím"));
        std::vector<applications::ApplicationSummary> seen = applications::listForContact(database(), second.who);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), seen.size());
        CPPUNIT_ASSERT_EQUAL(id, seen[0].id);
        CPPUNIT_ASSERT_EQUAL(std::string("Első cím"), seen[0].title);

        applications::SaveResult saved =
            applications::saveDraft(database(), second.who, id, 1, complete("Második cím"));
        CPPUNIT_ASSERT(saved.outcome == SaveOutcome::Saved);
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(2), saved.version);
        std::optional<applications::ApplicationView> v = applications::viewApplication(database(), first.who, id);
        CPPUNIT_ASSERT(v);
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(2), v->application.current.version);
        CPPUNIT_ASSERT_EQUAL(std::string("Második cím"), v->application.current.fields.title);
        CPPUNIT_ASSERT_EQUAL(second.account.id, v->application.current.authorId.value_or(0));
        CPPUNIT_ASSERT(applications::saveDraft(database(), first.who, id, 2, complete("Harmadik cím")).outcome ==
                       SaveOutcome::Saved);
        seen = applications::listForContact(database(), second.who);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), seen.size());
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(3), seen[0].version);
        CPPUNIT_ASSERT_EQUAL(std::string("Harmadik cím"), seen[0].title);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), auditCount("application.denied", id));
    }

    void testOfTwoSavesFromTheSameVersionTheSecondIsStaleAndChangesNothing() {
        const Town a = makeTown();
        const Person first = contactIn(a.id), second = contactIn(a.id);
        const std::uint64_t id = created(first, complete("Közös"));
        // Both opened version 1; the first saves.
        CPPUNIT_ASSERT(applications::saveDraft(database(), first.who, id, 1, complete("Az elsőé")).outcome ==
                       SaveOutcome::Saved);
        const std::string afterFirst = snapshot(id);
        applications::SaveResult late = applications::saveDraft(database(), second.who, id, 1, complete("A másodiké"));
        CPPUNIT_ASSERT(late.outcome == SaveOutcome::Stale);
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(2), late.version);
        CPPUNIT_ASSERT(late.theirs);
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(2), late.theirs->version);
        CPPUNIT_ASSERT_EQUAL(std::string("Az elsőé"), late.theirs->fields.title);
        CPPUNIT_ASSERT_EQUAL(first.account.id, late.theirs->authorId.value_or(0));
        CPPUNIT_ASSERT_EQUAL(afterFirst, snapshot(id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), test::count("SELECT COUNT(*) FROM application_versions"
                                                          " WHERE application_id = " +
                                                          str(id)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), auditCount("application.save", id));
        // Submitting the page of version 1 is refused the same way.
        CPPUNIT_ASSERT(submit(second, id, 1).outcome == ActionOutcome::Stale);
        CPPUNIT_ASSERT_EQUAL(afterFirst, snapshot(id));
        // Saving again from the version shown replaces it knowingly.
        CPPUNIT_ASSERT(applications::saveDraft(database(), second.who, id, 2, complete("A másodiké")).outcome ==
                       SaveOutcome::Saved);
    }

    // Two saves of version 1 started while a third transaction holds the
    // application's row: both wait for its lock, then one saves version 2
    // and the other finds it and is refused.
    void testSavesAtTheSameMomentAreOneAfterTheOther() {
        const Town a = makeTown();
        const Person first = contactIn(a.id), second = contactIn(a.id);
        const std::uint64_t id = created(first, complete("Közös"));
        struct Attempt {
            const Person* who;
            std::string title;
            applications::SaveResult result;
            std::exception_ptr error;
        } attempts[2] = {{&first, "Az elsőé", {}, nullptr}, {&second, "A másodiké", {}, nullptr}};
        std::vector<std::thread> threads;
        struct Joined {
            std::vector<std::thread>& threads;
            ~Joined() {
                for (std::thread& t : threads)
                    if (t.joinable()) t.join();
            }
        } joined{threads};
        bool bothWaited = false;
        database().transact([&](db::Tx& tx) {
            db::Row held = tx.query("SELECT id FROM applications WHERE id = ? FOR UPDATE", id);
            CPPUNIT_ASSERT(held->next());
            for (Attempt& at : attempts)
                threads.emplace_back([&at, id] {
                    try {
                        db::Database own(test::dbWorld().config);
                        at.result = applications::saveDraft(own, at.who->who, id, 1, complete(at.title));
                    } catch (...) {
                        at.error = std::current_exception();
                    }
                });
            // Both have begun once both run a statement (each has to wait
            // for this transaction: the row is locked).
            for (int i = 0; i < 500 && !bothWaited; ++i) {
                bothWaited = test::count(
                                 "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
                                 " AND COMMAND = 'Execute'") == 2;
                if (!bothWaited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        });
        for (std::thread& t : threads) t.join();
        for (const Attempt& at : attempts)
            if (at.error) std::rethrow_exception(at.error);
        CPPUNIT_ASSERT(bothWaited);
        const bool firstWon = attempts[0].result.outcome == SaveOutcome::Saved;
        const Attempt& winner = attempts[firstWon ? 0 : 1];
        const Attempt& loser = attempts[firstWon ? 1 : 0];
        CPPUNIT_ASSERT(winner.result.outcome == SaveOutcome::Saved);
        CPPUNIT_ASSERT(loser.result.outcome == SaveOutcome::Stale);
        CPPUNIT_ASSERT(loser.result.theirs);
        CPPUNIT_ASSERT_EQUAL(winner.title, loser.result.theirs->fields.title);
        const auto versions = test::rows(
            "SELECT version, JSON_VALUE(fields, '$.title') FROM application_versions"
            " WHERE application_id = " +
            str(id) + " ORDER BY version");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), versions.size());
        CPPUNIT_ASSERT_EQUAL(std::string("2"), versions[1][0]);
        CPPUNIT_ASSERT_EQUAL(winner.title, versions[1][1]);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), auditCount("application.denied", id));
    }

    void testEveryChangeIsAuditedWithTheFieldsBeforeAndAfter() {
        const Town a = makeTown();
        const Person p = contactIn(a.id);
        const std::uint64_t id = created(p, complete("Régi cím"));
        std::vector<Audit> create = audits("application.create", id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), create.size());
        CPPUNIT_ASSERT_EQUAL(str(p.account.id), create[0].actor);
        CPPUNIT_ASSERT_EQUAL(str(a.id), create[0].municipality);
        CPPUNIT_ASSERT(create[0].before.is_null());
        CPPUNIT_ASSERT_EQUAL(1, create[0].after["version"].get<int>());
        CPPUNIT_ASSERT_EQUAL(std::string("Régi cím"), create[0].after["fields"]["title"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-16"), create[0].after["fields"]["start_date"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(300000),
                             create[0].after["fields"]["material_items"][0]["amount"].get<std::int64_t>());

        ApplicationForm changed = complete("Új cím");
        changed.headcount[0] = "12";
        CPPUNIT_ASSERT(applications::saveDraft(database(), p.who, id, 1, changed).outcome == SaveOutcome::Saved);
        std::vector<Audit> save = audits("application.save", id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), save.size());
        CPPUNIT_ASSERT_EQUAL(1, save[0].before["version"].get<int>());
        CPPUNIT_ASSERT_EQUAL(std::string("Régi cím"), save[0].before["fields"]["title"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(10, save[0].before["fields"]["headcount"][0].get<int>());
        CPPUNIT_ASSERT_EQUAL(2, save[0].after["version"].get<int>());
        CPPUNIT_ASSERT_EQUAL(std::string("Új cím"), save[0].after["fields"]["title"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(12, save[0].after["fields"]["headcount"][0].get<int>());
        // The audit's fields are the version's, as stored.
        CPPUNIT_ASSERT_EQUAL(
            util::Json::parse(test::rows("SELECT fields FROM application_versions WHERE application_id = " + str(id) +
                                         " AND version = 2")[0][0]),
            save[0].after["fields"]);

        // A malformed save stores nothing and audits nothing.
        ApplicationForm bad = complete();
        bad.endDate = "2026-02-31";
        const std::string before = snapshot(id);
        applications::SaveResult r = applications::saveDraft(database(), p.who, id, 2, bad);
        CPPUNIT_ASSERT(r.outcome == SaveOutcome::Invalid);
        CPPUNIT_ASSERT(r.errors.has("end_date"));
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), auditCount("application.save", id));
        const std::int64_t drafts =
            test::count("SELECT COUNT(*) FROM applications WHERE municipality_id = " + str(a.id));
        CPPUNIT_ASSERT(applications::createDraft(database(), p.who, bad).outcome == SaveOutcome::Invalid);
        CPPUNIT_ASSERT_EQUAL(drafts,
                             test::count("SELECT COUNT(*) FROM applications WHERE municipality_id = " + str(a.id)));
    }
};

class ApplicationSubmitTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ApplicationSubmitTest);
    CPPUNIT_TEST(testAnIncompleteDraftIsSavedButNotSubmitted);
    CPPUNIT_TEST(testAnUnconfirmedSubmissionIsRefused);
    CPPUNIT_TEST(testASubmissionIsNumberedFrozenAuditedAndMailed);
    CPPUNIT_TEST(testNumbersCountOnWithinAYear);
    CPPUNIT_TEST(testASubmittedApplicationIsNeitherEditedNorSubmittedAgain);
    CPPUNIT_TEST(testAWithdrawalNeedsAReasonAndIsAudited);
    CPPUNIT_TEST(testADraftCannotBeWithdrawn);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAnIncompleteDraftIsSavedButNotSubmitted() {
        const Town a = makeTown();
        const Person p = contactIn(a.id);
        const std::int64_t mails = lastMailId();
        // Nothing at all is a draft too; submission names what is missing.
        const std::uint64_t empty = created(p, ApplicationForm{});
        const std::string before = snapshot(empty);
        applications::ActionResult r = submit(p, empty, 1);
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        for (const char* field : {"title", "programme_type", "public_task", "work_locations", "start_date", "end_date",
                                  "daily_hours", "headcount_basic", "wage_support_pct", "material_support"})
            CPPUNIT_ASSERT_MESSAGE(field, r.errors.has(field));
        CPPUNIT_ASSERT_EQUAL(before, snapshot(empty));
        std::optional<applications::ApplicationView> v = applications::viewApplication(database(), p.who, empty);
        CPPUNIT_ASSERT(v && v->missing.has("title") && v->missing.has("programme_type"));

        ApplicationForm partial;
        partial.title = "Félkész";
        partial.programmeType = "long_term";
        partial.startDate = "2026-04-01";
        const std::uint64_t id = created(p, partial);
        r = submit(p, id, 1);
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT(!r.errors.has("title"));
        CPPUNIT_ASSERT(r.errors.has("end_date") && r.errors.has("public_task") && r.errors.has("headcount_basic"));
        CPPUNIT_ASSERT_EQUAL(std::string("draft"),
                             test::rows("SELECT state FROM applications WHERE id = " + str(id))[0][0]);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             auditCount("application.submit", id) + auditCount("application.submit", empty));
        CPPUNIT_ASSERT_EQUAL(mails, lastMailId());
    }

    void testAnUnconfirmedSubmissionIsRefused() {
        const Town a = makeTown();
        const Person p = contactIn(a.id);
        const std::uint64_t id = created(p);
        const std::string before = snapshot(id);
        const std::int64_t mails = lastMailId();
        applications::ActionResult r = submit(p, id, 1, false);
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.errors.all().size());
        CPPUNIT_ASSERT(r.errors.has("confirm"));
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        CPPUNIT_ASSERT_EQUAL(mails, lastMailId());
        CPPUNIT_ASSERT(submit(p, id, 1).outcome == ActionOutcome::Done);
    }

    void testASubmissionIsNumberedFrozenAuditedAndMailed() {
        const Town a = makeTown(), elsewhere = makeTown();
        const Person first = contactIn(a.id), second = contactIn(a.id), other = contactIn(elsewhere.id);
        const test::TestAccount clerk = test::makeAccount({test::Role::Clerk, true, false, false, a.office});
        const test::TestAccount colleague = test::makeAccount({test::Role::Clerk, true, false, false, a.office});
        test::makeAccount({test::Role::Clerk, true, false, true, a.office});  // disabled
        test::makeAccount({test::Role::Clerk, true, false, false, elsewhere.office});
        const std::uint64_t id = created(first);
        CPPUNIT_ASSERT(applications::saveDraft(database(), second.who, id, 1, complete("Parkgondozás")).outcome ==
                       SaveOutcome::Saved);
        const std::optional<applications::ApplicationView> draft =
            applications::viewApplication(database(), first.who, id);
        CPPUNIT_ASSERT(draft && draft->budget && draft->missing.empty());
        const std::string version2 = test::rows(
            "SELECT fields FROM application_versions WHERE application_id = " + str(id) + " AND version = 2")[0][0];
        const std::int64_t mails = lastMailId();

        applications::ActionResult r = submit(first, id, 2);
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Done);
        const std::string year = util::hungarianTimeIso(util::now()).substr(0, 4);
        CPPUNIT_ASSERT_MESSAGE(r.number, std::regex_match(r.number, std::regex("KTK-" + year + "-[0-9]{6}")));
        const auto row =
            test::rows("SELECT state, version, number, requested_support FROM applications WHERE id = " + str(id));
        CPPUNIT_ASSERT_EQUAL(std::string("submitted"), row[0][0]);
        CPPUNIT_ASSERT_EQUAL(std::string("3"), row[0][1]);
        CPPUNIT_ASSERT_EQUAL(r.number, row[0][2]);
        CPPUNIT_ASSERT_EQUAL(std::to_string(draft->budget->totalSupport), row[0][3]);
        // The submitted version: the fields shown, the budget frozen.
        const auto v3 = test::rows(
            "SELECT fields, budget, author_id, submitted_at IS NOT NULL FROM application_versions"
            " WHERE application_id = " +
            str(id) + " AND version = 3");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), v3.size());
        CPPUNIT_ASSERT_EQUAL(util::Json::parse(version2), util::Json::parse(v3[0][0]));
        CPPUNIT_ASSERT_EQUAL(draft->budget->totalSupport,
                             util::Json::parse(v3[0][1])["total_support"].get<std::int64_t>());
        CPPUNIT_ASSERT_EQUAL(str(first.account.id), v3[0][2]);
        CPPUNIT_ASSERT_EQUAL(std::string("1"), v3[0][3]);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             test::count("SELECT COUNT(*) FROM application_versions WHERE"
                                         " submitted_at IS NOT NULL AND version < 3 AND application_id = " +
                                         str(id)));

        // Every linked contact of the municipality and every active clerk of its office.
        CPPUNIT_ASSERT(recipients(applications::kSubmitMails[0], mails) ==
                       std::multiset<std::string>({first.account.email, second.account.email}));
        CPPUNIT_ASSERT(recipients(applications::kSubmitMails[1], mails) ==
                       std::multiset<std::string>({clerk.email, colleague.email}));
        CPPUNIT_ASSERT(!recipients(applications::kSubmitMails[0], mails).count(other.account.email));

        std::vector<Audit> audit = audits("application.submit", id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), audit.size());
        CPPUNIT_ASSERT_EQUAL(str(first.account.id), audit[0].actor);
        CPPUNIT_ASSERT_EQUAL(std::string("draft"), audit[0].before["state"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("submitted"), audit[0].after["state"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(r.number, audit[0].after["number"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(3, audit[0].after["version"].get<int>());
        CPPUNIT_ASSERT_EQUAL(draft->budget->totalSupport, audit[0].after["total_support"].get<std::int64_t>());

        // Later rates do not move the frozen budget, nor does anything done later.
        const std::string frozen = versionsOf(id);
        test::adminSql("UPDATE yearly_rates SET wage_basic = wage_basic + 10000 WHERE year = 2026");
        std::optional<applications::ApplicationView> later = applications::viewApplication(database(), second.who, id);
        test::adminSql("UPDATE yearly_rates SET wage_basic = wage_basic - 10000 WHERE year = 2026");
        CPPUNIT_ASSERT(later && later->budget);
        CPPUNIT_ASSERT_EQUAL(draft->budget->totalSupport, later->budget->totalSupport);
        CPPUNIT_ASSERT(withdraw(second.who, id, "Elmarad a program.").outcome ==
                       ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(frozen, versionsOf(id));
    }

    void testNumbersCountOnWithinAYear() {
        const Town a = makeTown();
        const Person p = contactIn(a.id);
        const std::uint64_t one = created(p, complete("Egy")), two = created(p, complete("Kettő"));
        applications::ActionResult first = submit(p, one, 1), second = submit(p, two, 1);
        CPPUNIT_ASSERT(first.outcome == ActionOutcome::Done && second.outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(first.number.substr(0, 9), second.number.substr(0, 9));
        CPPUNIT_ASSERT_EQUAL(numberOf(first.number) + 1, numberOf(second.number));
        // Each year counts from 1 on its own.
        database().transact([](db::Tx& tx) {
            CPPUNIT_ASSERT_EQUAL(std::string("KTK-2098-000001"), applications::takeApplicationNumber(tx, 2098));
            CPPUNIT_ASSERT_EQUAL(std::string("KTK-2099-000001"), applications::takeApplicationNumber(tx, 2099));
            CPPUNIT_ASSERT_EQUAL(std::string("KTK-2098-000002"), applications::takeApplicationNumber(tx, 2098));
        });
    }

    void testASubmittedApplicationIsNeitherEditedNorSubmittedAgain() {
        const auto [p, id, number] = submittedInANewTown();
        const std::string submitted = snapshot(id);
        const std::int64_t mails = lastMailId();
        CPPUNIT_ASSERT(applications::saveDraft(database(), p.who, id, 2, complete("Utólag")).outcome ==
                       SaveOutcome::NotEditable);
        applications::ActionResult again = submit(p, id, 2);
        CPPUNIT_ASSERT(again.outcome == ActionOutcome::NotAllowed);
        CPPUNIT_ASSERT_EQUAL(submitted, snapshot(id));
        CPPUNIT_ASSERT_EQUAL(mails, lastMailId());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), auditCount("application.submit", id));
        CPPUNIT_ASSERT_EQUAL(number, test::rows("SELECT number FROM applications WHERE id = " + str(id))[0][0]);
    }

    void testAWithdrawalNeedsAReasonAndIsAudited() {
        const auto [p, id, number] = submittedInANewTown();
        const std::string submitted = snapshot(id);
        const std::string tooLong(1001, 'x');
        for (const std::string& reason :
             {std::string(), std::string(" \t\n \r\n "), tooLong, std::string("\x01hiba")}) {
            applications::ActionResult r = withdraw(p.who, id, reason);
            CPPUNIT_ASSERT(r.outcome == ActionOutcome::Invalid);
            CPPUNIT_ASSERT(r.errors.has("reason"));
        }
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.reason"),
                             *withdraw(p.who, id, "   ").errors.find("reason"));
        CPPUNIT_ASSERT_EQUAL(
            std::string("1000"),
            *withdraw(p.who, id, tooLong).errors.detail("reason"));
        CPPUNIT_ASSERT_EQUAL(submitted, snapshot(id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), auditCount("application.withdraw", id));

        // 1000 characters are a reason (of two bytes each here), kept trimmed.
        std::string longest;
        for (int i = 0; i < 1000; ++i) longest += "é";
        applications::ActionResult r = withdraw(p.who, id, "  " + longest + "\n");
        CPPUNIT_ASSERT(r.outcome == ActionOutcome::Done);
        CPPUNIT_ASSERT_EQUAL(number, r.number);
        CPPUNIT_ASSERT_EQUAL(std::string("withdrawn"),
                             test::rows("SELECT state FROM applications WHERE id = " + str(id))[0][0]);
        std::vector<Audit> audit = audits("application.withdraw", id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), audit.size());
        CPPUNIT_ASSERT_EQUAL(str(p.account.id), audit[0].actor);
        CPPUNIT_ASSERT_EQUAL(std::string("submitted"), audit[0].before["state"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("withdrawn"), audit[0].after["state"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(longest, audit[0].after["reason"].get<std::string>());
        CPPUNIT_ASSERT_EQUAL(number, audit[0].after["number"].get<std::string>());
        // Once withdrawn, it stays so.
        CPPUNIT_ASSERT(withdraw(p.who, id, "Még egyszer").outcome ==
                       ActionOutcome::Decided);
        CPPUNIT_ASSERT(submit(p, id, 2).outcome == ActionOutcome::NotAllowed);
    }

    void testADraftCannotBeWithdrawn() {
        const Town a = makeTown();
        const Person p = contactIn(a.id);
        const std::uint64_t id = created(p);
        const std::string before = snapshot(id);
        CPPUNIT_ASSERT(withdraw(p.who, id, "Mégsem").outcome ==
                       ActionOutcome::NotAllowed);
        CPPUNIT_ASSERT_EQUAL(before, snapshot(id));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), auditCount("application.withdraw", id));
    }
};

// The office's view of an application (applications/office_service.h):
// what it sees, and the code its contract numbers carry.
class OfficeViewTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OfficeViewTest);
    CPPUNIT_TEST(testTheOfficeSeesTheNewestSubmittedVersionNotARevisionInProgress);
    CPPUNIT_TEST(testAnOfficeWithoutACodeHasItsWholeIdInTheContractCode);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheOfficeSeesTheNewestSubmittedVersionNotARevisionInProgress() {
        test::World& w = test::dbWorld();
        const Town town = makeTown();
        const Person p = contactIn(town.id);
        const std::uint64_t id = created(p);
        CPPUNIT_ASSERT(submit(p, id, 1).outcome == ActionOutcome::Done);
        test::AccountSpec spec;
        spec.role = test::Role::Clerk;
        spec.office = town.office;
        const applications::OfficeClerk clerk{test::makeAccount(spec).id, town.office, "192.0.2.8"};
        applications::openForOffice(database(), w.config, *w.views, clerk, id);
        ApplicationForm fewer = complete();
        fewer.headcount[0] = "8";
        CPPUNIT_ASSERT(applications::proposeChanges(database(), w.config, *w.views, clerk, id, 2, fewer, "Kevesebb.")
                           .outcome == ActionOutcome::Done);
        // The municipality begins its revision: version 4, a draft of its own.
        CPPUNIT_ASSERT(applications::saveDraft(database(), p.who, id, 3, complete("Félkész")).outcome ==
                       SaveOutcome::Saved);

        const applications::OfficeView seen = applications::viewForOffice(database(), clerk, id);
        CPPUNIT_ASSERT(seen.access == applications::OfficeAccess::Found);
        const applications::StoredApplication& app = seen.view->application;
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(4), app.summary.version);  // what the forms send back
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(3), app.current.version);
        CPPUNIT_ASSERT_EQUAL(std::string("Parkgondozás 2026"), app.current.fields.title);
        CPPUNIT_ASSERT(app.current.party == applications::Party::Office);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), seen.view->versions.size());  // the submission and the proposal
        for (const applications::VersionRow& v : seen.view->versions) CPPUNIT_ASSERT(v.submitted);
        CPPUNIT_ASSERT(seen.view->budget);
    }

    void testAnOfficeWithoutACodeHasItsWholeIdInTheContractCode() {
        test::adminSql("ALTER TABLE district_offices AUTO_INCREMENT = 1234");
        const Town town = makeTown();
        CPPUNIT_ASSERT(town.office >= 1234);
        const Person p = contactIn(town.id);
        const std::uint64_t id = created(p);
        const std::optional<applications::Parties> parties =
            database().transact([&](db::Tx& tx) { return applications::partiesOf(tx, id); });
        CPPUNIT_ASSERT_EQUAL("JH13-" + str(town.office), parties->officeCode);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ApplicationScopeTest);
CPPUNIT_TEST_SUITE_REGISTRATION(OfficeViewTest);
CPPUNIT_TEST_SUITE_REGISTRATION(ApplicationSubmitTest);
