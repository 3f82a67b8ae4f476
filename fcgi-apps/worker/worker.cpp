#include "worker/worker.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <unordered_map>

#include "mail/relay_watch.h"
#include "service/password_reset.h"
#include "service/registration.h"
#include "util/clock.h"
#include "util/log.h"

namespace ktk::worker {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How often an idle daemon looks for due mail: one indexed query a second.
constexpr milliseconds kPollInterval{1000};
// While sends fail as an unreachable relay fails, one deferred mail is
// tried this often (mail/relay_watch.h): mail flows again at most this
// long after the relay returns, and a relay that stays away gets three
// connections a minute from each worker.
constexpr std::chrono::seconds kRelayProbeInterval{20};
// How often the daemon does its housekeeping.
constexpr std::chrono::minutes kHousekeepingInterval{60};

int msUntil(SteadyClock::time_point t) {
    auto ms = std::chrono::duration_cast<milliseconds>(t - SteadyClock::now()).count();
    return static_cast<int>(std::clamp<long long>(ms, 0, kPollInterval.count()));
}

void drainPipe(int fd) {
    char buf[64];
    while (::read(fd, buf, sizeof buf) > 0) {
    }
}

}  // namespace

std::string workerName() {
    char host[64] = {};
    ::gethostname(host, sizeof host - 1);
    return std::string(host) + ":" + std::to_string(::getpid());
}

Worker::Worker(const config::Config& config, db::Database& db, const view::Views& views,
               mail::SendmailCommand command, oidc::LogoutDelivery& logouts, bool once, const volatile std::sig_atomic_t& stop, int wakeFd)
    : config_(config),
      db_(db),
      views_(views),
      store_(db, config, workerName()),
      // Killed well before its lease runs out, so no second worker can
      // claim a message while its sendmail still runs.
      sender_(std::move(command), std::chrono::seconds(std::max(1u, config.mailLeaseSeconds / 2))),
      logouts_(logouts),
      once_(once),
      stop_(stop),
      wakeFd_(wakeFd) {}

void Worker::houseKeep() {
    try {
        const int removed = service::purgePendingRegistrations(db_, config_.registrationPendingDays,
                                                               repo::Actor::system("ktk-mail-worker"));
        if (removed > 0)
            util::logInfo("removed " + std::to_string(removed) + " registration(s) not confirmed within " +
                          std::to_string(config_.registrationPendingDays) + " days");
    } catch (const std::exception& e) {
        util::logWarn(std::string("housekeeping failed (tried again in an hour): ") + e.what());
    }
}

