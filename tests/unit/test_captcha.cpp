// Captcha answers: derived from the id, drawn from the unambiguous
// alphabet, compared after normalisation; test mode's fixed answer.
#include <cppunit/extensions/HelperMacros.h>

#include <set>

#include "captcha/captcha.h"
#include "crypto/random.h"
#include "fixtures.h"

using namespace ktk;
using namespace ktk::captcha;

namespace {

config::Config realMode() {
    config::Config c = test::testConfig();
    c.captchaTestAnswer.clear();
    return c;
}

}  // namespace

class CaptchaTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CaptchaTest);
    CPPUNIT_TEST(testNormalisationIgnoresCaseSpacesAndHyphens);
    CPPUNIT_TEST(testNormalisationRefusesOverlongInput);
    CPPUNIT_TEST(testAnswersHaveFiveOrSixCharactersFromTheAlphabet);
    CPPUNIT_TEST(testAlphabetHasNoLookAlikes);
    CPPUNIT_TEST(testSameIdGivesSameAnswerOtherIdsDiffer);
    CPPUNIT_TEST(testAnswerDependsOnTheSecret);
    CPPUNIT_TEST(testTestModeAnswersTheConfiguredValueNormalised);
    CPPUNIT_TEST(testOnlyTokenShapedIdsAreAccepted);
    CPPUNIT_TEST(testEveryProblemHasAMessageKey);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNormalisationIgnoresCaseSpacesAndHyphens() {
        CPPUNIT_ASSERT_EQUAL(std::string("AC3F7K"), normalizeAnswer("ac3f7k"));
        CPPUNIT_ASSERT_EQUAL(std::string("AC3F7K"), normalizeAnswer(" Ac3 F7-k "));
        CPPUNIT_ASSERT_EQUAL(std::string(""), normalizeAnswer("   "));
    }
    void testNormalisationRefusesOverlongInput() {
        CPPUNIT_ASSERT_EQUAL(std::string(""), normalizeAnswer(std::string(33, 'A')));
        CPPUNIT_ASSERT_EQUAL(std::string(32, 'A'), normalizeAnswer(std::string(32, 'a')));
    }
    void testAnswersHaveFiveOrSixCharactersFromTheAlphabet() {
        config::Config c = realMode();
        std::set<std::size_t> lengths;
        for (int i = 0; i < 200; ++i) {
            std::string a = answerFor(c, crypto::randomToken());
            lengths.insert(a.size());
            CPPUNIT_ASSERT_MESSAGE(a, a.find_first_not_of(kAlphabet) == std::string::npos);
            CPPUNIT_ASSERT_EQUAL(a, normalizeAnswer(a));
        }
        CPPUNIT_ASSERT(lengths == (std::set<std::size_t>{5, 6}));
    }
    void testAlphabetHasNoLookAlikes() {
        for (char c : std::string("0O1IlB8S5Z2QDG6o"))
            CPPUNIT_ASSERT_MESSAGE(std::string(1, c), std::string(kAlphabet).find(c) == std::string::npos);
    }
    void testSameIdGivesSameAnswerOtherIdsDiffer() {
        config::Config c = realMode();
        std::string id = crypto::randomToken();
        CPPUNIT_ASSERT_EQUAL(answerFor(c, id), answerFor(c, id));
        CPPUNIT_ASSERT_EQUAL(drawingSeed(c, id), drawingSeed(c, id));
        std::set<std::string> answers;
        for (int i = 0; i < 50; ++i) answers.insert(answerFor(c, crypto::randomToken()));
        CPPUNIT_ASSERT(answers.size() > 45);
    }
    void testAnswerDependsOnTheSecret() {
        config::Config a = realMode(), b = realMode();
        b.secrets = {std::string(40, 'x')};
        int same = 0;
        for (int i = 0; i < 20; ++i) {
            std::string id = crypto::randomToken();
            same += answerFor(a, id) == answerFor(b, id);
        }
        CPPUNIT_ASSERT(same < 3);
    }
    void testTestModeAnswersTheConfiguredValueNormalised() {
        config::Config c = realMode();
        c.captchaTestAnswer = "ktk 7test";
        CPPUNIT_ASSERT_EQUAL(std::string("KTK7TEST"), answerFor(c, crypto::randomToken()));
        CPPUNIT_ASSERT_EQUAL(std::string("KTK7TEST"), answerFor(c, crypto::randomToken()));
    }
    void testOnlyTokenShapedIdsAreAccepted() {
        CPPUNIT_ASSERT(crypto::isToken(crypto::randomToken()));
        CPPUNIT_ASSERT(!crypto::isToken(""));
        CPPUNIT_ASSERT(!crypto::isToken(crypto::randomToken() + "A"));
        CPPUNIT_ASSERT(!crypto::isToken(crypto::randomToken().substr(1)));
        std::string bad = crypto::randomToken();
        bad[5] = '/';
        CPPUNIT_ASSERT(!crypto::isToken(bad));
    }
    void testEveryProblemHasAMessageKey() {
        CPPUNIT_ASSERT_EQUAL(std::string("validation.captcha.missing"), std::string(messageKey(Check::Missing)));
        CPPUNIT_ASSERT_EQUAL(std::string("validation.captcha.wrong"), std::string(messageKey(Check::Wrong)));
        CPPUNIT_ASSERT_EQUAL(std::string(""), std::string(messageKey(Check::Ok)));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(CaptchaTest);
