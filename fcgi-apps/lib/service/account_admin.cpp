#include "service/account_admin.h"

#include "db/database.h"
#include "domain/tax_number.h"
#include "mail/queue.h"
#include "repo/sessions.h"
#include "service/account_mail.h"
#include "util/clock.h"
#include "util/json.h"

namespace ktk::service {

namespace {

using repo::Account;
using repo::Municipality;

// The account's link as the audit log shows it on either side of a change.
std::string linkJson(const std::optional<Municipality>& m, const std::optional<std::string>& linkedAt) {
    util::Json o{
        {"municipality_id", nullptr}, {"municipality", nullptr}, {"tax_number", nullptr}, {"linked_at", nullptr}};
    if (m) {
        o["municipality_id"] = m->id;
        o["municipality"] = m->name;
        o["tax_number"] = m->taxNumber;
    }
    if (linkedAt) o["linked_at"] = *linkedAt;
    return util::jsonText(o);
}

void record(db::Tx& tx, const AdminActor& actor, const char* action, std::optional<std::uint64_t> user,
            std::optional<std::uint64_t> municipality, std::optional<std::string> before, std::string after) {
    repo::AuditEntry e;
    e.actor = actor.who;
    e.clientAddress = actor.clientAddress;
    e.action = action;
    e.targetUserId = user;
    e.targetMunicipalityId = municipality;
    e.before = std::move(before);
    e.after = std::move(after);
    repo::recordAudit(tx, e);
}

mail::Message mailAbout(const Account& a, const char* kind, const Municipality* municipality,
                        const config::Config& config) {
    mail::Message m = mailTo(a, kind, config);
    if (municipality) {
        m.values.emplace_back("MUNICIPALITY", municipality->name);
        m.values.emplace_back("TAX_NUMBER", municipality->taxNumber);
    }
    return m;
}

// Disables the account and ends its sessions; returns the audit's after value.
std::string disableNow(db::Tx& tx, const Account& a, AdminResult& r) {
    const std::string now = util::sqlTime(util::now());
    tx.update("UPDATE users SET disabled_at = ? WHERE id = ?", now, a.id);
    r.sessionsEnded = repo::endSessionsOfUser(tx, a.id);
    return util::jsonText({{"disabled_at", now}, {"sessions_ended", r.sessionsEnded}});
}

// A tax number not registered yet: only a clerk adds a municipality while
// linking, to their own office, under the name given. Sets r.municipality;
// returns the outcome that stops the link, if any.
std::optional<AdminOutcome> addLinkTarget(db::Tx& tx, const AdminActor& actor, const LinkRequest& req,
                                          const Account& a, AdminResult& r) {
    if (req.newMunicipalityName.empty() || !actor.officeId) return AdminOutcome::UnknownMunicipality;
    std::optional<repo::Office> office = repo::findOffice(tx, *actor.officeId);
    if (!office) return AdminOutcome::OutsideOffice;
    if (!domain::taxNumberInCounty(req.taxNumber, office->countyCode)) {
        std::optional<domain::County> county = domain::findCounty(office->countyCode);
        r.officeCounty = county ? county->name : office->countyCode;
        return AdminOutcome::WrongCounty;
    }
    repo::Inserted added = repo::addMunicipality(tx, req.newMunicipalityName, req.taxNumber, *actor.officeId);
    r.municipality = repo::findMunicipality(tx, req.taxNumber);
    if (added.outcome == db::Insert::Duplicate) {
        // Another clerk registered the tax number a moment ago.
        if (r.municipality->officeId == *actor.officeId) return std::nullopt;
        recordDenied(tx, actor, "user.link", "municipality_outside_office", a.id, r.municipality->id);
        return AdminOutcome::OutsideOffice;
    }
    r.municipalityAdded = true;
    record(tx, actor, "municipality.create", std::nullopt, r.municipality->id, std::nullopt,
           util::jsonText({{"name", r.municipality->name},
                           {"tax_number", r.municipality->taxNumber},
                           {"office_id", r.municipality->officeId},
                           {"office", r.municipality->officeName}}));
    return std::nullopt;
}

}  // namespace

AdminResult onAccount(db::Database& db, const AdminActor& actor, std::string_view emailKey, const char* action,
                      Subject subject, const AccountChange& change) {
    // A clerk acts on no account but the contacts of their office.
    if (subject == Subject::Any && actor.officeId) subject = Subject::Contact;
    return db.transact([&](db::Tx& tx) {
        AdminResult r;
        r.account = repo::findAccount(tx, emailKey, repo::Lock::ForUpdate);
        if (!r.account) r.outcome = AdminOutcome::UnknownUser;
        else if (subject == Subject::Contact && r.account->clerk) r.outcome = AdminOutcome::NotAContact;
        else if (subject == Subject::Clerk && !r.account->clerk) r.outcome = AdminOutcome::NotAClerk;
        else if (subject == Subject::Contact && actor.officeId && !repo::withinOffice(*r.account, *actor.officeId)) {
            recordDenied(tx, actor, action, "user_outside_office", r.account->id, r.account->municipalityId());
            r.outcome = AdminOutcome::OutsideOffice;
        } else {
            r.outcome = change(tx, *r.account, r);
        }
        return r;
    });
}

void recordDenied(db::Tx& tx, const AdminActor& actor, std::string_view action, std::string_view reason,
                  std::optional<std::uint64_t> targetUser, std::optional<std::uint64_t> targetMunicipality) {
    util::Json after{{"attempted", action}, {"reason", reason}};
    if (actor.officeId) after["actor_office_id"] = *actor.officeId;
    record(tx, actor, "access.denied", targetUser, targetMunicipality, std::nullopt, util::jsonText(after));
}

AdminResult linkAccount(db::Database& db, const config::Config& config, const view::Views& views,
                        const AdminActor& actor, const LinkRequest& req) {
    return onAccount(db, actor, req.emailKey, "user.link", Subject::Contact,
                     [&](db::Tx& tx, const Account& a, AdminResult& r) {
        // A municipality of another office is refused before the account's state is told.
        if (r.municipality = repo::findMunicipality(tx, req.taxNumber);
            r.municipality && actor.officeId && r.municipality->officeId != *actor.officeId) {
            recordDenied(tx, actor, "user.link", "municipality_outside_office", a.id, r.municipality->id);
            return AdminOutcome::OutsideOffice;
        }
        if (a.disabledAt) return AdminOutcome::Disabled;
        if (!a.confirmedAt) return AdminOutcome::Pending;
        if (!r.municipality)
            if (std::optional<AdminOutcome> stop = addLinkTarget(tx, actor, req, a, r)) return *stop;
        const Municipality& m = *r.municipality;
        if (a.municipality && a.municipality->id == m.id) return AdminOutcome::AlreadyLinked;
        const std::string now = util::sqlTime(util::now());
        tx.update("UPDATE users SET municipality_id = ?, linked_at = ? WHERE id = ?", m.id, now, a.id);
        record(tx, actor, "user.link", a.id, m.id, linkJson(a.municipality, a.linkedAt),
               linkJson(std::optional<Municipality>(m), now));
        mail::enqueue(tx, config, views, mailAbout(a, kLinkedMailKind, &m, config));
        return AdminOutcome::Done;
    });
}

AdminResult unlinkAccount(db::Database& db, const config::Config& config, const view::Views& views,
                          const AdminActor& actor, std::string_view emailKey) {
    return onAccount(db, actor, emailKey, "user.unlink", Subject::Contact,
                     [&](db::Tx& tx, const Account& a, AdminResult& r) {
        if (!a.municipality) return AdminOutcome::NotLinked;
        r.municipality = a.municipality;
        tx.update("UPDATE users SET municipality_id = NULL, linked_at = NULL WHERE id = ?", a.id);
        r.sessionsEnded = repo::endSessionsOfUser(tx, a.id);
        record(tx, actor, "user.unlink", a.id, a.municipality->id, linkJson(a.municipality, a.linkedAt),
               util::jsonText({{"municipality_id", nullptr},
                               {"municipality", nullptr},
                               {"tax_number", nullptr},
                               {"linked_at", nullptr},
                               {"sessions_ended", r.sessionsEnded}}));
        mail::enqueue(tx, config, views, mailAbout(a, kUnlinkedMailKind, &*a.municipality, config));
        return AdminOutcome::Done;
    });
}

AdminResult disableAccount(db::Database& db, const config::Config& config, const view::Views& views,
                           const AdminActor& actor, std::string_view emailKey) {
    return onAccount(db, actor, emailKey, "user.disable", Subject::Contact,
                     [&](db::Tx& tx, const Account& a, AdminResult& r) {
        if (a.disabledAt) return AdminOutcome::AlreadyDisabled;
        record(tx, actor, "user.disable", a.id, a.municipalityId(), util::jsonText({{"disabled_at", nullptr}}),
               disableNow(tx, a, r));
        mail::enqueue(tx, config, views, mailAbout(a, kDisabledMailKind, nullptr, config));
        return AdminOutcome::Done;
    });
}

AdminResult enableAccount(db::Database& db, const config::Config& config, const view::Views& views,
                          const AdminActor& actor, std::string_view emailKey) {
    return onAccount(db, actor, emailKey, "user.enable", Subject::Contact,
                     [&](db::Tx& tx, const Account& a, AdminResult&) {
        if (!a.disabledAt) return AdminOutcome::NotDisabled;
        tx.update("UPDATE users SET disabled_at = NULL WHERE id = ?", a.id);
        record(tx, actor, "user.enable", a.id, a.municipalityId(), util::jsonText({{"disabled_at", *a.disabledAt}}),
               util::jsonText({{"disabled_at", nullptr}}));
        // Whether the user can log in right away depends on the link.
        mail::Message message = mailAbout(a, kEnabledMailKind, a.municipality ? &*a.municipality : nullptr, config);
        message.sections.push_back(a.municipality ? "LINKED" : "NOT_LINKED");
        mail::enqueue(tx, config, views, message);
        return AdminOutcome::Done;
    });
}

AdminResult disableClerk(db::Database& db, const AdminActor& actor, std::string_view emailKey) {
    return onAccount(db, actor, emailKey, "clerk.disable", Subject::Clerk,
                     [&](db::Tx& tx, const Account& a, AdminResult& r) {
        if (a.disabledAt) return AdminOutcome::AlreadyDisabled;
        record(tx, actor, "clerk.disable", a.id, std::nullopt, util::jsonText({{"disabled_at", nullptr}}),
               disableNow(tx, a, r));
        return AdminOutcome::Done;
    });
}

}  // namespace ktk::service
