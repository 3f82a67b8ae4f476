#include "service/account_admin.h"

#include "domain/person_name.h"
#include "mail/queue.h"
#include "repo/sessions.h"
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

void record(db::Tx& tx, const AdminActor& actor, const char* action, const Account& target,
            std::optional<std::uint64_t> municipality, std::string before, std::string after) {
    repo::AuditEntry e;
    e.actor = actor.who;
    e.clientAddress = actor.clientAddress;
    e.action = action;
    e.targetUserId = target.id;
    e.targetMunicipalityId = municipality;
    e.before = std::move(before);
    e.after = std::move(after);
    repo::recordAudit(tx, e);
}

mail::Message messageTo(const Account& a, const char* kind, const config::Config& config) {
    mail::Message m;
    m.kind = kind;
    m.toAddress = a.email;
    m.toName = domain::displayName(a.lastName, a.firstName, a.language);
    m.lang = a.language;
    m.values = {
        {"NAME", m.toName},
        {"EMAIL", a.email},
        {"LOGIN_URL", config.baseUrl + "/login"},
    };
    return m;
}

void addMunicipality(mail::Message& m, const Municipality& municipality) {
    m.values.emplace_back("MUNICIPALITY", municipality.name);
    m.values.emplace_back("TAX_NUMBER", municipality.taxNumber);
}

// The checks every action starts with, in this order: the account exists,
// is a contact, and lies within the actor's office (else refused and
// audited). Returns the outcome that stops the action, if any.
std::optional<AdminOutcome> admit(db::Tx& tx, const AdminActor& actor, const char* action,
                                  const std::optional<Account>& a) {
    if (!a) return AdminOutcome::UnknownUser;
    if (a->clerk) return AdminOutcome::NotAContact;
    if (actor.officeId && !repo::withinOffice(*a, *actor.officeId)) {
        recordDenied(tx, actor, action, "user_outside_office", a->id, a->municipalityId());
        return AdminOutcome::OutsideOffice;
    }
    return std::nullopt;
}

}  // namespace

void recordDenied(db::Tx& tx, const AdminActor& actor, std::string_view action, std::string_view reason,
                  std::optional<std::uint64_t> targetUser, std::optional<std::uint64_t> targetMunicipality) {
    repo::AuditEntry e;
    e.actor = actor.who;
    e.clientAddress = actor.clientAddress;
    e.action = "access.denied";
    e.targetUserId = targetUser;
    e.targetMunicipalityId = targetMunicipality;
    util::Json after{{"attempted", action}, {"reason", reason}};
    if (actor.officeId) after["actor_office_id"] = *actor.officeId;
    e.after = util::jsonText(after);
    repo::recordAudit(tx, e);
}

AdminResult linkAccount(db::Database& db, const config::Config& config, const view::Views& views,
                        const AdminActor& actor, const LinkRequest& req) {
    return db.transact([&](db::Tx& tx) {
        AdminResult r;
        r.account = repo::findAccount(tx, req.emailKey, true);
        if (auto stop = admit(tx, actor, "user.link", r.account)) {
            r.outcome = *stop;
            return r;
        }
        const Account& a = *r.account;
        r.municipality = repo::findMunicipality(tx, req.taxNumber);
        if (r.municipality && actor.officeId && r.municipality->officeId != *actor.officeId) {
            recordDenied(tx, actor, "user.link", "municipality_outside_office", a.id, r.municipality->id);
            r.outcome = AdminOutcome::OutsideOffice;
            return r;
        }
        if (a.disabledAt) {
            r.outcome = AdminOutcome::Disabled;
            return r;
        }
        if (!a.confirmedAt) {
            r.outcome = AdminOutcome::Pending;
            return r;
        }
        if (!r.municipality) {
            // Only a clerk adds a municipality while linking: to their own office.
            if (req.newMunicipalityName.empty() || !actor.officeId) {
                r.outcome = AdminOutcome::UnknownMunicipality;
                return r;
            }
            repo::Inserted added =
                repo::addMunicipality(tx, req.newMunicipalityName, req.taxNumber, *actor.officeId);
            r.municipality = repo::findMunicipality(tx, req.taxNumber);
            if (added.outcome == repo::Insert::Duplicate) {
                // Another clerk registered the tax number a moment ago.
                if (r.municipality->officeId != *actor.officeId) {
                    recordDenied(tx, actor, "user.link", "municipality_outside_office", a.id, r.municipality->id);
                    r.outcome = AdminOutcome::OutsideOffice;
                    return r;
                }
            } else {
                r.municipalityAdded = true;
                repo::AuditEntry e;
                e.actor = actor.who;
                e.clientAddress = actor.clientAddress;
                e.action = "municipality.create";
                e.targetMunicipalityId = r.municipality->id;
                e.after = util::jsonText({{"name", r.municipality->name},
                                          {"tax_number", r.municipality->taxNumber},
                                          {"office_id", r.municipality->officeId},
                                          {"office", r.municipality->officeName}});
                repo::recordAudit(tx, e);
            }
        }
        const Municipality& m = *r.municipality;
        if (a.municipality && a.municipality->id == m.id) {
            r.outcome = AdminOutcome::AlreadyLinked;
            return r;
        }
        const std::string now = util::sqlTime(util::now());
        tx.update("UPDATE users SET municipality_id = ?, linked_at = ? WHERE id = ?", m.id, now, a.id);
        record(tx, actor, "user.link", a, m.id, linkJson(a.municipality, a.linkedAt),
               linkJson(std::optional<Municipality>(m), now));
        mail::Message message = messageTo(a, kLinkedMailKind, config);
        addMunicipality(message, m);
        mail::enqueue(tx, config, views, message);
        return r;
    });
}

