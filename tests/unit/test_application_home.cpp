// What the contact's home page shows of the municipality's applications
// (README, "Subsidy applications"): which states wait for the contact,
// which of the newest applications wait, and a line as every page shows
// it.
#include <cppunit/extensions/HelperMacros.h>
#include <ctemplate/template.h>

#include <memory>

#include "applications/application_service.h"
#include "applications/summary_view.h"
#include "fixtures.h"

using namespace ktk::applications;
using ktk::domain::Lang;

namespace {

constexpr State kAll[] = {State::Draft,  State::Submitted, State::InReview, State::Proposal,
                          State::Agreed, State::Approved,  State::Rejected, State::Withdrawn};

ApplicationSummary row(std::uint64_t id, State state) {
    ApplicationSummary a;
    a.id = id;
    a.state = state;
    a.updatedAt = 1773666300;  // 2026-03-16 13:05:00 UTC
    return a;
}

std::vector<std::uint64_t> ids(const std::vector<ApplicationSummary>& rows) {
    std::vector<std::uint64_t> out;
    for (const ApplicationSummary& a : rows) out.push_back(a.id);
    return out;
}

// A line as the pages print it: id|number|title|state code|state|change.
std::string line(const ApplicationSummary& a, Lang lang) {
    static const std::unique_ptr<ctemplate::Template> tpl(ctemplate::Template::StringToTemplate(
        "{{%AUTOESCAPE context=\"HTML\"}}{{ID}}|{{#HAS_NUMBER}}{{NUMBER}}{{/HAS_NUMBER}}"
        "{{#NO_NUMBER}}-{{/NO_NUMBER}}|{{TITLE}}|{{STATE_CODE}}|{{STATE}}|{{UPDATED}}",
        ctemplate::DO_NOT_STRIP));
    ctemplate::TemplateDictionary d("line");
    fillSummary(d, ktk::test::world().translator, lang, a);
    std::string out;
    tpl->Expand(&out, &d);
    return out;
}

}  // namespace

class ApplicationHomeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ApplicationHomeTest);
    CPPUNIT_TEST(testADraftAndAProposalWaitForTheContact);
    CPPUNIT_TEST(testTheWaitingOnesKeepTheirOrder);
    CPPUNIT_TEST(testALineHasTheStatesNameAndUntitledInBothLanguages);
    CPPUNIT_TEST(testALineWithANumberShowsIt);
    CPPUNIT_TEST_SUITE_END();

public:
    void testADraftAndAProposalWaitForTheContact() {
        for (State s : kAll)
            CPPUNIT_ASSERT_EQUAL_MESSAGE(std::string(stateCode(s)), s == State::Draft || s == State::Proposal,
                                         waitsForContact(s));
    }

    void testTheWaitingOnesKeepTheirOrder() {
        // Newest first, as the query gives them.
        const std::vector<ApplicationSummary> rows = {row(9, State::Draft), row(8, State::Submitted),
                                                      row(7, State::Withdrawn), row(3, State::Draft),
                                                      row(2, State::Approved)};
        CPPUNIT_ASSERT(ids(waitingForContact(rows)) == std::vector<std::uint64_t>({9, 3}));
        CPPUNIT_ASSERT(waitingForContact({row(1, State::Submitted), row(2, State::Rejected)}).empty());
        CPPUNIT_ASSERT(waitingForContact({}).empty());
    }

    void testALineHasTheStatesNameAndUntitledInBothLanguages() {
        const ktk::view::Translator& tr = ktk::test::world().translator;
        for (State s : kAll)
            for (Lang lang : ktk::domain::kAllLangs)
                CPPUNIT_ASSERT_MESSAGE(std::string(stateCode(s)),
                                       tr.find(lang, "applications.state." + std::string(stateCode(s))));
        CPPUNIT_ASSERT_EQUAL(std::string("7|-|(megnevezés nélkül)|draft|Piszkozat|2026. 03. 16. 14:05:00"),
                             line(row(7, State::Draft), Lang::Hu));
        CPPUNIT_ASSERT_EQUAL(std::string("7|-|(untitled)|draft|Draft|2026. 03. 16. 14:05:00"),
                             line(row(7, State::Draft), Lang::En));
    }

    void testALineWithANumberShowsIt() {
        ApplicationSummary a = row(8, State::Submitted);
        a.number = "KTK-2026-000123";
        a.title = "Parkgondozás <2026>";
        CPPUNIT_ASSERT_EQUAL(std::string("8|KTK-2026-000123|Parkgondozás &lt;2026&gt;|submitted|Submitted|"
                                         "2026. 03. 16. 14:05:00"),
                             line(a, Lang::En));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ApplicationHomeTest);
