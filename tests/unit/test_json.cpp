// Audit values: JSON built by code stays valid whatever a user typed.
#include <cppunit/extensions/HelperMacros.h>

#include "domain/person_name.h"
#include "util/json.h"

using namespace ktk;

class JsonTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonTest);
    CPPUNIT_TEST(testObjectWithEveryKindOfValue);
    CPPUNIT_TEST(testQuotesBackslashesAndControlCharactersAreEscaped);
    CPPUNIT_TEST(testHungarianTextPassesUnchanged);
    CPPUNIT_TEST(testInvalidUtf8BecomesAReplacementCharacter);
    CPPUNIT_TEST(testHungarianNameOrderPutsTheLastNameFirst);
    CPPUNIT_TEST(testWhatJsonObjectWritesIsReadBackMemberByMember);
    CPPUNIT_TEST(testEscapesAreDecodedForDisplay);
    CPPUNIT_TEST(testAnythingButAFlatObjectIsNotRead);
    CPPUNIT_TEST_SUITE_END();

public:
    void testObjectWithEveryKindOfValue() {
        std::string json = JsonObject()
                               .add("action", "link")
                               .add("failures", 10)
                               .add("id", std::uint64_t(18446744073709551615ull))
                               .add("delta", std::int64_t(-5))
                               .add("locked", true)
                               .addNull("office")
                               .str();
        CPPUNIT_ASSERT_EQUAL(std::string("{\"action\":\"link\",\"failures\":10,\"id\":18446744073709551615,"
                                         "\"delta\":-5,\"locked\":true,\"office\":null}"),
                             json);
        CPPUNIT_ASSERT_EQUAL(std::string("{}"), JsonObject().str());
    }
    void testQuotesBackslashesAndControlCharactersAreEscaped() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\\\"b\\\\c\\u000a\\u0000d\""),
                             jsonString(std::string("a\"b\\c\n\0d", 8)));
    }
    void testHungarianTextPassesUnchanged() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"Őrbottyán Város Önkormányzata – ű\""),
                             jsonString("Őrbottyán Város Önkormányzata – ű"));
    }
    void testInvalidUtf8BecomesAReplacementCharacter() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\\ufffdb\\ufffd\""), jsonString("a\xff" "b\xc3"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"\\ufffd\\ufffd\""), jsonString("\xc0\xaf"));  // overlong '/'
    }
    void testHungarianNameOrderPutsTheLastNameFirst() {
        CPPUNIT_ASSERT_EQUAL(std::string("Kovács Anna"), domain::displayName("Kovács", "Anna", Lang::Hu));
        CPPUNIT_ASSERT_EQUAL(std::string("Anna Kovács"), domain::displayName("Kovács", "Anna", Lang::En));
        CPPUNIT_ASSERT_EQUAL(std::string("Anna"), domain::displayName("", "Anna", Lang::Hu));
    }
    void testWhatJsonObjectWritesIsReadBackMemberByMember() {
        std::string json = JsonObject()
                               .add("municipality", "Őrbottyán \"Város\" <Önkormányzata>")
                               .add("municipality_id", 59)
                               .add("delta", std::int64_t(-5))
                               .add("locked", false)
                               .addNull("linked_at")
                               .str();
        auto members = parseFlatObject(json);
        CPPUNIT_ASSERT(members);
        std::vector<std::pair<std::string, std::string>> expected = {
            {"municipality", "Őrbottyán \"Város\" <Önkormányzata>"}, {"municipality_id", "59"}, {"delta", "-5"},
            {"locked", "false"}, {"linked_at", "null"}};
        CPPUNIT_ASSERT(expected == *members);
        CPPUNIT_ASSERT(parseFlatObject("{}")->empty());
        CPPUNIT_ASSERT(parseFlatObject(" { \"a\" : 1 , \"b\":\"x\" } ")->size() == 2);
    }
    void testEscapesAreDecodedForDisplay() {
        auto members = parseFlatObject(jsonString("x").insert(0, "{\"k\":").append("}"));
        CPPUNIT_ASSERT_EQUAL(std::string("x"), (*members)[0].second);
        members = parseFlatObject("{\"k\":\"a\\n\\u00e9\\ud83d\\ude00\\/\\ud800z\"}");
        CPPUNIT_ASSERT(members);
        CPPUNIT_ASSERT_EQUAL(std::string("a\n\xc3\xa9\xf0\x9f\x98\x80/\xef\xbf\xbdz"), (*members)[0].second);
    }
    void testAnythingButAFlatObjectIsNotRead() {
        for (const char* bad : {"", "[]", "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1} x",
                                "{\"a\":\"\\q\"}", "{\"a\":\"open}", "{a:1}", "{\"a\":-}", "{\"a\":\"\\u12\"}"})
            CPPUNIT_ASSERT_MESSAGE(bad, !parseFlatObject(bad));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonTest);
