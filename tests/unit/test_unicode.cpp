// The one UTF-8 codec (util/unicode.h): strict decoding for validators,
// lenient decoding for text that must go out anyway, and encoding.
#include <cppunit/extensions/HelperMacros.h>

#include "util/unicode.h"

using namespace ktk;

class UnicodeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UnicodeTest);
    CPPUNIT_TEST(testHungarianTextRoundTrips);
    CPPUNIT_TEST(testStrictDecodingRefusesEveryMalformedSequence);
    CPPUNIT_TEST(testLenientDecodingReplacesEachBadByteAndKeepsTheRest);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHungarianTextRoundTrips() {
        const std::string text = "Őrbottyán – ű 😀";
        std::optional<std::u32string> decoded = util::decodeUtf8(text);
        CPPUNIT_ASSERT(decoded);
        CPPUNIT_ASSERT_EQUAL(std::size_t(15), decoded->size());
        CPPUNIT_ASSERT_EQUAL(text, util::encodeUtf8(*decoded));
        CPPUNIT_ASSERT(util::decodeUtf8Lenient(text) == *decoded);
    }
    void testStrictDecodingRefusesEveryMalformedSequence() {
        for (const char* bad : {"\x80", "\xc0\xaf", "\xc3", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                "\xf8\x88\x80\x80\x80", "a\xffz"})
            CPPUNIT_ASSERT_MESSAGE(bad, !util::decodeUtf8(bad));
    }
    void testLenientDecodingReplacesEachBadByteAndKeepsTheRest() {
        const char32_t r = util::kReplacementCharacter;
        CPPUNIT_ASSERT(util::decodeUtf8Lenient("a\xff" "b") == std::u32string({U'a', r, U'b'}));
        CPPUNIT_ASSERT(util::decodeUtf8Lenient("\xc0\xaf") == std::u32string({r, r}));
        CPPUNIT_ASSERT(util::decodeUtf8Lenient("\xc3") == std::u32string({r}));
        CPPUNIT_ASSERT(util::decodeUtf8Lenient("\xc3\xa9\xc3") == std::u32string({U'é', r}));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UnicodeTest);
