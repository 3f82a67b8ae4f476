// Runs every CppUnit suite registered in this binary and prints a line CI
// can read: "N passed, N failed".
#include <cppunit/BriefTestProgressListener.h>
#include <cppunit/CompilerOutputter.h>
#include <cppunit/TestResult.h>
#include <cppunit/TestResultCollector.h>
#include <cppunit/TestRunner.h>
#include <cppunit/extensions/TestFactoryRegistry.h>

#include <clocale>
#include <iostream>

int main() {
    std::setlocale(LC_CTYPE, "C.UTF-8");
    CppUnit::TestResult controller;
    CppUnit::TestResultCollector result;
    controller.addListener(&result);
    CppUnit::BriefTestProgressListener progress;
    controller.addListener(&progress);
    CppUnit::TestRunner runner;
    runner.addTest(CppUnit::TestFactoryRegistry::getRegistry().makeTest());
    runner.run(controller);
    CppUnit::CompilerOutputter(&result, std::cerr).write();
    int failed = result.testFailuresTotal();
    std::cout << (result.runTests() - failed) << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
