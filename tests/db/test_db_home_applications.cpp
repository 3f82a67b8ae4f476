// The home page's one query (applications::homeForContact) on real
// tables: the newest applications of the contact's municipality, at most
// the limit, and among them the ones waiting for the contact; never
// another municipality's. And the lists kept in the process
// (applications::HomeCache): served while the municipality's counter
// stands, read again once a change of its applications has counted it up.
#include <cppunit/extensions/HelperMacros.h>

#include "applications/application_service.h"
#include "applications/home_cache.h"
#include "db/database.h"
#include "db_fixture.h"

using namespace ktk;
using applications::ApplicationSummary;
using applications::State;

namespace {

// An application row as the store writes it, changed `minutesAgo`.
std::uint64_t application(std::uint64_t municipality, const char* state, int minutesAgo) {
    test::adminSql("INSERT INTO applications (municipality_id, state, version, title, headcount, created_at,"
                   " updated_at) VALUES (" + std::to_string(municipality) + ", '" + state + "', 1, 'Teszt', 0,"
                   " UTC_TIMESTAMP() - INTERVAL 1 DAY, UTC_TIMESTAMP() - INTERVAL " + std::to_string(minutesAgo) +
                   " MINUTE)");
    return static_cast<std::uint64_t>(test::count("SELECT MAX(id) FROM applications"));
}

std::vector<std::uint64_t> ids(const std::vector<ApplicationSummary>& rows) {
    std::vector<std::uint64_t> out;
    for (const ApplicationSummary& a : rows) out.push_back(a.id);
    return out;
}

applications::HomeApplications home(std::uint64_t municipality, unsigned limit) {
    return applications::homeForContact(*test::dbWorld().db, {1, municipality, "127.0.0.1"}, limit);
}

std::uint64_t counter(std::uint64_t municipality) {
    return static_cast<std::uint64_t>(
        test::count("SELECT applications_version FROM municipalities WHERE id = " + std::to_string(municipality)));
}

const applications::HomeApplications& kept(applications::HomeCache& cache, std::uint64_t municipality) {
    return cache.get(*test::dbWorld().db, {1, municipality, "127.0.0.1"}, counter(municipality)).lists;
}

}  // namespace

class HomeApplicationsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HomeApplicationsTest);
    CPPUNIT_TEST(testTheNewestComeFirstAndOnlyDraftsWait);
    CPPUNIT_TEST(testAtMostTheLimitIsRead);
    CPPUNIT_TEST(testAnotherMunicipalitysApplicationsNeverShow);
    CPPUNIT_TEST(testEveryChangeOfItsApplicationsCountsTheMunicipalityUp);
    CPPUNIT_TEST(testAProgrammeChangeCountsEveryMunicipalityUp);
    CPPUNIT_TEST(testAKeptListServesUntilTheCounterMoves);
    CPPUNIT_TEST(testTheLeastRecentlyShownMakesRoom);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheNewestComeFirstAndOnlyDraftsWait() {
        const std::uint64_t m = test::makeMunicipality("Első Község Önkormányzata", "15730000-2-13", test::testOfficeId());
        const std::uint64_t draft = application(m, "draft", 30);
        const std::uint64_t submitted = application(m, "submitted", 10);
        const std::uint64_t withdrawn = application(m, "withdrawn", 20);
        const applications::HomeApplications h = home(m, 10);
        CPPUNIT_ASSERT(ids(h.recent) == std::vector<std::uint64_t>({submitted, withdrawn, draft}));
        CPPUNIT_ASSERT(ids(h.waiting) == std::vector<std::uint64_t>({draft}));
        CPPUNIT_ASSERT(h.recent[0].state == State::Submitted);
    }

    void testAtMostTheLimitIsRead() {
        const std::uint64_t m = test::makeMunicipality("Második Község Önkormányzata", "15730001-2-13", test::testOfficeId());
        std::vector<std::uint64_t> newest;
        for (int i = 1; i <= 3; ++i) newest.insert(newest.begin(), application(m, "submitted", 100 - i));
        const std::uint64_t draft = application(m, "draft", 10);
        application(m, "draft", 500);
        const applications::HomeApplications h = home(m, 2);
        CPPUNIT_ASSERT(ids(h.recent) == std::vector<std::uint64_t>({draft, newest[0]}));
        CPPUNIT_ASSERT(ids(h.waiting) == std::vector<std::uint64_t>({draft}));
    }

    void testAnotherMunicipalitysApplicationsNeverShow() {
        const std::uint64_t ours = test::makeMunicipality("Harmadik Község Önkormányzata", "15730002-2-13", test::testOfficeId());
        const std::uint64_t theirs = test::makeMunicipality("Negyedik Község Önkormányzata", "15730003-2-13", test::testOfficeId());
        application(theirs, "draft", 1);
        application(theirs, "submitted", 2);
        const applications::HomeApplications h = home(ours, 10);
        CPPUNIT_ASSERT(h.recent.empty());
        CPPUNIT_ASSERT(h.waiting.empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), home(theirs, 10).recent.size());
    }

    void testEveryChangeOfItsApplicationsCountsTheMunicipalityUp() {
        const std::uint64_t ours = test::makeMunicipality("Ötödik Község Önkormányzata", "15730004-2-13", test::testOfficeId());
        const std::uint64_t other = test::makeMunicipality("Hatodik Község Önkormányzata", "15730005-2-13", test::testOfficeId());
        const std::uint64_t before = counter(ours), otherBefore = counter(other);
        const std::uint64_t id = application(ours, "draft", 5);
        CPPUNIT_ASSERT_EQUAL(before + 1, counter(ours));
        test::adminSql("UPDATE applications SET state = 'submitted' WHERE id = " + std::to_string(id));
        CPPUNIT_ASSERT_EQUAL(before + 2, counter(ours));
        // Moved to another municipality (no page does it): both lists change.
        test::adminSql("UPDATE applications SET municipality_id = " + std::to_string(other) + " WHERE id = " +
                       std::to_string(id));
        CPPUNIT_ASSERT_EQUAL(before + 3, counter(ours));
        CPPUNIT_ASSERT_EQUAL(otherBefore + 1, counter(other));
        test::adminSql("DELETE FROM applications WHERE id = " + std::to_string(id));
        CPPUNIT_ASSERT_EQUAL(before + 3, counter(ours));
        CPPUNIT_ASSERT_EQUAL(otherBefore + 2, counter(other));
        // A change that is rolled back counts nothing.
        struct Undone {};
        CPPUNIT_ASSERT_THROW(test::dbWorld().db->transact([&](db::Tx& tx) -> int {
            tx.update("INSERT INTO applications (municipality_id, state, version, title, headcount, created_at,"
                      " updated_at) VALUES (?, 'draft', 1, 'Vissza', 0, UTC_TIMESTAMP(), UTC_TIMESTAMP())", ours);
            throw Undone{};
        }), Undone);
        CPPUNIT_ASSERT_EQUAL(before + 3, counter(ours));
    }

    void testAProgrammeChangeCountsEveryMunicipalityUp() {
        // The list shows the programme's names.
        const std::uint64_t m = test::makeMunicipality("Hetedik Község Önkormányzata", "15730006-2-13", test::testOfficeId());
        const std::uint64_t before = counter(m);
        test::adminSql("UPDATE programme_types SET name_en = CONCAT(name_en, ' ') ORDER BY code LIMIT 1");
        CPPUNIT_ASSERT_EQUAL(before + 1, counter(m));
        test::adminSql("UPDATE programme_types SET name_en = TRIM(TRAILING ' ' FROM name_en)");
    }

    void testAKeptListServesUntilTheCounterMoves() {
        const std::uint64_t m = test::makeMunicipality("Nyolcadik Község Önkormányzata", "15730007-2-13", test::testOfficeId());
        applications::HomeCache cache;
        const std::uint64_t first = application(m, "submitted", 20);
        CPPUNIT_ASSERT(ids(kept(cache, m).recent) == std::vector<std::uint64_t>({first}));
        CPPUNIT_ASSERT(ids(kept(cache, m).recent) == std::vector<std::uint64_t>({first}));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), cache.reads());
        const std::uint64_t second = application(m, "draft", 10);
        const applications::HomeApplications& now = kept(cache, m);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), cache.reads());
        CPPUNIT_ASSERT(ids(now.recent) == std::vector<std::uint64_t>({second, first}));
        CPPUNIT_ASSERT(ids(now.waiting) == std::vector<std::uint64_t>({second}));
        test::adminSql("UPDATE applications SET state = 'submitted' WHERE id = " + std::to_string(second));
        CPPUNIT_ASSERT(kept(cache, m).waiting.empty());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), cache.reads());
    }

    void testTheLeastRecentlyShownMakesRoom() {
        applications::HomeCache cache(2);
        std::uint64_t m[3];
        for (int i = 0; i < 3; ++i) {
            m[i] = test::makeMunicipality("Kilencedik Község " + std::to_string(i), "1573001" + std::to_string(i) + "-2-13",
                                          test::testOfficeId());
            application(m[i], "draft", 1);
        }
        kept(cache, m[0]);
        kept(cache, m[1]);
        kept(cache, m[0]);
        kept(cache, m[2]);  // makes room: m[1] was shown longest ago
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), cache.reads());
        kept(cache, m[0]);
        kept(cache, m[2]);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), cache.reads());
        CPPUNIT_ASSERT_EQUAL(m[1], kept(cache, m[1]).recent.at(0).municipalityId);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(4), cache.reads());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HomeApplicationsTest);
