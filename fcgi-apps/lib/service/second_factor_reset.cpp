#include "service/second_factor_reset.h"

#include "db/database.h"
#include "mail/queue.h"
#include "repo/audit.h"
#include "repo/second_factor.h"
#include "repo/sessions.h"
#include "service/account_mail.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "util/json.h"

namespace ktk::service {

mail::Message secondFactorResetMail(const repo::Account& a, const std::optional<std::string>& officeName,
                                    std::int64_t now, const config::Config& config) {
    mail::Message m = mailTo(a, kSecondFactorResetMailKind, config);
    const std::string time = a.language == domain::Lang::Hu ? util::hungarianTime(now) : util::hungarianTimeIso(now);
    m.values.insert(m.values.end(), {{"TIME", time}, {"UTC_OFFSET", util::hungarianOffsetLabel(now)}});
    if (officeName) {
        m.values.emplace_back("OFFICE", *officeName);
        m.sections.emplace_back("BY_OFFICE");
    } else {
        m.sections.emplace_back("BY_OPERATOR");
    }
    m.sections.emplace_back(a.clerk ? "CLERK" : "CONTACT");
    return m;
}

AdminResult resetSecondFactor(db::Database& db, const config::Config& config, const view::Views& views,
                              const AdminActor& actor, std::string_view emailKey) {
    AdminResult result = onAccount(db, actor, emailKey, kSecondFactorResetAudit, Subject::Any,
                                   [&](db::Tx& tx, const repo::Account& a, AdminResult& r) {
        if (repo::secondFactorOf(tx, a.id) != repo::SecondFactor::On) return AdminOutcome::NoSecondFactor;
        repo::removeSecondFactor(tx, a.id);
        r.sessionsEnded = repo::endSessionsOfUser(tx, a.id);
        const std::int64_t now = util::now();
        repo::AuditEntry e;
        e.actor = actor.who;
        e.clientAddress = actor.clientAddress;
        e.action = kSecondFactorResetAudit;
        e.targetUserId = a.id;
        e.targetMunicipalityId = a.municipalityId();
        e.before = util::jsonText({{"second_factor", "totp"}});
        e.after = util::jsonText({{"second_factor", nullptr}, {"sessions_ended", r.sessionsEnded}});
        repo::recordAudit(tx, e);
        std::optional<std::string> officeName;
        if (actor.officeId)
            if (std::optional<repo::Office> office = repo::findOffice(tx, *actor.officeId)) officeName = office->name;
        mail::enqueue(tx, config, views, secondFactorResetMail(a, officeName, now, config));
        return AdminOutcome::Done;
    });
    // A clerk trying to take a colleague's second factor away is worth a row
    // of its own: only the operator resets a clerk's.
    if (result.outcome == AdminOutcome::NotAContact && actor.officeId)
        db.transact([&](db::Tx& tx) {
            recordDenied(tx, actor, kSecondFactorResetAudit, "clerk_account", result.account->id, std::nullopt);
        });
    return result;
}

}  // namespace ktk::service
