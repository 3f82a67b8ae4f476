// db::Database against the real server when a unit of work fails the way a
// Galera cluster makes it fail (db/retry.h): a node that is not ready
// (1047) sends the work to a new connection, a failed certification (1213)
// runs it again on the same one, up to three runs in all, after which the
// caller gets db::Unavailable (the 503 page); an error of the work itself
// is not run again. The errors come from a trigger fed by a MEMORY table,
// which no rollback undoes, like db_fixture's fault injector.
#include <cppunit/extensions/HelperMacros.h>

#include <cppconn/exception.h>

#include "db/retry.h"
#include "db_fixture.h"

using namespace ktk;

namespace {

db::Database& database() { return *test::dbWorld().db; }

// Queues errors for the next inserts into retry_probe, one per insert.
void failNext(std::initializer_list<int> codes) {
    for (int code : codes) test::adminSql("INSERT INTO retry_faults (code) VALUES (" + std::to_string(code) + ")");
}

std::int64_t probes(const std::string& note) {
    return test::count("SELECT COUNT(*) FROM retry_probe WHERE note = '" + note + "'");
}

struct Runs {
    int count = 0;
    std::vector<std::uint64_t> connections;
};

// One unit of work: notes the connection it runs on, inserts one row.
void insertProbe(Runs& runs, const std::string& note) {
    database().transact([&](db::Tx& tx) {
        ++runs.count;
        db::Row r = tx.query("SELECT CONNECTION_ID()");
        r->next();
        runs.connections.push_back(r->getUInt64(1));
        tx.update("INSERT INTO retry_probe (note) VALUES (?)", note);
    });
}

}  // namespace

class RetryGaleraTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RetryGaleraTest);
    CPPUNIT_TEST(testANodeThatIsNotReadyRunsTheWorkAgainOnANewConnection);
    CPPUNIT_TEST(testTwoFailedCertificationsThenTheThirdRunCommitsOnce);
    CPPUNIT_TEST(testThreeFailuresGiveUpWithUnavailableAndLeaveNothing);
    CPPUNIT_TEST(testAnErrorOfTheWorkItselfRunsOnce);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        static bool made = false;
        if (made) return;
        made = true;
        test::adminSql("CREATE TABLE retry_probe (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(40) NOT NULL)"
                       " ENGINE=InnoDB");
        test::adminSql("CREATE TABLE retry_faults (n INT AUTO_INCREMENT PRIMARY KEY, code INT NOT NULL) ENGINE=MEMORY");
        test::adminSql(
            "CREATE TRIGGER retry_probe_fault BEFORE INSERT ON retry_probe FOR EACH ROW BEGIN"
            " DECLARE k INT DEFAULT NULL; DECLARE c INT DEFAULT NULL;"
            " SELECT n, code INTO k, c FROM retry_faults ORDER BY n LIMIT 1;"
            " IF k IS NOT NULL THEN"
            "  DELETE FROM retry_faults WHERE n = k;"
            "  IF c = 1047 THEN"
            "   SIGNAL SQLSTATE '08S01' SET MESSAGE_TEXT = 'injected: node not ready', MYSQL_ERRNO = 1047;"
            "  ELSE"
            "   SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'injected: certification failed', MYSQL_ERRNO = 1213;"
            "  END IF;"
            " END IF;"
            " END");
        test::adminSql("GRANT SELECT, INSERT ON retry_probe TO " + test::dbWorld().config.dbRuntimeRole);
    }

    void testANodeThatIsNotReadyRunsTheWorkAgainOnANewConnection() {
        failNext({db::kWsrepNotReady});
        Runs runs;
        insertProbe(runs, "not-ready");
        CPPUNIT_ASSERT_EQUAL(2, runs.count);
        CPPUNIT_ASSERT(runs.connections[0] != runs.connections[1]);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), probes("not-ready"));
    }
    void testTwoFailedCertificationsThenTheThirdRunCommitsOnce() {
        failNext({db::kDeadlock, db::kDeadlock});
        Runs runs;
        insertProbe(runs, "certification");
        CPPUNIT_ASSERT_EQUAL(3, runs.count);
        CPPUNIT_ASSERT_EQUAL(runs.connections[0], runs.connections[2]);  // rolled back, not reconnected
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), probes("certification"));
    }
    void testThreeFailuresGiveUpWithUnavailableAndLeaveNothing() {
        failNext({db::kDeadlock, db::kWsrepNotReady, db::kDeadlock});
        Runs runs;
        CPPUNIT_ASSERT_THROW(insertProbe(runs, "given-up"), db::Unavailable);
        CPPUNIT_ASSERT_EQUAL(db::kMaxAttempts, runs.count);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), probes("given-up"));
        // The next unit of work finds a working connection.
        Runs next;
        insertProbe(next, "after");
        CPPUNIT_ASSERT_EQUAL(1, next.count);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), probes("after"));
    }
    void testAnErrorOfTheWorkItselfRunsOnce() {
        int count = 0;
        CPPUNIT_ASSERT_THROW(database().transact([&](db::Tx& tx) {
            ++count;
            tx.update("INSERT INTO retry_probe (id, note) VALUES (1, 'dup'), (1, 'dup')");
        }),
                             sql::SQLException);
        CPPUNIT_ASSERT_EQUAL(1, count);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), probes("dup"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RetryGaleraTest);
