// ktk-supervisor: keeps pools of FastCGI processes, each process of a pool
// accepting on the pool's listening socket.
//
//   ktk-supervisor [--min N] --max N [--idle-seconds S] -- PROGRAM [ARGS…]
//
// One pool on the listening socket given as standard input (by systemd's
// StandardInput=socket, or spawn-fcgi).
//
//   ktk-supervisor [--idle-seconds S]
//       --pool NAME --socket PATH [--min N] --max N [--nice N] [--log PATH] -- PROGRAM [ARGS…]
//       [--pool …]…
//
// Several pools in one process (the dev stack: one supervisor's memory
// rather than one per pool). The supervisor binds each pool's socket
// (mode 0666), hands it to the pool's processes as their standard input,
// their standard output and error go to the pool's --log, their CPU
// priority is --nice below the supervisor's (each such process in a session
// and scheduling group of its own, see spawn()), and KTK_POOL=NAME and
// KTK_SUPERVISOR_PID are in their environment, so that a look at /proc
// tells which pool a process serves, and a process ends when the
// supervisor is gone (web/app.cpp).
//
// Each pool keeps its own rules (pool.h). It starts with --min processes
// (default 0: none until the first request, which starts one at once).
// When a request has waited on the socket with every process busy, one more
// starts, up to --max; after --idle-seconds (default 10) without that, the
// youngest is asked to go (SIGUSR1: the program ends its accept loop after
// the request in hand), one per quiet period, down to --min; the last one
// goes once it has had no request for a whole quiet period. A process that
// dies is replaced; five in a row that die within a second of starting and
// the supervisor gives up on the pool (the other pools go on; the exit
// status is then 1). SIGTERM or SIGINT: every process gets SIGUSR1,
// finishes its request and ends, then the supervisor exits; a second
// SIGTERM hands them SIGTERM.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "supervisor/options.h"
#include "supervisor/pool.h"
#include "util/spawn_attributes.h"

extern char** environ;

namespace {

using ktk::supervisor::Pool;
using ktk::supervisor::PoolSpec;

// A request still waiting this long after the socket became readable found
// every process busy; after a look, the socket is left alone for a while
// so that a busy pool costs the supervisor a few wake-ups a second.
constexpr std::int64_t kProbeMs = 5;
constexpr std::int64_t kCooldownMs = 50;

// One line to `fd`: the time, who says it, how grave, what.
void say(int fd, const std::string& who, const char* level, const std::string& message) {
    std::time_t t = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    std::string line = std::string(stamp) + " " + who + " " + level + " " + message + "\n";
    ssize_t ignored = ::write(fd, line.data(), line.size());
    (void)ignored;
}

std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

int usage(const std::string& why) {
    std::fprintf(stderr,
                 "ktk-supervisor: %s\n"
                 "usage: ktk-supervisor [--min N] --max N [--idle-seconds S] -- PROGRAM [ARGS...]\n"
                 "         (standard input must be the pool's listening socket)\n"
                 "       ktk-supervisor [--idle-seconds S] --pool NAME --socket PATH [--min N] --max N\n"
                 "         [--nice N] [--log PATH] -- PROGRAM [ARGS...] [--pool ...]...\n",
                 why.c_str());
    return 64;
}

bool isListeningSocket(int fd) {
    struct stat st {};
    int accepting = 0;
    socklen_t len = sizeof accepting;
    return fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode) &&
           getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) == 0 && accepting == 1;
}

// A Unix socket listening at `path`, for anyone on the host to connect to
// (the web server runs as another user), as spawn-fcgi -M 0666 makes it.
// What was at the path before goes only if it is a socket: a stale one of
// an earlier run.
int listenAt(const std::string& path, std::string& error) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path) {
        error = "the socket path is too long";
        return -1;
    }
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            error = "something other than a socket is there";
            return -1;
        }
        ::unlink(path.c_str());
    }
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::chmod(path.c_str(), 0666) != 0 || ::listen(fd, 1024) != 0) {
        error = std::strerror(errno);
        if (fd >= 0) ::close(fd);
        return -1;
    }
    return fd;
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

