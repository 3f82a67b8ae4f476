// Runs one suite of the database tier on a fresh schema of its own and
// prints a line CI can read: "N passed, N failed".
#include <cppunit/BriefTestProgressListener.h>
#include <cppunit/CompilerOutputter.h>
#include <cppunit/TestResult.h>
#include <cppunit/TestResultCollector.h>
#include <cppunit/TestRunner.h>
#include <cppunit/extensions/TestFactoryRegistry.h>

#include <clocale>
#include <iostream>
#include <string>

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
    CppUnit::TestResult controller;
    CppUnit::TestResultCollector result;
    controller.addListener(&result);
    CppUnit::BriefTestProgressListener progress;
    controller.addListener(&progress);
    CppUnit::TestRunner runner;
    runner.addTest(CppUnit::TestFactoryRegistry::getRegistry().makeTest());
    runner.run(controller);
    CppUnit::CompilerOutputter(&result, std::cerr).write();
    ktk::test::dropSchema();
    int failed = result.testFailuresTotal();
    std::cout << (result.runTests() - failed) << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
