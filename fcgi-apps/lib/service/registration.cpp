#include "service/registration.h"

#include "domain/email.h"
#include "repo/accounts.h"
#include "repo/mail_throttle.h"
#include "repo/one_time_links.h"
#include "service/account_mail.h"
#include "util/clock.h"

namespace ktk::service {

namespace {

constexpr const char* kConfirmPurpose = "confirm";
constexpr const char* kNoticePurpose = "registration_notice";

// A new link and the mail that carries it.
void sendConfirmationLink(db::Tx& tx, const config::Config& config, const view::Views& views,
                          const repo::Account& a, std::int64_t now) {
    const std::string token = repo::createLink<repo::ConfirmationLinks>(tx, a.id, now, kConfirmationLifetime);
    mail::Message m = mailTo(a, kConfirmMailKind, config);
    m.values.emplace_back("LINK", config.baseUrl + "/confirm?token=" + token + "&lang=" + code(a.language));
    mail::enqueue(tx, config, views, m);
}

}  // namespace

RegisterOutcome registerAccount(db::Database& db, const config::Config& config, const view::Views& views,
                                const NewAccount& n) {
    const std::string key = domain::emailKey(n.email);
    return db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        if (tx.insert("INSERT INTO users (email, email_key, password_hash, last_name, first_name, phone, language, "
                      "role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'contact', ?)",
                      n.email, key, n.passwordHash, n.lastName, n.firstName, n.phone, code(n.lang),
                      util::sqlTime(now)) == db::Insert::Duplicate) {
            // The address has an account: its owner hears about the attempt
            // instead, in the owner's language, and nothing else changes.
            if (std::optional<repo::Account> owner = repo::findAccount(tx, key))
                if (repo::takeMailSlot(tx, owner->id, kNoticePurpose, now, kNoticeMailInterval))
                    mail::enqueue(tx, config, views, mailTo(*owner, kNoticeMailKind, config));
            return RegisterOutcome::AddressTaken;
        }
        repo::Account a;
        a.id = tx.lastInsertId();
        a.email = n.email;
        a.lastName = n.lastName;
        a.firstName = n.firstName;
        a.language = n.lang;
        repo::takeMailSlot(tx, a.id, kConfirmPurpose, now, kConfirmationMailInterval);
        sendConfirmationLink(tx, config, views, a, now);
        return RegisterOutcome::Created;
    });
}

LinkState inspectConfirmationLink(db::Database& db, std::string_view token) {
    return db.autocommit([&](db::Tx& tx) {
        const repo::Link link = repo::inspectLink<repo::ConfirmationLinks>(tx, token, util::now());
        if (link.state == repo::LinkState::Unknown) return LinkState::Unknown;
        // The address may have been confirmed through another of its links.
        std::optional<repo::Account> a = repo::findAccountById(tx, link.userId);
        if (link.state == repo::LinkState::Used || (a && a->confirmedAt)) return LinkState::AlreadyConfirmed;
        if (link.state == repo::LinkState::Expired) return LinkState::Expired;
        return LinkState::Valid;
    });
}

ConfirmOutcome confirmAddress(db::Database& db, const config::Config& config, const view::Views& views,
                              std::string_view token) {
    return db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        const repo::Link link = repo::useLink<repo::ConfirmationLinks>(tx, token, now);
        switch (link.state) {
            case repo::LinkState::Valid: break;
            case repo::LinkState::Used: return ConfirmOutcome::AlreadyConfirmed;
            case repo::LinkState::Expired: return ConfirmOutcome::Expired;
            case repo::LinkState::Unknown: return ConfirmOutcome::Unknown;
        }
        std::optional<repo::Account> a = repo::findAccountById(tx, link.userId);
        if (!a) return ConfirmOutcome::Unknown;
        // Another link of the same account may have confirmed it already.
        if (tx.update("UPDATE users SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL", util::sqlTime(now),
                      a->id) != 1)
            return ConfirmOutcome::AlreadyConfirmed;
        mail::enqueue(tx, config, views, mailTo(*a, kConfirmedMailKind, config));
        return ConfirmOutcome::Confirmed;
    });
}

void resendConfirmation(db::Database& db, const config::Config& config, const view::Views& views,
                        std::string_view emailKey) {
    db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        std::optional<repo::Account> a = repo::findAccount(tx, emailKey);
        if (!a || a->confirmedAt || a->disabledAt || a->clerk) return;
        if (!repo::takeMailSlot(tx, a->id, kConfirmPurpose, now, kConfirmationMailInterval)) return;
        sendConfirmationLink(tx, config, views, *a, now);
    });
}

}  // namespace ktk::service
