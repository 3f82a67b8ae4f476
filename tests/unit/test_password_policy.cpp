// The one password policy, and the shipped list of common passwords.
#include <cppunit/extensions/HelperMacros.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "domain/password_policy.h"

using namespace ktk::domain;

namespace {

const CommonPasswords& shippedList() {
    static const CommonPasswords list =
        CommonPasswords::load(KTK_SOURCE_DIR "/fcgi-apps/lib/domain/common_passwords.txt");
    return list;
}

// A list file in a temporary directory, removed with it.
class ListFile {
public:
    explicit ListFile(const std::string& text) {
        char dir[] = "/tmp/ktk-list-XXXXXX";
        dir_ = ::mkdtemp(dir);
        path_ = dir_ + "/list.txt";
        std::ofstream(path_, std::ios::binary) << text;
    }
    ~ListFile() {
        std::remove(path_.c_str());
        ::rmdir(dir_.c_str());
    }
    const std::string& path() const { return path_; }

private:
    std::string dir_, path_;
};

const PersonalData kAnna{"Kovács", "Anna", "anna.kovacs@example.hu"};

PasswordCheck check(const std::string& password, const PersonalData& person = kAnna) {
    return checkPassword(password, person, shippedList());
}

}  // namespace

class PasswordPolicyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PasswordPolicyTest);
    CPPUNIT_TEST(testTheGuidesRuleIsEnough);
    CPPUNIT_TEST(testEmptyPasswordIsMissing);
    CPPUNIT_TEST(testSevenCharactersAreTooShortEightAreEnough);
    CPPUNIT_TEST(testLengthCountsCharactersNotBytes);
    CPPUNIT_TEST(testOver128CharactersIsRefusedNotTruncated);
    CPPUNIT_TEST(testEachMissingCharacterClassIsNamed);
    CPPUNIT_TEST(testUnicodeLettersCountAsLowerAndUpper);
    CPPUNIT_TEST(testSpacesAndSymbolsAreAllowed);
    CPPUNIT_TEST(testControlCharactersAndBrokenUtf8AreRefused);
    CPPUNIT_TEST(testCommonPasswordsAreRefusedInAnyCase);
    CPPUNIT_TEST(testHungarianCommonPasswordsAreRefusedWithOrWithoutAccents);
    CPPUNIT_TEST(testNameIsRefusedIgnoringCaseAndAccents);
    CPPUNIT_TEST(testEmailLocalPartAndItsPartsAreRefused);
    CPPUNIT_TEST(testVeryShortNamesDoNotForbidOrdinaryPasswords);
    CPPUNIT_TEST(testShippedListIsLoadedSortedAndSearchable);
    CPPUNIT_TEST(testListIgnoresCommentsBlankLinesAndDuplicates);
    CPPUNIT_TEST(testMissingListFileIsAnError);
    CPPUNIT_TEST(testTheShippedListIsLookedUpInPlaceEveryEntryFound);
    CPPUNIT_TEST(testASortedListIsSearchedInPlaceEntryByEntry);
    CPPUNIT_TEST(testAListOutOfOrderIsReadIntoMemoryAndStillWorks);
    CPPUNIT_TEST(testEveryProblemHasAMessageKey);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheGuidesRuleIsEnough() {
        for (const char* p : {"Tavaszi8Szel", "xK4mPq9zW", "Ördögszekér7", "Zöld alma 42"})
            CPPUNIT_ASSERT_MESSAGE(p, check(p) == PasswordCheck::Ok);
    }
    void testEmptyPasswordIsMissing() { CPPUNIT_ASSERT(check("") == PasswordCheck::Missing); }
    void testSevenCharactersAreTooShortEightAreEnough() {
        CPPUNIT_ASSERT(check("Qw7rtzu") == PasswordCheck::TooShort);
        CPPUNIT_ASSERT(check("Qw7rtzuX") == PasswordCheck::Ok);
    }
    void testLengthCountsCharactersNotBytes() {
        // Seven characters in fourteen bytes are still seven.
        CPPUNIT_ASSERT(check("Őűáéíó1") == PasswordCheck::TooShort);
        CPPUNIT_ASSERT(check("Őűáéíó1x") == PasswordCheck::Ok);
    }
    void testOver128CharactersIsRefusedNotTruncated() {
        std::string p = "Xq7";
        while (p.size() < 128) p += "w";
        CPPUNIT_ASSERT(check(p) == PasswordCheck::Ok);
        CPPUNIT_ASSERT(check(p + "w") == PasswordCheck::TooLong);
        std::string wide = "Xq7";
        while (wide.size() < 3 + 125 * 2) wide += "ő";  // 128 characters, 253 bytes
        CPPUNIT_ASSERT(check(wide) == PasswordCheck::Ok);
        CPPUNIT_ASSERT(check(wide + "ő") == PasswordCheck::TooLong);
    }
    void testEachMissingCharacterClassIsNamed() {
        CPPUNIT_ASSERT(check("QWERTZ7UIOP") == PasswordCheck::NeedsLowercase);
        CPPUNIT_ASSERT(check("qwertz7uiop") == PasswordCheck::NeedsUppercase);
        CPPUNIT_ASSERT(check("QwertzUiop") == PasswordCheck::NeedsDigit);
    }
    void testUnicodeLettersCountAsLowerAndUpper() {
        CPPUNIT_ASSERT(check("ŐRZŐÁLLÁS9ű") == PasswordCheck::Ok);   // the only lowercase letter is ű
        CPPUNIT_ASSERT(check("őrzőállás9Ű") == PasswordCheck::Ok);   // the only uppercase letter is Ű
        CPPUNIT_ASSERT(check("ΣΟΦΊΑ123σοφία") == PasswordCheck::Ok);
    }
    void testSpacesAndSymbolsAreAllowed() {
        CPPUNIT_ASSERT(check(" Kék ég 9 ") == PasswordCheck::Ok);
        CPPUNIT_ASSERT(check("<Zz9>\"'&;--") == PasswordCheck::Ok);
        CPPUNIT_ASSERT(check("Hold és 😀 9x") == PasswordCheck::Ok);
    }
    void testControlCharactersAndBrokenUtf8AreRefused() {
        CPPUNIT_ASSERT(check("Tavaszi8\nSzel") == PasswordCheck::NotPrintable);
        CPPUNIT_ASSERT(check(std::string("Tavaszi8\0Szel", 13)) == PasswordCheck::NotPrintable);
        CPPUNIT_ASSERT(check("Tavaszi8\x1bSzel") == PasswordCheck::NotPrintable);
        CPPUNIT_ASSERT(check("Tavaszi8\xE1Szel") == PasswordCheck::NotPrintable);
    }
    void testCommonPasswordsAreRefusedInAnyCase() {
        for (const char* p : {"Password1", "PaSSWORD1", "Passw0rd", "Abc12345", "Qwerty123"})
            CPPUNIT_ASSERT_MESSAGE(p, check(p) == PasswordCheck::Common);
    }
    void testHungarianCommonPasswordsAreRefusedWithOrWithoutAccents() {
        CPPUNIT_ASSERT(check("Jelszo123") == PasswordCheck::Common);
        CPPUNIT_ASSERT(check("Jelszó123") == PasswordCheck::Common);
        CPPUNIT_ASSERT(check("Magyarország1") == PasswordCheck::Common);
    }
    void testNameIsRefusedIgnoringCaseAndAccents() {
        CPPUNIT_ASSERT(check("Kovács2024x") == PasswordCheck::ContainsPersonalData);
        CPPUNIT_ASSERT(check("xKOVACS2024") == PasswordCheck::ContainsPersonalData);
        CPPUNIT_ASSERT(check("Szia9anna!") == PasswordCheck::ContainsPersonalData);
        PersonalData twoNames{"Kiss-Nagy", "Éva Mária", "ev@example.hu"};
        CPPUNIT_ASSERT(check("Maria1977x", twoNames) == PasswordCheck::ContainsPersonalData);
        CPPUNIT_ASSERT(check("Xx9nagyobb", twoNames) == PasswordCheck::ContainsPersonalData);
    }
    void testEmailLocalPartAndItsPartsAreRefused() {
        PersonalData p{"Tóth", "Béla", "bela.toth77@example.hu"};
        CPPUNIT_ASSERT(check("Bela.Toth77!", p) == PasswordCheck::ContainsPersonalData);
        CPPUNIT_ASSERT(check("Xy9toth77", p) == PasswordCheck::ContainsPersonalData);
        // The domain is not personal: it is everybody's at that office.
        CPPUNIT_ASSERT(check("Example9Zz", p) == PasswordCheck::Ok);
    }
    void testVeryShortNamesDoNotForbidOrdinaryPasswords() {
        PersonalData p{"Ő", "Al", "al@example.hu"};
        CPPUNIT_ASSERT(check("Almafa9Zzz", p) == PasswordCheck::Ok);
    }
    void testShippedListIsLoadedSortedAndSearchable() {
        CPPUNIT_ASSERT(shippedList().size() > 20000);
        CPPUNIT_ASSERT(shippedList().contains("password1"));
        CPPUNIT_ASSERT(shippedList().contains("PASSWORD1"));
        CPPUNIT_ASSERT(!shippedList().contains("Tavaszi8Szel"));
        CPPUNIT_ASSERT(!shippedList().contains(""));
    }
    void testListIgnoresCommentsBlankLinesAndDuplicates() {
        CommonPasswords list = CommonPasswords::fromText("# a comment\n\nZebra123\r\nzebra123\nalma1234\n");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), list.size());
        CPPUNIT_ASSERT(list.contains("ZEBRA123"));
        CPPUNIT_ASSERT(list.contains("Álma1234"));
        CPPUNIT_ASSERT(!list.contains("# a comment"));
        CPPUNIT_ASSERT(!list.contains("zebra12"));
    }
    void testMissingListFileIsAnError() {
        CPPUNIT_ASSERT_THROW(CommonPasswords::load("/nonexistent/common_passwords.txt"), std::runtime_error);
        ListFile onlyComments("# nothing but a comment\n\n");
        CPPUNIT_ASSERT_THROW(CommonPasswords::load(onlyComments.path()), std::runtime_error);
    }
    void testTheShippedListIsLookedUpInPlaceEveryEntryFound() {
        CPPUNIT_ASSERT(shippedList().inPlace());
        std::ifstream in(KTK_SOURCE_DIR "/fcgi-apps/lib/domain/common_passwords.txt");
        std::size_t entries = 0;
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#') continue;
            ++entries;
            // Each entry is folded already: looking it up finds it.
            CPPUNIT_ASSERT_MESSAGE(line, shippedList().contains(line));
        }
        CPPUNIT_ASSERT_EQUAL(entries, shippedList().size());
    }
    void testASortedListIsSearchedInPlaceEntryByEntry() {
        // Every even number from 10000 to 29998 as "pw" + number, in byte
        // order: 10,000 entries over 80 kB, so the search halves many times.
        std::string text = "# sorted\n";
        for (int n = 10000; n < 30000; n += 2) text += "pw" + std::to_string(n) + "\n";
        ListFile file(text);
        CommonPasswords list = CommonPasswords::load(file.path());
        CPPUNIT_ASSERT(list.inPlace());
        CPPUNIT_ASSERT_EQUAL(std::size_t(10000), list.size());
        for (int n = 9990; n < 30010; ++n) {
            std::string candidate = "PW" + std::to_string(n);
            bool listed = n >= 10000 && n < 30000 && n % 2 == 0;
            CPPUNIT_ASSERT_EQUAL_MESSAGE(candidate, listed, list.contains(candidate));
        }
        CPPUNIT_ASSERT(!list.contains("pw1000"));
        CPPUNIT_ASSERT(!list.contains("pw100000"));
        CPPUNIT_ASSERT(!list.contains("# sorted"));
    }
    void testAListOutOfOrderIsReadIntoMemoryAndStillWorks() {
        for (const char* text : {"zebra123\nalma1234\n",        // an operator's addition at the end
                                 "alma1234\nZebra123\n",         // not folded
                                 "alma1234\nalma1234\nzebra123\n", // a duplicate
                                 "alma1234\nzebra123"}) {        // the last line not ended
            ListFile file(text);
            CommonPasswords list = CommonPasswords::load(file.path());
            CPPUNIT_ASSERT_MESSAGE(text, !list.inPlace());
            CPPUNIT_ASSERT(list.contains("ALMA1234"));
            CPPUNIT_ASSERT(list.contains("Zebra123"));
            CPPUNIT_ASSERT(!list.contains("alma123"));
        }
    }
    void testEveryProblemHasAMessageKey() {
        for (PasswordCheck c : {PasswordCheck::Missing, PasswordCheck::TooShort, PasswordCheck::TooLong,
                                PasswordCheck::NotPrintable, PasswordCheck::NeedsLowercase, PasswordCheck::NeedsUppercase,
                                PasswordCheck::NeedsDigit, PasswordCheck::Common, PasswordCheck::ContainsPersonalData})
            CPPUNIT_ASSERT(std::string(messageKey(c)).rfind("validation.password.", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(std::string(), std::string(messageKey(PasswordCheck::Ok)));
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(PasswordPolicyTest);
