#include "service/login.h"

#include <optional>
#include <string>

#include "crypto/password.h"
#include "domain/email.h"
#include "db/database.h"
#include "repo/accounts.h"
#include "repo/audit.h"
#include "repo/login_throttle.h"
#include "repo/sessions.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/log.h"

namespace ktk::service {

namespace {

using repo::Account;

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
    repo::AuditEntry e;
    e.actor = byTheUser && target ? repo::Actor::user(*target) : repo::Actor::anonymous();
    e.clientAddress = std::string(address);
    e.action = std::move(action);
    e.targetUserId = target;
    e.after = std::move(after);
    repo::recordAudit(tx, e);
}

LoginResult refused(db::Tx& tx, std::string_view address, const Account& a, LoginOutcome outcome, const char* reason) {
    audit(tx, address, "login.refused", a.id, util::jsonText({{"reason", reason}}));
    return {outcome, a.id, {}};
}

}  // namespace

domain::ThrottleState recordPasswordFailure(db::Tx& tx, std::uint64_t userId, std::int64_t now,
                                            std::string_view clientAddress, std::string_view reason, bool byTheUser) {
    domain::ThrottleState s = repo::recordThrottleFailure(tx, userId, now);
    audit(tx, clientAddress, "login.failure", userId,
          util::jsonText({{"reason", reason}, {"failures", s.failures}}), byTheUser);
    if (s.failures >= domain::kThrottleLockFrom) {
        audit(tx, clientAddress, "login.locked", userId,
              util::jsonText({{"failures", s.failures}, {"locked_until", util::sqlTime(s.lockedUntil)}}),
              byTheUser);
        util::logWarn("account " + std::to_string(userId) + " locked after " + std::to_string(s.failures) +
                      " failed password checks, until " + util::sqlTime(s.lockedUntil));
    }
    return s;
}

LoginResult authenticate(db::Database& db, std::string_view email, std::string_view password,
                         std::string_view clientAddress, std::string_view replacedSessionIdHash) {
    const std::string key = domain::emailKey(email);
    std::optional<Account> account;
    // One SELECT, no transaction (no COMMIT round trip): a success reads
    // the account again under its row lock before it counts.
    if (!key.empty() && key.size() <= 254) account = db.autocommit([&](db::Tx& tx) { return repo::findAccount(tx, key); });
    const std::int64_t now = util::now();
    const bool blocked = account && domain::throttleBlocks(account->throttle, now);

    // Always exactly one verification, so every path takes as long.
    const bool correct = crypto::verifyPassword(password, account ? account->passwordHash : crypto::dummyHash());

    if (!account) {
        db.transact([&](db::Tx& tx) {
            util::Json after{{"reason", "unknown_account"}};
            if (std::string shown = auditableAddress(key); !shown.empty()) after["email"] = shown;
            audit(tx, clientAddress, "login.failure", std::nullopt, util::jsonText(after));
        });
        return {};
    }
    if (blocked) {
        db.transact([&](db::Tx& tx) {
            audit(tx, clientAddress, "login.refused_locked", account->id,
                  util::jsonText({{"locked_until", util::sqlTime(account->throttle->lockedUntil)}}));
        });
        return {};
    }
    if (!correct) {
        db.transact([&](db::Tx& tx) { recordPasswordFailure(tx, account->id, now, clientAddress, "wrong_password"); });
        return {};
    }

    // Outside the transaction: hashing takes tens of milliseconds.
    std::string newHash;
    if (crypto::needsRehash(account->passwordHash)) newHash = crypto::hashPassword(password);

    return db.transact([&](db::Tx& tx) -> LoginResult {
        // Under the account's row lock, so a lock another attempt started
        // since the first read is seen, and the hash cannot change underneath.
        std::optional<Account> a = repo::findAccountById(tx, account->id, repo::Lock::ForUpdate);
        if (!a || a->passwordHash != account->passwordHash) {
            // The password changed between the check and now: the attempt
            // proved nothing about the new one.
            audit(tx, clientAddress, "login.failure", account->id,
                  util::jsonText({{"reason", "password_changed"}}));
            return {};
        }
        if (domain::throttleBlocks(a->throttle, util::now())) {
            audit(tx, clientAddress, "login.refused_locked", a->id,
                  util::jsonText({{"locked_until", util::sqlTime(a->throttle->lockedUntil)}}));
            return {};
        }
        if (a->throttle) repo::clearThrottle(tx, a->id);
        if (!newHash.empty()) {
            tx.update("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?", newHash, a->id,
                      a->passwordHash);
            audit(tx, clientAddress, "password.rehash", a->id, util::jsonText({{"reason", "parameters"}}), true);
        }
        if (a->disabledAt) return refused(tx, clientAddress, *a, LoginOutcome::Disabled, "disabled");
        if (!a->confirmedAt) return refused(tx, clientAddress, *a, LoginOutcome::Pending, "pending");
        if (!a->clerk && !a->municipality) return refused(tx, clientAddress, *a, LoginOutcome::Unlinked, "unlinked");
        if (!replacedSessionIdHash.empty()) repo::endSession(tx, replacedSessionIdHash);
        LoginResult result{a->clerk ? LoginOutcome::Clerk : LoginOutcome::Contact, a->id,
                           repo::createSession(tx, a->id, util::now())};
        audit(tx, clientAddress, "login.success", a->id,
              util::jsonText({{"role", a->clerk ? "clerk" : "contact"}}), true);
        return result;
    });
}

void logout(db::Database& db, std::uint64_t userId, std::string_view sessionIdHash, std::string_view clientAddress) {
    db.transact([&](db::Tx& tx) {
        repo::endSession(tx, sessionIdHash);
        repo::AuditEntry e;
        e.actor = repo::Actor::user(userId);
        e.clientAddress = std::string(clientAddress);
        e.action = "logout";
        e.targetUserId = userId;
        repo::recordAudit(tx, e);
    });
}

}  // namespace ktk::service
