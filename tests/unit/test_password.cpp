#include <cppunit/extensions/HelperMacros.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

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
    CPPUNIT_TEST(testKeptMemoryIsARegionOfItsOwnLeftOutOfCoreDumps);
    CPPUNIT_TEST_SUITE_END();

    // The VmFlags line of the /proc/self/smaps region that starts at
    // `base` and is `size` bytes long ("" when there is no such region).
    static std::string smapsFlags(const void* base, std::size_t size) {
        std::ifstream smaps("/proc/self/smaps");
        std::string line;
        bool inside = false;
        const auto want = reinterpret_cast<std::uintptr_t>(base);
        while (std::getline(smaps, line)) {
            std::uintptr_t from = 0, to = 0;
            char dash = 0;
            std::istringstream head(line);
            if (head >> std::hex >> from >> dash >> to && dash == '-') {
                inside = from == want && to - from == size;
                continue;
            }
            if (inside && line.rfind("VmFlags:", 0) == 0) return line;
        }
        return "";
    }

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

    // Password-derived blocks stay out of core dumps, and the soak test
    // finds the kept memory by that flag ("dd") to count it apart.
    void testKeptMemoryIsARegionOfItsOwnLeftOutOfCoreDumps() {
        releaseHashMemory();
        std::string h = hashPassword("Jelszo123");
        if (!hashMemoryReusable()) return;  // sanitizer build: libsodium maps its own
        const auto [base, size] = detail::heldHashMemory();
        CPPUNIT_ASSERT(base != nullptr);
        CPPUNIT_ASSERT_EQUAL(std::size_t{19456} * 1024, size);
        const std::string flags = smapsFlags(base, size);
        CPPUNIT_ASSERT_MESSAGE("no region of exactly the kept memory in /proc/self/smaps", !flags.empty());
        CPPUNIT_ASSERT_MESSAGE(flags, (flags + " ").find(" dd ") != std::string::npos);
        releaseHashMemory();
        CPPUNIT_ASSERT(smapsFlags(base, size).empty());
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(PasswordHashTest);
