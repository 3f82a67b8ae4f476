#include "service/password_change.h"

#include <optional>
#include <stdexcept>

#include "crypto/password.h"
#include "db/database.h"
#include "mail/queue.h"
#include "repo/audit.h"
#include "repo/login_throttle.h"
#include "repo/one_time_links.h"
#include "repo/sessions.h"
#include "service/account_mail.h"
#include "service/login.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "util/json.h"

namespace ktk::service {

namespace {

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
    repo::voidLinks<repo::PasswordResetLinks>(tx, userId, now);
    repo::clearThrottle(tx, userId);
    return repo::endSessionsOfUser(tx, userId, keepSessionIdHash);
}

mail::Message passwordChangedMail(const repo::Account& owner, ChangeRoute route, std::string_view clientAddress,
                                  std::int64_t now, const config::Config& config) {
    mail::Message m = mailTo(owner, kPasswordChangedMailKind, config);
    const std::string time = owner.language == domain::Lang::Hu ? util::hungarianTime(now) : util::hungarianTimeIso(now);
    m.values.insert(m.values.end(), {{"TIME", time},
                                     {"UTC_OFFSET", util::hungarianOffsetLabel(now)},
                                     {"CLIENT_ADDRESS", std::string(clientAddress)}});
    m.sections.emplace_back(route == ChangeRoute::ResetLink ? "VIA_RESET_LINK" : "VIA_SECURITY_TAB");
    return m;
}

void queuePasswordChangedMail(db::Tx& tx, const config::Config& config, const view::Views& views,
                              const repo::Account& owner, ChangeRoute route, std::string_view clientAddress,
                              std::int64_t now) {
    mail::enqueue(tx, config, views, passwordChangedMail(owner, route, clientAddress, now, config));
}

PasswordChange changePassword(db::Database& db, const config::Config& config, const view::Views& views,
                              std::uint64_t userId, std::string_view currentPassword, std::string_view newPassword,
                              std::string_view keepSessionIdHash, std::string_view clientAddress) {
    std::optional<repo::Account> before = db.autocommit([&](db::Tx& tx) { return repo::findAccountById(tx, userId); });
    // The caller's session names the account; sessions go with their account.
    if (!before) throw std::runtime_error("changePassword: account " + std::to_string(userId) + " not found");

    const std::int64_t now = util::now();
    if (domain::throttleBlocks(before->throttle, now)) {
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
        // Under the account's row lock, so the hash cannot change between
        // this read and the update.
        std::optional<repo::Account> a = repo::findAccountById(tx, userId, repo::Lock::ForUpdate);
        // Changed since the check (another tab, a reset): what was checked
        // is no longer the current password.
        if (!a || a->passwordHash != before->passwordHash) return {ChangeOutcome::WrongCurrent, {}};
        const std::int64_t at = util::now();
        if (domain::throttleBlocks(a->throttle, at)) return {ChangeOutcome::Locked, {}};
        const int ended = replacePassword(tx, userId, newHash, at, keepSessionIdHash);
        PasswordChange change{ChangeOutcome::Changed, repo::renewSession(tx, keepSessionIdHash).value_or("")};
        auditByUser(tx, userId, clientAddress, "password.changed",
                    util::jsonText({{"route", "security_tab"}, {"sessions_ended", ended}}));
        queuePasswordChangedMail(tx, config, views, *a, ChangeRoute::SecurityTab, clientAddress, at);
        return change;
    });
}

}  // namespace ktk::service
