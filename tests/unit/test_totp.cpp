// The second factor's arithmetic (twofactor/totp.h, twofactor/recovery.h):
// RFC 6238's own SHA-1 test vectors, RFC 4648's base32 vectors, the ±1
// step window and replay refusal, and the recovery codes' shape and
// reading.
#include <cppunit/extensions/HelperMacros.h>

#include <set>

#include "twofactor/recovery.h"
#include "twofactor/totp.h"

using namespace ktk;
using namespace ktk::twofactor;

class TotpTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TotpTest);
    CPPUNIT_TEST(testRfc6238Sha1Vectors);
    CPPUNIT_TEST(testBase32IsRfc4648sWithoutPadding);
    CPPUNIT_TEST(testTheKeyUriNamesIssuerAccountAndParameters);
    CPPUNIT_TEST(testTypedCodesAreSixDigitsWithSpacesOrAHyphen);
    CPPUNIT_TEST(testOneStepEitherSideIsAcceptedAndNoFurther);
    CPPUNIT_TEST(testACodeIsAcceptedOnceOnly);
    CPPUNIT_TEST(testRecoveryCodesAreTenDistinctGroupsOfFour);
    CPPUNIT_TEST(testRecoveryCodesAreReadForgivinglyAndHashedPerAccount);
    CPPUNIT_TEST_SUITE_END();

    const std::string rfcSecret = "12345678901234567890";

public:
    void testRfc6238Sha1Vectors() {
        // RFC 6238 Appendix B, the SHA-1 column (eight digits).
        const std::pair<std::int64_t, const char*> vectors[] = {
            {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
            {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
        for (const auto& [time, code] : vectors)
            CPPUNIT_ASSERT_EQUAL(std::string(code), codeAt(rfcSecret, stepAt(time), 8));
        // Six digits are the last six (leading zeros kept).
        CPPUNIT_ASSERT_EQUAL(std::string("081804"), codeAt(rfcSecret, stepAt(1111111109)));
        CPPUNIT_ASSERT_EQUAL(std::string("005924"), codeAt(rfcSecret, stepAt(1234567890)));
    }

    void testBase32IsRfc4648sWithoutPadding() {
        const std::pair<const char*, const char*> vectors[] = {
            {"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"},
            {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
        for (const auto& [in, out] : vectors) CPPUNIT_ASSERT_EQUAL(std::string(out), base32(in));
        CPPUNIT_ASSERT_EQUAL(std::size_t(32), base32(newSecret()).size());
        CPPUNIT_ASSERT_EQUAL(std::string("MZXW 6YTB OI"), grouped("MZXW6YTBOI"));
        CPPUNIT_ASSERT(newSecret() != newSecret());
    }

    void testTheKeyUriNamesIssuerAccountAndParameters() {
        CPPUNIT_ASSERT_EQUAL(std::string("otpauth://totp/KTK:anna%40pilis.hu?secret=MZXW6YTBOI&issuer=KTK"
                                         "&algorithm=SHA1&digits=6&period=30"),
                             keyUri("KTK", "anna@pilis.hu", "foobar"));
        CPPUNIT_ASSERT(keyUri("KTK Közfoglalkoztatás", "a b", "x").find("KTK%20K%C3%B6z") != std::string::npos);
    }

    void testTypedCodesAreSixDigitsWithSpacesOrAHyphen() {
        CPPUNIT_ASSERT_EQUAL(std::string("123456"), *normalizeCode("123456"));
        CPPUNIT_ASSERT_EQUAL(std::string("123456"), *normalizeCode(" 123 456 "));
        CPPUNIT_ASSERT_EQUAL(std::string("012345"), *normalizeCode("012-345"));
        for (const char* bad : {"", "12345", "1234567", "12345a", "١٢٣٤٥٦", "123456\n", "0x1234"})
            CPPUNIT_ASSERT_MESSAGE(bad, !normalizeCode(bad));
    }

    void testOneStepEitherSideIsAcceptedAndNoFurther() {
        const std::int64_t now = 1111111111;
        const std::int64_t step = stepAt(now);
        for (std::int64_t d : {-1, 0, 1}) {
            std::optional<std::int64_t> got = acceptedStep(rfcSecret, codeAt(rfcSecret, step + d), now, 0);
            CPPUNIT_ASSERT(got);
            CPPUNIT_ASSERT_EQUAL(step + d, *got);
        }
        for (std::int64_t d : {-3, -2, 2, 3})
            CPPUNIT_ASSERT(!acceptedStep(rfcSecret, codeAt(rfcSecret, step + d), now, 0));
        CPPUNIT_ASSERT(!acceptedStep("another secret", codeAt(rfcSecret, step), now, 0));
    }

    void testACodeIsAcceptedOnceOnly() {
        const std::int64_t now = 2000000000;
        const std::int64_t step = stepAt(now);
        const std::string code = codeAt(rfcSecret, step);
        CPPUNIT_ASSERT(acceptedStep(rfcSecret, code, now, step - 1));
        CPPUNIT_ASSERT(!acceptedStep(rfcSecret, code, now, step));  // used: refused
        // After a newer step was used, an older code is refused too.
        CPPUNIT_ASSERT(!acceptedStep(rfcSecret, codeAt(rfcSecret, step - 1), now, step));
        CPPUNIT_ASSERT(acceptedStep(rfcSecret, codeAt(rfcSecret, step + 1), now, step));
    }

    void testRecoveryCodesAreTenDistinctGroupsOfFour() {
        const std::vector<std::string> codes = newRecoveryCodes();
        CPPUNIT_ASSERT_EQUAL(kRecoveryCodes, codes.size());
        CPPUNIT_ASSERT_EQUAL(codes.size(), std::set<std::string>(codes.begin(), codes.end()).size());
        for (const std::string& c : codes) {
            CPPUNIT_ASSERT_EQUAL_MESSAGE(c, std::size_t(14), c.size());
            CPPUNIT_ASSERT_MESSAGE(c, c[4] == '-' && c[9] == '-');
            CPPUNIT_ASSERT_MESSAGE(c, normalizeRecoveryCode(c).has_value());
        }
    }

    void testRecoveryCodesAreReadForgivinglyAndHashedPerAccount() {
        CPPUNIT_ASSERT_EQUAL(std::string("7kq29xmdw3pa"), *normalizeRecoveryCode("7kq2-9xmd-w3pa"));
        CPPUNIT_ASSERT_EQUAL(std::string("7kq29xmdw3pa"), *normalizeRecoveryCode(" 7KQ2 9XMD W3PA "));
        CPPUNIT_ASSERT_EQUAL(std::string("11q29xmdw3p0"), *normalizeRecoveryCode("ILQ2-9XMD-W3PO"));
        for (const char* bad : {"", "7kq2-9xmd-w3p", "7kq2-9xmd-w3pa1", "7kq2-9xmd-w3pu", "7kq2_9xmd_w3pa"})
            CPPUNIT_ASSERT_MESSAGE(bad, !normalizeRecoveryCode(bad));
        const std::string h = recoveryCodeHash(42, "7kq29xmdw3pa");
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), h.size());
        CPPUNIT_ASSERT(h != recoveryCodeHash(43, "7kq29xmdw3pa"));
        CPPUNIT_ASSERT(h.find("7kq2") == std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TotpTest);
