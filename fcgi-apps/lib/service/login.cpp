#include "service/login.h"

#include <optional>
#include <string>

#include "crypto/password.h"
#include "domain/email.h"
#include "repo/audit.h"
#include "service/login_throttle.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/log.h"

namespace ktk::login {

namespace {

struct Account {
    std::uint64_t id = 0;
    std::string passwordHash;
    bool clerk = false;
    bool confirmed = false;
    bool disabled = false;
    bool linked = false;
    std::optional<throttle::State> throttle;
};

Account readAccount(db::Row& r) {
    Account a;
    a.id = r->getUInt64(1);
    a.passwordHash = r->getString(2);
    a.clerk = r->getString(3) == "clerk";
    a.confirmed = r->getBoolean(4);
    a.disabled = r->getBoolean(5);
    a.linked = r->getBoolean(6);
    if (!r->isNull(7)) {
        throttle::State s;
        s.failures = r->getUInt(7);
        s.lastFailureAt = clock::fromSql(r->getString(8));
        s.lockedUntil = r->isNull(9) ? 0 : clock::fromSql(r->getString(9));
        a.throttle = s;
    }
    return a;
}

std::optional<Account> findByKey(db::Tx& tx, const std::string& key) {
    db::Row r = tx.query(
        "SELECT u.id, u.password_hash, u.role, u.confirmed_at IS NOT NULL, u.disabled_at IS NOT NULL,"
        " u.municipality_id IS NOT NULL, t.failures, t.last_failure_at, t.locked_until"
        " FROM users u LEFT JOIN login_throttle t ON t.user_id = u.id WHERE u.email_key = ?",
        key);
    if (!r->next()) return std::nullopt;
    return readAccount(r);
}

// Under the account's row lock, so a lock another attempt started since the
// first read is seen, and the hash cannot change underneath us.
std::optional<Account> lockById(db::Tx& tx, std::uint64_t id) {
    db::Row r = tx.query(
        "SELECT u.id, u.password_hash, u.role, u.confirmed_at IS NOT NULL, u.disabled_at IS NOT NULL,"
        " u.municipality_id IS NOT NULL, t.failures, t.last_failure_at, t.locked_until"
        " FROM users u LEFT JOIN login_throttle t ON t.user_id = u.id WHERE u.id = ? FOR UPDATE",
        id);
    if (!r->next()) return std::nullopt;
    return readAccount(r);
}

// The address an attempt named, for the audit log — only when it has the
// shape of one: people sometimes type their password into the username
// field, and a password must never reach a log.
std::string auditableAddress(const std::string& key) {
    if (key.size() > 254 || key.find('@') == std::string::npos || key.find_first_of(" \t") != std::string::npos)
        return {};
    return key;
}

void audit(db::Tx& tx, std::string_view address, std::string action, std::optional<std::uint64_t> target,
           std::string after, bool byTheUser = false) {
    audit::Entry e;
    e.actor = byTheUser && target ? audit::Actor::user(*target) : audit::Actor::anonymous();
    e.clientAddress = std::string(address);
    e.action = std::move(action);
    e.targetUserId = target;
    e.after = std::move(after);
    audit::record(tx, e);
}

Result refused(db::Tx& tx, std::string_view address, const Account& a, Outcome outcome, const char* reason) {
    audit(tx, address, "login.refused", a.id, JsonObject().add("reason", reason).str());
    return {outcome, a.id};
}

}  // namespace

throttle::State recordFailure(db::Tx& tx, std::uint64_t userId, std::int64_t now, std::string_view clientAddress,
                              std::string_view reason, bool byTheUser) {
    throttle::State s = throttle::recordFailure(tx, userId, now);
    audit(tx, clientAddress, "login.failure", userId,
          JsonObject().add("reason", reason).add("failures", s.failures).str(), byTheUser);
    if (s.failures >= throttle::kLockFrom) {
        audit(tx, clientAddress, "login.locked", userId,
              JsonObject().add("failures", s.failures).add("locked_until", clock::toSql(s.lockedUntil)).str(),
              byTheUser);
        log::warn("account " + std::to_string(userId) + " locked after " + std::to_string(s.failures) +
                  " failed password checks, until " + clock::toSql(s.lockedUntil));
    }
    return s;
}

Result authenticate(db::Database& db, std::string_view email, std::string_view password,
                    std::string_view clientAddress, const OnSuccess& onSuccess) {
    const std::string key = domain::emailKey(email);
    std::optional<Account> account;
    // One SELECT, no transaction (no COMMIT round trip): a success reads
    // the account again under its row lock before it counts.
    if (!key.empty() && key.size() <= 254) account = db.autocommit([&](db::Tx& tx) { return findByKey(tx, key); });
    const std::int64_t now = clock::now();
    const bool blocked = account && account->throttle && throttle::blocks(*account->throttle, now);

    // Always exactly one verification, so every path takes as long.
    const bool correct = crypto::verifyPassword(password, account ? account->passwordHash : crypto::dummyHash());

    if (!account) {
        db.transact([&](db::Tx& tx) {
            JsonObject after;
            after.add("reason", "unknown_account");
            if (std::string shown = auditableAddress(key); !shown.empty()) after.add("email", shown);
            audit(tx, clientAddress, "login.failure", std::nullopt, after.str());
        });
        return {};
    }
    if (blocked) {
        db.transact([&](db::Tx& tx) {
            audit(tx, clientAddress, "login.refused_locked", account->id,
                  JsonObject().add("locked_until", clock::toSql(account->throttle->lockedUntil)).str());
        });
        return {};
    }
    if (!correct) {
        db.transact([&](db::Tx& tx) { recordFailure(tx, account->id, now, clientAddress, "wrong_password"); });
        return {};
    }

    // Outside the transaction: hashing takes tens of milliseconds.
    std::string newHash;
    if (crypto::needsRehash(account->passwordHash)) newHash = crypto::hashPassword(password);

    return db.transact([&](db::Tx& tx) -> Result {
        std::optional<Account> a = lockById(tx, account->id);
        if (!a || a->passwordHash != account->passwordHash) {
            // The password changed between the check and now: the attempt
            // proved nothing about the new one.
            audit(tx, clientAddress, "login.failure", account->id,
                  JsonObject().add("reason", "password_changed").str());
            return {};
        }
        if (a->throttle && throttle::blocks(*a->throttle, clock::now())) {
            audit(tx, clientAddress, "login.refused_locked", a->id,
                  JsonObject().add("locked_until", clock::toSql(a->throttle->lockedUntil)).str());
            return {};
        }
        if (a->throttle) throttle::clear(tx, a->id);
        if (!newHash.empty()) {
            tx.update("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?", newHash, a->id,
                      a->passwordHash);
            audit(tx, clientAddress, "password.rehash", a->id, JsonObject().add("reason", "parameters").str(), true);
        }
        if (a->disabled) return refused(tx, clientAddress, *a, Outcome::Disabled, "disabled");
        if (!a->confirmed) return refused(tx, clientAddress, *a, Outcome::Pending, "pending");
        if (!a->clerk && !a->linked) return refused(tx, clientAddress, *a, Outcome::Unlinked, "unlinked");
        onSuccess(tx, a->id);
        audit(tx, clientAddress, "login.success", a->id, JsonObject().add("role", a->clerk ? "clerk" : "contact").str(),
              true);
        return {a->clerk ? Outcome::Clerk : Outcome::Contact, a->id};
    });
}

}  // namespace ktk::login
