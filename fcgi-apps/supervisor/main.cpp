// ktk-supervisor: keeps a pool of FastCGI processes on the listening socket
// it is given as standard input (by spawn-fcgi, or systemd's
// StandardInput=socket), each process accepting on it.
//
//   ktk-supervisor [--min N] --max N [--idle-seconds S] -- PROGRAM [ARGS…]
//
// The pool starts with --min processes (default 0: none until the first
// request, which starts one at once). When a request has waited on the
// socket with every process busy, one more starts, up to --max; after
// --idle-seconds (default 10) without that, the youngest is asked to go
// (SIGUSR1: the program ends its accept loop after the request in hand), one
// per quiet period, down to --min; the last one goes once it has had no
// request for a whole quiet period. A process that dies is replaced; five in
// a row that die within a second of starting and the supervisor gives up
// (exit 1). SIGTERM or SIGINT: every process gets SIGUSR1, finishes its
// request and ends, then the supervisor exits 0; a second SIGTERM hands them
// SIGTERM.
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>
#include <utility>

#include "supervisor/pool.h"
#include "util/spawn_attributes.h"

extern char** environ;

namespace {

using ktk::supervisor::Pool;

// A request still waiting this long after the socket became readable found
// every process busy; after a look, the socket is left alone for a while
// so that a busy pool costs the supervisor a few wake-ups a second.
constexpr std::int64_t kProbeMs = 5;
constexpr std::int64_t kCooldownMs = 50;

std::string label = "ktk-supervisor";

void say(const char* level, const std::string& message) {
    std::time_t t = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    std::fprintf(stderr, "%s %s %s %s\n", stamp, label.c_str(), level, message.c_str());
}

std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

int usage() {
    std::fprintf(stderr,
                 "usage: ktk-supervisor [--min N] --max N [--idle-seconds S] -- PROGRAM [ARGS...]\n"
                 "  standard input must be the pool's listening socket\n");
    return 64;
}

bool number(const char* text, int low, int& out) {
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < low || v > 10000) return false;
    out = static_cast<int>(v);
    return true;
}

bool isListeningSocket(int fd) {
    struct stat st {};
    int accepting = 0;
    socklen_t len = sizeof accepting;
    return fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode) &&
           getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) == 0 && accepting == 1;
}

// The CPU time a process has had, in nanoseconds (the first figure of
// /proc/PID/schedstat); it stands still while the process waits for a
// connection.
std::optional<std::uint64_t> cpuTime(pid_t pid) {
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/schedstat", static_cast<int>(pid));
    std::FILE* f = std::fopen(path, "re");
    if (!f) return std::nullopt;
    unsigned long long ns = 0;
    bool ok = std::fscanf(f, "%llu", &ns) == 1;
    std::fclose(f);
    if (!ok) return std::nullopt;
    return ns;
}