int Worker::run() {
    const unsigned parallel = config_.mailParallel;
    const unsigned batch = std::max(4 * parallel, 16u);
    const std::int64_t sendTimeout = std::max(1u, config_.mailLeaseSeconds / 2);

    struct Lease {
        std::string token;
        std::int64_t until;
    };
    std::deque<Job> ready;                         // claimed, not started
    std::unordered_map<std::uint64_t, Lease> held;  // ready or in flight
    std::vector<Result> done;                      // not yet recorded
    SteadyClock::time_point nextClaim = SteadyClock::now(), nextFlush{};
    SteadyClock::time_point nextHousekeeping = SteadyClock::now();
    bool drained = false, stopping = false, dbTrouble = false, logoutTrouble = false;
    int exitCode = 0, flushFailures = 0;
    mail::RelayWatch relay(std::chrono::duration_cast<milliseconds>(kRelayProbeInterval).count());
    bool relayBack = false;  // a send succeeded after relay trouble: deferred mails to make due
    bool sentSinceTrim = false;
    int quietPasses = 0;
    auto nowMs = [] {
        return std::chrono::duration_cast<milliseconds>(SteadyClock::now().time_since_epoch()).count();
    };

    // Every result passes here: the row is no longer held, and it is
    // recorded under the lease the row has now (a re-claim may have renewed
    // it). It also tells the relay watch how the relay is.
    auto collect = [&](std::vector<Result>& results) {
        for (Result& r : results) {
            auto it = held.find(r.id);
            if (it != held.end()) {
                r.leaseToken = it->second.token;
                held.erase(it);
            }
            if (r.sent) {
                if (relay.delivered(nowMs())) relayBack = true;
            } else if (r.relayTrouble) {
                if (!relay.failing())
                    util::logWarn("sendmail cannot reach the relay (" + r.brief + "); trying one deferred message every " +
                                  std::to_string(kRelayProbeInterval.count()) + "s until one goes through");
                relay.failed(nowMs());
            }
            done.push_back(std::move(r));
            sentSinceTrim = true;
        }
        results.clear();
    };

    auto databaseFailed = [&](const char* during, const std::exception& e) {
        if (!dbTrouble) util::logWarn(std::string("database trouble while ") + during + ": " + e.what() + "; retrying");
        dbTrouble = true;
        nextClaim = SteadyClock::now() + kPollInterval;
        if (once_ && !stopping) {
            stopping = true;
            exitCode = 1;
        }
    };

    for (;;) {
        if (stop_ && !stopping) {
            stopping = true;
            util::logInfo("stopping: finishing " + std::to_string(sender_.running()) + " message(s) in flight");
        }

        // Results are recorded as soon as they are known, before anything
        // else (what finished meanwhile in one transaction): each sent mail
        // not yet recorded is one a worker that dies now would send again.
        if (!done.empty() && SteadyClock::now() >= nextFlush) {
            try {
                store_.finish(done);
                done.clear();
                flushFailures = 0;
            } catch (const std::exception& e) {
                databaseFailed("recording results", e);
                nextFlush = SteadyClock::now() + kPollInterval;
                if (stopping && ++flushFailures >= 3) {
                    util::logError("could not record " + std::to_string(done.size()) +
                                   " result(s); those messages are sent again after their lease");
                    done.clear();
                    exitCode = 1;
                }
            }
        }

        if (!stopping && ready.size() < parallel && SteadyClock::now() >= nextClaim) {
            try {
                // The requests' mails go out in this very claim.
                service::handleResetRequests(db_, config_, views_, batch);
                std::vector<Job> jobs = store_.claim(batch);
                if (dbTrouble) util::logInfo("database reachable again");
                dbTrouble = false;
                drained = jobs.size() < batch;
                nextClaim = drained ? SteadyClock::now() + kPollInterval : SteadyClock::now();
                for (Job& j : jobs) {
                    auto [it, fresh] = held.try_emplace(j.id, Lease{j.leaseToken, j.leaseUntil});
                    // Ours already (its lease ran out while it waited): the new
                    // lease replaces the old one, and it is still sent once.
                    if (!fresh) it->second = Lease{j.leaseToken, j.leaseUntil};
                    else ready.push_back(std::move(j));
                }
            } catch (const std::exception& e) {
                databaseFailed("claiming", e);
            }
            // Apart from the mail: a failure here (the database, or keys
            // that do not open with the config's secrets) leaves the mail
            // to be sent, and is logged once until it passes.
            if (!dbTrouble && !(once_ && logoutTrouble)) {
                try {
                    const bool more = logouts_.deliverDue(batch) >= batch;
                    if (logoutTrouble) util::logInfo("delivering logout tokens again");
                    logoutTrouble = false;
                    if (more) {
                        drained = false;
                        nextClaim = SteadyClock::now();
                    }
                } catch (const std::exception& e) {
                    if (!logoutTrouble)
                        util::logWarn(std::string("delivering logout tokens failed (tried again at each poll): ") +
                                      e.what());
                    logoutTrouble = true;
                    if (once_) exitCode = 1;
                }
            }
        }

        while (!stopping && sender_.running() < relay.inFlightLimit(parallel) && !ready.empty()) {
            Job j = std::move(ready.front());
            ready.pop_front();
            Lease& lease = held[j.id];
            j.leaseToken = lease.token;
            j.leaseUntil = lease.until;
            if (util::now() + sendTimeout >= j.leaseUntil) {
                bool ours = false;
                try {
                    ours = store_.renew(j);
                } catch (const std::exception& e) {
                    ready.push_front(std::move(j));
                    databaseFailed("renewing a lease", e);
                    break;
                }
                if (!ours) {
                    util::logWarn("skipped id=" + std::to_string(j.id) + ": its lease passed to another claim");
                    held.erase(j.id);
                    continue;
                }
                lease.until = j.leaseUntil;
            }
            std::vector<Result> failedToStart;
            sender_.start(std::move(j), failedToStart);
            collect(failedToStart);
        }

        // After relay trouble, once a mail went through: every deferred
        // one is due now, and claimed at once.
        if (relayBack && done.empty() && !stopping && !dbTrouble) {
            try {
                const unsigned n = store_.pullForward();
                relayBack = false;
                util::logInfo("the relay is reachable again: " + std::to_string(n) + " deferred message(s) due now");
                if (n > 0) nextClaim = SteadyClock::now();
            } catch (const std::exception& e) {
                databaseFailed("making deferred messages due", e);
            }
        }

        // While the relay is away and nothing else is being sent: one
        // deferred mail, early, to see whether it is back (the daemon
        // only; --once sends what is due).
        if (!once_ && !stopping && !dbTrouble && ready.empty() && sender_.running() == 0 && done.empty() &&
            relay.probeDue(nowMs(), false)) {
            relay.probing(nowMs());
            try {
                std::optional<Job> probe = store_.claimProbe();
                if (!probe) {
                    relay.nothingDeferred();
                } else {
                    held.try_emplace(probe->id, Lease{probe->leaseToken, probe->leaseUntil});
                    util::logInfo("probing the relay with id=" + std::to_string(probe->id));
                    std::vector<Result> failedToStart;
                    sender_.start(std::move(*probe), failedToStart);
                    collect(failedToStart);
                }
            } catch (const std::exception& e) {
                databaseFailed("claiming a probe", e);
            }
        }

        if (sender_.running() == 0 && done.empty()) {
            if (stopping) {
                std::vector<Job> unsent(std::make_move_iterator(ready.begin()), std::make_move_iterator(ready.end()));
                try {
                    store_.release(unsent);
                } catch (const std::exception& e) {
                    util::logWarn(std::string("could not give back unsent claims (their lease will expire): ") +
                                  e.what());
                }
                break;
            }
            if (once_ && ready.empty() && drained) break;
        }

        if (!once_ && !stopping && SteadyClock::now() >= nextHousekeeping) {
            nextHousekeeping = SteadyClock::now() + kHousekeepingInterval;
            houseKeep();
        }

        // A burst grows the heap (its claimed mails, their results): given
        // back at the second pass in a row with nothing in hand (the first
        // still frees the burst's last pieces), so that a quiet daemon is
        // small again (0.7 MB after 1,000 mails, measured).
        const bool idle = done.empty() && ready.empty() && sender_.running() == 0;
        quietPasses = idle ? quietPasses + 1 : 0;
        if (sentSinceTrim && quietPasses >= 2) {
            malloc_trim(0);
            sentSinceTrim = false;
        }

        int timeoutMs;
        if (!done.empty()) timeoutMs = msUntil(nextFlush);
        else if (sender_.running() > 0) timeoutMs = static_cast<int>(kPollInterval.count());
        else if (stopping || (!ready.empty() && !dbTrouble)) timeoutMs = 0;
        else timeoutMs = msUntil(nextClaim);

        std::vector<Result> results;
        sender_.poll(timeoutMs, wakeFd_, results);
        drainPipe(wakeFd_);
        collect(results);
    }
    const auto& n = store_.counts();
    const auto& l = logouts_.counts();
    util::logInfo("stopped: sent " + std::to_string(n.sent) + ", retried " + std::to_string(n.retried) +
                  ", abandoned " + std::to_string(n.abandoned) + "; logout tokens sent " + std::to_string(l.sent) +
                  ", retried " + std::to_string(l.retried) + ", failed " + std::to_string(l.failed));
    return exitCode;
}

}  // namespace ktk::worker
