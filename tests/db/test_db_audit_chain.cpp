// The audit log's hash chains on the real tables (repo/audit_chain.h):
// rows written through recordAudit verify; a row changed or deleted with
// plain SQL by someone with the database's rights (who drops the
// append-only triggers first) is named by the walk; one office's chain
// does not depend on another's; rows written around the portal are named
// until adopted; a rolled-back or retried unit of work leaves no trace in
// the chain; and concurrent writers of one chain never break it.
#include <cppunit/extensions/HelperMacros.h>
#include <mysql_driver.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "db_fixture.h"
#include "repo/audit.h"
#include "repo/audit_chain.h"
#include "util/json.h"

using namespace ktk;

namespace {

struct Office {
    std::uint64_t id = 0;
    std::uint64_t municipality = 0;
};

// A fresh office with one municipality, so that each test has a chain of its own.
Office newOffice() {
    static int serial = 0;
    ++serial;
    Office o;
    o.id = test::makeOffice("Lánc Járási Hivatal " + std::to_string(serial), "13");
    o.municipality = test::makeMunicipality("Lánc Község " + std::to_string(serial),
                                            "157" + std::to_string(10000 + serial) + "-2-13", o.id);
    return o;
}

repo::AuditEntry about(const Office& o, const std::string& action, int n = 0) {
    repo::AuditEntry e;
    e.actor = repo::Actor::cli("tester");
    e.action = action;
    e.targetMunicipalityId = o.municipality;
    e.after = util::jsonText({{"n", n}, {"text", "árvíztűrő tükörfúrógép"}});
    return e;
}

repo::AuditEntry ofNoOffice(int n = 0) {
    repo::AuditEntry e;
    e.clientAddress = "192.0.2.7";
    e.action = "login.failure";
    e.after = util::jsonText({{"reason", "unknown_account"}, {"n", n}});
    return e;
}

// Writes the row in a transaction of its own; returns its id.
std::uint64_t write(db::Database& db, const repo::AuditEntry& e) {
    return db.transact([&](db::Tx& tx) {
        repo::recordAudit(tx, e);
        return tx.lastInsertId();
    });
}
std::uint64_t write(const repo::AuditEntry& e) { return write(*test::dbWorld().db, e); }

std::vector<std::uint64_t> writeRows(const Office& o, int n) {
    std::vector<std::uint64_t> ids;
    for (int i = 0; i < n; ++i) ids.push_back(write(about(o, "test.chain", i)));
    return ids;
}

repo::AuditVerification verify(std::optional<std::uint64_t> chain) {
    return test::dbWorld().db->autocommit([&](db::Tx& tx) { return repo::verifyAuditChains(tx, chain); });
}

repo::ChainReport chainOf(const Office& o) {
    repo::AuditVerification v = verify(o.id);
    CPPUNIT_ASSERT_EQUAL(std::size_t(1), v.chains.size());
    CPPUNIT_ASSERT(v.unchained.empty());
    return v.chains[0];
}

std::string id(std::uint64_t v) { return std::to_string(v); }

// What someone with the database's rights can do: lift the guard, change,
// put the guard back.
void asAttacker(const std::string& trigger, const std::string& event, const std::string& table,
                const std::string& statement) {
    test::adminSql("DROP TRIGGER " + trigger);
    test::adminSql(statement);
    test::adminSql("CREATE TRIGGER " + trigger + " BEFORE " + event + " ON " + table +
                   " FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" + table + " is append-only'");
}

}  // namespace

class AuditChainDbTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AuditChainDbTest);
    CPPUNIT_TEST(testRowsAreChainedPerOfficeInOrderAndVerify);
    CPPUNIT_TEST(testARowOfNoOfficeGoesToTheChainOfNoOffice);
    CPPUNIT_TEST(testARowChangedWithPlainSqlIsNamedAndOtherOfficesStillVerify);
    CPPUNIT_TEST(testARowDeletedWithPlainSqlIsNamed);
    CPPUNIT_TEST(testTheLastRowDeletedWithItsPlaceIsCaughtByTheHead);
    CPPUNIT_TEST(testAnOfficeChangedOnARowIsNamed);
    CPPUNIT_TEST(testARowWrittenAroundThePortalIsNamedUntilAdopted);
    CPPUNIT_TEST(testARolledBackUnitOfWorkLeavesNoPlaceInTheChain);
    CPPUNIT_TEST(testARetriedUnitOfWorkIsChainedOnce);
    CPPUNIT_TEST(testAuditOutsideATransactionIsRefused);
    CPPUNIT_TEST(testConcurrentWritersOfOneChainNeverBreakIt);
    CPPUNIT_TEST_SUITE_END();

