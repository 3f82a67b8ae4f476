// Route patterns: `{name}` segments match one id and nothing else.
#include <cppunit/extensions/HelperMacros.h>

#include "web/handler.h"

using ktk::web::matchRoutePath;

class RouteMatchTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RouteMatchTest);
    CPPUNIT_TEST(testExactSegmentsAndIdsMatch);
    CPPUNIT_TEST(testOnlyPlainIdsAreIds);
    CPPUNIT_TEST_SUITE_END();

    using Ids = std::vector<std::pair<std::string, std::uint64_t>>;

public:
    void testExactSegmentsAndIdsMatch() {
        Ids ids;
        CPPUNIT_ASSERT(matchRoutePath("/applications/{id}/versions/{a}/diff/{b}", "/applications/42/versions/3/diff/17", ids));
        CPPUNIT_ASSERT((ids == Ids{{"id", 42}, {"a", 3}, {"b", 17}}));
        ids.clear();
        CPPUNIT_ASSERT(matchRoutePath("/applications/{id}", "/applications/999999999999999999", ids));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(999999999999999999ULL), ids[0].second);
        for (const char* other : {"/applications/42/edit", "/applications", "/applications/", "/applications/42/",
                                  "/applicationsx/42", "/x/applications/42", "/applications//42"}) {
            Ids none;
            CPPUNIT_ASSERT_MESSAGE(other, !matchRoutePath("/applications/{id}", other, none));
        }
    }
    void testOnlyPlainIdsAreIds() {
        for (const char* bad : {"/applications/0", "/applications/042", "/applications/-1", "/applications/1e3",
                                "/applications/%31", "/applications/new", "/applications/1000000000000000000",
                                "/applications/12a", "/applications/ 1", "/applications/1.0"}) {
            Ids ids;
            CPPUNIT_ASSERT_MESSAGE(bad, !matchRoutePath("/applications/{id}", bad, ids));
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RouteMatchTest);
