// Audit values: JSON built by code stays valid whatever a user typed, and
// reads back member by member for the audit page.
#include <cppunit/extensions/HelperMacros.h>

#include "domain/person_name.h"
#include "util/json.h"

using namespace ktk;

class JsonTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonTest);
    CPPUNIT_TEST(testObjectWithEveryKindOfValueKeepsItsOrder);
    CPPUNIT_TEST(testQuotesBackslashesAndControlCharactersAreEscaped);
    CPPUNIT_TEST(testHungarianTextPassesUnchanged);
    CPPUNIT_TEST(testInvalidUtf8BecomesAReplacementCharacter);
    CPPUNIT_TEST(testHungarianNameOrderPutsTheLastNameFirst);
    CPPUNIT_TEST(testWhatIsWrittenIsReadBackMemberByMember);
    CPPUNIT_TEST(testEscapesAreDecodedForDisplay);
    CPPUNIT_TEST(testAnythingButAFlatObjectIsNotRead);
    CPPUNIT_TEST_SUITE_END();

public:
    void testObjectWithEveryKindOfValueKeepsItsOrder() {
        std::string json = util::jsonText({{"action", "link"},
                                           {"failures", 10},
                                           {"id", std::uint64_t(18446744073709551615ull)},
                                           {"delta", std::int64_t(-5)},
                                           {"locked", true},
                                           {"office", nullptr}});
        CPPUNIT_ASSERT_EQUAL(std::string("{\"action\":\"link\",\"failures\":10,\"id\":18446744073709551615,"
                                         "\"delta\":-5,\"locked\":true,\"office\":null}"),
                             json);
        CPPUNIT_ASSERT_EQUAL(std::string("{}"), util::jsonText(util::Json::object()));
    }
    void testQuotesBackslashesAndControlCharactersAreEscaped() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\\\"b\\\\c\\n\\u0000d\""),
                             util::jsonText(std::string("a\"b\\c\n\0d", 8)));
    }
    void testHungarianTextPassesUnchanged() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"Őrbottyán Város Önkormányzata – ű\""),
                             util::jsonText("Őrbottyán Város Önkormányzata – ű"));
    }
    void testInvalidUtf8BecomesAReplacementCharacter() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\xef\xbf\xbd" "b\xef\xbf\xbd\""), util::jsonText("a\xff" "b\xc3"));
        // An overlong '/' is no '/'.
        CPPUNIT_ASSERT(util::jsonText("\xc0\xaf").find('/') == std::string::npos);
        CPPUNIT_ASSERT(util::parseFlatObject(util::jsonText({{"k", "\xc0\xaf\xff"}})));
    }
    void testHungarianNameOrderPutsTheLastNameFirst() {
        CPPUNIT_ASSERT_EQUAL(std::string("Kovács Anna"), domain::displayName("Kovács", "Anna", domain::Lang::Hu));
        CPPUNIT_ASSERT_EQUAL(std::string("Anna Kovács"), domain::displayName("Kovács", "Anna", domain::Lang::En));
        CPPUNIT_ASSERT_EQUAL(std::string("Anna"), domain::displayName("", "Anna", domain::Lang::Hu));
    }
    void testWhatIsWrittenIsReadBackMemberByMember() {
        std::string json = util::jsonText({{"municipality", "Őrbottyán \"Város\" <Önkormányzata>"},
                                           {"municipality_id", 59},
                                           {"delta", std::int64_t(-5)},
                                           {"locked", false},
                                           {"linked_at", nullptr}});
        auto members = util::parseFlatObject(json);
        CPPUNIT_ASSERT(members);
        std::vector<std::pair<std::string, std::string>> expected = {
            {"municipality", "Őrbottyán \"Város\" <Önkormányzata>"}, {"municipality_id", "59"}, {"delta", "-5"},
            {"locked", "false"}, {"linked_at", "null"}};
        CPPUNIT_ASSERT(expected == *members);
        CPPUNIT_ASSERT(util::parseFlatObject("{}")->empty());
        CPPUNIT_ASSERT(util::parseFlatObject(" { \"a\" : 1 , \"b\":\"x\" } ")->size() == 2);
    }
    void testEscapesAreDecodedForDisplay() {
        auto members = util::parseFlatObject("{\"k\":\"a\\n\\u00e9\\ud83d\\ude00\\/z\"}");
        CPPUNIT_ASSERT(members);
        CPPUNIT_ASSERT_EQUAL(std::string("a\n\xc3\xa9\xf0\x9f\x98\x80/z"), (*members)[0].second);
    }
    void testAnythingButAFlatObjectIsNotRead() {
        for (const char* bad : {"", "[]", "1", "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1} x",
                                "{\"a\":\"\\q\"}", "{\"a\":\"open}", "{a:1}", "{\"a\":-}", "{\"a\":\"\\u12\"}",
                                "{\"a\":\"\\ud800z\"}"})
            CPPUNIT_ASSERT_MESSAGE(bad, !util::parseFlatObject(bad));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonTest);
