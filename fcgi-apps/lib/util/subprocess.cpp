#include "util/subprocess.h"

#include "util/spawn_attributes.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <stdexcept>

namespace ktk::util {

namespace {

// Kills the child's whole group and reaps it; returns its wait status.
int killAndReap(pid_t pid) {
    ::kill(-pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

}  // namespace

RunResult runCapture(const std::vector<std::string>& args, std::chrono::milliseconds timeout,
                     std::size_t maxOutputBytes, std::string_view input) {
    RunResult result;
    if (args.empty() || args.front().empty() || args.front()[0] != '/') return result;
    if (input.size() > kMaxInputBytes) throw std::runtime_error("runCapture: input over the pipe's buffer");
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    int in[2] = {-1, -1};
    if (!input.empty() && ::pipe2(in, O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }

    // A pipe holds 64 KiB on Linux unless the user's pipes already take
    // more than their share (then one page): asked for the input's size,
    // it either holds it all or says no.
    if (input.size() > PIPE_BUF && ::fcntl(in[1], F_SETPIPE_SZ, static_cast<int>(input.size())) <
                                       static_cast<int>(input.size())) {
        for (int fd : {in[0], in[1], out[0], out[1]}) ::close(fd);
        throw std::runtime_error("runCapture: the pipe cannot hold the input");
    }

    std::vector<std::string> copies(args);
    std::vector<char*> argv;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    static char path[] = "PATH=/usr/bin:/bin";
    static char lang[] = "LC_ALL=C.UTF-8";
    char* envp[] = {path, lang, nullptr};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (input.empty()) posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    else posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const SpawnAttributes attr({SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD}, Detach::ProcessGroup);
    pid_t pid = -1;
    int rc = ::posix_spawn(&pid, argv[0], &actions, attr.get(), argv.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (!input.empty()) {
        // It fits the pipe, so this never waits; and while this
        // process still holds the reading end, a child that is already gone
        // cannot turn it into SIGPIPE.
        if (rc == 0) {
            [[maybe_unused]] ssize_t written = ::write(in[1], input.data(), input.size());
        }
        ::close(in[1]);
        ::close(in[0]);
    }
    if (rc != 0) {
        ::close(out[0]);
        return result;  // CannotStart
    }

    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[16384];
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::close(out[0]);
            killAndReap(pid);
            result.status = RunResult::Status::TimedOut;
            result.output.clear();
            return result;
        }
        pollfd p{out[0], POLLIN, 0};
        int n = ::poll(&p, 1, static_cast<int>(left.count()));
        if (n < 0 && errno == EINTR) continue;
        if (n == 0) continue;  // the deadline check above ends it
        ssize_t got = ::read(out[0], buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;  // end of output (or an error: the exit status tells)
        if (result.output.size() + static_cast<std::size_t>(got) > maxOutputBytes) {
            ::close(out[0]);
            killAndReap(pid);
            result.status = RunResult::Status::TooMuchOutput;
            result.output.clear();
            return result;
        }
        result.output.append(buf, static_cast<std::size_t>(got));
    }
    ::close(out[0]);

    // The output is closed; the child is exiting. Wait for it within what is
    // left of the deadline, so one that closes stdout and hangs is killed too.
    int status = 0;
    for (;;) {
        pid_t w = ::waitpid(pid, &status, WNOHANG);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) break;
        if (std::chrono::steady_clock::now() >= deadline) {
            killAndReap(pid);
            result.status = RunResult::Status::TimedOut;
            result.output.clear();
            return result;
        }
        ::usleep(2000);
    }
    if (WIFEXITED(status)) {
        result.status = RunResult::Status::Exited;
        result.exitCode = WEXITSTATUS(status);
    } else {
        result.status = RunResult::Status::Signalled;
    }
    return result;
}

}  // namespace ktk::util
