// Hungarian civil time for the times mails show: CET in winter, CEST from
// the last Sunday of March to the last Sunday of October, switching at
// 01:00 UTC, and the two written forms.
#include <cppunit/extensions/HelperMacros.h>

#include <vector>

#include "util/clock.h"
#include "util/hungarian_time.h"

using namespace ktk;

class HungarianTimeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HungarianTimeTest);
    CPPUNIT_TEST(testWinterIsOneHourAheadOfUtc);
    CPPUNIT_TEST(testSummerIsTwoHoursAheadOfUtc);
    CPPUNIT_TEST(testSummerTimeStartsAtOneUtcOnTheLastSundayOfMarch);
    CPPUNIT_TEST(testSummerTimeEndsAtOneUtcOnTheLastSundayOfOctober);
    CPPUNIT_TEST(testTheLastSundayIsFoundInALeapYear);
    CPPUNIT_TEST(testHungarianFormatPutsTheDateInHungarianOrder);
    CPPUNIT_TEST(testLocalTimeCrossesMidnight);
    CPPUNIT_TEST(testBothFormsWriteWhatStrftimeWrites);
    CPPUNIT_TEST_SUITE_END();

public:
    void testWinterIsOneHourAheadOfUtc() {
        CPPUNIT_ASSERT_EQUAL(3600, util::hungarianUtcOffset(1768519800));  // 2026-01-15 23:30 UTC
        CPPUNIT_ASSERT_EQUAL(std::string("UTC+1"), util::hungarianOffsetLabel(1768519800));
    }
    void testSummerIsTwoHoursAheadOfUtc() {
        CPPUNIT_ASSERT_EQUAL(7200, util::hungarianUtcOffset(1782907200));  // 2026-07-01 12:00 UTC
        CPPUNIT_ASSERT_EQUAL(std::string("2026-07-01 14:00:00"), util::hungarianTimeIso(1782907200));
        CPPUNIT_ASSERT_EQUAL(std::string("UTC+2"), util::hungarianOffsetLabel(1782907200));
    }
    void testSummerTimeStartsAtOneUtcOnTheLastSundayOfMarch() {
        // 2026-03-29 is the last Sunday of March.
        CPPUNIT_ASSERT_EQUAL(3600, util::hungarianUtcOffset(1774745999));  // 00:59:59 UTC
        CPPUNIT_ASSERT_EQUAL(7200, util::hungarianUtcOffset(1774746000));  // 01:00:00 UTC
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-29 01:59:59"), util::hungarianTimeIso(1774745999));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-03-29 03:00:00"), util::hungarianTimeIso(1774746000));
    }
    void testSummerTimeEndsAtOneUtcOnTheLastSundayOfOctober() {
        // 2026-10-25 is the last Sunday of October.
        CPPUNIT_ASSERT_EQUAL(7200, util::hungarianUtcOffset(1792889999));
        CPPUNIT_ASSERT_EQUAL(3600, util::hungarianUtcOffset(1792890000));
    }
    void testTheLastSundayIsFoundInALeapYear() {
        // 2024-03-31 (a Sunday) starts summer time; the day before does not.
        CPPUNIT_ASSERT_EQUAL(3600, util::hungarianUtcOffset(1711760400));
        CPPUNIT_ASSERT_EQUAL(7200, util::hungarianUtcOffset(1711846800));
    }
    void testHungarianFormatPutsTheDateInHungarianOrder() {
        CPPUNIT_ASSERT_EQUAL(std::string("2026. 07. 01. 14:00:00"), util::hungarianTime(1782907200));
    }
    void testLocalTimeCrossesMidnight() {
        // 23:30 UTC on 15 January is already the 16th in Budapest.
        CPPUNIT_ASSERT_EQUAL(std::string("2026-01-16 00:30:00"), util::hungarianTimeIso(1768519800));
    }
    void testBothFormsWriteWhatStrftimeWrites() {
        // The date and time are written by hand (the list of applications
        // writes one on each line); gmtime and strftime (util::sqlTime)
        // are the reference: before 1970, leap days, the turn of each
        // year and century, the summer time switches, up to 2400.
        std::vector<std::int64_t> times;
        for (std::int64_t t = -2208988800; t < 13569465600; t += 86400 * 7 + 3599) times.push_back(t);
        times.insert(times.end(), {-1, 0, 59, 946684799, 946684800, 951782400, 1709164800, 1774745999, 1774746000,
                                   1792889999, 1792890000, 4107542399, 4107542400, 253402297199 - 7200});
        for (std::int64_t t : times) {
            const std::string iso = util::sqlTime(t + util::hungarianUtcOffset(t));
            CPPUNIT_ASSERT_EQUAL(iso, util::hungarianTimeIso(t));
            CPPUNIT_ASSERT_EQUAL(iso.substr(0, 4) + ". " + iso.substr(5, 2) + ". " + iso.substr(8, 2) + ". " +
                                     iso.substr(11),
                                 util::hungarianTime(t));
        }
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(HungarianTimeTest);
