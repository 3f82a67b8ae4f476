// The per-account throttle's rule (fcgi-apps/lib/domain/login_throttle.h): delays, locks, the cap and
// the 12-hour reset, as pure functions of the stored state and the time.
#include <cppunit/extensions/HelperMacros.h>

#include "domain/login_throttle.h"

using namespace ktk;

class LoginThrottleTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LoginThrottleTest);
    CPPUNIT_TEST(testFourFailuresCostNothing);
    CPPUNIT_TEST(testTheFifthFailureStartsADelayThatGrows);
    CPPUNIT_TEST(testTheTenthFailureLocksForAMinuteDoublingToFifteen);
    CPPUNIT_TEST(testAVeryLongRunStaysAtTheCap);
    CPPUNIT_TEST(testAFailureCountsOnTopOfRecentOnes);
    CPPUNIT_TEST(testTwelveQuietHoursStartTheCountAgain);
    CPPUNIT_TEST(testALockBlocksUntilItsEndOnly);
    CPPUNIT_TEST_SUITE_END();

public:
    void testFourFailuresCostNothing() {
        for (unsigned f = 0; f < 5; ++f) CPPUNIT_ASSERT_EQUAL(std::int64_t(0), domain::throttleWait(f));
    }
    void testTheFifthFailureStartsADelayThatGrows() {
        const std::int64_t expected[] = {2, 4, 8, 16, 32};
        for (unsigned f = 5; f < 10; ++f) CPPUNIT_ASSERT_EQUAL(expected[f - 5], domain::throttleWait(f));
    }
    void testTheTenthFailureLocksForAMinuteDoublingToFifteen() {
        const std::int64_t expected[] = {60, 120, 240, 480, 900, 900};
        for (unsigned f = 10; f < 16; ++f) CPPUNIT_ASSERT_EQUAL(expected[f - 10], domain::throttleWait(f));
    }
    void testAVeryLongRunStaysAtTheCap() {
        CPPUNIT_ASSERT_EQUAL(std::int64_t(900), domain::throttleWait(70));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(900), domain::throttleWait(4000000000u));
    }
    void testAFailureCountsOnTopOfRecentOnes() {
        domain::ThrottleState s{9, 1000, 1032};
        domain::ThrottleState next = domain::afterFailure(s, 2000);
        CPPUNIT_ASSERT_EQUAL(10u, next.failures);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2000), next.lastFailureAt);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2060), next.lockedUntil);
        domain::ThrottleState first = domain::afterFailure(std::nullopt, 5000);
        CPPUNIT_ASSERT_EQUAL(1u, first.failures);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), first.lockedUntil);
    }
    void testTwelveQuietHoursStartTheCountAgain() {
        domain::ThrottleState s{14, 1000, 1900};
        CPPUNIT_ASSERT_EQUAL(15u, domain::afterFailure(s, 1000 + 12 * 3600 - 1).failures);
        domain::ThrottleState fresh = domain::afterFailure(s, 1000 + 12 * 3600);
        CPPUNIT_ASSERT_EQUAL(1u, fresh.failures);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), fresh.lockedUntil);
    }
    void testALockBlocksUntilItsEndOnly() {
        domain::ThrottleState s{10, 100, 160};
        CPPUNIT_ASSERT(domain::throttleBlocks(s, 100));
        CPPUNIT_ASSERT(domain::throttleBlocks(s, 159));
        CPPUNIT_ASSERT(!domain::throttleBlocks(s, 160));
        CPPUNIT_ASSERT(!domain::throttleBlocks(domain::ThrottleState{3, 100, 0}, 100));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LoginThrottleTest);
