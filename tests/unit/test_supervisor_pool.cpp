// The pool supervisor's rules: start at the minimum, grow by one when every
// process is busy, shrink by one per quiet period down to the minimum,
// replace what dies, give up on a program that cannot start; a pool that may
// be empty starts with the first request and lets its last process go once
// that process has been unused for a whole quiet period.
#include <cppunit/extensions/HelperMacros.h>

#include "supervisor/pool.h"

using ktk::supervisor::Pool;
using ktk::supervisor::Settings;

namespace {
// CPU time as /proc would tell it: a fixed figure per process (unused).
std::optional<std::uint64_t> unused(pid_t pid) { return std::uint64_t(pid) * 1000; }

Settings settings(int min, int max) {
    Settings s;
    s.min = min;
    s.max = max;
    s.idleMs = 10000;
    s.quickExitMs = 1000;
    s.maxQuickExits = 5;
    s.startupMs = 0;  // the wait for a starting process has its own test
    return s;
}
}  // namespace

class SupervisorPoolTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SupervisorPoolTest);
    CPPUNIT_TEST(testStartsAtTheMinimum);
    CPPUNIT_TEST(testGrowsWhenEveryProcessIsBusyUpToTheMaximum);
    CPPUNIT_TEST(testShrinksOnePerQuietPeriodYoungestFirst);
    CPPUNIT_TEST(testBusyAgainPostponesTheShrinking);
    CPPUNIT_TEST(testAProcessThatDiesIsReplacedOneAskedToGoIsNot);
    CPPUNIT_TEST(testGivesUpAfterFiveFailedStartsInARow);
    CPPUNIT_TEST(testALongLifeResetsTheFailedStarts);
    CPPUNIT_TEST(testStoppingAsksEveryoneAndReplacesNoOne);
    CPPUNIT_TEST(testTheMaximumIsNeverBelowTheMinimum);
    CPPUNIT_TEST(testAnEmptyPoolStartsOneForTheFirstRequest);
    CPPUNIT_TEST(testTheLastProcessGoesAfterAWholeQuietPeriodUnused);
    CPPUNIT_TEST(testTheLastProcessStaysWhileItServesOrWhenUnknown);
    CPPUNIT_TEST(testAStartingProcessIsWaitedForNotJoinedByAnother);
    CPPUNIT_TEST_SUITE_END();

