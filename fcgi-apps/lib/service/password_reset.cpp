#include "service/password_reset.h"

#include "db/database.h"
#include "domain/email.h"
#include "mail/queue.h"
#include "repo/audit.h"
#include "repo/login_throttle.h"
#include "repo/mail_throttle.h"
#include "repo/one_time_links.h"
#include "repo/reset_requests.h"
#include "service/account_mail.h"
#include "util/clock.h"
#include "util/json.h"

namespace ktk::service {

namespace {

constexpr const char* kResetPurpose = "password_reset";  // mail_throttle.purpose

void auditRequest(db::Tx& tx, std::string_view clientAddress, std::optional<std::uint64_t> userId,
                  const util::Json& after) {
    repo::AuditEntry e;
    e.actor = repo::Actor::anonymous();  // whoever typed the address
    e.clientAddress = std::string(clientAddress);
    e.action = "password.reset_requested";
    e.targetUserId = userId;
    e.after = util::jsonText(after);
    repo::recordAudit(tx, e);
}

// One request: the mail limits and the link count from when it was made.
void mailResetLink(db::Tx& tx, const config::Config& config, const view::Views& views, const repo::ResetRequest& q) {
    const std::int64_t now = q.requestedAt;
    std::optional<repo::Account> owner = repo::findAccount(tx, q.emailKey);
    if (!owner) {
        // Validated as an address, so never a password typed by mistake.
        auditRequest(tx, q.clientAddress, std::nullopt,
                     {{"mailed", false}, {"reason", "unknown_account"}, {"email", q.emailKey}});
        return;
    }
    if (owner->disabledAt) {
        auditRequest(tx, q.clientAddress, owner->id, {{"mailed", false}, {"reason", "disabled"}});
        return;
    }
    const repo::MailSlot slot = repo::takeMailSlot(tx, owner->id, kResetPurpose, now, kResetMailInterval);
    if (slot != repo::MailSlot::Taken) {
        auditRequest(tx, q.clientAddress, owner->id,
                     {{"mailed", false}, {"reason", slot == repo::MailSlot::TooSoon ? "too_soon" : "daily_cap"}});
        return;
    }
    const std::string token = repo::createLink<repo::PasswordResetLinks>(tx, owner->id, now, kResetLinkLifetime);
    mail::Message m = mailTo(*owner, kPasswordResetMailKind, config);
    m.values.emplace_back("LINK", config.baseUrl + "/password/reset?token=" + token + "&lang=" + code(owner->language));
    mail::enqueue(tx, config, views, m);
    auditRequest(tx, q.clientAddress, owner->id, {{"mailed", true}});
}

}  // namespace

void requestPasswordReset(db::Database& db, std::string_view email, std::string_view clientAddress) {
    const std::string key = domain::emailKey(email);
    db.autocommit([&](db::Tx& tx) { repo::addResetRequest(tx, key, clientAddress, util::now()); });
}

int handleResetRequests(db::Database& db, const config::Config& config, const view::Views& views, unsigned limit) {
    int handled = 0;
    while (handled < int(limit) && db.transact([&](db::Tx& tx) {
        std::optional<repo::ResetRequest> q = repo::takeResetRequest(tx);
        if (!q) return false;
        mailResetLink(tx, config, views, *q);
        repo::deleteResetRequest(tx, q->id);
        return true;
    }))
        ++handled;
    return handled;
}

ResetLink inspectResetLink(db::Database& db, std::string_view token) {
    return db.autocommit([&](db::Tx& tx) {
        ResetLink out;
        const repo::Link link = repo::inspectLink<repo::PasswordResetLinks>(tx, token, util::now());
        if (link.state == repo::LinkState::Unknown) return out;
        std::optional<repo::Account> owner = repo::findAccountById(tx, link.userId);
        // A link of a disabled account is Unknown.
        if (!owner || owner->disabledAt) return out;
        switch (link.state) {
            case repo::LinkState::Valid:
                out.state = ResetLinkState::Valid;
                out.owner = std::move(*owner);
                break;
            case repo::LinkState::Used: out.state = ResetLinkState::Used; break;
            case repo::LinkState::Expired: out.state = ResetLinkState::Expired; break;
            case repo::LinkState::Unknown: break;
        }
        return out;
    });
}

ResetOutcome resetPassword(db::Database& db, const config::Config& config, const view::Views& views,
                           std::string_view token, const std::string& newHash, std::string_view clientAddress) {
    return db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        const repo::Link link = repo::useLink<repo::PasswordResetLinks>(tx, token, now);
        switch (link.state) {
            case repo::LinkState::Valid: break;
            case repo::LinkState::Used: return ResetOutcome::Used;
            case repo::LinkState::Expired: return ResetOutcome::Expired;
            case repo::LinkState::Unknown: return ResetOutcome::Unknown;
        }
        std::optional<repo::Account> owner = repo::findAccountById(tx, link.userId, repo::Lock::ForUpdate);
        // A link of an account disabled since the mail is spent, and changes nothing.
        if (!owner || owner->disabledAt) return ResetOutcome::Unknown;
        const bool wasLocked = domain::throttleBlocks(owner->throttle, now);
        const int ended = replacePassword(tx, owner->id, newHash, now);

        repo::AuditEntry e;
        // Whoever holds the link has proved they read the account's mail.
        e.actor = repo::Actor::user(owner->id);
        e.clientAddress = std::string(clientAddress);
        e.action = "password.reset_completed";
        e.targetUserId = owner->id;
        e.after = util::jsonText({{"sessions_ended", ended}, {"lock_lifted", wasLocked}});
        repo::recordAudit(tx, e);
        queuePasswordChangedMail(tx, config, views, *owner, ChangeRoute::ResetLink, clientAddress, now);
        return ResetOutcome::Done;
    });
}

}  // namespace ktk::service
