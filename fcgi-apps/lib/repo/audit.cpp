#include "repo/audit.h"

#include <stdexcept>

#include "repo/audit_chain.h"
#include "util/clock.h"

namespace ktk::repo {

Actor Actor::user(std::uint64_t id) { return {id, "user:" + std::to_string(id)}; }

Actor Actor::cli(std::string_view unixUser) {
    return {std::nullopt, "cli:" + std::string(unixUser.empty() ? "unknown" : unixUser.substr(0, 90))};
}

Actor Actor::system(std::string_view program) { return {std::nullopt, "system:" + std::string(program.substr(0, 90))}; }

Actor Actor::client(std::string_view clientId) { return {std::nullopt, "client:" + std::string(clientId.substr(0, 90))}; }

Actor Actor::anonymous() { return {std::nullopt, "anonymous"}; }

void recordAudit(db::Tx& tx, const AuditEntry& e) {
    // Chained at COMMIT: in autocommit the row would stand unchained.
    if (!tx.inTransaction()) throw std::logic_error("an audit row is written inside a transaction (transact())");
    std::optional<std::string> address;
    if (!e.clientAddress.empty()) address = e.clientAddress.substr(0, 45);
    // The offices the row belongs to, as the links stand now, in the same
    // statement (0008_audit_offices.sql says which).
    tx.update(
        "INSERT INTO audit_log (created_at, actor_user_id, actor_label, actor_office_id, client_address, action,"
        " target_user_id, target_municipality_id, subject_office_id, before_value, after_value)"
        " VALUES (?, ?, ?, (SELECT office_id FROM users WHERE id = ? AND role = 'clerk'), ?, ?, ?, ?,"
        " COALESCE((SELECT office_id FROM municipalities WHERE id = ?),"
        "          (SELECT COALESCE(m.office_id, u.office_id) FROM users u"
        "           LEFT JOIN municipalities m ON m.id = u.municipality_id WHERE u.id = ?)), ?, ?)",
        util::sqlTime(util::now()), e.actor.userId, e.actor.label, e.actor.userId, address, e.action, e.targetUserId,
        e.targetMunicipalityId, e.targetMunicipalityId, e.targetUserId, e.before, e.after);
    // Its hash covers the row as stored (with its id, time and offices).
    std::optional<domain::AuditRecord> row = lastInsertedAuditRecord(tx);
    if (!row) throw std::runtime_error("the audit row just written cannot be read back");
    chainAtCommit(tx, std::move(*row));
}

std::vector<AuditRow> listAudit(db::Tx& tx, const AuditFilter& f) {
    // Ids start at 1: 0 stands for "no such filter".
    const std::uint64_t user = f.userId.value_or(0), municipality = f.municipalityId.value_or(0);
    const std::uint64_t office = f.officeId.value_or(0);
    db::Row r = tx.query(
        "SELECT a.id, a.created_at, a.actor_label, au.email, a.client_address, a.action,"
        " a.target_user_id, tu.email, tu.last_name, tu.first_name,"
        " a.target_municipality_id, m.name, m.tax_number, a.before_value, a.after_value"
        " FROM audit_log a"
        " LEFT JOIN users au ON au.id = a.actor_user_id"
        " LEFT JOIN users tu ON tu.id = a.target_user_id"
        " LEFT JOIN municipalities m ON m.id = a.target_municipality_id"
        " WHERE (? = 0 OR a.target_user_id = ?) AND (? = 0 OR a.target_municipality_id = ?)"
        " AND (? = 0 OR a.actor_office_id = ? OR a.subject_office_id = ?)"
        " ORDER BY a.id DESC LIMIT ?",
        user, user, municipality, municipality, office, office, office, f.limit);
    std::vector<AuditRow> out;
    while (r->next()) {
        AuditRow row;
        row.id = r->getUInt64(1);
        row.createdAt = r->getString(2);
        row.actorLabel = r->getString(3);
        if (!r->isNull(4)) row.actorEmail = r->getString(4);
        if (!r->isNull(5)) row.clientAddress = r->getString(5);
        row.action = r->getString(6);
        if (!r->isNull(7)) row.targetUserId = r->getUInt64(7);
        if (!r->isNull(8)) {
            row.targetEmail = r->getString(8);
            row.targetLastName = r->getString(9);
            row.targetFirstName = r->getString(10);
        }
        if (!r->isNull(11)) row.targetMunicipalityId = r->getUInt64(11);
        if (!r->isNull(12)) {
            row.municipalityName = r->getString(12);
            row.taxNumber = r->getString(13);
        }
        if (!r->isNull(14)) row.before = r->getString(14);
        if (!r->isNull(15)) row.after = r->getString(15);
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace ktk::repo
