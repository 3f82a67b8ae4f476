// The rules of a FastCGI pool that grows with its load: how many processes
// to keep, when to add one and when to let one go, and when a program that
// keeps dying at once is given up on. Pure: the caller passes the time and
// does the process work (main.cpp).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ktk::supervisor {

struct Settings {
    int min = 0;                        // processes kept however quiet the pool is
    int max = 1;                        // processes at most, when every one is busy
    std::int64_t idleMs = 10000;        // no process missed (the last: none used) this long: one fewer
    std::int64_t quickExitMs = 1000;    // dying sooner after its start is a failed start
    int maxQuickExits = 5;              // failed starts in a row before giving up
    std::int64_t startupMs = 1000;      // a process this young that no empty queue has shown ready yet is still starting
};

class Pool {
public:
    explicit Pool(Settings settings);

    // Processes to start now to reach the minimum (at start-up).
    int missing() const;
    void started(pid_t pid, std::int64_t now);

    enum class Exit {
        Replace,  // start another in its place
        Gone,     // it was asked to go (or the pool is stopping)
        GiveUp,   // it failed to start maxQuickExits times in a row
        Unknown,  // not one of ours
    };
    Exit exited(pid_t pid, std::int64_t now);

    // A request waited with every process busy (or came to a pool with
    // none). True: start one more. Not while the youngest process may still
    // be starting (younger than startupMs and not seen ready): a request
    // waits for it rather than start a second process for the same request.
    bool saturated(std::int64_t now);
    // The socket was seen with no request waiting: every process started
    // so far is ready.
    void drained();
    // No process serves: the next request starts one at once.
    bool empty() const { return serving() == 0; }

    // How much CPU time a process has had so far (any count that grows
    // while it works and stands still while it waits); nullopt: unknown.
    using Usage = std::function<std::optional<std::uint64_t>(pid_t)>;

    // The process to ask to go now, if the pool has been more than big
    // enough for idleMs: the youngest, one per idle period, down to min.
    // The last one (min 0) goes only when `usage` shows it unused over a
    // whole idle period: a steady trickle of requests never saturates the
    // pool but keeps its one process.
    std::optional<pid_t> retire(std::int64_t now, const Usage& usage);
    // Milliseconds until retire() can have an answer (-1: never).
    std::int64_t msUntilRetire(std::int64_t now) const;

    // Stopping: every process, each asked once; none is replaced.
    std::vector<pid_t> stop();
    bool stopping() const { return stopping_; }

    int size() const { return static_cast<int>(procs_.size()); }
    const Settings& settings() const { return settings_; }

private:
    struct Proc {
        pid_t pid;
        std::int64_t startedAt;
        bool retiring;
        std::optional<std::uint64_t> usage;  // at the last look (retire)
        bool ready = false;                  // an empty queue was seen since its start
    };
    int serving() const;

    Settings settings_;
    std::vector<Proc> procs_;  // in the order they started
    std::int64_t lastBusyAt_ = 0;
    int quickExits_ = 0;
    bool stopping_ = false;
};

}  // namespace ktk::supervisor
