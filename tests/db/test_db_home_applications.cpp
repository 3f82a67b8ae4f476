// The home page's one query (applications::homeForContact) on real
// tables: the newest applications of the contact's municipality, at most
// the limit, and among them the ones waiting for the contact; never
// another municipality's.
#include <cppunit/extensions/HelperMacros.h>

#include "applications/application_service.h"
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

}  // namespace

class HomeApplicationsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HomeApplicationsTest);
    CPPUNIT_TEST(testTheNewestComeFirstAndOnlyDraftsWait);
    CPPUNIT_TEST(testAtMostTheLimitIsRead);
    CPPUNIT_TEST(testAnotherMunicipalitysApplicationsNeverShow);
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(HomeApplicationsTest);
