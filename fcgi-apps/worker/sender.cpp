#include "worker/sender.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace ktk::worker {
namespace {

constexpr std::size_t kStderrKept = 512;

void setNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

void closeFd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// The first non-empty line sendmail wrote, made printable.
std::string firstLine(const std::string& text) {
    std::string out;
    for (char ch : text) {
        if (ch == '\n' || ch == '\r') {
            if (!out.empty()) break;
            continue;
        }
        out += (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F) ? ' ' : ch;
    }
    return out;
}

}  // namespace

Sender::Sender(mail::SendmailCommand command, std::chrono::seconds timeout)
    : command_(std::move(command)), timeout_(timeout) {
    environment_ = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"};
    if (const char* home = std::getenv("HOME")) environment_.push_back(std::string("HOME=") + home);
    for (auto& e : environment_) envp_.push_back(e.data());
    envp_.push_back(nullptr);
}

Sender::~Sender() {
    for (auto& [pid, c] : children_) {
        closeFd(c.messageFd);
        closeFd(c.stderrFd);
    }
}

namespace {
// An unnamed file holding `message`, positioned at its start.
int messageFile(const std::string& message) {
    int fd = ::memfd_create("ktk-mail", MFD_CLOEXEC);
    if (fd < 0) throw std::runtime_error(std::string("memfd_create: ") + std::strerror(errno));
    std::size_t written = 0;
    while (written < message.size()) {
        ssize_t n = ::write(fd, message.data() + written, message.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int e = errno;
            ::close(fd);
            throw std::runtime_error(std::string("writing the message: ") + std::strerror(e));
        }
        written += static_cast<std::size_t>(n);
    }
    ::lseek(fd, 0, SEEK_SET);
    return fd;
}
}  // namespace

void Sender::start(Job job, std::vector<Result>& done) {
    int messageFd = messageFile(job.message);
    int err[2];
    if (::pipe2(err, O_CLOEXEC) != 0) {
        ::close(messageFd);
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    int execFailed[2];  // the child's errno when exec fails; closed by a successful exec
    if (::pipe2(execFailed, O_CLOEXEC) != 0) {
        ::close(messageFd);
        ::close(err[0]);
        ::close(err[1]);
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    }
    std::vector<std::string> args = command_.argv(job.envelopeFrom, job.recipient);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    // No handler of ours may run in the child between fork and exec.
    sigset_t all, old;
    sigfillset(&all);
    ::sigprocmask(SIG_SETMASK, &all, &old);
    const pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid == 0) {
        // Only async-signal-safe calls from here to exec.
        if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) ::_exit(127);
        ::setpgid(0, 0);
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        for (int s : {SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD}) ::sigaction(s, &dfl, nullptr);
        int devNull = ::open("/dev/null", O_WRONLY);
        if (::dup2(messageFd, 0) < 0 || devNull < 0 || ::dup2(devNull, 1) < 0 || ::dup2(err[1], 2) < 0) {
            int e = errno;
            [[maybe_unused]] ssize_t n = ::write(execFailed[1], &e, sizeof e);
            ::_exit(127);
        }
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execve(argv[0], argv.data(), envp_.data());
        int e = errno;
        [[maybe_unused]] ssize_t n = ::write(execFailed[1], &e, sizeof e);
        ::_exit(127);
    }
    int rc = pid < 0 ? errno : 0;
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
    ::close(err[1]);
    ::close(execFailed[1]);
    if (pid > 0) {
        int childErrno = 0;
        ssize_t n;
        while ((n = ::read(execFailed[0], &childErrno, sizeof childErrno)) < 0 && errno == EINTR) {
        }
        if (n == static_cast<ssize_t>(sizeof childErrno)) {
            rc = childErrno;
            while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
            }
        }
    }
    ::close(execFailed[0]);
    if (rc != 0) {
        ::close(messageFd);
        ::close(err[0]);
        Result r;
        r.id = job.id;
        r.kind = job.kind;
        r.recipient = job.recipient;
        r.leaseToken = job.leaseToken;
        r.probeDue = job.probeDue;
        r.brief = std::string("cannot start ") + command_.program() + ": " + std::strerror(rc);
        r.error = r.brief;
        done.push_back(std::move(r));
        return;
    }
    Child& c = children_[pid];
    c.job = std::move(job);
    c.messageFd = messageFd;
    c.stderrFd = err[0];
    c.started = std::chrono::steady_clock::now();
    setNonBlocking(c.stderrFd);
}

