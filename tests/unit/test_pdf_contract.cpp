// The administrative contract as a document (applications/
// contract_document.h), in both languages from the real catalogs, and
// read back from the rendered PDF with pdftotext.
#include <cppunit/extensions/HelperMacros.h>

#include <unistd.h>

#include <chrono>
#include <regex>

#include "applications/application_form.h"
#include "applications/contract_document.h"
#include "applications/summary_view.h"
#include "fixtures.h"
#include "util/subprocess.h"

using namespace ktk;
using namespace ktk::applications;
using namespace std::chrono_literals;

namespace {

Contract sample() {
    Contract c;
    c.contractNumber = "JH13-02/2026/000007";
    c.applicationNumber = "KTK-2026-000123";
    c.decidedAt = "2026-12-02 09:30:00";
    c.parties.officeName = "Szentendrei Járási Hivatal";
    c.parties.officeCode = "JH13-02";
    c.parties.municipalityName = "Pilisszentlászló Község Önkormányzata";
    c.parties.taxNumber = "15731234-2-13";
    c.version.version = 6;
    c.version.party = Party::Office;
    c.version.submitted = true;
    c.version.fields.title = "Parkgondozás <2026>";
    c.version.fields.programmeType = "long_term";
    c.version.fields.start = domain::parseIsoDate("2026-04-01");
    c.version.fields.end = domain::parseIsoDate("2026-09-30");
    c.version.fields.dailyHours = 8;
    c.version.fields.headcount = {6, 2, 0, 0};
    c.version.fields.wageSupportPct = 90;
    c.version.fields.materialSupport = 300000;
    c.version.fields.materialItems = {{"Munkaruha", 200000}, {"Kéziszerszámok", 100000}};
    Budget b;
    b.wage = {5809200, 2239200, 0, 0};
    b.wageTotal = 8048400;
    b.contribution = 1046292;
    b.wageSupport = 8186423;
    b.materialCosts = 300000;
    b.materialSupportCap = 1637284;
    b.materialSupport = 300000;
    b.totalSupport = 8486423;
    b.ownShare = 908269;
    c.version.budget = b;
    ProgrammeRow p;
    p.rules.code = "long_term";
    p.rules.nameHu = "Hosszabb időtartamú közfoglalkoztatás";
    p.rules.nameEn = "Long-term public employment";
    p.legalSource = "375/2010. (XII. 31.) Korm. rendelet";
    c.programme = p;
    return c;
}

std::string all(const PdfDocument& d) {
    std::string s = d.title + "\n" + d.footer + "\n";
    for (const std::string& l : d.subtitleLines) s += l + "\n";
    for (const PdfSection& sec : d.sections) {
        s += sec.heading + "\n";
        for (const PdfRow& r : sec.rows) s += r.label + ": " + r.value + "\n";
        if (sec.table)
            for (const auto& row : sec.table->rows)
                for (const std::string& cell : row) s += cell + "\n";
    }
    return s;
}

std::string pdfText(const std::string& pdf) {
    const std::string path = test::writeTempFile(pdf);
    util::RunResult r = util::runCapture({"/usr/bin/pdftotext", "-raw", "-enc", "UTF-8", path, "-"}, 20s, 4 << 20);
    ::unlink(path.c_str());
    CPPUNIT_ASSERT_MESSAGE("pdftotext failed", r.ok());
    return std::regex_replace(r.output, std::regex("\\s+"), " ");
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

class ContractDocumentTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ContractDocumentTest);
    CPPUNIT_TEST(testItNamesThePartiesTheNumberTheVersionAndTheDate);
    CPPUNIT_TEST(testItCarriesTheAgreedFiguresAndBudget);
    CPPUNIT_TEST(testEnglishHasItsOwnWordsAndMoney);
    CPPUNIT_TEST(testThePdfReadsBack);
    CPPUNIT_TEST(testTheFileNameHasNoSlash);
    CPPUNIT_TEST_SUITE_END();

public:
    void testItNamesThePartiesTheNumberTheVersionAndTheDate() {
        const std::string s = all(contractDocument(sample(), test::world().translator, domain::Lang::Hu));
        for (const char* part : {"Hatósági szerződés JH13-02/2026/000007", "Szentendrei Járási Hivatal",
                                 "Pilisszentlászló Község Önkormányzata", "15731234-2-13", "KTK-2026-000123",
                                 "Változat 6", "2026. 12. 02. 10:30", "2011. évi CVI. törvény"})
            CPPUNIT_ASSERT_MESSAGE(part, has(s, part));
    }

    void testItCarriesTheAgreedFiguresAndBudget() {
        const std::string s = all(contractDocument(sample(), test::world().translator, domain::Lang::Hu));
        for (const char* part : {"Parkgondozás <2026>", "Hosszabb időtartamú közfoglalkoztatás",
                                 "2026-04-01 – 2026-09-30", "Munkaruha", "8\xC2\xA0" "486\xC2\xA0" "423\xC2\xA0" "Ft",
                                 "908\xC2\xA0" "269\xC2\xA0" "Ft", "300\xC2\xA0" "000\xC2\xA0" "Ft"})
            CPPUNIT_ASSERT_MESSAGE(part, has(s, part));
        // Six basic workers: the headcount as agreed.
        CPPUNIT_ASSERT(std::regex_search(s, std::regex("\\n[^\\n]*: 6\\n")));
    }

    void testEnglishHasItsOwnWordsAndMoney() {
        const std::string s = all(contractDocument(sample(), test::world().translator, domain::Lang::En));
        for (const char* part : {"Administrative contract JH13-02/2026/000007", "Long-term public employment",
                                 "HUF\xC2\xA0" "8,486,423", "The parties"})
            CPPUNIT_ASSERT_MESSAGE(part, has(s, part));
        CPPUNIT_ASSERT(!has(s, "Hatósági"));
    }

    void testThePdfReadsBack() {
        const std::string text = pdfText(
            renderPdf(contractDocument(sample(), test::world().translator, domain::Lang::Hu),
                      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
        for (const char* part : {"JH13-02/2026/000007", "KTK-2026-000123", "15731234-2-13", "8 486 423 Ft",
                                 "Pilisszentlászló"})
            CPPUNIT_ASSERT_MESSAGE(part, has(text, part));
    }

    void testTheFileNameHasNoSlash() {
        CPPUNIT_ASSERT_EQUAL(std::string("JH13-02-2026-000007.pdf"), contractFileName("JH13-02/2026/000007"));
        CPPUNIT_ASSERT_EQUAL(std::string("1\xC2\xA0" "234\xC2\xA0" "567\xC2\xA0" "Ft"), moneyText(domain::Lang::Hu, 1234567));
        CPPUNIT_ASSERT_EQUAL(std::string("HUF\xC2\xA0" "1,234,567"), moneyText(domain::Lang::En, 1234567));
        CPPUNIT_ASSERT_EQUAL(std::string("0\xC2\xA0" "Ft"), moneyText(domain::Lang::Hu, 0));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ContractDocumentTest);
