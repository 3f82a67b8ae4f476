#include <cppunit/extensions/HelperMacros.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <regex>

#include "applications/pdf_document.h"
#include "applications/pdf_layout.h"
#include "fixtures.h"
#include "util/subprocess.h"

using namespace ktk::applications;
using namespace std::chrono_literals;

namespace {

const std::string kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

const std::string kLongText =
    "A település belterületén a közterületek, parkok és árkok rendben tartása, a csapadékvíz-elvezető "
    "rendszer tisztítása, valamint a járdák és buszvárók felújítása. A munkát két csoport végzi, "
    "mindkettőt egy-egy munkavezető irányítja; az eszközöket az önkormányzat biztosítja, a "
    "védőruhát a támogatásból szerezzük be. Őszi időszakban a lombgyűjtés és a fák ápolása, "
    "télen a síkosságmentesítés és a hó eltakarítása a feladat.";

// A poppler tool's output for `pdf`, through a file as the tools want it.
std::string runOn(const std::string& pdf, std::vector<std::string> argv, bool textToStdout = true) {
    const std::string path = ktk::test::writeTempFile(pdf);
    argv.push_back(path);
    if (textToStdout) argv.push_back("-");
    ktk::util::RunResult r = ktk::util::runCapture(argv, 20s, 4 << 20);
    ::unlink(path.c_str());
    CPPUNIT_ASSERT_MESSAGE(argv[0] + " failed", r.ok());
    return r.output;
}

// The text as laid out on the page. pdftotext -layout sets text on a
// grid of character cells and may drop the narrow space between words of
// one letter ("ő ű" → "őű"); -raw keeps the text in drawing order with
// its spaces.
std::string pdfToText(const std::string& pdf, const char* mode = "-layout") {
    return runOn(pdf, {"/usr/bin/pdftotext", mode, "-enc", "UTF-8"});
}

// Runs of white space (line breaks, the gaps of the layout) as one space.
std::string squeeze(const std::string& text) {
    return std::regex_replace(text, std::regex("\\s+"), " ");
}

// The pages of pdftotext's output, which ends each with a form feed.
std::vector<std::string> pagesOf(const std::string& text) {
    std::vector<std::string> pages;
    std::size_t at = 0, end;
    while ((end = text.find('\f', at)) != std::string::npos) {
        pages.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return pages;
}

PdfTable budgetTable() {
    PdfTable t;
    t.header = {"Tétel", "Összeg (Ft)"};
    t.rows = {{"Bérköltség (közfoglalkoztatási bér)", "3 447 098"},
              {"Szociális hozzájárulási adó", "448 126"},
              {"Anyagköltség: fűkasza, védőruha", "12 500"}};
    t.rightAligned = {false, true};
    return t;
}

PdfDocument hungarianDocument() {
    PdfDocument d;
    d.title = "Támogatási kérelem – Árvíztűrő tükörfúrógép";
    d.subtitleLines = {"Őrbottyán Város Önkormányzata", "Adószám: 15730519-2-13",
                       "Kapcsolattartó: Kovács Anna, +36 30 123 4567"};
    PdfSection fields{"A kérelem adatai", {}, std::nullopt};
    fields.rows = {{"Cím", "Őrbottyán tisztán"}, {"Ékezetek", "ő ű Ő Ű"}, {"Közfeladat", kLongText}};
    PdfSection budget{"Költségvetés", {}, budgetTable()};
    d.sections = {fields, budget};
    d.footer = "KTK-2026-000123 · 3. változat · 2026-12-02 10:00";
    d.pageLabel = "oldal";
    return d;
}

// A document of at least `pages` pages: many rows of long text.
PdfDocument longDocument(int sections) {
    PdfDocument d = hungarianDocument();
    for (int i = 0; i < sections; ++i) {
        PdfSection s{"Munkahely " + std::to_string(i + 1), {}, std::nullopt};
        for (int j = 0; j < 4; ++j) s.rows.push_back({"Leírás", kLongText});
        d.sections.push_back(s);
    }
    return d;
}

// Fixed widths for the layout rules: every character 1 point, ő 2.
double unitWidth(char32_t c) { return c == U'ő' ? 2 : 1; }

}  // namespace

class PdfDocumentTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PdfDocumentTest);
    CPPUNIT_TEST(testCleanTextReplacesMalformedBytesAndCharactersPastTheFontsCodes);
    CPPUNIT_TEST(testCleanTextDropsControlsAndUnifiesLineBreaks);
    CPPUNIT_TEST(testWrapBreaksAtSpacesWithinTheWidth);
    CPPUNIT_TEST(testWrapCutsAWordWiderThanTheColumnBetweenCharacters);
    CPPUNIT_TEST(testWrapKeepsNoBreakSpacesAndEmptyParagraphs);
    CPPUNIT_TEST(testAmountColumnsKeepTheirWidthAndTheFirstTextColumnTakesTheRest);
    CPPUNIT_TEST(testTooWideTextColumnsShareTheRestInProportion);
    CPPUNIT_TEST(testOutputIsAPdfWithTheFontEmbedded);
    CPPUNIT_TEST(testHungarianNamesAndAmountsReadBack);
    CPPUNIT_TEST(testTitleAndCreatorAreInTheDocumentInfo);
    CPPUNIT_TEST(testAmountsAreSetFlushRight);
    CPPUNIT_TEST(testEveryPageCarriesTheFooterAndItsNumber);
    CPPUNIT_TEST(testTableHeaderRepeatsOnEveryPageItSpans);
    CPPUNIT_TEST(testALongFooterTakesAtMostThreeLines);
    CPPUNIT_TEST(testTheSameDocumentGivesTheSameBytes);
    CPPUNIT_TEST(testHostileTextStillRenders);
    CPPUNIT_TEST(testAnEmptyDocumentIsOnePage);
    CPPUNIT_TEST(testAMissingFontFailsCleanly);
    CPPUNIT_TEST(testAFileThatIsNoFontFailsCleanly);
    CPPUNIT_TEST_SUITE_END();

