// Several sendmail processes in flight at once, driven from one thread.
// Each is started without a shell (fork and exec of the parsed argv, in its
// own process group so a terminal's Ctrl-C reaches only the worker, which
// then lets it finish), gets its message on stdin, and has the first bytes
// of its stderr kept for last_error. It dies with the worker
// (PR_SET_PDEATHSIG): a worker killed or crashed leaves no sendmail to
// finish a message whose result nobody would record, and that the next
// claim after the lease would send a second time. Killed, sendmail hands
// over nothing (SMTP drops a message without its final dot), so the mail
// goes out once, later. Its
// stdout goes to /dev/null. Its environment is fixed and minimal (PATH,
// HOME, LC_ALL=C): none of the worker's KTK_* settings reach it, its
// error text is the same everywhere, and it starts measurably faster. A process that runs past the timeout is killed
// and counts as a failed attempt, so a hung sendmail cannot outlive the
// lease and race a second worker.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "mail/sendmail.h"
#include "worker/queue_store.h"

namespace ktk::worker {

class Sender {
public:
    Sender(mail::SendmailCommand command, std::chrono::seconds timeout);
    ~Sender();
    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;

    // Starts sendmail for `job`. A process that cannot be started is a
    // failed attempt, reported in `done` at once.
    void start(Job job, std::vector<Result>& done);

    std::size_t running() const { return children_.size(); }

    // Waits up to `timeoutMs` (-1: until something happens) for stderr
    // output, exits or a byte on `wakeFd` (the signal self-pipe), then
    // reads stderrs, reaps exited processes into `done` and kills those
    // past the timeout.
    void poll(int timeoutMs, int wakeFd, std::vector<Result>& done);

private:
    struct Child {
        Job job;
        // The whole message in an anonymous file, written before sendmail
        // starts and shared with it as its stdin: sendmail never reads an
        // empty or cut message (from a pipe it could, should the worker
        // stop writing). Its offset afterwards says how much sendmail read.
        int messageFd = -1;
        int stderrFd = -1;
        std::string stderrText;
        std::chrono::steady_clock::time_point started;
        bool timedOut = false;
    };

    void drainStderr(Child& c);
    Result finished(Child& c, int status);

    mail::SendmailCommand command_;
    std::chrono::seconds timeout_;
    std::vector<std::string> environment_;
    std::vector<char*> envp_;
    std::map<pid_t, Child> children_;
};

}  // namespace ktk::worker
