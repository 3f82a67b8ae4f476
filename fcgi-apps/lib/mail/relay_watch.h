// When the relay returns after an outage. A mail that sendmail could not
// hand over ("try again later", exit 75, or no answer in time) waits 1, 2,
// 4, 8 … minutes before its next attempt, so after an outage of a few
// minutes it would wait up to eight more after the relay is back. The
// worker instead notes such failures here; while they last it tries one
// deferred mail early now and then (a probe: at most one per interval,
// and only when nothing else is in flight, since any send answers the same
// question), and the first send that succeeds after failures that lasted
// an interval or more makes every deferred mail due at once. A probe that
// fails is not an attempt: it does not bring its mail closer to being
// abandoned. Failures between successes (one recipient's server saying
// "later" while others take mail) are no outage: they keep their backoff,
// and no success makes them due again and again. Pure, with the time
// passed in, so the unit tests can pin the rule down.
#pragma once

#include <cstdint>

namespace ktk::mail {

class RelayWatch {
public:
    explicit RelayWatch(std::int64_t probeIntervalMs) : intervalMs_(probeIntervalMs) {}

    // A send (or a probe) failed the way an unreachable relay fails.
    void failed(std::int64_t nowMs);

    // A send succeeded. True when it ends a spell of failures with no
    // success that lasted an interval or more: the caller makes the
    // deferred mails due now.
    bool delivered(std::int64_t nowMs);

    // Nothing deferred is left to probe with: the watch rests until the
    // next failure.
    void nothingDeferred();

    // Whether to start a probe now: the relay failed last, nothing is in
    // flight, and the last failure or probe is an interval ago.
    bool probeDue(std::int64_t nowMs, bool inFlight) const;

    // A probe started.
    void probing(std::int64_t nowMs);

    bool failing() const { return failing_; }

    // How many sends may be in flight: one while the relay fails (each
    // would fail the same way, and a burst of them takes the cores from
    // the pages for nothing), all of `parallel` otherwise.
    unsigned inFlightLimit(unsigned parallel) const { return failing_ ? 1 : parallel; }

private:
    std::int64_t intervalMs_;
    bool failing_ = false;
    std::int64_t sinceMs_ = 0;    // the spell's first failure
    std::int64_t lastTryMs_ = 0;  // its latest failure or probe
};

}  // namespace ktk::mail