void Sender::drainStderr(Child& c) {
    char buf[1024];
    while (c.stderrFd >= 0) {
        ssize_t n = ::read(c.stderrFd, buf, sizeof buf);
        if (n > 0) {
            if (c.stderrText.size() < kStderrKept)
                c.stderrText.append(buf, std::min<std::size_t>(static_cast<std::size_t>(n), kStderrKept - c.stderrText.size()));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && errno == EAGAIN) {
            return;
        } else {
            closeFd(c.stderrFd);
        }
    }
}

Result Sender::finished(Child& c, int status) {
    drainStderr(c);
    // The file offset is shared with the exited sendmail: where it stopped reading.
    off_t read = c.messageFd >= 0 ? ::lseek(c.messageFd, 0, SEEK_CUR) : -1;
    closeFd(c.messageFd);
    closeFd(c.stderrFd);
    Result r;
    r.id = c.job.id;
    r.kind = c.job.kind;
    r.recipient = c.job.recipient;
    r.leaseToken = c.job.leaseToken;
    r.probeDue = c.job.probeDue;
    bool complete = read == static_cast<off_t>(c.job.message.size());
    if (c.timedOut) {
        r.brief = "timed out after " + std::to_string(timeout_.count()) + "s";
        r.relayTrouble = true;
    } else if (WIFSIGNALED(status)) {
        r.brief = "killed by signal " + std::to_string(WTERMSIG(status));
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && complete) {
        r.sent = true;
        return r;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        r.brief = "exit 0 before reading the whole message";
    } else {
        int code = WEXITSTATUS(status);
        r.brief = "exit " + std::to_string(code) + (code == mail::kExitTempFail ? " (temporary failure)" : "");
        r.relayTrouble = code == mail::kExitTempFail;
    }
    std::string line = firstLine(c.stderrText);
    r.error = line.empty() ? r.brief : r.brief + ": " + line;
    return r;
}

void Sender::poll(int timeoutMs, int wakeFd, std::vector<Result>& done) {
    using namespace std::chrono;
    const auto now = steady_clock::now();
    for (const auto& [pid, c] : children_) {
        if (c.timedOut) continue;
        auto left = duration_cast<milliseconds>(c.started + timeout_ - now).count();
        if (left < 0) left = 0;
        if (timeoutMs < 0 || left < timeoutMs) timeoutMs = static_cast<int>(left);
    }
    std::vector<pollfd> fds;
    fds.push_back({wakeFd, POLLIN, 0});
    for (auto& [pid, c] : children_) {
        if (c.stderrFd >= 0) fds.push_back({c.stderrFd, POLLIN, 0});
    }
    ::poll(fds.data(), fds.size(), timeoutMs);  // EINTR (SIGCHLD) is a wake-up too

    for (auto& [pid, c] : children_) {
        if (c.stderrFd >= 0) drainStderr(c);
    }
    for (;;) {
        int status = 0;
        pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0) break;
        auto it = children_.find(pid);
        if (it == children_.end()) continue;
        Result r = finished(it->second, status);
        done.push_back(std::move(r));
        children_.erase(it);
    }
    const auto later = steady_clock::now();
    for (auto& [pid, c] : children_) {
        if (!c.timedOut && later - c.started >= timeout_) {
            c.timedOut = true;
            ::kill(-pid, SIGKILL);  // its process group: whatever it started goes too
            ::kill(pid, SIGKILL);
        }
    }
}

}  // namespace ktk::worker
