#include <cppunit/extensions/HelperMacros.h>

#include "crypto/password.h"

using namespace ktk::crypto;

class PasswordHashTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PasswordHashTest);
    CPPUNIT_TEST(testHashIsArgon2idPhcWithOurParameters);
    CPPUNIT_TEST(testRightPasswordVerifiesWrongOneDoesNot);
    CPPUNIT_TEST(testPasswordIsCaseSensitiveAndUnicodeSafe);
    CPPUNIT_TEST(testSamePasswordHashesDifferently);
    CPPUNIT_TEST(testMalformedHashesNeverVerify);
    CPPUNIT_TEST(testOlderParametersNeedRehash);
    CPPUNIT_TEST(testDummyHashIsAValidHash);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHashIsArgon2idPhcWithOurParameters() {
        std::string h = hashPassword("Jelszo123");
        CPPUNIT_ASSERT_EQUAL(0ul, h.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0));
    }
    void testRightPasswordVerifiesWrongOneDoesNot() {
        std::string h = hashPassword("Jelszo123");
        CPPUNIT_ASSERT(verifyPassword("Jelszo123", h));
        CPPUNIT_ASSERT(!verifyPassword("Jelszo124", h));
        CPPUNIT_ASSERT(!verifyPassword("", h));
    }
    void testPasswordIsCaseSensitiveAndUnicodeSafe() {
        std::string h = hashPassword("ÁrvíztűrőTükörfúrógép1");
        CPPUNIT_ASSERT(verifyPassword("ÁrvíztűrőTükörfúrógép1", h));
        CPPUNIT_ASSERT(!verifyPassword("árvíztűrőtükörfúrógép1", h));
        std::string withNul("ab\0cd1X", 7);
        std::string hn = hashPassword(withNul);
        CPPUNIT_ASSERT(verifyPassword(withNul, hn));
        CPPUNIT_ASSERT(!verifyPassword("ab", hn));
    }
    void testSamePasswordHashesDifferently() { CPPUNIT_ASSERT(hashPassword("Abc12345") != hashPassword("Abc12345")); }
    void testMalformedHashesNeverVerify() {
        for (const char* bad : {"", "x", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "$2y$10$abcdefghijklmnopqrstuv"})
            CPPUNIT_ASSERT(!verifyPassword("x", bad));
    }
    void testOlderParametersNeedRehash() {
        HashParams weak{1, 8u * 1024 * 1024};
        std::string old = hashPassword("Abc12345", weak);
        CPPUNIT_ASSERT(needsRehash(old));
        CPPUNIT_ASSERT(!needsRehash(hashPassword("Abc12345")));
        CPPUNIT_ASSERT(needsRehash("$2y$10$legacy"));
    }
    void testDummyHashIsAValidHash() {
        CPPUNIT_ASSERT(!needsRehash(dummyHash()));
        CPPUNIT_ASSERT(!verifyPassword("guess", dummyHash()));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(PasswordHashTest);
