#include "service/registration.h"

#include "domain/email.h"
#include "repo/accounts.h"
#include "repo/audit.h"
#include "repo/mail_throttle.h"
#include "repo/one_time_links.h"
#include "repo/registrations.h"
#include "service/account_mail.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/log.h"

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
                                const NewAccount& n, std::string_view clientAddress) {
    const std::string key = domain::emailKey(n.email);
    repo::Account a;
    a.email = n.email;
    a.lastName = n.lastName;
    a.firstName = n.firstName;
    a.language = n.lang;
    // Twice at most: see the end of the loop.
    for (int round = 0;; ++round) {
        const bool created = db.transact([&](db::Tx& tx) {
            const std::int64_t now = util::now();
            if (tx.insert("INSERT INTO users (email, email_key, password_hash, last_name, first_name, phone, language, "
                          "role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'contact', ?)",
                          n.email, key, n.passwordHash, n.lastName, n.firstName, n.phone, code(n.lang),
                          util::sqlTime(now)) == db::Insert::Duplicate)
                return false;
            a.id = tx.lastInsertId();
            if (repo::takeMailSlot(tx, a.id, kConfirmPurpose, now, kConfirmationMailInterval) == repo::MailSlot::Taken)
                sendConfirmationLink(tx, config, views, a, now);
            return true;
        });
        if (created) return RegisterOutcome::Created;
        // The address has an account. A transaction of its own, which locks
        // the account before anything else: parallel registrations for one
        // address then wait in turn instead of deadlocking over the shared
        // lock the refused INSERT took.
        std::optional<RegisterOutcome> outcome = db.transact([&](db::Tx& tx) -> std::optional<RegisterOutcome> {
            const std::int64_t now = util::now();
            std::optional<repo::Account> owner = repo::findAccount(tx, key, repo::Lock::ForUpdate);
            if (!owner) return std::nullopt;
            // Not confirmed yet: whoever reads the mailbox decides, so the newest
            // registration replaces the pending one and only its link works.
            if (repo::replacePendingRegistration(
                    tx, owner->id, {n.email, n.lastName, n.firstName, n.phone, n.lang, n.passwordHash}, now)) {
                a.id = owner->id;
                const bool mailed = repo::takeMailSlot(tx, a.id, kConfirmPurpose, now, kConfirmationMailInterval) ==
                                    repo::MailSlot::Taken;
                if (mailed) sendConfirmationLink(tx, config, views, a, now);
                repo::AuditEntry e;
                e.clientAddress = std::string(clientAddress);
                e.action = "registration.replaced";
                e.targetUserId = a.id;
                e.before = util::jsonText({{"last_name", owner->lastName}, {"first_name", owner->firstName},
                                           {"registered_at", owner->createdAt}});
                e.after = util::jsonText({{"last_name", n.lastName}, {"first_name", n.firstName}, {"mailed", mailed}});
                repo::recordAudit(tx, e);
                return RegisterOutcome::Replaced;
            }
            // A confirmed (or disabled) account: its owner hears about the
            // attempt instead, in the owner's language, and nothing else changes.
            if (repo::takeMailSlot(tx, owner->id, kNoticePurpose, now, kNoticeMailInterval) == repo::MailSlot::Taken)
                mail::enqueue(tx, config, views, mailTo(*owner, kNoticeMailKind, config));
            return RegisterOutcome::AddressTaken;
        });
        if (outcome) return *outcome;
        // The INSERT was refused as a duplicate, yet no account holds the
        // address: it was removed in the meantime, or the clash was on
        // another key (on a database cluster, an id handed out twice while
        // the writer changed). Nothing was stored, so the registration runs
        // once more rather than answer "done" for it.
        if (round == 1) {
            util::logWarn("registration: refused as a duplicate twice, but no account holds the address");
            return RegisterOutcome::AddressTaken;
        }
    }
}

ConfirmationLink inspectConfirmationLink(db::Database& db, std::string_view token) {
    return db.autocommit([&](db::Tx& tx) {
        ConfirmationLink out;
        const repo::Link link = repo::inspectLink<repo::ConfirmationLinks>(tx, token, util::now());
        if (link.state == repo::LinkState::Unknown) return out;
        // The address may have been confirmed through another of its links.
        std::optional<repo::Account> a = repo::findAccountById(tx, link.userId);
        if (!a) return out;
        if (link.state == repo::LinkState::Used || a->confirmedAt) out.state = LinkState::AlreadyConfirmed;
        else if (link.state == repo::LinkState::Expired) out.state = LinkState::Expired;
        else {
            out.state = LinkState::Valid;
            out.lastName = a->lastName;
            out.firstName = a->firstName;
        }
        return out;
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
        if (repo::takeMailSlot(tx, a->id, kConfirmPurpose, now, kConfirmationMailInterval) != repo::MailSlot::Taken)
            return;
        sendConfirmationLink(tx, config, views, *a, now);
    });
}

int purgePendingRegistrations(db::Database& db, unsigned pendingDays, const repo::Actor& actor) {
    constexpr unsigned kBatch = 200;  // rows locked by one transaction
    int removed = 0;
    for (;;) {
        const int batch = db.transact([&](db::Tx& tx) {
            const std::int64_t cutoff = util::now() - std::int64_t(pendingDays) * 24 * 3600;
            int n = 0;
            for (const repo::PendingRegistration& p : repo::lockPendingBefore(tx, cutoff, kBatch)) {
                if (!repo::deletePendingRegistration(tx, p.id, cutoff)) continue;
                repo::AuditEntry e;
                e.actor = actor;
                e.action = "registration.purged";
                e.targetUserId = p.id;
                e.before = util::jsonText({{"email", p.emailKey}, {"registered_at", p.createdAt}});
                e.after = util::jsonText({{"pending_days", pendingDays}});
                repo::recordAudit(tx, e);
                ++n;
            }
            return n;
        });
        removed += batch;
        if (batch < int(kBatch)) return removed;
    }
}

}  // namespace ktk::service
