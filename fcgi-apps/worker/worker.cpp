#include "worker/worker.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <unordered_map>

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
// Results wait at most this long to be recorded together.
constexpr milliseconds kFlushDelay{100};
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
    SteadyClock::time_point firstDone{}, nextClaim = SteadyClock::now(), nextFlush{};
    SteadyClock::time_point nextHousekeeping = SteadyClock::now();
    bool drained = false, stopping = false, dbTrouble = false, logoutTrouble = false;
    int exitCode = 0, flushFailures = 0;

    // Every result passes here: the row is no longer held, and it is
    // recorded under the lease the row has now (a re-claim may have renewed it).
    auto collect = [&](std::vector<Result>& results) {
        for (Result& r : results) {
            auto it = held.find(r.id);
            if (it != held.end()) {
                r.leaseToken = it->second.token;
                held.erase(it);
            }
            if (done.empty()) firstDone = SteadyClock::now();
            done.push_back(std::move(r));
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

        while (!stopping && sender_.running() < parallel && !ready.empty()) {
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

        if (!done.empty() && SteadyClock::now() >= nextFlush &&
            (stopping || sender_.running() == 0 || done.size() >= parallel ||
             SteadyClock::now() - firstDone >= kFlushDelay)) {
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

        int timeoutMs;
        if (!done.empty()) timeoutMs = msUntil(std::max(nextFlush, firstDone + kFlushDelay));
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
