// The office's CSV export: Excel in a Hungarian locale opens it as UTF-8
// with one value a cell, and nothing a municipality typed is run as a
// formula.
#include <cppunit/extensions/HelperMacros.h>

#include "util/csv.h"

using namespace ktk;

class CsvTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CsvTest);
    CPPUNIT_TEST(testTheFileStartsWithTheUtf8ByteOrderMarkAndLinesEndInCrLf);
    CPPUNIT_TEST(testPlainTextAndNumbersAreWrittenAsTheyAre);
    CPPUNIT_TEST(testSeparatorsQuotesAndLineBreaksAreQuoted);
    CPPUNIT_TEST(testCellsThatWouldStartAFormulaGetAnApostrophe);
    CPPUNIT_TEST(testANegativeNumberStaysANumber);
    CPPUNIT_TEST(testAnEmptyCellKeepsItsPlace);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheFileStartsWithTheUtf8ByteOrderMarkAndLinesEndInCrLf() {
        util::CsvWriter csv;
        csv.text("Szám").text("Település");
        csv.endRow();
        CPPUNIT_ASSERT_EQUAL(std::string("\xEF\xBB\xBFSzám;Település\r\n"), csv.str());
    }
    void testPlainTextAndNumbersAreWrittenAsTheyAre() {
        util::CsvWriter csv;
        csv.text("KTK-2026-000001").text("15736525-2-13").number(3447098).text("2026-03-16");
        csv.endRow();
        CPPUNIT_ASSERT_EQUAL(std::string(util::kUtf8Bom) + "KTK-2026-000001;15736525-2-13;3447098;2026-03-16\r\n",
                             csv.str());
    }
    void testSeparatorsQuotesAndLineBreaksAreQuoted() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"Fő utca; Szőlő utca\""), util::csvCell("Fő utca; Szőlő utca", ';'));
        CPPUNIT_ASSERT_EQUAL(std::string("a,b"), util::csvCell("a,b", ';'));
        CPPUNIT_ASSERT_EQUAL(std::string("\"a,b\""), util::csvCell("a,b", ','));
        CPPUNIT_ASSERT_EQUAL(std::string("\"A \"\"Zöld\"\" park\""), util::csvCell("A \"Zöld\" park", ';'));
        CPPUNIT_ASSERT_EQUAL(std::string("\"Fő utca\nSzőlő utca\""), util::csvCell("Fő utca\nSzőlő utca", ';'));
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\r\nb\""), util::csvCell("a\r\nb", ';'));
    }
    void testCellsThatWouldStartAFormulaGetAnApostrophe() {
        CPPUNIT_ASSERT_EQUAL(std::string("\"'=HYPERLINK(\"\"http://x\"\")\""),
                             util::csvCell("=HYPERLINK(\"http://x\")", ';'));
        CPPUNIT_ASSERT_EQUAL(std::string("'+36 1 234"), util::csvCell("+36 1 234", ';'));
        CPPUNIT_ASSERT_EQUAL(std::string("'-2+3"), util::csvCell("-2+3", ';'));
        CPPUNIT_ASSERT_EQUAL(std::string("'@SUM(A1)"), util::csvCell("@SUM(A1)", ';'));
        CPPUNIT_ASSERT_EQUAL(std::string("'\t=1"), util::csvCell("\t=1", ';'));
        CPPUNIT_ASSERT_EQUAL(std::string("\"'\r=1\""), util::csvCell("\r=1", ';'));
        // Only the start counts: a formula sign inside the text is text.
        CPPUNIT_ASSERT_EQUAL(std::string("a=b+c"), util::csvCell("a=b+c", ';'));
    }
    void testANegativeNumberStaysANumber() {
        util::CsvWriter csv;
        csv.number(-5);
        CPPUNIT_ASSERT_EQUAL(std::string(util::kUtf8Bom) + "-5", csv.str());
    }
    void testAnEmptyCellKeepsItsPlace() {
        util::CsvWriter csv;
        csv.text("a").empty().text("");
        csv.endRow();
        csv.empty().number(1);
        csv.endRow();
        CPPUNIT_ASSERT_EQUAL(std::string(util::kUtf8Bom) + "a;;\r\n;1\r\n", csv.str());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CsvTest);
