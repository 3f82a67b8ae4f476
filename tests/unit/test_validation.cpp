// The field validators shared by every form: names, e-mail addresses,
// phone numbers, each with good and bad values.
#include <cppunit/extensions/HelperMacros.h>

#include "domain/email.h"
#include "domain/form_errors.h"
#include "domain/name.h"
#include "domain/phone.h"
#include "util/unicode.h"

using namespace ktk;
using namespace ktk::domain;

class NameTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(NameTest);
    CPPUNIT_TEST(testHungarianNamesWithAccentsAreAccepted);
    CPPUNIT_TEST(testOtherScriptsAndPunctuationAreAccepted);
    CPPUNIT_TEST(testSpacesAreTrimmedAndCollapsed);
    CPPUNIT_TEST(testDecomposedAccentsAreAccepted);
    CPPUNIT_TEST(testEmptyOrBlankNameIsMissing);
    CPPUNIT_TEST(testHundredCharactersPassAndMoreDoNot);
    CPPUNIT_TEST(testCrLfAndOtherControlsAreRefusedAnywhere);
    CPPUNIT_TEST(testDigitsMarkupAndSymbolsAreRefused);
    CPPUNIT_TEST(testPunctuationAloneIsNotAName);
    CPPUNIT_TEST(testMalformedUtf8IsRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHungarianNamesWithAccentsAreAccepted() {
        for (const char* n : {"Kovács", "Őry", "Szűcs", "Árvíztűrő Tükörfúrógép", "Éva", "Ödön", "Dr. Kiss-Nagy"}) {
            CheckedName r = checkName(n);
            CPPUNIT_ASSERT_MESSAGE(n, r.check == NameCheck::Ok);
            CPPUNIT_ASSERT_EQUAL(std::string(n), r.value);
        }
    }
    void testOtherScriptsAndPunctuationAreAccepted() {
        for (const char* n : {"O'Brien", "Müller-Lüdenscheidt", "Łukasz", "Σοφία", "Иван", "J. R. R."})
            CPPUNIT_ASSERT_MESSAGE(n, checkName(n).check == NameCheck::Ok);
    }
    void testSpacesAreTrimmedAndCollapsed() {
        CPPUNIT_ASSERT_EQUAL(std::string("Kiss Anna"), checkName("  Kiss    Anna ").value);
    }
    void testDecomposedAccentsAreAccepted() {
        CheckedName r = checkName("Jo\xCC\x81zsef");  // o + COMBINING ACUTE ACCENT
        CPPUNIT_ASSERT(r.check == NameCheck::Ok);
        CPPUNIT_ASSERT(checkName("\xCC\x81" "Anna").check == NameCheck::Invalid);  // a mark with no letter
    }
    void testEmptyOrBlankNameIsMissing() {
        CPPUNIT_ASSERT(checkName("").check == NameCheck::Missing);
        CPPUNIT_ASSERT(checkName("    ").check == NameCheck::Missing);
    }
    void testHundredCharactersPassAndMoreDoNot() {
        std::string hundred;
        for (int i = 0; i < 100; ++i) hundred += "é";
        CPPUNIT_ASSERT(checkName(hundred).check == NameCheck::Ok);
        CPPUNIT_ASSERT(checkName(hundred + "a").check == NameCheck::TooLong);
    }
    void testCrLfAndOtherControlsAreRefusedAnywhere() {
        for (const char* n : {"Anna\r\nBcc: x@y.hu", "Anna\n", "\nAnna", "An\rna", "An\tna", "Anna\x7f"})
            CPPUNIT_ASSERT_MESSAGE(n, checkName(n).check == NameCheck::Invalid);
        CPPUNIT_ASSERT(checkName(std::string("An\0na", 5)).check == NameCheck::Invalid);
        CPPUNIT_ASSERT(checkName("Anna\xC2\x85").check == NameCheck::Invalid);  // NEL, a C1 control
    }
    void testDigitsMarkupAndSymbolsAreRefused() {
        for (const char* n : {"Anna2", "<script>alert(1)</script>", "Kiss_Anna", "a@b", "Kiss;Anna", "Anna\"", "😀"})
            CPPUNIT_ASSERT_MESSAGE(n, checkName(n).check == NameCheck::Invalid);
    }
    void testPunctuationAloneIsNotAName() {
        for (const char* n : {".", "-", "'", ". -"})
            CPPUNIT_ASSERT_MESSAGE(n, checkName(n).check == NameCheck::Invalid);
    }
    void testMalformedUtf8IsRefused() {
        for (const char* n : {"Kov\xE1" "cs", "\xC0\xAF", "\xED\xA0\x80", "Anna\xF4\x90\x80\x80", "Anna\xE2\x82"})
            CPPUNIT_ASSERT(checkName(n).check == NameCheck::Invalid);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(NameTest);

class EmailTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EmailTest);
    CPPUNIT_TEST(testOrdinaryAddressesAreAccepted);
    CPPUNIT_TEST(testSurroundingSpacesAreTrimmedAndCaseIsKept);
    CPPUNIT_TEST(testEmptyIsMissing);
    CPPUNIT_TEST(testAddressesOver254CharactersAreTooLong);
    CPPUNIT_TEST(testControlCharactersAreRefusedEvenAtTheEdges);
    CPPUNIT_TEST(testLeadingHyphenIsRefused);
    CPPUNIT_TEST(testMalformedAddressesAreRefused);
    CPPUNIT_TEST(testLocalPartOver64CharactersIsRefused);
    CPPUNIT_TEST(testKeyIsLowercaseAndLocalPartIsFound);
    CPPUNIT_TEST(testNonAsciiAddressesAreRefusedNotConverted);
    CPPUNIT_TEST(testNormaliseGivesTheTrimmedAddressAndItsKeyOrNothing);
    CPPUNIT_TEST(testTheKeyOfARefusedAddressIsEmpty);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOrdinaryAddressesAreAccepted() {
        for (const char* e : {"anna@example.hu", "kovacs.anna+ktk@mail.polgarmesteri-hivatal.hu", "a@b.co",
                              "o'brien@example.com", "x_y-z@sub.example.org", "user@xn--bcsi-1qa.hu", "1@2.hu"}) {
            CheckedEmail r = checkEmail(e);
            CPPUNIT_ASSERT_MESSAGE(e, r.check == EmailCheck::Ok);
            CPPUNIT_ASSERT_EQUAL(std::string(e), r.value);
        }
    }
    void testSurroundingSpacesAreTrimmedAndCaseIsKept() {
        CheckedEmail r = checkEmail("  Anna.Kovacs@Example.HU ");
        CPPUNIT_ASSERT(r.check == EmailCheck::Ok);
        CPPUNIT_ASSERT_EQUAL(std::string("Anna.Kovacs@Example.HU"), r.value);
    }
    void testEmptyIsMissing() {
        CPPUNIT_ASSERT(checkEmail("").check == EmailCheck::Missing);
        CPPUNIT_ASSERT(checkEmail("   ").check == EmailCheck::Missing);
    }
    void testAddressesOver254CharactersAreTooLong() {
        std::string domain = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + ".hu";
        std::string ok = std::string(254 - 1 - domain.size(), 'x') + "@" + domain;
        CPPUNIT_ASSERT_EQUAL(std::size_t(254), ok.size());
        CPPUNIT_ASSERT(checkEmail(ok).check == EmailCheck::Ok);
        CPPUNIT_ASSERT(checkEmail("y" + ok).check == EmailCheck::TooLong);
    }
    void testControlCharactersAreRefusedEvenAtTheEdges() {
        for (const char* e : {"anna@example.hu\r\nBcc: all@example.hu", "anna@example.hu\n", "\ranna@example.hu",
                              "anna\t@example.hu"})
            CPPUNIT_ASSERT_MESSAGE(e, checkEmail(e).check == EmailCheck::Invalid);
        CPPUNIT_ASSERT(checkEmail(std::string("anna@exa\0mple.hu", 16)).check == EmailCheck::Invalid);
    }
    void testLeadingHyphenIsRefused() {
        CPPUNIT_ASSERT(checkEmail("-oQ/tmp/x@example.hu").check == EmailCheck::Invalid);
        CPPUNIT_ASSERT(checkEmail(" -f@example.hu").check == EmailCheck::Invalid);
    }
    void testMalformedAddressesAreRefused() {
        for (const char* e : {"anna", "anna@", "@example.hu", "anna@example", "anna@@example.hu", "a@b@example.hu",
                              ".anna@example.hu", "anna.@example.hu", "an..na@example.hu", "anna@-example.hu",
                              "anna@example-.hu", "anna@exa_mple.hu", "anna@example..hu", "anna@example.h",
                              "anna@example.123", "\"anna\"@example.hu", "anna@[127.0.0.1]", "an na@example.hu",
                              "anna@example.hu.", "anna<x>@example.hu", "anna(x)@example.hu", "kovács@example.hu",
                              "anna@exämple.hu", "anna@example.hu,b@example.hu"})
            CPPUNIT_ASSERT_MESSAGE(e, checkEmail(e).check == EmailCheck::Invalid);
    }
    void testLocalPartOver64CharactersIsRefused() {
        CPPUNIT_ASSERT(checkEmail(std::string(64, 'a') + "@example.hu").check == EmailCheck::Ok);
        CPPUNIT_ASSERT(checkEmail(std::string(65, 'a') + "@example.hu").check == EmailCheck::Invalid);
    }
    void testKeyIsLowercaseAndLocalPartIsFound() {
        CPPUNIT_ASSERT_EQUAL(std::string("anna.kovacs@example.hu"), emailKey(" Anna.Kovacs@Example.HU "));
        CPPUNIT_ASSERT_EQUAL(std::string("anna.kovacs@example.hu"), checkEmail("Anna.Kovacs@Example.HU").key);
        CPPUNIT_ASSERT(localPart("anna.kovacs@example.hu") == "anna.kovacs");
    }
    void testNonAsciiAddressesAreRefusedNotConverted() {
        // What users.email_key (ascii_bin) and the mail path can hold is
        // ASCII; an internationalised address is refused, never folded or
        // stripped into another one.
        for (const char* e : {"s\xc3\xa9@example.org", "anna@b\xc3\xa1" "csalm\xc3\xa1s.hu",
                              "\xe2\x80\xae" "anna@example.hu",
                              "anna@example.hu\xe2\x80\x8f", "anna@example.hu\xc2\xa0", "anna\xef\xbc\xa0" "example.hu",
                              "anna\xc3\x28@example.hu", "anna\xff@example.hu", "\xc2\x85" "anna@example.hu"}) {
            CPPUNIT_ASSERT_MESSAGE(e, checkEmail(e).check == EmailCheck::Invalid);
            CPPUNIT_ASSERT_MESSAGE(e, !normaliseEmail(e));
        }
    }
    void testNormaliseGivesTheTrimmedAddressAndItsKeyOrNothing() {
        std::optional<EmailAddress> a = normaliseEmail("  Anna.Kovacs@Example.HU ");
        CPPUNIT_ASSERT(a);
        CPPUNIT_ASSERT_EQUAL(std::string("Anna.Kovacs@Example.HU"), a->value);
        CPPUNIT_ASSERT_EQUAL(std::string("anna.kovacs@example.hu"), a->key);
        for (const std::string& e : {std::string(), std::string("   "), std::string("anna"), std::string(300, 'a'),
                                     std::string("anna@example.hu\r\nBcc: x@example.hu")})
            CPPUNIT_ASSERT_MESSAGE(e, !normaliseEmail(e));
    }
    void testTheKeyOfARefusedAddressIsEmpty() {
        for (const char* e : {"s\xc3\xa9@example.org", "anna", "", "anna@example.hu\n"})
            CPPUNIT_ASSERT_MESSAGE(e, emailKey(e).empty());
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(EmailTest);

class PhoneTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PhoneTest);
    CPPUNIT_TEST(testHungarianMobileInEveryCommonForm);
    CPPUNIT_TEST(testBudapestAndCountryNumbers);
    CPPUNIT_TEST(testInternationalNumbers);
    CPPUNIT_TEST(testEmptyIsMissing);
    CPPUNIT_TEST(testWrongLengthsAreRefused);
    CPPUNIT_TEST(testLettersAndOtherCharactersAreRefused);
    CPPUNIT_TEST_SUITE_END();

public:
    void testHungarianMobileInEveryCommonForm() {
        for (const char* p : {"06 30 123 4567", "+36-30-123-4567", "0630/1234567", "+36301234567", "06-30-123-45-67",
                              "(06 30) 123 4567", "0036 30 123 4567", "36 30 123 4567", "30 123 4567",
                              "+36 (0)30 123 4567", " 06301234567 "}) {
            CheckedPhone r = checkPhone(p);
            CPPUNIT_ASSERT_MESSAGE(p, r.check == PhoneCheck::Ok);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(p, std::string("+36301234567"), r.e164);
        }
        CPPUNIT_ASSERT_EQUAL(std::string("+36201234567"), checkPhone("06 20 123 4567").e164);
        CPPUNIT_ASSERT_EQUAL(std::string("+36701234567"), checkPhone("06 70 123 4567").e164);
    }
    void testBudapestAndCountryNumbers() {
        CPPUNIT_ASSERT_EQUAL(std::string("+3612345678"), checkPhone("06 1 234 5678").e164);
        CPPUNIT_ASSERT_EQUAL(std::string("+3612345678"), checkPhone("(06-1) 234-5678").e164);
        CPPUNIT_ASSERT_EQUAL(std::string("+3612345678"), checkPhone("+36 1 234 5678").e164);
        CPPUNIT_ASSERT_EQUAL(std::string("+3662123456"), checkPhone("06 62 123 456").e164);  // Szeged
        CPPUNIT_ASSERT_EQUAL(std::string("+3636123456"), checkPhone("(36) 123-456").e164);  // Eger, no prefix
    }
    void testInternationalNumbers() {
        CPPUNIT_ASSERT_EQUAL(std::string("+4930123456"), checkPhone("+49 30 123456").e164);
        CPPUNIT_ASSERT_EQUAL(std::string("+441632960123"), checkPhone("0044 1632 960123").e164);
        CPPUNIT_ASSERT_EQUAL(std::string("+421905123456"), checkPhone("+421 905 123 456").e164);
    }
    void testEmptyIsMissing() {
        CPPUNIT_ASSERT(checkPhone("").check == PhoneCheck::Missing);
        CPPUNIT_ASSERT(checkPhone("  ").check == PhoneCheck::Missing);
    }
    void testWrongLengthsAreRefused() {
        for (const char* p : {"06 30 123 456", "06 30 123 45678", "06 1 234 567", "06 62 123 4567", "1234567",
                              "+36 0 123 4567", "+1234567", "+1234567890123456", "+0123456789", "06", "+", "0"})
            CPPUNIT_ASSERT_MESSAGE(p, checkPhone(p).check == PhoneCheck::Invalid);
    }
    void testLettersAndOtherCharactersAreRefused() {
        for (const char* p : {"06 30 ABC 4567", "06301234567 ext 12", "+36+301234567", "06301234567\nBcc:",
                              "06;301234567"})
            CPPUNIT_ASSERT_MESSAGE(p, checkPhone(p).check == PhoneCheck::Invalid);
        CPPUNIT_ASSERT(checkPhone(std::string(41, '1')).check == PhoneCheck::Invalid);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(PhoneTest);

class UnicodeAndFormErrorsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UnicodeAndFormErrorsTest);
    CPPUNIT_TEST(testFoldingIgnoresCaseAndHungarianAccents);
    CPPUNIT_TEST(testDecodeEncodeRoundTrip);
    CPPUNIT_TEST(testFormErrorsKeepTheFirstProblemPerField);
    CPPUNIT_TEST_SUITE_END();

public:
    void testFoldingIgnoresCaseAndHungarianAccents() {
        auto fold = [](const char* s) { return util::encodeUtf8(util::foldCase(*util::decodeUtf8(s))); };
        CPPUNIT_ASSERT_EQUAL(std::string("arvizturo tukorfurogep"), fold("ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP"));
        CPPUNIT_ASSERT_EQUAL(std::string("lodz strase"), fold("Łódź Straße"));
    }
    void testDecodeEncodeRoundTrip() {
        const std::string s = "Ő ű € 😀";
        CPPUNIT_ASSERT_EQUAL(s, util::encodeUtf8(*util::decodeUtf8(s)));
        CPPUNIT_ASSERT_EQUAL(std::size_t(7), util::decodeUtf8(s)->size());
    }
    void testFormErrorsKeepTheFirstProblemPerField() {
        FormErrors errors;
        CPPUNIT_ASSERT(errors.empty());
        errors.add("email", "validation.email.invalid");
        errors.add("email", "validation.email.missing");
        CPPUNIT_ASSERT(!errors.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("validation.email.invalid"), *errors.find("email"));
        CPPUNIT_ASSERT(errors.find("phone") == nullptr);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(UnicodeAndFormErrorsTest);