public:
    void testRowsAreChainedPerOfficeInOrderAndVerify() {
        Office a = newOffice(), b = newOffice();
        std::vector<std::uint64_t> rowsA = writeRows(a, 3);
        std::vector<std::uint64_t> rowsB = writeRows(b, 2);
        rowsA.push_back(write(about(a, "test.chain", 3)));

        repo::ChainReport ca = chainOf(a), cb = chainOf(b);
        CPPUNIT_ASSERT(!ca.misfit && !cb.misfit);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(4), ca.rows);
        CPPUNIT_ASSERT_EQUAL(rowsA[0], ca.firstId);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), cb.rows);
        CPPUNIT_ASSERT_EQUAL(rowsB[0], cb.firstId);
        CPPUNIT_ASSERT_EQUAL(std::string("1 2 3 4"),
                             test::rows("SELECT GROUP_CONCAT(seq ORDER BY audit_id SEPARATOR ' ') FROM audit_chain"
                                        " WHERE chain_key = " + id(a.id))[0][0]);
        CPPUNIT_ASSERT_EQUAL(id(rowsA.back()),
                             test::rows("SELECT last_id FROM audit_chain_heads WHERE chain_key = " + id(a.id))[0][0]);
        CPPUNIT_ASSERT(verify(std::nullopt).ok());
    }
    void testARowOfNoOfficeGoesToTheChainOfNoOffice() {
        const std::uint64_t row = write(ofNoOffice());
        CPPUNIT_ASSERT_EQUAL(std::string("0"),
                             test::rows("SELECT chain_key FROM audit_chain WHERE audit_id = " + id(row))[0][0]);
        repo::AuditVerification v = verify(domain::kNoOfficeChain);
        CPPUNIT_ASSERT(v.ok());
        CPPUNIT_ASSERT(v.chains.at(0).rows >= 1);
    }
    void testARowChangedWithPlainSqlIsNamedAndOtherOfficesStillVerify() {
        Office a = newOffice(), b = newOffice();
        std::vector<std::uint64_t> rows = writeRows(a, 4);
        writeRows(b, 2);
        CPPUNIT_ASSERT(!chainOf(a).misfit);

        asAttacker("audit_log_no_update", "UPDATE", "audit_log",
                   "UPDATE audit_log SET after_value = '{\"n\":1,\"text\":\"hamis\"}' WHERE id = " + id(rows[1]));

        repo::ChainReport c = chainOf(a);
        CPPUNIT_ASSERT(c.misfit);
        CPPUNIT_ASSERT_EQUAL(rows[1], c.misfit->auditId);
        CPPUNIT_ASSERT_MESSAGE(c.misfit->why, c.misfit->why.find("does not match its hash") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), c.rows);  // the one row before it fitted
        // The other office's chain is its own.
        CPPUNIT_ASSERT(!chainOf(b).misfit);
        repo::AuditVerification all = verify(std::nullopt);
        CPPUNIT_ASSERT(!all.ok());
        for (const repo::ChainReport& r : all.chains)
            CPPUNIT_ASSERT_MESSAGE(domain::chainName(r.chain), bool(r.misfit) == (r.chain == a.id));
    }
    void testARowDeletedWithPlainSqlIsNamed() {
        Office a = newOffice();
        std::vector<std::uint64_t> rows = writeRows(a, 3);
        asAttacker("audit_log_no_delete", "DELETE", "audit_log", "DELETE FROM audit_log WHERE id = " + id(rows[1]));
        repo::ChainReport c = chainOf(a);
        CPPUNIT_ASSERT(c.misfit);
        CPPUNIT_ASSERT_EQUAL(rows[1], c.misfit->auditId);
        CPPUNIT_ASSERT_MESSAGE(c.misfit->why, c.misfit->why.find("missing from audit_log") != std::string::npos);
    }
    void testTheLastRowDeletedWithItsPlaceIsCaughtByTheHead() {
        Office a = newOffice();
        std::vector<std::uint64_t> rows = writeRows(a, 3);
        asAttacker("audit_log_no_delete", "DELETE", "audit_log", "DELETE FROM audit_log WHERE id = " + id(rows[2]));
        asAttacker("audit_chain_no_delete", "DELETE", "audit_chain",
                   "DELETE FROM audit_chain WHERE audit_id = " + id(rows[2]));
        repo::ChainReport c = chainOf(a);
        CPPUNIT_ASSERT(c.misfit);
        CPPUNIT_ASSERT_EQUAL(rows[2], c.misfit->auditId);
        CPPUNIT_ASSERT_MESSAGE(c.misfit->why, c.misfit->why.find("rows after were deleted") != std::string::npos);
    }
    void testAnOfficeChangedOnARowIsNamed() {
        Office a = newOffice(), b = newOffice();
        std::vector<std::uint64_t> rows = writeRows(a, 2);
        asAttacker("audit_log_no_update", "UPDATE", "audit_log",
                   "UPDATE audit_log SET subject_office_id = " + id(b.id) + " WHERE id = " + id(rows[0]));
        repo::ChainReport c = chainOf(a);
        CPPUNIT_ASSERT(c.misfit);
        CPPUNIT_ASSERT_EQUAL(rows[0], c.misfit->auditId);
        CPPUNIT_ASSERT_MESSAGE(c.misfit->why, c.misfit->why.find("office " + id(b.id)) != std::string::npos);
    }
    void testARowWrittenAroundThePortalIsNamedUntilAdopted() {
        Office a = newOffice();
        writeRows(a, 2);
        test::adminSql("INSERT INTO audit_log (created_at, actor_label, action, target_municipality_id,"
                       " subject_office_id) VALUES (UTC_TIMESTAMP(), 'cli:old', 'test.old', " +
                       id(a.municipality) + ", " + id(a.id) + ")");
        const std::uint64_t stray = std::uint64_t(test::count("SELECT MAX(id) FROM audit_log"));
        repo::AuditVerification v = verify(a.id);
        CPPUNIT_ASSERT(!v.ok());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), v.unchained.size());
        CPPUNIT_ASSERT_EQUAL(stray, v.unchained[0].id);
        CPPUNIT_ASSERT_EQUAL(a.id, v.unchained[0].chain);

        std::vector<repo::UnchainedRow> adopted =
            test::dbWorld().db->transact([](db::Tx& tx) { return repo::adoptUnchainedAudit(tx); });
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), adopted.size());
        repo::ChainReport c = chainOf(a);
        CPPUNIT_ASSERT(!c.misfit);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), c.rows);
    }
    void testARolledBackUnitOfWorkLeavesNoPlaceInTheChain() {
        Office a = newOffice();
        writeRows(a, 1);
        try {
            test::dbWorld().db->transact([&](db::Tx& tx) {
                repo::recordAudit(tx, about(a, "test.rolled_back"));
                throw std::runtime_error("the work fails after its audit row");
            });
            CPPUNIT_FAIL("no exception");
        } catch (const std::runtime_error&) {
        }
        writeRows(a, 1);
        repo::ChainReport c = chainOf(a);
        CPPUNIT_ASSERT(!c.misfit);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), c.rows);
    }
    void testARetriedUnitOfWorkIsChainedOnce() {
        Office a = newOffice();
        test::failOnceAtAudit("test.retried");
        write(about(a, "test.chain"));
        write(about(a, "test.retried"));  // the first attempt is rolled back as after a deadlock
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM test_faults"));
        repo::ChainReport c = chainOf(a);
        CPPUNIT_ASSERT(!c.misfit);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), c.rows);
    }
    void testAuditOutsideATransactionIsRefused() {
        Office a = newOffice();
        CPPUNIT_ASSERT_THROW(
            test::dbWorld().db->autocommit([&](db::Tx& tx) { repo::recordAudit(tx, about(a, "test.autocommit")); }),
            std::logic_error);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'test.autocommit'"));
    }
    void testConcurrentWritersOfOneChainNeverBreakIt() {
        // Four connections write 50 rows each: first all into the chain of
        // no office (where the logins of unlinked accounts go), then each
        // into an office of its own. The times show what the head lock costs.
        constexpr int kThreads = 4, kRows = 50;
        std::vector<Office> offices;
        for (int i = 0; i < kThreads; ++i) offices.push_back(newOffice());
        auto run = [&](bool oneChain) {
            std::atomic<int> failures{0};
            const auto start = std::chrono::steady_clock::now();
            std::vector<std::thread> threads;
            for (int t = 0; t < kThreads; ++t)
                threads.emplace_back([&, t] {
                    sql::mysql::get_mysql_driver_instance()->threadInit();
                    try {
                        db::Database db(test::dbWorld().config);
                        if (!db.connect()) throw std::runtime_error("no connection");
                        for (int i = 0; i < kRows; ++i) write(db, oneChain ? ofNoOffice(i) : about(offices[t], "x", i));
                    } catch (const std::exception& e) {
                        std::cerr << "writer " << t << ": " << e.what() << "\n";
                        ++failures;
                    }
                    sql::mysql::get_mysql_driver_instance()->threadEnd();
                });
            for (auto& th : threads) th.join();
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::cout << "  " << kThreads * kRows << " audit transactions by " << kThreads << " writers into "
                      << (oneChain ? "one chain" : "a chain each") << ": " << int(kThreads * kRows / seconds)
                      << "/s\n";
            CPPUNIT_ASSERT_EQUAL(0, failures.load());
        };
        run(true);
        run(false);
        CPPUNIT_ASSERT(verify(domain::kNoOfficeChain).ok());
        for (const Office& o : offices) CPPUNIT_ASSERT_EQUAL(std::uint64_t(kRows), chainOf(o).rows);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuditChainDbTest);
