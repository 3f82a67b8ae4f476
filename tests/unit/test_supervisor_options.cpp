// ktk-supervisor's command line: the one-pool form that systemd starts
// (the socket on standard input) reads as before; the several-pool form
// gives each pool its own settings, socket, log, priority and program with
// its arguments, and anything doubtful is refused rather than guessed.
#include <cppunit/extensions/HelperMacros.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "supervisor/options.h"

using ktk::supervisor::Options;
using ktk::supervisor::parseOptions;

namespace {
// A command line as main() gets it (argv[0] first); the strings live as
// long as the holder, as argv does.
struct Line {
    std::vector<std::string> words;
    std::vector<char*> argv;
    explicit Line(std::initializer_list<const char*> args) {
        words.emplace_back("ktk-supervisor");
        for (const char* a : args) words.emplace_back(a);
        for (std::string& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
    }
    Options parse() { return parseOptions(static_cast<int>(words.size()), argv.data()); }
};

std::vector<std::string> program(const ktk::supervisor::PoolSpec& pool) {
    std::vector<std::string> out;
    for (char* a : pool.argv)
        if (a) out.emplace_back(a);
    CPPUNIT_ASSERT(pool.argv.back() == nullptr);
    return out;
}
}  // namespace

class SupervisorOptionsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SupervisorOptionsTest);
    CPPUNIT_TEST(testTheOnePoolFormReadsAsBefore);
    CPPUNIT_TEST(testSeveralPoolsEachWithItsOwnSettingsAndProgram);
    CPPUNIT_TEST(testAProgramsArgumentsRunToTheNextPool);
    CPPUNIT_TEST(testTheOnePoolFormRefusesWhatItRefusedBefore);
    CPPUNIT_TEST(testSeveralPoolsRefuseDoubtfulPools);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheOnePoolFormReadsAsBefore() {
        Line line{"--min", "1", "--max", "3", "--idle-seconds", "7", "--", "/usr/lib/ktk/ktk-login", "-v"};
        Options o = line.parse();
        CPPUNIT_ASSERT_EQUAL(std::string(), o.error);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), o.pools.size());
        const auto& p = o.pools[0];
        CPPUNIT_ASSERT(p.name.empty());    // the one-pool form: no name
        CPPUNIT_ASSERT(p.socket.empty());  // standard input
        CPPUNIT_ASSERT(p.log.empty());
        CPPUNIT_ASSERT_EQUAL(0, p.nice);
        CPPUNIT_ASSERT_EQUAL(1, p.settings.min);
        CPPUNIT_ASSERT_EQUAL(3, p.settings.max);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(7000), p.settings.idleMs);
        CPPUNIT_ASSERT((std::vector<std::string>{"/usr/lib/ktk/ktk-login", "-v"}) == program(p));

        Line plain{"--max", "2", "--", "/bin/p"};
        Options d = plain.parse();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), d.pools.size());
        CPPUNIT_ASSERT_EQUAL(0, d.pools[0].settings.min);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10000), d.pools[0].settings.idleMs);
    }

    void testSeveralPoolsEachWithItsOwnSettingsAndProgram() {
        Line line{"--idle-seconds", "5",
                  "--pool", "login", "--socket", "/run/x/login.sock", "--max", "2", "--log", "/var/log/login.log",
                  "--", "/bin/login",
                  "--pool", "login-post", "--socket", "/run/x/login-post.sock", "--min", "1", "--max", "4",
                  "--nice", "10", "--idle-seconds", "30", "--", "/bin/login"};
        Options o = line.parse();
        CPPUNIT_ASSERT_EQUAL(std::string(), o.error);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), o.pools.size());
        const auto& a = o.pools[0];
        const auto& b = o.pools[1];
        CPPUNIT_ASSERT_EQUAL(std::string("login"), a.name);
        CPPUNIT_ASSERT_EQUAL(std::string("/run/x/login.sock"), a.socket);
        CPPUNIT_ASSERT_EQUAL(std::string("/var/log/login.log"), a.log);
        CPPUNIT_ASSERT_EQUAL(0, a.settings.min);
        CPPUNIT_ASSERT_EQUAL(2, a.settings.max);
        CPPUNIT_ASSERT_EQUAL(0, a.nice);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5000), a.settings.idleMs);  // the default before the pools
        CPPUNIT_ASSERT((std::vector<std::string>{"/bin/login"}) == program(a));
        CPPUNIT_ASSERT_EQUAL(std::string("login-post"), b.name);
        CPPUNIT_ASSERT_EQUAL(std::string("/run/x/login-post.sock"), b.socket);
        CPPUNIT_ASSERT(b.log.empty());
        CPPUNIT_ASSERT_EQUAL(1, b.settings.min);
        CPPUNIT_ASSERT_EQUAL(4, b.settings.max);
        CPPUNIT_ASSERT_EQUAL(10, b.nice);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(30000), b.settings.idleMs);  // its own
        CPPUNIT_ASSERT((std::vector<std::string>{"/bin/login"}) == program(b));
    }

    void testAProgramsArgumentsRunToTheNextPool() {
        Line line{"--pool", "bench", "--socket", "/s/a", "--max", "1", "--", "/bin/hello", "--page", "/p.html",
                  "--", "--select",
                  "--pool", "other", "--socket", "/s/b", "--max", "1", "--", "/bin/other"};
        Options o = line.parse();
        CPPUNIT_ASSERT_EQUAL(std::string(), o.error);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), o.pools.size());
        CPPUNIT_ASSERT((std::vector<std::string>{"/bin/hello", "--page", "/p.html", "--", "--select"}) ==
                       program(o.pools[0]));
        CPPUNIT_ASSERT((std::vector<std::string>{"/bin/other"}) == program(o.pools[1]));
    }

    void testTheOnePoolFormRefusesWhatItRefusedBefore() {
        for (Line line : {Line{"--max", "0", "--", "/bin/p"}, Line{"--min", "3", "--max", "2", "--", "/bin/p"},
                          Line{"--max", "two", "--", "/bin/p"}, Line{"--min", "-1", "--max", "2", "--", "/bin/p"},
                          Line{"--", "/bin/p"}, Line{"--max", "2", "--"}, Line{"--max", "2", "/bin/p"},
                          Line{"--max", "2", "--", "p"}, Line{"--max"}, Line{"--nice", "5", "--max", "2", "--", "/bin/p"},
                          Line{}}) {
            Options o = line.parse();
            CPPUNIT_ASSERT(o.pools.empty());
            CPPUNIT_ASSERT(!o.error.empty());
        }
    }

    void testSeveralPoolsRefuseDoubtfulPools() {
        for (Line line : {
                 Line{"--pool", "a", "--max", "1", "--", "/bin/p"},                             // no socket
                 Line{"--pool", "a", "--socket", "/s/a", "--", "/bin/p"},                       // no --max
                 Line{"--pool", "a", "--socket", "s/a", "--max", "1", "--", "/bin/p"},          // relative socket
                 Line{"--pool", "a", "--socket", "/s/a", "--max", "1", "--log", "l", "--", "/bin/p"},
                 Line{"--pool", "a", "--socket", "/s/a", "--max", "1", "--nice", "20", "--", "/bin/p"},
                 Line{"--pool", "a", "--socket", "/s/a", "--max", "1", "--nice", "-5", "--", "/bin/p"},
                 Line{"--pool", "a", "--socket", "/s/a", "--max", "1", "--min", "2", "--", "/bin/p"},
                 Line{"--pool", "a", "--socket", "/s/a", "--max", "1", "--", "p"},              // relative program
                 Line{"--pool", "a", "--socket", "/s/a", "--max", "1", "--"},                   // no program
                 Line{"--pool", "a", "--socket", "/s/a", "--max", "1"},
                 Line{"--pool", "A", "--socket", "/s/a", "--max", "1", "--", "/bin/p"},         // not a name
                 Line{"--pool", "a/b", "--socket", "/s/a", "--max", "1", "--", "/bin/p"},
                 Line{"--pool", "", "--socket", "/s/a", "--max", "1", "--", "/bin/p"},
                 Line{"--pool"},
                 Line{"--max", "1", "--pool", "a", "--socket", "/s/a", "--", "/bin/p"},         // --max before the pool
                 Line{"--pool", "a", "--socket", "/s/a", "--max", "1", "--", "/bin/p",
                      "--pool", "a", "--socket", "/s/b", "--max", "1", "--", "/bin/p"},         // one name twice
                 Line{"--pool", "a", "--socket", "/s/a", "--max", "1", "--", "/bin/p",
                      "--pool", "b", "--socket", "/s/a", "--max", "1", "--", "/bin/p"},         // one socket twice
             }) {
            Options o = line.parse();
            CPPUNIT_ASSERT_MESSAGE(line.words.size() > 1 ? line.words[1] : "", o.pools.empty());
            CPPUNIT_ASSERT(!o.error.empty());
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SupervisorOptionsTest);
