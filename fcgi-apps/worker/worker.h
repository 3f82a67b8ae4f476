// The mail worker's loop: claim due messages, keep up to mail.parallel
// sendmail processes busy, record each result as soon as it is known (what
// finished meanwhile in one transaction), and poll for more. When sendmail
// cannot reach the relay, the deferred mails are due again as soon as one
// gets through (mail/relay_watch.h), not after their whole backoff. Before each claim it turns the
// waiting forgotten-password requests into mails (the web request only
// records them: service/password_reset.h). The daemon (not --once) also
// does the portal's periodic housekeeping, being the one program that
// always runs. Delivery is at least once: a
// message is marked sent only after sendmail said so, and a message whose
// result could not be recorded (crash, database gone) is sent again when
// its lease runs out — with the same Message-ID, so mail clients show it
// once. One worker never has the same message in flight twice. Each
// claim also delivers the due back-channel logout tokens
// (oidc/logout_delivery.h), at most a batch at a time and in parallel, so
// a slow service holds the loop up for at most libcurl's 10 s.
#pragma once

#include <csignal>

#include "config/config.h"
#include "db/database.h"
#include "mail/sendmail.h"
#include "oidc/logout_delivery.h"
#include "view/views.h"
#include "worker/queue_store.h"
#include "worker/sender.h"

namespace ktk::worker {

class Worker {
public:
    // `stop` turns true on SIGTERM/SIGINT; `wakeFd` is the read end of the
    // self-pipe the signal handlers (including SIGCHLD's) write to.
    // `views` holds the templates of the mails the worker composes itself
    // (service::kRequestResetMails).
    // `logouts` delivers the back-channel logout tokens.
    Worker(const config::Config& config, db::Database& db, const view::Views& views, mail::SendmailCommand command,
           oidc::LogoutDelivery& logouts, bool once, const volatile std::sig_atomic_t& stop, int wakeFd);

    // Runs until the queue is empty (--once) or until asked to stop, then
    // lets the processes in flight finish, records them, gives unsent
    // claims back and returns the exit code (0, or 1 after a database
    // failure in --once mode).
    int run();

private:
    // The daemon's housekeeping, once at start and then hourly:
    // registrations never confirmed within registration.pending_days go.
    void houseKeep();

    const config::Config& config_;
    db::Database& db_;
    const view::Views& views_;
    QueueStore store_;
    Sender sender_;
    oidc::LogoutDelivery& logouts_;
    bool once_;
    const volatile std::sig_atomic_t& stop_;
    int wakeFd_;
};

// host:pid, recorded as leased_by.
std::string workerName();

}  // namespace ktk::worker
