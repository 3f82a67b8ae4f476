#include "service/password_change.h"

#include <optional>
#include <stdexcept>

#include "crypto/password.h"
#include "domain/person_name.h"
#include "mail/queue.h"
#include "repo/audit.h"
#include "repo/login_throttle.h"
#include "repo/sessions.h"
#include "service/login.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "util/json.h"

namespace ktk::service {

namespace {

struct Stored {
    PasswordOwner owner;
    std::string passwordHash;
    std::optional<domain::ThrottleState> throttle;
};

Stored readStored(db::Row& r) {
    Stored s;
    s.owner.id = r->getUInt64(1);
    s.owner.email = r->getString(2);
    s.owner.lastName = r->getString(3);
    s.owner.firstName = r->getString(4);
    s.owner.lang = domain::parseLang(std::string(r->getString(5))).value_or(domain::kDefaultLang);
    s.passwordHash = r->getString(6);
    if (!r->isNull(7)) {
        domain::ThrottleState t;
        t.failures = r->getUInt(7);
        t.lastFailureAt = util::parseSqlTime(r->getString(8));
        t.lockedUntil = r->isNull(9) ? 0 : util::parseSqlTime(r->getString(9));
        s.throttle = t;
    }
    return s;
}

std::optional<Stored> loadStored(db::Tx& tx, std::uint64_t userId) {
    db::Row r = tx.query(
        "SELECT u.id, u.email, u.last_name, u.first_name, u.language, u.password_hash,"
        " t.failures, t.last_failure_at, t.locked_until"
        " FROM users u LEFT JOIN login_throttle t ON t.user_id = u.id WHERE u.id = ?",
        userId);
    if (!r->next()) return std::nullopt;
    return readStored(r);
}

// Under the account's row lock, so the hash cannot change between this
// read and the update.
std::optional<Stored> lockStored(db::Tx& tx, std::uint64_t userId) {
    db::Row r = tx.query(
        "SELECT u.id, u.email, u.last_name, u.first_name, u.language, u.password_hash,"
        " t.failures, t.last_failure_at, t.locked_until"
        " FROM users u LEFT JOIN login_throttle t ON t.user_id = u.id WHERE u.id = ? FOR UPDATE",
        userId);
    if (!r->next()) return std::nullopt;
    return readStored(r);
}

bool blocked(const Stored& s, std::int64_t now) { return s.throttle && domain::throttleBlocks(*s.throttle, now); }

void auditByUser(db::Tx& tx, std::uint64_t userId, std::string_view clientAddress, std::string action,
                 std::string after) {
    repo::AuditEntry e;
    e.actor = repo::Actor::user(userId);
    e.clientAddress = std::string(clientAddress);
    e.action = std::move(action);
    e.targetUserId = userId;
    e.after = std::move(after);
    repo::recordAudit(tx, e);
}

}  // namespace

int replacePassword(db::Tx& tx, std::uint64_t userId, const std::string& newHash, std::int64_t now,
                    std::string_view keepSessionIdHash) {
    tx.update("UPDATE users SET password_hash = ? WHERE id = ?", newHash, userId);
    // A link mailed before the change must not undo it.
    tx.update("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL", util::sqlTime(now),
              userId);
    repo::clearThrottle(tx, userId);
    return repo::endSessionsOfUser(tx, userId, keepSessionIdHash);
}

void queuePasswordChangedMail(db::Tx& tx, const config::Config& config, const view::Views& views,
                              const PasswordOwner& owner, ChangeRoute route, std::string_view clientAddress,
                              std::int64_t now) {
    mail::Message m;
    m.kind = kPasswordChangedMailKind;
    m.toAddress = owner.email;
    m.toName = domain::displayName(owner.lastName, owner.firstName, owner.lang);
    m.lang = owner.lang;
    m.values = {
        {"NAME", m.toName},
        {"TIME", owner.lang == domain::Lang::Hu ? util::hungarianTime(now) : util::hungarianTimeIso(now)},
        {"UTC_OFFSET", util::hungarianOffsetLabel(now)},
        {"CLIENT_ADDRESS", std::string(clientAddress)},
        {"FORGOT_URL", config.baseUrl + "/password/forgot?lang=" + code(owner.lang)},
        {"LOGIN_URL", config.baseUrl + "/login?lang=" + code(owner.lang)},
    };
    m.sections.emplace_back(route == ChangeRoute::ResetLink ? "VIA_RESET_LINK" : "VIA_SECURITY_TAB");
    mail::enqueue(tx, config, views, m);
}

PasswordChange changePassword(db::Database& db, const config::Config& config, const view::Views& views,
                              std::uint64_t userId, std::string_view currentPassword, std::string_view newPassword,
                              std::string_view keepSessionIdHash, std::string_view clientAddress) {
    std::optional<Stored> before = db.autocommit([&](db::Tx& tx) { return loadStored(tx, userId); });
    // The caller's session names the account; sessions go with their account.
    if (!before) throw std::runtime_error("changePassword: account " + std::to_string(userId) + " not found");

    const std::int64_t now = util::now();
    if (blocked(*before, now)) {
        // Like the login form: while a delay or lock runs nothing is
        // checked, so the attempt tests nothing and is not counted.
        db.transact([&](db::Tx& tx) {
            auditByUser(
                tx, userId, clientAddress, "password.change_refused",
                util::jsonText({{"reason", "locked"}, {"locked_until", util::sqlTime(before->throttle->lockedUntil)}}));
        });
        return {ChangeOutcome::Locked, {}};
    }
    if (!crypto::verifyPassword(currentPassword, before->passwordHash)) {
        db.transact([&](db::Tx& tx) {
            service::recordPasswordFailure(tx, userId, now, clientAddress, "wrong_current_password", true);
        });
        return {ChangeOutcome::WrongCurrent, {}};
    }

    // Outside the transaction: hashing takes tens of milliseconds.
    const std::string newHash = crypto::hashPassword(newPassword);

    return db.transact([&](db::Tx& tx) -> PasswordChange {
        std::optional<Stored> a = lockStored(tx, userId);
        // Changed since the check (another tab, a reset): what was checked
        // is no longer the current password.
        if (!a || a->passwordHash != before->passwordHash) return {ChangeOutcome::WrongCurrent, {}};
        const std::int64_t at = util::now();
        if (blocked(*a, at)) return {ChangeOutcome::Locked, {}};
        const int ended = replacePassword(tx, userId, newHash, at, keepSessionIdHash);
        PasswordChange change{ChangeOutcome::Changed, repo::renewSession(tx, keepSessionIdHash).value_or("")};
        auditByUser(tx, userId, clientAddress, "password.changed",
                    util::jsonText({{"route", "security_tab"}, {"sessions_ended", ended}}));
        queuePasswordChangedMail(tx, config, views, a->owner, ChangeRoute::SecurityTab, clientAddress, at);
        return change;
    });
}

}  // namespace ktk::service