bool requestWaiting(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

std::string describe(int status) {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return std::string("was killed by signal ") + strsignal(WTERMSIG(status));
    return "ended";
}

// The scheduling group of the session `pid` leads gets the priority `nice`
// (/proc/PID/autogroup). Returns 0, or the error: ENOENT where the kernel
// has no such groups. Best effort: the process keeps its own priority in
// any case.
int niceAutogroup(pid_t pid, int nice) {
    const std::string path = "/proc/" + std::to_string(pid) + "/autogroup";
    const std::string value = std::to_string(nice);
    for (int attempt = 0;; ++attempt) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) return errno;
        const ssize_t n = ::write(fd, value.data(), value.size());
        const int error = n == static_cast<ssize_t>(value.size()) ? 0 : n < 0 ? errno : EIO;
        ::close(fd);
        // Without CAP_SYS_ADMIN the kernel takes one such change per 100 ms
        // from the whole system, and answers EAGAIN meanwhile.
        if (error != EAGAIN || attempt == 1) return error;
        const timespec wait{0, 110 * 1000 * 1000};
        ::nanosleep(&wait, nullptr);
    }
}

// One pool at run time: its rules, its socket, its processes' start-up.
class Group {
public:
    Group(PoolSpec spec, int socketFd, int logFd)
        : spec_(std::move(spec)), pool_(spec_.settings), socket_(socketFd), log_(logFd) {
        if (spec_.name.empty()) {
            const char* base = std::strrchr(spec_.argv[0], '/');
            label_ = std::string("ktk-supervisor[") + (base + 1) + "]";
        } else {
            label_ = "ktk-supervisor[" + spec_.name + "]";
            poolVariable_ = "KTK_POOL=" + spec_.name;
            parentVariable_ = "KTK_SUPERVISOR_PID=" + std::to_string(::getpid());
            for (char** e = environ; *e; ++e)
                if (std::strncmp(*e, "KTK_POOL=", 9) != 0 && std::strncmp(*e, "KTK_SUPERVISOR_PID=", 19) != 0)
                    env_.push_back(*e);
            env_.push_back(poolVariable_.data());
            env_.push_back(parentVariable_.data());
            env_.push_back(nullptr);
        }
    }

    void say(const char* level, const std::string& message) const { ::say(log_, label_, level, message); }

    // At start-up: the minimum. False: a process could not be started.
    bool fill(std::int64_t now) {
        for (int i = pool_.missing(); i > 0; --i)
            if (!spawn(now)) return false;
        say("info", "started " + std::to_string(pool_.size()) + " of at most " +
                        std::to_string(pool_.settings().max) + " processes" +
                        (pool_.empty() ? " (the first request starts one)" : ""));
        return true;
    }

    // Whether poll() should look at the socket now: an empty pool watches
    // it all the time; otherwise between a cooldown and the probe that
    // follows a readable socket.
    bool watching(std::int64_t t) const {
        return watchSocket_ && !pool_.stopping() && (pool_.empty() || (probeAt_ < 0 && t >= watchFrom_));
    }

    // Milliseconds until this pool has something to do (-1: only on an event).
    std::int64_t timeout(std::int64_t t) const {
        std::int64_t out = -1;
        auto consider = [&out](std::int64_t ms) {
            if (ms >= 0 && (out < 0 || ms < out)) out = ms;
        };
        if (probeAt_ >= 0) consider(std::max<std::int64_t>(0, probeAt_ - t));
        else if (watchSocket_ && !pool_.stopping() && t < watchFrom_) consider(watchFrom_ - t);
        consider(pool_.msUntilRetire(t));
        return out;
    }

    int socket() const { return socket_; }

    // The socket's poll() result (revents; 0 when it was not watched or
    // not ready), then the timers.
    void step(std::int64_t t, short revents) {
        if (revents & (POLLERR | POLLHUP | POLLNVAL)) {
            say("warn", "the listening socket reports an error; the pool stays at its size");
            watchSocket_ = false;
        } else if ((revents & POLLIN) && pool_.empty()) {
            probeAt_ = -1;
            watchFrom_ = t + kCooldownMs;  // the new process needs a moment to start accepting
            if (pool_.saturated(t) && spawn(t)) say("info", "a request came: started a process");
        } else if (revents & POLLIN) {
            probeAt_ = t + kProbeMs;
        }
        if (probeAt_ >= 0 && t >= probeAt_) {
            probeAt_ = -1;
            watchFrom_ = t + kCooldownMs;
            if (!requestWaiting(socket_)) {
                pool_.drained();
            } else if (pool_.saturated(t) && spawn(t)) {
                say("info", "every process busy: grew to " + std::to_string(pool_.size()));
            }
        }
        if (auto pid = pool_.retire(t, cpuTime)) {
            ::kill(*pid, SIGUSR1);
            say("info", "quiet for " + std::to_string(pool_.settings().idleMs / 1000) + " s: process " +
                            std::to_string(*pid) + " asked to go");
        }
    }

