// Secrets sealed in the database under the config's secrets (crypto/seal.h).
#include <cppunit/extensions/HelperMacros.h>

#include "crypto/seal.h"

using namespace ktk;

namespace {
const std::string kOld(40, 'o');
const std::string kNew(40, 'n');
}  // namespace

class SealTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SealTest);
    CPPUNIT_TEST(testWhatIsSealedOpensWithTheSamePurposeAndRow);
    CPPUNIT_TEST(testTheSameTextSealsDifferentlyEachTime);
    CPPUNIT_TEST(testAnotherRowOrPurposeDoesNotOpenIt);
    CPPUNIT_TEST(testAChangedTextOrKeyIdDoesNotOpen);
    CPPUNIT_TEST(testAfterTheSecretsRotateTheOldSealOpensUntilItsSecretIsRemoved);
    CPPUNIT_TEST_SUITE_END();

public:
    void testWhatIsSealedOpensWithTheSamePurposeAndRow() {
        const crypto::Sealed s = crypto::seal({kOld}, "oidc signing key", "kid-1", "-----BEGIN PRIVATE KEY-----");
        CPPUNIT_ASSERT_EQUAL(std::size_t(16), s.keyId.size());
        CPPUNIT_ASSERT(s.text.find("PRIVATE") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("-----BEGIN PRIVATE KEY-----"),
                             crypto::unseal({kOld}, "oidc signing key", "kid-1", s).value_or(""));
        const crypto::Sealed empty = crypto::seal({kOld}, "p", "row", "");
        CPPUNIT_ASSERT_EQUAL(std::string(""), crypto::unseal({kOld}, "p", "row", empty).value_or("x"));
    }
    void testTheSameTextSealsDifferentlyEachTime() {
        const crypto::Sealed a = crypto::seal({kOld}, "p", "row", "same"), b = crypto::seal({kOld}, "p", "row", "same");
        CPPUNIT_ASSERT(a.text != b.text);
        CPPUNIT_ASSERT_EQUAL(a.keyId, b.keyId);
    }
    void testAnotherRowOrPurposeDoesNotOpenIt() {
        const crypto::Sealed s = crypto::seal({kOld}, "oidc signing key", "kid-1", "secret");
        CPPUNIT_ASSERT(!crypto::unseal({kOld}, "oidc signing key", "kid-2", s));
        // Another purpose derives another key: its id does not match.
        CPPUNIT_ASSERT(!crypto::unseal({kOld}, "totp secret", "kid-1", s));
    }
    void testAChangedTextOrKeyIdDoesNotOpen() {
        crypto::Sealed s = crypto::seal({kOld}, "p", "row", "secret");
        crypto::Sealed changed = s;
        changed.text[changed.text.size() - 3] = changed.text[changed.text.size() - 3] == 'A' ? 'B' : 'A';
        CPPUNIT_ASSERT(!crypto::unseal({kOld}, "p", "row", changed));
        crypto::Sealed shortened = s;
        shortened.text.resize(10);
        CPPUNIT_ASSERT(!crypto::unseal({kOld}, "p", "row", shortened));
        crypto::Sealed notOurs = s;
        notOurs.text = "not base64 at all!";
        CPPUNIT_ASSERT(!crypto::unseal({kOld}, "p", "row", notOurs));
        crypto::Sealed otherId = s;
        otherId.keyId = "0000000000000000";
        CPPUNIT_ASSERT(!crypto::unseal({kOld}, "p", "row", otherId));
    }
    void testAfterTheSecretsRotateTheOldSealOpensUntilItsSecretIsRemoved() {
        const crypto::Sealed before = crypto::seal({kOld}, "p", "row", "secret");
        const crypto::Sealed after = crypto::seal({kNew, kOld}, "p", "row", "secret");
        CPPUNIT_ASSERT(before.keyId != after.keyId);
        CPPUNIT_ASSERT_EQUAL(std::string("secret"), crypto::unseal({kNew, kOld}, "p", "row", before).value_or(""));
        CPPUNIT_ASSERT_EQUAL(std::string("secret"), crypto::unseal({kNew, kOld}, "p", "row", after).value_or(""));
        CPPUNIT_ASSERT(!crypto::unseal({kNew}, "p", "row", before));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SealTest);
