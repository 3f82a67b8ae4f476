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
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonTest);
