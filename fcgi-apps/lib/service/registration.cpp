#include "service/registration.h"

#include <cppconn/exception.h>

#include "crypto/random.h"
#include "domain/email.h"
#include "domain/person_name.h"
#include "mail/queue.h"
#include "repo/mail_throttle.h"
#include "util/clock.h"

namespace ktk::service {

namespace {

constexpr const char* kConfirmPurpose = "confirm";
constexpr const char* kNoticePurpose = "registration_notice";

struct Account {
    std::uint64_t id = 0;
    std::string email;
    std::string lastName;
    std::string firstName;
    domain::Lang lang = domain::kDefaultLang;
};

Account readAccount(db::Row& row) {
    Account a;
    a.id = row->getUInt64("id");
    a.email = row->getString("email");
    a.lastName = row->getString("last_name");
    a.firstName = row->getString("first_name");
    a.lang = domain::parseLang(std::string(row->getString("language"))).value_or(domain::kDefaultLang);
    return a;
}

mail::Message messageTo(const Account& a, const char* kind, const config::Config& config) {
    mail::Message m;
    m.kind = kind;
    m.toAddress = a.email;
    m.toName = domain::displayName(a.lastName, a.firstName, a.lang);
    m.lang = a.lang;
    m.values = {
        {"NAME", m.toName},
        {"HELPDESK_EMAIL", config.helpdeskEmail},
        {"LOGIN_URL", config.baseUrl + "/login"},
        {"RESEND_URL", config.baseUrl + "/confirm/resend?lang=" + code(a.lang)},
        {"FORGOT_URL", config.baseUrl + "/password/forgot?lang=" + code(a.lang)},
    };
    return m;
}

// A new link (only its hash is stored) and the mail that carries it. The
// link comes from base_url, never from the request's Host header.
void sendConfirmationLink(db::Tx& tx, const config::Config& config, const view::Views& views, const Account& a,
                          std::int64_t now) {
    const std::string token = crypto::randomToken();
    tx.update("INSERT INTO email_confirmations (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)", a.id,
              crypto::sha256Hex(token), util::sqlTime(now), util::sqlTime(now + kConfirmationLifetime));
    mail::Message m = messageTo(a, kConfirmMailKind, config);
    m.values.emplace_back("LINK", config.baseUrl + "/confirm?token=" + token + "&lang=" + code(a.lang));
    mail::enqueue(tx, config, views, m);
}

}  // namespace

RegisterOutcome registerAccount(db::Database& db, const config::Config& config, const view::Views& views,
                                const NewAccount& n) {
    const std::string key = domain::emailKey(n.email);
    return db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        try {
            tx.update("INSERT INTO users (email, email_key, password_hash, last_name, first_name, phone, language, "
                      "role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'contact', ?)",
                      n.email, key, n.passwordHash, n.lastName, n.firstName, n.phone, code(n.lang), util::sqlTime(now));
        } catch (const sql::SQLException& e) {
            if (e.getErrorCode() != db::kDuplicateKey) throw;
            // The address has an account: its owner hears about the attempt
            // instead, in the owner's language, and nothing else changes.
            db::Row row = tx.query(
                "SELECT id, email, last_name, first_name, language FROM users WHERE email_key = ?", key);
            if (row->next()) {
                Account owner = readAccount(row);
                if (repo::takeMailSlot(tx, owner.id, kNoticePurpose, now, kNoticeMailInterval))
                    mail::enqueue(tx, config, views, messageTo(owner, kNoticeMailKind, config));
            }
            return RegisterOutcome::AddressTaken;
        }
        Account a;
        a.id = tx.lastInsertId();
        a.email = n.email;
        a.lastName = n.lastName;
        a.firstName = n.firstName;
        a.lang = n.lang;
        repo::takeMailSlot(tx, a.id, kConfirmPurpose, now, kConfirmationMailInterval);
        sendConfirmationLink(tx, config, views, a, now);
        return RegisterOutcome::Created;
    });
}

LinkState inspectConfirmationLink(db::Database& db, std::string_view token) {
    if (!crypto::isToken(token)) return LinkState::Unknown;
    const std::string hash = crypto::sha256Hex(token);
    return db.transact([&](db::Tx& tx) {
        db::Row row = tx.query(
            "SELECT c.used_at IS NOT NULL OR u.confirmed_at IS NOT NULL AS done, c.expires_at > ? AS fresh "
            "FROM email_confirmations c JOIN users u ON u.id = c.user_id WHERE c.token_hash = ?",
            util::sqlTime(util::now()), hash);
        if (!row->next()) return LinkState::Unknown;
        if (row->getBoolean("done")) return LinkState::AlreadyConfirmed;
        if (!row->getBoolean("fresh")) return LinkState::Expired;
        return LinkState::Valid;
    });
}

ConfirmOutcome confirmAddress(db::Database& db, const config::Config& config, const view::Views& views,
                              std::string_view token) {
    if (!crypto::isToken(token)) return ConfirmOutcome::Unknown;
    const std::string hash = crypto::sha256Hex(token);
    return db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        const std::string nowSql = util::sqlTime(now);
        // The atomic use: of two presses of the button, one wins.
        if (tx.update("UPDATE email_confirmations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
                      "AND expires_at > ?",
                      nowSql, hash, nowSql) != 1) {
            db::Row row = tx.query("SELECT used_at IS NOT NULL AS used FROM email_confirmations WHERE token_hash = ?",
                                   hash);
            if (!row->next()) return ConfirmOutcome::Unknown;
            return row->getBoolean("used") ? ConfirmOutcome::AlreadyConfirmed : ConfirmOutcome::Expired;
        }
        db::Row row = tx.query(
            "SELECT u.id, u.email, u.last_name, u.first_name, u.language FROM email_confirmations c "
            "JOIN users u ON u.id = c.user_id WHERE c.token_hash = ?",
            hash);
        if (!row->next()) return ConfirmOutcome::Unknown;
        Account a = readAccount(row);
        // Another link of the same account may have confirmed it already.
        if (tx.update("UPDATE users SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL", nowSql, a.id) != 1)
            return ConfirmOutcome::AlreadyConfirmed;
        mail::Message m = messageTo(a, kConfirmedMailKind, config);
        m.values.emplace_back("EMAIL", a.email);
        mail::enqueue(tx, config, views, m);
        return ConfirmOutcome::Confirmed;
    });
}

void resendConfirmation(db::Database& db, const config::Config& config, const view::Views& views,
                        std::string_view emailKey) {
    db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        db::Row row = tx.query(
            "SELECT id, email, last_name, first_name, language FROM users "
            "WHERE email_key = ? AND confirmed_at IS NULL AND disabled_at IS NULL AND role = 'contact'",
            emailKey);
        if (!row->next()) return;
        Account a = readAccount(row);
        if (!repo::takeMailSlot(tx, a.id, kConfirmPurpose, now, kConfirmationMailInterval)) return;
        sendConfirmationLink(tx, config, views, a, now);
    });
}

}  // namespace ktk::service
