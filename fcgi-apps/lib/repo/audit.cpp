#include "repo/audit.h"

#include "util/clock.h"

namespace ktk::audit {

Actor Actor::user(std::uint64_t id) { return {id, "user:" + std::to_string(id)}; }

Actor Actor::cli(std::string_view unixUser) {
    return {std::nullopt, "cli:" + std::string(unixUser.empty() ? "unknown" : unixUser.substr(0, 90))};
}

Actor Actor::anonymous() { return {std::nullopt, "anonymous"}; }

void record(db::Tx& tx, const Entry& e) {
    std::optional<std::string> address;
    if (!e.clientAddress.empty()) address = e.clientAddress.substr(0, 45);
    tx.update(
        "INSERT INTO audit_log (created_at, actor_user_id, actor_label, client_address, action,"
        " target_user_id, target_municipality_id, before_value, after_value)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        clock::toSql(clock::now()), e.actor.userId, e.actor.label, address, e.action, e.targetUserId,
        e.targetMunicipalityId, e.before, e.after);
}

}  // namespace ktk::audit
