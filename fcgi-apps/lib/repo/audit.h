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

#include "db/database.h"

namespace ktk::audit {

// Who acted: an account (label "user:<id>"), an operator at the command
// line ("cli:<unix user>") or an unauthenticated visitor ("anonymous").
struct Actor {
    std::optional<std::uint64_t> userId;
    std::string label;

    static Actor user(std::uint64_t id);
    static Actor cli(std::string_view unixUser);
    static Actor anonymous();
};

struct Entry {
    Actor actor = Actor::anonymous();
    std::string clientAddress;  // "" when there is none (command line)
    std::string action;         // dotted name, e.g. "login.success", "link.create"
    std::optional<std::uint64_t> targetUserId;
    std::optional<std::uint64_t> targetMunicipalityId;
    std::optional<std::string> before;  // JSON objects (util/json.h builds them)
    std::optional<std::string> after;
};

// Appends one row stamped with clock::now().
void record(db::Tx& tx, const Entry& entry);

}  // namespace ktk::audit
