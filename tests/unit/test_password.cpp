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
    CPPUNIT_TEST(testReferenceImplementationHashesVerify);
    CPPUNIT_TEST(testHashMemoryIsKeptWipedAndReleased);
    CPPUNIT_TEST(testKeptMemoryServesOtherParameters);
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

    // Made by the reference implementation (the argon2 tool, salt
    // "ReferenceSalt-16"): ours computes the same, in kept memory or not.
    static constexpr const char* kReference =
        "$argon2id$v=19$m=19456,t=2,p=1$UmVmZXJlbmNlU2FsdC0xNg$01LoipOffc7EHbazw4pTRR+zq2qVFw9s342bxauy880";
    static constexpr const char* kReferenceLarger =
        "$argon2id$v=19$m=32768,t=3,p=1$UmVmZXJlbmNlU2FsdC0xNg$oKXEQZY5Kz59SMKr8VbJlmw56Htere6b3p6hPtQFrhk";

    void testReferenceImplementationHashesVerify() {
        releaseHashMemory();
        for (int i = 0; i < 2; ++i) {  // the first maps the memory, the second reuses it
            CPPUNIT_ASSERT(verifyPassword("Jelszo-Referencia-1", kReference));
            CPPUNIT_ASSERT(!verifyPassword("Jelszo-Referencia-2", kReference));
        }
        CPPUNIT_ASSERT(!needsRehash(kReference));
        releaseHashMemory();
    }

    void testHashMemoryIsKeptWipedAndReleased() {
        releaseHashMemory();
        CPPUNIT_ASSERT(!hashMemoryHeld());
        std::string h = hashPassword("Jelszo123");
#ifdef KTK_EXPECT_KEPT_HASH_MEMORY
        CPPUNIT_ASSERT(hashMemoryReusable());
#endif
        CPPUNIT_ASSERT_EQUAL(hashMemoryReusable(), hashMemoryHeld());
        CPPUNIT_ASSERT_EQUAL(std::size_t{0}, detail::heldHashMemoryNonZeroBytes());
        CPPUNIT_ASSERT(verifyPassword("Jelszo123", h));
        CPPUNIT_ASSERT_EQUAL(std::size_t{0}, detail::heldHashMemoryNonZeroBytes());
        releaseHashMemory();
        CPPUNIT_ASSERT(!hashMemoryHeld());
        CPPUNIT_ASSERT(verifyPassword("Jelszo123", h));  // maps anew
        CPPUNIT_ASSERT(!verifyPassword("Jelszo124", h));
        releaseHashMemory();
    }

    void testKeptMemoryServesOtherParameters() {
        releaseHashMemory();
        std::string ours = hashPassword("Abc12345");
        std::string weak = hashPassword("Abc12345", HashParams{1, 8u * 1024 * 1024});  // less than kept
        CPPUNIT_ASSERT_EQUAL(0ul, weak.rfind("$argon2id$v=19$m=8192,t=1,p=1$", 0));
        CPPUNIT_ASSERT(verifyPassword("Abc12345", weak));
        CPPUNIT_ASSERT(!verifyPassword("Abc12346", weak));
        CPPUNIT_ASSERT(verifyPassword("Jelszo-Referencia-1", kReferenceLarger));  // more: kept memory grows
        CPPUNIT_ASSERT(!verifyPassword("Jelszo-Referencia-2", kReferenceLarger));
        CPPUNIT_ASSERT(verifyPassword("Abc12345", ours));
        CPPUNIT_ASSERT(verifyPassword("Jelszo-Referencia-1", kReference));
        CPPUNIT_ASSERT_EQUAL(std::size_t{0}, detail::heldHashMemoryNonZeroBytes());
        releaseHashMemory();
        CPPUNIT_ASSERT(!hashMemoryHeld());
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(PasswordHashTest);
