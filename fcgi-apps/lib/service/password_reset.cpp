#include "service/password_reset.h"

#include "crypto/random.h"
#include "domain/email.h"
#include "domain/person_name.h"
#include "mail/queue.h"
#include "repo/audit.h"
#include "repo/login_throttle.h"
#include "repo/mail_throttle.h"
#include "util/clock.h"
#include "util/json.h"

namespace ktk::service {

namespace {

constexpr const char* kResetPurpose = "password_reset";  // mail_throttle.purpose

// Columns 1–5 of the user queries below: id, email, last_name, first_name, language.
PasswordOwner readOwner(db::Row& r, unsigned first) {
    PasswordOwner o;
    o.id = r->getUInt64(first);
    o.email = r->getString(first + 1);
    o.lastName = r->getString(first + 2);
    o.firstName = r->getString(first + 3);
    o.lang = domain::parseLang(std::string(r->getString(first + 4))).value_or(domain::kDefaultLang);
    return o;
}

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

}  // namespace

void requestPasswordReset(db::Database& db, const config::Config& config, const view::Views& views,
                          std::string_view email, std::string_view clientAddress) {
    const std::string key = domain::emailKey(email);
    db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        db::Row r = tx.query(
            "SELECT id, email, last_name, first_name, language, disabled_at IS NOT NULL FROM users WHERE email_key = ?",
            key);
        if (!r->next()) {
            // Validated as an address, so never a password typed by mistake.
            auditRequest(tx, clientAddress, std::nullopt,
                         util::Json{{"mailed", false}, {"reason", "unknown_account"}, {"email", key}});
            return;
        }
        const PasswordOwner owner = readOwner(r, 1);
        if (r->getBoolean(6)) {
            auditRequest(tx, clientAddress, owner.id, util::Json{{"mailed", false}, {"reason", "disabled"}});
            return;
        }
        if (!repo::takeMailSlot(tx, owner.id, kResetPurpose, now, kResetMailInterval)) {
            auditRequest(tx, clientAddress, owner.id, util::Json{{"mailed", false}, {"reason", "too_soon"}});
            return;
        }
        const std::string token = crypto::randomToken();
        tx.update("INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
                  owner.id, crypto::sha256Hex(token), util::sqlTime(now), util::sqlTime(now + kResetLinkLifetime));

        mail::Message m;
        m.kind = kPasswordResetMailKind;
        m.toAddress = owner.email;
        m.toName = domain::displayName(owner.lastName, owner.firstName, owner.lang);
        m.lang = owner.lang;
        // From base_url, never from the request's Host header.
        m.values = {
            {"NAME", m.toName},
            {"LINK", config.baseUrl + "/password/reset?token=" + token + "&lang=" + code(owner.lang)},
            {"FORGOT_URL", config.baseUrl + "/password/forgot?lang=" + code(owner.lang)},
        };
        mail::enqueue(tx, config, views, m);
        auditRequest(tx, clientAddress, owner.id, util::Json{{"mailed", true}});
    });
}

ResetLink inspectResetLink(db::Database& db, std::string_view token) {
    if (!crypto::isToken(token)) return ResetLink{};
    const std::string hash = crypto::sha256Hex(token);
    return db.autocommit([&](db::Tx& tx) {  // one read
        ResetLink link;
        db::Row r = tx.query(
            "SELECT u.id, u.email, u.last_name, u.first_name, u.language, u.disabled_at IS NOT NULL,"
            " r.used_at IS NOT NULL, r.expires_at > ?"
            " FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = ?",
            util::sqlTime(util::now()), hash);
        if (!r->next() || r->getBoolean(6)) return link;
        if (r->getBoolean(7)) link.state = ResetLinkState::Used;
        else if (!r->getBoolean(8)) link.state = ResetLinkState::Expired;
        else {
            link.state = ResetLinkState::Valid;
            link.owner = readOwner(r, 1);
        }
        return link;
    });
}

ResetOutcome resetPassword(db::Database& db, const config::Config& config, const view::Views& views,
                           std::string_view token, const std::string& newHash, std::string_view clientAddress) {
    if (!crypto::isToken(token)) return ResetOutcome::Unknown;
    const std::string hash = crypto::sha256Hex(token);
    return db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        const std::string nowSql = util::sqlTime(now);
        // The atomic use: of two presses of the button, one wins.
        if (tx.update("UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
                      "AND expires_at > ?",
                      nowSql, hash, nowSql) != 1) {
            db::Row r = tx.query("SELECT used_at IS NOT NULL FROM password_resets WHERE token_hash = ?", hash);
            if (!r->next()) return ResetOutcome::Unknown;
            return r->getBoolean(1) ? ResetOutcome::Used : ResetOutcome::Expired;
        }
        db::Row r = tx.query(
            "SELECT u.id, u.email, u.last_name, u.first_name, u.language, u.disabled_at IS NOT NULL"
            " FROM password_resets p JOIN users u ON u.id = p.user_id WHERE p.token_hash = ? FOR UPDATE",
            hash);
        // A link of an account disabled since the mail is spent, and changes nothing.
        if (!r->next() || r->getBoolean(6)) return ResetOutcome::Unknown;
        const PasswordOwner owner = readOwner(r, 1);
        std::optional<domain::ThrottleState> lock = repo::loadThrottle(tx, owner.id, true);
        const bool wasLocked = lock && domain::throttleBlocks(*lock, now);
        const int ended = replacePassword(tx, owner.id, newHash, now);

        repo::AuditEntry e;
        // Whoever holds the link has proved they read the account's mail.
        e.actor = repo::Actor::user(owner.id);
        e.clientAddress = std::string(clientAddress);
        e.action = "password.reset_completed";
        e.targetUserId = owner.id;
        e.after = util::jsonText({{"sessions_ended", ended}, {"lock_lifted", wasLocked}});
        repo::recordAudit(tx, e);
        queuePasswordChangedMail(tx, config, views, owner, ChangeRoute::ResetLink, clientAddress, now);
        return ResetOutcome::Done;
    });
}

}  // namespace ktk::service
