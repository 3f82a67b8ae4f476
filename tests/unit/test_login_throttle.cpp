// The per-account throttle's rule (SPEC §4): delays, locks, the cap and
// the 12-hour reset, as pure functions of the stored state and the time.
#include <cppunit/extensions/HelperMacros.h>

#include "service/login_throttle.h"

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
        for (unsigned f = 0; f < 5; ++f) CPPUNIT_ASSERT_EQUAL(std::int64_t(0), throttle::waitAfter(f));
    }
    void testTheFifthFailureStartsADelayThatGrows() {
        const std::int64_t expected[] = {2, 4, 8, 16, 32};
        for (unsigned f = 5; f < 10; ++f) CPPUNIT_ASSERT_EQUAL(expected[f - 5], throttle::waitAfter(f));
    }
    void testTheTenthFailureLocksForAMinuteDoublingToFifteen() {
        const std::int64_t expected[] = {60, 120, 240, 480, 900, 900};
        for (unsigned f = 10; f < 16; ++f) CPPUNIT_ASSERT_EQUAL(expected[f - 10], throttle::waitAfter(f));
    }
    void testAVeryLongRunStaysAtTheCap() {
        CPPUNIT_ASSERT_EQUAL(std::int64_t(900), throttle::waitAfter(70));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(900), throttle::waitAfter(4000000000u));
    }
    void testAFailureCountsOnTopOfRecentOnes() {
        throttle::State s{9, 1000, 1032};
        throttle::State next = throttle::afterFailure(s, 2000);
        CPPUNIT_ASSERT_EQUAL(10u, next.failures);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2000), next.lastFailureAt);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2060), next.lockedUntil);
        throttle::State first = throttle::afterFailure(std::nullopt, 5000);
        CPPUNIT_ASSERT_EQUAL(1u, first.failures);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), first.lockedUntil);
    }
    void testTwelveQuietHoursStartTheCountAgain() {
        throttle::State s{14, 1000, 1900};
        CPPUNIT_ASSERT_EQUAL(15u, throttle::afterFailure(s, 1000 + 12 * 3600 - 1).failures);
        throttle::State fresh = throttle::afterFailure(s, 1000 + 12 * 3600);
        CPPUNIT_ASSERT_EQUAL(1u, fresh.failures);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), fresh.lockedUntil);
    }
    void testALockBlocksUntilItsEndOnly() {
        throttle::State s{10, 100, 160};
        CPPUNIT_ASSERT(throttle::blocks(s, 100));
        CPPUNIT_ASSERT(throttle::blocks(s, 159));
        CPPUNIT_ASSERT(!throttle::blocks(s, 160));
        CPPUNIT_ASSERT(!throttle::blocks(throttle::State{3, 100, 0}, 100));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LoginThrottleTest);
