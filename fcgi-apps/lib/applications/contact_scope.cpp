#include "applications/contact_scope.h"

#include "repo/audit.h"
#include "util/json.h"

namespace ktk::applications {

void auditContact(db::Tx& tx, const Contact& who, const char* action, std::optional<std::string> before,
                  std::optional<std::string> after) {
    repo::AuditEntry e;
    e.actor = repo::Actor::user(who.userId);
    e.clientAddress = who.clientAddress;
    e.action = action;
    e.targetMunicipalityId = who.municipalityId;
    e.before = std::move(before);
    e.after = std::move(after);
    repo::recordAudit(tx, e);
}

std::optional<StoredApplication> loadOwnApplication(db::Tx& tx, const Contact& who, std::uint64_t id, RowLock lock) {
    std::optional<StoredApplication> app = loadApplication(tx, id, lock);
    if (app && app->summary.municipalityId == who.municipalityId) return app;
    auditContact(tx, who, "application.denied", std::nullopt, util::jsonText({{"application_id", id}}));
    return std::nullopt;
}

}  // namespace ktk::applications
