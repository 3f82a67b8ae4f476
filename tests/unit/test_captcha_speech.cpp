// The spoken captcha: what is said (exactly the answer, spelled so that
// letters and digits cannot be confused, in the page's language) and the
// WAV shrinking the synthesiser's output goes through.
#include <cppunit/extensions/HelperMacros.h>

#include <cstdint>

#include "captcha/captcha.h"
#include "captcha/speech.h"
#include "fixtures.h"

using namespace ktk;

namespace {

std::uint32_t le32(const std::string& s, std::size_t at) {
    return static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8 |
           static_cast<unsigned char>(s[at + 2]) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

void put16(std::string& s, std::uint16_t v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>(v >> 8);
}

void put32(std::string& s, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// What espeak-ng writes to a pipe: 16-bit mono PCM, sizes as placeholders.
std::string espeakLike(const std::vector<std::int16_t>& samples, std::uint16_t bits = 16, std::uint16_t channels = 1) {
    std::string w = "RIFF";
    put32(w, 0x7ffff024);
    w += "WAVEfmt ";
    put32(w, 16);
    put16(w, 1);
    put16(w, channels);
    put32(w, 22050);
    put32(w, 44100);
    put16(w, 2);
    put16(w, bits);
    w += "data";
    put32(w, 0x7ffff000);
    for (std::int16_t v : samples) put16(w, static_cast<std::uint16_t>(v));
    return w;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

class CaptchaSpeechTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CaptchaSpeechTest);
    CPPUNIT_TEST(testTheCodeIsSpelledTwiceAndNothingElseIsSaid);
    CPPUNIT_TEST(testEnglishUsesTheNatoAlphabet);
    CPPUNIT_TEST(testLettersAndDigitsNeverSoundAlike);
    CPPUNIT_TEST(testEveryCharacterACodeCanHoldHasAPhraseInBothLanguages);
    CPPUNIT_TEST(testVoiceFollowsThePageLanguage);
    CPPUNIT_TEST(testCompactWavHalvesTheRateAndWritesTrueSizes);
    CPPUNIT_TEST(testCompactWavMapsSamplesToEightBits);
    CPPUNIT_TEST(testCompactWavRefusesWhatIsNotSixteenBitMono);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheCodeIsSpelledTwiceAndNothingElseIsSaid() {
        std::string text = captcha::spokenText("C7E", domain::Lang::Hu, test::world().translator);
        CPPUNIT_ASSERT_EQUAL(std::string("A biztonsági kód következik, karakterenként. "
                                         "C, mint Cecília. szám: hét. E, mint Elemér. Még egyszer: "
                                         "C, mint Cecília. szám: hét. E, mint Elemér. "),
                             text);
    }

    void testEnglishUsesTheNatoAlphabet() {
        std::string text = captcha::spokenText("K4", domain::Lang::En, test::world().translator);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), count(text, "K, as in Kilo. number four. "));
        CPPUNIT_ASSERT(text.find("Once more:") != std::string::npos);
    }

    void testLettersAndDigitsNeverSoundAlike() {
        const view::Translator& tr = test::world().translator;
        for (domain::Lang lang : domain::kAllLangs) {
            for (char c = 'A'; c <= 'Z'; ++c) {
                std::string phrase = captcha::spokenText(std::string(1, c), lang, tr);
                CPPUNIT_ASSERT(phrase.find(lang == domain::Lang::Hu ? ", mint " : ", as in ") != std::string::npos);
            }
            for (char c = '0'; c <= '9'; ++c) {
                std::string phrase = captcha::spokenText(std::string(1, c), lang, tr);
                CPPUNIT_ASSERT(phrase.find(lang == domain::Lang::Hu ? "szám: " : "number ") != std::string::npos);
            }
        }
    }

    void testEveryCharacterACodeCanHoldHasAPhraseInBothLanguages() {
        // The real alphabet, and the test answers, which may use any letter or digit.
        std::string all = captcha::kAlphabet;
        for (char c = 'A'; c <= 'Z'; ++c) all += c;
        for (char c = '0'; c <= '9'; ++c) all += c;
        for (domain::Lang lang : domain::kAllLangs)
            CPPUNIT_ASSERT_NO_THROW(captcha::spokenText(all, lang, test::world().translator));
        CPPUNIT_ASSERT_THROW(captcha::spokenText("a", domain::Lang::Hu, test::world().translator), std::logic_error);
    }

    void testVoiceFollowsThePageLanguage() {
        CPPUNIT_ASSERT_EQUAL(std::string("hu"), std::string(captcha::voiceFor(domain::Lang::Hu)));
        CPPUNIT_ASSERT_EQUAL(std::string("en-gb"), std::string(captcha::voiceFor(domain::Lang::En)));
    }

    void testCompactWavHalvesTheRateAndWritesTrueSizes() {
        std::vector<std::int16_t> samples(1000, 0);
        auto out = captcha::compactWav(espeakLike(samples));
        CPPUNIT_ASSERT(out.has_value());
        const std::string& w = *out;
        CPPUNIT_ASSERT_EQUAL(std::size_t(44 + 500), w.size());
        CPPUNIT_ASSERT_EQUAL(std::string("RIFF"), w.substr(0, 4));
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(36 + 500), le32(w, 4));
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(11025), le32(w, 24));  // rate
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(11025), le32(w, 28));  // bytes per second
        CPPUNIT_ASSERT_EQUAL(8, static_cast<int>(w[34]));         // bits
        CPPUNIT_ASSERT_EQUAL(std::string("data"), w.substr(36, 4));
        CPPUNIT_ASSERT_EQUAL(std::uint32_t(500), le32(w, 40));
    }

    void testCompactWavMapsSamplesToEightBits() {
        auto out = captcha::compactWav(espeakLike({0, 0, 32767, 32767, -32768, -32768, 256, 768}));
        CPPUNIT_ASSERT(out.has_value());
        std::string pcm = out->substr(44);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), pcm.size());
        CPPUNIT_ASSERT_EQUAL(128, static_cast<int>(static_cast<unsigned char>(pcm[0])));  // silence
        CPPUNIT_ASSERT_EQUAL(255, static_cast<int>(static_cast<unsigned char>(pcm[1])));
        CPPUNIT_ASSERT_EQUAL(0, static_cast<int>(static_cast<unsigned char>(pcm[2])));
        CPPUNIT_ASSERT_EQUAL(130, static_cast<int>(static_cast<unsigned char>(pcm[3])));  // mean of 256 and 768
    }

    void testCompactWavRefusesWhatIsNotSixteenBitMono() {
        CPPUNIT_ASSERT(!captcha::compactWav("").has_value());
        CPPUNIT_ASSERT(!captcha::compactWav("RIFF....WAVE").has_value());
        CPPUNIT_ASSERT(!captcha::compactWav(espeakLike({0, 0}, 8)).has_value());
        CPPUNIT_ASSERT(!captcha::compactWav(espeakLike({0, 0}, 16, 2)).has_value());
        CPPUNIT_ASSERT(!captcha::compactWav("<html>not sound</html>").has_value());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CaptchaSpeechTest);
