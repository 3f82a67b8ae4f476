#include "oidc/logout_delivery.h"

#include <utility>

#include "crypto/random.h"
#include "oidc/backchannel.h"
#include "oidc/client_store.h"
#include "oidc/grants.h"
#include "repo/audit.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/log.h"

namespace ktk::oidc {
namespace {

constexpr const char* kProgram = "ktk-mail-worker";

// One claimed row, its token made.
struct Claimed {
    std::uint64_t id = 0;
    std::uint64_t userId = 0;
    std::string clientId;
    std::string sub;
    unsigned attempts = 0;  // including this one
    std::int64_t queuedAt = 0;
    LogoutPost post;
};

void audit(db::Tx& tx, const char* action, std::uint64_t userId, const std::string& clientId, const std::string& sub,
           unsigned attempts, const std::string& reason) {
    repo::AuditEntry e;
    e.actor = repo::Actor::system(kProgram);
    e.action = action;
    e.targetUserId = userId;
    util::Json after;
    after["client_id"] = clientId;
    after["sub"] = sub;
    after["attempts"] = attempts;
    if (!reason.empty()) after["reason"] = reason;
    e.after = util::jsonText(after);
    repo::recordAudit(tx, e);
}

std::string describe(const char* what, std::uint64_t id, const std::string& clientId) {
    return std::string("logout token ") + what + " id=" + std::to_string(id) + " client=" + clientId;
}

}  // namespace

LogoutDelivery::LogoutDelivery(db::Database& db, const config::Config& config, Keyring& keyring, LogoutPoster& poster)
    : db_(db), config_(config), keyring_(keyring), poster_(poster) {}

unsigned LogoutDelivery::deliverDue(unsigned limit) {
    struct Row {
        std::uint64_t id, clientRef, userId;
        std::string sid, lastError;
        unsigned attempts;
        std::int64_t queuedAt;
    };
    std::vector<std::string> logLines;
    std::string lease;
    unsigned seen = 0;
    unsigned long gaveUp = 0;
    std::vector<Claimed> claimed = db_.transact([&](db::Tx& tx) {
        logLines.clear();
        gaveUp = 0;
        const std::int64_t now = util::now();
        lease = crypto::randomHex(16);
        std::vector<Row> rows;
        {
            db::Row r = tx.query("SELECT id, client_ref, user_id, sid, attempts, created_at, COALESCE(last_error, '')"
                                 " FROM oidc_logout_queue WHERE due_at <= ? ORDER BY due_at, id LIMIT ?"
                                 " FOR UPDATE SKIP LOCKED",
                                 util::sqlTime(now), limit);
            while (r->next())
                rows.push_back({r->getUInt64(1), r->getUInt64(2), r->getUInt64(3), r->getString(4),
                                r->getString(7), r->getUInt(5), util::parseSqlTime(r->getString(6))});
        }
        seen = static_cast<unsigned>(rows.size());
        std::vector<Claimed> out;
        for (const Row& row : rows) {
            const std::optional<Client> client = findClientByRef(tx, row.clientRef);
            if (!client || !client->enabled() || client->backchannelLogoutUri.empty()) {
                tx.update("DELETE FROM oidc_logout_queue WHERE id = ?", row.id);
                logLines.push_back(describe("dropped", row.id, client ? client->clientId : "?") +
                                   " reason=client disabled or without a back-channel URI");
                continue;
            }
            const std::string sub = subjectOf(tx, row.userId);
            // Taken again after its lease ran out, a day after it was
            // queued: the worker died on it every time, or was down.
            if (now >= row.queuedAt + kLogoutGiveUpSeconds) {
                tx.update("DELETE FROM oidc_logout_queue WHERE id = ?", row.id);
                const std::string reason = row.lastError.empty() ? "lease_expired" : row.lastError;
                audit(tx, "oidc.backchannel_logout.failed", row.userId, client->clientId, sub, row.attempts, reason);
                logLines.push_back(describe("abandoned", row.id, client->clientId) + " attempts=" +
                                   std::to_string(row.attempts) + " last=" + reason);
                ++gaveUp;
                continue;
            }
            tx.update("UPDATE oidc_logout_queue SET attempts = attempts + 1, due_at = ?, lease_token = ? WHERE id = ?",
                      util::sqlTime(now + kLogoutLeaseSeconds), lease, row.id);
            Claimed c;
            c.id = row.id;
            c.userId = row.userId;
            c.clientId = client->clientId;
            c.sub = sub;
            c.attempts = row.attempts + 1;
            c.queuedAt = row.queuedAt;
            c.post.uri = client->backchannelLogoutUri;
            LogoutFacts facts;
            facts.issuer = config_.baseUrl;
            facts.clientId = client->clientId;
            facts.sub = sub;
            facts.sid = row.sid;
            facts.jti = crypto::randomToken();
            facts.now = now;
            c.post.token = logoutToken(keyring_.current(tx, client->idTokenAlg, now), facts);
            out.push_back(std::move(c));
        }
        return out;
    });
    counts_.failed += gaveUp;
    for (const auto& line : logLines) util::logWarn(line);
    if (claimed.empty()) return seen;

    std::vector<LogoutPost> posts;
    posts.reserve(claimed.size());
    for (const Claimed& c : claimed) posts.push_back(c.post);
    const std::vector<PostResult> results = poster_.post(posts);

    std::vector<std::pair<bool, std::string>> lines;  // (warning?, line)
    Counts delta;
    db_.transact([&](db::Tx& tx) {
        lines.clear();
        delta = Counts{};
        const std::int64_t now = util::now();
        for (std::size_t i = 0; i < claimed.size(); ++i) {
            const Claimed& c = claimed[i];
            const PostResult r = i < results.size() ? results[i] : PostResult{false, "not_sent"};
            if (r.delivered) {
                if (tx.update("DELETE FROM oidc_logout_queue WHERE id = ? AND lease_token = ?", c.id, lease) == 1) {
                    audit(tx, "oidc.backchannel_logout.sent", c.userId, c.clientId, c.sub, c.attempts, "");
                    lines.emplace_back(false, describe("sent", c.id, c.clientId) + " attempt=" +
                                                  std::to_string(c.attempts));
                    ++delta.sent;
                } else {
                    lines.emplace_back(true, describe("sent", c.id, c.clientId) +
                                                 " but its lease had passed to another claim; it may arrive twice");
                }
                continue;
            }
            const std::optional<std::int64_t> next = logoutRetryAt(c.attempts, c.queuedAt, now);
            if (!next) {
                if (tx.update("DELETE FROM oidc_logout_queue WHERE id = ? AND lease_token = ?", c.id, lease) == 1) {
                    audit(tx, "oidc.backchannel_logout.failed", c.userId, c.clientId, c.sub, c.attempts, r.error);
                    lines.emplace_back(true, describe("abandoned", c.id, c.clientId) + " attempts=" +
                                                 std::to_string(c.attempts) + " last=" + r.error);
                    ++delta.failed;
                }
                continue;
            }
            if (tx.update("UPDATE oidc_logout_queue SET due_at = ?, lease_token = NULL, last_error = ?"
                          " WHERE id = ? AND lease_token = ?",
                          util::sqlTime(*next), r.error.substr(0, 64), c.id, lease) == 1) {
                lines.emplace_back(false, describe("retry", c.id, c.clientId) + " attempt=" +
                                              std::to_string(c.attempts) + " (" + r.error + ") next in " +
                                              std::to_string(*next - now) + "s");
                ++delta.retried;
            }
        }
    });
    counts_.sent += delta.sent;
    counts_.retried += delta.retried;
    counts_.failed += delta.failed;
    for (const auto& [warning, line] : lines) warning ? util::logWarn(line) : util::logInfo(line);
    return seen;
}

}  // namespace ktk::oidc
