// Running a helper program without a shell: output captured, arguments
// passed untouched, a minimal environment, and a deadline and an output
// cap that end a misbehaving child.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "util/subprocess.h"

using namespace ktk;
using Status = util::RunResult::Status;
using namespace std::chrono_literals;

class SubprocessTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SubprocessTest);
    CPPUNIT_TEST(testOutputIsCaptured);
    CPPUNIT_TEST(testArgumentsReachTheProgramUntouched);
    CPPUNIT_TEST(testTheChildGetsAMinimalEnvironment);
    CPPUNIT_TEST(testExitStatusIsReported);
    CPPUNIT_TEST(testAHungProgramIsKilledAtTheDeadline);
    CPPUNIT_TEST(testOutputOverTheCapEndsTheChild);
    CPPUNIT_TEST(testAProgramWithoutAnAbsolutePathIsNeverRun);
    CPPUNIT_TEST(testAMissingProgramCannotStart);
    CPPUNIT_TEST(testInputIsTheChildsStandardInput);
    CPPUNIT_TEST_SUITE_END();

public:
    void testOutputIsCaptured() {
        util::RunResult r = util::runCapture({"/bin/echo", "hello"}, 5s, 1024);
        CPPUNIT_ASSERT(r.ok());
        CPPUNIT_ASSERT_EQUAL(std::string("hello\n"), r.output);
    }

    void testArgumentsReachTheProgramUntouched() {
        const std::string hostile = "$(touch /tmp/ktk-pwned); `id` | rm -rf / ; 'quoted' \"too\"";
        util::RunResult r = util::runCapture({"/usr/bin/printf", "%s", hostile}, 5s, 1024);
        CPPUNIT_ASSERT(r.ok());
        CPPUNIT_ASSERT_EQUAL(hostile, r.output);
    }

    void testTheChildGetsAMinimalEnvironment() {
        util::RunResult r = util::runCapture({"/usr/bin/env"}, 5s, 4096);
        CPPUNIT_ASSERT(r.ok());
        CPPUNIT_ASSERT_EQUAL(std::string("PATH=/usr/bin:/bin\nLC_ALL=C.UTF-8\n"), r.output);
    }

    void testExitStatusIsReported() {
        util::RunResult r = util::runCapture({"/bin/false"}, 5s, 1024);
        CPPUNIT_ASSERT(r.status == Status::Exited);
        CPPUNIT_ASSERT_EQUAL(1, r.exitCode);
        CPPUNIT_ASSERT(!r.ok());
    }

    void testAHungProgramIsKilledAtTheDeadline() {
        auto started = std::chrono::steady_clock::now();
        util::RunResult r = util::runCapture({"/bin/sleep", "30"}, 200ms, 1024);
        auto took = std::chrono::steady_clock::now() - started;
        CPPUNIT_ASSERT(r.status == Status::TimedOut);
        CPPUNIT_ASSERT(took < 5s);
    }

    void testOutputOverTheCapEndsTheChild() {
        util::RunResult r = util::runCapture({"/usr/bin/yes"}, 5s, 100000);
        CPPUNIT_ASSERT(r.status == Status::TooMuchOutput);
        CPPUNIT_ASSERT(r.output.empty());
    }

    void testAProgramWithoutAnAbsolutePathIsNeverRun() {
        util::RunResult r = util::runCapture({"echo", "hi"}, 5s, 1024);
        CPPUNIT_ASSERT(r.status == Status::CannotStart);
        CPPUNIT_ASSERT(util::runCapture({}, 5s, 1024).status == Status::CannotStart);
    }

    void testAMissingProgramCannotStart() {
        util::RunResult r = util::runCapture({"/nonexistent/espeak-ng"}, 5s, 1024);
        CPPUNIT_ASSERT(!r.ok());
        CPPUNIT_ASSERT(r.output.empty());
    }

    void testInputIsTheChildsStandardInput() {
        util::RunResult r = util::runCapture({"/bin/cat"}, 5s, 1024, "secret\nline two\n");
        CPPUNIT_ASSERT(r.ok());
        CPPUNIT_ASSERT_EQUAL(std::string("secret\nline two\n"), r.output);
        // Without input the child reads an empty /dev/null.
        CPPUNIT_ASSERT_EQUAL(std::string(""), util::runCapture({"/bin/cat"}, 5s, 1024).output);
        // A child that never reads it, or is gone before it could.
        CPPUNIT_ASSERT(util::runCapture({"/bin/true"}, 5s, 1024, "ignored").ok());
        CPPUNIT_ASSERT_THROW(util::runCapture({"/bin/cat"}, 5s, 1024, std::string(util::kMaxInputBytes + 1, 'x')),
                             std::runtime_error);
        // Input of the largest size, more than one page of pipe: all of it
        // arrives, written before the child reads a byte.
        const std::string big(util::kMaxInputBytes, 'y');
        util::RunResult all = util::runCapture({"/usr/bin/wc", "-c"}, 5s, 1024, big);
        CPPUNIT_ASSERT(all.ok());
        CPPUNIT_ASSERT_EQUAL(std::to_string(util::kMaxInputBytes) + "\n", all.output);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SubprocessTest);
