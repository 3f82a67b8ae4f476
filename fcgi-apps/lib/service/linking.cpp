#include "service/linking.h"

#include "domain/person_name.h"
#include "mail/queue.h"
#include "util/clock.h"
#include "util/json.h"
#include "web/session.h"

namespace ktk::linking {

namespace {

using directory::Account;
using directory::Municipality;

// The account's link as the audit log shows it on either side of a change.
std::string linkJson(const std::optional<Municipality>& m, const std::optional<std::string>& linkedAt) {
    JsonObject o;
    if (m) o.add("municipality_id", m->id).add("municipality", m->name).add("tax_number", m->taxNumber);
    else o.addNull("municipality_id").addNull("municipality").addNull("tax_number");
    if (linkedAt) o.add("linked_at", *linkedAt);
    else o.addNull("linked_at");
    return o.str();
}

void record(db::Tx& tx, const Actor& actor, const char* action, const Account& target,
            std::optional<std::uint64_t> municipality, std::string before, std::string after) {
    audit::Entry e;
    e.actor = actor.who;
    e.clientAddress = actor.clientAddress;
    e.action = action;
    e.targetUserId = target.id;
    e.targetMunicipalityId = municipality;
    e.before = std::move(before);
    e.after = std::move(after);
    audit::record(tx, e);
}

mail::Message messageTo(const Account& a, const char* kind, const Config& config) {
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
std::optional<Outcome> admit(db::Tx& tx, const Actor& actor, const char* action, const std::optional<Account>& a) {
    if (!a) return Outcome::UnknownUser;
    if (a->clerk) return Outcome::NotAContact;
    if (actor.officeId && !directory::withinOffice(*a, *actor.officeId)) {
        recordDenied(tx, actor, action, "user_outside_office", a->id, a->municipalityId());
        return Outcome::OutsideOffice;
    }
    return std::nullopt;
}

}  // namespace

void recordDenied(db::Tx& tx, const Actor& actor, std::string_view action, std::string_view reason,
                  std::optional<std::uint64_t> targetUser, std::optional<std::uint64_t> targetMunicipality) {
    audit::Entry e;
    e.actor = actor.who;
    e.clientAddress = actor.clientAddress;
    e.action = "access.denied";
    e.targetUserId = targetUser;
    e.targetMunicipalityId = targetMunicipality;
    JsonObject after;
    after.add("attempted", action).add("reason", reason);
    if (actor.officeId) after.add("actor_office_id", *actor.officeId);
    e.after = after.str();
    audit::record(tx, e);
}

Result link(db::Database& db, const Config& config, const Views& views, const Actor& actor, const LinkRequest& req) {
    return db.transact([&](db::Tx& tx) {
        Result r;
        r.account = directory::findAccount(tx, req.emailKey, true);
        if (auto stop = admit(tx, actor, "user.link", r.account)) {
            r.outcome = *stop;
            return r;
        }
        const Account& a = *r.account;
        r.municipality = directory::findMunicipality(tx, req.taxNumber);
        if (r.municipality && actor.officeId && r.municipality->officeId != *actor.officeId) {
            recordDenied(tx, actor, "user.link", "municipality_outside_office", a.id, r.municipality->id);
            r.outcome = Outcome::OutsideOffice;
            return r;
        }
        if (a.disabledAt) {
            r.outcome = Outcome::Disabled;
            return r;
        }
        if (!a.confirmedAt) {
            r.outcome = Outcome::Pending;
            return r;
        }
        if (!r.municipality) {
            // Only a clerk adds a municipality while linking: to their own office.
            if (req.newMunicipalityName.empty() || !actor.officeId) {
                r.outcome = Outcome::UnknownMunicipality;
                return r;
            }
            directory::Inserted added =
                directory::addMunicipality(tx, req.newMunicipalityName, req.taxNumber, *actor.officeId);
            r.municipality = directory::findMunicipality(tx, req.taxNumber);
            if (added.outcome == directory::Insert::Duplicate) {
                // Another clerk registered the tax number a moment ago.
                if (r.municipality->officeId != *actor.officeId) {
                    recordDenied(tx, actor, "user.link", "municipality_outside_office", a.id, r.municipality->id);
                    r.outcome = Outcome::OutsideOffice;
                    return r;
                }
            } else {
                r.municipalityAdded = true;
                audit::Entry e;
                e.actor = actor.who;
                e.clientAddress = actor.clientAddress;
                e.action = "municipality.create";
                e.targetMunicipalityId = r.municipality->id;
                e.after = JsonObject()
                              .add("name", r.municipality->name)
                              .add("tax_number", r.municipality->taxNumber)
                              .add("office_id", r.municipality->officeId)
                              .add("office", r.municipality->officeName)
                              .str();
                audit::record(tx, e);
            }
        }
        const Municipality& m = *r.municipality;
        if (a.municipality && a.municipality->id == m.id) {
            r.outcome = Outcome::AlreadyLinked;
            return r;
        }
        const std::string now = clock::toSql(clock::now());
        tx.update("UPDATE users SET municipality_id = ?, linked_at = ? WHERE id = ?", m.id, now, a.id);
        record(tx, actor, "user.link", a, m.id, linkJson(a.municipality, a.linkedAt),
               linkJson(std::optional<Municipality>(m), now));
        mail::Message message = messageTo(a, kLinkedMailKind, config);
        addMunicipality(message, m);
        mail::enqueue(tx, config, views, message);
        return r;
    });
}

Result unlink(db::Database& db, const Config& config, const Views& views, const Actor& actor,
              std::string_view emailKey) {
    return db.transact([&](db::Tx& tx) {
        Result r;
        r.account = directory::findAccount(tx, emailKey, true);
        if (auto stop = admit(tx, actor, "user.unlink", r.account)) {
            r.outcome = *stop;
            return r;
        }
        const Account& a = *r.account;
        if (!a.municipality) {
            r.outcome = Outcome::NotLinked;
            return r;
        }
        r.municipality = a.municipality;
        tx.update("UPDATE users SET municipality_id = NULL, linked_at = NULL WHERE id = ?", a.id);
        r.sessionsEnded = session::endAllForUser(tx, a.id);
        std::string after = JsonObject()
                                .addNull("municipality_id")
                                .addNull("municipality")
                                .addNull("tax_number")
                                .addNull("linked_at")
                                .add("sessions_ended", r.sessionsEnded)
                                .str();
        record(tx, actor, "user.unlink", a, a.municipality->id, linkJson(a.municipality, a.linkedAt), after);
        mail::Message message = messageTo(a, kUnlinkedMailKind, config);
        addMunicipality(message, *a.municipality);
        mail::enqueue(tx, config, views, message);
        return r;
    });
}

Result disable(db::Database& db, const Config& config, const Views& views, const Actor& actor,
               std::string_view emailKey) {
    return db.transact([&](db::Tx& tx) {
        Result r;
        r.account = directory::findAccount(tx, emailKey, true);
        if (auto stop = admit(tx, actor, "user.disable", r.account)) {
            r.outcome = *stop;
            return r;
        }
        const Account& a = *r.account;
        if (a.disabledAt) {
            r.outcome = Outcome::AlreadyDisabled;
            return r;
        }
        const std::string now = clock::toSql(clock::now());
        tx.update("UPDATE users SET disabled_at = ? WHERE id = ?", now, a.id);
        r.sessionsEnded = session::endAllForUser(tx, a.id);
        record(tx, actor, "user.disable", a, a.municipalityId(),
               JsonObject().addNull("disabled_at").str(),
               JsonObject().add("disabled_at", now).add("sessions_ended", r.sessionsEnded).str());
        mail::enqueue(tx, config, views, messageTo(a, kDisabledMailKind, config));
        return r;
    });
}

Result enable(db::Database& db, const Config& config, const Views& views, const Actor& actor,
              std::string_view emailKey) {
    return db.transact([&](db::Tx& tx) {
        Result r;
        r.account = directory::findAccount(tx, emailKey, true);
        if (auto stop = admit(tx, actor, "user.enable", r.account)) {
            r.outcome = *stop;
            return r;
        }
        const Account& a = *r.account;
        if (!a.disabledAt) {
            r.outcome = Outcome::NotDisabled;
            return r;
        }
        tx.update("UPDATE users SET disabled_at = NULL WHERE id = ?", a.id);
        record(tx, actor, "user.enable", a, a.municipalityId(),
               JsonObject().add("disabled_at", *a.disabledAt).str(), JsonObject().addNull("disabled_at").str());
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

Result disableClerk(db::Database& db, const Actor& actor, std::string_view emailKey) {
    return db.transact([&](db::Tx& tx) {
        Result r;
        r.account = directory::findAccount(tx, emailKey, true);
        if (!r.account) {
            r.outcome = Outcome::UnknownUser;
            return r;
        }
        const Account& a = *r.account;
        if (!a.clerk) {
            r.outcome = Outcome::NotAClerk;
            return r;
        }
        if (a.disabledAt) {
            r.outcome = Outcome::AlreadyDisabled;
            return r;
        }
        const std::string now = clock::toSql(clock::now());
        tx.update("UPDATE users SET disabled_at = ? WHERE id = ?", now, a.id);
        r.sessionsEnded = session::endAllForUser(tx, a.id);
        record(tx, actor, "clerk.disable", a, std::nullopt, JsonObject().addNull("disabled_at").str(),
               JsonObject().add("disabled_at", now).add("sessions_ended", r.sessionsEnded).str());
        return r;
    });
}

}  // namespace ktk::linking
