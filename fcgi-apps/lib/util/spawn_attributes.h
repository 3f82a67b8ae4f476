// posix_spawn attributes for a child that starts as a program started from
// a shell would: no signal blocked, and the signals its parent handles or
// ignores back at their defaults; optionally in a process group of its own,
// so that a deadline can end the child and whatever it started, or in a
// session of its own (and so, where the kernel groups by session, in a
// scheduling group of its own). Header only: ktk-supervisor, which links
// nothing but libc, uses it too.
#pragma once

#include <signal.h>
#include <spawn.h>

#include <initializer_list>

namespace ktk::util {

enum class Detach { None, ProcessGroup, Session };

class SpawnAttributes {
public:
    SpawnAttributes(std::initializer_list<int> defaultSignals, Detach detach) {
        posix_spawnattr_init(&attr_);
        sigset_t none, defaults;
        sigemptyset(&none);
        sigemptyset(&defaults);
        for (int s : defaultSignals) sigaddset(&defaults, s);
        posix_spawnattr_setsigmask(&attr_, &none);
        posix_spawnattr_setsigdefault(&attr_, &defaults);
        short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
        if (detach == Detach::ProcessGroup) {
            posix_spawnattr_setpgroup(&attr_, 0);
            flags |= POSIX_SPAWN_SETPGROUP;
        } else if (detach == Detach::Session) {
            flags |= POSIX_SPAWN_SETSID;
        }
        posix_spawnattr_setflags(&attr_, flags);
    }
    ~SpawnAttributes() { posix_spawnattr_destroy(&attr_); }
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;

    const posix_spawnattr_t* get() const { return &attr_; }

private:
    posix_spawnattr_t attr_;
};

}  // namespace ktk::util
