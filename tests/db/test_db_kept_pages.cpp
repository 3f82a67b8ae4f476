// Pages kept in the process while what they show stands, through the real
// request loop and the programs' handlers: the applications list
// (applications::handlers::ListHandler, by municipality, page and
// language), the home page's lists (login::HomeHandler) and the office's
// inbox (admin::InboxHandler, by office, filters and page). A change of
// the applications, made anywhere (here: plain SQL, as no page does),
// shows on the next request; the kept copy is what serves otherwise,
// which the tests show by putting the counter back by hand.
#include <cppunit/extensions/HelperMacros.h>

#include "admin/application_handlers.h"
#include "applications/application_handlers.h"
#include "db_fixture.h"
#include "login/login_handler.h"

using namespace ktk;

namespace {

std::string str(std::uint64_t n) { return std::to_string(n); }

web::Routes routes() {
    web::Routes r;
    r.push_back({"/home", web::Access::User, std::make_unique<login::HomeHandler>()});
    r.push_back({"/applications", web::Access::LinkedContact, std::make_unique<applications::handlers::ListHandler>()});
    r.push_back({"/admin/applications", web::Access::Clerk, std::make_unique<admin::InboxHandler>()});
    return r;
}

void application(std::uint64_t municipality, const std::string& title) {
    test::adminSql("INSERT INTO applications (municipality_id, state, version, title, headcount, created_at, updated_at)"
                   " VALUES (" + str(municipality) + ", 'draft', 1, '" + title + "', 0, UTC_TIMESTAMP(),"
                   " UTC_TIMESTAMP())");
}

test::TestAccount contactOf(std::uint64_t municipality) {
    test::AccountSpec spec;
    spec.municipality = municipality;
    return test::makeAccount(spec);
}

// The counter put back by one, as no write path can: the next request
// then asks for what was kept before the last change.
void putBack(std::uint64_t municipality) {
    test::adminSql("UPDATE municipalities SET applications_version = applications_version - 1 WHERE id = " +
                   str(municipality));
}

std::string body(web::Routes& r, test::Browser& b, const std::string& path) {
    web::Response res = test::get(r, b, path);
    CPPUNIT_ASSERT_EQUAL(200, res.status);
    return res.body;
}

}  // namespace

class KeptPagesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(KeptPagesTest);
    CPPUNIT_TEST(testTheListShowsEveryChangeAndIsKeptMeanwhile);
    CPPUNIT_TEST(testTheListIsKeptPerPageAndLanguageAndNamesTheMunicipalityAsItIsNow);
    CPPUNIT_TEST(testTheHomePageShowsEveryChangeAndIsKeptMeanwhile);
    CPPUNIT_TEST(testTheInboxShowsEveryChangeAndIsKeptPerFilter);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheListShowsEveryChangeAndIsKeptMeanwhile() {
        const std::uint64_t m = test::makeMunicipality("Tizenegyedik Község", "15730030-2-13", test::testOfficeId());
        const test::TestAccount a = contactOf(m);
        web::Routes r = routes();
        test::Browser b = test::loggedIn(a.id);
        CPPUNIT_ASSERT(!test::contains(body(r, b, "/applications"), "Első terv"));
        application(m, "Első terv");
        CPPUNIT_ASSERT(test::contains(body(r, b, "/applications"), "Első terv"));
        test::adminSql("UPDATE applications SET title = 'Második terv' WHERE municipality_id = " + str(m));
        CPPUNIT_ASSERT(test::contains(body(r, b, "/applications"), "Második terv"));
        test::adminSql("UPDATE applications SET title = 'Harmadik <b>terv</b>' WHERE municipality_id = " + str(m));
        putBack(m);
        const std::string kept = body(r, b, "/applications");
        CPPUNIT_ASSERT(test::contains(kept, "Második terv"));
        // The kept page is still the page: the layout around it is this request's.
        CPPUNIT_ASSERT(test::contains(kept, "name=\"csrf_token\""));
        test::adminSql("UPDATE applications SET state = 'submitted' WHERE municipality_id = " + str(m));
        const std::string now = body(r, b, "/applications");
        CPPUNIT_ASSERT(test::contains(now, "Harmadik &lt;b&gt;terv&lt;/b&gt;"));
        CPPUNIT_ASSERT(test::contains(now, "data-state=\"submitted\""));
    }

    void testTheListIsKeptPerPageAndLanguageAndNamesTheMunicipalityAsItIsNow() {
        const std::uint64_t m = test::makeMunicipality("Tizenkettedik Község", "15730031-2-13", test::testOfficeId());
        const test::TestAccount a = contactOf(m);
        web::Routes r = routes();
        test::Browser b = test::loggedIn(a.id);
        for (int i = 0; i < 26; ++i) application(m, "Terv " + str(static_cast<std::uint64_t>(i)));
        const std::string first = body(r, b, "/applications");
        const std::string second = body(r, b, "/applications?page=2");
        CPPUNIT_ASSERT(first != second);
        CPPUNIT_ASSERT(test::contains(second, "rel=\"prev\""));
        const std::string english = body(r, b, "/applications?lang=en");
        CPPUNIT_ASSERT(test::contains(english, "lang=\"en\""));
        CPPUNIT_ASSERT(english != body(r, b, "/applications?lang=hu"));
        test::adminSql("UPDATE municipalities SET name = 'Tizenkettedik <Város>' WHERE id = " + str(m));
        CPPUNIT_ASSERT(test::contains(body(r, b, "/applications"), "Tizenkettedik &lt;Város&gt;"));
    }

    void testTheHomePageShowsEveryChangeAndIsKeptMeanwhile() {
        const std::uint64_t m = test::makeMunicipality("Tizenharmadik Község", "15730032-2-13", test::testOfficeId());
        const test::TestAccount a = contactOf(m);
        web::Routes r = routes();
        test::Browser b = test::loggedIn(a.id);
        CPPUNIT_ASSERT(!test::contains(body(r, b, "/home"), "Otthoni terv"));
        application(m, "Otthoni terv");
        CPPUNIT_ASSERT(test::contains(body(r, b, "/home"), "Otthoni terv"));
        test::adminSql("UPDATE applications SET title = 'Új otthoni terv' WHERE municipality_id = " + str(m));
        putBack(m);
        CPPUNIT_ASSERT(!test::contains(body(r, b, "/home"), "Új otthoni terv"));
        test::adminSql("UPDATE applications SET state = 'submitted' WHERE municipality_id = " + str(m));
        const std::string now = body(r, b, "/home");
        CPPUNIT_ASSERT(test::contains(now, "Új otthoni terv"));
        // Submitted: no longer waiting for the contact.
        CPPUNIT_ASSERT(!test::contains(now, "class=\"waiting-item\""));
    }

    void testTheInboxShowsEveryChangeAndIsKeptPerFilter() {
        const std::uint64_t office = test::makeOffice("Kept Járási Hivatal", "16");
        const std::uint64_t m = test::makeMunicipality("Tizenötödik Község", "15730050-2-16", office);
        test::AccountSpec spec;
        spec.role = test::Role::Clerk;
        spec.office = office;
        const test::TestAccount clerk = test::makeAccount(spec);
        web::Routes r = routes();
        test::Browser b = test::loggedIn(clerk.id);
        const auto submitted = [&](const std::string& number, const std::string& title) {
            test::adminSql("INSERT INTO applications (municipality_id, number, state, version, title, headcount,"
                           " created_at, updated_at) VALUES (" + str(m) + ", '" + number + "', 'submitted', 1, '" +
                           title + "', 0, UTC_TIMESTAMP(), UTC_TIMESTAMP())");
        };
        submitted("KTK-2026-900001", "Hivatali első");
        const std::string first = body(r, b, "/admin/applications");
        CPPUNIT_ASSERT(test::contains(first, "KTK-2026-900001"));
        CPPUNIT_ASSERT(test::contains(first, "Kept Járási Hivatal"));
        submitted("KTK-2026-900002", "Hivatali második");
        CPPUNIT_ASSERT(test::contains(body(r, b, "/admin/applications"), "KTK-2026-900002"));
        // Each filter is a page of its own.
        const std::string filtered = body(r, b, "/admin/applications?q=KTK-2026-900001");
        CPPUNIT_ASSERT(test::contains(filtered, "KTK-2026-900001"));
        CPPUNIT_ASSERT(!test::contains(filtered, "KTK-2026-900002"));
        // Kept while the office's counter stands (put back by hand) …
        test::adminSql("UPDATE applications SET title = 'Hivatali harmadik' WHERE number = 'KTK-2026-900002'");
        test::adminSql("UPDATE district_offices SET applications_version = applications_version - 1 WHERE id = " +
                       str(office));
        CPPUNIT_ASSERT(test::contains(body(r, b, "/admin/applications"), "Hivatali második"));
        // … and read again after any change: the office's name too.
        test::adminSql("UPDATE municipalities SET name = 'Tizenötödik Nagyközség' WHERE id = " + str(m));
        const std::string now = body(r, b, "/admin/applications");
        CPPUNIT_ASSERT(test::contains(now, "Hivatali harmadik"));
        CPPUNIT_ASSERT(test::contains(now, "Tizenötödik Nagyközség"));
        test::adminSql("UPDATE district_offices SET name = 'Átnevezett Járási Hivatal' WHERE id = " + str(office));
        CPPUNIT_ASSERT(test::contains(body(r, b, "/admin/applications"), "Átnevezett Járási Hivatal"));
        // A year that is not one is answered 422, never from a kept page.
        CPPUNIT_ASSERT_EQUAL(422, test::get(r, b, "/admin/applications?year=abc").status);
        CPPUNIT_ASSERT_EQUAL(422, test::get(r, b, "/admin/applications?year=abc").status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(KeptPagesTest);
