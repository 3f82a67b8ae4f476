// The append-only audit log (table audit_log). Every security-relevant
// event — logins, locks, clerk actions, password changes — is one row,
// written in the same transaction as the change it describes, so an event
// is recorded exactly when it happened. The database refuses UPDATE and
// DELETE on the table. Never put a password, token or hash in a value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace ktk::repo {

// Who acted: an account (label "user:<id>"), an operator at the command
// line ("cli:<unix user>"), the portal's own housekeeping
// ("system:<program>"), a sibling service that authenticated as an
// OpenID Connect client ("client:<client_id>") or an unauthenticated
// visitor ("anonymous").
struct Actor {
    std::optional<std::uint64_t> userId;
    std::string label;

    static Actor user(std::uint64_t id);
    static Actor cli(std::string_view unixUser);
    static Actor system(std::string_view program);
    static Actor client(std::string_view clientId);
    static Actor anonymous();
};

struct AuditEntry {
    Actor actor = Actor::anonymous();
    std::string clientAddress;  // "" when there is none (command line)
    std::string action;         // dotted name, e.g. "login.success", "link.create"
    std::optional<std::uint64_t> targetUserId;
    std::optional<std::uint64_t> targetMunicipalityId;
    std::optional<std::string> before;  // JSON objects (util/json.h builds them)
    std::optional<std::string> after;
};

// Appends one row stamped with util::now() and with the offices it belongs
// to as the links stand at this moment: the acting clerk's, and that of
// the municipality or account it is about (see 0008_audit_offices.sql).
// An event that moves something between offices is written once before
// and once after the move, so that each office keeps its side of it.
// The row joins its hash chain as the transaction's last step before
// COMMIT (repo/audit_chain.h), so it needs a transaction (transact()).
void recordAudit(db::Tx& tx, const AuditEntry& entry);

// One row as the clerks' audit page shows it, with the names of the
// accounts and the municipality it mentions (empty when they are gone).
struct AuditRow {
    std::uint64_t id = 0;
    std::string createdAt;  // "YYYY-MM-DD HH:MM:SS" UTC
    std::string actorLabel;
    std::string actorEmail;  // when the actor is an account
    std::string clientAddress;
    std::string action;
    std::optional<std::uint64_t> targetUserId;
    std::string targetEmail;
    std::string targetLastName;
    std::string targetFirstName;
    std::optional<std::uint64_t> targetMunicipalityId;
    std::string municipalityName;
    std::string taxNumber;
    std::optional<std::string> before;
    std::optional<std::string> after;
};

struct AuditFilter {
    std::optional<std::uint64_t> userId;          // rows about this account
    std::optional<std::uint64_t> municipalityId;  // rows about this municipality
    // Only the rows that belong to this office: acts of its clerks, and
    // events on its accounts and municipalities while they were its own
    // (nullopt: every row, for the operator).
    std::optional<std::uint64_t> officeId;
    unsigned limit = 200;
};

// Newest first.
std::vector<AuditRow> listAudit(db::Tx& tx, const AuditFilter& filter);

}  // namespace ktk::repo