    // A child ended; false: not one of this pool's.
    bool reaped(pid_t pid, int status, std::int64_t t) {
        switch (pool_.exited(pid, t)) {
            case Pool::Exit::Replace:
                say("warn", "process " + std::to_string(pid) + " " + describe(status) + "; starting another");
                spawn(t);
                return true;
            case Pool::Exit::GiveUp:
                say("error", "process " + std::to_string(pid) + " " + describe(status) + ", the " +
                                 std::to_string(pool_.settings().maxQuickExits) +
                                 "th to die right after its start: giving up");
                giveUp();
                return true;
            case Pool::Exit::Gone:
                return true;
            case Pool::Exit::Unknown:
                return false;
        }
        return false;
    }

    // SIGTERM/SIGINT: the first asks every process to finish its request,
    // the second ends them.
    void stop(bool now) {
        for (pid_t pid : pool_.stop()) ::kill(pid, now ? SIGTERM : SIGUSR1);
    }
    bool stopping() const { return pool_.stopping(); }
    bool done() const { return pool_.stopping() && pool_.size() == 0; }
    bool failed() const { return failed_; }

    // The socket this supervisor bound goes when it stops.
    void removeSocket() const {
        if (!spec_.socket.empty()) ::unlink(spec_.socket.c_str());
    }

private:
    // The pool's requests get no answer from here on: its processes finish
    // what they have, and a socket of the pool's own is closed, so that the
    // web server is refused at once rather than left waiting.
    void giveUp() {
        failed_ = true;
        stop(false);
        if (!spec_.socket.empty() && socket_ >= 0) {
            removeSocket();
            ::close(socket_);
            socket_ = -1;
            watchSocket_ = false;
        }
    }

    bool spawn(std::int64_t now) {
        // A lower-priority pool's processes each start a session of their
        // own: where the kernel groups processes by session for the
        // scheduler (autogroup), nice only orders processes inside a group,
        // and the pools sharing the supervisor's session would share one
        // group's CPU, so that a flood of hashing requests delays the pages.
        const bool ownGroup = spec_.nice > 0 && !spec_.name.empty();
        const ktk::util::SpawnAttributes attr({SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGUSR1},
                                              ownGroup ? ktk::util::Detach::Session : ktk::util::Detach::None);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        if (!spec_.socket.empty()) {
            posix_spawn_file_actions_adddup2(&actions, socket_, 0);
            posix_spawn_file_actions_adddup2(&actions, log_, 1);
            posix_spawn_file_actions_adddup2(&actions, log_, 2);
        }
        pid_t pid = 0;
        char** argv = spec_.argv.data();
        int rc = ::posix_spawn(&pid, argv[0], &actions, attr.get(), argv, env_.empty() ? environ : env_.data());
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) {
            say("error", std::string("cannot start ") + argv[0] + ": " + std::strerror(rc) + "; giving up");
            giveUp();
            return false;
        }
        // posix_spawn cannot set a priority: the process gets it at once,
        // while it is still loading (the supervisor's own is the base, as
        // nice(1) counts).
        if (spec_.nice > 0) {
            errno = 0;
            int base = ::getpriority(PRIO_PROCESS, 0);
            if (errno == 0) {
                const int nice = std::min(19, base + spec_.nice);
                ::setpriority(PRIO_PROCESS, pid, nice);
                const int error = ownGroup ? niceAutogroup(pid, nice) : 0;
                if (error != 0 && error != ENOENT)
                    say("warn", "the scheduling group of process " + std::to_string(pid) +
                                    " keeps the default priority: " + std::strerror(error));
            }
        }
        pool_.started(pid, now);
        return true;
    }

    PoolSpec spec_;
    Pool pool_;
    int socket_;
    int log_;
    std::string label_;
    std::string poolVariable_;
    std::string parentVariable_;
    std::vector<char*> env_;  // empty: the supervisor's own
    bool watchSocket_ = true;
    bool failed_ = false;
    std::int64_t probeAt_ = -1;
    std::int64_t watchFrom_ = 0;
};

class Supervisor {
public:
    explicit Supervisor(std::vector<std::unique_ptr<Group>> groups) : groups_(std::move(groups)) {}