bool requestWaiting() {
    pollfd p{0, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

class Supervisor {
public:
    Supervisor(Pool pool, char** argv) : pool_(std::move(pool)), argv_(argv) {}

    int run() {
        sigset_t mask;
        sigemptyset(&mask);
        for (int s : {SIGCHLD, SIGTERM, SIGINT, SIGHUP}) sigaddset(&mask, s);
        if (sigprocmask(SIG_BLOCK, &mask, nullptr) != 0 ||
            (signals_ = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
            say("error", std::string("signalfd: ") + std::strerror(errno));
            return 1;
        }
        for (int i = pool_.missing(); i > 0; --i)
            if (!spawn()) return 1;
        say("info", "started " + std::to_string(pool_.size()) + " of at most " +
                        std::to_string(pool_.settings().max) + " processes" +
                        (pool_.empty() ? " (the first request starts one)" : ""));
        while (!(pool_.stopping() && pool_.size() == 0)) {
            if (!step()) return 1;
        }
        return exitCode_;
    }

private:
    bool step() {
        std::int64_t t = nowMs();
        // An empty pool watches the socket all the time; otherwise between
        // a cooldown and the probe that follows a readable socket.
        bool watch = watchSocket_ && !pool_.stopping() && (pool_.empty() || (probeAt_ < 0 && t >= watchFrom_));
        std::int64_t timeout = -1;
        auto consider = [&timeout](std::int64_t ms) {
            if (ms >= 0 && (timeout < 0 || ms < timeout)) timeout = ms;
        };
        if (probeAt_ >= 0) consider(std::max<std::int64_t>(0, probeAt_ - t));
        else if (watchSocket_ && !pool_.stopping() && t < watchFrom_) consider(watchFrom_ - t);
        consider(pool_.msUntilRetire(t));

        pollfd fds[2] = {{signals_, POLLIN, 0}, {0, POLLIN, 0}};
        int n = ::poll(fds, watch ? 2 : 1, static_cast<int>(timeout));
        if (n < 0 && errno != EINTR) {
            say("error", std::string("poll: ") + std::strerror(errno));
            return false;
        }
        t = nowMs();
        if (n > 0 && (fds[0].revents & POLLIN) && !onSignals(t)) return false;
        if (n > 0 && watch) {
            if (fds[1].revents & (POLLERR | POLLHUP | POLLNVAL)) {
                say("warn", "the listening socket reports an error; the pool stays at its size");
                watchSocket_ = false;
            } else if ((fds[1].revents & POLLIN) && pool_.empty()) {
                probeAt_ = -1;
                watchFrom_ = t + kCooldownMs;  // the new process needs a moment to start accepting
                if (pool_.saturated(t)) {
                    if (!spawn()) return false;
                    say("info", "a request came: started a process");
                }
            } else if (fds[1].revents & POLLIN) {
                probeAt_ = t + kProbeMs;
            }
        }
        if (probeAt_ >= 0 && t >= probeAt_) {
            probeAt_ = -1;
            watchFrom_ = t + kCooldownMs;
            if (!requestWaiting()) {
                pool_.drained();
            } else if (pool_.saturated(t)) {
                if (!spawn()) return false;
                say("info", "every process busy: grew to " + std::to_string(pool_.size()));
            }
        }
        if (auto pid = pool_.retire(t, cpuTime)) {
            ::kill(*pid, SIGUSR1);
            say("info", "quiet for " + std::to_string(pool_.settings().idleMs / 1000) + " s: process " +
                            std::to_string(*pid) + " asked to go");
        }
        return true;
    }

    bool onSignals(std::int64_t t) {
        signalfd_siginfo info;
        while (::read(signals_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
            switch (info.ssi_signo) {
                case SIGCHLD:
                    if (!reap(t)) return false;
                    break;
                case SIGTERM:
                case SIGINT: {
                    bool again = pool_.stopping();
                    for (pid_t pid : pool_.stop()) ::kill(pid, again ? SIGTERM : SIGUSR1);
                    say("info", again ? "stopping now" : "stopping after the requests in hand");
                    break;
                }
                default:  // SIGHUP: nothing to reload
                    break;
            }
        }
        return true;
    }

    bool reap(std::int64_t t) {
        int status = 0;
        pid_t pid;
        while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
            switch (pool_.exited(pid, t)) {
                case Pool::Exit::Replace:
                    say("warn", "process " + std::to_string(pid) + " " + describe(status) + "; starting another");
                    if (!spawn()) return false;
                    break;
                case Pool::Exit::GiveUp:
                    say("error", "process " + std::to_string(pid) + " " + describe(status) + ", the " +
                                     std::to_string(pool_.settings().maxQuickExits) +
                                     "th to die right after its start: giving up");
                    for (pid_t other : pool_.stop()) ::kill(other, SIGUSR1);
                    exitCode_ = 1;
                    break;
                case Pool::Exit::Gone:
                case Pool::Exit::Unknown:
                    break;
            }
        }
        return true;
    }

    static std::string describe(int status) {
        if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
        if (WIFSIGNALED(status)) return std::string("was killed by signal ") + strsignal(WTERMSIG(status));
        return "ended";
    }

    bool spawn() {
        const ktk::util::SpawnAttributes attr({SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGUSR1}, false);
        pid_t pid = 0;
        int rc = ::posix_spawn(&pid, argv_[0], nullptr, attr.get(), argv_, environ);
        if (rc != 0) {
            say("error", std::string("cannot start ") + argv_[0] + ": " + std::strerror(rc));
            for (pid_t other : pool_.stop()) ::kill(other, SIGUSR1);
            return false;
        }
        pool_.started(pid, nowMs());
        return true;
    }

    Pool pool_;
    char** argv_;
    int signals_ = -1;
    int exitCode_ = 0;
    bool watchSocket_ = true;
    std::int64_t probeAt_ = -1;
    std::int64_t watchFrom_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    ktk::supervisor::Settings settings;
    bool maxGiven = false;
    int i = 1;
    for (; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") {
            ++i;
            break;
        }
        int seconds = 0;
        if (i + 1 >= argc) return usage();
        if (arg == "--min" && number(argv[i + 1], 0, settings.min)) ++i;
        else if (arg == "--max" && number(argv[i + 1], 1, settings.max)) maxGiven = true, ++i;
        else if (arg == "--idle-seconds" && number(argv[i + 1], 1, seconds)) settings.idleMs = seconds * 1000LL, ++i;
        else return usage();
    }
    if (!maxGiven || i >= argc || settings.min > settings.max) return usage();
    if (argv[i][0] != '/') {
        std::fprintf(stderr, "ktk-supervisor: the program must be an absolute path, not %s\n", argv[i]);
        return 64;
    }
    const char* base = std::strrchr(argv[i], '/');
    label = std::string("ktk-supervisor[") + (base + 1) + "]";
    if (!isListeningSocket(0)) {
        say("error", "standard input is not a listening socket (start it from spawn-fcgi or a systemd socket)");
        return 64;
    }
    return Supervisor(Pool(settings), argv + i).run();
}
