// When the mail worker probes a relay that failed, and when it makes the
// deferred mails due at once (mail::RelayWatch).
#include <cppunit/extensions/HelperMacros.h>

#include "mail/relay_watch.h"

using namespace ktk;

namespace {
constexpr std::int64_t kInterval = 20'000;  // ms
constexpr std::int64_t t0 = 1'000'000;
}  // namespace

class RelayWatchTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RelayWatchTest);
    CPPUNIT_TEST(testNoProbeWhileTheRelayWorks);
    CPPUNIT_TEST(testOneProbeAnIntervalAfterTheLastFailureOrProbe);
    CPPUNIT_TEST(testNoProbeWhileSomethingIsInFlight);
    CPPUNIT_TEST(testASuccessAfterAnOutageMakesTheDeferredMailDue);
    CPPUNIT_TEST(testFailuresBetweenSuccessesAreNoOutage);
    CPPUNIT_TEST(testNothingDeferredEndsTheProbing);
    CPPUNIT_TEST(testOneSendAtATimeWhileTheRelayFails);
    CPPUNIT_TEST_SUITE_END();

public:
    void testNoProbeWhileTheRelayWorks() {
        mail::RelayWatch w(kInterval);
        CPPUNIT_ASSERT(!w.failing());
        CPPUNIT_ASSERT(!w.probeDue(t0, false));
        CPPUNIT_ASSERT(!w.delivered(t0));
        CPPUNIT_ASSERT(!w.probeDue(t0 + 10 * kInterval, false));
    }

    void testOneProbeAnIntervalAfterTheLastFailureOrProbe() {
        mail::RelayWatch w(kInterval);
        w.failed(t0);
        CPPUNIT_ASSERT(w.failing());
        CPPUNIT_ASSERT(!w.probeDue(t0 + kInterval - 1, false));
        CPPUNIT_ASSERT(w.probeDue(t0 + kInterval, false));
        // A fresh mail failing meanwhile was as good as a probe: the wait starts again.
        w.failed(t0 + 15'000);
        CPPUNIT_ASSERT(!w.probeDue(t0 + kInterval, false));
        CPPUNIT_ASSERT(w.probeDue(t0 + 15'000 + kInterval, false));
        // One probe, then none for an interval, however often it is asked.
        w.probing(t0 + 40'000);
        for (std::int64_t t = t0 + 40'000; t < t0 + 40'000 + kInterval; t += 1000) CPPUNIT_ASSERT(!w.probeDue(t, false));
        w.failed(t0 + 40'500);  // the probe failed
        CPPUNIT_ASSERT(w.probeDue(t0 + 40'500 + kInterval, false));
    }

    void testNoProbeWhileSomethingIsInFlight() {
        mail::RelayWatch w(kInterval);
        w.failed(t0);
        CPPUNIT_ASSERT(!w.probeDue(t0 + 5 * kInterval, true));
        CPPUNIT_ASSERT(w.probeDue(t0 + 5 * kInterval, false));
    }

    void testASuccessAfterAnOutageMakesTheDeferredMailDue() {
        mail::RelayWatch w(kInterval);
        w.failed(t0);
        w.probing(t0 + kInterval);
        w.failed(t0 + kInterval + 10);
        CPPUNIT_ASSERT(w.delivered(t0 + 2 * kInterval));  // a probe or a fresh mail went through
        CPPUNIT_ASSERT(!w.failing());
        CPPUNIT_ASSERT(!w.delivered(t0 + 2 * kInterval + 1));  // once per outage
        CPPUNIT_ASSERT(!w.probeDue(t0 + 10 * kInterval, false));
    }

    void testFailuresBetweenSuccessesAreNoOutage() {
        // One recipient's server says "later" while the others take mail:
        // a success never makes its mail due early, however often it comes.
        mail::RelayWatch w(kInterval);
        for (std::int64_t t = t0; t < t0 + 20 * kInterval; t += 1000) {
            w.failed(t);
            CPPUNIT_ASSERT(!w.delivered(t + 500));
        }
        // Failures for less than an interval: no outage either.
        w.failed(t0 + 30 * kInterval);
        w.failed(t0 + 30 * kInterval + kInterval / 2);
        CPPUNIT_ASSERT(!w.delivered(t0 + 31 * kInterval - 1));
        // An interval or more without any success is one.
        w.failed(t0 + 40 * kInterval);
        w.failed(t0 + 40 * kInterval + kInterval / 2);
        CPPUNIT_ASSERT(w.delivered(t0 + 41 * kInterval));
    }

    void testNothingDeferredEndsTheProbing() {
        mail::RelayWatch w(kInterval);
        w.failed(t0);
        CPPUNIT_ASSERT(w.probeDue(t0 + kInterval, false));
        w.probing(t0 + kInterval);
        w.nothingDeferred();
        CPPUNIT_ASSERT(!w.failing());
        CPPUNIT_ASSERT(!w.probeDue(t0 + 5 * kInterval, false));
        CPPUNIT_ASSERT(!w.delivered(t0 + 5 * kInterval));
    }
    void testOneSendAtATimeWhileTheRelayFails() {
        mail::RelayWatch w(kInterval);
        CPPUNIT_ASSERT_EQUAL(32u, w.inFlightLimit(32));
        w.failed(1000);
        CPPUNIT_ASSERT_EQUAL(1u, w.inFlightLimit(32));
        w.delivered(2000);  // one recipient's "later" among successes: all of them again
        CPPUNIT_ASSERT_EQUAL(32u, w.inFlightLimit(32));
        w.failed(3000);
        w.nothingDeferred();
        CPPUNIT_ASSERT_EQUAL(4u, w.inFlightLimit(4));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RelayWatchTest);
