// When a failed unit of work runs again (fcgi-apps/lib/db/database.h,
// decideRetry): only while nothing of it can have been committed, at most
// kMaxAttempts times, and otherwise the 503 page (db::Unavailable) rather
// than a second copy of what it did.
#include <cppunit/extensions/HelperMacros.h>

#include "db/database.h"
#include "db/retry.h"

using namespace ktk;
using db::RetryDecision;

namespace {

RetryDecision::Action action(int code, int attempt, bool atCommit = false) {
    return db::decideRetry(code, attempt, atCommit).action;
}

constexpr int kGoneAway = 2006;
constexpr int kLostDuringQuery = 2013;
constexpr int kDuplicate = 1062;
constexpr int kSyntax = 1064;

}  // namespace

class RetryPolicyTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RetryPolicyTest);
    CPPUNIT_TEST(testACertificationFailureRunsAgainOnTheSameConnectionUpToTheLimit);
    CPPUNIT_TEST(testACommitRefusedByCertificationRunsAgain);
    CPPUNIT_TEST(testANodeThatIsNotReadyIsLeftForANewConnectionAfterAPause);
    CPPUNIT_TEST(testALostConnectionReconnectsAtOnceTheFirstTimeThenWithAPause);
    CPPUNIT_TEST(testAConnectionLostDuringCommitIsNeverRunAgain);
    CPPUNIT_TEST(testTheWorksOwnErrorsGoThrough);
    CPPUNIT_TEST(testNoErrorRunsMoreThanTheLimit);
    CPPUNIT_TEST_SUITE_END();

public:
    void testACertificationFailureRunsAgainOnTheSameConnectionUpToTheLimit() {
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Again, action(db::kDeadlock, 0));
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Again, action(db::kDeadlock, 1));
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Unavailable, action(db::kDeadlock, 2));
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Again, action(db::kLockWaitTimeout, 0));
        CPPUNIT_ASSERT_EQUAL(0, db::decideRetry(db::kDeadlock, 0, false).pauseMs);
        CPPUNIT_ASSERT(db::decideRetry(db::kDeadlock, 1, false).pauseMs > 0);
    }
    void testACommitRefusedByCertificationRunsAgain() {
        // Galera answers a write set that failed certification with 1213 at
        // COMMIT: the transaction was rolled back everywhere.
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Again, action(db::kDeadlock, 0, true));
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Reconnect, action(db::kWsrepNotReady, 0, true));
    }
    void testANodeThatIsNotReadyIsLeftForANewConnectionAfterAPause() {
        RetryDecision first = db::decideRetry(db::kWsrepNotReady, 0, false);
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Reconnect, first.action);
        CPPUNIT_ASSERT(first.pauseMs >= 250);
        RetryDecision second = db::decideRetry(db::kWsrepNotReady, 1, false);
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Reconnect, second.action);
        CPPUNIT_ASSERT(second.pauseMs > first.pauseMs);
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Unavailable, action(db::kWsrepNotReady, 2));
    }
    void testALostConnectionReconnectsAtOnceTheFirstTimeThenWithAPause() {
        RetryDecision first = db::decideRetry(kGoneAway, 0, false);
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Reconnect, first.action);
        CPPUNIT_ASSERT_EQUAL(0, first.pauseMs);
        RetryDecision second = db::decideRetry(kLostDuringQuery, 1, false);
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Reconnect, second.action);
        CPPUNIT_ASSERT(second.pauseMs > 0);
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Unavailable, action(kLostDuringQuery, 2));
    }
    void testAConnectionLostDuringCommitIsNeverRunAgain() {
        // The server may have committed and died before it answered: a
        // second run would register, mail or log the same thing twice.
        for (int code : {2002, 2003, 2006, 2013, 2055, 1053, 1927})
            for (int attempt = 0; attempt < db::kMaxAttempts; ++attempt)
                CPPUNIT_ASSERT_EQUAL(RetryDecision::Unavailable, action(code, attempt, true));
    }
    void testTheWorksOwnErrorsGoThrough() {
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Rethrow, action(kDuplicate, 0));
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Rethrow, action(kSyntax, 0));
        CPPUNIT_ASSERT_EQUAL(RetryDecision::Rethrow, action(kSyntax, 0, true));
    }
    void testNoErrorRunsMoreThanTheLimit() {
        for (int code : {db::kDeadlock, db::kLockWaitTimeout, db::kWsrepNotReady, kGoneAway, kLostDuringQuery}) {
            int runs = 1;
            for (int attempt = 0;; ++attempt) {
                RetryDecision::Action a = action(code, attempt);
                if (a != RetryDecision::Again && a != RetryDecision::Reconnect) break;
                ++runs;
            }
            CPPUNIT_ASSERT_EQUAL(db::kMaxAttempts, runs);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RetryPolicyTest);
