#include "service/password_reset.h"

#include "crypto/random.h"
#include "domain/email.h"
#include "domain/person_name.h"
#include "mail/queue.h"
#include "repo/audit.h"
#include "service/login_throttle.h"
#include "service/mail_throttle.h"
#include "util/clock.h"
#include "util/json.h"

namespace ktk::service {

namespace {

constexpr const char* kResetPurpose = "password_reset";  // mail_throttle.purpose

// A link token as crypto::randomToken() makes them: 43 URL-safe characters.
// Anything else is not looked up at all.
bool wellFormedToken(std::string_view token) {
    if (token.size() != 43) return false;
    for (char c : token)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

// Columns 1–5 of the user queries below: id, email, last_name, first_name, language.
PasswordOwner readOwner(db::Row& r, unsigned first) {
    PasswordOwner o;
    o.id = r->getUInt64(first);
    o.email = r->getString(first + 1);
    o.lastName = r->getString(first + 2);
    o.firstName = r->getString(first + 3);
    o.lang = parseLang(std::string(r->getString(first + 4))).value_or(kDefaultLang);
    return o;
}

void auditRequest(db::Tx& tx, std::string_view clientAddress, std::optional<std::uint64_t> userId,
                  const JsonObject& after) {
    audit::Entry e;
    e.actor = audit::Actor::anonymous();  // whoever typed the address
    e.clientAddress = std::string(clientAddress);
    e.action = "password.reset_requested";
    e.targetUserId = userId;
    e.after = after.str();
    audit::record(tx, e);
}

}  // namespace

void requestPasswordReset(db::Database& db, const Config& config, const Views& views, std::string_view email,
                          std::string_view clientAddress) {
    const std::string key = domain::emailKey(email);
    db.transact([&](db::Tx& tx) {
        const std::int64_t now = clock::now();
        db::Row r = tx.query(
            "SELECT id, email, last_name, first_name, language, disabled_at IS NOT NULL FROM users WHERE email_key = ?",
            key);
        if (!r->next()) {
            // Validated as an address, so never a password typed by mistake.
            auditRequest(tx, clientAddress, std::nullopt,
                         JsonObject().add("mailed", false).add("reason", "unknown_account").add("email", key));
            return;
        }
        const PasswordOwner owner = readOwner(r, 1);
        if (r->getBoolean(6)) {
            auditRequest(tx, clientAddress, owner.id, JsonObject().add("mailed", false).add("reason", "disabled"));
            return;
        }
        if (!takeMailSlot(tx, owner.id, kResetPurpose, now, kResetMailInterval)) {
            auditRequest(tx, clientAddress, owner.id, JsonObject().add("mailed", false).add("reason", "too_soon"));
            return;
        }
        const std::string token = crypto::randomToken();
        tx.update("INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
                  owner.id, crypto::sha256Hex(token), clock::toSql(now), clock::toSql(now + kResetLinkLifetime));

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
        auditRequest(tx, clientAddress, owner.id, JsonObject().add("mailed", true));
    });
}

ResetLink inspectResetLink(db::Database& db, std::string_view token) {
    if (!wellFormedToken(token)) return ResetLink{};
    const std::string hash = crypto::sha256Hex(token);
    return db.autocommit([&](db::Tx& tx) {  // one read
        ResetLink link;
        db::Row r = tx.query(
            "SELECT u.id, u.email, u.last_name, u.first_name, u.language, u.disabled_at IS NOT NULL,"
            " r.used_at IS NOT NULL, r.expires_at > ?"
            " FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = ?",
            clock::toSql(clock::now()), hash);
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

ResetOutcome resetPassword(db::Database& db, const Config& config, const Views& views, std::string_view token,
                           const std::string& newHash, std::string_view clientAddress) {
    if (!wellFormedToken(token)) return ResetOutcome::Unknown;
    const std::string hash = crypto::sha256Hex(token);
    return db.transact([&](db::Tx& tx) {
        const std::int64_t now = clock::now();
        const std::string nowSql = clock::toSql(now);
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
        std::optional<throttle::State> lock = throttle::load(tx, owner.id, true);
        const bool wasLocked = lock && throttle::blocks(*lock, now);
        const int ended = replacePassword(tx, owner.id, newHash, now);

        audit::Entry e;
        // Whoever holds the link has proved they read the account's mail.
        e.actor = audit::Actor::user(owner.id);
        e.clientAddress = std::string(clientAddress);
        e.action = "password.reset_completed";
        e.targetUserId = owner.id;
        e.after = JsonObject().add("sessions_ended", ended).add("lock_lifted", wasLocked).str();
        audit::record(tx, e);
        queuePasswordChangedMail(tx, config, views, owner, ChangeRoute::ResetLink, clientAddress, now);
        return ResetOutcome::Done;
    });
}

}  // namespace ktk::service
