// Two versions compared field by field (applications/version_diff.h):
// every form field of SPEC §7 and every budget figure, in page order; a
// changed value is marked in words and as <del>/<ins>, never by colour
// alone; a draft without a budget compares as "not given".
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

#include "applications/version_diff.h"
#include "fixtures.h"

using namespace ktk::applications;
using ktk::domain::Lang;

namespace {

ApplicationFields complete() {
    ApplicationFields f;
    f.title = "Parkgondozás 2026";
    f.programmeType = "long_term";
    f.publicTask = "A közterületek gondozása";
    f.workLocations = "Fő utca\nSzőlő utca";
    f.start = ktk::domain::parseIsoDate("2026-03-16");
    f.end = ktk::domain::parseIsoDate("2026-05-31");
    f.dailyHours = 8;
    f.headcount = {10, 2, 0, 0};
    f.materialItems = {{"Munkaruha", 300000}, {"Kéziszerszámok", 150000}};
    f.wageSupportPct = 90;
    f.materialSupport = 400000;
    return f;
}

Budget budget(std::int64_t totalSupport) {
    Budget b;
    b.wage = {1000, 200, 0, 0};
    b.wageTotal = 1200;
    b.contribution = 156;
    b.wageSupport = 1220;
    b.materialCosts = 450000;
    b.materialSupportCap = 244;
    b.materialSupport = 400000;
    b.totalSupport = totalSupport;
    b.ownShare = 10;
    return b;
}

StoredVersion version(std::uint32_t n, ApplicationFields fields, std::optional<Budget> b = std::nullopt,
                      Party party = Party::Contact, bool submitted = false) {
    StoredVersion v;
    v.version = n;
    v.fields = std::move(fields);
    v.budget = std::move(b);
    v.party = party;
    v.submitted = submitted;
    v.createdAt = "2026-03-16 13:05:00";
    return v;
}

const DiffRow& find(const std::vector<DiffRow>& rows, const std::string& id) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const DiffRow& r) { return r.id == id; });
    if (it == rows.end()) CPPUNIT_FAIL("no row " + id);
    return *it;
}

std::vector<std::string> changedIds(const std::vector<DiffRow>& rows) {
    std::vector<std::string> out;
    for (const DiffRow& r : rows)
        if (r.changed) out.push_back(r.id);
    return out;
}

std::string render(const StoredVersion& a, const StoredVersion& b, Lang lang, std::uint32_t newest = 3,
                   std::vector<std::uint32_t> visible = {}) {
    ktk::test::World& w = ktk::test::world();
    ctemplate::TemplateDictionary d("diff");
    DiffContext context;
    context.versionsBase = "/base/7/versions/";
    context.newest = newest;
    context.visible = std::move(visible);
    fillDiff(d, w.translator, lang, a, b, diffVersions(a, b), context);
    return w.views->expand(lang, kDiffTemplate, d);
}

// The <tr> of row `id` as rendered.
std::string rowHtml(const std::string& html, const std::string& id) {
    const std::size_t at = html.find("<tr id=\"diff-" + id + "\"");
    if (at == std::string::npos) return "";
    return html.substr(at, html.find("</tr>", at) - at);
}

}  // namespace

class VersionDiffTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(VersionDiffTest);
    CPPUNIT_TEST(testEveryFormFieldOfTheSpecIsARowInPageOrder);
    CPPUNIT_TEST(testTheSameVersionHasNoChange);
    CPPUNIT_TEST(testEachChangedFieldIsMarkedAndOnlyThose);
    CPPUNIT_TEST(testAFieldFilledInOnOneSideOnlyIsAChange);
    CPPUNIT_TEST(testMaterialLinesAreComparedLineByLine);
    CPPUNIT_TEST(testEveryBudgetFigureIsCompared);
    CPPUNIT_TEST(testADraftWithoutABudgetComparesAsNotGiven);
    CPPUNIT_TEST(testSameFieldsIgnoresTheBudget);
    CPPUNIT_TEST(testTheRenderedRowSaysChangedInWordsWithDelAndIns);
    CPPUNIT_TEST(testValuesAreEscapedAndLongTextsKeepTheirLines);
    CPPUNIT_TEST(testTheNavigationLeadsToTheNeighbouringChangesUnderTheGivenBase);
    CPPUNIT_TEST(testTheNavigationSkipsTheVersionsTheViewerMayNotSee);
    CPPUNIT_TEST(testBothLanguagesNameTheVersionsAndAmounts);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryFormFieldOfTheSpecIsARowInPageOrder() {
        const VersionDiff d = diffVersions(version(1, complete()), version(2, complete()));
        std::vector<std::string> ids;
        for (const DiffRow& r : d.fields) ids.push_back(r.id);
        CPPUNIT_ASSERT(ids == std::vector<std::string>({"title", "programme_type", "public_task", "work_locations",
                                                        "start_date", "end_date", "daily_hours", "headcount_basic",
                                                        "headcount_skilled", "headcount_leaders",
                                                        "headcount_leaders_skilled", "material_item-1",
                                                        "material_item-2", "wage_support_pct", "material_support"}));
        for (const DiffRow& r : d.fields)
            for (Lang lang : ktk::domain::kAllLangs)
                CPPUNIT_ASSERT_MESSAGE(r.labelKey, ktk::test::world().translator.find(lang, r.labelKey));
    }

    void testTheSameVersionHasNoChange() {
        const StoredVersion v = version(2, complete(), budget(5));
        const VersionDiff d = diffVersions(v, v);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), d.changedFields);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), d.changedBudget);
        CPPUNIT_ASSERT(changedIds(d.fields).empty());
    }

    void testEachChangedFieldIsMarkedAndOnlyThose() {
        ApplicationFields b = complete();
        b.headcount[0] = 8;                                // fewer workers
        b.end = ktk::domain::parseIsoDate("2026-04-30");   // a shorter period
        b.materialSupport = 300000;                        // less material support
        b.workLocations = "Fő utca\nSzőlő utca\nPiactér";
        b.programmeType = "special";
        const VersionDiff d = diffVersions(version(2, complete()), version(3, b));
        CPPUNIT_ASSERT(changedIds(d.fields) == std::vector<std::string>({"programme_type", "work_locations", "end_date",
                                                                         "headcount_basic", "material_support"}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), d.changedFields);
        const DiffRow& h = find(d.fields, "headcount_basic");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10), h.a.number);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(8), h.b.number);
        CPPUNIT_ASSERT(h.format == DiffFormat::Number);
        const DiffRow& e = find(d.fields, "end_date");
        CPPUNIT_ASSERT_EQUAL(std::string("2026-05-31"), e.a.text);
        CPPUNIT_ASSERT_EQUAL(std::string("2026-04-30"), e.b.text);
        CPPUNIT_ASSERT(find(d.fields, "material_support").format == DiffFormat::Forints);
        CPPUNIT_ASSERT(find(d.fields, "wage_support_pct").format == DiffFormat::Percent);
    }

    void testAFieldFilledInOnOneSideOnlyIsAChange() {
        ApplicationFields a = complete();
        a.dailyHours.reset();
        a.title.clear();
        ApplicationFields b = complete();
        b.headcount[2] = std::nullopt;
        b.headcount[3] = 0;
        const VersionDiff d = diffVersions(version(1, a), version(2, b));
        CPPUNIT_ASSERT(!find(d.fields, "daily_hours").a.present);
        CPPUNIT_ASSERT(find(d.fields, "daily_hours").b.present);
        // 0 workers and "not given" are not the same answer.
        CPPUNIT_ASSERT(changedIds(d.fields) == std::vector<std::string>({"title", "daily_hours", "headcount_leaders"}));
    }

    void testMaterialLinesAreComparedLineByLine() {
        ApplicationFields b = complete();
        b.materialItems[1].amount = 120000;
        b.materialItems.push_back({"Zsák", 5000});
        const VersionDiff d = diffVersions(version(1, complete()), version(2, b));
        CPPUNIT_ASSERT(changedIds(d.fields) == std::vector<std::string>({"material_item-2", "material_item-3"}));
        const DiffRow& added = find(d.fields, "material_item-3");
        CPPUNIT_ASSERT(!added.a.present);
        CPPUNIT_ASSERT_EQUAL(std::string("Zsák"), added.b.text);
        CPPUNIT_ASSERT_EQUAL(3u, added.line);
        // A renamed line is a change too, the amount the same.
        ApplicationFields c = complete();
        c.materialItems[0].name = "Védőruha";
        CPPUNIT_ASSERT(changedIds(diffVersions(version(1, complete()), version(2, c)).fields) ==
                       std::vector<std::string>({"material_item-1"}));
    }

    void testEveryBudgetFigureIsCompared() {
        Budget changed = budget(5);
        changed.wage[1] = 150;
        changed.ownShare = 11;
        const VersionDiff d =
            diffVersions(version(2, complete(), budget(5), Party::Contact, true), version(3, complete(), changed, Party::Office, true));
        std::vector<std::string> ids;
        for (const DiffRow& r : d.budget) ids.push_back(r.id);
        CPPUNIT_ASSERT(ids == std::vector<std::string>({"budget-wage-basic", "budget-wage-skilled",
                                                        "budget-wage-leaders", "budget-wage-leaders-skilled",
                                                        "budget-wage", "budget-contribution", "budget-wage-support",
                                                        "budget-material-costs", "budget-material-cap",
                                                        "budget-material-support", "budget-total-support",
                                                        "budget-own-share"}));
        CPPUNIT_ASSERT(changedIds(d.budget) == std::vector<std::string>({"budget-wage-skilled", "budget-own-share"}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), d.changedBudget);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), d.changedFields);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(200), find(d.budget, "budget-wage-skilled").a.number);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(150), find(d.budget, "budget-wage-skilled").b.number);
        // Each figure's label is in both catalogs.
        for (const DiffRow& r : d.budget)
            for (Lang lang : ktk::domain::kAllLangs) CPPUNIT_ASSERT(ktk::test::world().translator.find(lang, r.labelKey));
    }

    void testADraftWithoutABudgetComparesAsNotGiven() {
        ApplicationFields draft;
        draft.title = "Csak a cím";
        const VersionDiff d = diffVersions(version(1, draft), version(2, complete(), budget(5)));
        CPPUNIT_ASSERT(!d.budgetA);
        CPPUNIT_ASSERT(d.budgetB);
        CPPUNIT_ASSERT_EQUAL(d.budget.size(), d.changedBudget);
        CPPUNIT_ASSERT(!find(d.budget, "budget-total-support").a.present);
        const VersionDiff none = diffVersions(version(1, draft), version(2, draft));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), none.changedBudget);
        const std::string html = render(version(1, draft), version(2, draft), Lang::En, 2);
        CPPUNIT_ASSERT(ktk::test::contains(html, "id=\"diff-budget-none\""));
        CPPUNIT_ASSERT(!ktk::test::contains(html, "diff-budget-total-support"));
        const std::string half = render(version(1, draft), version(2, complete(), budget(5)), Lang::En, 2);
        CPPUNIT_ASSERT(ktk::test::contains(rowHtml(half, "budget-total-support"), "(not given)"));
    }

    void testSameFieldsIgnoresTheBudget() {
        CPPUNIT_ASSERT(sameFields(complete(), complete()));
        ApplicationFields b = complete();
        b.wageSupportPct = 80;
        CPPUNIT_ASSERT(!sameFields(complete(), b));
        CPPUNIT_ASSERT(!diffVersions(version(1, complete(), budget(5)), version(2, complete(), budget(6))).budget.empty());
    }

    void testTheRenderedRowSaysChangedInWordsWithDelAndIns() {
        ApplicationFields b = complete();
        b.headcount[0] = 8;
        const std::string html = render(version(2, complete()), version(3, b), Lang::Hu);
        const std::string row = rowHtml(html, "headcount_basic");
        CPPUNIT_ASSERT_MESSAGE(row, ktk::test::contains(row, "data-changed=\"true\""));
        CPPUNIT_ASSERT_MESSAGE(row, ktk::test::contains(row, "<strong class=\"diff-marker\">Módosult</strong>"));
        CPPUNIT_ASSERT_MESSAGE(row, ktk::test::contains(row, "<del>10</del>"));
        CPPUNIT_ASSERT_MESSAGE(row, ktk::test::contains(row, "<ins>8</ins>"));
        const std::string same = rowHtml(html, "title");
        CPPUNIT_ASSERT_MESSAGE(same, ktk::test::contains(same, "data-changed=\"false\""));
        CPPUNIT_ASSERT(!ktk::test::contains(same, "Módosult"));
        CPPUNIT_ASSERT(!ktk::test::contains(same, "<del>"));
        CPPUNIT_ASSERT(ktk::test::contains(html, "id=\"diff-changed-count\">1<"));
    }

    void testValuesAreEscapedAndLongTextsKeepTheirLines() {
        ApplicationFields b = complete();
        b.title = "<script>alert(1)</script> & \"co\"";
        b.publicTask = "első sor\nmásodik <b>sor</b>";
        const std::string html = render(version(1, complete()), version(2, b), Lang::En);
        CPPUNIT_ASSERT(!ktk::test::contains(html, "<script>"));
        CPPUNIT_ASSERT(!ktk::test::contains(html, "<b>sor"));
        CPPUNIT_ASSERT_MESSAGE(html, ktk::test::contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"));
        CPPUNIT_ASSERT(ktk::test::contains(rowHtml(html, "public_task"), "első sor\nmásodik &lt;b&gt;sor&lt;/b&gt;"));
    }

    void testTheNavigationLeadsToTheNeighbouringChangesUnderTheGivenBase() {
        const std::string middle = render(version(2, complete()), version(3, complete()), Lang::En, 5);
        CPPUNIT_ASSERT_MESSAGE(middle, ktk::test::contains(middle, "href=\"/base/7/versions/1/diff/2\" rel=\"prev\""));
        CPPUNIT_ASSERT(ktk::test::contains(middle, "href=\"/base/7/versions/3/diff/4\" rel=\"next\""));
        CPPUNIT_ASSERT(ktk::test::contains(middle, "href=\"/base/7/versions/3/diff/5\""));
        CPPUNIT_ASSERT(ktk::test::contains(middle, "id=\"diff-summary\" role=\"status\""));  // nothing differs
        // At the ends: no link before version 1, none after the newest.
        const std::string first = render(version(1, complete()), version(2, complete()), Lang::En, 2);
        CPPUNIT_ASSERT(!ktk::test::contains(first, "rel=\"prev\""));
        CPPUNIT_ASSERT(!ktk::test::contains(first, "rel=\"next\""));
        CPPUNIT_ASSERT(!ktk::test::contains(first, "<nav"));
        // Either order: the window is the lower and the higher version.
        const std::string reversed = render(version(3, complete()), version(2, complete()), Lang::En, 5);
        CPPUNIT_ASSERT(ktk::test::contains(reversed, "href=\"/base/7/versions/1/diff/2\" rel=\"prev\""));
        CPPUNIT_ASSERT(ktk::test::contains(reversed, "Versions 3 and 2 compared"));
    }

    void testTheNavigationSkipsTheVersionsTheViewerMayNotSee() {
        // The office sees 2, 3, 5 and 7 (submissions and proposals) of 8.
        const std::string html = render(version(3, complete()), version(5, complete()), Lang::En, 8, {2, 3, 5, 7});
        CPPUNIT_ASSERT_MESSAGE(html, ktk::test::contains(html, "href=\"/base/7/versions/2/diff/3\" rel=\"prev\""));
        CPPUNIT_ASSERT(ktk::test::contains(html, "href=\"/base/7/versions/5/diff/7\" rel=\"next\""));
        CPPUNIT_ASSERT(!ktk::test::contains(html, "/diff/8"));
        CPPUNIT_ASSERT(!ktk::test::contains(html, "/diff/6"));
        const std::string last = render(version(5, complete()), version(7, complete()), Lang::En, 8, {2, 3, 5, 7});
        CPPUNIT_ASSERT(!ktk::test::contains(last, "rel=\"next\""));
        const std::string first = render(version(2, complete()), version(3, complete()), Lang::En, 8, {2, 3, 5, 7});
        CPPUNIT_ASSERT(!ktk::test::contains(first, "rel=\"prev\""));
    }

    void testBothLanguagesNameTheVersionsAndAmounts() {
        ApplicationFields b = complete();
        b.materialSupport = 1234567;
        const StoredVersion office = version(3, b, budget(5), Party::Office, true);
        const std::string hu = render(version(2, complete(), budget(5), Party::Contact, true), office, Lang::Hu);
        CPPUNIT_ASSERT_MESSAGE(hu, ktk::test::contains(hu, "Változatok összevetése: 2. és 3."));
        CPPUNIT_ASSERT(ktk::test::contains(hu, "a hivatal javaslata (járási hivatal)"));
        CPPUNIT_ASSERT(ktk::test::contains(hu, "benyújtott változat (önkormányzat)"));
        CPPUNIT_ASSERT(ktk::test::contains(hu, "<ins>1\xC2\xA0" "234\xC2\xA0" "567\xC2\xA0" "Ft</ins>"));
        CPPUNIT_ASSERT(ktk::test::contains(hu, "2026. 03. 16. 14:05:00"));
        CPPUNIT_ASSERT(ktk::test::contains(hu, "datetime=\"2026-03-16T13:05:00Z\""));
        const std::string en = render(version(2, complete(), budget(5), Party::Contact, true), office, Lang::En);
        CPPUNIT_ASSERT(ktk::test::contains(en, "Versions 2 and 3 compared"));
        CPPUNIT_ASSERT(ktk::test::contains(en, "the office&#39;s proposal (district office)"));
        CPPUNIT_ASSERT(ktk::test::contains(en, "<ins>HUF\xC2\xA0" "1,234,567</ins>"));
        CPPUNIT_ASSERT(ktk::test::contains(rowHtml(en, "material_item-1"), "Material costs, Line 1"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(VersionDiffTest);
