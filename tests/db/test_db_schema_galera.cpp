// What a Galera cluster needs of the schema (README, "Scaling the
// database"): it replicates InnoDB rows only, and it finds a row on the
// other nodes by its primary key; a table without one replicates badly
// (every change a scan on every node) or, with a duplicate row, not at all.
// Checked on the schema the migrations make, so a new table cannot miss it.
#include <cppunit/extensions/HelperMacros.h>

#include "db_fixture.h"

using namespace ktk;

namespace {

// The suite's own fault-injection table (db_fixture.cpp) is not the product's.
constexpr const char* kProductTables =
    " FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'"
    " AND t.TABLE_NAME <> 'test_faults'";

std::string names(const std::vector<std::vector<std::string>>& rows) {
    std::string out;
    for (const auto& r : rows) out += (out.empty() ? "" : ", ") + r.at(0);
    return out;
}

}  // namespace

class SchemaGaleraTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SchemaGaleraTest);
    CPPUNIT_TEST(testTheMigrationsMakeTables);
    CPPUNIT_TEST(testEveryTableHasAPrimaryKey);
    CPPUNIT_TEST(testEveryTableIsInnoDb);
    CPPUNIT_TEST(testTheCheckSeesATableWithoutAPrimaryKey);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheMigrationsMakeTables() {
        CPPUNIT_ASSERT(test::count(std::string("SELECT COUNT(*)") + kProductTables) >= 20);
    }
    void testEveryTableHasAPrimaryKey() {
        auto missing = test::rows(std::string("SELECT t.TABLE_NAME") + kProductTables + withoutPrimaryKey());
        CPPUNIT_ASSERT_EQUAL_MESSAGE("tables without a primary key: " + names(missing), std::size_t(0),
                                     missing.size());
    }
    void testEveryTableIsInnoDb() {
        auto other = test::rows(std::string("SELECT t.TABLE_NAME") + kProductTables + " AND t.ENGINE <> 'InnoDB'");
        CPPUNIT_ASSERT_EQUAL_MESSAGE("tables not in InnoDB: " + names(other), std::size_t(0), other.size());
    }
    void testTheCheckSeesATableWithoutAPrimaryKey() {
        test::adminSql("CREATE TABLE galera_check_probe (a INT NOT NULL, UNIQUE KEY (a)) ENGINE=InnoDB");
        auto missing = test::rows(std::string("SELECT t.TABLE_NAME") + kProductTables + withoutPrimaryKey());
        test::adminSql("DROP TABLE galera_check_probe");
        CPPUNIT_ASSERT_EQUAL(std::string("galera_check_probe"), names(missing));
    }

private:
    static std::string withoutPrimaryKey() {
        return " AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c"
               " WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME"
               " AND c.CONSTRAINT_TYPE = 'PRIMARY KEY')";
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SchemaGaleraTest);
