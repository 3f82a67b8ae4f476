// The worker's side of mail_queue. A claim takes due rows with
// SELECT … FOR UPDATE SKIP LOCKED, so concurrent workers never take the same
// row, and leases them: status 'sending', due_at = lease end, and a token
// that every later update must match. A worker that dies leaves its rows
// leased; once the lease runs out the next claim takes them again (their
// Message-ID unchanged). A lost lease makes the old owner's updates no-ops.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "db/database.h"

namespace ktk::worker {

// One claimed message.
struct Job {
    std::uint64_t id = 0;
    std::string kind;
    std::string envelopeFrom;
    std::string recipient;
    std::string message;      // the bytes for sendmail's stdin
    unsigned attempts = 0;    // including this one
    std::string leaseToken;
    std::int64_t leaseUntil = 0;  // util::now() seconds
    // A probe (claimProbe): the due time the row goes back to if it fails;
    // 0 for an ordinary claim.
    std::int64_t probeDue = 0;
};

// What one sendmail run did.
struct Result {
    std::uint64_t id = 0;
    std::string kind;
    std::string recipient;
    std::string leaseToken;
    bool sent = false;
    std::string error;  // for last_error: exit status and sendmail's first stderr line
    std::string brief;  // for the log: exit status only, never message content
    // Failed the way an unreachable relay fails: "try again later" (exit
    // 75) or no answer in time (mail::RelayWatch).
    bool relayTrouble = false;
    std::int64_t probeDue = 0;  // Job::probeDue
};

class QueueStore {
public:
    QueueStore(db::Database& db, const config::Config& config, std::string workerName);

    // Claims up to `limit` due rows: expired leases first, then queued rows,
    // oldest due first. An expired lease whose attempts are used up is
    // abandoned instead (the worker died while sending it, every time).
    std::vector<Job> claim(unsigned limit);

    // Extends a lease that is about to run out before a send starts;
    // false when the row is no longer ours.
    bool renew(Job& job);

    // Records results in one transaction and logs each: sent, retried
    // (due again after the backoff) or abandoned. Results whose lease was
    // lost are logged and left alone.
    void finish(const std::vector<Result>& results);

    // Gives claimed but unsent rows back (on shutdown), due at once.
    void release(const std::vector<Job>& jobs);

    // Claims the deferred row due soonest whose last attempt failed with
    // relay trouble, ahead of its time, as a probe of the relay: leased
    // like any claim but not counted as an attempt; finish() gives it its
    // due time back if it fails. None when no such row waits.
    std::optional<Job> claimProbe();

    // Makes every row deferred by relay trouble due now; returns how many.
    unsigned pullForward();

    struct Counts {
        unsigned long sent = 0, retried = 0, abandoned = 0;
    };
    const Counts& counts() const { return counts_; }

private:
    db::Database& db_;
    const config::Config& config_;
    std::string workerName_;
    Counts counts_;
};

}  // namespace ktk::worker
