#include <cppunit/extensions/HelperMacros.h>

#include "domain/tax_number.h"
#include "fixtures.h"

using namespace ktk::domain;

class TaxNumberTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TaxNumberTest);
    CPPUNIT_TEST(testCheckDigitFollowsTheWeights);
    CPPUNIT_TEST(testValidNumberWithHyphensIsCanonical);
    CPPUNIT_TEST(testValidNumberWithoutHyphensIsFormatted);
    CPPUNIT_TEST(testSurroundingSpacesAreIgnored);
    CPPUNIT_TEST(testEmptyInputIsReportedAsEmpty);
    CPPUNIT_TEST(testWrongShapesAreFormatErrors);
    CPPUNIT_TEST(testWrongCheckDigitIsReported);
    CPPUNIT_TEST(testVatCodeOutsideOneToFiveIsReported);
    CPPUNIT_TEST(testUnknownCountyCodeIsReported);
    CPPUNIT_TEST(testEveryCountyCodeIsAccepted);
    CPPUNIT_TEST(testAnOfficeTakesOnlyTaxNumbersOfItsCounty);
    CPPUNIT_TEST(testCountiesAreFoundByNameOrCode);
    CPPUNIT_TEST(testEachFailureHasItsOwnMessage);
    CPPUNIT_TEST(testEveryMessageIsTranslatedInBothLanguages);
    CPPUNIT_TEST(testOlderBudapestAndNationalCodesAreAccepted);
    CPPUNIT_TEST(testACheckDigitOfZeroIsValid);
    CPPUNIT_TEST(testTheFirstProblemFoundIsReported);
    CPPUNIT_TEST(testCountyNamesMustBeWholeNames);
    CPPUNIT_TEST_SUITE_END();