AdminResult unlinkAccount(db::Database& db, const config::Config& config, const view::Views& views,
                          const AdminActor& actor, std::string_view emailKey) {
    return db.transact([&](db::Tx& tx) {
        AdminResult r;
        r.account = repo::findAccount(tx, emailKey, true);
        if (auto stop = admit(tx, actor, "user.unlink", r.account)) {
            r.outcome = *stop;
            return r;
        }
        const Account& a = *r.account;
        if (!a.municipality) {
            r.outcome = AdminOutcome::NotLinked;
            return r;
        }
        r.municipality = a.municipality;
        tx.update("UPDATE users SET municipality_id = NULL, linked_at = NULL WHERE id = ?", a.id);
        r.sessionsEnded = repo::endSessionsOfUser(tx, a.id);
        std::string after = util::jsonText({{"municipality_id", nullptr},
                                            {"municipality", nullptr},
                                            {"tax_number", nullptr},
                                            {"linked_at", nullptr},
                                            {"sessions_ended", r.sessionsEnded}});
        record(tx, actor, "user.unlink", a, a.municipality->id, linkJson(a.municipality, a.linkedAt), after);
        mail::Message message = messageTo(a, kUnlinkedMailKind, config);
        addMunicipality(message, *a.municipality);
        mail::enqueue(tx, config, views, message);
        return r;
    });
}

AdminResult disableAccount(db::Database& db, const config::Config& config, const view::Views& views,
                           const AdminActor& actor, std::string_view emailKey) {
    return db.transact([&](db::Tx& tx) {
        AdminResult r;
        r.account = repo::findAccount(tx, emailKey, true);
        if (auto stop = admit(tx, actor, "user.disable", r.account)) {
            r.outcome = *stop;
            return r;
        }
        const Account& a = *r.account;
        if (a.disabledAt) {
            r.outcome = AdminOutcome::AlreadyDisabled;
            return r;
        }
        const std::string now = util::sqlTime(util::now());
        tx.update("UPDATE users SET disabled_at = ? WHERE id = ?", now, a.id);
        r.sessionsEnded = repo::endSessionsOfUser(tx, a.id);
        record(tx, actor, "user.disable", a, a.municipalityId(),
               util::jsonText({{"disabled_at", nullptr}}),
               util::jsonText({{"disabled_at", now}, {"sessions_ended", r.sessionsEnded}}));
        mail::enqueue(tx, config, views, messageTo(a, kDisabledMailKind, config));
        return r;
    });
}

AdminResult enableAccount(db::Database& db, const config::Config& config, const view::Views& views,
                          const AdminActor& actor, std::string_view emailKey) {
    return db.transact([&](db::Tx& tx) {
        AdminResult r;
        r.account = repo::findAccount(tx, emailKey, true);
        if (auto stop = admit(tx, actor, "user.enable", r.account)) {
            r.outcome = *stop;
            return r;
        }
        const Account& a = *r.account;
        if (!a.disabledAt) {
            r.outcome = AdminOutcome::NotDisabled;
            return r;
        }
        tx.update("UPDATE users SET disabled_at = NULL WHERE id = ?", a.id);
        record(tx, actor, "user.enable", a, a.municipalityId(),
               util::jsonText({{"disabled_at", *a.disabledAt}}), util::jsonText({{"disabled_at", nullptr}}));
        mail::Message message = messageTo(a, kEnabledMailKind, config);
        // Whether the user can log in right away depends on the link.
        if (a.municipality) {
            addMunicipality(message, *a.municipality);
            message.sections.push_back("LINKED");
        } else {
            message.sections.push_back("NOT_LINKED");
        }
        mail::enqueue(tx, config, views, message);
        return r;
    });
}

AdminResult disableClerk(db::Database& db, const AdminActor& actor, std::string_view emailKey) {
    return db.transact([&](db::Tx& tx) {
        AdminResult r;
        r.account = repo::findAccount(tx, emailKey, true);
        if (!r.account) {
            r.outcome = AdminOutcome::UnknownUser;
            return r;
        }
        const Account& a = *r.account;
        if (!a.clerk) {
            r.outcome = AdminOutcome::NotAClerk;
            return r;
        }
        if (a.disabledAt) {
            r.outcome = AdminOutcome::AlreadyDisabled;
            return r;
        }
        const std::string now = util::sqlTime(util::now());
        tx.update("UPDATE users SET disabled_at = ? WHERE id = ?", now, a.id);
        r.sessionsEnded = repo::endSessionsOfUser(tx, a.id);
        record(tx, actor, "clerk.disable", a, std::nullopt, util::jsonText({{"disabled_at", nullptr}}),
               util::jsonText({{"disabled_at", now}, {"sessions_ended", r.sessionsEnded}}));
        return r;
    });
}

}  // namespace ktk::service
