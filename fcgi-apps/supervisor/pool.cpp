#include "supervisor/pool.h"

#include <algorithm>

namespace ktk::supervisor {

Pool::Pool(Settings settings) : settings_(settings) {
    settings_.min = std::max(settings_.min, 0);
    settings_.max = std::max({settings_.max, settings_.min, 1});
}

int Pool::serving() const {
    return static_cast<int>(std::count_if(procs_.begin(), procs_.end(), [](const Proc& p) { return !p.retiring; }));
}

int Pool::missing() const { return stopping_ ? 0 : std::max(0, settings_.min - serving()); }

void Pool::started(pid_t pid, std::int64_t now) {
    if (serving() == 0) lastBusyAt_ = now;  // a first process gets a whole idle period
    procs_.push_back({pid, now, false, std::nullopt, false});
}

Pool::Exit Pool::exited(pid_t pid, std::int64_t now) {
    auto it = std::find_if(procs_.begin(), procs_.end(), [pid](const Proc& p) { return p.pid == pid; });
    if (it == procs_.end()) return Exit::Unknown;
    Proc proc = *it;
    procs_.erase(it);
    if (proc.retiring || stopping_) return Exit::Gone;
    if (now - proc.startedAt < settings_.quickExitMs) {
        if (++quickExits_ >= settings_.maxQuickExits) return Exit::GiveUp;
    } else {
        quickExits_ = 0;
    }
    return Exit::Replace;
}

bool Pool::saturated(std::int64_t now) {
    lastBusyAt_ = now;
    auto youngest = std::find_if(procs_.rbegin(), procs_.rend(), [](const Proc& p) { return !p.retiring; });
    bool starting = youngest != procs_.rend() && !youngest->ready && now - youngest->startedAt < settings_.startupMs;
    return !stopping_ && !starting && serving() < settings_.max;
}

void Pool::drained() {
    for (Proc& p : procs_) p.ready = true;
}

std::int64_t Pool::msUntilRetire(std::int64_t now) const {
    if (stopping_ || serving() <= settings_.min) return -1;
    return std::max<std::int64_t>(0, lastBusyAt_ + settings_.idleMs - now);
}

std::optional<pid_t> Pool::retire(std::int64_t now, const Usage& usage) {
    if (msUntilRetire(now) != 0) return std::nullopt;
    auto youngest = std::find_if(procs_.rbegin(), procs_.rend(), [](const Proc& p) { return !p.retiring; });
    if (serving() == 1) {
        std::optional<std::uint64_t> seen = usage(youngest->pid);
        if (!seen || seen != youngest->usage) {  // used since the last look (or cannot tell)
            youngest->usage = seen;
            lastBusyAt_ = now;
            return std::nullopt;
        }
    }
    youngest->retiring = true;
    lastBusyAt_ = now;  // the next one only after another quiet period
    return youngest->pid;
}

std::vector<pid_t> Pool::stop() {
    stopping_ = true;
    std::vector<pid_t> pids;
    for (Proc& p : procs_) {
        p.retiring = true;
        pids.push_back(p.pid);
    }
    return pids;
}

}  // namespace ktk::supervisor