public:
    void testCheckDigitFollowsTheWeights() {
        // 1·9 + 2·7 + 3·3 + 4·1 + 5·9 + 6·7 + 7·3 = 144 → (10 − 4) mod 10 = 6
        CPPUNIT_ASSERT_EQUAL(6, taxCheckDigit("1234567"));
        // 1·9 + 2·3 = 15 → 5; 1·9 + 1·3 = 12 → 8
        CPPUNIT_ASSERT_EQUAL(5, taxCheckDigit("1020000"));
        CPPUNIT_ASSERT_EQUAL(8, taxCheckDigit("1000001"));
        // a sum ending in 0 gives 0, not 10: 1·9 + 1·1 = 10
        CPPUNIT_ASSERT_EQUAL(0, taxCheckDigit("1001000"));
        CPPUNIT_ASSERT_EQUAL(0, taxCheckDigit("0000000"));
    }
    void testValidNumberWithHyphensIsCanonical() {
        TaxNumberResult r = parseTaxNumber("12345676-1-12");
        CPPUNIT_ASSERT(r.ok());
        CPPUNIT_ASSERT_EQUAL(std::string("12345676-1-12"), r.canonical);
    }
    void testValidNumberWithoutHyphensIsFormatted() {
        CPPUNIT_ASSERT_EQUAL(std::string("12345676-2-13"), parseTaxNumber("12345676213").canonical);
    }
    void testSurroundingSpacesAreIgnored() {
        CPPUNIT_ASSERT_EQUAL(std::string("12345676-1-41"), parseTaxNumber("  12345676-1-41 ").canonical);
    }
    void testEmptyInputIsReportedAsEmpty() {
        CPPUNIT_ASSERT(parseTaxNumber("   ").error == TaxNumberError::Empty);
    }
    void testWrongShapesAreFormatErrors() {
        for (const char* bad : {"1234567-1-12", "123456761-1-12", "12345676-1-1", "12345676112x",
                                "12345676 1 12", "1234567611-2", "abcdefgh-1-12", "12345676--112",
                                "１２３４５６７６１１２", "12345676-1-12-", "-12345676-1-12"})
            CPPUNIT_ASSERT_MESSAGE(bad, parseTaxNumber(bad).error == TaxNumberError::Format);
    }
    void testWrongCheckDigitIsReported() {
        CPPUNIT_ASSERT(parseTaxNumber("12345675-1-12").error == TaxNumberError::CheckDigit);
        CPPUNIT_ASSERT(parseTaxNumber("12345677112").error == TaxNumberError::CheckDigit);
    }
    void testVatCodeOutsideOneToFiveIsReported() {
        for (const char* bad : {"12345676-0-12", "12345676-6-12", "12345676-9-12"})
            CPPUNIT_ASSERT_MESSAGE(bad, parseTaxNumber(bad).error == TaxNumberError::VatCode);
    }
    void testUnknownCountyCodeIsReported() {
        for (const char* bad : {"12345676-1-00", "12345676-1-01", "12345676-1-21", "12345676-1-45", "12345676-1-99"})
            CPPUNIT_ASSERT_MESSAGE(bad, parseTaxNumber(bad).error == TaxNumberError::CountyCode);
    }
    void testEveryCountyCodeIsAccepted() {
        for (const auto& c : counties())
            CPPUNIT_ASSERT_MESSAGE(c.name, parseTaxNumber(std::string("12345676-3-") + c.code).ok());
    }
    void testCountiesAreFoundByNameOrCode() {
        CPPUNIT_ASSERT_EQUAL(std::string("13"), std::string(findCounty("Pest")->code));
        CPPUNIT_ASSERT_EQUAL(std::string("13"), std::string(findCounty("pest")->code));
        CPPUNIT_ASSERT_EQUAL(std::string("Győr-Moson-Sopron"), std::string(findCounty("08")->name));
        CPPUNIT_ASSERT(!findCounty("Gyor-Moson-Sopron"));
        CPPUNIT_ASSERT(!findCounty(""));
        CPPUNIT_ASSERT_EQUAL(std::size_t(20), counties().size());
    }
    void testEachFailureHasItsOwnMessage() {
        std::string keys[] = {messageKey(TaxNumberError::Empty), messageKey(TaxNumberError::Format),
                              messageKey(TaxNumberError::CheckDigit), messageKey(TaxNumberError::VatCode),
                              messageKey(TaxNumberError::CountyCode)};
        for (int i = 0; i < 5; ++i)
            for (int j = i + 1; j < 5; ++j) CPPUNIT_ASSERT(keys[i] != keys[j]);
    }
    void testEveryMessageIsTranslatedInBothLanguages() {
        for (TaxNumberError e : {TaxNumberError::Empty, TaxNumberError::Format, TaxNumberError::CheckDigit,
                                 TaxNumberError::VatCode, TaxNumberError::CountyCode})
            for (ktk::domain::Lang lang : ktk::domain::kAllLangs)
                CPPUNIT_ASSERT_MESSAGE(messageKey(e), ktk::test::world().translator.find(lang, messageKey(e)));
    }
    void testOlderBudapestAndNationalCodesAreAccepted() {
        for (int cc : {22, 30, 40, 42, 43, 44, 51}) {
            std::string number = "12345676-2-" + std::to_string(cc);
            CPPUNIT_ASSERT_MESSAGE(number, parseTaxNumber(number).ok());
        }
        for (const char* bad : {"12345676-2-50", "12345676-2-52", "12345676-2-60"})
            CPPUNIT_ASSERT_MESSAGE(bad, parseTaxNumber(bad).error == TaxNumberError::CountyCode);
    }
    void testACheckDigitOfZeroIsValid() {
        // 1·9 + 1·1 = 10 → check digit 0.
        CPPUNIT_ASSERT_EQUAL(std::string("10010000-1-13"), parseTaxNumber("10010000113").canonical);
        CPPUNIT_ASSERT(parseTaxNumber("10010001-1-13").error == TaxNumberError::CheckDigit);
    }
    void testTheFirstProblemFoundIsReported() {
        // A wrong check digit is told before a wrong VAT or county code.
        CPPUNIT_ASSERT(parseTaxNumber("12345675-9-99").error == TaxNumberError::CheckDigit);
        CPPUNIT_ASSERT(parseTaxNumber("12345676-9-99").error == TaxNumberError::VatCode);
    }
    void testAnOfficeTakesOnlyTaxNumbersOfItsCounty() {
        // The review's case: a Baranya number (02) is not a Pest office's (13).
        CPPUNIT_ASSERT(!taxNumberInCounty("23247998-2-02", "13"));
        CPPUNIT_ASSERT(taxNumberInCounty("23247998-2-02", "02"));
        CPPUNIT_ASSERT_EQUAL(std::string("Baranya"), std::string(countyOfTaxNumber("23247998-2-02")->name));
        // Budapest's older codes 22–40 and the current 41–44 are Budapest's.
        for (const char* cc : {"22", "31", "40", "41", "42", "44"}) {
            std::string tax = std::string("15735739-2-") + cc;
            CPPUNIT_ASSERT_MESSAGE(cc, taxNumberInCounty(tax, "41"));
            CPPUNIT_ASSERT_MESSAGE(cc, !taxNumberInCounty(tax, "13"));
        }
        // A national code (51) belongs to no county; nor does a non-code.
        CPPUNIT_ASSERT(!countyOfTaxNumber("15735739-2-51"));
        CPPUNIT_ASSERT(!taxNumberInCounty("15735739-2-51", "41"));
        CPPUNIT_ASSERT(!taxNumberInCounty("15735739-2-21", "21"));
        CPPUNIT_ASSERT(!taxNumberInCounty("", "13"));
    }
    void testCountyNamesMustBeWholeNames() {
        CPPUNIT_ASSERT_EQUAL(std::string("41"), std::string(findCounty(" Budapest ")->code));
        CPPUNIT_ASSERT_EQUAL(std::string("03"), std::string(findCounty("Bács-Kiskun")->code));
        CPPUNIT_ASSERT_EQUAL(std::string("Pest"), std::string(findCounty(" 13 ")->name));
        for (const char* bad : {"Pes", "Pest megye", "013", "21", "Bacs-Kiskun"})
            CPPUNIT_ASSERT_MESSAGE(bad, !findCounty(bad));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(TaxNumberTest);
