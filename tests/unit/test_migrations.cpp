// The runtime role's table privileges that `ktk-admin migrate` grants and
// revokes (db/migrations.h); the database tier and the integration tests
// show them at work on MariaDB.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

#include "db/migrations.h"

namespace db = ktk::db;

namespace {
bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}
}  // namespace

class MigrationsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MigrationsTest);
    CPPUNIT_TEST(testTheAuditLogIsAppendOnlyForTheRuntime);
    CPPUNIT_TEST(testTheAuditChainCannotBeRewrittenByTheRuntime);
    CPPUNIT_TEST(testEveryOtherTableGetsDmlOnly);
    CPPUNIT_TEST(testTheMigrationRecordIsNotTheRuntimes);
    CPPUNIT_TEST(testGrantedAndRevokedTogetherAreEveryTablePrivilege);
    CPPUNIT_TEST(testStatementsSplitAtASemicolonEndingALine);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheAuditLogIsAppendOnlyForTheRuntime() {
        CPPUNIT_ASSERT(db::runtimePrivileges("audit_log") == (std::vector<std::string>{"SELECT", "INSERT"}));
        auto revoked = db::privilegesBeyondRuntime("audit_log");
        for (const char* p : {"UPDATE", "DELETE", "DROP", "ALTER", "TRIGGER", "GRANT OPTION", "DELETE HISTORY"})
            CPPUNIT_ASSERT_MESSAGE(p, has(revoked, p));
    }
    void testTheAuditChainCannotBeRewrittenByTheRuntime() {
        CPPUNIT_ASSERT(db::runtimePrivileges("audit_chain") == (std::vector<std::string>{"SELECT", "INSERT"}));
        CPPUNIT_ASSERT(db::runtimePrivileges("audit_chain_heads") ==
                       (std::vector<std::string>{"SELECT", "INSERT", "UPDATE"}));
        CPPUNIT_ASSERT(db::runtimePrivileges("audit_chain_start") == (std::vector<std::string>{"SELECT"}));
        for (const char* table : {"audit_chain", "audit_chain_heads", "audit_chain_start"}) {
            auto revoked = db::privilegesBeyondRuntime(table);
            for (const char* p : {"DELETE", "DROP", "ALTER", "TRIGGER", "GRANT OPTION", "DELETE HISTORY"})
                CPPUNIT_ASSERT_MESSAGE(std::string(table) + " " + p, has(revoked, p));
        }
        CPPUNIT_ASSERT(has(db::privilegesBeyondRuntime("audit_chain"), "UPDATE"));
        CPPUNIT_ASSERT(has(db::privilegesBeyondRuntime("audit_chain_start"), "INSERT"));
    }
    void testEveryOtherTableGetsDmlOnly() {
        // A table a later migration adds is covered without being named here.
        for (const char* table : {"users", "sessions", "mail_queue", "a_table_of_a_later_migration"}) {
            CPPUNIT_ASSERT(db::runtimePrivileges(table) ==
                           (std::vector<std::string>{"SELECT", "INSERT", "UPDATE", "DELETE"}));
            auto revoked = db::privilegesBeyondRuntime(table);
            for (const char* p : {"CREATE", "DROP", "ALTER", "INDEX", "TRIGGER", "REFERENCES", "GRANT OPTION"})
                CPPUNIT_ASSERT_MESSAGE(std::string(table) + " " + p, has(revoked, p));
            CPPUNIT_ASSERT(!has(revoked, "SELECT") && !has(revoked, "DELETE"));
        }
    }
    void testTheMigrationRecordIsNotTheRuntimes() {
        CPPUNIT_ASSERT(db::runtimePrivileges("schema_migrations").empty());
        CPPUNIT_ASSERT(has(db::privilegesBeyondRuntime("schema_migrations"), "SELECT"));
    }
    void testGrantedAndRevokedTogetherAreEveryTablePrivilege() {
        for (const char* table : {"audit_log", "audit_chain", "audit_chain_heads", "audit_chain_start", "users",
                                  "schema_migrations"}) {
            auto all = db::runtimePrivileges(table);
            for (const auto& p : db::privilegesBeyondRuntime(table)) {
                CPPUNIT_ASSERT_MESSAGE(p, !has(all, p));
                all.push_back(p);
            }
            CPPUNIT_ASSERT_EQUAL(std::size_t(14), all.size());
        }
    }
    void testStatementsSplitAtASemicolonEndingALine() {
        auto parts = db::splitStatements("-- comment\nCREATE TABLE a (x INT);\nCREATE TRIGGER t BEFORE DELETE ON a "
                                         "FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a; b';\n");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), parts.size());
        CPPUNIT_ASSERT(parts[1].find("'a; b'") != std::string::npos);
    }
};
CPPUNIT_TEST_SUITE_REGISTRATION(MigrationsTest);