    int run() {
        sigset_t mask;
        sigemptyset(&mask);
        for (int s : {SIGCHLD, SIGTERM, SIGINT, SIGHUP}) sigaddset(&mask, s);
        if (sigprocmask(SIG_BLOCK, &mask, nullptr) != 0 ||
            (signals_ = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
            say(2, "ktk-supervisor", "error", std::string("signalfd: ") + std::strerror(errno));
            return 1;
        }
        for (auto& g : groups_) g->fill(nowMs());
        if (groups_.size() > 1)
            say(2, "ktk-supervisor", "info", "running " + std::to_string(groups_.size()) + " pools");
        while (!std::all_of(groups_.begin(), groups_.end(), [](const auto& g) { return g->done(); })) {
            if (!step()) return 1;
        }
        int code = 0;
        for (auto& g : groups_) {
            if (g->failed()) code = 1;
            g->removeSocket();
        }
        return code;
    }

private:
    bool step() {
        std::int64_t t = nowMs();
        std::vector<pollfd> fds{{signals_, POLLIN, 0}};
        std::vector<Group*> watched;
        std::int64_t timeout = -1;
        for (auto& g : groups_) {
            if (g->watching(t)) {
                fds.push_back({g->socket(), POLLIN, 0});
                watched.push_back(g.get());
            }
            std::int64_t ms = g->timeout(t);
            if (ms >= 0 && (timeout < 0 || ms < timeout)) timeout = ms;
        }
        int n = ::poll(fds.data(), fds.size(), static_cast<int>(timeout));
        if (n < 0 && errno != EINTR) {
            say(2, "ktk-supervisor", "error", std::string("poll: ") + std::strerror(errno));
            return false;
        }
        t = nowMs();
        if (n > 0 && (fds[0].revents & POLLIN)) onSignals(t);
        for (auto& g : groups_) {
            short revents = 0;
            for (std::size_t i = 0; i < watched.size(); ++i)
                if (watched[i] == g.get() && n > 0) revents = fds[i + 1].revents;
            g->step(t, revents);
        }
        return true;
    }

    void onSignals(std::int64_t t) {
        signalfd_siginfo info;
        while (::read(signals_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
            switch (info.ssi_signo) {
                case SIGCHLD:
                    reap(t);
                    break;
                case SIGTERM:
                case SIGINT: {
                    bool again = stopping_;
                    stopping_ = true;
                    for (auto& g : groups_) {
                        if (!again && g->stopping()) continue;  // gave up earlier: already asked
                        g->stop(again);
                        g->say("info", again ? "stopping now" : "stopping after the requests in hand");
                    }
                    break;
                }
                default:  // SIGHUP: nothing to reload
                    break;
            }
        }
    }

    void reap(std::int64_t t) {
        int status = 0;
        pid_t pid;
        while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
            for (auto& g : groups_)
                if (g->reaped(pid, status, t)) break;
        }
    }

    std::vector<std::unique_ptr<Group>> groups_;
    int signals_ = -1;
    bool stopping_ = false;
};

}  // namespace

int main(int argc, char** argv) {
    ktk::supervisor::Options options = ktk::supervisor::parseOptions(argc, argv);
    if (options.pools.empty()) return usage(options.error);

    std::vector<std::unique_ptr<Group>> groups;
    if (options.pools.front().name.empty()) {
        if (!isListeningSocket(0)) {
            say(2, "ktk-supervisor", "error",
                "standard input is not a listening socket (start it from spawn-fcgi or a systemd socket)");
            return 64;
        }
        groups.push_back(std::make_unique<Group>(std::move(options.pools.front()), 0, 2));
        return Supervisor(std::move(groups)).run();
    }

    // Standard input, output and error open (on /dev/null if need be), so
    // that no socket or log lands on them and then on a process's by mistake.
    for (int fd = 0; fd <= 2; ++fd)
        if (::fcntl(fd, F_GETFD) < 0 && ::open("/dev/null", O_RDWR) != fd) return 1;
    for (PoolSpec& spec : options.pools) {
        std::string error;
        int fd = listenAt(spec.socket, error);
        if (fd < 0) {
            say(2, "ktk-supervisor", "error", "pool " + spec.name + ": cannot listen at " + spec.socket + ": " + error);
            for (auto& g : groups) g->removeSocket();
            return 1;
        }
        int log = 2;
        if (!spec.log.empty() &&
            (log = ::open(spec.log.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)) < 0) {
            say(2, "ktk-supervisor", "error", "pool " + spec.name + ": cannot open " + spec.log + ": " + std::strerror(errno));
            for (auto& g : groups) g->removeSocket();
            ::unlink(spec.socket.c_str());
            return 1;
        }
        groups.push_back(std::make_unique<Group>(std::move(spec), fd, log));
    }
    return Supervisor(std::move(groups)).run();
}
