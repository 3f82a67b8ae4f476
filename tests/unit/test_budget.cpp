// The application's rules where they live: calendar dates, the budget and
// its rounding, and the form's checks (README, "The budget and its
// rounding").
#include <cppunit/extensions/HelperMacros.h>

#include "applications/application_form.h"
#include "applications/budget.h"
#include "domain/calendar_date.h"
#include "domain/free_text.h"
#include "fixtures.h"

using namespace ktk::applications;
using ktk::domain::CalendarDate;
using ktk::domain::parseIsoDate;

namespace {

CalendarDate day(const char* iso) { return *parseIsoDate(iso); }

ProgrammeRules longTerm() { return {"long_term", 4, 8, 12, 100, 20, true, "Hosszabb időtartamú", "Long-term"}; }
ProgrammeRules special() { return {"special", 6, 6, 12, 100, 20, true, "Speciális", "Special"}; }

YearRates rates() {
    YearRates r;
    r.year = 2026;
    r.monthlyWage = {100000, 130000, 110000, 143000};
    r.contributionBasisPoints = 1300;
    return r;
}

const YearRates kRates = rates();
const ProgrammeRules kLongTerm = longTerm();

}  // namespace

class BudgetTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BudgetTest);
    CPPUNIT_TEST(testOnlyRealDatesInIsoFormAreDates);
    CPPUNIT_TEST(testDateArithmetic);
    CPPUNIT_TEST(testAPartialMonthIsPaidByItsCalendarDaysRoundedHalfUp);
    CPPUNIT_TEST(testTheWorkedExample);
    CPPUNIT_TEST(testSupportIsRoundedDownAndTheContributionHalfUp);
    CPPUNIT_TEST(testThePeriodLimitCountsCalendarMonths);
    CPPUNIT_TEST(testACompleteFormIsAcceptedAndSubmittable);
    CPPUNIT_TEST(testADraftMayBeIncompleteButNeverMalformed);
    CPPUNIT_TEST(testNumbersAsPeopleTypeThem);
    CPPUNIT_TEST(testTheProgrammeRulesJoinFields);
    CPPUNIT_TEST(testSubmissionNeedsEverythingAndTheMaterialShare);
    CPPUNIT_TEST(testFreeTextRefusesWhatCannotBeStoredOrRead);
    CPPUNIT_TEST(testEveryMessageIsTranslatedInBothLanguages);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOnlyRealDatesInIsoFormAreDates() {
        CPPUNIT_ASSERT(parseIsoDate("2028-02-29").has_value());
        for (const char* bad : {"2026-02-31", "2027-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
                                "2026-3-1", "2026/03/01", "26-03-01", " 2026-03-01", "2026-03-01x", "1999-12-31",
                                "２０２６-03-01", "", "2026-03-0\xC2\xA0"})
            CPPUNIT_ASSERT_MESSAGE(bad, !parseIsoDate(bad).has_value());
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-01"), ktk::domain::isoDate(day("2026-03-01")));
    }
    void testDateArithmetic() {
        CPPUNIT_ASSERT_EQUAL(0L, ktk::domain::dayNumber({1970, 1, 1}));
        CPPUNIT_ASSERT_EQUAL(11017L, ktk::domain::dayNumber(day("2000-03-01")));
        CPPUNIT_ASSERT_EQUAL(365L, ktk::domain::dayNumber(day("2027-03-01")) - ktk::domain::dayNumber(day("2026-03-01")));
        CPPUNIT_ASSERT(ktk::domain::addMonths(day("2026-01-31"), 1) == day("2026-02-28"));
        CPPUNIT_ASSERT(ktk::domain::addMonths(day("2027-11-15"), 3) == day("2028-02-15"));
        CPPUNIT_ASSERT(ktk::domain::previousDay(day("2027-01-01")) == day("2026-12-31"));
        CPPUNIT_ASSERT(ktk::domain::previousDay(day("2028-03-01")) == day("2028-02-29"));
        CPPUNIT_ASSERT(day("2026-12-31") < day("2027-01-01"));
    }
    void testAPartialMonthIsPaidByItsCalendarDaysRoundedHalfUp() {
        CPPUNIT_ASSERT_EQUAL(std::int64_t(100000), monthWage(100000, 8, 31, 31));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(50000), monthWage(100000, 4, 30, 30));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(75000), monthWage(100000, 6, 28, 28));
        // 100 000 × 16 / 31 = 51 612.90 → 51 613; 100 001 × 4 / 8 = 50 000.5 → 50 001
        CPPUNIT_ASSERT_EQUAL(std::int64_t(51613), monthWage(100000, 8, 16, 31));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(50001), monthWage(100001, 4, 30, 30));
        // 100 000 × 1 / 31 = 3 225.81 → 3 226
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3226), monthWage(100000, 8, 1, 31));
    }
    void testTheWorkedExample() {
        // README's example: 16–31 March, April and May, 8 hours a day.
        CheckedForm checked = checkForm(ktk::test::workedExampleForm(), {longTerm(), special()});
        CPPUNIT_ASSERT(checked.errors.empty());
        const Budget b = computeBudget(*budgetInput(checked.fields), longTerm(), rates());
        // March: 16 of 31 days. 10 × (51 613 + 100 000 + 100 000)
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2516130), b.wage[0]);
        // 130 000 × 16 / 31 = 67 096.77 → 67 097; 2 × (67 097 + 260 000)
        CPPUNIT_ASSERT_EQUAL(std::int64_t(654194), b.wage[1]);
        // 110 000 × 16 / 31 = 56 774.19 → 56 774
        CPPUNIT_ASSERT_EQUAL(std::int64_t(276774), b.wage[2]);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), b.wage[3]);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3447098), b.wageTotal);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(448123), b.contribution);           // 448 122.74
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3505698), b.wageSupport);           // 90 % of 3 895 221
        CPPUNIT_ASSERT_EQUAL(std::int64_t(701139), b.materialSupportCap);     // 20 % of it, down
        CPPUNIT_ASSERT_EQUAL(std::int64_t(450000), b.materialCosts);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(400000), b.materialSupport);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3905698), b.totalSupport);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(439523), b.ownShare);
        CPPUNIT_ASSERT(checkForSubmission(checked.fields, &kLongTerm, nullptr).has("start_date"));
        CPPUNIT_ASSERT(checkForSubmission(checked.fields, &kLongTerm, &kRates).empty());
    }
    void testSupportIsRoundedDownAndTheContributionHalfUp() {
        BudgetInput in;
        in.start = day("2026-01-01");
        in.end = day("2026-01-31");
        in.headcount = {1, 0, 0, 0};
        in.wageSupportPct = 99;
        YearRates r = rates();
        r.monthlyWage[0] = 100005;  // contribution 13 000.65 → 13 001
        const Budget b = computeBudget(in, longTerm(), r);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(13001), b.contribution);
        // 99 % of 113 006 = 111 875.94 → 111 875; 20 % of that = 22 375
        CPPUNIT_ASSERT_EQUAL(std::int64_t(111875), b.wageSupport);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(22375), b.materialSupportCap);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(113006 - 111875), b.ownShare);
    }
    void testThePeriodLimitCountsCalendarMonths() {
        CPPUNIT_ASSERT(periodWithin(day("2026-03-01"), day("2027-02-28"), 12));
        CPPUNIT_ASSERT(!periodWithin(day("2026-03-01"), day("2027-03-01"), 12));
        CPPUNIT_ASSERT(periodWithin(day("2026-03-15"), day("2027-03-14"), 12));
        CPPUNIT_ASSERT(!periodWithin(day("2026-03-15"), day("2027-03-15"), 12));
        CPPUNIT_ASSERT(periodWithin(day("2026-03-15"), day("2026-03-15"), 12));
        CPPUNIT_ASSERT(!periodWithin(day("2026-03-15"), day("2026-03-14"), 12));
    }
    void testACompleteFormIsAcceptedAndSubmittable() {
        CheckedForm checked = checkForm(ktk::test::workedExampleForm(), {longTerm()});
        CPPUNIT_ASSERT(checked.errors.empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), checked.fields.materialItems.size());  // the blank row is dropped
        CPPUNIT_ASSERT_EQUAL(std::int64_t(300000), checked.fields.materialItems[0].amount);
        // Back to the form and checked again: the same fields.
        CheckedForm again = checkForm(toForm(checked.fields), {longTerm()});
        CPPUNIT_ASSERT(again.errors.empty());
        CPPUNIT_ASSERT_EQUAL(checked.fields.title, again.fields.title);
        CPPUNIT_ASSERT(again.fields.end == checked.fields.end);
    }
    void testADraftMayBeIncompleteButNeverMalformed() {
        ApplicationForm onlyTitle;
        onlyTitle.title = "Vázlat";
        CheckedForm draft = checkForm(onlyTitle, {longTerm()});
        CPPUNIT_ASSERT(draft.errors.empty());
        CPPUNIT_ASSERT(!budgetInput(draft.fields).has_value());
        CPPUNIT_ASSERT(checkForSubmission(draft.fields, &kLongTerm, &kRates).has("public_task"));

        const auto refused = [](ApplicationForm f, const char* field, const char* key) {
            CheckedForm c = checkForm(f, {longTerm()});
            CPPUNIT_ASSERT_MESSAGE(field, c.errors.find(field) && *c.errors.find(field) == key);
        };
        ApplicationForm f = ktk::test::workedExampleForm();
        f.headcount[0] = "-3";
        refused(f, "headcount_basic", "validation.number.negative");
        f = ktk::test::workedExampleForm();
        f.endDate = "2026-02-31";
        refused(f, "end_date", "validation.date.invalid");
        f = ktk::test::workedExampleForm();
        f.programmeType = "long_term'; DROP TABLE x";
        refused(f, "programme_type", "applications.error.programme_unknown");
        f = ktk::test::workedExampleForm();
        f.title = std::string(100 * 1024, 'a');
        refused(f, "title", "validation.text.too_long");
        f = ktk::test::workedExampleForm();
        f.title = "Cím\r\nBcc: x";
        refused(f, "title", "validation.text.invalid");
        f = ktk::test::workedExampleForm();
        f.itemAmounts[1] = "";
        refused(f, "material_item_amount", "applications.error.item_amount");
        f = ktk::test::workedExampleForm();
        f.itemNames[1] = "";
        refused(f, "material_item_name", "applications.error.item_name");
        f = ktk::test::workedExampleForm();
        f.itemNames.assign(31, "Tétel");
        f.itemAmounts.assign(31, "1");
        refused(f, "material_item_name", "applications.error.too_many_items");
        f = ktk::test::workedExampleForm();
        f.endDate = "2026-03-15";
        refused(f, "end_date", "applications.error.end_before_start");
    }
    void testNumbersAsPeopleTypeThem() {
        ApplicationForm f = ktk::test::workedExampleForm();
        f.materialSupport = " 1 200 000 ";
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1200000), *checkForm(f, {longTerm()}).fields.materialSupport);
        f.materialSupport = "1\xC2\xA0" "200\xE2\x80\xAF" "000";
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1200000), *checkForm(f, {longTerm()}).fields.materialSupport);
        for (const char* bad : {"1,5", "1.000", "12e3", "1  000", "+5", "0x10", "١٢", "- 5", " - "}) {
            f.materialSupport = bad;
            const CheckedForm c = checkForm(f, {longTerm()});
            const std::string* key = c.errors.find("material_support");
            CPPUNIT_ASSERT_MESSAGE(bad, key && *key == "validation.number.invalid");
        }
        f.materialSupport = "10000000001";
        CPPUNIT_ASSERT_EQUAL(std::string("validation.number.too_large"),
                             *checkForm(f, {longTerm()}).errors.find("material_support"));
        CPPUNIT_ASSERT_EQUAL(std::string("10 000 000 000"), *checkForm(f, {longTerm()}).errors.detail("material_support"));
        f.materialSupport = "99999999999999999999999";
        CPPUNIT_ASSERT_EQUAL(std::string("validation.number.too_large"),
                             *checkForm(f, {longTerm()}).errors.find("material_support"));
    }
    void testTheProgrammeRulesJoinFields() {
        ApplicationForm f = ktk::test::workedExampleForm();
        f.endDate = "2027-03-16";
        CheckedForm c = checkForm(f, {longTerm()});
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.period_too_long"), *c.errors.find("end_date"));
        CPPUNIT_ASSERT_EQUAL(std::string("12"), *c.errors.detail("end_date"));
        f = ktk::test::workedExampleForm();
        f.programmeType = "special";
        f.dailyHours = "8";
        c = checkForm(f, {longTerm(), special()});
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.hours_range"), *c.errors.find("daily_hours"));
        CPPUNIT_ASSERT_EQUAL(std::string("6"), *c.errors.detail("daily_hours"));
        f.dailyHours = "6";
        CPPUNIT_ASSERT(checkForm(f, {longTerm(), special()}).errors.empty());
        f = ktk::test::workedExampleForm();
        f.dailyHours = "3";
        CPPUNIT_ASSERT_EQUAL(std::string("4–8"), *checkForm(f, {longTerm()}).errors.detail("daily_hours"));
        ProgrammeRules capped = longTerm();
        capped.maxWageSupportPct = 70;
        f = ktk::test::workedExampleForm();
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.pct_over_cap"),
                             *checkForm(f, {capped}).errors.find("wage_support_pct"));
        f.wageSupportPct = "101";
        CPPUNIT_ASSERT_EQUAL(std::string("validation.number.too_large"),
                             *checkForm(f, {longTerm()}).errors.find("wage_support_pct"));
    }
    void testSubmissionNeedsEverythingAndTheMaterialShare() {
        CheckedForm c = checkForm(ktk::test::workedExampleForm(), {longTerm()});
        ApplicationFields noOne = c.fields;
        noOne.headcount = {0, std::nullopt, 0, 0};
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.no_workers"),
                             *checkForSubmission(noOne, &kLongTerm, &kRates).find("headcount_basic"));
        ApplicationFields greedy = c.fields;
        greedy.materialSupport = 701140;  // the cap is 701 139
        greedy.materialItems.push_back({"Üzemanyag", 1000000});
        ktk::domain::FormErrors e = checkForSubmission(greedy, &kLongTerm, &kRates);
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.material_over_cap"), *e.find("material_support"));
        CPPUNIT_ASSERT_EQUAL(std::string("701 139"), *e.detail("material_support"));
        ApplicationFields overCosts = c.fields;
        overCosts.materialSupport = 450001;  // the costs are 450 000
        e = checkForSubmission(overCosts, &kLongTerm, &kRates);
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.material_over_costs"), *e.find("material_support"));
        YearRates noLeaderWage = kRates;
        noLeaderWage.monthlyWage[2].reset();
        e = checkForSubmission(c.fields, &kLongTerm, &noLeaderWage);
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.no_rate_for_category"), *e.find("headcount_leaders"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026"), *e.detail("headcount_leaders"));
        ApplicationFields noLeaders = c.fields;
        noLeaders.headcount[2] = 0;
        CPPUNIT_ASSERT(checkForSubmission(noLeaders, &kLongTerm, &noLeaderWage).empty());
        ApplicationFields noItems = c.fields;
        noItems.materialItems.clear();
        noItems.materialSupport = 0;
        CPPUNIT_ASSERT(checkForSubmission(noItems, &kLongTerm, &kRates).empty());
        CPPUNIT_ASSERT(!checkForSubmission(ApplicationFields{}, &kLongTerm, &kRates).empty());
        // Before a programme type is chosen, every other missing field is named too.
        e = checkForSubmission(ApplicationFields{}, nullptr, nullptr);
        for (const char* field : {"title", "programme_type", "public_task", "work_locations", "start_date", "end_date",
                                  "daily_hours", "headcount_basic", "wage_support_pct", "material_support"})
            CPPUNIT_ASSERT_MESSAGE(field, e.has(field));
        ApplicationFields unknown = c.fields;
        unknown.programmeType = "gone";
        CPPUNIT_ASSERT_EQUAL(std::string("applications.error.programme_unknown"),
                             *checkForSubmission(unknown, nullptr, &kRates).find("programme_type"));
    }
    void testFreeTextRefusesWhatCannotBeStoredOrRead() {
        using namespace ktk::domain;
        CPPUNIT_ASSERT_EQUAL(std::string("a\nb"), checkFreeText("  a\r\nb \n", 100, Lines::Many).value);
        CPPUNIT_ASSERT_EQUAL(std::string("a b"), checkFreeText("a\tb", 100, Lines::One).value);
        CPPUNIT_ASSERT(checkFreeText("a\nb", 100, Lines::One).check == TextCheck::Invalid);
        CPPUNIT_ASSERT(checkFreeText(std::string("a\0b", 3), 100, Lines::Many).check == TextCheck::Invalid);
        CPPUNIT_ASSERT(checkFreeText("a\xC3", 100, Lines::Many).check == TextCheck::Invalid);
        CPPUNIT_ASSERT(checkFreeText("abc\xE2\x80\xAE" "fdp.exe", 100, Lines::One).check == TextCheck::Invalid);
        CPPUNIT_ASSERT(checkFreeText(" \n ", 100, Lines::Many).check == TextCheck::Missing);
        CPPUNIT_ASSERT(checkFreeText("őűáé", 4, Lines::One).check == TextCheck::Ok);
        CPPUNIT_ASSERT(checkFreeText("őűáéx", 4, Lines::One).check == TextCheck::TooLong);
    }
    void testEveryMessageIsTranslatedInBothLanguages() {
        std::vector<std::string> keys = {"validation.required", "validation.number.invalid",
                                         "validation.number.negative", "validation.number.too_large",
                                         "validation.date.invalid", "applications.error.no_workers",
                                         "applications.error.no_rates", "applications.error.no_rate_for_category",
                                         "applications.error.material_over_cap",
                                         "applications.error.material_over_costs"};
        for (auto check : {ktk::domain::TextCheck::Missing, ktk::domain::TextCheck::TooLong,
                           ktk::domain::TextCheck::Invalid})
            keys.push_back(ktk::domain::messageKey(check));
        // Every key checkForm can give, from forms that trip each rule.
        ApplicationForm f = ktk::test::workedExampleForm();
        f.programmeType = "x";
        keys.push_back(*checkForm(f, {longTerm()}).errors.find("programme_type"));
        for (const char* k : {"applications.error.end_before_start", "applications.error.period_too_long",
                              "applications.error.hours_range", "applications.error.pct_over_cap",
                              "applications.error.item_name", "applications.error.item_amount",
                              "applications.error.too_many_items"})
            keys.push_back(k);
        for (const std::string& key : keys)
            for (ktk::domain::Lang lang : ktk::domain::kAllLangs)
                CPPUNIT_ASSERT_MESSAGE(key, ktk::test::world().translator.find(lang, key));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BudgetTest);
