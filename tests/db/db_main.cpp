// A database-tier binary: its suite on a fresh schema of its own.
#include <clocale>
#include <iostream>
#include <string>

#include "../unit/fixtures.h"
#include "db_fixture.h"

int main(int, char** argv) {
    std::setlocale(LC_CTYPE, "C.UTF-8");
    std::string suite = argv[0];
    suite = suite.substr(suite.rfind('/') + 1);
    if (suite.rfind("test_db_", 0) == 0) suite = suite.substr(8);
    try {
        ktk::test::createSchema(suite);
    } catch (const std::exception& e) {
        std::cerr << "database tier: " << e.what() << "\n";
        std::cout << "0 passed, 1 failed\n";
        return 1;
    }
    int status = ktk::test::runRegisteredSuites();
    ktk::test::dropSchema();
    return status;
}
