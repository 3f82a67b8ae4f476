#include "worker/queue_store.h"

#include "crypto/random.h"
#include "mail/sendmail.h"
#include "util/clock.h"
#include "util/log.h"

namespace ktk::worker {
namespace {

std::string describe(const char* what, std::uint64_t id, const std::string& kind, const std::string& rcpt) {
    std::string line = what;
    line += " id=" + std::to_string(id) + " kind=" + kind + " to=@";
    line += mail::recipientDomain(rcpt);
    return line;
}

// last_error is VARCHAR(255); cut on a character boundary.
std::string fitError(const std::string& e) {
    if (e.size() <= 255) return e;
    std::size_t n = 255;
    while (n > 0 && (static_cast<unsigned char>(e[n]) & 0xC0) == 0x80) --n;
    return e.substr(0, n);
}

// A claimed row whose first six columns are id, kind, envelope_from,
// recipient, message and attempts (the attempts made so far).
Job jobFrom(const db::Row& rows) {
    Job j;
    j.id = rows->getUInt64(1);
    j.kind = rows->getString(2);
    j.envelopeFrom = rows->getString(3);
    j.recipient = rows->getString(4);
    j.message = rows->getString(5);
    j.attempts = rows->getUInt(6);
    return j;
}

}  // namespace

QueueStore::QueueStore(db::Database& db, const config::Config& config, std::string workerName)
    : db_(db), config_(config), workerName_(std::move(workerName)) {}

std::vector<Job> QueueStore::claim(unsigned limit) {
    std::vector<std::string> logLines;
    unsigned long abandoned = 0;
    std::vector<Job> jobs = db_.transact([&](db::Tx& tx) {
        std::vector<Job> out;
        logLines.clear();
        abandoned = 0;
        const std::int64_t now = util::now();
        const std::string nowSql = util::sqlTime(now);
        const std::int64_t leaseUntil = now + config_.mailLeaseSeconds;
        const std::string leaseSql = util::sqlTime(leaseUntil);
        const std::string token = crypto::randomHex(16);
        auto take = [&](db::Row rows) {
            while (rows->next()) {
                Job j = jobFrom(rows);
                ++j.attempts;  // this one
                j.leaseToken = token;
                j.leaseUntil = leaseUntil;
                out.push_back(std::move(j));
            }
        };
        take(tx.query("SELECT id, kind, envelope_from, recipient, message, attempts FROM mail_queue"
                      " WHERE status = 'sending' AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED",
                      nowSql, limit));
        std::size_t expired = out.size();
        if (out.size() < limit)
            take(tx.query("SELECT id, kind, envelope_from, recipient, message, attempts FROM mail_queue"
                          " WHERE status = 'queued' AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED",
                          nowSql, static_cast<unsigned>(limit - out.size())));
        std::vector<Job> leased;
        leased.reserve(out.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            Job& j = out[i];
            if (i < expired && j.attempts > config_.mailMaxAttempts) {
                tx.update("UPDATE mail_queue SET status = 'abandoned', abandoned_at = ?, lease_token = NULL,"
                          " leased_by = NULL, last_error = 'lease expired during the last attempt' WHERE id = ?",
                          nowSql, j.id);
                logLines.push_back(describe("abandoned", j.id, j.kind, j.recipient) + " attempts=" +
                                   std::to_string(j.attempts - 1) + " reason=lease expired during the last attempt");
                ++abandoned;
                continue;
            }
            tx.update("UPDATE mail_queue SET status = 'sending', attempts = attempts + 1, due_at = ?,"
                      " lease_token = ?, leased_by = ? WHERE id = ?",
                      leaseSql, token, workerName_, j.id);
            if (i < expired)
                logLines.push_back(describe("reclaimed", j.id, j.kind, j.recipient) +
                                   " reason=lease expired attempt=" + std::to_string(j.attempts));
            leased.push_back(std::move(j));
        }
        return leased;
    });
    counts_.abandoned += abandoned;
    for (const auto& line : logLines) util::logWarn(line);
    return jobs;
}

bool QueueStore::renew(Job& job) {
    const std::int64_t until = util::now() + config_.mailLeaseSeconds;
    int n = db_.transact([&](db::Tx& tx) {
        return tx.update("UPDATE mail_queue SET due_at = ? WHERE id = ? AND lease_token = ? AND status = 'sending'",
                         util::sqlTime(until), job.id, job.leaseToken);
    });
    if (n == 1) job.leaseUntil = until;
    return n == 1;
}

void QueueStore::finish(const std::vector<Result>& results) {
    std::vector<std::pair<bool, std::string>> logLines;  // (warning?, line)
    Counts delta;
    db_.transact([&](db::Tx& tx) {
        logLines.clear();
        delta = Counts{};
        const std::int64_t now = util::now();
        const std::string nowSql = util::sqlTime(now);
        for (const Result& r : results) {
            if (r.sent) {
                // The body goes: it may hold links with live tokens.
                int n = tx.update("UPDATE mail_queue SET status = 'sent', sent_at = ?, message = NULL,"
                                  " lease_token = NULL, leased_by = NULL, last_error = NULL"
                                  " WHERE id = ? AND lease_token = ? AND status = 'sending'",
                                  nowSql, r.id, r.leaseToken);
                if (n == 1) {
                    logLines.emplace_back(false, describe("sent", r.id, r.kind, r.recipient));
                    ++delta.sent;
                } else {
                    logLines.emplace_back(true, describe("sent", r.id, r.kind, r.recipient) +
                                                    " but its lease had passed to another claim;"
                                                    " it may arrive twice (same Message-ID)");
                }
                continue;
            }
            if (r.probeDue != 0) {
                // A probe that failed: no attempt, its backoff as it was.
                int n = tx.update("UPDATE mail_queue SET status = 'queued', due_at = ?, lease_token = NULL,"
                                  " leased_by = NULL, last_error = ? WHERE id = ? AND lease_token = ? AND status = 'sending'",
                                  util::sqlTime(r.probeDue), fitError(r.error), r.id, r.leaseToken);
                logLines.emplace_back(n != 1, describe("probe failed", r.id, r.kind, r.recipient) + " (" + r.brief +
                                                  ")" + (n == 1 ? "; not counted as an attempt"
                                                                : " after its lease had passed to another claim"));
                continue;
            }
            db::Row row = tx.query("SELECT attempts FROM mail_queue WHERE id = ? AND lease_token = ?"
                                   " AND status = 'sending' FOR UPDATE",
                                   r.id, r.leaseToken);
            if (!row->next()) {
                logLines.emplace_back(true, describe("failed", r.id, r.kind, r.recipient) + " (" + r.brief +
                                                ") after its lease had passed to another claim");
                continue;
            }
            unsigned attempts = row->getUInt(1);
            if (attempts >= config_.mailMaxAttempts) {
                tx.update("UPDATE mail_queue SET status = 'abandoned', abandoned_at = ?, lease_token = NULL,"
                          " leased_by = NULL, last_error = ? WHERE id = ?",
                          nowSql, fitError(r.error), r.id);
                logLines.emplace_back(true, describe("abandoned", r.id, r.kind, r.recipient) +
                                                " attempts=" + std::to_string(attempts) + " last=" + r.brief);
                ++delta.abandoned;
            } else {
                std::int64_t delay = mail::retryDelaySeconds(attempts);
                tx.update("UPDATE mail_queue SET status = 'queued', due_at = ?, lease_token = NULL,"
                          " leased_by = NULL, last_error = ? WHERE id = ?",
                          util::sqlTime(now + delay), fitError(r.error), r.id);
                logLines.emplace_back(false, describe("retry", r.id, r.kind, r.recipient) + " attempt=" +
                                                 std::to_string(attempts) + "/" +
                                                 std::to_string(config_.mailMaxAttempts) + " (" + r.brief +
                                                 ") next in " + std::to_string(delay) + "s");
                ++delta.retried;
            }
        }
    });
    counts_.sent += delta.sent;
    counts_.retried += delta.retried;
    counts_.abandoned += delta.abandoned;
    for (const auto& [warning, line] : logLines) warning ? util::logWarn(line) : util::logInfo(line);
}

// Both queries below find the rows deferred by relay trouble by their
// last_error, which Sender::finished starts with "exit 75 " or "timed out ".
std::optional<Job> QueueStore::claimProbe() {
    return db_.transact([&](db::Tx& tx) -> std::optional<Job> {
        const std::int64_t now = util::now();
        db::Row rows = tx.query("SELECT id, kind, envelope_from, recipient, message, attempts, UNIX_TIMESTAMP(due_at)"
                                " FROM mail_queue WHERE status = 'queued' AND due_at > ? AND attempts > 0 AND"
                                " (last_error LIKE 'exit 75 %' OR last_error LIKE 'timed out %')"
                                " ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                                util::sqlTime(now));
        if (!rows->next()) return std::nullopt;
        Job j = jobFrom(rows);
        j.probeDue = rows->getInt64(7);
        j.leaseToken = crypto::randomHex(16);
        j.leaseUntil = now + config_.mailLeaseSeconds;
        tx.update("UPDATE mail_queue SET status = 'sending', due_at = ?, lease_token = ?, leased_by = ? WHERE id = ?",
                  util::sqlTime(j.leaseUntil), j.leaseToken, workerName_, j.id);
        return j;
    });
}

unsigned QueueStore::pullForward() {
    const std::string nowSql = util::sqlTime(util::now());
    return static_cast<unsigned>(db_.transact([&](db::Tx& tx) {
        return tx.update("UPDATE mail_queue SET due_at = ? WHERE status = 'queued' AND due_at > ? AND attempts > 0 AND"
                         " (last_error LIKE 'exit 75 %' OR last_error LIKE 'timed out %')",
                         nowSql, nowSql);
    }));
}

void QueueStore::release(const std::vector<Job>& jobs) {
    if (jobs.empty()) return;
    db_.transact([&](db::Tx& tx) {
        const std::string nowSql = util::sqlTime(util::now());
        for (const Job& j : jobs)
            tx.update("UPDATE mail_queue SET status = 'queued', due_at = ?, attempts = GREATEST(attempts, 1) - 1,"
                      " lease_token = NULL, leased_by = NULL WHERE id = ? AND lease_token = ? AND status = 'sending'",
                      nowSql, j.id, j.leaseToken);
    });
    util::logInfo("released " + std::to_string(jobs.size()) + " unsent claimed message(s) back to the queue");
}

}  // namespace ktk::worker
