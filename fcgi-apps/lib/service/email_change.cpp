#include "service/email_change.h"

#include "crypto/password.h"
#include "db/database.h"
#include "mail/queue.h"
#include "repo/accounts.h"
#include "repo/email_changes.h"
#include "repo/login_devices.h"
#include "repo/mail_throttle.h"
#include "repo/one_time_links.h"
#include "repo/sessions.h"
#include "service/account_mail.h"
#include "service/login.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "util/json.h"

namespace ktk::service {

namespace {

constexpr const char* kRequestPurpose = "email_change";
constexpr const char* kTakenPurpose = "email_change_taken";

void audit(db::Tx& tx, const repo::Actor& actor, std::string_view clientAddress, const char* action,
           std::uint64_t userId, std::optional<std::string> before, std::string after) {
    repo::AuditEntry e;
    e.actor = actor;
    e.clientAddress = std::string(clientAddress);
    e.action = action;
    e.targetUserId = userId;
    e.before = std::move(before);
    e.after = std::move(after);
    repo::recordAudit(tx, e);
}

std::string shownTime(const repo::Account& to, std::int64_t at) {
    return to.language == domain::Lang::Hu ? util::hungarianTime(at) : util::hungarianTimeIso(at);
}

// A mail about the change to `to` (the account as it stands, or a copy
// addressed to the other address), with both addresses and the time.
mail::Message changeMail(const repo::Account& to, const char* kind, const std::string& oldEmail,
                         const std::string& newEmail, std::int64_t at, const config::Config& config) {
    mail::Message m = mailTo(to, kind, config);
    m.values.insert(m.values.end(), {{"OLD_EMAIL", oldEmail},
                                     {"NEW_EMAIL", newEmail},
                                     {"TIME", shownTime(to, at)},
                                     {"UTC_OFFSET", util::hungarianOffsetLabel(at)}});
    return m;
}

repo::Account addressedTo(repo::Account a, const std::string& email) {
    a.email = email;
    return a;
}

std::string link(const config::Config& config, const char* path, const std::string& token, domain::Lang lang) {
    return config.baseUrl + path + "?token=" + token + "&lang=" + code(lang);
}

}  // namespace

mail::Message emailChangeConfirmMail(const repo::Account& owner, const std::string& newEmail,
                                     const std::string& linkUrl, std::int64_t at, const config::Config& config) {
    mail::Message m =
        changeMail(addressedTo(owner, newEmail), kEmailChangeConfirmMailKind, owner.email, newEmail, at, config);
    m.values.emplace_back("LINK", linkUrl);
    return m;
}

mail::Message emailChangeNoticeMail(const repo::Account& owner, const std::string& newEmail,
                                    const std::string& cancelLink, bool byOffice, std::int64_t at,
                                    const config::Config& config) {
    mail::Message m = changeMail(owner, kEmailChangeNoticeMailKind, owner.email, newEmail, at, config);
    m.values.emplace_back("CANCEL_LINK", cancelLink);
    m.sections.emplace_back(byOffice ? "BY_OFFICE" : "BY_OWNER");
    return m;
}

mail::Message emailChangedMail(const repo::Account& owner, bool toOld, const std::string& oldEmail,
                               const std::string& newEmail, const std::string& cancelLink, std::int64_t at,
                               const config::Config& config) {
    mail::Message m =
        changeMail(addressedTo(owner, toOld ? oldEmail : newEmail), kEmailChangedMailKind, oldEmail, newEmail, at,
                   config);
    m.sections.emplace_back(toOld ? "TO_OLD" : "TO_NEW");
    if (toOld) {
        m.values.emplace_back("CANCEL_LINK", cancelLink);
        m.values.emplace_back("CANCEL_UNTIL", shownTime(owner, at + kEmailChangeRevertWindow));
    }
    return m;
}

mail::Message emailChangeRevertedMail(const repo::Account& owner, bool toOld, const std::string& oldEmail,
                                      const std::string& newEmail, std::int64_t at, const config::Config& config) {
    mail::Message m = changeMail(addressedTo(owner, toOld ? oldEmail : newEmail), kEmailChangeRevertedMailKind,
                                 oldEmail, newEmail, at, config);
    m.sections.emplace_back(toOld ? "TO_OLD" : "TO_NEW");
    return m;
}

namespace {

// The request proper, for an account locked by the caller and checked
// (password or clerk): mail slot, the row, the mails, the audit row.
EmailChangeOutcome startChange(db::Tx& tx, const config::Config& config, const view::Views& views,
                               const repo::Account& a, const domain::EmailAddress& to, const repo::Actor& actor,
                               std::optional<std::uint64_t> requestedBy, std::string_view clientAddress) {
    const std::int64_t now = util::now();
    const std::string oldKey = repo::storedEmailKey(tx, a.id);
    switch (repo::takeMailSlot(tx, a.id, kRequestPurpose, now, kEmailChangeMailInterval)) {
        case repo::MailSlot::Taken: break;
        case repo::MailSlot::TooSoon:
            audit(tx, actor, clientAddress, "email.change_refused", a.id, std::nullopt,
                  util::jsonText({{"reason", "too_soon"}}));
            return EmailChangeOutcome::TooSoon;
        case repo::MailSlot::DayFull:
            audit(tx, actor, clientAddress, "email.change_refused", a.id, std::nullopt,
                  util::jsonText({{"reason", "day_full"}}));
            return EmailChangeOutcome::DayFull;
    }
    // Only the newest request can be confirmed.
    repo::voidPendingEmailChanges(tx, a.id, now);
    const repo::EmailChangeTokens tokens =
        repo::createEmailChange(tx, {a.id, requestedBy, a.email, oldKey, to.value, to.key}, now, kEmailChangeLifetime);

    // The old address hears of every request, whatever became of the new
    // one: what it shows is the same for a free and a taken address.
    mail::enqueue(tx, config, views,
                  emailChangeNoticeMail(a, to.value, link(config, "/profile/email/cancel", tokens.cancel, a.language),
                                        requestedBy && *requestedBy != a.id, now, config));

    std::optional<repo::Account> owner = repo::findAccount(tx, to.key);
    if (owner) {
        // Another account's address: no link to it, ever; its owner is told
        // (in their language), at most once per 10 minutes.
        if (repo::takeMailSlot(tx, owner->id, kTakenPurpose, now, kEmailChangeNoticeInterval) ==
            repo::MailSlot::Taken)
            mail::enqueue(tx, config, views, mailTo(*owner, kEmailChangeTakenMailKind, config));
    } else {
        mail::enqueue(tx, config, views,
                      emailChangeConfirmMail(a, to.value,
                                             link(config, "/profile/email/confirm", tokens.confirm, a.language), now,
                                             config));
    }
    audit(tx, actor, clientAddress, "email.change_requested", a.id, util::jsonText({{"email", a.email}}),
          util::jsonText({{"new_email", to.value}, {"by", requestedBy && *requestedBy != a.id ? "clerk" : "owner"}}));
    return EmailChangeOutcome::Requested;
}

// The request behind a token, its account locked first (the order every
// flow here takes: account, then request), then the request.
struct Locked {
    repo::EmailChange change;
    repo::Account account;
};

template <class Find>
std::optional<Locked> lockByToken(db::Tx& tx, Find find) {
    std::optional<repo::EmailChange> peek = find(false);
    if (!peek) return std::nullopt;
    std::optional<repo::Account> a = repo::findAccountById(tx, peek->userId, repo::Lock::ForUpdate);
    if (!a) return std::nullopt;
    std::optional<repo::EmailChange> c = find(true);
    if (!c) return std::nullopt;
    return Locked{*c, *a};
}

// Ends the account's sessions (but `keepIdHash`), revokes its device
// cookies, voids its reset links and its other pending requests (after
// switching back: every open one, `all`).
int secureAccount(db::Tx& tx, std::uint64_t userId, std::uint64_t keepChange, std::int64_t now,
                  std::string_view keepIdHash, bool all) {
    if (all) repo::voidEmailChanges(tx, userId, now);
    else repo::voidPendingEmailChanges(tx, userId, now, keepChange);
    repo::voidLinks<repo::PasswordResetLinks>(tx, userId, now);
    repo::revokeDevices(tx, userId, now);
    return repo::endSessionsOfUser(tx, userId, keepIdHash);
}

}  // namespace

EmailChangeOutcome requestEmailChange(db::Database& db, const config::Config& config, const view::Views& views,
                                      std::uint64_t userId, std::string_view currentPassword,
                                      const domain::EmailAddress& newAddress, std::string_view clientAddress) {
    std::optional<repo::Account> before = db.autocommit([&](db::Tx& tx) { return repo::findAccountById(tx, userId); });
    if (!before) return EmailChangeOutcome::UnknownUser;
    if (domain::emailKey(before->email) == newAddress.key) return EmailChangeOutcome::SameAddress;
    const std::int64_t now = util::now();
    if (domain::throttleBlocks(before->throttle, now)) {
        // As on the Security tab: nothing is checked or counted while a lock runs.
        db.transact([&](db::Tx& tx) {
            audit(tx, repo::Actor::user(userId), clientAddress, "email.change_refused", userId, std::nullopt,
                  util::jsonText({{"reason", "locked"}}));
        });
        return EmailChangeOutcome::Locked;
    }
    // One verification whatever the new address is: a taken one and a free
    // one take as long.
    if (!crypto::verifyPassword(currentPassword, before->passwordHash)) {
        db.transact([&](db::Tx& tx) {
            recordPasswordFailure(tx, userId, now, clientAddress, "wrong_current_password", true);
        });
        return EmailChangeOutcome::WrongPassword;
    }
    return db.transact([&](db::Tx& tx) {
        std::optional<repo::Account> a = repo::findAccountById(tx, userId, repo::Lock::ForUpdate);
        if (!a || a->passwordHash != before->passwordHash) return EmailChangeOutcome::WrongPassword;
        if (repo::storedEmailKey(tx, a->id) == newAddress.key) return EmailChangeOutcome::SameAddress;
        return startChange(tx, config, views, *a, newAddress, repo::Actor::user(userId), userId, clientAddress);
    });
}

EmailChangeOutcome startEmailChangeForContact(db::Database& db, const config::Config& config,
                                              const view::Views& views, const AdminActor& clerk,
                                              std::string_view contactKey, const domain::EmailAddress& newAddress) {
    return db.transact([&](db::Tx& tx) {
        std::optional<repo::Account> a = repo::findAccount(tx, contactKey, repo::Lock::ForUpdate);
        if (!a) return EmailChangeOutcome::UnknownUser;
        if (a->clerk) return EmailChangeOutcome::NotAContact;
        if (clerk.officeId && !repo::withinOffice(*a, *clerk.officeId)) {
            recordDenied(tx, clerk, "email.change_request", "user_outside_office", a->id, a->municipalityId());
            return EmailChangeOutcome::OutsideOffice;
        }
        if (repo::storedEmailKey(tx, a->id) == newAddress.key) return EmailChangeOutcome::SameAddress;
        return startChange(tx, config, views, *a, newAddress, clerk.who, clerk.who.userId, clerk.clientAddress);
    });
}

EmailLink inspectEmailConfirmLink(db::Database& db, std::string_view token) {
    return db.autocommit([&](db::Tx& tx) {
        EmailLink out;
        std::optional<repo::EmailChange> c = repo::findByConfirmToken(tx, token);
        if (!c) return out;
        std::optional<repo::Account> a = repo::findAccountById(tx, c->userId);
        if (!a) return out;
        if (c->cancelledAt || c->confirmedAt) out.state = EmailLinkState::Used;
        else if (c->expiresAt <= util::now()) out.state = EmailLinkState::Expired;
        else {
            out.state = EmailLinkState::Pending;
            out.oldEmail = c->oldEmail;
            out.newEmail = c->newEmail;
            out.lastName = a->lastName;
            out.firstName = a->firstName;
        }
        return out;
    });
}

EmailLink inspectEmailCancelLink(db::Database& db, std::string_view token) {
    return db.autocommit([&](db::Tx& tx) {
        EmailLink out;
        std::optional<repo::EmailChange> c = repo::findByCancelToken(tx, token);
        if (!c) return out;
        std::optional<repo::Account> a = repo::findAccountById(tx, c->userId);
        if (!a) return out;
        if (c->cancelledAt) out.state = EmailLinkState::Used;
        else if (c->cancelUntil <= util::now()) out.state = EmailLinkState::Expired;
        else {
            out.state = c->confirmedAt ? EmailLinkState::Confirmed : EmailLinkState::Pending;
            out.oldEmail = c->oldEmail;
            out.newEmail = c->newEmail;
            out.lastName = a->lastName;
            out.firstName = a->firstName;
        }
        return out;
    });
}

EmailConfirm confirmEmailChange(db::Database& db, const config::Config& config, const view::Views& views,
                                std::string_view token, std::string_view sessionIdHash,
                                std::optional<std::uint64_t> sessionUserId, std::string_view clientAddress) {
    return db.transact([&](db::Tx& tx) -> EmailConfirm {
        const std::int64_t now = util::now();
        std::optional<Locked> l =
            lockByToken(tx, [&](bool forUpdate) { return repo::findByConfirmToken(tx, token, forUpdate); });
        if (!l) return {EmailConfirmOutcome::Unknown, {}};
        const repo::EmailChange& c = l->change;
        if (c.cancelledAt || c.confirmedAt) return {EmailConfirmOutcome::Used, {}};
        if (c.expiresAt <= now) return {EmailConfirmOutcome::Expired, {}};
        // The account's address changed since the request (another route):
        // this request is void.
        if (repo::storedEmailKey(tx, c.userId) != c.oldEmailKey) {
            repo::markEmailChangeCancelled(tx, c.id, now);
            return {EmailConfirmOutcome::Used, {}};
        }
        // Taken meanwhile (a registration, another change): nothing changes,
        // the link stays as it was.
        if (!repo::setAccountEmail(tx, c.userId, c.newEmail, c.newEmailKey)) {
            audit(tx, repo::Actor::user(c.userId), clientAddress, "email.change_refused", c.userId, std::nullopt,
                  util::jsonText({{"reason", "address_taken"}, {"new_email", c.newEmail}}));
            return {EmailConfirmOutcome::AddressTaken, {}};
        }
        const std::string revert = repo::markEmailChangeConfirmed(tx, c.id, now, now + kEmailChangeRevertWindow);
        const bool keep = sessionUserId && *sessionUserId == c.userId && !sessionIdHash.empty();
        const int ended =
            secureAccount(tx, c.userId, c.id, now, keep ? sessionIdHash : std::string_view{}, false);
        EmailConfirm out{EmailConfirmOutcome::Changed, {}};
        if (keep) out.sessionId = repo::renewSession(tx, sessionIdHash).value_or("");
        audit(tx, repo::Actor::user(c.userId), clientAddress, "email.changed", c.userId,
              util::jsonText({{"email", c.oldEmail}}),
              util::jsonText({{"email", c.newEmail}, {"sessions_ended", ended}}));
        const repo::Account& a = l->account;
        mail::enqueue(tx, config, views, emailChangedMail(a, false, c.oldEmail, c.newEmail, "", now, config));
        mail::enqueue(tx, config, views,
                      emailChangedMail(a, true, c.oldEmail, c.newEmail,
                                       link(config, "/profile/email/cancel", revert, a.language), now, config));
        return out;
    });
}

EmailCancelOutcome cancelEmailChange(db::Database& db, const config::Config& config, const view::Views& views,
                                     std::string_view token, std::string_view clientAddress) {
    return db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        std::optional<Locked> l =
            lockByToken(tx, [&](bool forUpdate) { return repo::findByCancelToken(tx, token, forUpdate); });
        if (!l) return EmailCancelOutcome::Unknown;
        const repo::EmailChange& c = l->change;
        // Whoever holds the old mailbox acts: the audit names the account.
        const repo::Actor actor = repo::Actor::user(c.userId);
        if (c.cancelledAt) return EmailCancelOutcome::Used;
        if (c.cancelUntil <= now) return EmailCancelOutcome::Expired;
        if (!c.confirmedAt) {
            repo::markEmailChangeCancelled(tx, c.id, now);
            audit(tx, actor, clientAddress, "email.change_cancelled", c.userId, std::nullopt,
                  util::jsonText({{"new_email", c.newEmail}}));
            return EmailCancelOutcome::Cancelled;
        }
        // After the change: back to the old address, if nobody took it since.
        const std::string current = l->account.email;
        if (!repo::setAccountEmail(tx, c.userId, c.oldEmail, c.oldEmailKey)) {
            audit(tx, actor, clientAddress, "email.revert_refused", c.userId, std::nullopt,
                  util::jsonText({{"reason", "address_taken"}, {"email", c.oldEmail}}));
            return EmailCancelOutcome::OldAddressTaken;
        }
        repo::markEmailChangeCancelled(tx, c.id, now);
        const int ended = secureAccount(tx, c.userId, c.id, now, {}, true);
        audit(tx, actor, clientAddress, "email.change_reverted", c.userId, util::jsonText({{"email", current}}),
              util::jsonText({{"email", c.oldEmail}, {"sessions_ended", ended}}));
        const repo::Account& a = l->account;
        mail::enqueue(tx, config, views, emailChangeRevertedMail(a, true, c.oldEmail, current, now, config));
        if (domain::emailKey(current) != c.oldEmailKey)
            mail::enqueue(tx, config, views, emailChangeRevertedMail(a, false, c.oldEmail, current, now, config));
        return EmailCancelOutcome::Reverted;
    });
}

}  // namespace ktk::service