public:
    void testCleanTextReplacesMalformedBytesAndCharactersPastTheFontsCodes() {
        CPPUNIT_ASSERT(pdfCleanText("a\xff" "b", true) == U"a\uFFFDb");
        CPPUNIT_ASSERT(pdfCleanText("ő\xF0\x9F\x98\x80ű", true) == U"ő\uFFFDű");  // U+1F600
    }
    void testCleanTextDropsControlsAndUnifiesLineBreaks() {
        CPPUNIT_ASSERT(pdfCleanText(std::string("a\0b\x07" "c\td", 7), true) == U"abc d");
        CPPUNIT_ASSERT(pdfCleanText("1\r\n2\r3\n4", true) == U"1\n2\n3\n4");
        CPPUNIT_ASSERT(pdfCleanText("1\r\n2\r3\n4", false) == U"1 2 3 4");
    }
    void testWrapBreaksAtSpacesWithinTheWidth() {
        const auto lines = wrapText(U"aaa bbb  ccc dddd e", 8, unitWidth);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), lines.size());
        CPPUNIT_ASSERT(lines[0] == U"aaa bbb");
        CPPUNIT_ASSERT(lines[1] == U"ccc dddd");
        CPPUNIT_ASSERT(lines[2] == U"e");
        // ő is 2 wide: "őő őő" is 9.
        const auto wide = wrapText(U"őő őő", 8, unitWidth);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), wide.size());
    }
    void testWrapCutsAWordWiderThanTheColumnBetweenCharacters() {
        const auto lines = wrapText(U"x őűőűőűőű", 5, unitWidth);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), lines.size());
        CPPUNIT_ASSERT(lines[0] == U"x");
        CPPUNIT_ASSERT(lines[1] == U"őűő");  // 2 + 1 + 2
        CPPUNIT_ASSERT(lines[2] == U"űőű");
        CPPUNIT_ASSERT(lines[3] == U"őű");
        // A column narrower than one character still takes one per line.
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), wrapText(U"abc", 0.5, unitWidth).size());
    }
    void testWrapKeepsNoBreakSpacesAndEmptyParagraphs() {
        const auto lines = wrapText(U"összesen 3\u00A0447\u00A0098\n\nvége", 12, unitWidth);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), lines.size());
        CPPUNIT_ASSERT(lines[1] == U"3\u00A0447\u00A0098");
        CPPUNIT_ASSERT(lines[2].empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), wrapText(U"", 10, unitWidth).size());
    }
    void testAmountColumnsKeepTheirWidthAndTheFirstTextColumnTakesTheRest() {
        const auto w = tableColumnWidths({50, 20, 40}, {false, false, true}, 300, 10);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(40.0, w[2], 1e-9);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(20.0, w[1], 1e-9);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(300.0 - 20 - 40 - 20, w[0], 1e-9);  // the whole width is used
    }
    void testTooWideTextColumnsShareTheRestInProportion() {
        const auto w = tableColumnWidths({600, 200, 500}, {false, false, true}, 310, 5);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(100.0, w[2], 1e-9);  // at most a third of 300
        CPPUNIT_ASSERT_DOUBLES_EQUAL(150.0, w[0], 1e-9);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(50.0, w[1], 1e-9);
    }
    void testOutputIsAPdfWithTheFontEmbedded() {
        const std::string pdf = renderPdf(hungarianDocument(), kFont);
        CPPUNIT_ASSERT_EQUAL(std::string("%PDF-"), pdf.substr(0, 5));
        CPPUNIT_ASSERT(pdf.find("%%EOF") != std::string::npos);
        // pdffonts: name, type, encoding, then "emb sub uni" as yes/no.
        const std::string fonts = runOn(pdf, {"/usr/bin/pdffonts"}, false);
        CPPUNIT_ASSERT_MESSAGE(fonts, std::regex_search(fonts, std::regex("DejaVuSans\\S* +CID TrueType .* yes yes")));
        CPPUNIT_ASSERT_MESSAGE(fonts, std::regex_search(fonts, std::regex("DejaVuSans-Bold\\S* +CID TrueType .* yes yes")));
    }
    void testHungarianNamesAndAmountsReadBack() {
        const std::string text = pdfToText(renderPdf(hungarianDocument(), kFont));
        for (const char* s : {"Árvíztűrő tükörfúrógép", "Őrbottyán Város Önkormányzata", "15730519-2-13",
                              "Kovács Anna", "Őrbottyán tisztán", "3 447 098", "448 126", "12 500",
                              "Bérköltség (közfoglalkoztatási bér)", "Összeg (Ft)",
                              "KTK-2026-000123 · 3. változat · 2026-12-02 10:00", "oldal 1 / 1"})
            CPPUNIT_ASSERT_MESSAGE(std::string(s) + " in:\n" + text, text.find(s) != std::string::npos);
        // The long text wraps (no line holds all of it) and reads back whole.
        CPPUNIT_ASSERT(squeeze(text).find(kLongText) != std::string::npos);
        CPPUNIT_ASSERT(text.find(kLongText) == std::string::npos);
        const std::string raw = pdfToText(renderPdf(hungarianDocument(), kFont), "-raw");
        CPPUNIT_ASSERT_MESSAGE(raw, raw.find("Ékezetek ő ű Ő Ű\n") != std::string::npos);
    }
    void testTitleAndCreatorAreInTheDocumentInfo() {
        const std::string info = runOn(renderPdf(hungarianDocument(), kFont), {"/usr/bin/pdfinfo", "-enc", "UTF-8"}, false);
        for (const char* line : {"Title: +Támogatási kérelem – Árvíztűrő tükörfúrógép\n", "Creator: +KTK\n",
                                 "Page size: +595.276 x 841.89 pts \\(A4\\)\n", "Pages: +1\n"})
            CPPUNIT_ASSERT_MESSAGE(line, std::regex_search(info, std::regex(line)));
        CPPUNIT_ASSERT_MESSAGE(info, info.find("CreationDate") == std::string::npos);
    }
    void testAmountsAreSetFlushRight() {
        // pdftotext -bbox gives each word's box: the amounts' right edges meet.
        const std::string boxes = runOn(renderPdf(hungarianDocument(), kFont), {"/usr/bin/pdftotext", "-bbox"});
        std::vector<double> rightEdges;
        for (const char* last : {">098<", ">126<", ">500<"}) {
            const std::size_t at = boxes.find(last);
            CPPUNIT_ASSERT_MESSAGE(last, at != std::string::npos);
            const std::size_t line = boxes.rfind("xMax=\"", at);
            rightEdges.push_back(std::stod(boxes.substr(line + 6)));
        }
        CPPUNIT_ASSERT_DOUBLES_EQUAL(rightEdges[0], rightEdges[1], 0.5);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(rightEdges[0], rightEdges[2], 0.5);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(595.276 - 56.69, rightEdges[0], 1.0);  // at the right margin
    }
    void testEveryPageCarriesTheFooterAndItsNumber() {
        const std::vector<std::string> pages = pagesOf(pdfToText(renderPdf(longDocument(12), kFont), "-raw"));
        CPPUNIT_ASSERT(pages.size() >= 3);
        const std::string total = std::to_string(pages.size());
        for (std::size_t i = 0; i < pages.size(); ++i) {
            const std::string number = "oldal " + std::to_string(i + 1) + " / " + total;
            CPPUNIT_ASSERT_MESSAGE(number, pages[i].find(number) != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(number, pages[i].find("KTK-2026-000123 · 3. változat") != std::string::npos);
        }
    }
    void testTableHeaderRepeatsOnEveryPageItSpans() {
        PdfDocument d;
        d.pageLabel = "page";
        PdfTable t = budgetTable();
        for (int i = 0; i < 150; ++i) t.rows.push_back({"Item " + std::to_string(i), std::to_string(1000 + i)});
        d.sections = {PdfSection{"Budget", {}, t}};
        const std::vector<std::string> pages = pagesOf(pdfToText(renderPdf(d, kFont), "-raw"));
        CPPUNIT_ASSERT(pages.size() >= 3);
        for (const std::string& page : pages) CPPUNIT_ASSERT(page.find("Összeg (Ft)") != std::string::npos);
        CPPUNIT_ASSERT(pages.back().find("Item 149") != std::string::npos);
        CPPUNIT_ASSERT(pages.back().find("page " + std::to_string(pages.size()) + " / ") != std::string::npos);
    }
    void testALongFooterTakesAtMostThreeLines() {
        PdfDocument d;
        d.title = "Cím";
        d.footer = std::string(3000, 'F');
        const std::string text = pdfToText(renderPdf(d, kFont), "-raw");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), pagesOf(text).size());
        std::size_t lines = 0;
        for (std::size_t at = 0; (at = text.find("FFFF", at)) != std::string::npos; at = text.find('\n', at)) ++lines;
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), lines);
    }
    void testTheSameDocumentGivesTheSameBytes() {
        CPPUNIT_ASSERT(renderPdf(hungarianDocument(), kFont) == renderPdf(hungarianDocument(), kFont));
    }
    void testHostileTextStillRenders() {
        PdfDocument d;
        d.title = std::string("Cím\0\x01\x1b[31m\xc3", 12);
        d.footer = std::string(3000, 'F');  // wraps instead of running off the page
        PdfSection s{"\xed\xa0\x80 surrogate", {}, std::nullopt};
        s.rows = {{std::string(500, 'L'), std::string(20000, 'W')},
                  {"emoji", "\xF0\x9F\x98\x80 中文 עברית ﷺ"},
                  {"", ""}};
        PdfTable t;
        t.rows = {{}, {"only one cell"}, {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}};
        t.rightAligned = {true, true, true, true, true, true, true, true, true, true, true, true};
        s.table = t;
        d.sections = {s};
        const std::string text = pdfToText(renderPdf(d, kFont));
        CPPUNIT_ASSERT(squeeze(text).find("only one cell") != std::string::npos);
        CPPUNIT_ASSERT(text.find("WWWWWWWWWW") != std::string::npos);
    }
    void testAnEmptyDocumentIsOnePage() {
        const std::vector<std::string> pages = pagesOf(pdfToText(renderPdf(PdfDocument{}, kFont), "-raw"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), pages.size());
        CPPUNIT_ASSERT(pages[0].find("1 / 1") != std::string::npos);
    }
    void testAMissingFontFailsCleanly() {
        CPPUNIT_ASSERT_THROW(renderPdf(hungarianDocument(), "/nonexistent/DejaVuSans.ttf"), PdfError);
        CPPUNIT_ASSERT_THROW(renderPdf(hungarianDocument(), ""), PdfError);
    }
    void testAFileThatIsNoFontFailsCleanly() {
        const std::string notAFont = ktk::test::writeTempFile("this is not a TrueType font\n");
        CPPUNIT_ASSERT_THROW(renderPdf(hungarianDocument(), notAFont), PdfError);
        ::unlink(notAFont.c_str());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PdfDocumentTest);