public:
    void testStartsAtTheMinimum() {
        Pool pool(settings(2, 4));
        CPPUNIT_ASSERT_EQUAL(2, pool.missing());
        pool.started(10, 0);
        pool.started(11, 0);
        CPPUNIT_ASSERT_EQUAL(0, pool.missing());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-1), pool.msUntilRetire(0));
    }
    void testGrowsWhenEveryProcessIsBusyUpToTheMaximum() {
        Pool pool(settings(1, 3));
        pool.started(10, 0);
        CPPUNIT_ASSERT(pool.saturated(100));
        pool.started(11, 100);
        CPPUNIT_ASSERT(pool.saturated(200));
        pool.started(12, 200);
        CPPUNIT_ASSERT(!pool.saturated(300));
        CPPUNIT_ASSERT_EQUAL(3, pool.size());
    }
    void testShrinksOnePerQuietPeriodYoungestFirst() {
        Pool pool(settings(1, 3));
        pool.started(10, 0);
        pool.started(11, 0);
        pool.started(12, 0);
        pool.saturated(1000);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(4000), pool.msUntilRetire(7000));
        CPPUNIT_ASSERT(!pool.retire(10999, unused));
        CPPUNIT_ASSERT_EQUAL(pid_t(12), pool.retire(11000, unused).value());
        CPPUNIT_ASSERT(!pool.retire(11001, unused));  // the next one after another quiet period
        CPPUNIT_ASSERT_EQUAL(pid_t(11), pool.retire(21000, unused).value());
        CPPUNIT_ASSERT(!pool.retire(99000, unused));  // the minimum stays
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-1), pool.msUntilRetire(99000));
        CPPUNIT_ASSERT_EQUAL(Pool::Exit::Gone, pool.exited(12, 11050));
        CPPUNIT_ASSERT_EQUAL(Pool::Exit::Gone, pool.exited(11, 21050));
        CPPUNIT_ASSERT_EQUAL(1, pool.size());
        CPPUNIT_ASSERT_EQUAL(0, pool.missing());
    }
    void testBusyAgainPostponesTheShrinking() {
        Pool pool(settings(1, 2));
        pool.started(10, 0);
        pool.saturated(0);
        pool.started(11, 0);
        pool.saturated(9000);  // at the maximum: no growth, but busy
        CPPUNIT_ASSERT(!pool.retire(10000, unused));
        CPPUNIT_ASSERT_EQUAL(pid_t(11), pool.retire(19000, unused).value());
        // One asked to go no longer counts: busy again, the pool may grow.
        CPPUNIT_ASSERT(pool.saturated(19001));
    }
    void testAProcessThatDiesIsReplacedOneAskedToGoIsNot() {
        Pool pool(settings(1, 2));
        pool.started(10, 0);
        pool.started(11, 0);
        CPPUNIT_ASSERT_EQUAL(Pool::Exit::Replace, pool.exited(10, 60000));
        CPPUNIT_ASSERT_EQUAL(Pool::Exit::Unknown, pool.exited(99, 60000));
        CPPUNIT_ASSERT_EQUAL(1, pool.size());
    }
    void testGivesUpAfterFiveFailedStartsInARow() {
        Pool pool(settings(1, 1));
        for (pid_t pid = 10; pid < 14; ++pid) {
            pool.started(pid, pid * 100);
            CPPUNIT_ASSERT_EQUAL(Pool::Exit::Replace, pool.exited(pid, pid * 100 + 999));
        }
        pool.started(14, 5000);
        CPPUNIT_ASSERT_EQUAL(Pool::Exit::GiveUp, pool.exited(14, 5010));
    }
    void testALongLifeResetsTheFailedStarts() {
        Pool pool(settings(1, 1));
        for (pid_t pid = 10; pid < 14; ++pid) {
            pool.started(pid, 0);
            pool.exited(pid, 10);
        }
        pool.started(20, 0);
        CPPUNIT_ASSERT_EQUAL(Pool::Exit::Replace, pool.exited(20, 1000));  // lived a second
        for (pid_t pid = 30; pid < 34; ++pid) {
            pool.started(pid, 2000);
            CPPUNIT_ASSERT_EQUAL(Pool::Exit::Replace, pool.exited(pid, 2010));
        }
    }
    void testStoppingAsksEveryoneAndReplacesNoOne() {
        Pool pool(settings(2, 3));
        pool.started(10, 0);
        pool.started(11, 0);
        pool.started(12, 0);
        std::vector<pid_t> asked = pool.stop();
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), asked.size());
        CPPUNIT_ASSERT(pool.stopping());
        CPPUNIT_ASSERT_EQUAL(Pool::Exit::Gone, pool.exited(10, 5));  // even a quick one
        CPPUNIT_ASSERT_EQUAL(0, pool.missing());
        CPPUNIT_ASSERT(!pool.saturated(6));
        CPPUNIT_ASSERT(!pool.retire(999999, unused));
    }
    void testTheMaximumIsNeverBelowTheMinimum() {
        Pool pool(settings(3, 1));
        CPPUNIT_ASSERT_EQUAL(3, pool.settings().max);
        CPPUNIT_ASSERT_EQUAL(3, pool.missing());
        CPPUNIT_ASSERT_EQUAL(1, Pool(settings(0, 0)).settings().max);
        CPPUNIT_ASSERT_EQUAL(0, Pool(settings(-2, 1)).settings().min);
    }
    void testAnEmptyPoolStartsOneForTheFirstRequest() {
        Pool pool(settings(0, 2));
        CPPUNIT_ASSERT_EQUAL(0, pool.missing());
        CPPUNIT_ASSERT(pool.empty());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-1), pool.msUntilRetire(0));
        CPPUNIT_ASSERT(pool.saturated(50000));
        pool.started(10, 50000);
        CPPUNIT_ASSERT(!pool.empty());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10000), pool.msUntilRetire(50000));
    }
    void testTheLastProcessGoesAfterAWholeQuietPeriodUnused() {
        Pool pool(settings(0, 2));
        pool.started(10, 0);
        std::uint64_t cpu = 5;
        auto usage = [&cpu](pid_t) { return std::optional<std::uint64_t>(cpu); };
        CPPUNIT_ASSERT(!pool.retire(10000, usage));  // first look: nothing to compare with
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10000), pool.msUntilRetire(10000));
        CPPUNIT_ASSERT_EQUAL(pid_t(10), pool.retire(20000, usage).value());  // unused since
        CPPUNIT_ASSERT(pool.empty());
        CPPUNIT_ASSERT_EQUAL(Pool::Exit::Gone, pool.exited(10, 20005));
        CPPUNIT_ASSERT_EQUAL(0, pool.missing());  // nothing replaces it
    }
    void testTheLastProcessStaysWhileItServesOrWhenUnknown() {
        Pool pool(settings(0, 2));
        pool.started(10, 0);
        std::uint64_t cpu = 5;
        auto usage = [&cpu](pid_t) { return std::optional<std::uint64_t>(cpu); };
        CPPUNIT_ASSERT(!pool.retire(10000, usage));
        cpu = 6;  // a request in the meantime
        CPPUNIT_ASSERT(!pool.retire(20000, usage));
        CPPUNIT_ASSERT(!pool.retire(29999, usage));
        CPPUNIT_ASSERT_EQUAL(pid_t(10), pool.retire(30000, usage).value());
        Pool other(settings(0, 2));
        other.started(20, 0);
        auto unknown = [](pid_t) { return std::optional<std::uint64_t>(); };
        for (std::int64_t t = 10000; t < 100000; t += 10000) CPPUNIT_ASSERT(!other.retire(t, unknown));
        // With two, the extra one goes on the quiet rule alone.
        other.saturated(100000);
        other.started(21, 100000);
        CPPUNIT_ASSERT_EQUAL(pid_t(21), other.retire(110000, unknown).value());
    }
    // A process takes a moment to start accepting; the request that
    // started it is still in the queue meanwhile and must not start a
    // second one. Once an empty queue showed it ready (or its start-up time
    // is over), a waiting request means every process is busy again.
    void testAStartingProcessIsWaitedForNotJoinedByAnother() {
        Settings s = settings(0, 3);
        s.startupMs = 1000;
        Pool pool(s);
        CPPUNIT_ASSERT(pool.saturated(0));  // the first request, to an empty pool
        pool.started(10, 0);
        CPPUNIT_ASSERT(!pool.saturated(60));
        CPPUNIT_ASSERT(!pool.saturated(999));
        CPPUNIT_ASSERT(pool.saturated(1000));  // started long enough ago: busy, not starting
        pool.started(11, 1000);
        CPPUNIT_ASSERT(!pool.saturated(1100));
        pool.drained();  // the queue was seen empty: both are ready
        CPPUNIT_ASSERT(pool.saturated(1200));
        pool.started(12, 1200);
        CPPUNIT_ASSERT(!pool.saturated(1300));  // the maximum is reached anyway
        CPPUNIT_ASSERT(!pool.saturated(5000));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SupervisorPoolTest);
