// The route table's access levels, enforced once by the request loop, with
// real sessions: who reaches the handler, and where everyone else goes.
#include <cppunit/extensions/HelperMacros.h>

#include "db_fixture.h"
#include "web/context.h"

using namespace ktk;
using test::Browser;

namespace {

class Reached : public web::Handler {
public:
    web::Response get(web::Context& ctx) override {
        return web::Response::plain(200, ctx.user() ? "reached by " + ctx.user()->email : "reached by a visitor");
    }
};

class PostOnly : public web::Handler {
public:
    web::Response post(web::Context&) override { return web::Response::plain(200, "posted"); }
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
};

web::Routes routes() {
    web::Routes r;
    r.push_back({"/anyone", web::Access::Anyone, std::make_unique<Reached>()});
    r.push_back({"/user", web::Access::User, std::make_unique<Reached>()});
    r.push_back({"/contact", web::Access::Contact, std::make_unique<Reached>()});
    r.push_back({"/linked", web::Access::LinkedContact, std::make_unique<Reached>()});
    r.push_back({"/clerk", web::Access::Clerk, std::make_unique<Reached>()});
    r.push_back({"/post-only", web::Access::User, std::make_unique<PostOnly>()});
    return r;
}

bool reached(const web::Response& r) { return r.status == 200 && r.body.rfind("reached", 0) == 0; }

std::string allow(const web::Response& r) {
    for (const auto& [name, value] : r.headers)
        if (name == "Allow") return value;
    return {};
}

}  // namespace

class AccessTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AccessTest);
    CPPUNIT_TEST(testAVisitorReachesOnlyAnyonesRoutesAndIsSentToLogIn);
    CPPUNIT_TEST(testAnExpiredSessionIsToldOnTheLoginPage);
    CPPUNIT_TEST(testALinkedContactReachesEveryContactRouteButNotTheClerks);
    CPPUNIT_TEST(testAnUnlinkedContactIsSentHomeFromLinkedRoutes);
    CPPUNIT_TEST(testAClerkReachesClerkRoutesAndIsSentToTheirStartPageFromContactRoutes);
    CPPUNIT_TEST(testAClerkWithoutASecondFactorIsSentToEnrolFromClerkRoutesOnly);
    CPPUNIT_TEST(testTheSitesRefusalAnswersAWrongRoleOnAClerkRoute);
    CPPUNIT_TEST(testAPostOnlyRouteAnswers405ToAGetWhoeverAsks);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAVisitorReachesOnlyAnyonesRoutesAndIsSentToLogIn() {
        web::Routes r = routes();
        Browser visitor;
        CPPUNIT_ASSERT(reached(test::get(r, visitor, "/anyone")));
        for (const char* path : {"/user", "/contact", "/linked", "/clerk"}) {
            web::Response res = test::get(r, visitor, path);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 303, res.status);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, std::string("/login"), test::location(res));
        }
    }

    void testAnExpiredSessionIsToldOnTheLoginPage() {
        web::Routes r = routes();
        test::TestAccount a = test::makeAccount();
        Browser b = test::loggedIn(a.id);
        test::adminSql("DELETE FROM sessions WHERE user_id = " + std::to_string(a.id));
        CPPUNIT_ASSERT_EQUAL(std::string("/login?expired=1"), test::location(test::get(r, b, "/user")));
    }

    void testALinkedContactReachesEveryContactRouteButNotTheClerks() {
        web::Routes r = routes();
        test::TestAccount a = test::makeAccount();
        Browser b = test::loggedIn(a.id);
        for (const char* path : {"/anyone", "/user", "/contact", "/linked"})
            CPPUNIT_ASSERT_MESSAGE(path, reached(test::get(r, b, path)));
        // Without a refusal of the site's own: to the user's start page.
        CPPUNIT_ASSERT_EQUAL(std::string("/home"), test::location(test::get(r, b, "/clerk")));
    }

    void testAnUnlinkedContactIsSentHomeFromLinkedRoutes() {
        web::Routes r = routes();
        test::TestAccount a = test::makeAccount({test::Role::Contact, true, false, false});
        Browser b = test::loggedIn(a.id);
        CPPUNIT_ASSERT(reached(test::get(r, b, "/contact")));
        CPPUNIT_ASSERT_EQUAL(std::string("/home"), test::location(test::get(r, b, "/linked")));
    }

    void testAClerkReachesClerkRoutesAndIsSentToTheirStartPageFromContactRoutes() {
        web::Routes r = routes();
        test::TestAccount clerk = test::makeAccount({test::Role::Clerk});
        Browser b = test::loggedIn(clerk.id);
        CPPUNIT_ASSERT(reached(test::get(r, b, "/clerk")));
        CPPUNIT_ASSERT(reached(test::get(r, b, "/user")));
        CPPUNIT_ASSERT_EQUAL(std::string("/admin"), test::location(test::get(r, b, "/contact")));
        CPPUNIT_ASSERT_EQUAL(std::string("/admin"), test::location(test::get(r, b, "/linked")));
    }

    void testAClerkWithoutASecondFactorIsSentToEnrolFromClerkRoutesOnly() {
        web::Routes r = routes();
        test::AccountSpec spec{test::Role::Clerk};
        spec.secondFactor = false;
        test::TestAccount clerk = test::makeAccount(spec);
        Browser b = test::loggedIn(clerk.id);
        web::Response res = test::get(r, b, "/clerk");
        CPPUNIT_ASSERT_EQUAL(303, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("/profile/two-factor"), test::location(res));
        CPPUNIT_ASSERT(reached(test::get(r, b, "/user")));  // the enrolment page is such a route
        // An enrolment begun is not enough: only a confirmed one opens the office pages.
        test::adminSql("INSERT INTO user_totp (user_id, secret_sealed, kek_id, created_at) VALUES (" +
                       std::to_string(clerk.id) + ", 'x', '0000000000000000', NOW())");
        CPPUNIT_ASSERT_EQUAL(std::string("/profile/two-factor"), test::location(test::get(r, b, "/clerk")));
        test::adminSql("UPDATE user_totp SET confirmed_at = NOW() WHERE user_id = " + std::to_string(clerk.id));
        CPPUNIT_ASSERT(reached(test::get(r, b, "/clerk")));
    }

    void testTheSitesRefusalAnswersAWrongRoleOnAClerkRoute() {
        web::Routes r = routes();
        test::World& w = test::dbWorld();
        web::Site site = w.site;
        site.refuse = [](web::Context&) { return web::Response::plain(403, "clerks only"); };
        web::Services services{w.config, *w.db, w.translator, *w.views, *w.csrf, site, *w.keptAccounts};
        test::TestAccount a = test::makeAccount();
        Browser b = test::loggedIn(a.id);
        web::Response res = test::get(r, b, "/clerk", &services);
        CPPUNIT_ASSERT_EQUAL(403, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("clerks only"), res.body);
    }

    void testAPostOnlyRouteAnswers405ToAGetWhoeverAsks() {
        web::Routes r = routes();
        test::TestAccount a = test::makeAccount();
        for (Browser b : {Browser{}, test::loggedIn(a.id)}) {
            web::Response res = test::get(r, b, "/post-only");
            CPPUNIT_ASSERT_EQUAL(405, res.status);
            CPPUNIT_ASSERT_EQUAL(std::string("POST"), allow(res));
        }
        Browser b = test::loggedIn(a.id);
        CPPUNIT_ASSERT_EQUAL(std::string("posted"), test::post(r, b, "/post-only", {}).body);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AccessTest);
