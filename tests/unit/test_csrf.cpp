#include <cppunit/extensions/HelperMacros.h>

#include "crypto/random.h"
#include "web/csrf.h"

using ktk::web::Csrf;

class CsrfTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CsrfTest);
    CPPUNIT_TEST(testFreshTokenVerifiesForItsBinding);
    CPPUNIT_TEST(testTokenForAnotherBindingIsRefused);
    CPPUNIT_TEST(testEveryFlippedCharacterIsRefused);
    CPPUNIT_TEST(testTokenPastMaxAgeIsRefused);
    CPPUNIT_TEST(testTokenFromTheFutureIsRefused);
    CPPUNIT_TEST(testEmptyBindingOrGarbageIsRefused);
    CPPUNIT_TEST(testTokenSignedWithPreviousSecretStillVerifiesAfterRotation);
    CPPUNIT_TEST(testTokenFromAnotherSecretIsRefused);
    CPPUNIT_TEST_SUITE_END();

    const std::string a_ = std::string(40, 'a');
    const std::string b_ = std::string(40, 'b');
    const std::int64_t now_ = 1'800'000'000;

public:
    void testFreshTokenVerifiesForItsBinding() {
        Csrf csrf({a_}, 3600);
        CPPUNIT_ASSERT(csrf.verify(csrf.issue("pre:1234", now_), "pre:1234", now_ + 10));
    }
    void testTokenForAnotherBindingIsRefused() {
        Csrf csrf({a_}, 3600);
        CPPUNIT_ASSERT(!csrf.verify(csrf.issue("pre:1234", now_), "pre:1235", now_));
    }
    void testEveryFlippedCharacterIsRefused() {
        Csrf csrf({a_}, 3600);
        std::string token = csrf.issue("pre:x", now_);
        for (std::size_t i = 0; i < token.size(); ++i) {
            std::string t = token;
            t[i] = t[i] == 'A' ? 'B' : 'A';
            CPPUNIT_ASSERT_MESSAGE("position " + std::to_string(i), !csrf.verify(t, "pre:x", now_));
        }
        CPPUNIT_ASSERT(!csrf.verify(token + "A", "pre:x", now_));
        CPPUNIT_ASSERT(!csrf.verify(token.substr(1), "pre:x", now_));
    }
    void testTokenPastMaxAgeIsRefused() {
        Csrf csrf({a_}, 3600);
        std::string token = csrf.issue("pre:x", now_);
        CPPUNIT_ASSERT(csrf.verify(token, "pre:x", now_ + 3600));
        CPPUNIT_ASSERT(!csrf.verify(token, "pre:x", now_ + 3601));
    }
    void testTokenFromTheFutureIsRefused() {
        Csrf csrf({a_}, 3600);
        CPPUNIT_ASSERT(!csrf.verify(csrf.issue("pre:x", now_ + 3600), "pre:x", now_));
    }
    void testEmptyBindingOrGarbageIsRefused() {
        Csrf csrf({a_}, 3600);
        CPPUNIT_ASSERT(!csrf.verify(csrf.issue("", now_), "", now_));
        CPPUNIT_ASSERT(!csrf.verify("", "pre:x", now_));
        CPPUNIT_ASSERT(!csrf.verify("not a token!", "pre:x", now_));
        CPPUNIT_ASSERT(!csrf.verify(std::string(5000, 'A'), "pre:x", now_));
    }
    void testTokenSignedWithPreviousSecretStillVerifiesAfterRotation() {
        Csrf before({a_}, 3600);
        Csrf after({b_, a_}, 3600);
        CPPUNIT_ASSERT(after.verify(before.issue("pre:x", now_), "pre:x", now_));
        CPPUNIT_ASSERT(before.verify(after.issue("pre:x", now_), "pre:x", now_) == false);
    }
    void testTokenFromAnotherSecretIsRefused() {
        Csrf one({a_}, 3600), two({b_}, 3600);
        CPPUNIT_ASSERT(!two.verify(one.issue("pre:x", now_), "pre:x", now_));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(CsrfTest);
